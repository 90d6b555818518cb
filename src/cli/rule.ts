/**
 * `rtnl-ts rule ...` (ip/iprule.c's do_iprule): list/show, add, delete, flush, help. The words
 * become a RuleSpec in their order (so the request's attributes come in ip's order) or a
 * RuleFilter with ip's selectors; rules are printed with printRule.
 */
import type { RuleFilter, RuleSpec } from '../api/rule.js';
import type { PortRange, UidRange } from '../rtnl/rule/index.js';
import { protocols } from '../rtnl/route/names.js';
import type { Handler, Handlers } from './commands.js';
import type { CommandContext } from './context.js';
import { CliExit, CliFailure, invarg } from './errors.js';
import { groupNumber } from './names.js';
import { parseInteger, parseUnsigned } from './numbers.js';
import { dsfieldNumber, inetProtoNumber, parseRealms, strtoul, tableNumber } from './rt-names.js';
import { getPrefix, preferredFamily, readPrefix, type InetPrefix } from './route.js';
import { printRule } from './rule-print.js';
import { renameProgram } from './usage.js';
import { matches, type Words } from './words.js';

const AF_INET = 2;
const AF_INET6 = 10;

const RULE_USAGE_IP = 'Usage: ip rule { add | del } SELECTOR ACTION\n       ip rule { flush | save | restore }\n       ip rule [ list [ SELECTOR ]]\nSELECTOR := [ not ] [ from PREFIX ] [ to PREFIX ] [ tos TOS ]\n            [ fwmark FWMARK[/MASK] ]\n            [ iif STRING ] [ oif STRING ] [ pref NUMBER ] [ l3mdev ]\n            [ uidrange NUMBER-NUMBER ]\n            [ ipproto PROTOCOL ]\n            [ sport [ NUMBER | NUMBER-NUMBER ]\n            [ dport [ NUMBER | NUMBER-NUMBER ] ]\nACTION := [ table TABLE_ID ]\n          [ protocol PROTO ]\n          [ nat ADDRESS ]\n          [ realms [SRCREALM/]DSTREALM ]\n          [ goto NUMBER ]\n          SUPPRESSOR\nSUPPRESSOR := [ suppress_prefixlength NUMBER ]\n              [ suppress_ifgroup DEVGROUP ]\nTABLE_ID := [ local | main | default | NUMBER ]\n';

/** `ip rule help` (iprule.c usage()), naming rtnl-ts. */
export const RULE_USAGE = renameProgram(RULE_USAGE_IP).replace(/\n$/, '');

/** The family the global -4/-6 switch names, as the API spells it. */
function familyName(af: number): 'inet' | 'inet6' | undefined {
  return af === AF_INET ? 'inet' : af === AF_INET6 ? 'inet6' : undefined;
}

/**
 * sscanf(text, "%u-%u") with `bits`-wide conversions (%hu for ports): the numbers read and how
 * many; trailing text is not looked at, as sscanf does not.
 */
function scanRange(text: string, bits: 16 | 32): { count: number; start: number; end: number } {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)(?:-[ \t\n\v\f\r]*([+-]?\d+))?/.exec(text);
  if (!m) return { count: 0, start: 0, end: 0 };
  const conv = (s: string): number => {
    const v = strtoul(s, 10) ?? 0xffffffffffffffffn; // an overflow converts as ULONG_MAX
    return Number(BigInt.asUintN(bits, v));
  };
  const start = conv(m[1]!);
  return m[2] === undefined ? { count: 1, start, end: 0 } : { count: 2, start, end: conv(m[2]) };
}

/** `uidrange A-B`. */
function uidRange(v: string): UidRange {
  const r = scanRange(v, 32);
  if (r.count !== 2) throw invarg('invalid UID range\n', v);
  return { start: r.start, end: r.end };
}

/** `sport N` / `sport A-B` (and dport): one number is a range of one. */
function portRange(v: string, msg: string): PortRange {
  const r = scanRange(v, 16);
  if (r.count === 1) return { start: r.start, end: r.start };
  if (r.count !== 2) throw invarg(msg, v);
  return { start: r.start, end: r.end };
}

/** get_u64 (base 0). */
function parseU64(v: string): bigint | undefined {
  return v === '' ? undefined : strtoul(v);
}

/** A selector prefix as the API takes it: the word for all/any/default, else "addr/len". */
function prefixText(p: InetPrefix, word: string): string {
  return p.any ? word : `${p.text}/${p.bitlen}`;
}

/** `fwmark MARK[/MASK]`. */
function fwmark(v: string): { mark: number; mask?: number } {
  const slash = v.indexOf('/');
  const markText = slash < 0 ? v : v.slice(0, slash);
  const mark = parseUnsigned(markText);
  if (mark === undefined) throw invarg('fwmark value is invalid\n', markText);
  if (slash < 0) return { mark };
  const maskText = v.slice(slash + 1);
  const mask = parseUnsigned(maskText);
  if (mask === undefined) throw invarg('fwmask value is invalid\n', maskText);
  return { mark, mask };
}

/** check_ifname. */
function checkIfname(v: string, msg: string): string {
  if (v === '' || Buffer.byteLength(v) >= 16 || /[/\s]/.test(v)) throw invarg(msg, v);
  return v;
}

/** rtnl_rtntype_a2n: a route type word (some may be abbreviated) or a number up to 255. */
function rtntypeNumber(w: string): number | undefined {
  if (w === 'local') return 2;
  if (w === 'nat') return 10;
  if (matches(w, 'broadcast') || w === 'brd') return 3;
  const abbreviable: [string, number][] = [
    ['anycast', 4], ['multicast', 5], ['prohibit', 8], ['unreachable', 7], ['blackhole', 6], ['xresolve', 11], ['unicast', 1],
  ];
  for (const [word, n] of abbreviable) if (matches(w, word)) return n;
  if (w === 'throw') return 9;
  const v = strtoul(w);
  return v === undefined || v > 255n ? undefined : Number(v);
}

/** iprule_modify: the words of add / delete, in their order, as a RuleSpec. */
function parseModify(ctx: CommandContext, words: Words): RuleSpec {
  const preferred = preferredFamily(ctx);
  const spec: RuleSpec = {};
  const family = familyName(preferred);
  if (family) spec.family = family;
  let l3mdev = false;
  let tid = 0;
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (w === 'not') {
      spec.not = true;
    } else if (w === 'from' || w === 'to') {
      const v = words.next();
      const p = getPrefix(v, preferred);
      spec[w] = prefixText(p, v);
    } else if (matches(w, 'preference') || matches(w, 'order') || matches(w, 'priority')) {
      const v = words.next();
      const n = parseUnsigned(v);
      if (n === undefined) throw invarg('preference value is invalid\n', v);
      spec.priority = n;
    } else if (w === 'tos' || matches(w, 'dsfield')) {
      const v = words.next();
      const n = dsfieldNumber(v);
      if (n === undefined) throw invarg('TOS value is invalid\n', v);
      spec.tos = n;
    } else if (w === 'fwmark') {
      const { mark, mask } = fwmark(words.next());
      spec.fwmark = mark;
      if (mask !== undefined) spec.fwmask = mask;
    } else if (matches(w, 'realms')) {
      const v = words.next();
      const n = parseRealms(v);
      if (n === undefined) throw invarg('invalid realms\n', v);
      spec.realms = n;
    } else if (matches(w, 'protocol')) {
      const v = words.next();
      const n = protocols.number(v);
      if (n === undefined) throw invarg('"protocol" value is invalid\n', v);
      spec.protocol = n;
    } else if (matches(w, 'tun_id')) {
      const v = words.next();
      const n = parseU64(v);
      if (n === undefined) throw invarg('"tun_id" value is invalid\n', v);
      spec.tunId = n;
    } else if (matches(w, 'table') || w === 'lookup') {
      const v = words.next();
      const n = tableNumber(v);
      if (n === undefined) throw invarg('invalid table ID\n', v);
      tid = n;
      spec.table = n;
    } else if (matches(w, 'suppress_prefixlength') || w === 'sup_pl') {
      const v = words.next();
      const n = parseInteger(v);
      if (n === undefined || n < 0) throw invarg('suppress_prefixlength value is invalid\n', v);
      spec.suppressPrefixlength = n;
    } else if (matches(w, 'suppress_ifgroup') || w === 'sup_group') {
      const v = words.next();
      const n = groupNumber(v);
      if (n === undefined) throw invarg('Invalid "suppress_ifgroup" value\n', v);
      spec.suppressIfgroup = n >>> 0;
    } else if (w === 'dev' || w === 'iif') {
      spec.iif = checkIfname(words.next(), '"iif"/"dev" not a valid ifname');
    } else if (w === 'oif') {
      spec.oif = checkIfname(words.next(), '"oif" not a valid ifname');
    } else if (w === 'l3mdev') {
      spec.l3mdev = true;
      l3mdev = true;
    } else if (w === 'uidrange') {
      spec.uidrange = uidRange(words.next());
    } else if (w === 'nat' || matches(w, 'map-to')) {
      const v = words.next();
      ctx.err('Warning: route NAT is deprecated');
      const a = readPrefix(v, AF_INET, false);
      if (!a) throw new CliExit(`Error: an IP address is expected rather than "${v}"`, 1);
      delete spec.nat;
      spec.nat = a.any ? '0.0.0.0' : a.text;
    } else if (w === 'ipproto') {
      const v = words.next();
      const n = inetProtoNumber(v);
      if (n === undefined) throw invarg('Invalid "ipproto" value\n', v);
      spec.ipproto = n;
    } else if (w === 'sport') {
      spec.sport = portRange(words.next(), 'invalid port range\n');
    } else if (w === 'dport') {
      spec.dport = portRange(words.next(), 'invalid dport range\n');
    } else {
      let v = w;
      if (v === 'type') v = words.next();
      if (matches(v, 'help')) throw new CliExit(RULE_USAGE);
      // The last action word sets the action: a repeated key moves to the end of the spec.
      if (matches(v, 'goto')) {
        const t = words.next();
        const n = parseUnsigned(t);
        if (n === undefined) throw invarg('invalid target\n', t);
        delete spec.goto;
        spec.goto = n;
      } else {
        const n = matches(v, 'nop') ? 'nop' : rtntypeNumber(v);
        if (n === undefined) throw invarg('Failed to parse rule type', v);
        delete spec.action;
        spec.action = n;
      }
    }
  }
  if (l3mdev && tid !== 0) throw new CliFailure('table can not be specified for l3mdev rules', 22);
  return spec;
}

/** The selectors of `rule show` / `rule flush` (iprule_list_flush_or_save), as a RuleFilter. */
function parseSelectors(ctx: CommandContext, words: Words, flush: boolean): RuleFilter {
  const preferred = preferredFamily(ctx);
  const af = preferred === AF_INET6 ? AF_INET6 : AF_INET;
  const f: RuleFilter = { family: af === AF_INET6 ? 'inet6' : 'inet' };
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (matches(w, 'preference') || matches(w, 'order') || matches(w, 'priority')) {
      const v = words.next();
      const n = parseUnsigned(v);
      if (n === undefined) throw invarg('preference value is invalid\n', v);
      f.priority = n;
    } else if (w === 'not') {
      f.not = true;
    } else if (w === 'tos' || w === 'dsfield') {
      const v = words.next();
      const n = dsfieldNumber(v);
      if (n === undefined) throw invarg('TOS value is invalid\n', v);
      f.tos = n;
    } else if (w === 'fwmark') {
      const { mark, mask } = fwmark(words.next());
      // ip filters on a mark or mask only when it is not 0.
      if (mark) f.fwmark = mark; else delete f.fwmark;
      if (mask) f.fwmask = mask;
    } else if (w === 'dev' || w === 'iif') {
      f.iif = checkIfname(words.next(), '"iif"/"dev" not a valid ifname');
    } else if (w === 'oif') {
      f.oif = checkIfname(words.next(), '"oif" not a valid ifname');
    } else if (w === 'l3mdev') {
      f.l3mdev = true;
    } else if (w === 'uidrange') {
      f.uidrange = uidRange(words.next());
    } else if (matches(w, 'tun_id')) {
      const v = words.next();
      const n = parseU64(v);
      if (n === undefined) throw invarg('"tun_id" value is invalid\n', v);
      if (n) f.tunId = n; else delete f.tunId;
    } else if (matches(w, 'lookup') || matches(w, 'table')) {
      const v = words.next();
      const n = tableNumber(v);
      if (n === undefined) throw invarg('table id value is invalid\n', v);
      if (n) f.table = n; else delete f.table;
    } else if (matches(w, 'from') || matches(w, 'src')) {
      const v = words.next();
      f.from = prefixText(getPrefix(v, af), v);
    } else if (matches(w, 'protocol')) {
      const v = words.next();
      const n = protocols.number(v);
      if (n === undefined && v !== 'all') throw invarg('invalid "protocol"\n', v);
      // As in ip, only a flush selects by protocol; `show` reads the word and shows every rule.
      if (n !== undefined && flush) f.protocol = n; else delete f.protocol;
    } else if (w === 'ipproto') {
      const v = words.next();
      const n = inetProtoNumber(v);
      if (n === undefined) throw invarg('Invalid "ipproto" value\n', v);
      if (n) f.ipproto = n; else delete f.ipproto;
    } else if (w === 'sport' || w === 'dport') {
      const r = portRange(words.next(), w === 'sport' ? 'invalid port range\n' : 'invalid dport range\n');
      if (r.start) f[w] = r; else delete f[w];
    } else {
      let v = w;
      if (matches(v, 'dst') || matches(v, 'to')) v = words.next();
      f.to = prefixText(getPrefix(v, af), v);
    }
  }
  return f;
}

async function show(ctx: CommandContext, words: Words): Promise<number> {
  const filter = parseSelectors(ctx, words, false);
  const rules = await (await ctx.ip()).rule.list(filter);
  const p = ctx.printer();
  p.begin();
  for (const r of rules) printRule(p, r, { details: ctx.g.details });
  p.end();
  ctx.flush(p);
  return 0;
}

async function flush(ctx: CommandContext, words: Words): Promise<number> {
  const filter = parseSelectors(ctx, words, true);
  await (await ctx.ip()).rule.flush(filter);
  return 0;
}

async function modify(ctx: CommandContext, words: Words, del: boolean): Promise<number> {
  if (words.done) throw new CliFailure(`"ip rule ${del ? 'del' : 'add'}" requires arguments.`, 1);
  const spec = parseModify(ctx, words);
  const ip = await ctx.ip();
  if (del) await ip.rule.del(spec);
  else await ip.rule.add(spec);
  return 0;
}

/** The handlers of `rtnl-ts rule VERB` (see commands.ts). */
const add: Handler = (ctx, words) => modify(ctx, words, false);
const del: Handler = (ctx, words) => modify(ctx, words, true);
const help: Handler = async () => { throw new CliExit(RULE_USAGE); };

export const handlers = { show, add, del, flush, help } satisfies Handlers;
