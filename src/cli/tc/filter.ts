/**
 * `rtnl-ts tc filter ...` (tc/tc_filter.c): add, change, replace, delete. The words are read in
 * tc's order with its messages: the place (dev, parent/root/ingress/egress, handle, pref,
 * protocol, chain), then the kind's words — matchall here (f_matchall.c) with actions gact and
 * mirred (m_gact.c, m_mirred.c). Everything becomes an `ip.tc.filter` call.
 */
import type { ActionSpec, FilterRef, FilterSpec, MatchallSpec } from '../../api/tc/index.js';
import { NetlinkError } from '../../netlink/index.js';
import {
  ETH_P_ALL, formatClassid, llProtoByName, llProtoName, parseClassid, TC_H_CLSACT, TC_H_MIN_EGRESS, TC_H_MIN_INGRESS, TC_H_ROOT, tcHandle, type Filter,
} from '../../rtnl/tc/index.js';
import type { Printer } from '../printer.js';
import { kernelErrorText } from '../report.js';
import { linkNames } from '../route.js';
import { FILTER_PLUGS, type FilterPrintEnv } from './filters/index.js';
import { parseU32, parseU32Handle } from './filters/u32.js';
import { parseFlower } from './filters/flower.js';
import { parseBpf } from './filters/bpf.js';
import { printDev } from './print.js';
import { printEnv } from './qdisc.js';
import { printTcStats } from './stats.js';
import { CliExit, CliFailure, duparg, invarg, nodev } from '../errors.js';
import { nameToIndex } from '../resolve.js';
import { matches, type Words } from '../words.js';
import type { TcContext, TcPrintEnv } from './context.js';
import { getU32 } from './numbers.js';
import { parseGact, parsePolice, parseSkbedit } from './actions/words.js';

export const FILTER_USAGE = 'Usage: tc filter [ add | del | change | replace | show ] [ dev STRING ]\n       tc filter [ add | del | change | replace | show ] [ block BLOCK_INDEX ]\n       tc filter get dev STRING parent CLASSID protocol PROTO handle FILTERID pref PRIO FILTER_TYPE\n       tc filter get block BLOCK_INDEX protocol PROTO handle FILTERID pref PRIO FILTER_TYPE\n       [ pref PRIO ] protocol PROTO [ chain CHAIN_INDEX ]\n       [ estimator INTERVAL TIME_CONSTANT ]\n       [ root | ingress | egress | parent CLASSID ]\n       [ handle FILTERID ] [ [ FILTER_TYPE ] [ help | OPTIONS ] ]\n\n       tc filter show [ dev STRING ] [ root | ingress | egress | parent CLASSID ]\n       tc filter show [ block BLOCK_INDEX ]\nWhere:\nFILTER_TYPE := { u32 | bpf | fw | route | etc. }\nFILTERID := ... format depends on classifier, see there\nOPTIONS := ... try tc filter add <desired FILTER_KIND> help';

const MATCHALL_USAGE = 'Usage: ... matchall [skip_sw | skip_hw]\n                 [ action ACTION_SPEC ] [ classid CLASSID ]\n\nWhere: SELECTOR := SAMPLE SAMPLE ...\n       FILTERID := X:Y:Z\n       ACTION_SPEC := ... look at individual actions\n\nNOTE: CLASSID is parsed as hexadecimal input.';

/** tc's control words (action_a2n) and the API's names for them. */
const CONTROLS: Readonly<Record<string, 'continue' | 'drop' | 'pass' | 'reclassify' | 'pipe' | 'trap'>> = {
  continue: 'continue', drop: 'drop', shot: 'drop', pass: 'pass', ok: 'pass', reclassify: 'reclassify', pipe: 'pipe', trap: 'trap',
};

type Op = 'add' | 'change' | 'replace' | 'del';

/** What the words say, devices still names (the filter's, then mirred's in order). */
export interface FilterWords {
  dev: string | undefined;
  spec: Omit<MatchallSpec, 'dev' | 'kind'> & { kind?: string; dev: number };
  /** mirred targets, in the order tc looks them up, with where their ifindex goes. */
  targets: { name: string; argc: number; action: ActionSpec & { dev?: unknown } }[];
}

/** NEXT_ARG: the next word, or tc's incomplete-command exit. */
function nextArg(words: Words): string {
  if (words.left < 2) throw new CliExit('Command line is not complete. Try option "help"');
  return words.next();
}

/** tc_filter_modify's reading of the place words; stops on the kind word (consumed). */
export function parseFilterWords(words: Words): FilterWords {
  let dev: string | undefined;
  let parent = 0;
  let handle: string | undefined;
  let pref = 0;
  let protocol: number | undefined;
  let chain: number | undefined;
  let kind: string | undefined;
  const dupParent = (w: string): CliExit => new CliExit(`Error: "${w}" is duplicate parent ID`);
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (w === 'dev') {
      const v = nextArg(words);
      if (dev !== undefined) throw duparg('dev', v);
      dev = v;
    } else if (w === 'root') {
      if (parent) throw dupParent(w);
      parent = TC_H_ROOT;
    } else if (w === 'ingress' || w === 'egress') {
      if (parent) throw dupParent(w);
      parent = tcHandle(TC_H_CLSACT, w === 'ingress' ? TC_H_MIN_INGRESS : TC_H_MIN_EGRESS);
    } else if (w === 'parent') {
      const v = nextArg(words);
      if (parent) throw duparg('parent', v);
      const h = parseClassid(v);
      if (h === undefined) throw invarg('Invalid parent ID', v);
      parent = h;
    } else if (w === 'handle') {
      const v = nextArg(words);
      if (handle !== undefined) throw duparg('handle', v);
      handle = v;
    } else if (matches(w, 'preference') || matches(w, 'priority')) {
      const v = nextArg(words);
      if (pref) throw duparg('priority', v);
      const n = getU32(v);
      if (n === undefined || n > 0xffff) throw invarg('invalid priority value', v);
      pref = n;
    } else if (matches(w, 'protocol')) {
      const v = nextArg(words);
      if (protocol !== undefined) throw duparg('protocol', v);
      const n = llProtoByName(v) ?? getU32(v);
      if (n === undefined || n > 0xffff) throw invarg('invalid protocol', v);
      protocol = n;
    } else if (w === 'chain') {
      const v = nextArg(words);
      if (chain !== undefined) throw duparg('chain', v);
      const n = getU32(v, 10);
      if (n === undefined) throw invarg('invalid chain index value', v);
      chain = n;
    } else if (matches(w, 'help')) {
      throw new CliExit(FILTER_USAGE);
    } else {
      kind = w;
      words.skip();
      break;
    }
  }
  const spec: FilterWords['spec'] = { dev: 0, parent, pref };
  if (kind !== undefined) spec.kind = kind;
  if (handle !== undefined) spec.handle = handle;
  if (protocol !== undefined) spec.protocol = protocol;
  if (chain !== undefined) spec.chain = chain;
  return { dev, spec, targets: [] };
}

/** f_matchall.c's matchall_parse_opt, into `fw.spec`. */
function parseMatchall(words: Words, fw: FilterWords): void {
  const s = fw.spec;
  if (s.handle !== undefined && getU32(String(s.handle)) === undefined) throw new CliFailure('Illegal "handle"', 1);
  while (!words.done) {
    const w = words.cur;
    if (matches(w, 'classid') || matches(w, 'flowid')) {
      const v = nextArg(words);
      const h = parseClassid(v);
      if (h === undefined) throw new CliFailure('Illegal "classid"', 1);
      s.classid = h;
    } else if (matches(w, 'action')) {
      nextArg(words);
      parseActions(words, fw, (s.actions ??= []));
      continue;
    } else if (w === 'skip_hw') s.skipHw = true;
    else if (w === 'skip_sw') s.skipSw = true;
    else if (matches(w, 'help')) throw new CliFailure(MATCHALL_USAGE, 1);
    else throw new CliFailure(`What is "${w}"?\n${MATCHALL_USAGE}`, 1);
    words.skip();
  }
}

/** A mirred target to look up: its name, the word count tc reports, and the action to fill. */
export type ActionTarget = FilterWords['targets'][number];

/** m_action.c's parse_action: `[action] KIND ARGS` until a word that is not an action's. */
export function parseActions(words: Words, fw: { targets: ActionTarget[] }, out: ActionSpec[]): void {
  while (!words.done) {
    const w = words.cur;
    if (w === 'action') { words.skip(); continue; }
    if (w === 'flowid' || w === 'classid' || w === 'skip_hw' || w === 'skip_sw') return;
    const argc = words.left;
    const bad = (msg: string): CliFailure => new CliFailure(`${msg}bad action parsing\nparse_action: bad value (${argc}:${w})!\nIllegal "action"`, 1);
    if (w === 'mirred') out.push(parseMirred(words, fw, argc, bad));
    else if (w === 'police') out.push(parsePolice(words, bad));
    else if (w === 'skbedit') out.push(parseSkbedit(words, bad));
    else out.push(parseGact(words, bad));
  }
}

/** m_mirred.c: `mirred DIRECTION redirect|mirror [index N] dev DEV [CONTROL]`. */
function parseMirred(words: Words, fw: { targets: ActionTarget[] }, argc: number, bad: (m: string) => CliFailure): ActionSpec {
  words.skip();
  const dir = words.done ? '' : words.cur;
  if (dir !== 'egress' && dir !== 'ingress') throw bad(`mirred option not supported ${dir}\n`);
  const mode = words.next();
  if (mode !== 'redirect' && mode !== 'mirror') throw bad(`Argument is not a valid mirred action ${mode}\n`);
  words.skip();
  const a: ActionSpec & { dev?: unknown } = { kind: 'mirred', direction: dir, mode, dev: 0 };
  if (!words.done && matches(words.cur, 'index')) {
    const n = getU32(nextArg(words), 10);
    if (n === undefined) throw bad('Illegal "index"\n');
    a.index = n;
    words.skip();
  }
  if (words.done || words.cur !== 'dev') throw bad('mirred: missing dev\n');
  fw.targets.push({ name: nextArg(words), argc, action: a });
  words.skip();
  // tc reads a verdict after a mirror only (a word after a redirect starts the next action)
  if (mode === 'mirror' && !words.done && CONTROLS[words.cur] !== undefined) {
    (a as { control?: string }).control = CONTROLS[words.cur];
    words.skip();
  }
  if (!words.done && matches(words.cur, 'index')) {
    if (a.index !== undefined) throw bad('mirred: Illegal double index\n');
    const n = getU32(nextArg(words), 10);
    if (n === undefined) throw bad('mirred: Illegal "index"\n');
    a.index = n;
    words.skip();
  }
  return a;
}

/** rtnl_talk's failure in tc_filter_modify: the kernel's words, then tc's, status 2. */
async function talk<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (!(e instanceof NetlinkError)) throw e;
    throw new CliFailure(`${kernelErrorText(e)}\nWe have an error talking to the kernel`, 2);
  }
}

async function modify(ctx: TcContext, words: Words, op: Op): Promise<number> {
  const fw = parseFilterWords(words);
  const ip = await ctx.ip();
  let ifindex = 0;
  if (fw.dev !== undefined) {
    ifindex = await nameToIndex(ip, fw.dev);
    if (!ifindex) throw nodev(fw.dev);
  }
  const { spec } = fw;
  if (spec.kind === undefined || op === 'del') {
    if (spec.handle !== undefined && spec.kind === undefined) throw new CliExit('Must specify filter type when using "handle"');
    if (!words.done) throw new CliExit(`Garbage instead of arguments "${words.cur} ...". Try "tc filter help".`);
    const ref: FilterRef = { dev: ifindex, parent: spec.parent, pref: spec.pref ?? 0, protocol: spec.protocol ?? 0 };
    if (spec.kind !== undefined) ref.kind = spec.kind;
    if (spec.handle !== undefined) ref.handle = spec.handle;
    if (spec.kind === 'u32' && spec.handle !== undefined) {
      const h = parseU32Handle(String(spec.handle));
      if (h === undefined) throw new CliFailure('Illegal filter ID', 1);
      ref.handle = h;
    }
    if (spec.chain !== undefined) ref.chain = spec.chain;
    if (op !== 'del') throw new CliExit('rtnl-ts: "tc filter" without a kind is only supported for delete', 1);
    ctx.warn(await talk(ip.tc.filter.del(ref)));
    return 0;
  }
  let typed: FilterSpec;
  const protocol = spec.protocol ?? (op === 'change' ? 0 : undefined);
  const place = { ...spec, dev: ifindex, ...(protocol !== undefined ? { protocol } : {}) };
  if (spec.kind === 'matchall') {
    parseMatchall(words, fw);
    typed = { ...fw.spec, ...place, kind: 'matchall' };
  } else if (spec.kind === 'u32') {
    const { handle: _h, ...rest } = place;
    const u = parseU32(words, spec.handle === undefined ? undefined : String(spec.handle), (out) => parseActions(words, fw, out));
    typed = { ...rest, kind: 'u32', ...(u.handle !== undefined ? { handle: u.handle } : {}), ...u.options };
  } else if (spec.kind === 'flower') {
    const { handle: _h, ...rest } = place;
    const f = parseFlower(words, spec.handle === undefined ? undefined : String(spec.handle), typeof protocol === 'number' ? protocol : ETH_P_ALL, (out) => parseActions(words, fw, out));
    typed = { ...rest, kind: 'flower', ...(f.handle !== undefined ? { handle: f.handle } : {}), ...f.options };
  } else if (spec.kind === 'bpf') {
    const { handle: _h, ...rest } = place;
    const f = parseBpf(words, spec.handle === undefined ? undefined : String(spec.handle), (out) => parseActions(words, fw, out));
    typed = { ...rest, kind: 'bpf', ...(f.handle !== undefined ? { handle: f.handle } : {}), ...f.options };
  } else throw new CliExit(`rtnl-ts: filter kind "${spec.kind}" is not supported by the rtnl-ts tc CLI yet (ip.tc.filter takes its options)`, 1);
  for (const t of fw.targets) {
    const i = await nameToIndex(ip, t.name);
    if (!i) throw new CliFailure(`Cannot find device "${t.name}"\nbad action parsing\nparse_action: bad value (${t.argc}:mirred)!\nIllegal "action"`, 1);
    t.action.dev = i;
  }
  ctx.warn(await talk(ip.tc.filter[op](typed)));
  return 0;
}

/**
 * What print_filter leaves out because a command named it (tc_filter.c's filter_* globals: set
 * by show and get, never reset, so in a batch they carry over to later commands).
 */
export interface Shown {
  ifindex: number;
  parent?: number;
  protocol?: number;
  pref?: number;
  chain?: number;
}

/** print_filter: one filter (or a priority's header entry), text or JSON. */
export function printFilter(p: Printer, f: Filter, env: TcPrintEnv, shown: Shown, err: (line: string) => void): void {
  const a = f.raw.attrs;
  p.openObject();
  p.string('fp', null, 'filter ', null);
  if (!shown.ifindex || shown.ifindex !== f.ifindex) printDev(p, env.names, f.ifindex);
  const parent = f.parent >>> 0;
  if (!shown.parent || shown.parent >>> 0 !== parent) {
    if (parent === TC_H_ROOT) p.bool('any', 'root', 'root ', true);
    else if (parent === tcHandle(TC_H_CLSACT, TC_H_MIN_INGRESS)) p.bool('any', 'ingress', 'ingress ', true);
    else if (parent === tcHandle(TC_H_CLSACT, TC_H_MIN_EGRESS)) p.bool('any', 'egress', 'egress ', true);
    else p.string('any', 'parent', 'parent %s ', formatClassid(parent));
  }
  if (f.raw.header.info) {
    if (!shown.protocol || shown.protocol !== f.protocol) {
      if (f.protocol) p.string('any', 'protocol', 'protocol %s ', llProtoName(f.protocol));
    }
    if (!shown.pref || shown.pref !== f.pref) {
      if (f.pref) p.uint('any', 'pref', 'pref %u ', f.pref);
    }
  }
  if (f.kind !== undefined) p.string('any', 'kind', '%s ', f.kind);
  if (f.chain !== undefined && (shown.chain === undefined || shown.chain !== f.chain)) p.uint('any', 'chain', 'chain %u ', f.chain);
  if (f.kind !== undefined && a.options !== undefined) {
    p.openObject('options');
    const plug = Object.prototype.hasOwnProperty.call(FILTER_PLUGS, f.kind) ? FILTER_PLUGS[f.kind as keyof typeof FILTER_PLUGS] : undefined;
    if (plug && !(a.options instanceof Uint8Array)) {
      (plug.print as (p: Printer, o: object, e: FilterPrintEnv) => void)(p, a.options, { ...env, handle: f.handle, protocol: f.protocol, err });
    } else err('cannot parse option parameters');
    p.closeObject();
  }
  p.nl();
  if (env.stats && (a.stats || a.stats2)) {
    printTcStats(p, a, ' ', env.iec);
    p.nl();
  }
  p.closeObject();
}

/** The place words of tc_filter_list and tc_filter_get, with their checks and messages. */
interface PlaceWords {
  dev?: string;
  parent: number;
  handle?: string;
  pref: number;
  protocol?: number;
  chain?: number;
  kind?: string;
}

function placeWords(ctx: TcContext, words: Words, get: boolean): PlaceWords {
  const o: PlaceWords = { parent: 0, pref: 0 };
  const dupParent = (w: string): CliExit => new CliExit(`Error: "${w}" is duplicate parent ID`);
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (w === 'dev') {
      const v = nextArg(words);
      if (o.dev !== undefined) throw duparg('dev', v);
      o.dev = v;
    } else if (matches(w, 'block')) {
      throw new CliExit('rtnl-ts: shared blocks ("block") are not supported by rtnl-ts', 1);
    } else if (w === 'root') {
      if (o.parent) throw dupParent(w);
      o.parent = TC_H_ROOT;
    } else if (w === 'ingress' || w === 'egress') {
      if (o.parent) throw dupParent(w);
      o.parent = tcHandle(TC_H_CLSACT, w === 'ingress' ? TC_H_MIN_INGRESS : TC_H_MIN_EGRESS);
    } else if (w === 'parent') {
      const v = nextArg(words);
      if (o.parent) throw duparg('parent', v);
      const h = parseClassid(v);
      if (h === undefined) throw invarg(get ? 'Invalid parent ID' : 'invalid parent ID', v);
      o.parent = h;
    } else if (w === 'handle') {
      const v = nextArg(words);
      if (o.handle !== undefined) throw duparg('handle', v);
      o.handle = v;
    } else if (matches(w, 'preference') || matches(w, 'priority')) {
      const v = nextArg(words);
      if (o.pref) throw duparg('priority', v);
      const n = getU32(v);
      if (get ? n === undefined || n > 0xffff : n === undefined) throw invarg(get ? 'invalid priority value' : 'invalid preference', v);
      o.pref = n!;
    } else if (matches(w, 'protocol')) {
      const v = nextArg(words);
      if (get ? o.protocol !== undefined : o.protocol) throw duparg('protocol', v);
      const n = llProtoByName(v) ?? getU32(v);
      if (n === undefined || n > 0xffff) throw invarg('invalid protocol', v);
      o.protocol = n;
    } else if (matches(w, 'chain')) {
      const v = nextArg(words);
      if (o.chain !== undefined) throw duparg('chain', v);
      const n = getU32(v);
      if (n === undefined) throw invarg('invalid chain index value', v);
      o.chain = n;
    } else if (matches(w, 'help')) {
      if (get) throw new CliExit(FILTER_USAGE, 0);
      ctx.err(FILTER_USAGE);
    } else if (get) {
      if (!w) throw invarg('invalid filter name', w);
      o.kind = w;
      words.skip();
      break;
    } else {
      throw new CliExit(` What is "${w}"? Try "tc filter help"`);
    }
  }
  return o;
}

/** tc_filter_list: the dump, printed. tc reads `handle` but does not filter on it. */
async function show(ctx: TcContext, words: Words): Promise<number> {
  const o = placeWords(ctx, words, false);
  const ip = await ctx.ip();
  const names = await linkNames(ip);
  let ifindex = 0;
  if (o.dev !== undefined) {
    ifindex = await nameToIndex(ip, o.dev);
    if (!ifindex) throw nodev(o.dev);
  }
  const p = ctx.printer();
  p.begin();
  if (ifindex) {
    const where = { dev: ifindex, parent: o.parent, pref: o.pref, protocol: o.protocol ?? 0, ...(o.chain !== undefined ? { chain: o.chain } : {}) };
    const env = printEnv(ctx, names);
    const shown = ctx.filterShown;
    shown.ifindex = ifindex;
    if (o.parent) shown.parent = o.parent;
    if (o.pref) shown.pref = o.pref;
    if (o.protocol) shown.protocol = o.protocol;
    if (o.chain !== undefined) shown.chain = o.chain;
    for (const f of await ip.tc.filter.list(where)) {
      printFilter(p, f, env, shown, (l) => ctx.err(l));
      ctx.flush(p);
    }
  }
  p.end();
  ctx.flush(p);
  return 0;
}

/** tc_filter_get: one filter by its whole place and handle (the kind reads the handle). */
async function get(ctx: TcContext, words: Words): Promise<number> {
  const o = placeWords(ctx, words, true);
  if (o.protocol === undefined) throw new CliExit('Must specify filter protocol');
  if (!o.pref) throw new CliExit('Must specify filter priority');
  if (!o.parent) throw new CliExit('Must specify filter parent');
  if (o.kind === undefined) throw new CliExit('Must specify filter type');
  if (o.dev === undefined) throw new CliExit('Must specify netdevice "dev" or block index "block"');
  const ip = await ctx.ip();
  const ifindex = await nameToIndex(ip, o.dev);
  if (!ifindex) throw nodev(o.dev);
  let handle: number | undefined;
  if (o.handle !== undefined) {
    handle = o.kind === 'u32' ? parseU32Handle(o.handle) : getU32(o.handle);
    if (handle === undefined) throw new CliFailure(o.kind === 'u32' ? 'Illegal filter ID' : 'Illegal "handle"', 1);
  }
  if (!(o.kind in FILTER_PLUGS)) throw new CliExit(`rtnl-ts: filter kind "${o.kind}" is not supported by rtnl-ts`, 1);
  if (!words.done) throw new CliExit(`rtnl-ts: "tc filter get" takes no ${o.kind} options ("${words.cur}")`, 1);
  if (handle === undefined) throw new CliExit('Must specify filter "handle"');
  let f: Filter;
  try {
    f = await ip.tc.filter.get({
      dev: ifindex, parent: o.parent, pref: o.pref, protocol: o.protocol, handle, kind: o.kind, ...(o.chain !== undefined ? { chain: o.chain } : {}),
    });
  } catch (e) {
    if (!(e instanceof NetlinkError)) throw e;
    throw new CliFailure(`${kernelErrorText(e)}\nWe have an error talking to the kernel`, 2);
  }
  const names = await linkNames(ip);
  const p = ctx.printer();
  p.begin();
  ctx.filterShown.ifindex = ifindex;
  printFilter(p, f, printEnv(ctx, names), ctx.filterShown, (l) => ctx.err(l));
  p.end();
  ctx.flush(p);
  return 0;
}

/** do_filter. */
export async function doFilter(ctx: TcContext, words: Words): Promise<number> {
  if (words.done) return show(ctx, words);
  const w = words.cur;
  words.skip();
  if (matches(w, 'add')) return modify(ctx, words, 'add');
  if (matches(w, 'change')) return modify(ctx, words, 'change');
  if (matches(w, 'replace')) return modify(ctx, words, 'replace');
  if (matches(w, 'delete')) return modify(ctx, words, 'del');
  if (matches(w, 'get')) return get(ctx, words);
  if (matches(w, 'list') || matches(w, 'show') || matches(w, 'lst')) return show(ctx, words);
  if (matches(w, 'help')) throw new CliExit(FILTER_USAGE);
  throw new CliExit(`Command "${w}" is unknown, try "tc filter help".`);
}
