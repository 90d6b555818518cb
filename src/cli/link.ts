/**
 * `rtnl-ts link ...` (ip/iplink.c's do_iplink): add, set, delete, show, help. Words become an
 * `ip.link.add / set / del / get / list` call; names are resolved in iproute2's order so errors
 * come out as ip's (an unknown master before an unknown device, `Cannot find device "x"`).
 */
import type { IpRoute } from '../api/iproute.js';
import type { LinkChange, LinkFilter, LinkSpec } from '../api/link-types.js';
import type { Link } from '../rtnl/link/index.js';
import type { Handler, Handlers } from './commands.js';
import type { CommandContext, Globals, LinePipe } from './context.js';
import { CliExit, CliFailure, duparg2, invarg, nodev } from './errors.js';
import { cliKind, type KindWords } from './kinds/index.js';
import { linkOptions, parseLinkWords } from './link-args.js';
import { printLink, type LinkPrintOptions } from './link-print.js';
import { groupNumber, type Names } from './names.js';
import type { Printer } from './printer.js';
import { nameToIndex, namesFor } from './resolve.js';
import { LINK_USAGE } from './usage.js';
import { matches, type Words } from './words.js';

const IFF_UP = 1;

/** The selectors of `link show` / `addr show` (ipaddr_list_flush_or_save's filter). */
export interface ShowFilter {
  dev?: string;
  up?: boolean;
  master?: number;
  /** "nomaster": only links without a master. */
  nomaster?: boolean;
  kind?: string;
  slaveKind?: string;
  group?: number;
}

/** Whether a link passes the filter the way print_linkinfo decides. */
export function linkMatches(l: Link, f: Readonly<ShowFilter>): boolean {
  if (f.up && !(l.ifiFlags & IFF_UP)) return false;
  if (f.group !== undefined && l.group !== undefined && l.group !== f.group) return false;
  if (f.master !== undefined && l.master !== f.master) return false;
  if (f.nomaster && l.master !== undefined) return false;
  if (f.kind !== undefined && l.linkinfo?.kind !== f.kind) return false;
  if (f.slaveKind !== undefined && l.linkinfo?.slaveKind !== f.slaveKind) return false;
  return true;
}

/**
 * Fetch the links a show command prints: one GET when only a device is named (iplink_get),
 * else a dump with kernel-side master/kind filtering. `'missing'` when the device is unknown.
 */
export async function fetchLinks(ip: IpRoute, f: Readonly<ShowFilter>, stats: boolean): Promise<Link[] | 'missing'> {
  if (f.dev !== undefined) {
    const idx = await nameToIndex(ip, f.dev);
    if (!idx) return 'missing';
    return [await ip.link.get(idx)];
  }
  const lf: LinkFilter = { stats };
  if (f.master !== undefined) lf.master = f.master;
  if (f.kind !== undefined) lf.type = f.kind;
  return ip.link.list(lf);
}

/** Read the show selectors shared by `link show` and `addr show` that are about links. */
export async function parseLinkSelector(ip: IpRoute, words: Words, f: ShowFilter, usage: string): Promise<boolean> {
  const w = words.cur;
  if (w === 'up') {
    f.up = true;
  } else if (w === 'group') {
    const v = words.next();
    const g = groupNumber(v);
    if (g === undefined) throw invarg('Invalid "group" value\n', v);
    f.group = g;
  } else if (w === 'master' || w === 'vrf') {
    const v = words.next();
    const idx = await nameToIndex(ip, v);
    if (!idx) throw invarg(w === 'vrf' ? 'Not a valid VRF name\n' : 'Device does not exist\n', v);
    if (w === 'vrf') {
      const l = await ip.link.get(idx);
      if (l.linkinfo?.kind !== 'vrf') throw invarg('Not a valid VRF name\n', v);
    }
    f.master = idx;
  } else if (w === 'nomaster') {
    f.nomaster = true;
  } else if (w === 'type') {
    const v = words.next();
    if (v.endsWith('_slave')) f.slaveKind = v.slice(0, -'_slave'.length);
    else f.kind = v;
  } else {
    if (w !== 'dev' && matches(w, 'help')) throw new CliExit(usage);
    return false;
  }
  return true;
}

/** Print `ip link show` of `links` (already filtered) with the show switches of `g`. */
export function renderLinkShow(p: Printer, links: readonly Link[], g: Pick<Globals, 'details' | 'stats' | 'brief' | 'human' | 'iec'>, names: Names): void {
  const o: LinkPrintOptions = {
    details: g.details, stats: g.stats, brief: g.brief, human: g.human, iec: g.iec, doLink: true, family: 'link',
  };
  p.begin();
  for (const l of links) {
    p.openObject();
    printLink(p, l, o, names);
    p.closeObject();
  }
  p.end();
}

async function show(ctx: CommandContext, words: Words): Promise<number> {
  ctx.linkShown = true;
  const ip = await ctx.ip();
  const f: ShowFilter = {};
  for (; !words.done; words.skip()) {
    if (await parseLinkSelector(ip, words, f, LINK_USAGE)) continue;
    const w = words.cur;
    if (w === 'to') {
      const v = words.next();
      throw new CliExit(`Error: "${v}" may be inet prefix, but it is not allowed in this context.`, 1);
    }
    if (w === 'scope' || w === 'label') {
      words.next();
      continue; // ip accepts these here and they select no link
    }
    const v = w === 'dev' ? words.next() : w;
    if (f.dev !== undefined) throw new CliExit(`Error: either "dev" is duplicate, or "${v}" is a garbage.`);
    f.dev = v;
  }
  const g = ctx.g;
  const links = await fetchLinks(ip, f, g.stats > 0);
  if (links === 'missing') throw new CliFailure(`Device "${f.dev!}" does not exist.`, 1);
  const shown = links.filter((l) => linkMatches(l, f));
  const names = await namesFor(ip, shown, { nsids: !g.json });
  const p = ctx.printer();
  renderLinkShow(p, shown, g, names);
  ctx.flush(p);
  return 0;
}

/** Resolve a device name or fail like ip: `Cannot find device "x"` (status 1). */
async function device(ip: IpRoute, name: string, pipe?: LinePipe): Promise<number> {
  const idx = await (pipe ? pipe.index(ip, name) : nameToIndex(ip, name));
  if (!idx) throw nodev(name);
  return idx;
}

function refuseUnsupported(list: readonly string[]): void {
  if (list.length) throw new CliFailure(`rtnl-ts: "${list[0]!}" is not supported by rtnl-ts link`, 1);
}

/**
 * The words after `type K`, read by the kind's plug; a kind without a plug takes none
 * (iproute2's "Garbage instead of arguments").
 */
async function kindWords(ip: IpRoute, type: string, words: Words, op: 'add' | 'set', pipe?: LinePipe): Promise<KindWords<object>> {
  if (words.done) return { options: {} };
  const plug = cliKind(type);
  // Other kinds' words may name devices (looked up by the plug): what is queued is sent first.
  if (pipe && !WORDS_READ_NOTHING.has(type)) await pipe.barrier();
  if (plug?.parse) return plug.parse(words, { ip, op, kind: type });
  if (matches(words.cur, 'help')) throw new CliExit((plug?.help ?? `Usage: ... ${type}\n`).replace(/\n$/, ''));
  throw new CliFailure(`Garbage instead of arguments "${words.cur} ...". Try "rtnl-ts link help".`, 1);
}

/** Kinds whose words are read without asking the kernel anything (their plugs get no IpRoute). */
const WORDS_READ_NOTHING: ReadonlySet<string> = new Set(['veth', 'bridge', 'vlan', 'vrf']);

async function add(ctx: CommandContext, words: Words): Promise<number> {
  const ip = await ctx.ip();
  const p = parseLinkWords(words, true);
  let master: number | undefined;
  if (typeof p.master === 'string') {
    master = await (ctx.pipe ? ctx.pipe.index(ip, p.master) : nameToIndex(ip, p.master));
    if (!master) throw invarg('Device does not exist\n', p.master);
  }
  if (p.group !== undefined && p.dev === undefined) throw new CliExit('group cannot be used when creating devices.');
  if (p.name !== p.dev) throw new CliExit('both "name" and "dev" cannot be used when creating devices.');
  let lower: number | undefined;
  if (p.link !== undefined) lower = await device(ip, p.link, ctx.pipe);
  if (p.type === undefined) throw new CliFailure('Not enough information: "type" argument is required', 1);
  const { options, warning } = await kindWords(ip, p.type, words, 'add', ctx.pipe);
  if (warning) ctx.err(warning);
  refuseUnsupported(p.unsupported);
  if (p.index !== undefined) refuseUnsupported(['index']);
  if (p.master === null) refuseUnsupported(['nomaster']);
  // The plug's options are typed by its kind; here the kind is a word, so the spec is checked
  // against the kind's driver when it is sent (a key it lacks is refused there).
  const spec: LinkSpec = { ...linkOptions(p), ...options, type: p.type };
  if (master !== undefined) spec.master = master;
  if (lower !== undefined) spec.link = lower;
  if (ctx.pipe) {
    const peer = (spec as { peer?: { name?: string } }).peer;
    ctx.pipe.queue(ip, (b) => b.link.add(spec), { names: [spec.name, peer?.name] });
  } else {
    // rtnetlink: true: tun and tap go out as RTM_NEWLINK too, as ip sends them (a batch does too)
    await ip.link.add(spec, { echo: false, rtnetlink: true });
  }
  return 0;
}

async function set(ctx: CommandContext, words: Words): Promise<number> {
  const ip = await ctx.ip();
  const p = parseLinkWords(words, false);
  let master: number | null | undefined;
  if (typeof p.master === 'string') {
    master = await (ctx.pipe ? ctx.pipe.index(ip, p.master) : nameToIndex(ip, p.master));
    if (!master) throw invarg('Device does not exist\n', p.master);
  } else if (p.master === null) {
    master = null;
  }
  if (p.group !== undefined && p.dev === undefined) refuseUnsupported(['group']);
  if (p.dev === undefined) throw new CliExit('Not enough information: "dev" argument is required.');
  const idx = await device(ip, p.dev, ctx.pipe);
  // Reading the device's address, or a kind's options merged with its current ones: not queued.
  if (ctx.pipe && (p.address !== undefined || p.type !== undefined)) await ctx.pipe.barrier();
  const pipe = p.type === undefined ? ctx.pipe : undefined;
  if (p.address !== undefined) {
    // nl_get_ll_addr_len: the new address must be as long as the device's.
    const cur = (await ip.link.get(idx)).address;
    const want = p.address.split(':').length;
    const have = cur === undefined ? -1 : cur.split(':').length;
    if (have >= 0 && have !== want) throw new CliFailure(`Invalid address length ${want} - must be ${have} bytes`, 1);
  }
  const kind = p.type === undefined ? undefined : await kindWords(ip, p.type, words, 'set');
  if (kind?.warning) ctx.err(kind.warning);
  refuseUnsupported(p.unsupported);
  if (p.link !== undefined) refuseUnsupported(['link']);
  if (p.index !== undefined) refuseUnsupported(['index']);
  if (p.numTxQueues !== undefined || p.numRxQueues !== undefined) refuseUnsupported(['numtxqueues']);
  const { name, ...options } = linkOptions(p);
  const change: LinkChange = p.type === undefined ? { ...options } : { ...options, ...kind?.options, type: p.type };
  if (name !== undefined && name !== p.dev) change.name = name; // not renaming to the same name
  if (master !== undefined) change.master = master;
  if (pipe) pipe.queue(ip, (b) => b.link.set(idx, change), { names: [p.dev, change.name], index: idx });
  else await ip.link.set(idx, change);
  return 0;
}

async function del(ctx: CommandContext, words: Words): Promise<number> {
  const ip = await ctx.ip();
  const p = parseLinkWords(words, false);
  if (p.group !== undefined && p.dev === undefined) refuseUnsupported(['group']);
  if (p.dev === undefined) throw new CliExit('Not enough information: "dev" argument is required.');
  const idx = await device(ip, p.dev, ctx.pipe);
  if (ctx.pipe) ctx.pipe.queue(ip, (b) => b.link.del(idx), { names: [p.dev], index: idx, del: true });
  else await ip.link.del(idx);
  return 0;
}

function helpText(ctx: CommandContext, words: Words): number {
  const text = words.done ? undefined : cliKind(words.cur)?.help;
  if (text === undefined) throw new CliExit(LINK_USAGE);
  ctx.out(text);
  return 0;
}

/** check_altifname: not empty, no '/' or whitespace (the kernel checks the rest). */
const badAltname = (name: string): boolean => name === '' || /[/\s]/.test(name);

/** iplink_prop: `link property { add | del } [ dev ] DEV [ altname NAME ]...`. */
async function property(ctx: CommandContext, words: Words): Promise<number> {
  if (words.done) throw new CliExit(LINK_USAGE);
  const op = words.cur;
  let add: boolean;
  if (matches(op, 'add')) add = true;
  else if (matches(op, 'del')) add = false;
  else if (matches(op, 'help')) throw new CliExit(LINK_USAGE);
  else throw new CliExit('Operator required');
  const names: string[] = [];
  let dev: string | undefined;
  for (words.skip(); !words.done; words.skip()) {
    const w = words.cur;
    if (matches(w, 'altname')) {
      const v = words.next();
      if (badAltname(v)) throw invarg('not a valid altname', v);
      names.push(v);
    } else if (matches(w, 'help')) {
      throw new CliExit(LINK_USAGE);
    } else {
      const v = w === 'dev' ? words.next() : w;
      if (dev !== undefined) throw duparg2('dev', v);
      if (badAltname(v)) throw invarg('"dev" not a valid ifname', v);
      dev = v;
    }
  }
  if (dev === undefined) throw new CliExit('Not enough of information: "dev" argument is required.');
  const ip = await ctx.ip();
  const idx = await nameToIndex(ip, dev);
  if (!idx) throw nodev(dev);
  if (add) await ip.link.addAltnames(idx, names);
  else await ip.link.delAltnames(idx, names);
  return 0;
}

/** The handlers of `rtnl-ts link VERB` (see commands.ts). */
const help: Handler = async (ctx, words) => helpText(ctx, words);

export const handlers = { add, set, del, show, property, help } satisfies Handlers;
