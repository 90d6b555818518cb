/**
 * `rtnl-ts route ...` (ip/iproute.c's do_iproute): show/list, get, add, change, replace,
 * prepend, append, delete, flush, help. Show asks `ip.route` for what the kernel filters (family,
 * table, device, protocol, type, cloned) and applies ip's other selectors (filter_nlmsg) to the
 * Route objects before printing them with printRoute.
 */
import type { IpRoute } from '../api/iproute.js';
import type { NextHopSpec, RouteFilter, RouteGetOptions, RouteSpec } from '../api/route.js';
import { ipToBytes, ipToString, parseIpv6 } from '../rtnl/common.js';
import { protocols, routeTypes, scopes, type Route } from '../rtnl/route/index.js';
import { tableNumber as rtTableNumber } from './rt-names.js';
import type { Handler, Handlers } from './commands.js';
import type { CommandContext } from './context.js';
import { CliExit, CliFailure, duparg2, invarg, nodev } from './errors.js';
import { NameCache } from './names.js';
import { parseUnsigned } from './numbers.js';
import type { Printer } from './printer.js';
import { nameToIndex } from './resolve.js';
import { printRoute, type RoutePrintOptions } from './route-print.js';
import { kernelErrorText } from './report.js';
import { NetlinkError, SyscallError } from '../netlink/errors.js';
import { printNexthopEntry } from './nexthop-print.js';
import type { Nexthop } from '../rtnl/nexthop/index.js';

/** The selector-fixed columns of RoutePrintOptions. */
type RouteHide = Omit<RoutePrintOptions, 'details' | 'stats' | 'deleted'>;
import { renameProgram } from './usage.js';
import { matches, Words } from './words.js';

const AF_UNSPEC = 0;
const AF_INET = 2;
const AF_INET6 = 10;
const RT_TABLE_MAIN = 254;

const ROUTE_USAGE_IP = 'Usage: ip route { list | flush } SELECTOR\n       ip route save SELECTOR\n       ip route restore\n       ip route showdump\n       ip route get [ ROUTE_GET_FLAGS ] ADDRESS\n                            [ from ADDRESS iif STRING ]\n                            [ oif STRING ] [ tos TOS ]\n                            [ mark NUMBER ] [ vrf NAME ]\n                            [ uid NUMBER ] [ ipproto PROTOCOL ]\n                            [ sport NUMBER ] [ dport NUMBER ]\n       ip route { add | del | change | append | replace } ROUTE\nSELECTOR := [ root PREFIX ] [ match PREFIX ] [ exact PREFIX ]\n            [ table TABLE_ID ] [ vrf NAME ] [ proto RTPROTO ]\n            [ type TYPE ] [ scope SCOPE ]\nROUTE := NODE_SPEC [ INFO_SPEC ]\nNODE_SPEC := [ TYPE ] PREFIX [ tos TOS ]\n             [ table TABLE_ID ] [ proto RTPROTO ]\n             [ scope SCOPE ] [ metric METRIC ]\n             [ ttl-propagate { enabled | disabled } ]\nINFO_SPEC := { NH | nhid ID } OPTIONS FLAGS [ nexthop NH ]...\nNH := [ encap ENCAPTYPE ENCAPHDR ] [ via [ FAMILY ] ADDRESS ]\n      [ dev STRING ] [ weight NUMBER ] NHFLAGS\nFAMILY := [ inet | inet6 | mpls | bridge | link ]\nOPTIONS := FLAGS [ mtu NUMBER ] [ advmss NUMBER ] [ as [ to ] ADDRESS ]\n           [ rtt TIME ] [ rttvar TIME ] [ reordering NUMBER ]\n           [ window NUMBER ] [ cwnd NUMBER ] [ initcwnd NUMBER ]\n           [ ssthresh NUMBER ] [ realms REALM ] [ src ADDRESS ]\n           [ rto_min TIME ] [ hoplimit NUMBER ] [ initrwnd NUMBER ]\n           [ features FEATURES ] [ quickack BOOL ] [ congctl NAME ]\n           [ pref PREF ] [ expires TIME ] [ fastopen_no_cookie BOOL ]\nTYPE := { unicast | local | broadcast | multicast | throw |\n          unreachable | prohibit | blackhole | nat }\nTABLE_ID := [ local | main | default | all | NUMBER ]\nSCOPE := [ host | link | global | NUMBER ]\nNHFLAGS := [ onlink | pervasive ]\nRTPROTO := [ kernel | boot | static | NUMBER ]\nPREF := [ low | medium | high ]\nTIME := NUMBER[s|ms]\nBOOL := [1|0]\nFEATURES := ecn\nENCAPTYPE := [ mpls | ip | ip6 | seg6 | seg6local | rpl | ioam6 | xfrm ]\nENCAPHDR := [ MPLSLABEL | SEG6HDR | SEG6LOCAL | IOAM6HDR | XFRMINFO ]\nSEG6HDR := [ mode SEGMODE ] segs ADDR1,ADDRi,ADDRn [hmac HMACKEYID] [cleanup]\nSEGMODE := [ encap | encap.red | inline | l2encap | l2encap.red ]\nSEG6LOCAL := action ACTION [ OPTIONS ] [ count ]\nACTION := { End | End.X | End.T | End.DX2 | End.DX6 | End.DX4 |\n            End.DT6 | End.DT4 | End.DT46 | End.B6 | End.B6.Encaps |\n            End.BM | End.S | End.AS | End.AM | End.BPF }\nOPTIONS := OPTION [ OPTIONS ]\nOPTION := { flavors FLAVORS | srh SEG6HDR | nh4 ADDR | nh6 ADDR | iif DEV | oif DEV |\n            table TABLEID | vrftable TABLEID | endpoint PROGNAME }\nFLAVORS := { FLAVOR[,FLAVOR] }\nFLAVOR := { psp | usp | usd | next-csid }\nIOAM6HDR := trace prealloc type IOAM6_TRACE_TYPE ns IOAM6_NAMESPACE size IOAM6_TRACE_SIZE\nXFRMINFO := if_id IF_ID [ link_dev LINK ]\nROUTE_GET_FLAGS := [ fibmatch ]\n';

/** `ip route help` (iproute.c usage()), naming rtnl-ts. */
export const ROUTE_USAGE = renameProgram(ROUTE_USAGE_IP).replace(/\n$/, '');

/** iproute2's inet_prefix: an address or prefix as get_addr / get_prefix read it. */
export interface InetPrefix {
  /** AF_INET, AF_INET6, or AF_UNSPEC for "default" / "any" / "all" without a family. */
  family: number;
  /** 4 or 16 bytes (zeros for "default"). */
  bytes: Uint8Array;
  bitlen: number;
  /** A "/LEN" was given, or the word was "default" (PREFIXLEN_SPECIFIED). */
  specified: boolean;
  /** "default", "any" or "all". */
  any: boolean;
  /** The address text (inet_ntop form) when there is an address. */
  text: string;
}

const familyWord = (af: number): string => (af === AF_INET ? 'inet' : af === AF_INET6 ? 'inet6' : 'any valid');

/** get_addr_ipv4: up to four dot-separated strtoul(.., 0) parts, each <= 255; missing parts are 0. */
function parseIpv4(text: string): Uint8Array | undefined {
  const out = new Uint8Array(4);
  const parts = text.split('.');
  if (parts.length > 4) return undefined;
  for (let i = 0; i < parts.length; i++) {
    const n = parseUnsigned(parts[i]!, 255);
    if (n === undefined) return undefined;
    out[i] = n;
  }
  return out;
}

/** get_addr_1 / get_prefix_1: undefined where iproute2 fails. */
export function readPrefix(text: string, family: number, prefix: boolean): InetPrefix | undefined {
  const slash = prefix ? text.indexOf('/') : -1;
  const word = slash < 0 ? text : text.slice(0, slash);
  let p: InetPrefix;
  if (word === 'default' || word === 'any' || word === 'all') {
    const size = family === AF_INET ? 4 : family === AF_INET6 ? 16 : 0;
    if (slash >= 0) return undefined;
    return { family, bytes: new Uint8Array(size), bitlen: 0, specified: word === 'default', any: true, text: word };
  }
  if (word.includes(':')) {
    if (family !== AF_UNSPEC && family !== AF_INET6) return undefined;
    const bytes = parseIpv6(word);
    if (!bytes) return undefined;
    p = { family: AF_INET6, bytes, bitlen: 128, specified: false, any: false, text: ipToString(bytes) };
  } else {
    if (family !== AF_UNSPEC && family !== AF_INET) return undefined;
    const bytes = parseIpv4(word);
    if (!bytes) return undefined;
    p = { family: AF_INET, bytes, bitlen: 32, specified: false, any: false, text: ipToString(bytes) };
  }
  if (slash >= 0) {
    const len = parseUnsigned(text.slice(slash + 1), p.bitlen);
    if (len === undefined) return undefined;
    p.bitlen = len;
    p.specified = true;
  }
  return p;
}

/** get_prefix: a prefix of `family` or exit 1 with ip's message. */
export function getPrefix(text: string, family: number): InetPrefix {
  const p = readPrefix(text, family, true);
  if (!p) throw new CliExit(`Error: ${familyWord(family)} prefix is expected rather than "${text}".`, 1);
  return p;
}

/** get_addr: an address of `family` or exit 1 with ip's message. */
export function getAddr(text: string, family: number): InetPrefix {
  const p = readPrefix(text, family, false);
  if (!p) throw new CliExit(`Error: ${familyWord(family)} address is expected rather than "${text}".`, 1);
  return p;
}

/** The family number of the global -4/-6 switch. */
export function preferredFamily(ctx: CommandContext): number {
  return ctx.g.family === 'inet' ? AF_INET : ctx.g.family === 'inet6' ? AF_INET6 : AF_UNSPEC;
}

/** inet_addr_match: the first `bits` bits of a and b agree. */
function bitsMatch(a: Uint8Array, b: Uint8Array, bits: number): boolean {
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((a[i] ?? 0) ^ (b[i] ?? 0)) & mask) return false;
  }
  return true;
}

/** The selectors of `route show` / `route flush` (iproute2's static `filter`). */
interface ShowSelectors {
  /** filter.tb: 0 = all tables. */
  tb: number;
  cloned: boolean;
  tos?: number;
  protocol?: number;
  scope?: number;
  type?: number;
  dev?: string;
  iif?: string;
  mark?: number;
  metric?: number;
  realms?: { value: number; mask: number };
  rvia?: InetPrefix;
  rprefsrc?: InetPrefix;
  rdst?: InetPrefix;
  mdst?: InetPrefix;
  rsrc?: InetPrefix;
  msrc?: InetPrefix;
}

/** get_rt_realms_or_raw: "FROM/TO" realm names or numbers, or a raw number. */
function parseRealms(text: string): number | undefined {
  const one = (s: string): number | undefined => {
    if (s === '') return 0;
    if (s === 'cosmos' || s === 'unknown') return 0;
    return parseUnsigned(s, 255);
  };
  const slash = text.indexOf('/');
  if (slash < 0) return parseUnsigned(text) ?? one(text);
  const from = one(text.slice(0, slash));
  const to = one(text.slice(slash + 1));
  return from === undefined || to === undefined ? undefined : ((from << 16) | to) >>> 0;
}

/** rtnl_rttable_a2n (names from /etc/iproute2/rt_tables and numbers, "all" is not one). */
function tableNumber(text: string): number | undefined {
  if (text === 'all') return undefined;
  return rtTableNumber(text);
}

/** rtnl_rtntype_a2n: a route type name (or "brd"), or a number. */
function typeNumber(text: string): number | undefined {
  if (text === 'brd') return 3;
  return routeTypes.number(text);
}

function parseShowSelectors(words: Words, dumpFamily: number): ShowSelectors {
  const f: ShowSelectors = { tb: RT_TABLE_MAIN, cloned: false };
  const prefixOf = (w: string): InetPrefix => getPrefix(w, dumpFamily);
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (matches(w, 'table')) {
      const v = words.next();
      const tid = tableNumber(v);
      if (tid === undefined) {
        if (v === 'all') f.tb = 0;
        else if (v === 'cache') f.cloned = true;
        else if (v === 'help') throw new CliExit(ROUTE_USAGE);
        else throw invarg('table id value is invalid\n', v);
      } else {
        f.tb = tid;
      }
    } else if (matches(w, 'vrf')) {
      throw new CliFailure(`rtnl-ts: "route ... vrf" is not supported by rtnl-ts`, 1);
    } else if (matches(w, 'cached') || matches(w, 'cloned')) {
      f.cloned = true;
    } else if (w === 'tos' || matches(w, 'dsfield')) {
      const v = words.next();
      const n = parseUnsigned(v, 255);
      if (n === undefined) throw invarg('TOS value is invalid\n', v);
      f.tos = n;
    } else if (matches(w, 'protocol')) {
      const v = words.next();
      const n = protocols.number(v);
      if (n === undefined) {
        if (v !== 'all') throw invarg('invalid "protocol"\n', v);
        delete f.protocol;
      } else {
        f.protocol = n;
      }
    } else if (matches(w, 'scope')) {
      const v = words.next();
      const n = scopes.number(v);
      if (n === undefined) {
        if (v !== 'all') throw invarg('invalid "scope"\n', v);
        delete f.scope;
      } else {
        f.scope = n;
      }
    } else if (matches(w, 'type')) {
      const v = words.next();
      const n = typeNumber(v);
      if (n === undefined) throw invarg('node type value is invalid\n', v);
      f.type = n;
    } else if (w === 'dev' || w === 'oif') {
      f.dev = words.next();
    } else if (w === 'iif') {
      f.iif = words.next();
    } else if (w === 'mark') {
      const v = words.next();
      const n = parseUnsigned(v);
      if (n === undefined) throw invarg('invalid mark value', v);
      f.mark = n;
    } else if (matches(w, 'metric') || matches(w, 'priority') || w === 'preference') {
      const v = words.next();
      const n = parseUnsigned(v);
      if (n === undefined) throw invarg('"metric" value is invalid\n', v);
      f.metric = n;
    } else if (w === 'via') {
      let v = words.next();
      let fam = dumpFamily;
      if (v === 'inet' || v === 'inet6') {
        fam = v === 'inet' ? AF_INET : AF_INET6;
        v = words.next();
      }
      f.rvia = getPrefix(v, fam);
    } else if (w === 'src') {
      f.rprefsrc = prefixOf(words.next());
    } else if (matches(w, 'realms')) {
      const v = words.next();
      const n = parseRealms(v);
      if (n === undefined) throw invarg('invalid realms\n', v);
      let mask = 0xffffffff;
      if ((n & 0xffff) === 0 && v.endsWith('/')) mask &= ~0xffff;
      if ((n & 0xffff0000) === 0 && (!v.includes('/') || v.startsWith('/'))) mask &= ~0xffff0000;
      f.realms = { value: n, mask: mask >>> 0 };
    } else if (matches(w, 'from')) {
      const v = words.next();
      if (matches(v, 'root')) f.rsrc = prefixOf(words.next());
      else if (matches(v, 'match')) f.msrc = prefixOf(words.next());
      else {
        const p = prefixOf(matches(v, 'exact') ? words.next() : v);
        f.msrc = p;
        f.rsrc = p;
      }
    } else {
      let v = w;
      if (matches(v, 'to')) v = words.next();
      if (matches(v, 'root')) f.rdst = prefixOf(words.next());
      else if (matches(v, 'match')) f.mdst = prefixOf(words.next());
      else {
        const p = prefixOf(matches(v, 'exact') ? words.next() : v);
        f.mdst = p;
        f.rdst = p;
      }
    }
  }
  return f;
}

function routeBytes(text: string | undefined, family: number): Uint8Array {
  if (text === undefined) return new Uint8Array(family === AF_INET6 ? 16 : 4);
  return ipToBytes(text);
}

/** filter_nlmsg's checks that the kernel does not make for us. */
function selectorMatch(r: Route, f: Readonly<ShowSelectors>, preferred: number, iif: number, oif: number): boolean {
  const h = r.raw.header;
  const a = r.raw.attrs;
  if (preferred !== AF_UNSPEC && h.family !== preferred) return false;
  if (f.scope !== undefined && h.scope !== f.scope) return false;
  if (f.tos !== undefined && h.tos !== f.tos) return false;
  const root = (p: InetPrefix | undefined, len: number, addr: string | undefined): boolean => {
    if (!p || (!p.family && !p.specified)) return true;
    if (p.family && h.family !== p.family) return false;
    if (p.bitlen > len) return false;
    return bitsMatch(routeBytes(addr, h.family), p.bytes, p.bitlen);
  };
  const match = (p: InetPrefix | undefined, len: number, addr: string | undefined): boolean => {
    if (!p || (!p.family && !p.specified)) return true;
    if (p.family && h.family !== p.family) return false;
    if (p.bitlen < len) return false;
    return bitsMatch(routeBytes(addr, h.family), p.bytes, len);
  };
  if (!root(f.rdst, h.dstLen, a.dst) || !match(f.mdst, h.dstLen, a.dst)) return false;
  if (!root(f.rsrc, h.srcLen, a.src) || !match(f.msrc, h.srcLen, a.src)) return false;
  if (f.rvia?.family) {
    const fam = a.via ? (r.via?.family === 'inet6' ? AF_INET6 : r.via?.family === 'inet' ? AF_INET : -1) : h.family;
    if (fam !== f.rvia.family) return false;
    const gw = a.gateway ?? r.via?.host;
    if (f.rvia.bitlen > 0 && !bitsMatch(gw !== undefined ? ipToBytes(gw) : new Uint8Array(16), f.rvia.bytes, f.rvia.bitlen)) return false;
  }
  if (f.rprefsrc?.family) {
    if (h.family !== f.rprefsrc.family) return false;
    if (f.rprefsrc.bitlen > 0 && !bitsMatch(routeBytes(a.prefsrc, h.family), f.rprefsrc.bytes, f.rprefsrc.bitlen)) return false;
  }
  if (f.realms && (((a.flow ?? 0) ^ f.realms.value) & f.realms.mask) !== 0) return false;
  if (f.iif !== undefined && (a.iif ?? 0) !== iif) return false;
  // The kernel's device filter also passes multipath routes through the device; ip keeps RTA_OIF only.
  if (f.dev !== undefined && (a.oif ?? 0) !== oif) return false;
  if (f.mark !== undefined && (a.mark ?? 0) !== f.mark) return false;
  if (f.metric !== undefined && (a.priority ?? 0) !== f.metric) return false;
  return true;
}

/** What print_route leaves out because a selector fixed it (iproute2's filter masks of -1). */
function hiddenBy(f: Readonly<ShowSelectors>): RouteHide {
  const full = (p: InetPrefix | undefined): boolean => p !== undefined && p.bitlen === (p.family === AF_INET6 ? 128 : p.family === AF_INET ? 32 : -1);
  const hide: RouteHide = {
    oifFixed: f.dev !== undefined, tableFixed: f.tb !== 0, protocolFixed: f.protocol !== undefined,
    scopeFixed: f.scope !== undefined, metricFixed: f.metric !== undefined, tosFixed: f.tos !== undefined,
    iifFixed: f.iif !== undefined, realmFixed: f.realms?.mask === 0xffffffff, viaFixed: full(f.rvia),
    prefsrcFixed: full(f.rprefsrc),
  };
  if (f.type !== undefined) hide.typeMask = 1 << f.type;
  return hide;
}

/** ll_index_to_name for every device of the namespace. */
export async function linkNames(ip: IpRoute): Promise<NameCache> {
  const names = new NameCache();
  for (const l of await ip.link.list({ stats: false })) names.remember(l.ifindex, l.ifname, l.ifiFlags);
  return names;
}

/** The dump itself failed (the kernel refused it), after ip has opened its JSON array. */
class DumpFailure extends CliFailure {}

/** The routes `route show` / `route flush` select, with what the printer must leave out. */
async function selectRoutes(ctx: CommandContext, words: Words, end: string): Promise<{ routes: Route[]; hide: RouteHide }> {
  const ip = await ctx.ip();
  const preferred = preferredFamily(ctx);
  const f = parseShowSelectors(words, preferred);
  // A table that does not exist is the kernel's error, as ip prints it.
  const filter: RouteFilter = { table: f.tb === 0 ? 'all' : f.tb, strictTable: true };
  if (preferred === AF_INET) filter.family = 'inet';
  else if (preferred === AF_INET6) filter.family = 'inet6';
  else if (f.tb !== 0) filter.family = 'inet';
  let iif = 0;
  if (f.iif !== undefined) {
    iif = await nameToIndex(ip, f.iif);
    if (!iif) throw nodev(f.iif);
  }
  let oif = 0;
  if (f.dev !== undefined) {
    oif = await nameToIndex(ip, f.dev);
    if (!oif) throw nodev(f.dev);
    filter.dev = oif;
  }
  if (f.protocol !== undefined) filter.protocol = f.protocol;
  if (f.type !== undefined) filter.type = f.type;
  if (f.cloned) filter.cloned = true;
  const routes: Route[] = [];
  try {
    for await (const r of ip.route.stream(filter)) if (selectorMatch(r, f, preferred, iif, oif)) routes.push(r);
  } catch (e) {
    // rtnl_dump_filter failed: the kernel's words, then ip's "Dump terminated" / "Flush terminated".
    if (e instanceof NetlinkError && !(e instanceof SyscallError)) throw new DumpFailure(`${kernelErrorText(e)}\n${end}`, 2);
    throw e;
  }
  return { routes, hide: hiddenBy(f) };
}

/**
 * print_cache_nexthop_id for `-d`: the nexthop objects the routes' nhids name, each read once
 * (RTM_GETNEXTHOP), printed after "nh_info"; one that cannot be read is left out, as ip does.
 */
async function nexthopInfo(ip: IpRoute, routes: readonly Route[], names: NameCache): Promise<RoutePrintOptions['nhInfo']> {
  const found = new Map<number, Nexthop>();
  for (const id of new Set(routes.map((r) => r.nhid).filter((id): id is number => id !== undefined))) {
    try {
      found.set(id, await ip.nexthop.get(id));
    } catch {
      // gone, or never there: nothing to print
    }
  }
  return (p, id) => {
    const nh = found.get(id);
    if (!nh) return;
    p.string('fp', null, '%s', '\n\tnh_info ');
    printNexthopEntry(p, nh, { details: 1 }, names, 'nh_info');
  };
}

async function show(ctx: CommandContext, words: Words): Promise<number> {
  let selected: Awaited<ReturnType<typeof selectRoutes>>;
  try {
    selected = await selectRoutes(ctx, words, 'Dump terminated');
  } catch (e) {
    if (e instanceof DumpFailure && ctx.g.json) ctx.out(ctx.g.pretty ? '[ ' : '['); // ip's JSON array, opened before the dump
    throw e;
  }
  const { routes, hide } = selected;
  const ip = await ctx.ip();
  const names = await linkNames(ip);
  const nhInfo = ctx.g.details ? await nexthopInfo(ip, routes, names) : undefined;
  const p = ctx.printer();
  p.begin();
  for (const r of routes) printRoute(p, r, { details: ctx.g.details, stats: ctx.g.stats, ...hide, ...(nhInfo ? { nhInfo } : {}) }, names);
  p.end();
  ctx.flush(p);
  return 0;
}

/** The RouteSpec that deletes exactly this route (what ip's flush sends back as RTM_DELROUTE). */
function specOf(r: Route): RouteSpec {
  const h = r.raw.header;
  const a = r.raw.attrs;
  const spec: RouteSpec = {
    dst: r.dst, family: h.family === AF_INET6 ? 'inet6' : 'inet', table: a.table ?? h.table, type: h.type,
    proto: h.protocol, scope: h.scope,
  };
  if (h.tos) spec.tos = h.tos;
  if (r.from !== undefined) spec.from = r.from;
  if (a.gateway !== undefined) spec.via = a.gateway;
  else if (r.via) spec.via = r.via.host;
  if (a.oif !== undefined) spec.dev = a.oif;
  if (a.priority !== undefined) spec.metric = a.priority;
  if (a.prefsrc !== undefined) spec.src = a.prefsrc;
  if (r.nexthops) {
    spec.nexthops = r.nexthops.map((nh) => {
      const n: NextHopSpec = { dev: nh.dev, weight: nh.weight };
      if (nh.gateway !== undefined) n.via = nh.gateway;
      else if (nh.via) n.via = nh.via.host;
      return n;
    });
  }
  return spec;
}

async function flush(ctx: CommandContext, words: Words): Promise<number> {
  if (words.done) throw new CliFailure('"ip route flush" requires arguments.', 1);
  const ip = await ctx.ip();
  const selectors = words.rest();
  for (let round = 0; ; round++) {
    const { routes, hide } = await selectRoutes(ctx, new Words(selectors), 'Flush terminated');
    // The kernel's own IPv6 "unreachable default" sentinel (metric -1) is left alone, as ip does.
    const doomed = routes.filter((r) => !(r.raw.header.family === AF_INET6 && r.raw.header.dstLen === 0
      && r.type === 'unreachable' && r.raw.attrs.priority === 0xffffffff));
    if (ctx.g.stats > 1 && doomed.length > 0) {
      // ip -s -s prints each route it flushes, as `route show` would.
      const names = await linkNames(ip);
      const p = ctx.printer();
      for (const r of doomed) printRoute(p, r, { details: ctx.g.details, stats: ctx.g.stats, ...hide }, names);
      ctx.flush(p);
    }
    if (doomed.length === 0) {
      if (ctx.g.stats) ctx.out(round === 0 ? 'Nothing to flush.\n' : `*** Flush is complete after ${round} round${round > 1 ? 's' : ''} ***\n`);
      return 0;
    }
    for (const r of doomed) {
      try {
        await ip.route.del(specOf(r));
      } catch (e) {
        if ((e as { code?: string }).code !== 'ESRCH') throw e;
      }
    }
    if (ctx.g.stats) ctx.out(`\n*** Round ${round + 1}, deleting ${doomed.length} entries ***\n`);
    if (round >= 9) return 1;
  }
}

/** get_time_rtt: "N", "Ns" or "Nms" in milliseconds. */
function parseTime(text: string): number | undefined {
  const m = /^(\d+(?:\.\d*)?)(s|ms|msec|msecs|sec|secs)?$/i.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'ms').toLowerCase();
  return Math.ceil(unit.startsWith('s') ? n * 1000 : n);
}

type Verb = 'add' | 'change' | 'replace' | 'prepend' | 'append' | 'del';

/** iproute_modify: the words of add / change / replace / prepend / append / delete. */
async function modify(ctx: CommandContext, words: Words, verb: Verb): Promise<number> {
  const ip = await ctx.ip();
  let family = preferredFamily(ctx);
  const spec: Partial<RouteSpec> & { metrics: NonNullable<RouteSpec['metrics']> } = { metrics: {} };
  const locked: NonNullable<NonNullable<RouteSpec['metrics']>['locked']> = [];
  let gwOk = false;
  let dev: string | undefined;
  const setFamily = (af: number): void => {
    if (family === AF_UNSPEC) family = af;
  };
  const metric = (key: 'mtu' | 'hoplimit' | 'advmss' | 'reordering' | 'window' | 'cwnd' | 'initcwnd' | 'initrwnd' | 'ssthresh', msg: string, max = 0xffffffff): void => {
    let v = words.next();
    if (v === 'lock') {
      locked.push(key);
      v = words.next();
    }
    const n = parseUnsigned(v, max);
    if (n === undefined) throw invarg(`"${msg}" value is invalid\n`, v);
    spec.metrics[key] = n;
  };
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (w === 'src') {
      const a = getAddr(words.next(), family);
      setFamily(a.family);
      spec.src = a.text;
    } else if (w === 'via') {
      if (gwOk) throw invarg('use nexthop syntax to specify multiple via\n', w);
      gwOk = true;
      let v = words.next();
      let fam = family;
      if (v === 'inet' || v === 'inet6') {
        fam = v === 'inet' ? AF_INET : AF_INET6;
        v = words.next();
      }
      const a = getAddr(v, fam);
      setFamily(a.family);
      spec.via = a.text;
    } else if (w === 'from') {
      const p = getPrefix(words.next(), family);
      setFamily(p.family);
      spec.from = p.any ? 'default' : `${p.text}/${p.bitlen}`;
    } else if (w === 'tos' || matches(w, 'dsfield')) {
      const v = words.next();
      const n = parseUnsigned(v, 255);
      if (n === undefined) throw invarg('"tos" value is invalid\n', v);
      spec.tos = n;
    } else if (w === 'expires') {
      const v = words.next();
      const n = parseUnsigned(v);
      if (n === undefined) throw invarg('"expires" value is invalid\n', v);
      spec.expires = n;
    } else if (matches(w, 'metric') || matches(w, 'priority') || w === 'preference') {
      const v = words.next();
      const n = parseUnsigned(v);
      if (n === undefined) throw invarg('"metric" value is invalid\n', v);
      spec.metric = n;
    } else if (w === 'scope') {
      const v = words.next();
      const n = scopes.number(v);
      if (n === undefined) throw invarg('invalid "scope" value\n', v);
      spec.scope = n;
    } else if (w === 'mtu') {
      metric('mtu', 'mtu');
    } else if (w === 'hoplimit') {
      metric('hoplimit', 'hoplimit', 255);
    } else if (w === 'advmss') {
      metric('advmss', 'mss');
    } else if (matches(w, 'reordering')) {
      metric('reordering', 'reordering');
    } else if (matches(w, 'window')) {
      metric('window', 'window');
    } else if (matches(w, 'cwnd')) {
      metric('cwnd', 'cwnd');
    } else if (matches(w, 'initcwnd')) {
      metric('initcwnd', 'initcwnd');
    } else if (matches(w, 'initrwnd')) {
      metric('initrwnd', 'initrwnd');
    } else if (matches(w, 'ssthresh')) {
      metric('ssthresh', 'ssthresh');
    } else if (w === 'rtt' || w === 'rto_min' || matches(w, 'rttvar')) {
      const key = w === 'rtt' ? 'rtt' : w === 'rto_min' ? 'rtoMin' : 'rttvar';
      let v = words.next();
      if (v === 'lock' && key !== 'rtoMin') {
        locked.push(key);
        v = words.next();
      }
      const n = parseTime(v);
      if (n === undefined) throw invarg(`"${w === 'rto_min' ? 'rto_min' : key}" value is invalid\n`, v);
      spec.metrics[key] = n;
    } else if (matches(w, 'features')) {
      const v = words.next();
      if (v !== 'ecn') throw invarg('"features" value not valid\n', v);
      spec.metrics.features = 1;
    } else if (matches(w, 'quickack') || matches(w, 'fastopen_no_cookie')) {
      const key = matches(w, 'quickack') ? 'quickack' : 'fastopenNoCookie';
      const name = key === 'quickack' ? 'quickack' : 'fastopen_no_cookie';
      const v = words.next();
      const n = parseUnsigned(v);
      if (n === undefined) throw invarg(`"${name}" value is invalid\n`, v);
      if (n > 1) throw invarg(`"${name}" value should be 0 or 1\n`, v);
      spec.metrics[key] = n;
    } else if (matches(w, 'congctl')) {
      let v = words.next();
      if (v === 'lock') {
        locked.push('congctl');
        v = words.next();
      }
      spec.metrics.congctl = v;
    } else if (matches(w, 'realms')) {
      const v = words.next();
      const n = parseRealms(v);
      if (n === undefined) throw invarg('"realm" value is invalid\n', v);
      spec.realms = n;
    } else if (w === 'onlink') {
      spec.onlink = true;
    } else if (w === 'nexthop') {
      spec.nexthops = parseNextHops(words, () => family, setFamily);
      break;
    } else if (w === 'nhid') {
      const v = words.next();
      const n = parseUnsigned(v);
      if (n === undefined) throw invarg('"id" value is invalid\n', v);
      spec.nhid = n;
    } else if (matches(w, 'protocol')) {
      const v = words.next();
      const n = protocols.number(v);
      if (n === undefined) throw invarg('"protocol" value is invalid\n', v);
      spec.proto = n;
    } else if (matches(w, 'table')) {
      const v = words.next();
      const n = tableNumber(v);
      if (n === undefined) throw invarg('"table" value is invalid\n', v);
      spec.table = n;
    } else if (w === 'dev' || w === 'oif') {
      dev = words.next();
    } else if (matches(w, 'pref')) {
      const v = words.next();
      if (v === 'low' || v === 'medium' || v === 'high') spec.pref = v;
      else {
        const n = parseUnsigned(v, 255);
        if (n === undefined) throw invarg('"pref" value is invalid\n', v);
        spec.pref = n;
      }
    } else if (w === 'encap' || w === 'as' || w === 'ttl-propagate' || matches(w, 'vrf')) {
      throw new CliFailure(`rtnl-ts: "route ${verb} ... ${w}" is not supported by rtnl-ts`, 1);
    } else {
      let v = w;
      if (v === 'to') v = words.next();
      if ((v[0]! < '0' || v[0]! > '9') && typeNumber(v) !== undefined) {
        spec.type = typeNumber(v)!;
        v = words.next();
      }
      if (matches(v, 'help')) throw new CliExit(ROUTE_USAGE);
      if (spec.dst !== undefined) throw duparg2('to', v);
      const p = getPrefix(v, family);
      setFamily(p.family);
      spec.dst = p.any ? 'default' : `${p.text}/${p.bitlen}`;
    }
  }
  if (spec.dst === undefined) throw new CliExit(ROUTE_USAGE);
  if (dev !== undefined) {
    const idx = await nameToIndex(ip, dev);
    if (!idx) throw nodev(dev);
    spec.dev = idx;
  }
  if (locked.length) spec.metrics.locked = locked;
  if (Object.keys(spec.metrics).length === 0) delete (spec as Partial<RouteSpec>).metrics;
  spec.family = family === AF_INET6 ? 'inet6' : 'inet';
  await ip.route[verb](spec as RouteSpec);
  return 0;
}

/** parse_nexthops: "nexthop [via A] [dev D] [weight W] [onlink] [realms R]" ... to the end. */
function parseNextHops(words: Words, family: () => number, setFamily: (af: number) => void): NextHopSpec[] {
  const hops: NextHopSpec[] = [];
  const devs: string[] = [];
  while (!words.done) {
    const w = words.cur;
    if (w !== 'nexthop') throw new CliExit(`Error: "nexthop" or end of line is expected instead of "${w}"`);
    if (words.left <= 1) throw new CliExit('Error: unexpected end of line after "nexthop"');
    const nh: NextHopSpec = {};
    words.skip();
    for (; !words.done && words.cur !== 'nexthop'; words.skip()) {
      const k = words.cur;
      if (k === 'via') {
        let v = words.next();
        let fam = family();
        if (v === 'inet' || v === 'inet6') {
          fam = v === 'inet' ? AF_INET : AF_INET6;
          v = words.next();
        }
        const a = getAddr(v, fam);
        setFamily(a.family);
        nh.via = a.text;
      } else if (k === 'dev') {
        const v = words.next();
        devs.push(v);
        nh.dev = v;
      } else if (k === 'weight') {
        const v = words.next();
        const n = parseUnsigned(v);
        if (n === undefined || n === 0 || n > 256) throw invarg('"weight" is invalid\n', v);
        nh.weight = n;
      } else if (k === 'onlink') {
        nh.onlink = true;
      } else if (matches(k, 'realms')) {
        const v = words.next();
        const n = parseRealms(v);
        if (n === undefined) throw invarg('"realm" value is invalid\n', v);
        nh.realms = n;
      } else {
        throw new CliExit(`Error: "nexthop" or end of line is expected instead of "${k}"`);
      }
    }
    hops.push(nh);
  }
  return hops;
}

/** iproute_get: `route get ADDRESS [from A] [iif D] [oif D] [mark N] [uid N] [tos T] [fibmatch]`. */
async function get(ctx: CommandContext, words: Words): Promise<number> {
  const ip = await ctx.ip();
  let family = preferredFamily(ctx);
  const opts: RouteGetOptions = {};
  let dst: InetPrefix | undefined;
  let idev: string | undefined;
  let odev: string | undefined;
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (w === 'tos' || matches(w, 'dsfield')) {
      const v = words.next();
      const n = parseUnsigned(v, 255);
      if (n === undefined) throw invarg('TOS value is invalid\n', v);
      opts.tos = n;
    } else if (matches(w, 'from')) {
      const v = words.next();
      if (matches(v, 'help')) throw new CliExit(ROUTE_USAGE);
      const p = getPrefix(v, family);
      if (family === AF_UNSPEC) family = p.family;
      opts.from = p.specified ? `${p.text}/${p.bitlen}` : p.text;
    } else if (matches(w, 'iif')) {
      idev = words.next();
    } else if (matches(w, 'mark')) {
      const v = words.next();
      const n = parseUnsigned(v);
      if (n === undefined) throw invarg('invalid mark value', v);
      opts.mark = n;
    } else if (matches(w, 'oif') || w === 'dev') {
      odev = words.next();
    } else if (matches(w, 'uid')) {
      const v = words.next();
      const n = parseUnsigned(v);
      if (n === undefined) throw invarg('invalid UID\n', v);
      opts.uid = n;
    } else if (matches(w, 'fibmatch')) {
      opts.fibmatch = true;
    } else if (matches(w, 'notify') || matches(w, 'connected') || matches(w, 'vrf') || w === 'as'
      || matches(w, 'sport') || matches(w, 'dport') || matches(w, 'ipproto')) {
      throw new CliFailure(`rtnl-ts: "route get ... ${w}" is not supported by rtnl-ts`, 1);
    } else {
      let v = w;
      if (v === 'to') v = words.next();
      if (matches(v, 'help')) throw new CliExit(ROUTE_USAGE);
      const p = getPrefix(v, family);
      if (family === AF_UNSPEC) family = p.family;
      const host = p.family === AF_INET6 ? 128 : 32;
      if (p.bitlen !== host && !p.any) ctx.err(`Warning: /${p.bitlen} as prefix is invalid, only /${host} (or none) is supported.`);
      dst = p;
    }
  }
  if (!dst) throw new CliFailure('need at least a destination address', 1);
  if (idev !== undefined) {
    const idx = await nameToIndex(ip, idev);
    if (!idx) throw nodev(idev);
    opts.iif = idx;
  }
  if (odev !== undefined) {
    const idx = await nameToIndex(ip, odev);
    if (!idx) throw nodev(odev);
    opts.dev = idx;
  }
  const r = await ip.route.get(dst.any ? (dst.family === AF_INET6 ? '::' : '0.0.0.0') : dst.text, opts);
  const names = await linkNames(ip);
  const nhInfo = ctx.g.details ? await nexthopInfo(ip, [r], names) : undefined;
  const p = ctx.printer();
  p.begin();
  printRoute(p, r, { details: ctx.g.details, stats: ctx.g.stats, ...(nhInfo ? { nhInfo } : {}) }, names);
  p.end();
  ctx.flush(p);
  return 0;
}

/** Render routes as `route show` does, for callers that already hold them (tests, batch). */
export function renderRoutes(p: Printer, routes: readonly Route[], o: Readonly<RoutePrintOptions>, names: NameCache): void {
  p.begin();
  for (const r of routes) printRoute(p, r, o, names);
  p.end();
}

/** The handlers of `rtnl-ts route VERB` (see commands.ts). */
const add: Handler = (ctx, words) => modify(ctx, words, 'add');
const change: Handler = (ctx, words) => modify(ctx, words, 'change');
const replace: Handler = (ctx, words) => modify(ctx, words, 'replace');
const prepend: Handler = (ctx, words) => modify(ctx, words, 'prepend');
const append: Handler = (ctx, words) => modify(ctx, words, 'append');
const del: Handler = (ctx, words) => modify(ctx, words, 'del');
const help: Handler = async () => { throw new CliExit(ROUTE_USAGE); };

export const handlers = { add, change, replace, prepend, append, del, show, get, flush, help } satisfies Handlers;
