/** What callers pass to `ip.link.add` and `ip.link.set` (iproute2's keywords, in camelCase). */
import type { Dev } from './context.js';
import type { KindChange, KnownLinkSpec, LinkSpecOf } from './kinds/index.js';

/** A network namespace as `link set ... netns` takes it: a name, or a path, fd or pid. */
export type NetnsRef = string | { path: string } | { fd: number } | { pid: number } | number;

/**
 * The options every kind takes, at creation and (most of them) later with `ip.link.set`. They
 * are sent in the order they are given, as iproute2 sends its words.
 */
export interface LinkOptions {
  /** Interface name; the kernel picks one (veth0, br0...) when omitted. 1-15 bytes, no '/', ':', whitespace. */
  name?: string;
  mtu?: number;
  /** MAC address text. */
  address?: string;
  broadcast?: string;
  txqlen?: number;
  /** Master device (bridge, bond, vrf) by name or index. */
  master?: Dev;
  /** The lower device (IFLA_LINK): required by vlan, macvlan, ipvlan; accepted by every kind. */
  link?: Dev;
  /** Bring the link up. */
  up?: boolean;
  /** Create in (or move to) this namespace. */
  netns?: NetnsRef;
  group?: number;
  alias?: string;
  numTxQueues?: number;
  numRxQueues?: number;
  promisc?: boolean;
  allmulticast?: boolean;
  multicast?: boolean;
  /** `arp off` sets IFF_NOARP. */
  arp?: boolean;
  carrier?: boolean;
}

/** Kept for callers of earlier versions: the common options. */
export type LinkCommon = LinkOptions;

/**
 * A kind rtnl-ts has no driver for (nlmon, vcan, ...): only the common options, and optionally
 * the kind's IFLA_INFO_DATA as raw bytes.
 */
export interface OtherKindSpec extends LinkOptions {
  type: string;
  /** IFLA_INFO_DATA as the kernel takes it, written as is. */
  data?: Uint8Array;
}

/** `ip.link.add`: a known kind's typed spec, or another kind with raw data. */
export type LinkSpec = KnownLinkSpec | OtherKindSpec;

/** `ip.link.add` of a veth pair. */
export type VethSpec = LinkSpecOf<'veth'>;
/** `ip.link.add` of a bridge. */
export type BridgeSpec = LinkSpecOf<'bridge'>;
/** `ip.link.add` of a vxlan device. */
export type VxlanSpec = LinkSpecOf<'vxlan'>;
/** `ip.link.add` of a macvlan or macvtap device. */
export type MacvlanSpec = LinkSpecOf<'macvlan'> | LinkSpecOf<'macvtap'>;
/** `ip.link.add` of an 802.1Q/802.1ad vlan device. */
export type VlanSpec = LinkSpecOf<'vlan'>;

/** What `ip.link.set` changes beside a kind's options. */
export interface LinkChangeCommon extends Omit<LinkOptions, 'master' | 'link'> {
  /** A master by name or index; `null` detaches (nomaster). */
  master?: Dev | null;
}

/**
 * Changes `ip.link.set` applies (iproute2's `ip link set` keywords); with `type`, the kind's
 * options too (`{ type: 'bridge', stpState: 1 }`, `{ type: 'bridge_slave', cost: 10 }`); a kind
 * without a driver sends only its name (IFLA_INFO_KIND), as `ip link set ... type K` does.
 */
export type LinkChange = LinkChangeCommon & ({ type?: undefined } | KindChange | { type: string });

/** Filters of `ip.link.list` (the `ip link show` selectors). */
export interface LinkFilter {
  /** Only links enslaved to this master. */
  master?: Dev;
  /** Only links of this kind ('bridge', 'veth', ...). */
  type?: string;
  /** Only links that are up. */
  up?: boolean;
  /** Only links in this group. */
  group?: number;
  /** Include IFLA_STATS64 counters (default true, like ip -s). */
  stats?: boolean;
}
