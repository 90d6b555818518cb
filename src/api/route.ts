/**
 * `ip.route`: list (filtered by the kernel where it can), stream, get, add, change, replace,
 * prepend, append and delete routes, with iproute2's defaults (table main, proto boot for new
 * routes, scope link without a gateway, universe with one, local table for local/broadcast types).
 */
import { ENODATA } from '../netlink/errno.js';
import { NLM_F_APPEND, NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE, MessageWriter, NetlinkError, type ReplyDecoder } from '../netlink/index.js';
import { AF_INET, AF_INET6, AF_UNSPEC, familyNumber, ipToBytes, type Family } from '../rtnl/common.js';
import {
  ICMPV6_ROUTER_PREF_HIGH, ICMPV6_ROUTER_PREF_LOW, ICMPV6_ROUTER_PREF_MEDIUM, RT_SCOPE_HOST, RT_SCOPE_LINK,
  RT_SCOPE_NOWHERE, RT_SCOPE_UNIVERSE, RT_TABLE_LOCAL, RT_TABLE_MAIN, RT_TABLE_UNSPEC, RTM_DELROUTE,
  RTM_F_CLONED, RTM_F_FIB_MATCH, RTM_F_LOOKUP_TABLE, RTM_GETROUTE, RTM_NEWROUTE, RTN_ANYCAST, RTN_BROADCAST,
  RTN_LOCAL, RTN_MULTICAST, RTN_NAT, RTN_UNICAST, RTN_UNSPEC, RTNH_F_ONLINK, RTPROT_BOOT, RTPROT_UNSPEC, decodeRouteMessage, encodeRouteMessage,
  encodeRtMsg, protocols, routeAttrs, routeTypes, tables, toRoute, METRIC_NAMES, type MetricsAttrs, type RouteAttrs,
  type RouteMessage, type RouteMetrics, type Route, type RtNextHop,
} from '../rtnl/route/index.js';
import { parseInetAddress, parseInetPrefix, parseScope, prefixContains, type InetAddress, type InetPrefix } from './addr.js';
import type { ApiContext, Dev } from './context.js';
import { InvalidArgumentError } from './errors.js';

/** One next hop of a multipath route (`nexthop via ... dev ... weight ...`). */
export interface NextHopSpec {
  via?: string;
  dev?: Dev;
  /** 1..256, default 1. */
  weight?: number;
  onlink?: boolean;
  /** RTA_FLOW realms, (from << 16) | to. */
  realms?: number;
}

/** A route to add, change, replace, append or delete, named after iproute2's keywords. */
export interface RouteSpec {
  /** 'default', a prefix "10.0.0.0/24", or an address (a host route). */
  dst: string;
  /** The family when nothing else tells it (needed for an IPv6 'default' without a gateway). */
  family?: Family;
  /** Route type: 'unicast' (default), 'local', 'broadcast', 'blackhole', 'unreachable', 'prohibit', 'throw', ... */
  type?: string | number;
  /** Gateway. One of another family than the route's is sent as RTA_VIA. */
  via?: string;
  /** Output device. */
  dev?: Dev;
  /** Preferred source address (RTA_PREFSRC), iproute2's `src`. */
  src?: string;
  /** Source prefix of a source-specific route (RTA_SRC), iproute2's `from`. */
  from?: string;
  /** RTA_PRIORITY. */
  metric?: number;
  /** Table name or id; default 'main' ('local' for local, broadcast, anycast and nat types). */
  table?: number | string;
  /** Scope name or number; see the module comment for the default. */
  scope?: string | number;
  /** Protocol name or number; default 'boot' for new routes. */
  proto?: string | number;
  /** rtm_tos. */
  tos?: number;
  /** Treat the gateway as on-link (RTNH_F_ONLINK). */
  onlink?: boolean;
  /** Path MTU (RTAX_MTU); the same as `metrics.mtu`. */
  mtu?: number;
  /** Other metrics, in iproute2's units (rtt, rttvar, rtoMin in ms); `locked` lists the ones to lock. */
  metrics?: RouteMetrics;
  /** IPv6 router preference. */
  pref?: 'low' | 'medium' | 'high' | number;
  /** Seconds until the (IPv6) route expires. */
  expires?: number;
  /** RTA_FLOW realms. */
  realms?: number;
  /** Use a nexthop object (RTA_NH_ID). */
  nhid?: number;
  /** Multipath next hops. */
  nexthops?: NextHopSpec[];
}

/** What `route.list` / `route.stream` select. */
export interface RouteFilter {
  /** Default 'inet' unless `table` is 'all', as `ip route show` does. */
  family?: Family;
  /** Table name or id, or 'all'; default 'main'. Filtered by the kernel. */
  table?: number | string;
  /** Output device. Filtered by the kernel. */
  dev?: Dev;
  /** Protocol name or number. Filtered by the kernel. */
  protocol?: string | number;
  /** Route type name or number. Filtered by the kernel. */
  type?: string | number;
  /** Cached/cloned routes (exceptions) instead of FIB entries. Filtered by the kernel. */
  cloned?: boolean;
  /** Scope name or number. */
  scope?: string | number;
  /** Exactly this prefix (iproute2's `to exact`, its default). */
  to?: string;
  /** Routes inside this prefix (`to root`). */
  root?: string;
  /** Routes that cover this prefix (`to match`). */
  match?: string;
  /** Routes whose gateway lies in this prefix. */
  via?: string;
  /** Routes whose preferred source lies in this prefix. */
  src?: string;
  /** Routes with this metric. */
  metric?: number;
  /**
   * A table that does not exist rejects with the kernel's NetlinkError (ENOENT, ext-ack "ipv4:
   * FIB table does not exist"), as `ip route show table N` reports it; by default it is a table
   * with no routes.
   */
  strictTable?: boolean;
}

/** Options of `route.get` (`ip route get ADDR ...`). */
export interface RouteGetOptions {
  from?: string;
  iif?: Dev;
  /** Output device (`oif` / `dev`). */
  dev?: Dev;
  mark?: number;
  uid?: number;
  tos?: number;
  /** Return the matching FIB entry rather than the resolved route (RTM_F_FIB_MATCH). */
  fibmatch?: boolean;
}

const bad = (what: string, v: unknown): InvalidArgumentError => new InvalidArgumentError(`"${what}" value is invalid: ${String(v)}`, what);

function uint(v: unknown, what: string, max = 0xffffffff, min = 0): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw bad(what, v);
  return v;
}

function named(table: { number(v: string | number): number | undefined }, v: string | number, what: string): number {
  const n = table.number(v);
  if (n === undefined) throw bad(what, v);
  return n;
}

/** RTA_METRICS from iproute2-unit metrics, in RTAX order with RTAX_LOCK last (as `ip` sends them). */
function buildMetrics(m: RouteMetrics): MetricsAttrs | undefined {
  const out: MetricsAttrs = {};
  let lock = 0;
  const locked = new Set<string>(m.locked ?? []);
  for (const name of locked) if (!METRIC_NAMES.some(([, , n]) => n === name)) throw bad('locked', name);
  for (const [id, attr, name] of METRIC_NAMES) {
    const v = m[name];
    if (v === undefined) continue;
    if (name === 'congctl') {
      if (typeof v !== 'string' || v.length === 0) throw bad('congctl', v);
      out.ccAlgo = v;
    } else {
      let n = uint(v, name);
      if (name === 'hoplimit') n = uint(v, name, 255);
      if (name === 'quickack' || name === 'fastopenNoCookie') n = uint(v, name, 1);
      if (name === 'rtt') n = uint(n * 8, name);
      if (name === 'rttvar') n = uint(n * 4, name);
      (out as Record<string, number>)[attr] = n;
    }
    if (locked.has(name) || name === 'rtoMin') lock |= 1 << id;
  }
  if (Object.keys(out).length === 0) return undefined;
  if (lock) out.lock = lock;
  return out;
}

const PREFS: Record<string, number> = { low: ICMPV6_ROUTER_PREF_LOW, medium: ICMPV6_ROUTER_PREF_MEDIUM, high: ICMPV6_ROUTER_PREF_HIGH };

const isDefault = (s: string): boolean => s === 'default' || s === 'all' || s === 'any';

/** The devices a spec names, to be resolved to ifindexes before `buildRouteRequest`. */
export function routeSpecDevs(spec: Readonly<RouteSpec>): Dev[] {
  const out: Dev[] = [];
  if (spec.dev !== undefined) out.push(spec.dev);
  for (const nh of spec.nexthops ?? []) if (nh.dev !== undefined) out.push(nh.dev);
  return out;
}

/**
 * The route message `ip route add/del ...` would send for `spec` (iproute2's attribute order:
 * DST, SRC, GATEWAY|VIA, PREFSRC, PRIORITY, TABLE, PREF, EXPIRES, FLOW, NH_ID, OIF, METRICS,
 * MULTIPATH). `resolve` maps a device to its ifindex. Throws InvalidArgumentError on bad input.
 */
export function buildRouteRequest(del: boolean, spec: Readonly<RouteSpec>, resolve: (dev: Dev) => number): RouteMessage {
  if (spec === null || typeof spec !== 'object') throw new InvalidArgumentError('a route is expected');
  if (typeof spec.dst !== 'string') throw bad('dst', spec.dst);
  let family: Family | undefined = spec.family;
  if (family !== undefined && family !== 'inet' && family !== 'inet6') throw bad('family', family);
  const dst = isDefault(spec.dst) ? undefined : parseInetPrefix(spec.dst, family, 'dst');
  family ??= dst?.family;
  const firstVia = spec.via ?? spec.nexthops?.find((n) => n.via !== undefined)?.via;
  family ??= spec.from !== undefined && !isDefault(spec.from) ? parseInetPrefix(spec.from, undefined, 'from').family : undefined;
  family ??= firstVia !== undefined ? parseInetAddress(firstVia, undefined, 'via').family : undefined;
  family ??= spec.src !== undefined ? parseInetAddress(spec.src, undefined, 'src').family : undefined;
  const explicitFamily = spec.family !== undefined;
  family ??= 'inet';
  const af = familyNumber(family);

  const attrs: RouteAttrs = {};
  if (dst) attrs.dst = dst.text;
  else if (explicitFamily) attrs.dst = family === 'inet6' ? '::' : '0.0.0.0';
  let srcLen = 0;
  if (spec.from !== undefined) {
    const from = isDefault(spec.from) ? undefined : parseInetPrefix(spec.from, family, 'from');
    if (from) { attrs.src = from.text; srcLen = from.len; }
  }
  const gw = (text: string, a: RouteAttrs): void => {
    const g = parseInetAddress(text, undefined, 'via');
    if (g.family === family) a.gateway = g.text;
    else a.via = { family: familyNumber(g.family), addr: g.bytes };
  };
  if (spec.via !== undefined) gw(spec.via, attrs);
  if (spec.src !== undefined) attrs.prefsrc = parseInetAddress(spec.src, family, 'src').text;
  if (spec.metric !== undefined) attrs.priority = uint(spec.metric, 'metric');
  let table = RT_TABLE_MAIN;
  let tableGiven = false;
  if (spec.table !== undefined) {
    const tid = named(tables, spec.table, 'table');
    tableGiven = true;
    if (tid < 256) table = tid;
    else { table = RT_TABLE_UNSPEC; attrs.table = tid; }
  }
  if (spec.pref !== undefined) attrs.pref = typeof spec.pref === 'string' && spec.pref in PREFS ? PREFS[spec.pref]! : uint(spec.pref, 'pref', 255);
  if (spec.expires !== undefined) attrs.expires = uint(spec.expires, 'expires');
  if (spec.realms !== undefined) attrs.flow = uint(spec.realms, 'realms');
  if (spec.nhid !== undefined) attrs.nhId = uint(spec.nhid, 'nhid');
  if (spec.dev !== undefined) attrs.oif = resolve(spec.dev);
  const metrics = buildMetrics({ ...spec.metrics, ...(spec.mtu !== undefined ? { mtu: spec.mtu } : {}) });
  if (metrics) attrs.metrics = metrics;
  if (spec.nexthops !== undefined) {
    if (!Array.isArray(spec.nexthops) || spec.nexthops.length === 0) throw bad('nexthops', spec.nexthops);
    attrs.multipath = spec.nexthops.map((nh): RtNextHop<RouteAttrs> => {
      const a: RouteAttrs = {};
      if (nh.via !== undefined) gw(nh.via, a);
      if (nh.realms !== undefined) a.flow = uint(nh.realms, 'realms');
      return {
        flags: nh.onlink ? RTNH_F_ONLINK : 0,
        hops: nh.weight === undefined ? 0 : uint(nh.weight, 'weight', 256, 1) - 1,
        ifindex: nh.dev === undefined ? 0 : resolve(nh.dev),
        attrs: a,
      };
    });
  }

  let type = del ? RTN_UNSPEC : RTN_UNICAST;
  if (spec.type !== undefined) type = named(routeTypes, spec.type, 'type');
  if (!tableGiven && (type === RTN_LOCAL || type === RTN_BROADCAST || type === RTN_NAT || type === RTN_ANYCAST)) table = RT_TABLE_LOCAL;
  let scope = del ? RT_SCOPE_NOWHERE : RT_SCOPE_UNIVERSE;
  if (spec.scope !== undefined) scope = parseScope(spec.scope);
  else if (af === AF_INET6) scope = RT_SCOPE_UNIVERSE;
  else if (type === RTN_LOCAL || type === RTN_NAT) scope = RT_SCOPE_HOST;
  else if (type === RTN_BROADCAST || type === RTN_MULTICAST || type === RTN_ANYCAST) scope = RT_SCOPE_LINK;
  else if (type === RTN_UNICAST || type === RTN_UNSPEC) {
    if (del) scope = RT_SCOPE_NOWHERE;
    else if (spec.via === undefined && spec.nexthops === undefined && spec.nhid === undefined) scope = RT_SCOPE_LINK;
  }
  const protocol = spec.proto !== undefined ? named(protocols, spec.proto, 'proto') : del ? RTPROT_UNSPEC : RTPROT_BOOT;
  return {
    header: {
      family: af, dstLen: dst?.len ?? 0, srcLen, tos: spec.tos === undefined ? 0 : uint(spec.tos, 'tos', 255),
      table, protocol, scope, type, flags: spec.onlink ? RTNH_F_ONLINK : 0,
    },
    attrs,
  };
}

/** The dump request and local matcher for a filter (kernel-side: family, table, dev, protocol, type, cloned). */
export function buildRouteDump(filter: Readonly<RouteFilter>, oif: number): { request: Uint8Array; match: (r: Route) => boolean } {
  const all = filter.table === 'all';
  const table = all ? 0 : named(tables, filter.table ?? 'main', 'table');
  const family = filter.family ?? (all ? undefined : 'inet');
  const w = new MessageWriter(RTM_GETROUTE, 0, 64);
  encodeRtMsg(w, {
    family: family ? familyNumber(family) : AF_UNSPEC, dstLen: 0, srcLen: 0, tos: 0, table: 0,
    protocol: filter.protocol === undefined || filter.protocol === 'all' ? 0 : named(protocols, filter.protocol, 'protocol'),
    scope: 0,
    type: filter.type === undefined ? 0 : named(routeTypes, filter.type, 'type'),
    flags: filter.cloned ? RTM_F_CLONED : 0,
  });
  const a: RouteAttrs = {};
  if (table) a.table = table;
  if (oif) a.oif = oif;
  routeAttrs.encode(w, a);
  return { request: w.finish(), match: routeMatcher(filter, family) };
}

function routeMatcher(filter: Readonly<RouteFilter>, family: Family | undefined): (r: Route) => boolean {
  const scope = filter.scope === undefined || filter.scope === 'all' ? undefined : parseScope(filter.scope);
  const pfx = (v: string | undefined, what: string): InetPrefix | undefined => (v === undefined ? undefined : parseInetPrefix(v, family, what));
  const to = pfx(filter.to, 'to');
  const root = pfx(filter.root, 'root');
  const match = pfx(filter.match, 'match');
  const via = pfx(filter.via, 'via');
  const src = pfx(filter.src, 'src');
  const metric = filter.metric === undefined ? undefined : uint(filter.metric, 'metric');
  const cloned = filter.cloned ?? false;
  const bytesOf = (r: Route): Uint8Array | undefined => {
    const f = r.raw.header.family;
    if (f !== AF_INET && f !== AF_INET6) return undefined;
    return r.raw.attrs.dst !== undefined ? ipToBytes(r.raw.attrs.dst) : new Uint8Array(f === AF_INET ? 4 : 16);
  };
  const inPrefix = (p: InetPrefix, text: string | undefined): boolean =>
    text !== undefined && prefixContains(p.bytes, p.len, parseInetAddress(text).bytes);
  return (r) => {
    const h = r.raw.header;
    if (cloned !== ((h.flags & RTM_F_CLONED) !== 0)) return false;
    if (scope !== undefined && h.scope !== scope) return false;
    if (metric !== undefined && (r.raw.attrs.priority ?? 0) !== metric) return false;
    if (to || root || match) {
      const d = bytesOf(r);
      if (!d) return false;
      if (to && !(h.dstLen === to.len && prefixContains(to.bytes, to.len, d))) return false;
      if (root && !(h.dstLen >= root.len && prefixContains(root.bytes, root.len, d))) return false;
      if (match && !(h.dstLen <= match.len && prefixContains(d, h.dstLen, match.bytes))) return false;
    }
    if (via && !inPrefix(via, r.raw.attrs.gateway)) return false;
    if (src && !inPrefix(src, r.raw.attrs.prefsrc)) return false;
    return true;
  };
}

/** The RTM_GETROUTE request of `ip route get`. */
export function buildRouteGet(dst: string, opts: Readonly<RouteGetOptions>, iif: number, oif: number): Uint8Array {
  const to: InetAddress = parseInetPrefix(dst, undefined, 'dst');
  const attrs: RouteAttrs = { dst: to.text };
  let srcLen = 0;
  if (opts.from !== undefined) {
    const from = parseInetPrefix(opts.from, to.family, 'from');
    attrs.src = from.text;
    srcLen = from.len;
  }
  if (opts.uid !== undefined) attrs.uid = uint(opts.uid, 'uid');
  if (iif) attrs.iif = iif;
  if (oif) attrs.oif = oif;
  if (opts.mark) attrs.mark = uint(opts.mark, 'mark');
  const af = familyNumber(to.family);
  let flags = af === AF_INET ? RTM_F_LOOKUP_TABLE : 0;
  if (opts.fibmatch) flags |= RTM_F_FIB_MATCH;
  const w = new MessageWriter(RTM_GETROUTE, 0, 96);
  encodeRtMsg(w, {
    family: af, dstLen: to.family === 'inet' ? 32 : 128, srcLen, tos: opts.tos === undefined ? 0 : uint(opts.tos, 'tos', 255),
    table: 0, protocol: 0, scope: 0, type: 0, flags,
  });
  routeAttrs.encode(w, attrs);
  return w.finish();
}

/** Routes: `ip route` as a service. */
export class RouteService {
  constructor(private readonly ctx: ApiContext) {}

  /** The routes the filter selects (default: IPv4, table main, like `ip route show`). */
  async list(filter: Readonly<RouteFilter> = {}): Promise<Route[]> {
    const { request, match } = await this.prepare(filter);
    try {
      // Decoded as each datagram arrives, in place; what the filter drops is left out.
      return await this.ctx.conn.dumpAll(request, 'RTM_GETROUTE', { map: routeReplies(match) });
    } catch (e) {
      if (missingTable(e, filter)) return [];
      throw e;
    }
  }

  /**
   * The same routes as `list`, yielded one by one as the kernel sends them, never holding more
   * than one datagram: for tables of any size in flat memory. A dump interrupted by concurrent
   * changes ends with DumpInterruptedError.
   */
  stream(filter: Readonly<RouteFilter> = {}): AsyncIterableIterator<Route> {
    let routes: AsyncIterableIterator<Route> | undefined;
    let stopped = false; // return() before the first next(): the dump is never started
    const done: IteratorResult<Route> = { value: undefined, done: true };
    const first = async (): Promise<IteratorResult<Route>> => {
      const { request, match } = await this.prepare(filter);
      routes ??= this.ctx.conn.stream(request, 'RTM_GETROUTE', routeReplies(match), (e) => missingTable(e, filter));
      return routes.next();
    };
    const it: AsyncIterableIterator<Route> = {
      [Symbol.asyncIterator]: () => it,
      // The first call prepares the request (its lookups are asynchronous); later ones hand the
      // connection's promise on as it is, with no extra promise per route.
      next: () => (routes ? routes.next() : stopped ? Promise.resolve(done) : first()),
      return: async () => {
        stopped = true;
        return routes ? routes.return!() : done;
      },
    };
    return it;
  }

  /** `ip route get ADDR ...`: the route the kernel would use (RTM_GETROUTE). */
  async get(dst: string, opts: Readonly<RouteGetOptions> = {}): Promise<Route> {
    buildRouteGet(dst, opts, 0, 0); // checked before any request
    const iif = opts.iif !== undefined ? await this.ctx.ifindex(opts.iif) : 0;
    const oif = opts.dev !== undefined ? await this.ctx.ifindex(opts.dev) : 0;
    // Sent like `ip route get`: NLM_F_REQUEST alone, the answer is the route or an error.
    const m = await this.ctx.conn.get(buildRouteGet(dst, opts, iif, oif), 'RTM_GETROUTE');
    if (m.header.type !== RTM_NEWROUTE) throw new NetlinkError({ errno: ENODATA, operation: 'RTM_GETROUTE (no route in the answer)' });
    return toRoute(decodeRouteMessage(m.payload));
  }

  /** `ip route add`: RTM_NEWROUTE with CREATE|EXCL (EEXIST when it is there). */
  async add(spec: Readonly<RouteSpec>): Promise<void> {
    await this.modify(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, spec);
  }

  /** `ip route change`: RTM_NEWROUTE with REPLACE (the route must exist). */
  async change(spec: Readonly<RouteSpec>): Promise<void> {
    await this.modify(RTM_NEWROUTE, NLM_F_REPLACE, spec);
  }

  /** `ip route replace`: RTM_NEWROUTE with CREATE|REPLACE. */
  async replace(spec: Readonly<RouteSpec>): Promise<void> {
    await this.modify(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_REPLACE, spec);
  }

  /** `ip route prepend`: RTM_NEWROUTE with CREATE. */
  async prepend(spec: Readonly<RouteSpec>): Promise<void> {
    await this.modify(RTM_NEWROUTE, NLM_F_CREATE, spec);
  }

  /** `ip route append`: RTM_NEWROUTE with CREATE|APPEND. */
  async append(spec: Readonly<RouteSpec>): Promise<void> {
    await this.modify(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_APPEND, spec);
  }

  /** `ip route del`: RTM_DELROUTE. A string is taken as the destination. */
  async del(spec: Readonly<RouteSpec> | string): Promise<void> {
    await this.modify(RTM_DELROUTE, 0, typeof spec === 'string' ? { dst: spec } : spec);
  }

  private async modify(type: number, flags: number, spec: Readonly<RouteSpec>): Promise<void> {
    const del = type === RTM_DELROUTE;
    buildRouteRequest(del, spec, () => 0); // checked before any request
    const idx = new Map<Dev, number>();
    for (const d of routeSpecDevs(spec)) if (!idx.has(d)) idx.set(d, await this.ctx.ifindex(d));
    const msg = buildRouteRequest(del, spec, (d) => idx.get(d)!);
    await this.ctx.conn.request(encodeRouteMessage(type, flags, msg), del ? 'RTM_DELROUTE' : 'RTM_NEWROUTE');
  }

  private async prepare(filter: Readonly<RouteFilter>): Promise<{ request: Uint8Array; match: (r: Route) => boolean }> {
    buildRouteDump(filter, 0); // checked before any request
    return buildRouteDump(filter, filter.dev !== undefined ? await this.ctx.ifindex(filter.dev) : 0);
  }
}

/** A route dump's replies decoded where they lie, the routes `match` drops left out. */
function routeReplies(match: (r: Route) => boolean): ReplyDecoder<Route> {
  return (type, buf, start, end) => {
    if (type !== RTM_NEWROUTE) return undefined;
    const r = toRoute(decodeRouteMessage(buf, start, end));
    return match(r) ? r : undefined;
  };
}

/**
 * A dump of a table that does not exist answers ENOENT ("FIB table does not exist"): no routes,
 * unless the filter asks for the error.
 */
function missingTable(e: unknown, filter: Readonly<RouteFilter>): boolean {
  return e instanceof NetlinkError && e.code === 'ENOENT' && filter.table !== 'all' && !filter.strictTable;
}
