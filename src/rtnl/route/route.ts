/**
 * `Route`: one route as plain typed data, the facts `ip -j route show` prints, in camelCase, plus
 * the decoded message. Unlike `ip`, nothing is left out for being a default (type 'unicast',
 * table 'main', protocol 'boot', scope 'global' are all present).
 */
import { objectShape } from '../../netlink/index.js';
import { AF_INET, AF_INET6, cachedWords, familyName, ipToString } from '../common.js';
import { RTNL_FAMILY_IP6MR, RTNL_FAMILY_IPMR, type MetricsAttrs, type RouteAttrs } from './attrs.js';
import {
  ICMPV6_ROUTER_PREF_HIGH, ICMPV6_ROUTER_PREF_LOW, ICMPV6_ROUTER_PREF_MEDIUM, RT_FLAG_WORDS, RTAX_ADVMSS, RTAX_CC_ALGO,
  RTAX_CWND, RTAX_FASTOPEN_NO_COOKIE, RTAX_FEATURES, RTAX_HOPLIMIT, RTAX_INITCWND, RTAX_INITRWND, RTAX_MTU,
  RTAX_QUICKACK, RTAX_REORDERING, RTAX_RTO_MIN, RTAX_RTT, RTAX_RTTVAR, RTAX_SSTHRESH, RTAX_WINDOW, RTCF_WORDS,
  RTM_F_CLONED,
} from './constants.js';
import type { RouteMessage } from './message.js';
import type { RtNextHop } from './multipath.js';
import type { RtVia } from './rtmsg.js';
import { protocols, routeTypes, scopes, tables } from './names.js';

/**
 * Route metrics in iproute2's units (rtt, rttvar, rtoMin in ms): the RTAX_* values, with the lock
 * bits as the list of locked names and the congestion algorithm named as `ip` names it.
 */
export type RouteMetrics = Omit<MetricsAttrs, 'lock' | 'ccAlgo' | 'unknown'> & {
  /** Congestion control algorithm (RTAX_CC_ALGO). */
  congctl?: string;
  /** The metrics marked `lock`, by these field names. */
  locked?: (keyof RouteMetrics)[];
};

/** A gateway of another address family (RTA_VIA). */
export interface RouteVia {
  family: string;
  host: string;
}

/** One next hop of a multipath route. */
export interface RouteNextHop {
  gateway?: string;
  via?: RouteVia;
  /** rtnh_ifindex: the output device's ifindex. */
  dev: number;
  /** rtnh_hops + 1. */
  weight: number;
  /** Flag words ('onlink', 'dead', 'linkdown', ...). */
  flags: string[];
  /** RTA_FLOW realms. */
  flow?: { from?: number; to: number };
  raw: RtNextHop<RouteAttrs>;
}

/** A route (RTM_NEWROUTE), as `ip -j route show` describes it. */
export interface Route {
  /** 'inet' | 'inet6' | ... */
  family: string;
  /** rtm_type in iproute2's words: 'unicast', 'local', 'broadcast', 'blackhole', ... */
  type: string;
  /** 'default', a prefix "10.0.0.0/24", or a host address "10.0.0.1" (full-length prefix). */
  dst: string;
  /** rtm_dst_len. */
  dstLen: number;
  /** Source prefix of a source-specific route (RTA_SRC / rtm_src_len), as `ip` prints "from". */
  from?: string;
  /** RTA_NH_ID. */
  nhid?: number;
  /** rtm_tos. */
  tos: number;
  /** RTA_GATEWAY. */
  gateway?: string;
  /** RTA_VIA. */
  via?: RouteVia;
  /** RTA_OIF: the output device's ifindex (`dev` in `ip` output). */
  dev?: number;
  /** The table in iproute2's words ('main', 'local', 'default') or its number as text. */
  table: string;
  /** rtm_protocol in iproute2's words ('kernel', 'boot', 'static', 'dhcp', ...). */
  protocol: string;
  /** rtm_scope in iproute2's words ('global', 'link', 'host', ...). */
  scope: string;
  /** RTA_PREFSRC. */
  prefsrc?: string;
  /** RTA_PRIORITY. */
  metric?: number;
  /** Flag words of rtm_flags ('onlink', 'linkdown', ...). */
  flags: string[];
  /** RTA_MARK, when non-zero. */
  mark?: number;
  /** RTA_FLOW realms. */
  flow?: { from?: number; to: number };
  /** RTA_UID. */
  uid?: number;
  /** Routing-cache flag words of a cloned IPv4 route ('local', 'brd', ...). */
  cache?: string[];
  /** Seconds until expiry (RTA_CACHEINFO), when the route expires. */
  expires?: number;
  /** RTA_CACHEINFO rta_error, when non-zero. */
  error?: number;
  /** RTA_METRICS. */
  metrics?: RouteMetrics;
  /** RTA_IIF: the input device's ifindex. */
  iif?: number;
  /** RTA_PREF: 'low' | 'medium' | 'high', or the number. */
  pref?: string | number;
  /** RTA_TTL_PROPAGATE. */
  ttlPropagate?: boolean;
  /** RTA_MULTIPATH. */
  nexthops?: RouteNextHop[];
  /** The decoded message, for the facts not lifted above (encap, cacheinfo, numbers of the names). */
  raw: RouteMessage;
}

const USER_HZ = 100;

function realFamily(family: number): number {
  if (family === RTNL_FAMILY_IPMR) return AF_INET;
  if (family === RTNL_FAMILY_IP6MR) return AF_INET6;
  return family;
}

/** rtm_flags as words. */
const flagWords = cachedWords((flags) => RT_FLAG_WORDS.filter(([bit]) => flags & bit).map(([, word]) => word));

function prefixText(addr: string | undefined, len: number, family: number): string | undefined {
  if (addr === undefined) return undefined;
  const hostLen = addr.includes(':') ? 128 : family === AF_INET6 ? 128 : 32;
  return len === hostLen ? addr : `${addr}/${len}`;
}

function viaOf(v: RtVia): RouteVia {
  let host: string;
  try {
    host = ipToString(v.addr);
  } catch {
    host = Buffer.from(v.addr).toString('hex');
  }
  return { family: familyName(v.family), host };
}

function flowOf(flow: number): { from?: number; to: number } {
  const from = flow >>> 16;
  return from ? { from, to: flow & 0xffff } : { to: flow & 0xffff };
}

/** Each metric: its RTAX id, its RTA_METRICS field, its RouteMetrics name (encode and decode share it). */
export const METRIC_NAMES: readonly [number, keyof MetricsAttrs, keyof RouteMetrics][] = [
  [RTAX_MTU, 'mtu', 'mtu'], [RTAX_WINDOW, 'window', 'window'], [RTAX_RTT, 'rtt', 'rtt'],
  [RTAX_RTTVAR, 'rttvar', 'rttvar'], [RTAX_SSTHRESH, 'ssthresh', 'ssthresh'], [RTAX_CWND, 'cwnd', 'cwnd'],
  [RTAX_ADVMSS, 'advmss', 'advmss'], [RTAX_REORDERING, 'reordering', 'reordering'],
  [RTAX_HOPLIMIT, 'hoplimit', 'hoplimit'], [RTAX_INITCWND, 'initcwnd', 'initcwnd'],
  [RTAX_FEATURES, 'features', 'features'], [RTAX_RTO_MIN, 'rtoMin', 'rtoMin'], [RTAX_INITRWND, 'initrwnd', 'initrwnd'],
  [RTAX_QUICKACK, 'quickack', 'quickack'], [RTAX_CC_ALGO, 'ccAlgo', 'congctl'],
  [RTAX_FASTOPEN_NO_COOKIE, 'fastopenNoCookie', 'fastopenNoCookie'],
];

/** RTA_METRICS in iproute2's units; a hop limit of -1 (unset) is left out as `ip` does. */
export function toRouteMetrics(m: MetricsAttrs): RouteMetrics {
  const out: RouteMetrics = {};
  const lock = m.lock ?? 0;
  const locked: (keyof RouteMetrics)[] = [];
  for (const [id, from, to] of METRIC_NAMES) {
    const v = m[from];
    if (v === undefined && !(lock & (1 << id))) continue;
    if (id === RTAX_HOPLIMIT && v === 0xffffffff) continue;
    if (lock & (1 << id)) locked.push(to);
    if (id === RTAX_CC_ALGO) { out.congctl = (v as string | undefined) ?? ''; continue; }
    let n = (v as number | undefined) ?? 0;
    if (id === RTAX_RTT) n = Math.floor(n / 8);
    else if (id === RTAX_RTTVAR) n = Math.floor(n / 4);
    (out as Record<string, number>)[to] = n;
  }
  if (locked.length) out.locked = locked;
  return out;
}

function prefName(p: number): string | number {
  switch (p) {
    case ICMPV6_ROUTER_PREF_LOW: return 'low';
    case ICMPV6_ROUTER_PREF_MEDIUM: return 'medium';
    case ICMPV6_ROUTER_PREF_HIGH: return 'high';
    default: return p;
  }
}

function toNextHop(nh: RtNextHop<RouteAttrs>): RouteNextHop {
  const out: RouteNextHop = { dev: nh.ifindex, weight: nh.hops + 1, flags: flagWords(nh.flags), raw: nh };
  if (nh.attrs.gateway !== undefined) out.gateway = nh.attrs.gateway;
  if (nh.attrs.via) out.via = viaOf(nh.attrs.via);
  if (nh.attrs.flow !== undefined) out.flow = flowOf(nh.attrs.flow);
  return out;
}

/** Room for every field toRoute may set (see objectShape): a Route is filled field by field. */
const RouteShape = objectShape([
  'family', 'type', 'dst', 'dstLen', 'tos', 'table', 'protocol', 'scope', 'flags', 'raw', 'from', 'nhid',
  'gateway', 'via', 'dev', 'prefsrc', 'metric', 'mark', 'flow', 'uid', 'cache', 'expires', 'error', 'metrics',
  'iif', 'pref', 'ttlPropagate', 'nexthops',
]);

/** Build a `Route` from a decoded route message. */
export function toRoute(msg: RouteMessage): Route {
  const { header: h, attrs: a } = msg;
  const family = realFamily(h.family);
  const out = new RouteShape() as Route;
  out.family = familyName(h.family);
  out.type = routeTypes.name(h.type);
  out.dst = prefixText(a.dst, h.dstLen, family) ?? (h.dstLen ? `0/${h.dstLen}` : 'default');
  out.dstLen = h.dstLen;
  out.tos = h.tos;
  out.table = tables.name(a.table ?? h.table);
  out.protocol = protocols.name(h.protocol);
  out.scope = scopes.name(h.scope);
  out.flags = flagWords(h.flags);
  out.raw = msg;
  const from = prefixText(a.src, h.srcLen, family) ?? (h.srcLen ? `0/${h.srcLen}` : undefined);
  if (from !== undefined) out.from = from;
  if (a.nhId !== undefined) out.nhid = a.nhId;
  if (a.gateway !== undefined) out.gateway = a.gateway;
  if (a.via) out.via = viaOf(a.via);
  if (a.oif !== undefined) out.dev = a.oif;
  if (a.prefsrc !== undefined) out.prefsrc = a.prefsrc;
  if (a.priority !== undefined) out.metric = a.priority;
  if (a.mark) out.mark = a.mark;
  if (a.flow !== undefined) out.flow = flowOf(a.flow);
  if (a.uid !== undefined) out.uid = a.uid;
  if (h.family === AF_INET && h.flags & RTM_F_CLONED) {
    out.cache = RTCF_WORDS.filter(([bit]) => (h.flags >>> 0) & bit).map(([, w]) => w);
  }
  if (a.cacheinfo) {
    if (a.cacheinfo.expires !== 0) out.expires = Math.trunc(a.cacheinfo.expires / USER_HZ);
    if (a.cacheinfo.error !== 0) out.error = a.cacheinfo.error;
  }
  if (a.metrics) out.metrics = toRouteMetrics(a.metrics);
  if (a.iif !== undefined) out.iif = a.iif;
  if (a.pref !== undefined) out.pref = prefName(a.pref);
  if (a.ttlPropagate !== undefined) out.ttlPropagate = a.ttlPropagate !== 0;
  if (a.multipath) out.nexthops = a.multipath.map(toNextHop);
  return out;
}
