/**
 * `rtnl-ts tc qdisc ...` (tc/tc_qdisc.c): add, change, replace, link, delete, show/list, help.
 * Words become a `tc.qdisc` call, read in tc's order so that bad words are refused with tc's
 * words before anything is sent; `show` prints as print_qdisc does, text or JSON.
 */
import type { IpRoute } from '../../api/iproute.js';
import type { QdiscRef, QdiscSpec } from '../../api/tc/index.js';
import { getU32 } from './numbers.js';
import { parseTime } from '../../api/tc/units.js';
import { estimatorFor } from '../../api/tc/build.js';
import {
  formatClassid, formatQdiscHandle, parseClassid, parseQdiscHandle, TC_H_INGRESS, TC_H_ROOT, tcHandle, type Qdisc,
} from '../../rtnl/tc/index.js';
import { CliExit, CliFailure, duparg, invarg, nodev } from '../errors.js';
import type { Printer } from '../printer.js';
import { linkNames } from '../route.js';
import { nameToIndex } from '../resolve.js';
import type { Names } from '../names.js';
import { matches, type Words } from '../words.js';
import type { TcContext, TcPrintEnv } from './context.js';
import { optionsLength, printDev, qdiscOptionsEncoder } from './print.js';
import { qdiscPlug } from './qdiscs/index.js';
import { printTcStats } from './stats.js';
import { TC_KNOWN_QDISCS } from './known.js';
import type { SpeedRead } from './args.js';

export const QDISC_USAGE = 'Usage: tc qdisc [ add | del | replace | change | show ] dev STRING\n       [ handle QHANDLE ] [ root | ingress | clsact | parent CLASSID ]\n       [ estimator INTERVAL TIME_CONSTANT ]\n       [ stab [ help | STAB_OPTIONS] ]\n       [ ingress_block BLOCK_INDEX ] [ egress_block BLOCK_INDEX ]\n       [ [ QDISC_KIND ] [ help | OPTIONS ] ]\n\n       tc qdisc { show | list } [ dev STRING ] [ QDISC_ID ] [ invisible ]\nWhere:\nQDISC_KIND := { [p|b]fifo | tbf | prio | cbq | red | etc. }\nOPTIONS := ... try tc qdisc add <desired QDISC_KIND> help\nSTAB_OPTIONS := ... try tc qdisc add stab help\nQDISC_ID := { root | ingress | handle QHANDLE | parent CLASSID }';

/** parse_estimator: `estimator INTERVAL TIME_CONSTANT` (the cursor on `estimator`). */
export function estimatorWords(words: Words, seen: boolean): { interval: number; timeConstant: number } {
  const a = words.next();
  if (seen) throw duparg('estimator', a);
  if (matches(a, 'help')) throw new CliExit('Usage: ... estimator INTERVAL TIME-CONST\n  INTERVAL is interval between measurements\n  TIME-CONST is averaging time constant\nExample: ... est 1sec 8sec');
  const interval = parseTime(a);
  if (interval === undefined) throw invarg('estimator', 'invalid estimator interval'); // tc's own order
  const t = words.next();
  if (matches(t, 'help')) throw new CliExit('Usage: ... estimator INTERVAL TIME-CONST\n  INTERVAL is interval between measurements\n  TIME-CONST is averaging time constant\nExample: ... est 1sec 8sec');
  const timeConstant = parseTime(t);
  if (timeConstant === undefined) throw invarg('estimator', 'invalid estimator time constant');
  if (!estimatorFor(interval, timeConstant)) throw new CliExit('Error: estimator parameters are out of range.');
  return { interval, timeConstant };
}

type Op = 'add' | 'change' | 'replace' | 'link' | 'del';

/** What the words of `tc qdisc add/change/replace/link/del` say, the device still a name. */
export interface QdiscWords {
  dev: string | undefined;
  /** The spec (or, for del, the reference) with `dev: 0` until the device is looked up. */
  spec: QdiscSpec;
}

/** What reading a command's words may need besides the words. */
export interface WordsEnv {
  /** The device's speed file, read beforehand when a word is a percentage. */
  speed?: SpeedRead;
  /** Where tc's side messages go (the usage a `help` word prints and goes on). */
  err(line: string): void;
}

/** tc_qdisc_modify's reading of the words: everything it refuses, refused with its words. */
export function parseQdiscWords(words: Words, env: WordsEnv): QdiscWords {
  let dev: string | undefined;
  let handle = 0;
  let parent = 0;
  let kind: string | undefined;
  let estimator: { interval: number; timeConstant: number } | undefined;
  let ingressBlock = 0;
  let egressBlock = 0;
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (w === 'dev') {
      const v = words.next();
      if (dev !== undefined) throw duparg('dev', v);
      dev = v;
    } else if (w === 'handle') {
      if (handle) throw duparg('handle', w);
      const v = words.next();
      const h = parseQdiscHandle(v);
      if (h === undefined) throw invarg('invalid qdisc ID', v);
      handle = h;
    } else if (w === 'root') {
      if (parent) throw new CliExit('Error: "root" is duplicate parent ID');
      parent = TC_H_ROOT;
    } else if (w === 'clsact' || w === 'ingress') {
      if (parent) throw new CliExit(`Error: "${w}" is a duplicate parent ID`);
      parent = TC_H_INGRESS;
      kind = w;
      handle = tcHandle(TC_H_INGRESS, 0);
      words.skip();
      break;
    } else if (w === 'parent') {
      const v = words.next();
      if (parent) throw duparg('parent', v);
      const h = parseClassid(v);
      if (h === undefined) throw invarg('invalid parent ID', v);
      parent = h;
    } else if (matches(w, 'estimator')) {
      estimator = estimatorWords(words, estimator !== undefined);
    } else if (matches(w, 'stab')) {
      throw new CliFailure('rtnl-ts: "tc qdisc ... stab" is not supported by rtnl-ts', 1);
    } else if (matches(w, 'ingress_block') || matches(w, 'egress_block')) {
      const ingress = matches(w, 'ingress_block');
      const v = words.next();
      const n = getU32(v, 0);
      if (!n) throw invarg(`invalid ${ingress ? 'ingress' : 'egress'} block index value`, v);
      if (ingress) ingressBlock = n;
      else egressBlock = n;
    } else if (matches(w, 'help')) {
      env.err(QDISC_USAGE);
    } else {
      kind = w.slice(0, 15);
      words.skip();
      break;
    }
  }
  let options: object = {};
  if (kind !== undefined) {
    const plug = qdiscPlug(kind);
    const kenv = { dev, kind, ...(env.speed ? { speed: env.speed } : {}) };
    if (plug?.parse) {
      options = plug.parse(words, kenv);
    } else if (plug) {
      if (!words.done) throw new CliExit(`qdisc '${kind}' does not support option parsing`);
    } else if (TC_KNOWN_QDISCS.has(kind)) {
      throw new CliFailure(`rtnl-ts: qdisc kind "${kind}" is not supported by rtnl-ts`, 1);
    } else if (!words.done) {
      throw new CliFailure(`Unknown qdisc "${kind}", hence option "${words.cur}" is unparsable`, 1);
    }
  } else if (!words.done) {
    if (matches(words.cur, 'help')) env.err(QDISC_USAGE);
    throw new CliExit(`Garbage instead of arguments "${words.cur} ...". Try "tc qdisc help".`);
  }
  const spec = {
    dev: 0, parent, handle, ...(kind !== undefined ? { kind } : {}), ...(estimator ? { estimator } : {}),
    ...(ingressBlock ? { ingressBlock } : {}), ...(egressBlock ? { egressBlock } : {}), ...options,
  } as QdiscSpec;
  return { dev, spec };
}

/** The device a command names (`dev X`), read ahead: its speed is needed before the words are. */
export function devAhead(words: Words): string | undefined {
  const rest = words.rest();
  const i = rest.indexOf('dev');
  return i >= 0 ? rest[i + 1] : undefined;
}

/** tc_qdisc_modify. */
async function modify(ctx: TcContext, words: Words, op: Op): Promise<number> {
  const { dev, spec } = parseQdiscWords(words, { ...(await speedFor(ctx, devAhead(words), words)), err: (l) => ctx.err(l) });
  const ip = await ctx.ip();
  let ifindex = 0;
  if (dev !== undefined) {
    ifindex = await nameToIndex(ip, dev);
    if (!ifindex) throw nodev(dev);
  }
  if (op === 'del') {
    const { dev: _d, parent, handle, kind } = spec;
    const ref: QdiscRef = { dev: ifindex, parent, handle, ...(kind !== undefined ? { kind } : {}) };
    ctx.warn(await ip.tc.qdisc.del(ref));
    return 0;
  }
  ctx.warn(await ip.tc.qdisc[op]({ ...spec, dev: ifindex }));
  return 0;
}

/** The device's speed file, read first when a word is a percentage (a kind's rates may be). */
export async function speedFor(ctx: TcContext, dev: string | undefined, words: Words): Promise<{ speed?: SpeedRead }> {
  if (dev === undefined || !words.rest().some((w) => w.includes('%'))) return {};
  return { speed: await ctx.speed(dev) };
}


/** print_qdisc: one qdisc, text or JSON. */
export function printQdisc(p: Printer, q: Qdisc, env: TcPrintEnv, names: Names, showDev: boolean, registry: IpRoute['ctx']['tcKinds']): void {
  const a = q.raw.attrs;
  p.openObject();
  p.string('any', 'kind', 'qdisc %s', q.kind);
  p.string('any', 'handle', ' %s', formatQdiscHandle(q.handle));
  if (env.raw) p.string('fp', null, '%s', `[${(q.handle >>> 0).toString(16).padStart(8, '0')}]`);
  p.string('fp', null, ' ', null);
  if (showDev) printDev(p, names, q.ifindex);
  if (q.parent >>> 0 === TC_H_ROOT) p.bool('any', 'root', 'root ', true);
  else if (q.parent) p.string('any', 'parent', 'parent %s ', formatClassid(q.parent));
  if (q.refcnt !== 1) p.uint('any', 'refcnt', 'refcnt %u ', q.refcnt);
  if (a.hwOffload) p.bool('any', 'offloaded', 'offloaded ', true);
  if (a.ingressBlock) p.uint('any', 'ingress_block', 'ingress_block %u ', a.ingressBlock);
  if (a.egressBlock) p.uint('any', 'egress_block', 'egress_block %u ', a.egressBlock);
  p.openObject('options');
  if (a.options !== undefined) printOptions(p, q.kind, a.options, env, registry);
  p.closeObject();
  p.nl();
  if (env.stats) {
    if (a.stats || a.stats2 || a.xstats) {
      const x = printTcStats(p, a, ' ', env.iec);
      p.nl();
      const plug = qdiscPlug(q.kind);
      if (x && plug?.printXstats && !(q.xstats instanceof Uint8Array)) {
        plug.printXstats(p, q.xstats, env);
        p.nl();
      }
    }
  }
  p.closeObject();
}

function printOptions(p: Printer, kind: string, options: object | Uint8Array, env: TcPrintEnv, registry: IpRoute['ctx']['tcKinds']): void {
  const plug = qdiscPlug(kind === 'pfifo_fast' ? 'pfifo_fast' : kind);
  if (plug?.print && !(options instanceof Uint8Array)) {
    plug.print(p, options, env);
  } else if (!plug) {
    const len = optionsLength(options, qdiscOptionsEncoder(registry, kind, false));
    if (len) p.text(`[Unknown qdisc, optlen=${len}] `);
  }
}

/** tc_qdisc_list. */
async function show(ctx: TcContext, words: Words): Promise<number> {
  let dev: string | undefined;
  let parent = 0;
  let handle = 0;
  let invisible = false;
  const already = (w: string): void => {
    if (parent) throw invarg('parent is already specified', w);
    if (handle) throw invarg('handle is already specified', w);
  };
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (w === 'dev') {
      dev = words.next();
    } else if (w === 'root') {
      already(w);
      parent = TC_H_ROOT;
    } else if (w === 'ingress' || w === 'clsact') {
      already(w);
      parent = TC_H_INGRESS;
    } else if (matches(w, 'parent')) {
      already(w);
      const v = words.next();
      const h = parseClassid(v);
      if (h === undefined) throw invarg('invalid parent ID', v);
      parent = h;
    } else if (matches(w, 'handle')) {
      already(w);
      const v = words.next();
      const h = parseQdiscHandle(v);
      if (h === undefined) throw invarg('invalid handle ID', v);
      handle = h;
    } else if (matches(w, 'help')) {
      ctx.err(QDISC_USAGE);
    } else if (w === 'invisible') {
      invisible = true;
    } else {
      throw new CliExit(`What is "${w}"? Try "tc qdisc help".`);
    }
  }
  const ip = await ctx.ip();
  const names = await linkNames(ip);
  let ifindex = 0;
  if (dev !== undefined) {
    ifindex = await nameToIndex(ip, dev);
    if (!ifindex) throw nodev(dev);
  }
  const qdiscs = await ip.tc.qdisc.list({ ...(ifindex ? { dev: ifindex } : {}), ...(invisible ? { invisible } : {}) });
  const env = printEnv(ctx, names);
  const p = ctx.printer();
  p.begin();
  for (const q of qdiscs) {
    if (handle && q.handle !== handle) continue;
    if (parent && q.parent >>> 0 !== parent >>> 0) continue;
    printQdisc(p, q, env, names, ifindex === 0, ip.ctx.tcKinds);
    ctx.flush(p);
  }
  p.end();
  ctx.flush(p);
  return 0;
}

/** The print switches of a tc command. */
export function printEnv(ctx: TcContext, names: Names): TcPrintEnv {
  return {
    details: ctx.tg.details, stats: ctx.tg.stats, raw: ctx.tg.raw, iec: ctx.tg.iec, brief: ctx.tg.brief, pretty: ctx.tg.pretty, psched: ctx.psched, names,
  };
}

/** `tc qdisc help`: the usage on stderr, status 0. */
const help = async (ctx: TcContext): Promise<number> => {
  ctx.err(QDISC_USAGE);
  return 0;
};

/** do_qdisc's verbs. */
export async function doQdisc(ctx: TcContext, words: Words): Promise<number> {
  if (words.done) return show(ctx, words);
  const w = words.cur;
  words.skip();
  if (matches(w, 'add')) return modify(ctx, words, 'add');
  if (matches(w, 'change')) return modify(ctx, words, 'change');
  if (matches(w, 'replace')) return modify(ctx, words, 'replace');
  if (matches(w, 'link')) return modify(ctx, words, 'link');
  if (matches(w, 'delete')) return modify(ctx, words, 'del');
  if (matches(w, 'list') || matches(w, 'show') || matches(w, 'lst')) return show(ctx, words);
  if (matches(w, 'help')) return help(ctx);
  throw new CliExit(`Command "${w}" is unknown, try "tc qdisc help".`);
}
