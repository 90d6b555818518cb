/**
 * `rtnl-ts neighbour ...` (ip/ipneigh.c's do_ipneigh): show/list, flush, get, add, change,
 * replace, delete, help. Selectors go to `ip.neigh` (the kernel filters device, master, family
 * and proxy; the service applies states, prefix, protocol and `unused`); entries are printed
 * with printNeighbor.
 */
import type { NeighFilter, NeighSpec } from '../api/neigh.js';
import { protocols } from '../rtnl/route/index.js';
import type { Handler, Handlers } from './commands.js';
import type { CommandContext } from './context.js';
import { CliExit, CliFailure, duparg, duparg2, invarg, nodev } from './errors.js';
import { printNeighbor } from './neigh-print.js';
import { parseUnsigned } from './numbers.js';
import { Printer } from './printer.js';
import { nameToIndex } from './resolve.js';
import { getAddr, getPrefix, linkNames, preferredFamily } from './route.js';
import { renameProgram } from './usage.js';
import { matches, type Words } from './words.js';

const AF_INET = 2;
const AF_INET6 = 10;
const NUD_NOARP = 0x40;

const NEIGH_USAGE_IP = 'Usage: ip neigh { add | del | change | replace }\n                { ADDR [ lladdr LLADDR ] [ nud STATE ] proxy ADDR }\n                [ dev DEV ] [ router ] [ use ] [ managed ] [ extern_learn ]\n                [ protocol PROTO ]\n\n\tip neigh { show | flush } [ proxy ] [ to PREFIX ] [ dev DEV ] [ nud STATE ]\n\t\t\t\t  [ vrf NAME ] [ nomaster ]\n\tip neigh get { ADDR | proxy ADDR } dev DEV\n\nSTATE := { delay | failed | incomplete | noarp | none |\n           permanent | probe | reachable | stale }\n';

/** `ip neigh help` (ipneigh.c usage()), naming rtnl-ts. */
export const NEIGH_USAGE = renameProgram(NEIGH_USAGE_IP).replace(/\n$/, '');

/** nud_state_a2n: a state word (permanent, reachable and failed may be abbreviated) or one NUD_* bit. */
export function nudState(word: string): number | undefined {
  if (matches(word, 'permanent')) return 0x80;
  if (matches(word, 'reachable')) return 0x02;
  const exact: Record<string, number> = { noarp: 0x40, none: 0x00, stale: 0x04, incomplete: 0x01, delay: 0x08, probe: 0x10 };
  if (word in exact) return exact[word];
  if (matches(word, 'failed')) return 0x20;
  const n = parseUnsigned(word);
  if (n === undefined || n >= 0x100 || (n & (n - 1)) !== 0) return undefined;
  return n;
}

/** ll_addr_a2n: "xx:xx:..." (1-2 hex digits per byte, also '.'-separated), or undefined. */
function lladdrText(text: string): string | undefined {
  const parts = text.split(/[:.]/);
  const out: string[] = [];
  for (const part of parts) {
    if (!/^[0-9a-fA-F]{1,2}$/.test(part)) return undefined;
    out.push(part.toLowerCase().padStart(2, '0'));
  }
  return out.length > 0 && out.length <= 20 ? out.join(':') : undefined;
}

const familyOf = (af: number): 'inet' | 'inet6' | undefined => (af === AF_INET ? 'inet' : af === AF_INET6 ? 'inet6' : undefined);

/** do_show_or_flush: the selectors, then the listing or the flush. */
async function showOrFlush(ctx: CommandContext, words: Words, flush: boolean): Promise<number> {
  const ip = await ctx.ip();
  let family = preferredFamily(ctx);
  if (flush && words.done) throw new CliFailure('Flush requires arguments.', 1);
  const f: NeighFilter = {};
  let dev: string | undefined;
  let states: number[] | 'all' | undefined;
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (w === 'dev') {
      const v = words.next();
      if (dev !== undefined) throw duparg('dev', v);
      dev = v;
    } else if (w === 'master') {
      const v = words.next();
      const idx = await nameToIndex(ip, v);
      if (!idx) throw invarg('Device does not exist\n', v);
      f.master = idx;
    } else if (w === 'vrf' || w === 'nomaster') {
      throw new CliFailure(`rtnl-ts: "neigh ... ${w}" is not supported by rtnl-ts`, 1);
    } else if (w === 'unused') {
      f.unused = true;
    } else if (w === 'nud') {
      const v = words.next();
      const n = nudState(v);
      if (n === undefined) {
        if (v !== 'all') throw invarg('nud state is bad', v);
        states = 'all';
      } else if (states !== 'all') {
        states = [...(states ?? []), n];
      }
    } else if (w === 'proxy') {
      f.proxy = true;
    } else if (matches(w, 'protocol')) {
      const v = words.next();
      const n = protocols.number(v);
      if (n === undefined && v !== 'all') throw invarg('invalid "protocol"\n', v);
      if (n) f.protocol = n;
    } else {
      let v = w;
      if (v === 'to') v = words.next();
      if (matches(v, 'help')) throw new CliExit(NEIGH_USAGE);
      const p = getPrefix(v, family);
      if (!family) family = p.family;
      // "all", "any", "default": every address, a selector all the same (`neigh flush all`).
      f.to = p.any ? 'all' : `${p.text}/${p.bitlen}`;
    }
  }
  if (dev !== undefined) {
    const idx = await nameToIndex(ip, dev);
    if (!idx) throw nodev(dev);
    f.dev = idx;
  }
  const fam = familyOf(family);
  if (fam) f.family = fam;
  if (states !== undefined) f.nud = states;
  if (flush) {
    // 'nud all' in a flush spares NOARP entries, as ip does.
    if (states === 'all') f.nud = [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x80, 0].filter((s) => !(s & NUD_NOARP));
    const names = ctx.g.stats > 1 ? await linkNames(ip) : undefined;
    let rounds = 0;
    await ip.neigh.flush(f, {
      onRound: (deleted, round) => {
        rounds = round;
        if (names) {
          // ip -s -s prints each entry it flushes, as `neigh show` would.
          const p = ctx.printer();
          for (const n of deleted) printNeighbor(p, n, { stats: ctx.g.stats, brief: ctx.g.brief, devFixed: dev !== undefined }, names);
          ctx.flush(p);
        }
        if (ctx.g.stats) ctx.out(`\n*** Round ${round}, deleting ${deleted.length} entries ***\n`);
      },
    });
    if (ctx.g.stats) ctx.out(rounds === 0 ? 'Nothing to flush.\n' : `*** Flush is complete after ${rounds} round${rounds > 1 ? 's' : ''} ***\n`);
    return 0;
  }
  const entries = await ip.neigh.list(f);
  const names = await linkNames(ip);
  const p = ctx.printer();
  p.begin();
  for (const n of entries) printNeighbor(p, n, { stats: ctx.g.stats, brief: ctx.g.brief, devFixed: dev !== undefined }, names);
  p.end();
  ctx.flush(p);
  return 0;
}

type Verb = 'add' | 'change' | 'replace' | 'del';

/** ipneigh_modify: the words of add / change / replace / delete. */
async function modify(ctx: CommandContext, words: Words, verb: Verb): Promise<number> {
  const ip = await ctx.ip();
  const family = preferredFamily(ctx);
  const spec: Partial<NeighSpec> = {};
  let dst: ReturnType<typeof getAddr> | undefined;
  let dev: string | undefined;
  let devOk = false;
  let lla: string | undefined;
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (matches(w, 'lladdr')) {
      const v = words.next();
      if (lla !== undefined) throw duparg('lladdr', v);
      lla = v;
    } else if (w === 'nud') {
      const v = words.next();
      const n = nudState(v);
      if (n === undefined) throw invarg('nud state is bad', v);
      spec.nud = n;
    } else if (matches(w, 'proxy')) {
      const v = words.next();
      if (matches(v, 'help')) throw new CliExit(NEIGH_USAGE);
      if (dst) throw duparg('address', v);
      dst = getAddr(v, family);
      devOk = true;
      spec.proxy = true;
    } else if (w === 'router') {
      spec.router = true;
    } else if (w === 'use') {
      spec.use = true;
    } else if (w === 'managed') {
      spec.managed = true;
      spec.nud ??= 0;
    } else if (matches(w, 'extern_learn')) {
      spec.externLearn = true;
    } else if (w === 'dev') {
      dev = words.next();
      devOk = true;
    } else if (matches(w, 'protocol')) {
      const v = words.next();
      const n = protocols.number(v);
      if (n === undefined) throw invarg('"protocol" value is invalid\n', v);
      spec.protocol = n;
    } else {
      let v = w;
      if (v === 'to') v = words.next();
      if (matches(v, 'help')) v = words.next();
      if (dst) throw duparg2('to', v);
      dst = getAddr(v, family);
    }
  }
  if (!devOk || !dst || dst.any) throw new CliExit('Device and destination are required arguments.');
  if (lla !== undefined && lla !== 'null') {
    const text = lladdrText(lla);
    if (text === undefined) throw new CliFailure(`"${lla}" is invalid lladdr.`, 1);
    spec.lladdr = text;
  }
  spec.dst = dst.text;
  if (dev === undefined) throw new CliFailure('rtnl-ts: a proxy entry needs "dev DEV" here', 1);
  const idx = await nameToIndex(ip, dev);
  if (!idx) throw nodev(dev);
  spec.dev = idx;
  if (verb === 'del') {
    const del: Pick<NeighSpec, 'dst' | 'dev' | 'proxy'> = { dst: spec.dst, dev: idx };
    if (spec.proxy) del.proxy = true;
    await ip.neigh.del(del);
  } else {
    await ip.neigh[verb](spec as NeighSpec);
  }
  return 0;
}

/** ipneigh_get: `neigh get { ADDR | proxy ADDR } dev DEV`. */
async function get(ctx: CommandContext, words: Words): Promise<number> {
  const ip = await ctx.ip();
  const family = preferredFamily(ctx);
  let dst: ReturnType<typeof getAddr> | undefined;
  let dev: string | undefined;
  let devOk = false;
  let proxy = false;
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (w === 'dev') {
      dev = words.next();
      devOk = true;
    } else if (matches(w, 'proxy')) {
      const v = words.next();
      if (matches(v, 'help')) throw new CliExit(NEIGH_USAGE);
      if (dst) throw duparg('address', v);
      dst = getAddr(v, family);
      devOk = true;
      proxy = true;
    } else {
      let v = w;
      if (v === 'to') v = words.next();
      if (matches(v, 'help')) throw new CliExit(NEIGH_USAGE);
      if (dst) throw duparg2('to', v);
      dst = getAddr(v, family);
    }
  }
  if (!devOk || !dst || dst.any) throw new CliFailure('Device and address are required arguments.', 1);
  if (dev === undefined) throw new CliFailure('rtnl-ts: "neigh get" needs "dev DEV"', 1);
  const idx = await nameToIndex(ip, dev);
  if (!idx) throw nodev(dev);
  const n = await ip.neigh.get(dst.text, idx, { proxy });
  const names = await linkNames(ip);
  // ip prints `neigh get` without opening its JSON writer, so -j still gives text.
  const p = new Printer({ json: false, pretty: false, oneline: ctx.g.oneline, color: ctx.palette });
  printNeighbor(p, n, { stats: ctx.g.stats, brief: ctx.g.brief }, names);
  ctx.flush(p);
  return 0;
}

/** The handlers of `rtnl-ts neigh VERB` (see commands.ts). */
const add: Handler = (ctx, words) => modify(ctx, words, 'add');
const change: Handler = (ctx, words) => modify(ctx, words, 'change');
const replace: Handler = (ctx, words) => modify(ctx, words, 'replace');
const del: Handler = (ctx, words) => modify(ctx, words, 'del');
const show: Handler = (ctx, words) => showOrFlush(ctx, words, false);
const flush: Handler = (ctx, words) => showOrFlush(ctx, words, true);
const help: Handler = async () => { throw new CliExit(NEIGH_USAGE); };

export const handlers = { add, change, replace, del, get, show, flush, help } satisfies Handlers;
