/**
 * IFLA_AF_SPEC: per address family link data, one nested attribute per family whose type is the
 * AF_* number. AF_INET carries IFLA_INET_CONF (the ipv4_devconf array), AF_INET6 the
 * IFLA_INET6_* set; any other family (AF_BRIDGE, AF_MPLS, ...) is kept raw and re-emitted.
 */
import { AttrTable, bytes, nested, u8, u32, type RawAttr } from '../../netlink/index.js';
import { AF_INET, AF_INET6 } from '../common.js';
import { cacheInfo, in6Addr, s32Array, u32Array, u64Array, type IflaCacheInfo } from './codecs.js';
import * as C from './constants.js';

/** IFLA_AF_SPEC[AF_INET]. */
export interface AfSpecInet {
  /** IFLA_INET_CONF: the IPV4_DEVCONF_* values, index i holding devconf id i + 1. */
  conf?: number[];
  unknown?: RawAttr[];
}

/** IFLA_AF_SPEC[AF_INET6] (IFLA_INET6_*). */
export interface AfSpecInet6 {
  /** IF_RA_* / IF_READY bits. */
  flags?: number;
  /** IFLA_INET6_CONF: the DEVCONF_* values, index = enum id. */
  conf?: number[];
  /** IFLA_INET6_STATS: the IPSTATS_MIB_* counters. */
  stats?: bigint[];
  mcast?: Uint8Array;
  cacheinfo?: IflaCacheInfo;
  /** IFLA_INET6_ICMP6STATS: the ICMP6_MIB_* counters. */
  icmp6stats?: bigint[];
  token?: string;
  /** enum in6_addr_gen_mode (IN6_ADDR_GEN_MODE_*). */
  addrGenMode?: number;
  raMtu?: number;
  unknown?: RawAttr[];
}

/** IFLA_AF_SPEC: the known families by name; others in `unknown`. */
export interface AfSpec {
  inet?: AfSpecInet;
  inet6?: AfSpecInet6;
  unknown?: RawAttr[];
}

const inetTable = new AttrTable<AfSpecInet>('IFLA_AF_SPEC.inet', [
  { id: C.IFLA_INET_CONF, name: 'conf', codec: u32Array },
]);

const inet6Table = new AttrTable<AfSpecInet6>('IFLA_AF_SPEC.inet6', [
  { id: C.IFLA_INET6_FLAGS, name: 'flags', codec: u32 },
  { id: C.IFLA_INET6_CONF, name: 'conf', codec: s32Array },
  { id: C.IFLA_INET6_STATS, name: 'stats', codec: u64Array },
  { id: C.IFLA_INET6_MCAST, name: 'mcast', codec: bytes },
  { id: C.IFLA_INET6_CACHEINFO, name: 'cacheinfo', codec: cacheInfo },
  { id: C.IFLA_INET6_ICMP6STATS, name: 'icmp6stats', codec: u64Array },
  { id: C.IFLA_INET6_TOKEN, name: 'token', codec: in6Addr },
  { id: C.IFLA_INET6_ADDR_GEN_MODE, name: 'addrGenMode', codec: u8 },
  { id: C.IFLA_INET6_RA_MTU, name: 'raMtu', codec: u32 },
]);

/** The IFLA_AF_SPEC table: attribute type = address family. */
export const afSpecTable = new AttrTable<AfSpec>('IFLA_AF_SPEC', [
  { id: AF_INET, name: 'inet', codec: nested(inetTable) },
  { id: AF_INET6, name: 'inet6', codec: nested(inet6Table) },
]);
