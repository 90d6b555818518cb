/**
 * `rtnl-ts bridge fdb ...`: bridge/fdb.c's grammar (add, append, replace, delete, show, flush),
 * its checks and messages, and print_fdb's output; the work is ip.bridge.fdb's.
 */
import { readFileSync } from 'node:fs';
import { AF_INET, AF_INET6 } from '../../rtnl/common.js';
import { NUD_NOARP, NUD_PERMANENT, NUD_REACHABLE, NUD_STALE } from '../../rtnl/neigh/index.js';
import type { FdbEntry, FdbFlushSpec, FdbGetSpec, FdbSpec } from '../../api/bridge-fdb.js';
import { report } from '../report.js';
import { CliExit, CliFailure, duparg, duparg2, invarg } from '../errors.js';
import type { Names } from '../names.js';
import { familyColor, type Printer } from '../printer.js';
import { matches, type Words } from '../words.js';
import { atoi, type BridgeContext } from './context.js';

export const BRIDGE_FDB_USAGE = `Usage: bridge fdb { add | append | del | replace } ADDR dev DEV
              [ self ] [ master ] [ use ] [ router ] [ extern_learn ]
              [ sticky ] [ local | static | dynamic ] [ vlan VID ]
              { [ dst IPADDR ] [ port PORT] [ vni VNI ] | [ nhid NHID ] }
	       [ via DEV ] [ src_vni VNI ]
       bridge fdb [ show [ br BRDEV ] [ brport DEV ] [ vlan VID ]
              [ state STATE ] [ dynamic ] ]
       bridge fdb get [ to ] LLADDR [ br BRDEV ] { brport | dev } DEV
              [ vlan VID ] [ vni VNI ] [ self ] [ master ] [ dynamic ]
       bridge fdb flush dev DEV [ brport DEV ] [ vlan VID ]
              [ self ] [ master ] [ [no]permanent | [no]static | [no]dynamic ]
              [ [no]added_by_user ] [ [no]extern_learn ] [ [no]sticky ]
              [ [no]offloaded ]`;

const usage = (): CliExit => new CliExit(BRIDGE_FDB_USAGE);
const fail = (msg: string): CliFailure => new CliFailure(msg, 255);

/** strtoul(s, &end, 0) as a number (ULONG_MAX on overflow or a negated value) and whether all of `s` was read. */
function strtoul(s: string): { value: bigint; whole: boolean } {
  const m = /^[\t\n\v\f\r ]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)/.exec(s);
  if (!m) return { value: 0n, whole: s === '' };
  const digits = m[2]!;
  let v = /^0[xX]/.test(digits) ? BigInt(digits) : digits.length > 1 && digits[0] === '0' ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits);
  if (v > 0xffffffffffffffffn) v = 0xffffffffffffffffn;
  else if (m[1] === '-') v = BigInt.asUintN(64, -v);
  return { value: v, whole: m[0].length === s.length };
}

/** getservbyname(name, "udp") from /etc/services. */
function udpService(name: string): number | undefined {
  let text: string;
  try {
    text = readFileSync('/etc/services', 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n')) {
    const words = line.replace(/#.*/, '').trim().split(/\s+/);
    const m = /^(\d+)\/udp$/.exec(words[1] ?? '');
    if (m && (words[0] === name || words.slice(2).includes(name))) return Number(m[1]);
  }
  return undefined;
}

function vniArg(arg: string, what: string): number {
  const { value, whole } = strtoul(arg);
  if (!whole || value >> 24n || value === 0xffffffffffffffffn) throw invarg(`${what}\n`, arg);
  return Number(value);
}

/**
 * get_addr with no family: an IPv6 address when there is a colon, else get_addr_ipv4's loose
 * dotted form (strtoul parts, "1.2.3" is 1.2.3.0); exit 1 with its message otherwise.
 */
function getAddr(v: string): string {
  const bad = (): CliExit => new CliExit(`Error: any valid address is expected rather than "${v}".`, 1);
  if (v.includes(':')) {
    if (!/^[0-9a-fA-F:.]+$/.test(v)) throw bad();
    return v;
  }
  const parts = [0, 0, 0, 0];
  let rest = v;
  for (let i = 0; i < 4; i++) {
    const m = /^[\t\n\v\f\r ]*[+-]?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)/.exec(rest);
    if (!m) throw bad();
    const { value } = strtoul(m[0]);
    if (value > 255n) throw bad();
    parts[i] = Number(value);
    rest = rest.slice(m[0].length);
    if (rest === '') break;
    if (i === 3 || rest[0] !== '.') throw bad();
    rest = rest.slice(1);
  }
  return parts.join('.');
}

/** fdb_modify's words (add, append, replace, delete). */
async function modify(ctx: BridgeContext, w: Words, run: (spec: FdbSpec) => Promise<void>): Promise<number> {
  let dev: string | undefined;
  let addr: string | undefined;
  let dst: string | undefined;
  let vid = -1;
  let flags = 0;
  let state = NUD_NOARP;
  const spec: Partial<FdbSpec> = {};
  for (; !w.done; w.skip()) {
    const word = w.cur;
    if (word === 'dev') dev = w.next();
    else if (word === 'dst') {
      const v = w.next();
      if (dst !== undefined) throw duparg2('dst', v);
      dst = getAddr(v);
    } else if (word === 'nhid') {
      const v = w.next();
      const { value, whole } = strtoul(v);
      if (!whole || v === '' || value > 0xffffffffn || /^\s*-/.test(v)) throw invarg('"id" value is invalid\n', v);
      spec.nhid = Number(value);
    } else if (word === 'port') {
      const v = w.next();
      const { value, whole } = strtoul(v);
      if (!whole) {
        const port = udpService(v);
        if (port === undefined) throw invarg('invalid port\n', v);
        spec.port = port;
      } else if (value > 0xffffn) throw invarg('invalid port\n', v);
      else spec.port = Number(value);
    } else if (word === 'vni') spec.vni = vniArg(w.next(), 'invalid VNI');
    else if (word === 'src_vni') spec.srcVni = vniArg(w.next(), 'invalid src VNI');
    else if (word === 'via') {
      const v = w.next();
      if (!(await ctx.index(v))) throw new CliExit(`Cannot find device "${v}"`, 255);
      spec.via = v;
    } else if (word === 'self') flags |= 1;
    else if (matches(word, 'master')) flags |= 2;
    else if (matches(word, 'router')) spec.router = true;
    else if (matches(word, 'local') || matches(word, 'permanent')) state |= NUD_PERMANENT;
    else if (matches(word, 'temp') || matches(word, 'static')) state |= NUD_REACHABLE;
    else if (matches(word, 'dynamic')) state = (state | NUD_REACHABLE) & ~NUD_NOARP;
    else if (matches(word, 'vlan')) {
      if (vid >= 0) throw duparg2('vlan', word);
      vid = (atoi(w.next()) << 16) >> 16; // a short
    } else if (matches(word, 'use')) spec.use = true;
    else if (matches(word, 'extern_learn')) spec.externLearn = true;
    else if (matches(word, 'sticky')) spec.sticky = true;
    else {
      let a = word;
      if (a === 'to') a = w.next();
      if (matches(a, 'help')) throw usage();
      if (addr !== undefined) throw duparg2('to', a);
      addr = a;
    }
  }
  if (dev === undefined || addr === undefined) throw fail('Device and address are required arguments.');
  if (spec.nhid && (dst !== undefined || spec.port || spec.vni !== undefined)) throw fail('dst, port, vni are mutually exclusive with nhid');
  if (!(state & (NUD_PERMANENT | NUD_REACHABLE))) state |= NUD_PERMANENT;
  const mac = sscanfMac(addr);
  if (mac === undefined) throw fail(`Invalid mac address ${addr}`);
  if (!(await ctx.index(dev))) throw fail(`Cannot find device "${dev}"`);
  // bridge leaves out a zero nhid and port
  if (!spec.nhid) delete spec.nhid;
  if (!spec.port) delete spec.port;
  const full: FdbSpec = { ...spec, lladdr: mac, dev, state, self: (flags & 1) === 1 || flags === 0, master: (flags & 2) === 2 };
  if (dst !== undefined) full.dst = dst;
  if (vid >= 0) full.vlan = vid;
  await run(full);
  return 0;
}

/** sscanf(addr, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx"): the six bytes as text, undefined when fewer are read. */
export function sscanfMac(addr: string): string | undefined {
  const bytes: number[] = [];
  let s = addr;
  for (let i = 0; i < 6; i++) {
    if (i > 0) {
      if (s[0] !== ':') return undefined;
      s = s.slice(1);
    }
    const m = /^[\t\n\v\f\r ]*([+-]?)(?:0[xX](?=[0-9a-fA-F]))?([0-9a-fA-F]+)/.exec(s);
    if (!m) return undefined;
    let v = Number(BigInt.asUintN(8, BigInt(`0x${m[2]!}`)));
    if (m[1] === '-') v = (256 - v) & 0xff;
    bytes.push(v);
    s = s.slice(m[0].length);
  }
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** state_n2a. */
function stateWord(s: number, json: boolean): string {
  if (s & NUD_PERMANENT) return 'permanent';
  if (s & NUD_NOARP) return 'static';
  if (s & NUD_STALE) return 'stale';
  if (s & NUD_REACHABLE) return '';
  return json ? `0x${s.toString(16)}` : `state=0x${s.toString(16)}`;
}

/** print_fdb: one entry (`deleted` for RTM_DELNEIGH in monitor). */
export function printFdb(p: Printer, e: FdbEntry, names: Names, o: { filterIndex: number; stats: number; json: boolean }, deleted = false): void {
  p.openObject();
  if (deleted) p.bool('any', 'deleted', 'Deleted ', true);
  if (e.mac !== undefined) p.colorString('any', 'mac', 'mac', '%s ', e.mac);
  if (!o.filterIndex && e.ifindex) {
    p.string('fp', null, 'dev ', null);
    p.colorString('any', 'ifname', 'ifname', '%s ', names.name(e.ifindex));
  }
  if (e.dst !== undefined) {
    p.string('fp', null, 'dst ', null);
    p.colorString('any', familyColor(e.dst.includes(':') ? AF_INET6 : AF_INET), 'dst', '%s ', e.dst);
  }
  if (e.vlan) p.uint('any', 'vlan', 'vlan %hu ', e.vlan);
  if (e.port !== undefined) p.uint('any', 'port', 'port %u ', e.port);
  if (e.vni !== undefined) p.uint('any', 'vni', 'vni %u ', e.vni);
  if (e.srcVni !== undefined) p.uint('any', 'src_vni', 'src_vni %u ', e.srcVni);
  if (e.viaIfindex !== undefined) {
    if (e.linkNetnsid !== undefined) p.uint('any', 'viaIfIndex', 'via ifindex %u ', e.viaIfindex);
    else p.string('any', 'viaIf', 'via %s ', names.name(e.viaIfindex));
  }
  if (e.nhid !== undefined) p.uint('any', 'nhid', 'nhid %u ', e.nhid);
  if (e.linkNetnsid !== undefined) p.uint('any', 'linkNetNsId', 'link-netnsid %d ', e.linkNetnsid);
  if (o.stats && e.used !== undefined && e.updated !== undefined) {
    const hz = 100;
    if (o.json) {
      p.uint('json', 'used', null, Math.floor(e.used / hz));
      p.uint('json', 'updated', null, Math.floor(e.updated / hz));
    } else p.text(`used ${Math.floor(e.used / hz)}/${Math.floor(e.updated / hz)} `);
  }
  p.openArray('json', o.json ? 'flags' : '');
  for (const f of e.flags) p.string('any', null, '%s ', f);
  p.closeArray('json', null);
  if (e.master !== undefined) p.string('any', 'master', 'master %s ', names.name(e.master));
  p.string('any', 'state', '%s\n', stateWord(e.state, o.json));
  p.closeObject();
}

/** state_a2n. */
function stateArg(arg: string): number | undefined {
  if (matches(arg, 'permanent')) return NUD_PERMANENT;
  if (matches(arg, 'static') || matches(arg, 'temp')) return NUD_NOARP;
  if (matches(arg, 'stale')) return NUD_STALE;
  if (matches(arg, 'reachable') || matches(arg, 'dynamic')) return NUD_REACHABLE;
  if (arg === 'all') return 0xffffffff;
  const { value, whole } = strtoul(arg);
  if (!whole || arg === '' || /^\s*-/.test(arg) || value > 0xffffffffn) return undefined;
  return Number(value);
}

async function show(ctx: BridgeContext, w: Words): Promise<number> {
  let dev: string | undefined;
  let br: string | undefined;
  let vlan = 0;
  let state = 0;
  let dynamic = false;
  for (; !w.done; w.skip()) {
    const word = w.cur;
    if (word === 'brport' || word === 'dev') dev = w.next();
    else if (word === 'br') br = w.next();
    else if (word === 'vlan') {
      const v = w.next();
      if (vlan) throw duparg('vlan', v);
      vlan = atoi(v);
    } else if (word === 'state') {
      const v = w.next();
      const s = stateArg(v);
      if (s === undefined) throw invarg('invalid state', v);
      state = (state | s) >>> 0;
    } else if (word === 'dynamic') dynamic = true;
    else if (matches(word, 'help')) throw usage();
  }
  const names = await ctx.names();
  let brIndex: number | undefined;
  if (br !== undefined) {
    brIndex = await ctx.index(br);
    if (!brIndex) throw fail(`Cannot find bridge device "${br}"`);
  }
  let filterIndex = 0;
  if (dev !== undefined) {
    filterIndex = await ctx.index(dev);
    if (!filterIndex) throw fail(`Cannot find device "${dev}"`);
  }
  const ip = await ctx.ip();
  const entries = await ip.bridge.fdb.list({ ...(filterIndex ? { dev: filterIndex } : {}), ...(brIndex ? { br: brIndex } : {}) });
  const p = ctx.printer();
  p.begin();
  for (const e of entries) {
    if (state && !(e.state & state)) continue;
    if (vlan && vlan !== (e.vlan ?? 0)) continue;
    if (dynamic && e.state & NUD_PERMANENT) continue;
    printFdb(p, e, names, { filterIndex, stats: ctx.g.stats, json: ctx.g.json });
  }
  p.end();
  ctx.flush(p);
  return 0;
}

const FLUSH_WORDS: Readonly<Record<string, [keyof FdbFlushSpec, boolean]>> = {
  permanent: ['permanent', true], nopermanent: ['permanent', false], static: ['static', true], nostatic: ['static', false],
  dynamic: ['dynamic', true], nodynamic: ['dynamic', false], added_by_user: ['addedByUser', true], noadded_by_user: ['addedByUser', false],
  extern_learn: ['externLearn', true], noextern_learn: ['externLearn', false], sticky: ['sticky', true], nosticky: ['sticky', false],
  offloaded: ['offloaded', true], nooffloaded: ['offloaded', false],
};

/** fdb_flush: one bulk delete. */
async function flush(ctx: BridgeContext, w: Words): Promise<number> {
  let dev: string | undefined;
  let port: string | undefined;
  let vid = -1;
  const spec: Record<string, unknown> = {};
  for (; !w.done; w.skip()) {
    const word = w.cur;
    const f = FLUSH_WORDS[word];
    if (f) spec[f[0]] = f[1];
    else if (word === 'dev') dev = w.next();
    else if (word === 'master') spec.master = true;
    else if (word === 'self') spec.self = true;
    else if (word === 'brport') {
      if (port !== undefined) throw duparg2('brport', word);
      port = w.next();
    } else if (word === 'vlan') {
      if (vid >= 0) throw duparg2('vlan', word);
      vid = (atoi(w.next()) << 16) >> 16;
    } else if (word === 'help') w.next();
  }
  if (dev === undefined) throw fail('Device is a required argument.');
  if (!(await ctx.index(dev))) throw fail(`Cannot find bridge device "${dev}"`);
  if (port !== undefined && !(await ctx.index(port))) throw fail(`Cannot find bridge port device "${port}"`);
  if (vid >= 4096) throw fail(`Invalid VLAN ID "${vid}"`);
  const ip = await ctx.ip();
  await ip.bridge.fdb.flush({ ...spec, dev, ...(port !== undefined ? { brport: port } : {}), ...(vid >= 0 ? { vlan: vid } : {}) } as FdbFlushSpec);
  return 0;
}

/** fdb_get: one RTM_GETNEIGH, its reply printed as `fdb show` prints an entry. */
async function get(ctx: BridgeContext, w: Words): Promise<number> {
  let dev: string | undefined;
  let br: string | undefined;
  let addr: string | undefined;
  let vni: number | undefined;
  let vlan = -1;
  let dynamic = false;
  const spec: Partial<FdbGetSpec> = {};
  for (; !w.done; w.skip()) {
    const word = w.cur;
    if (word === 'brport' || word === 'dev') dev = w.next();
    else if (word === 'br') br = w.next();
    else if (word === 'vni') vni = vniArg(w.next(), 'invalid VNI');
    else if (word === 'self') spec.self = true;
    else if (matches(word, 'master')) spec.master = true;
    else if (matches(word, 'vlan')) {
      if (vlan >= 0) throw duparg2('vlan', word);
      vlan = (atoi(w.next()) << 16) >> 16; // a short
    } else if (matches(word, 'dynamic')) dynamic = true;
    else {
      const a = word === 'to' ? w.next() : word;
      if (matches(a, 'help')) throw usage();
      if (addr !== undefined) throw duparg2('to', a);
      addr = a;
    }
  }
  if ((dev === undefined && br === undefined) || addr === undefined) throw fail('Device or master and address are required arguments.');
  const mac = sscanfMac(addr);
  if (mac === undefined) throw fail(`Invalid mac address ${addr}`);
  if (dev !== undefined && !(await ctx.index(dev))) throw fail(`Cannot find device "${dev}"`);
  if (br !== undefined && !(await ctx.index(br))) throw fail(`Cannot find bridge device "${br}"`);
  const names = await ctx.names();
  const ip = await ctx.ip();
  let e: FdbEntry;
  try {
    e = await ip.bridge.fdb.get({
      ...spec, lladdr: mac, ...(dev === undefined ? {} : { dev }), ...(br === undefined ? {} : { br }),
      ...(vlan >= 0 ? { vlan } : {}), ...(vni === undefined ? {} : { vni }),
    });
  } catch (err) {
    const r = report(err, 254); // rtnl_talk failed: fdb_get returns -2
    throw new CliFailure(r.message, r.status);
  }
  const p = ctx.printer();
  p.begin();
  if (!(dynamic && e.state & NUD_PERMANENT)) printFdb(p, e, names, { filterIndex: 0, stats: ctx.g.stats, json: ctx.g.json });
  p.end();
  ctx.flush(p);
  return 0;
}

/** do_fdb: the verbs of `bridge fdb`. */
export async function doFdb(ctx: BridgeContext, w: Words): Promise<number> {
  if (w.done) return show(ctx, w);
  const verb = w.cur;
  w.skip();
  const ip = async () => (await ctx.ip()).bridge.fdb;
  for (const [word, op] of [['add', 'add'], ['append', 'append'], ['replace', 'replace'], ['delete', 'del']] as const) {
    if (matches(verb, word)) return modify(ctx, w, async (s) => (await ip()).modifyAsBridge(op, s));
  }
  if (matches(verb, 'get')) return get(ctx, w);
  if (matches(verb, 'show') || matches(verb, 'lst') || matches(verb, 'list')) return show(ctx, w);
  if (verb === 'flush') return flush(ctx, w);
  if (matches(verb, 'help')) throw usage();
  throw new CliExit(`Command "${verb}" is unknown, try "bridge fdb help".`);
}
