/**
 * `rtnl-ts bridge mdb add/del/show`: bridge/mdb.c of iproute2 6.1, its words, checks, messages
 * and output (text, -d details and router ports, -s timers, -j); requests and dumps are
 * ip.bridge.mdb's. printMdbMessage is also `bridge monitor mdb`'s printer.
 */
import type { MdbSpec } from '../../api/bridge-mdb.js';
import { AF_INET, AF_INET6, parseDottedQuad, parseIpv6 } from '../../rtnl/common.js';
import {
  ETH_P_IP, ETH_P_IPV6, MCAST_INCLUDE, MDB_FLAGS_BLOCKED, MDB_FLAGS_FAST_LEAVE, MDB_FLAGS_OFFLOAD, MDB_FLAGS_STAR_EXCL, MDB_PERMANENT,
  MDB_RTR_TYPE_TEMP, MDB_RTR_TYPE_TEMP_QUERY, type MdbEntry, type MdbRouterPort,
} from '../../rtnl/bridge/index.js';
import { protocols } from '../../rtnl/route/names.js';
import { CliExit, CliFailure } from '../errors.js';
import type { Names } from '../names.js';
import { familyColor, type Printer } from '../printer.js';
import { matches, type Words } from '../words.js';
import { atoi, readShowFilter, type BridgeContext } from './context.js';

export const BRIDGE_MDB_USAGE = `Usage: bridge mdb { add | del } dev DEV port PORT grp GROUP [src SOURCE] [permanent | temp] [vid VID]
       bridge mdb {show} [ dev DEV ] [ vid VID ]`;

const fail = (msg: string): CliFailure => new CliFailure(msg, 255);

/** format_timer: clock_t ticks (centiseconds) as seconds with two decimals, `%4lu` when aligned. */
function formatTimer(ticks: number, align: boolean): string {
  const s = String(Math.floor(ticks / 100));
  return `${align ? s.padStart(4) : s}.${String(ticks % 100).padStart(2, '0')}`;
}

/** What mdb printing needs besides the entry: names, -d, -s, and the vid filter. */
export interface MdbPrintOptions {
  names: Names;
  details: number;
  stats: number;
  /** filter_vlan: only entries of this VLAN (0: all). */
  vid: number;
}

/** print_mdb_entry: one group on one port. */
export function printMdbEntry(p: Printer, e: MdbEntry, o: MdbPrintOptions): void {
  if (o.vid && e.vid !== o.vid) return;
  const color = familyColor(e.proto === ETH_P_IP ? AF_INET : e.proto === ETH_P_IPV6 ? AF_INET6 : undefined);
  p.openObject();
  p.int('json', 'index', null, e.bridge);
  p.colorString('any', 'ifname', 'dev', 'dev %s', o.names.name(e.bridge));
  p.string('any', 'port', ' port %s', o.names.name(e.ifindex));
  p.colorString('any', color, 'grp', ' grp %s', e.group);
  if (e.source !== undefined) p.colorString('any', color, 'src', ' src %s', e.source);
  p.string('any', 'state', ' %s', e.state & MDB_PERMANENT ? 'permanent' : 'temp');
  if (o.details) {
    if (e.groupMode !== undefined) p.string('any', 'filter_mode', ' filter_mode %s', e.groupMode === MCAST_INCLUDE ? 'include' : 'exclude');
    if (e.srcList) {
      p.openArray('any', p.json ? 'source_list' : ' source_list');
      e.srcList.forEach((s, i) => {
        p.openObject();
        p.string('fp', null, '%s', i ? ',' : ' ');
        p.colorString('any', color, 'address', '%s', s.address);
        p.string('any', 'timer', '/%s', formatTimer(s.timer, false));
        p.closeObject();
      });
      p.closeArray('json', null);
    }
    if (e.rtprot !== undefined) p.string('any', 'protocol', ' proto %s ', protocols.name(e.rtprot));
  }
  p.openArray('json', 'flags');
  if (e.flags & MDB_FLAGS_OFFLOAD) p.string('any', null, ' %s', 'offload');
  if (e.flags & MDB_FLAGS_FAST_LEAVE) p.string('any', null, ' %s', 'fast_leave');
  if (e.flags & MDB_FLAGS_STAR_EXCL) p.string('any', null, ' %s', 'added_by_star_ex');
  if (e.flags & MDB_FLAGS_BLOCKED) p.string('any', null, ' %s', 'blocked');
  p.closeArray('json', null);
  if (e.vid) p.uint('any', 'vid', ' vid %u', e.vid);
  if (o.stats && e.timer !== undefined) p.string('any', 'timer', ' %s', formatTimer(e.timer, true));
  p.nl();
  p.closeObject();
}

/** br_print_router_port_stats. */
function printRouterStats(p: Printer, r: MdbRouterPort): void {
  if (r.timer !== undefined) p.string('any', 'timer', ' %s', formatTimer(r.timer, true));
  if (r.type !== undefined) {
    p.string('any', 'type', ' %s', r.type === MDB_RTR_TYPE_TEMP_QUERY || r.type === MDB_RTR_TYPE_TEMP ? 'temp' : 'permanent');
  }
}

/** br_print_router_ports: a bridge's router ports in a dump (`-d`; timers with -s). */
export function printRouterPorts(p: Printer, bridge: string, ports: readonly MdbRouterPort[], o: MdbPrintOptions): void {
  if (p.json) p.openArray('json', bridge);
  else if (!o.stats) p.text(`router ports on ${bridge}: `);
  for (const r of ports) {
    const name = o.names.name(r.ifindex);
    if (p.json) {
      p.openObject();
      p.string('json', 'port', null, name);
      if (o.stats) printRouterStats(p, r);
      p.closeObject();
    } else if (o.stats) {
      p.text(`router ports on ${bridge}: ${name}`);
      printRouterStats(p, r);
      p.text('\n');
    } else p.text(`${name} `);
  }
  if (!o.stats) p.nl();
  p.closeArray('json', null);
}

/** mdb_show: the groups (first dump), then (second dump) the router ports, which print with -d. */
async function show(ctx: BridgeContext, w: Words): Promise<number> {
  const f = ctx.mdbFilter;
  await readShowFilter(ctx, w, f);
  const names = await ctx.names();
  const o: MdbPrintOptions = { names, details: ctx.g.details, stats: ctx.g.stats, vid: f.vid };
  const ip = await ctx.ip();
  const entries = await ip.bridge.mdb.list(f.index ? { dev: f.index } : {});
  const p = ctx.printer();
  p.begin();
  p.openObject();
  p.openArray('json', 'mdb');
  for (const e of entries) printMdbEntry(p, e, o);
  p.closeArray('json', null);
  const routers = await ip.bridge.mdb.routers(f.index ? { dev: f.index } : {});
  p.openObject('router');
  if (o.details) for (const r of routers) printRouterPorts(p, names.name(r.bridge), r.ports, o);
  p.closeObject();
  p.closeObject();
  p.end();
  ctx.flush(p);
  return 0;
}

/** get_addr_ipv4: 1 to 4 dot-separated numbers (strtoul base 0), each at most 255. */
function looseIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length <= 4 && parts.every((x) => {
    const m = /^\s*\+?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(x);
    return m !== null && Number(m[1]!.startsWith('0') && !/^0[xX]/.test(m[1]!) ? parseInt(m[1]!, 8) : Number(m[1])) <= 255;
  });
}

/**
 * ll_addr_a2n into 6 bytes, as mdb_parse_grp calls it after inet_pton failed: the MAC text, or
 * undefined (with ll_addr_a2n's own complaint in `why` when it had one). `shown` is the group as
 * bridge names it afterwards: ll_addr_a2n cut it at its first ':'.
 */
function groupMac(text: string): { mac?: string; why?: string; shown: string } {
  if (text.includes('.')) return looseIpv4(text) ? { shown: text } : { why: `"${text}" is invalid lladdr.`, shown: text };
  const shown = text.split(':')[0]!;
  const bytes: number[] = [];
  let rest: string | undefined = text;
  while (rest !== undefined) {
    if (bytes.length === 6) return { shown }; // a seventh part: 7 bytes, not a MAC
    const colon = rest.indexOf(':');
    const part = colon < 0 ? rest : rest.slice(0, colon);
    rest = colon < 0 ? undefined : rest.slice(colon + 1);
    // sscanf("%x"): blanks, a sign, an optional 0x, hex digits
    const m = /^\s*([+-]?)(?:0[xX](?=[0-9a-fA-F]))?([0-9a-fA-F]+)/.exec(part);
    const v = m ? parseInt(m[2]!, 16) * (m[1] === '-' ? -1 : 1) : NaN;
    if (!m || !(v >= 0 && v <= 255)) return { why: `"${part}" is invalid lladdr.`, shown };
    bytes.push(v);
  }
  return bytes.length === 6 ? { mac: bytes.map((b) => b.toString(16).padStart(2, '0')).join(':'), shown } : { shown };
}

/** mdb_modify: bridge's words, then one RTM_NEWMDB (add) or RTM_DELMDB (del). */
async function modify(ctx: BridgeContext, w: Words, add: boolean): Promise<number> {
  let dev: string | undefined;
  let port: string | undefined;
  let grp: string | undefined;
  let src: string | undefined;
  let permanent = false;
  let vid = 0;
  for (; !w.done; w.skip()) {
    const word = w.cur;
    if (word === 'dev') dev = w.next();
    else if (word === 'grp') grp = w.next();
    else if (word === 'port') port = w.next();
    else if (word === 'permanent') permanent = add;
    else if (word === 'temp') continue; // the default
    else if (word === 'vid') vid = atoi(w.next()) & 0xffff; // a short, sent as __u16
    else if (word === 'src') src = w.next();
    else if (matches(word, 'help')) throw new CliExit(BRIDGE_MDB_USAGE);
  }
  if (dev === undefined || grp === undefined || port === undefined) throw fail('Device, group address and port name are required arguments.');
  if (!(await ctx.index(dev))) throw fail(`Cannot find device "${dev}"`);
  if (!(await ctx.index(port))) throw fail(`Cannot find device "${port}"`);
  let group = grp;
  if (!parseDottedQuad(grp) && !parseIpv6(grp)) {
    const { mac, why, shown } = groupMac(grp);
    if (mac === undefined) throw fail(`${why ? `${why}\n` : ''}Invalid address "${shown}"`);
    group = mac;
  }
  if (src !== undefined && !parseDottedQuad(src) && !parseIpv6(src)) throw fail(`Invalid source address "${src}"`);
  const spec: MdbSpec = { dev, port, group, vid, ...(permanent ? { permanent } : {}), ...(src === undefined ? {} : { source: src }) };
  const ip = await ctx.ip();
  await (add ? ip.bridge.mdb.add(spec) : ip.bridge.mdb.del(spec));
  return 0;
}

/** do_mdb: the verbs of `bridge mdb`. */
export async function doMdb(ctx: BridgeContext, w: Words): Promise<number> {
  if (w.done) return show(ctx, w);
  const verb = w.cur;
  w.skip();
  if (matches(verb, 'add')) return modify(ctx, w, true);
  if (matches(verb, 'delete')) return modify(ctx, w, false);
  if (matches(verb, 'show') || matches(verb, 'lst') || matches(verb, 'list')) return show(ctx, w);
  if (matches(verb, 'help')) throw new CliExit(BRIDGE_MDB_USAGE);
  throw new CliExit(`Command "${verb}" is unknown, try "bridge mdb help".`);
}
