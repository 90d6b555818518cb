/**
 * The built-in link kinds: IFLA_INFO_KIND -> the codec of its IFLA_INFO_DATA, and
 * IFLA_INFO_SLAVE_KIND -> the codec of a port's IFLA_INFO_SLAVE_DATA. Adding a kind is one file
 * in this folder and one line here; KnownKindData (and so the API's and the CLI's kind types)
 * is derived from these tables.
 */
import type { KindCodec } from '../kind.js';
import { bondKind } from './bond.js';
import { bondSlaveKind } from './bond_slave.js';
import { bridgeKind } from './bridge.js';
import { bridgeSlaveKind } from './bridge_slave.js';
import { geneveKind } from './geneve.js';
import { greKind } from './gre.js';
import { ip6tnlKind, iptnlKind } from './iptnl.js';
import { ipvlanKind } from './ipvlan.js';
import { macvlanKind } from './macvlan.js';
import { tunKind } from './tun.js';
import { vethKind } from './veth.js';
import { vlanKind } from './vlan.js';
import { vrfKind, vrfSlaveKind } from './vrf.js';
import { vtiKind } from './vti.js';
import { vxlanKind } from './vxlan.js';

/** IFLA_INFO_KIND -> IFLA_INFO_DATA codec. */
export const LINK_KINDS = {
  veth: vethKind,
  bridge: bridgeKind,
  vxlan: vxlanKind,
  geneve: geneveKind,
  macvlan: macvlanKind,
  macvtap: macvlanKind,
  vlan: vlanKind,
  ipvlan: ipvlanKind,
  ipvtap: ipvlanKind,
  vrf: vrfKind,
  bond: bondKind,
  gre: greKind,
  gretap: greKind,
  erspan: greKind,
  ip6gre: greKind,
  ip6gretap: greKind,
  ip6erspan: greKind,
  tun: tunKind,
  ipip: iptnlKind,
  sit: iptnlKind,
  ip6tnl: ip6tnlKind,
  vti: vtiKind,
  vti6: vtiKind,
} as const satisfies Record<string, KindCodec<any>>;

/** IFLA_INFO_SLAVE_KIND -> IFLA_INFO_SLAVE_DATA codec. */
export const SLAVE_KINDS = {
  bridge: bridgeSlaveKind,
  vrf: vrfSlaveKind,
  bond: bondSlaveKind,
} as const satisfies Record<string, KindCodec<any>>;

type DataOf<C> = C extends KindCodec<infer T> ? T : never;

/** The typed IFLA_INFO_DATA of each built-in kind, by IFLA_INFO_KIND. */
export type KnownKindData = { -readonly [K in keyof typeof LINK_KINDS]: DataOf<(typeof LINK_KINDS)[K]> };

/** The typed IFLA_INFO_SLAVE_DATA of each built-in slave kind, by IFLA_INFO_SLAVE_KIND. */
export type KnownSlaveKindData = { -readonly [K in keyof typeof SLAVE_KINDS]: DataOf<(typeof SLAVE_KINDS)[K]> };

export * from './bond.js';
export * from './bond_slave.js';
export * from './bridge.js';
export * from './bridge_slave.js';
export * from './geneve.js';
export * from './gre.js';
export * from './iptnl.js';
export * from './ipvlan.js';
export * from './macvlan.js';
export * from './veth.js';
export * from './vlan.js';
export * from './vrf.js';
export * from './tun.js';
export * from './tunnel.js';
export * from './vti.js';
export * from './vxlan.js';
