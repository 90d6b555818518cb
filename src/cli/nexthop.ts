/**
 * `rtnl-ts nexthop ...` (ip/ipnexthop.c's do_ipnh): add, replace, delete, list/show, get,
 * flush, help. The words become a NexthopSpec in their order (so the request's attributes come in
 * ip's order) or a NexthopFilter; nexthops are printed with printNexthop.
 */
import type { IpRoute } from '../api/iproute.js';
import type { NexthopFilter, NexthopSpec, ResilientSpec } from '../api/nexthop.js';
import type { Nexthop } from '../rtnl/nexthop/index.js';
import { protocols } from '../rtnl/route/names.js';
import type { Handler, Handlers } from './commands.js';
import type { CommandContext } from './context.js';
import { CliExit, CliFailure, invarg } from './errors.js';
import { printNexthop } from './nexthop-print.js';
import { report } from './report.js';
import { parseUnsigned } from './numbers.js';
import { nameToIndex } from './resolve.js';
import { getAddr, linkNames, preferredFamily } from './route.js';
import { renameProgram } from './usage.js';
import { matches, type Words } from './words.js';

const AF_UNSPEC = 0;
const AF_INET = 2;
const AF_INET6 = 10;

const NEXTHOP_USAGE_IP = 'Usage: ip nexthop { list | flush } [ protocol ID ] SELECTOR\n       ip nexthop { add | replace } id ID NH [ protocol ID ]\n       ip nexthop { get | del } id ID\n       ip nexthop bucket list BUCKET_SELECTOR\n       ip nexthop bucket get id ID index INDEX\nSELECTOR := [ id ID ] [ dev DEV ] [ vrf NAME ] [ master DEV ]\n            [ groups ] [ fdb ]\nBUCKET_SELECTOR := SELECTOR | [ nhid ID ]\nNH := { blackhole | [ via ADDRESS ] [ dev DEV ] [ onlink ]\n        [ encap ENCAPTYPE ENCAPHDR ] |\n        group GROUP [ fdb ] [ type TYPE [ TYPE_ARGS ] ] }\nGROUP := [ <id[,weight]>/<id[,weight]>/... ]\nTYPE := { mpath | resilient }\nTYPE_ARGS := [ RESILIENT_ARGS ]\nRESILIENT_ARGS := [ buckets BUCKETS ] [ idle_timer IDLE ]\n                  [ unbalanced_timer UNBALANCED ]\nENCAPTYPE := [ mpls ]\nENCAPHDR := [ MPLSLABEL ]\n';

/** `ip nexthop help` (ipnexthop.c usage()), naming rtnl-ts. */
export const NEXTHOP_USAGE = renameProgram(NEXTHOP_USAGE_IP).replace(/\n$/, '');

const usage = (): CliExit => new CliExit(NEXTHOP_USAGE);

/** ipnh_parse_id. */
function parseId(v: string): number {
  const n = parseUnsigned(v);
  if (n === undefined) throw invarg('invalid id value', v);
  return n;
}

/** ll_name_to_index, or ip's "Device does not exist". */
async function device(ip: IpRoute, v: string, msg = 'Device does not exist\n'): Promise<number> {
  const idx = await nameToIndex(ip, v);
  if (!idx) throw invarg(msg, v);
  return idx;
}

/** add_nh_group_attr: "ID[,WEIGHT]/ID[,WEIGHT]/...". */
function parseGroup(v: string): NonNullable<NexthopSpec['group']> {
  // ip cuts the word at its first '/' and ',' while reading it, and then names what is left.
  const bad = (): CliExit => invarg('"group" value is invalid\n', v.split('/')[0]!.split(',')[0]!);
  if (v === '') throw bad();
  return v.split('/').map((entry) => {
    const comma = entry.indexOf(',');
    const id = parseUnsigned(comma < 0 ? entry : entry.slice(0, comma));
    if (id === undefined) throw bad();
    if (comma < 0) return id;
    const wtext = entry.slice(comma + 1);
    const w = parseUnsigned(wtext);
    if (w === undefined || w === 0 || w > 256) throw invarg('"weight" is invalid\n', wtext);
    return { id, weight: w };
  });
}

/** parse_nh_group_type_res: the resilient group's words after `type resilient`, up to the first other word. */
function parseResilient(words: Words): ResilientSpec {
  const r: ResilientSpec = {};
  const timer = (msg: string): number => {
    const v = words.next();
    const n = parseUnsigned(v);
    if (n === undefined || n >= Math.floor(0xffffffff / 100)) throw invarg(msg, v);
    return n;
  };
  while (words.left > 1) {
    const w = words.peek()!;
    words.skip();
    if (w === 'buckets') {
      const v = words.next();
      const n = parseUnsigned(v, 0xffff);
      if (n === undefined) throw invarg('invalid buckets value', v);
      r.buckets = n;
    } else if (w === 'idle_timer') {
      r.idleTimer = timer('invalid idle timer value');
    } else if (w === 'unbalanced_timer') {
      r.unbalancedTimer = timer('invalid unbalanced timer value');
    } else {
      words.skip(-1); // not ours: the caller reads it next
      break;
    }
  }
  return r;
}

/** ipnh_modify's words (add, replace, delete), in their order, as a NexthopSpec. */
async function parseModify(ctx: CommandContext, words: Words): Promise<NexthopSpec> {
  const ip = await ctx.ip();
  let family = preferredFamily(ctx);
  const spec: NexthopSpec = {};
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (w === 'id') {
      spec.id = parseId(words.next());
    } else if (w === 'dev') {
      spec.dev = await device(ip, words.next());
      if (family === AF_UNSPEC) family = AF_INET;
    } else if (w === 'via') {
      let v = words.next();
      let fam = family;
      if (v === 'inet' || v === 'inet6') {
        fam = v === 'inet' ? AF_INET : AF_INET6;
        v = words.next();
      } else if (v === 'link' || v === 'ipx' || v === 'mpls' || v === 'bridge') {
        throw new CliFailure(`rtnl-ts: "nexthop ... via ${v}" is not supported by rtnl-ts`, 1);
      }
      const a = getAddr(v, fam);
      if (family === AF_UNSPEC) family = a.family;
      else if (family !== a.family) throw invarg('address family mismatch\n', v);
      spec.via = a.text;
    } else if (w === 'encap') {
      throw new CliFailure('rtnl-ts: "nexthop ... encap" is not supported by rtnl-ts', 1);
    } else if (w === 'blackhole') {
      spec.blackhole = true;
      if (family === AF_UNSPEC) family = AF_INET;
    } else if (w === 'fdb') {
      spec.fdb = true;
    } else if (w === 'onlink') {
      spec.onlink = true;
    } else if (w === 'group') {
      spec.group = parseGroup(words.next());
    } else if (w === 'type') {
      const v = words.next();
      if (v !== 'mpath' && v !== 'resilient') throw invarg('"type" value is invalid\n', v);
      spec.type = v;
      // ip opens the resilient nest (empty or not) whenever a word follows `type resilient`.
      if (v === 'resilient' && words.left > 1) spec.resilient = parseResilient(words);
    } else if (matches(w, 'protocol')) {
      const v = words.next();
      const n = protocols.number(v);
      if (n === undefined) throw invarg('"protocol" value is invalid\n', v);
      spec.protocol = n;
    } else if (w === 'help') {
      throw usage();
    } else {
      throw invarg('', w);
    }
  }
  if (family === AF_INET) spec.family = 'inet';
  else if (family === AF_INET6) spec.family = 'inet6';
  return spec;
}

async function modify(ctx: CommandContext, words: Words, verb: 'add' | 'replace' | 'del'): Promise<number> {
  const spec = await parseModify(ctx, words);
  const ip = await ctx.ip();
  if (verb === 'del') await ip.nexthop.del(spec);
  else await ip.nexthop[verb](spec);
  return 0;
}

/** Print nexthops as `ip nexthop show` does (a JSON list with -j). */
async function print(ctx: CommandContext, list: readonly Nexthop[]): Promise<void> {
  const names = await linkNames(await ctx.ip());
  const p = ctx.printer();
  p.begin();
  for (const nh of list) printNexthop(p, nh, { details: ctx.g.details }, names);
  p.end();
  ctx.flush(p);
}

/** ipnh_list_flush: the selectors, then the listing or the flush (or one id: get or delete it). */
async function listOrFlush(ctx: CommandContext, words: Words, flush: boolean): Promise<number> {
  const ip = await ctx.ip();
  const family = preferredFamily(ctx);
  const f: NexthopFilter = {};
  if (family === AF_INET) f.family = 'inet';
  else if (family === AF_INET6) f.family = 'inet6';
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (matches(w, 'dev')) {
      f.dev = await device(ip, words.next());
    } else if (matches(w, 'groups')) {
      f.groups = true;
    } else if (matches(w, 'master')) {
      f.master = await device(ip, words.next());
    } else if (matches(w, 'vrf')) {
      const v = words.next();
      const idx = await nameToIndex(ip, v);
      const link = idx ? await ip.link.get(idx) : undefined;
      if (link?.linkinfo?.kind !== 'vrf') throw invarg('Invalid VRF\n', v);
      f.master = idx;
    } else if (w === 'id') {
      const id = parseId(words.next());
      if (!flush) {
        await print(ctx, [await ip.nexthop.get(id)]);
        return 0;
      }
      try {
        await ip.nexthop.del(id);
      } catch (e) {
        // ip's flush of one id ends with status 1 where the kernel refuses.
        const r = report(e);
        throw r.exit ? e : new CliFailure(r.message, 1);
      }
      return 0;
    } else if (matches(w, 'protocol')) {
      const v = words.next();
      const n = parseUnsigned(v);
      if (n === undefined) throw invarg('invalid protocol value', v);
      if (n) f.protocol = n; else delete f.protocol;
    } else if (matches(w, 'fdb')) {
      f.fdb = true;
    } else if (matches(w, 'help')) {
      throw usage();
    } else {
      throw invarg('', w);
    }
  }
  if (!flush) {
    await print(ctx, await ip.nexthop.list(f));
    return 0;
  }
  const n = await ip.nexthop.flush(f);
  ctx.out(n ? `Flushed ${n} nexthops\n` : 'Nothing to flush\n');
  return 0;
}

/** ipnh_get: `get id ID`, nothing else. */
async function get(ctx: CommandContext, words: Words): Promise<number> {
  let id = 0;
  for (; !words.done; words.skip()) {
    if (words.cur !== 'id') throw usage();
    id = parseId(words.next());
  }
  if (!id) throw usage();
  await print(ctx, [await (await ctx.ip()).nexthop.get(id)]);
  return 0;
}

/** The handlers of `rtnl-ts nexthop VERB` (see commands.ts). */
const add: Handler = (ctx, words) => modify(ctx, words, 'add');
const replace: Handler = (ctx, words) => modify(ctx, words, 'replace');
const del: Handler = (ctx, words) => modify(ctx, words, 'del');
const show: Handler = (ctx, words) => listOrFlush(ctx, words, false);
const flush: Handler = (ctx, words) => listOrFlush(ctx, words, true);
const help: Handler = async () => { throw usage(); };

export const handlers = { add, replace, del, show, get, flush, help } satisfies Handlers;
