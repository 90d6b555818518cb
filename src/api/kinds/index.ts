/**
 * The link kinds the API drives: `type` -> driver. Adding a kind is one driver file in this
 * folder and one line here; the spec types (LinkSpec, LinkChange) are derived from this table,
 * so a driver whose options do not match its data, or a CLI plug that reads words into options
 * the driver lacks, does not compile.
 */
import type { LinkOptions } from '../link-types.js';
import { bondDriver } from './bond.js';
import { bondPortDriver } from './bond_slave.js';
import { bridgeDriver } from './bridge.js';
import { bridgePortDriver } from './bridge_slave.js';
import { geneveDriver } from './geneve.js';
import { plainDriver, type OptionsOf } from './driver.js';
import { erspanDriver, greDriver } from './gre.js';
import { gre6Driver } from './gre6.js';
import { ip6tnlDriver } from './ip6tnl.js';
import { ipipDriver, sitDriver } from './iptnl.js';
import { ipvlanDriver } from './ipvlan.js';
import { macvlanDriver } from './macvlan.js';
import { tunDriver } from './tun.js';
import { vethDriver } from './veth.js';
import { vlanDriver } from './vlan.js';
import { vrfDriver, vrfPortDriver } from './vrf.js';
import { vti6Driver, vtiDriver } from './vti.js';
import { vxlanDriver } from './vxlan.js';

/** `type` of `ip.link.add` -> its driver. */
export const KIND_DRIVERS = {
  veth: vethDriver,
  bridge: bridgeDriver,
  vxlan: vxlanDriver,
  geneve: geneveDriver,
  wireguard: plainDriver,
  macvlan: macvlanDriver,
  macvtap: macvlanDriver,
  vlan: vlanDriver,
  ipvlan: ipvlanDriver,
  ipvtap: ipvlanDriver,
  vrf: vrfDriver,
  bond: bondDriver,
  dummy: plainDriver,
  ifb: plainDriver,
  nlmon: plainDriver,
  gre: greDriver,
  gretap: greDriver,
  erspan: erspanDriver,
  ip6gre: gre6Driver,
  ip6gretap: gre6Driver,
  ip6erspan: gre6Driver,
  tun: tunDriver,
  tap: tunDriver,
  ipip: ipipDriver,
  sit: sitDriver,
  ip6tnl: ip6tnlDriver,
  vti: vtiDriver,
  vti6: vti6Driver,
} as const;

/** `type` of `ip.link.set` for a port's options -> its driver (iproute2's "<master>_slave"). */
export const SLAVE_DRIVERS = {
  bridge_slave: bridgePortDriver,
  vrf_slave: vrfPortDriver,
  bond_slave: bondPortDriver,
} as const;

/** A kind rtnl-ts has a driver for. */
export type KnownLinkKind = keyof typeof KIND_DRIVERS;
/** A port kind rtnl-ts has a driver for. */
export type KnownSlaveKind = keyof typeof SLAVE_DRIVERS;

/** The options of kind K (beside the common ones). */
export type KindOptions<K extends KnownLinkKind> = OptionsOf<(typeof KIND_DRIVERS)[K]>;
/** The options of port kind K. */
export type SlaveKindOptions<K extends KnownSlaveKind> = OptionsOf<(typeof SLAVE_DRIVERS)[K]>;

/** What `ip.link.add` takes for kind K: the common options, `type: K` and the kind's options. */
export type LinkSpecOf<K extends KnownLinkKind> = LinkOptions & { type: K } & KindOptions<K>;

/** `ip.link.add` of a known kind: a union discriminated by `type`. */
export type KnownLinkSpec = { [K in KnownLinkKind]: LinkSpecOf<K> }[KnownLinkKind];

/** A kind change (`link set ... type K ...`): `type` and any of the kind's options. */
export type KindChange =
  | { [K in KnownLinkKind]: { type: K } & Partial<KindOptions<K>> }[KnownLinkKind]
  | { [K in KnownSlaveKind]: { type: K } & Partial<SlaveKindOptions<K>> }[KnownSlaveKind];

export * from './driver.js';
export type {
  BondAdSelect, BondArpAllTargets, BondArpValidate, BondFailOverMac, BondLacpRate, BondMode, BondOptions, BondPrimaryReselect,
  BondXmitHashPolicy,
} from './bond.js';
export type { BondPortOptions } from './bond_slave.js';
export type { BridgeFlag, BridgeOptions, Centiseconds64 } from './bridge.js';
export type { BridgePortOptions, BridgePortState } from './bridge_slave.js';
export type { ErspanOptions, GreOptions } from './gre.js';
export type { Gre6Options, Inherit } from './gre6.js';
export type { GreKeyOptions, TunnelEncapOptions, TunnelKey } from './tunnel.js';
export type { GeneveOptions } from './geneve.js';
export type { Ip6tnlOptions } from './ip6tnl.js';
export type { IpipOptions, SitOptions } from './iptnl.js';
export type { IpvlanFlag, IpvlanMode, IpvlanOptions } from './ipvlan.js';
export type { MacvlanFlag, MacvlanMacaddr, MacvlanMode, MacvlanOptions } from './macvlan.js';
export type { TunOptions } from './tun.js';
export type { VethOptions, VethPeerSpec } from './veth.js';
export type { VlanOptions, VlanQosMap } from './vlan.js';
export type { VrfOptions } from './vrf.js';
export type { VtiOptions } from './vti.js';
export type { VxlanOptions } from './vxlan.js';
