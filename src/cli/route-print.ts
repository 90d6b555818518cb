/**
 * `printRoute(printer, route)`: one Route as `ip route show` prints it (print_route in
 * ip/iproute.c), text or JSON, one printer call per field. Columns the show filter pins down
 * (the device of `dev X`, the table of `table T`, ...) are left out as ip leaves them out.
 */
import type { Route } from '../rtnl/route/index.js';
import { sprintf } from './format.js';
import type { Names } from './names.js';
import { familyColor, type Printer } from './printer.js';
import { tableName } from './rt-names.js';

const AF_INET = 2;
const AF_INET6 = 10;
const RTN_UNICAST = 1;
const RTN_MULTICAST = 5;
const RTM_F_CLONED = 0x200;
const RTPROT_BOOT = 3;
const RT_TABLE_MAIN = 254;
const USER_HZ = 100;

/** Which columns the show filter fixed (iproute2's filter masks set to -1). */
export interface RoutePrintOptions {
  details: number;
  stats: number;
  /** `table T` given: no table column. */
  tableFixed?: boolean;
  /** `proto P` given. */
  protocolFixed?: boolean;
  /** `scope S` given. */
  scopeFixed?: boolean;
  /** `type T` given: print the type only when it is T. */
  typeMask?: number;
  /** `dev D` given. */
  oifFixed?: boolean;
  iifFixed?: boolean;
  metricFixed?: boolean;
  tosFixed?: boolean;
  realmFixed?: boolean;
  /** `via ADDR` with a full-length prefix given. */
  viaFixed?: boolean;
  /** `src ADDR` with a full-length prefix given. */
  prefsrcFixed?: boolean;
  deleted?: boolean;
  /**
   * With -d, print the nexthop object of a route's nhid after "nh_info" (print_cache_nexthop_id),
   * or nothing when it cannot be read.
   */
  nhInfo?: (p: Printer, id: number) => void;
}

/** print_rt_flags' words in its order: RTNH_F_* and RTM_F_* bits (<linux/rtnetlink.h>). */
const RT_FLAGS: readonly [number, string][] = [
  [0x1, 'dead'], [0x4, 'onlink'], [0x2, 'pervasive'], [0x8, 'offload'], [0x40, 'trap'], [0x100, 'notify'],
  [0x10, 'linkdown'], [0x20, 'unresolved'], [0x4000, 'rt_offload'], [0x8000, 'rt_trap'], [0x20000000, 'rt_offload_failed'],
];

/** print_rt_flags: flag words, a JSON "flags" array. */
export function printFlags(p: Printer, flags: number): void {
  p.openArray('json', p.json ? 'flags' : '');
  for (const [bit, word] of RT_FLAGS) if (flags & bit) p.string('any', null, '%s ', word);
  p.closeArray('json', null);
}

/** RTCF_* routing-cache flags (<linux/in_route.h>) in print_cache_flags' order. */
const RTCF: readonly [number, string][] = [
  [0x80000000, 'local'], [0x40000000, 'reject'], [0x20000000, 'mc'], [0x10000000, 'brd'], [0x08000000, 'dst-nat'],
  [0x00800000, 'src-nat'], [0x00400000, 'masq'], [0x00020000, 'dst-direct'], [0x04000000, 'src-direct'],
  [0x00040000, 'redirected'], [0x01000000, 'redirect'], [0x00200000, 'fastroute'], [0x00010000, 'notify'],
  [0x00080000, 'proxy'],
];

/** print_cache_flags: the routing-cache flags of a cloned IPv4 route. */
function printCacheFlags(p: Printer, rtmFlags: number): void {
  let flags = (rtmFlags & ~0xffff) >>> 0;
  if (p.json) {
    p.openArray('json', 'cache');
  } else {
    p.text(`${p.sl}    cache `);
    if (flags === 0) return;
    p.text('<');
  }
  for (const [bit, word] of RTCF) {
    if (!(flags & bit)) continue;
    flags = (flags & ~bit) >>> 0;
    if (p.json) p.string('json', null, null, word);
    else p.text(`${word}${flags ? ',' : '> '}`);
  }
  if (flags) p.hex('any', 'flags', '%x>', flags);
  if (p.json) p.closeArray('json', null);
}

const MX_NAMES: Readonly<Record<number, string>> = {
  2: 'mtu', 3: 'window', 4: 'rtt', 5: 'rttvar', 6: 'ssthresh', 7: 'cwnd', 8: 'advmss', 9: 'reordering',
  10: 'hoplimit', 11: 'initcwnd', 12: 'features', 13: 'rto_min', 14: 'initrwnd', 15: 'quickack', 16: 'congctl',
  17: 'fastopen_no_cookie',
};
const MX_FIELDS: Readonly<Record<number, string>> = {
  2: 'mtu', 3: 'window', 4: 'rtt', 5: 'rttvar', 6: 'ssthresh', 7: 'cwnd', 8: 'advmss', 9: 'reordering',
  10: 'hoplimit', 11: 'initcwnd', 12: 'features', 13: 'rtoMin', 14: 'initrwnd', 15: 'quickack', 16: 'ccAlgo',
  17: 'fastopenNoCookie',
};
const RTAX_RTT = 4;
const RTAX_RTTVAR = 5;
const RTAX_HOPLIMIT = 10;
const RTAX_FEATURES = 12;
const RTAX_RTO_MIN = 13;
const RTAX_CC_ALGO = 16;
const RTAX_MAX = 17;

/** print_rta_metrics: "mtu 1400 lock advmss 1360 ..." or a JSON "metrics" array of one object. */
function printMetrics(p: Printer, m: Record<string, unknown>): void {
  p.openArray('json', 'metrics');
  p.openObject();
  const lock = (m.lock as number | undefined) ?? 0;
  for (let i = 2; i <= RTAX_MAX; i++) {
    const field = MX_FIELDS[i]!;
    const present = m[field] !== undefined;
    if (!present && !(lock & (1 << i))) continue;
    let val = present && i !== RTAX_CC_ALGO ? (m[field] as number) >>> 0 : 0;
    if (i === RTAX_HOPLIMIT && (val | 0) === -1) continue;
    if (!p.json) {
      p.text(`${MX_NAMES[i] ?? `metric ${i}`} `);
      if (lock & (1 << i)) p.text('lock ');
    }
    if (i === RTAX_FEATURES) {
      let f = val;
      if (f & 1) {
        p.null('any', 'ecn', 'ecn ', null);
        f &= ~1;
      }
      if (f) p.hex0x('any', 'features', '%#llx ', val);
    } else if (i === RTAX_RTT || i === RTAX_RTTVAR || i === RTAX_RTO_MIN) {
      if (i === RTAX_RTT) val = Math.floor(val / 8);
      else if (i === RTAX_RTTVAR) val = Math.floor(val / 4);
      if (p.json) p.uint('json', MX_NAMES[i]!, null, val);
      else p.text(val >= 1000 ? sprintf('%gs ', val / 1e3) : `${val}ms `);
    } else if (i === RTAX_CC_ALGO) {
      p.string('any', 'congestion', '%s ', String(m[field] ?? ''));
    } else {
      p.uint('any', MX_NAMES[i]!, '%u ', val);
    }
  }
  p.closeObject();
  p.closeArray('json', null);
}

function printGateway(p: Printer, gw: string, family: number): void {
  if (p.json) p.string('json', 'gateway', null, gw);
  else {
    p.text('via ');
    p.colorString('fp', familyColor(family), null, '%s ', gw);
  }
}

function printVia(p: Printer, via: { family: string; host: string }): void {
  if (p.json) {
    p.openObject('via');
    p.string('json', 'family', null, via.family);
    p.string('json', 'host', null, via.host);
    p.closeObject();
  } else {
    p.text(`via ${via.family} `);
    p.colorString('fp', familyColor(via.family), null, '%s ', via.host);
  }
}

function printFlow(p: Printer, flow: { from?: number; to: number }): void {
  if (p.json) {
    p.openObject('flow');
    if (flow.from) p.string('json', 'from', null, String(flow.from));
    p.string('json', 'to', null, String(flow.to));
    p.closeObject();
  } else {
    p.text(`realm${flow.from ? 's' : ''} `);
    if (flow.from) p.text(`${flow.from}/`);
    p.text(`${flow.to} `);
  }
}

function printIfidx(p: Printer, key: string, name: string): void {
  if (p.json) p.string('json', key, null, name);
  else {
    p.text(`${key} `);
    p.colorText('ifname', '%s ', name);
  }
}

/** Print one route, ending the line. */
export function printRoute(p: Printer, r: Route, o: Readonly<RoutePrintOptions>, names: Names): void {
  const h = r.raw.header;
  const a = r.raw.attrs;
  p.openObject();
  if (o.deleted) p.bool('any', 'deleted', 'Deleted ', true);
  if ((h.type !== RTN_UNICAST || o.details > 0) && (!o.typeMask || o.typeMask & (1 << h.type))) {
    p.string('any', 'type', '%s ', r.type);
  }
  // Addresses in their family's color; "default" and "0/N" in none.
  p.colorString('any', a.dst !== undefined ? familyColor(h.family) : undefined, 'dst', '%s ', r.dst);
  if (a.src !== undefined) p.colorString('any', familyColor(h.family), 'from', 'from %s ', r.from ?? '');
  else if (h.srcLen) p.string('any', 'src', 'from %s ', `0/${h.srcLen}`);
  if (r.nhid !== undefined) p.uint('any', 'nhid', 'nhid %u ', r.nhid);
  if (h.tos && !o.tosFixed) {
    p.string('any', 'tos', 'tos %s ', sprintf('0x%02x', h.tos));
  }
  if (r.gateway !== undefined && !o.viaFixed) printGateway(p, r.gateway, h.family);
  if (r.via) printVia(p, r.via);
  if (r.dev !== undefined && !o.oifFixed) printIfidx(p, 'dev', names.name(r.dev));
  const table = a.table ?? h.table;
  if (table && (table !== RT_TABLE_MAIN || o.details > 0) && !o.tableFixed) p.string('any', 'table', 'table %s ', tableName(table));
  if (!(h.flags & RTM_F_CLONED)) {
    if ((h.protocol !== RTPROT_BOOT || o.details > 0) && !o.protocolFixed) p.string('any', 'protocol', 'proto %s ', r.protocol);
    if ((h.scope !== 0 || o.details > 0) && !o.scopeFixed) p.string('any', 'scope', 'scope %s ', r.scope);
  }
  if (r.prefsrc !== undefined && !o.prefsrcFixed) {
    if (p.json) p.string('json', 'prefsrc', null, r.prefsrc);
    else {
      p.text('src ');
      p.colorString('fp', familyColor(h.family), null, '%s ', r.prefsrc);
    }
  }
  if (a.priority !== undefined && !o.metricFixed) p.uint('any', 'metric', 'metric %u ', a.priority);
  printFlags(p, h.flags);
  if (a.mark) {
    if (p.json) p.uint('json', 'mark', null, a.mark);
    else if (a.mark >= 16) p.text('mark 0x%llx ', a.mark);
    else p.text('mark %u ', a.mark);
  }
  if (r.flow && !o.realmFixed) printFlow(p, r.flow);
  if (r.uid !== undefined) p.uint('any', 'uid', 'uid %u ', r.uid);
  if (h.family === AF_INET || h.family === AF_INET6) {
    if (h.family === AF_INET && h.flags & RTM_F_CLONED) printCacheFlags(p, h.flags);
    const ci = a.cacheinfo;
    if (ci) {
      if (ci.expires !== 0) p.int('any', 'expires', 'expires %dsec ', Math.trunc(ci.expires / USER_HZ));
      if (ci.error !== 0) p.uint('any', 'error', 'error %u ', ci.error);
      if (o.stats) {
        if (ci.clntref) p.uint('any', 'users', 'users %u ', ci.clntref);
        if (ci.used !== 0) p.uint('any', 'used', 'used %u ', ci.used);
        if (ci.lastuse !== 0) p.uint('any', 'age', 'age %usec ', Math.trunc(ci.lastuse / USER_HZ));
      }
      if (ci.id) p.hex0x('any', 'ipid', 'ipid 0x%04llx ', ci.id);
      if (ci.ts || ci.tsage) {
        p.hex0x('any', 'ts', 'ts 0x%llx', ci.ts);
        p.uint('any', 'tsage', 'tsage %usec ', ci.tsage);
      }
    }
  }
  if (a.metrics) printMetrics(p, a.metrics as unknown as Record<string, unknown>);
  if (r.iif !== undefined && !o.iifFixed) printIfidx(p, 'iif', names.name(r.iif));
  if (a.pref !== undefined) {
    const word = ({ 3: 'low', 0: 'medium', 1: 'high' } as Record<number, string>)[a.pref];
    if (word !== undefined) p.string('any', 'pref', 'pref %s', word);
    else p.uint('any', 'pref', '%u', a.pref);
  }
  if (a.ttlPropagate !== undefined) {
    if (p.json) p.bool('json', 'ttl-propogate', null, a.ttlPropagate !== 0);
    else p.text(`ttl-propogate ${a.ttlPropagate ? 'enabled' : 'disabled'}`);
  }
  if (r.nhid !== undefined && o.details > 0 && o.nhInfo) o.nhInfo(p, r.nhid);
  if (r.nexthops) {
    p.openArray('json', 'nexthops');
    let first = true;
    const mcastCloned = (h.flags & RTM_F_CLONED) !== 0 && h.type === RTN_MULTICAST;
    for (const nh of r.nexthops) {
      p.openObject();
      if (mcastCloned) {
        p.string('fp', null, first ? 'Oifs: ' : ' ', null);
        first = false;
      } else {
        p.text(`${p.sl}\tnexthop `);
      }
      if (nh.gateway !== undefined) printGateway(p, nh.gateway, h.family);
      if (nh.via) printVia(p, nh.via);
      if (nh.flow) printFlow(p, nh.flow);
      if (mcastCloned) {
        p.string('any', 'dev', '%s', names.name(nh.dev));
        if (nh.weight - 1 !== 1) p.int('any', 'ttl', '(ttl>%d)', nh.weight - 1);
        p.string('fp', null, ' ', null);
      } else {
        p.string('any', 'dev', 'dev %s ', names.name(nh.dev));
        p.int('any', 'weight', 'weight %d ', nh.weight);
      }
      printFlags(p, nh.raw.flags);
      p.closeObject();
    }
    p.closeArray('json', null);
  }
  p.string('fp', null, '\n', null);
  p.closeObject();
}
