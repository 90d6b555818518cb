/**
 * The RTA_* attribute set of a route message and the RTAX_* set nested in RTA_METRICS, as
 * declarative tables. Address attributes are text for the IP families; other families (MPLS, ...)
 * decode with `rawRouteAttrs`, which leaves them raw in `unknown` so they still round-trip.
 */
import { AttrTable, be16, be32, bytes, nested, str, u16, u32, u8, type RawAttr } from '../../netlink/index.js';
import { AF_INET, AF_INET6, ipAddr } from '../common.js';
import {
  RTA_CACHEINFO, RTA_DPORT, RTA_DST, RTA_ENCAP, RTA_ENCAP_TYPE, RTA_EXPIRES, RTA_FLOW, RTA_FLOWLABEL, RTA_GATEWAY,
  RTA_IIF, RTA_IP_PROTO, RTA_MARK, RTA_METRICS, RTA_MFC_STATS, RTA_MULTIPATH, RTA_NEWDST, RTA_NH_ID, RTA_OIF,
  RTA_PREF, RTA_PREFSRC, RTA_PRIORITY, RTA_SPORT, RTA_SRC, RTA_TABLE, RTA_TTL_PROPAGATE, RTA_UID, RTA_VIA,
  RTAX_ADVMSS, RTAX_CC_ALGO, RTAX_CWND, RTAX_FASTOPEN_NO_COOKIE, RTAX_FEATURES, RTAX_HOPLIMIT, RTAX_INITCWND,
  RTAX_INITRWND, RTAX_LOCK, RTAX_MTU, RTAX_QUICKACK, RTAX_REORDERING, RTAX_RTO_MIN, RTAX_RTT, RTAX_RTTVAR,
  RTAX_SSTHRESH, RTAX_WINDOW,
} from './constants.js';
import { multipath, type RtNextHop } from './multipath.js';
import { rtaCacheInfo, rtVia, type RtaCacheInfo, type RtVia } from './rtmsg.js';

/** RTAX_* metrics, raw kernel units (rtt in 1/8 ms, rttvar in 1/4 ms, rto_min in ms). */
export interface MetricsAttrs {
  /** RTAX_LOCK: bit (1 << RTAX_x) set for each locked metric. */
  lock?: number;
  mtu?: number;
  window?: number;
  rtt?: number;
  rttvar?: number;
  ssthresh?: number;
  cwnd?: number;
  advmss?: number;
  reordering?: number;
  hoplimit?: number;
  initcwnd?: number;
  features?: number;
  rtoMin?: number;
  initrwnd?: number;
  quickack?: number;
  /** RTAX_CC_ALGO: congestion control name ("congctl"). */
  ccAlgo?: string;
  fastopenNoCookie?: number;
  unknown?: RawAttr[];
}

/** The RTAX_* table. */
export const metricsAttrs = new AttrTable<MetricsAttrs>('RTAX', [
  { id: RTAX_LOCK, name: 'lock', codec: u32 },
  { id: RTAX_MTU, name: 'mtu', codec: u32 },
  { id: RTAX_WINDOW, name: 'window', codec: u32 },
  { id: RTAX_RTT, name: 'rtt', codec: u32 },
  { id: RTAX_RTTVAR, name: 'rttvar', codec: u32 },
  { id: RTAX_SSTHRESH, name: 'ssthresh', codec: u32 },
  { id: RTAX_CWND, name: 'cwnd', codec: u32 },
  { id: RTAX_ADVMSS, name: 'advmss', codec: u32 },
  { id: RTAX_REORDERING, name: 'reordering', codec: u32 },
  { id: RTAX_HOPLIMIT, name: 'hoplimit', codec: u32 },
  { id: RTAX_INITCWND, name: 'initcwnd', codec: u32 },
  { id: RTAX_FEATURES, name: 'features', codec: u32 },
  { id: RTAX_RTO_MIN, name: 'rtoMin', codec: u32 },
  { id: RTAX_INITRWND, name: 'initrwnd', codec: u32 },
  { id: RTAX_QUICKACK, name: 'quickack', codec: u32 },
  { id: RTAX_CC_ALGO, name: 'ccAlgo', codec: str },
  { id: RTAX_FASTOPEN_NO_COOKIE, name: 'fastopenNoCookie', codec: u32 },
]);

/** Decoded RTA_* attributes. */
export interface RouteAttrs {
  /** RTA_DST: destination network address (text). */
  dst?: string;
  /** RTA_SRC: source prefix address (source-specific routes). */
  src?: string;
  /** RTA_IIF: input interface (route get, multicast). */
  iif?: number;
  /** RTA_OIF: output interface. */
  oif?: number;
  /** RTA_GATEWAY: next hop of the route's own family. */
  gateway?: string;
  /** RTA_PRIORITY: the metric. */
  priority?: number;
  /** RTA_PREFSRC: preferred source address. */
  prefsrc?: string;
  /** RTA_METRICS: nested RTAX_*. */
  metrics?: MetricsAttrs;
  /** RTA_MULTIPATH: next hops. */
  multipath?: RtNextHop<RouteAttrs>[];
  /** RTA_FLOW: realms, (from << 16) | to. */
  flow?: number;
  /** RTA_CACHEINFO. */
  cacheinfo?: RtaCacheInfo;
  /** RTA_TABLE: the full 32-bit table id. */
  table?: number;
  /** RTA_MARK: firewall mark (route get). */
  mark?: number;
  /** RTA_MFC_STATS: struct rta_mfc_stats of multicast routes, raw. */
  mfcStats?: Uint8Array;
  /** RTA_VIA: a gateway of another family. */
  via?: RtVia;
  /** RTA_NEWDST, raw (MPLS labels). */
  newdst?: Uint8Array;
  /** RTA_PREF: ICMPV6_ROUTER_PREF_*. */
  pref?: number;
  /** RTA_ENCAP_TYPE: LWTUNNEL_ENCAP_*. */
  encapType?: number;
  /** RTA_ENCAP: the encapsulation's nested attributes, raw. */
  encap?: Uint8Array;
  /** RTA_EXPIRES: seconds (requests). */
  expires?: number;
  /** RTA_UID (route get). */
  uid?: number;
  /** RTA_TTL_PROPAGATE. */
  ttlPropagate?: number;
  /** RTA_IP_PROTO (route get). */
  ipProto?: number;
  /** RTA_SPORT (route get, network order). */
  sport?: number;
  /** RTA_DPORT (route get, network order). */
  dport?: number;
  /** RTA_NH_ID: nexthop object id. */
  nhId?: number;
  /** RTA_FLOWLABEL (route get, network order). */
  flowlabel?: number;
  unknown?: RawAttr[];
}

const commonFields = (self: () => AttrTable<RouteAttrs>) => [
  { id: RTA_IIF, name: 'iif', codec: u32 },
  { id: RTA_OIF, name: 'oif', codec: u32 },
  { id: RTA_PRIORITY, name: 'priority', codec: u32 },
  { id: RTA_METRICS, name: 'metrics', codec: nested(metricsAttrs) },
  { id: RTA_MULTIPATH, name: 'multipath', codec: multipath(self) },
  { id: RTA_FLOW, name: 'flow', codec: u32 },
  { id: RTA_CACHEINFO, name: 'cacheinfo', codec: rtaCacheInfo },
  { id: RTA_TABLE, name: 'table', codec: u32 },
  { id: RTA_MARK, name: 'mark', codec: u32 },
  { id: RTA_MFC_STATS, name: 'mfcStats', codec: bytes },
  { id: RTA_VIA, name: 'via', codec: rtVia },
  { id: RTA_NEWDST, name: 'newdst', codec: bytes },
  { id: RTA_PREF, name: 'pref', codec: u8 },
  { id: RTA_ENCAP_TYPE, name: 'encapType', codec: u16 },
  { id: RTA_ENCAP, name: 'encap', codec: bytes },
  { id: RTA_EXPIRES, name: 'expires', codec: u32 },
  { id: RTA_UID, name: 'uid', codec: u32 },
  { id: RTA_TTL_PROPAGATE, name: 'ttlPropagate', codec: u8 },
  { id: RTA_IP_PROTO, name: 'ipProto', codec: u8 },
  { id: RTA_SPORT, name: 'sport', codec: be16 },
  { id: RTA_DPORT, name: 'dport', codec: be16 },
  { id: RTA_NH_ID, name: 'nhId', codec: u32 },
  { id: RTA_FLOWLABEL, name: 'flowlabel', codec: be32 },
];

/** The RTA_* table of the IP families (AF_INET, AF_INET6 and their multicast tables). */
export const routeAttrs: AttrTable<RouteAttrs> = new AttrTable<RouteAttrs>('RTA', [
  { id: RTA_DST, name: 'dst', codec: ipAddr },
  { id: RTA_SRC, name: 'src', codec: ipAddr },
  { id: RTA_GATEWAY, name: 'gateway', codec: ipAddr },
  { id: RTA_PREFSRC, name: 'prefsrc', codec: ipAddr },
  ...commonFields(() => routeAttrs),
]);

/** The RTA_* table for other families: their address attributes stay raw in `unknown`. */
export const rawRouteAttrs: AttrTable<RouteAttrs> = new AttrTable<RouteAttrs>('RTA', commonFields(() => rawRouteAttrs));

/** RTNL_FAMILY_IPMR / RTNL_FAMILY_IP6MR (<linux/rtnetlink.h>): multicast routing tables. */
export const RTNL_FAMILY_IPMR = 128;
export const RTNL_FAMILY_IP6MR = 129;

/** The attribute table for routes of `family`. */
export function routeAttrsFor(family: number): AttrTable<RouteAttrs> {
  return family === AF_INET || family === AF_INET6 || family === RTNL_FAMILY_IPMR || family === RTNL_FAMILY_IP6MR
    ? routeAttrs : rawRouteAttrs;
}
