/**
 * `rtnl-ts tc class ...` (tc/tc_class.c): add, change, replace, delete, show/list, help. tc 6.1
 * prints classes as text only, -j or not; so does this.
 */
import type { ClassSpec } from '../../api/tc/index.js';
import { formatClassid, parseClassid, parseQdiscHandle, TC_H_ROOT, tcMajor, tcMinor, type TcClass } from '../../rtnl/tc/index.js';
import { writeAll } from '../context.js';
import { CliExit, duparg, invarg, nodev } from '../errors.js';
import type { Names } from '../names.js';
import { Printer } from '../printer.js';
import { nameToIndex } from '../resolve.js';
import { linkNames } from '../route.js';
import { matches, type Words } from '../words.js';
import type { TcContext, TcPrintEnv } from './context.js';
import { qdiscPlug } from './qdiscs/index.js';
import { devAhead, estimatorWords, printEnv, speedFor, type WordsEnv } from './qdisc.js';
import { printTcStats } from './stats.js';
import { TC_KNOWN_QDISCS } from './known.js';

export const CLASS_USAGE = 'Usage: tc class [ add | del | change | replace | show ] dev STRING\n       [ classid CLASSID ] [ root | parent CLASSID ]\n       [ [ QDISC_KIND ] [ help | OPTIONS ] ]\n\n       tc class show [ dev STRING ] [ root | parent CLASSID ]\nWhere:\nQDISC_KIND := { prio | cbq | etc. }\nOPTIONS := ... try tc class add <desired QDISC_KIND> help';

type Op = 'add' | 'change' | 'replace' | 'del';

/** What the words of `tc class add/change/replace/del` say, the device still a name. */
export interface ClassWords {
  dev: string | undefined;
  spec: ClassSpec;
  /** tc's refusal after the words (a classless or unsupported kind): printed, status 1. */
  refusal?: string;
}

/** tc_class_modify's reading of the words. */
export function parseClassWords(words: Words, env: WordsEnv): ClassWords {
  let dev: string | undefined;
  let classid = 0;
  let parent = 0;
  let kind: string | undefined;
  let estimator: { interval: number; timeConstant: number } | undefined;
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (w === 'dev') {
      const v = words.next();
      if (dev !== undefined) throw duparg('dev', v);
      dev = v;
    } else if (w === 'classid') {
      const v = words.next();
      if (classid) throw duparg('classid', v);
      const h = parseClassid(v);
      if (h === undefined) throw invarg('invalid class ID', v);
      classid = h;
    } else if (w === 'handle') {
      throw new CliExit('Error: try "classid" instead of "handle"');
    } else if (w === 'root') {
      if (parent) throw new CliExit('Error: "root" is duplicate parent ID.');
      parent = TC_H_ROOT;
    } else if (w === 'parent') {
      const v = words.next();
      if (parent) throw duparg('parent', v);
      const h = parseClassid(v);
      if (h === undefined) throw invarg('invalid parent ID', v);
      parent = h;
    } else if (matches(w, 'estimator')) {
      estimator = estimatorWords(words, estimator !== undefined);
    } else if (matches(w, 'help')) {
      env.err(CLASS_USAGE);
    } else {
      kind = w.slice(0, 15);
      words.skip();
      break;
    }
  }
  let options: object = {};
  let refusal: string | undefined;
  if (kind !== undefined) {
    const plug = qdiscPlug(kind);
    if (plug?.parseClass) options = plug.parseClass(words, { dev, kind, ...(env.speed ? { speed: env.speed } : {}) });
    // tc's unknown kinds have no class parser either.
    else if (plug || !TC_KNOWN_QDISCS.has(kind)) refusal = `Error: Qdisc "${kind}" is classless.`;
    else refusal = `rtnl-ts: class kind "${kind}" is not supported by rtnl-ts`;
  } else if (!words.done) {
    if (matches(words.cur, 'help')) env.err(CLASS_USAGE);
    throw new CliExit(`Garbage instead of arguments "${words.cur} ...". Try "tc class help".`);
  }
  const spec = { dev: 0, parent, classid, ...(kind !== undefined ? { kind } : {}), ...(estimator ? { estimator } : {}), ...options } as ClassSpec;
  return refusal === undefined ? { dev, spec } : { dev, spec, refusal };
}

/** tc_class_modify. */
async function modify(ctx: TcContext, words: Words, op: Op): Promise<number> {
  const { dev, spec, refusal } = parseClassWords(words, { ...(await speedFor(ctx, devAhead(words), words)), err: (l) => ctx.err(l) });
  if (refusal !== undefined) {
    ctx.err(refusal);
    return 1;
  }
  const ip = await ctx.ip();
  let ifindex = 0;
  if (dev !== undefined) {
    ifindex = await nameToIndex(ip, dev);
    if (!ifindex) throw nodev(dev);
  }
  if (op === 'del') {
    const { parent, classid, kind } = spec;
    ctx.warn(await ip.tc.klass.del({ dev: ifindex, parent, classid, ...(kind !== undefined ? { kind } : {}) }));
  } else {
    ctx.warn(await ip.tc.klass[op]({ ...spec, dev: ifindex }));
  }
  return 0;
}

/** print_class: text only, as tc 6.1 prints it. */
export function printClass(p: Printer, c: TcClass, env: TcPrintEnv, names: Names, showDev: boolean, filterQdisc: number): void {
  const a = c.raw.attrs;
  let id = '';
  if (c.handle) id = formatClassid(filterQdisc ? tcMinor(c.handle) : c.handle);
  p.text(`class ${c.kind} ${id} `);
  if (showDev) p.text(`dev ${names.name(c.ifindex)} `);
  if (c.parent >>> 0 === TC_H_ROOT) p.text('root ');
  else p.text(`parent ${formatClassid(filterQdisc ? tcMinor(c.parent) : c.parent)} `);
  if (c.leaf) p.text(`leaf ${(c.leaf >>> 16).toString(16)}: `);
  const plug = qdiscPlug(c.kind);
  if (a.options !== undefined) {
    if (plug?.printClass && !(a.options instanceof Uint8Array)) plug.printClass(p, a.options, env);
    else writeAll(2, '[cannot parse class parameters]');
  }
  p.text('\n');
  if (env.stats) {
    let x: Uint8Array | undefined;
    if (a.stats || a.stats2) {
      x = printTcStats(p, a, ' ', env.iec);
      p.text('\n');
    }
    if (plug?.printClassXstats && (x || a.xstats) && c.xstats !== undefined && !(c.xstats instanceof Uint8Array)) {
      plug.printClassXstats(p, c.xstats, env);
      p.text('\n');
    }
  }
}

/** tc_class_list. */
async function show(ctx: TcContext, words: Words): Promise<number> {
  let dev: string | undefined;
  let filterQdisc = 0;
  let filterClassid = 0;
  let parent = 0;
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (w === 'dev') {
      const v = words.next();
      if (dev !== undefined) throw duparg('dev', v);
      dev = v;
    } else if (w === 'qdisc') {
      const v = words.next();
      if (filterQdisc) throw duparg('qdisc', v);
      const h = parseQdiscHandle(v);
      if (h === undefined) throw invarg('invalid qdisc ID', v);
      filterQdisc = h;
    } else if (w === 'classid') {
      const v = words.next();
      if (filterClassid) throw duparg('classid', v);
      const h = parseClassid(v);
      if (h === undefined) throw invarg('invalid class ID', v);
      filterClassid = h;
    } else if (w === 'root') {
      if (parent) throw new CliExit('Error: "root" is duplicate parent ID');
      parent = TC_H_ROOT;
    } else if (w === 'parent') {
      if (parent) throw duparg('parent', w);
      const v = words.next();
      const h = parseClassid(v);
      if (h === undefined) throw invarg('invalid parent ID', v);
      parent = h;
    } else if (matches(w, 'help')) {
      ctx.err(CLASS_USAGE);
    } else {
      throw new CliExit(`What is "${w}"? Try "tc class help".`);
    }
  }
  if (ctx.tg.graph) throw new CliExit('rtnl-ts: "tc -g class show" is not supported by rtnl-ts', 1);
  const ip = await ctx.ip();
  const names = await linkNames(ip);
  let ifindex = 0;
  if (dev !== undefined) {
    ifindex = await nameToIndex(ip, dev);
    if (!ifindex) throw nodev(dev);
  }
  const classes = await ip.tc.klass.list({ dev: ifindex, ...(parent ? { parent } : {}) });
  const env = printEnv(ctx, names);
  const p = new Printer({ json: false, pretty: false, oneline: ctx.g.oneline });
  for (const c of classes) {
    if (filterQdisc && tcMajor(c.handle ^ filterQdisc)) continue;
    if (filterClassid && c.handle !== filterClassid) continue;
    printClass(p, c, env, names, ifindex === 0, filterQdisc);
    ctx.flush(p);
  }
  return 0;
}

/** do_class's verbs. */
export async function doClass(ctx: TcContext, words: Words): Promise<number> {
  if (words.done) return show(ctx, words);
  const w = words.cur;
  words.skip();
  if (matches(w, 'add')) return modify(ctx, words, 'add');
  if (matches(w, 'change')) return modify(ctx, words, 'change');
  if (matches(w, 'replace')) return modify(ctx, words, 'replace');
  if (matches(w, 'delete')) return modify(ctx, words, 'del');
  if (matches(w, 'list') || matches(w, 'show') || matches(w, 'lst')) return show(ctx, words);
  if (matches(w, 'help')) {
    ctx.err(CLASS_USAGE);
    return 0;
  }
  throw new CliExit(`Command "${w}" is unknown, try "tc class help".`);
}
