/** What callers pass to `ip.link.add` and `ip.link.set` (iproute2's keywords, in camelCase). */
import type { Dev } from './context.js';

/** A network namespace as `link set ... netns` takes it: a name, or a path, fd or pid. */
export type NetnsRef = string | { path: string } | { fd: number } | { pid: number } | number;

/** Attributes common to every kind at creation (and most settable later). */
export interface LinkCommon {
  /** Interface name; the kernel picks one (veth0, br0...) when omitted. 1-15 bytes, no '/', ':', whitespace. */
  name?: string;
  mtu?: number;
  /** MAC address text. */
  address?: string;
  broadcast?: string;
  txqlen?: number;
  /** Master device (bridge) by name or index. */
  master?: Dev;
  /** Bring the link up at creation. */
  up?: boolean;
  /** Create in (or move to) this namespace. */
  netns?: NetnsRef;
  group?: number;
  alias?: string;
  numTxQueues?: number;
  numRxQueues?: number;
}

/** The peer end of a veth pair. */
export interface VethPeerSpec {
  name?: string;
  netns?: NetnsRef;
  mtu?: number;
  address?: string;
  txqlen?: number;
}

export interface VethSpec extends LinkCommon {
  type: 'veth';
  peer?: VethPeerSpec;
}

export interface BridgeSpec extends LinkCommon {
  type: 'bridge';
  /** Centiseconds, as iproute2 takes them (forward_delay 1500 = 15 s). */
  forwardDelay?: number;
  helloTime?: number;
  maxAge?: number;
  ageingTime?: number;
  stpState?: 0 | 1 | boolean;
  priority?: number;
  vlanFiltering?: 0 | 1 | boolean;
  /** '802.1Q' or '802.1ad'. */
  vlanProtocol?: '802.1Q' | '802.1ad';
  vlanDefaultPvid?: number;
  groupFwdMask?: number;
  mcastSnooping?: 0 | 1 | boolean;
  mcastQuerier?: 0 | 1 | boolean;
  nfCallIptables?: 0 | 1 | boolean;
  nfCallIp6tables?: 0 | 1 | boolean;
  nfCallArptables?: 0 | 1 | boolean;
}

export interface VxlanSpec extends Omit<LinkCommon, 'group'> {
  type: 'vxlan';
  /** VNI (required). */
  id: number;
  /** UDP destination port; the kernel's default is 8472 when omitted (iproute2 warns). */
  dstport?: number;
  local?: string;
  remote?: string;
  group?: string;
  /** Underlying device. */
  dev?: Dev;
  ttl?: number;
  tos?: number;
  learning?: boolean;
  ageing?: number;
  srcport?: [number, number];
  udpCsum?: boolean;
}

export type MacvlanMode = 'private' | 'vepa' | 'bridge' | 'passthru' | 'source';

export interface MacvlanSpec extends LinkCommon {
  type: 'macvlan' | 'macvtap';
  /** The lower device. */
  link: Dev;
  mode?: MacvlanMode;
}

/** Any other kind the kernel knows (ifb, ...), created with no kind options. */
export interface OtherSpec extends LinkCommon {
  type: string;
}

export type LinkSpec = VethSpec | BridgeSpec | VxlanSpec | MacvlanSpec | OtherSpec;

/** Changes `ip.link.set` applies (iproute2's `ip link set` keywords). */
export interface LinkChange {
  up?: boolean;
  name?: string;
  mtu?: number;
  address?: string;
  broadcast?: string;
  /** A master by name or index; `null` detaches (nomaster). */
  master?: Dev | null;
  netns?: NetnsRef;
  alias?: string;
  txqlen?: number;
  group?: number;
  promisc?: boolean;
  allmulticast?: boolean;
  /** `arp off` sets IFF_NOARP. */
  arp?: boolean;
  multicast?: boolean;
  carrier?: boolean;
}

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
