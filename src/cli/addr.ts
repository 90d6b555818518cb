/**
 * `rtnl-ts address ...` (ip/ipaddress.c's do_ipaddr): add, change, replace, delete, show,
 * flush, help. Show prints each link (print_linkinfo) followed by its addresses, with the link
 * and address selectors of ipaddr_list_flush_or_save; the others are `ip.addr` calls.
 */
import type { IpRoute } from '../api/iproute.js';
import type { AddrFilter, AddrOptions } from '../api/addr.js';
import type { Address } from '../rtnl/addr/index.js';
import type { Link } from '../rtnl/link/index.js';
import { addrFlagMask, printAddress, type AddrPrintOptions } from './addr-print.js';
import type { Handler, Handlers } from './commands.js';
import type { CommandContext, Globals } from './context.js';
import { CliExit, CliFailure, duparg, duparg2, invarg, nodev } from './errors.js';
import { fetchLinks, linkMatches, parseLinkSelector, type ShowFilter } from './link.js';
import { printLink, printLinkStats, type LinkPrintOptions } from './link-print.js';
import { parseUnsigned } from './numbers.js';
import type { Names } from './names.js';
import type { Printer } from './printer.js';
import { nameToIndex, namesFor } from './resolve.js';
import { ADDR_USAGE } from './usage.js';
import { matches, type Words } from './words.js';

const AF_INET = 2;
const AF_INET6 = 10;
const IFF_UP = 1;
const INFINITY_LIFE_TIME = 0xffffffff;

const SCOPES: Readonly<Record<string, number>> = { global: 0, site: 200, link: 253, host: 254, nowhere: 255 };

/** rtnl_rtscope_a2n: a scope name or number. */
function scopeNumber(text: string): number | undefined {
  return SCOPES[text] ?? parseUnsigned(text, 255);
}

/** The address selectors (filter.scope/flags/label/pfx) of `addr show` and `addr flush`. */
export interface AddrSelector {
  scope?: number;
  /** Required flag bits: (flags ^ want) & mask must be 0. */
  flags: number;
  flagMask: number;
  label?: string;
  to?: { family: number; bytes: Uint8Array; len: number; text: string };
}

function familyWord(family: number): 'inet' | 'inet6' | 'link' | undefined {
  return family === AF_INET ? 'inet' : family === AF_INET6 ? 'inet6' : family === 17 ? 'link' : undefined;
}

function familyNumber(f: 'inet' | 'inet6' | 'link' | undefined): number {
  return f === 'inet' ? AF_INET : f === 'inet6' ? AF_INET6 : f === 'link' ? 17 : 0;
}

/** get_filter: a flag word, "-word" (not set), "dynamic" / "primary" (negations). */
function flagFilter(sel: AddrSelector, word: string): boolean {
  let inv = false;
  let w = word;
  if (w.startsWith('-')) {
    inv = true;
    w = w.slice(1);
  }
  if (w === 'dynamic') {
    inv = !inv;
    w = 'permanent';
  } else if (w === 'primary') {
    inv = !inv;
    w = 'secondary';
  }
  const mask = addrFlagMask(w);
  if (mask === undefined) return false;
  if (inv) sel.flags &= ~mask;
  else sel.flags |= mask;
  sel.flagMask |= mask;
  return true;
}

function parseIp(text: string): { family: number; bytes: Uint8Array } | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const b = v4.slice(1).map(Number);
    return b.every((x) => x <= 255) ? { family: AF_INET, bytes: Uint8Array.from(b) } : undefined;
  }
  if (!text.includes(':') || !/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  const [head, tail] = text.split('::') as [string, string | undefined];
  if (text.split('::').length > 2) return undefined;
  const groups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (g.includes('.')) {
        const v = parseIp(g);
        if (!v || v.family !== AF_INET) return undefined;
        out.push((v.bytes[0]! << 8) | v.bytes[1]!, (v.bytes[2]! << 8) | v.bytes[3]!);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
        out.push(parseInt(g, 16));
      }
    }
    return out;
  };
  const h = groups(head);
  const t = tail === undefined ? [] : groups(tail);
  if (!h || !t) return undefined;
  const fill = 8 - h.length - t.length;
  if (tail === undefined ? fill !== 0 : fill < 1) return undefined;
  const all = [...h, ...new Array<number>(fill).fill(0), ...t];
  const bytes = new Uint8Array(16);
  all.forEach((g, i) => { bytes[2 * i] = g >> 8; bytes[2 * i + 1] = g & 0xff; });
  return { family: AF_INET6, bytes };
}

/** get_prefix: "ADDR[/LEN]" of `family` (0 = any); exits like ip on garbage. */
function parsePrefix(text: string, family: number): { family: number; bytes: Uint8Array; len: number; hasLen: boolean; text: string } {
  const verbose = family === AF_INET ? 'inet' : family === AF_INET6 ? 'inet6' : 'any valid';
  const bad = (): CliExit => new CliExit(`Error: ${verbose} prefix is expected rather than "${text}".`, 1);
  if (family === 17) throw new CliExit(`Error: "${text}" may be inet prefix, but it is not allowed in this context.`, 1);
  const slash = text.indexOf('/');
  const a = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (!a || (family && a.family !== family)) throw bad();
  const max = a.family === AF_INET ? 32 : 128;
  let len = max;
  if (slash >= 0) {
    const n = parseUnsigned(text.slice(slash + 1), max);
    if (n === undefined) throw bad();
    len = n;
  }
  return { ...a, len, hasLen: slash >= 0, text: slash < 0 ? text : text.slice(0, slash) };
}

function inPrefix(net: Uint8Array, len: number, addr: Uint8Array): boolean {
  if (net.length !== addr.length) return false;
  for (let i = 0, bits = len; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((net[i]! ^ addr[i]!) & mask) !== 0) return false;
  }
  return true;
}

function globMatch(glob: string, s: string): boolean {
  const re = new RegExp(`^${glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(s);
}

/** Whether an address passes the address selectors (print_addrinfo's checks, family aside). */
function addrMatches(a: Address, sel: Readonly<AddrSelector>, devName: string): boolean {
  const h = a.raw.header;
  const flags = a.raw.attrs.flags ?? h.flags;
  if (sel.scope !== undefined && h.scope !== sel.scope) return false;
  if (((sel.flags ^ flags) & sel.flagMask) !== 0) return false;
  if (sel.label !== undefined && !globMatch(sel.label, a.raw.attrs.label ?? devName)) return false;
  if (sel.to) {
    const local = a.raw.attrs.local ?? a.raw.attrs.address;
    const parsed = local !== undefined ? parseIp(local) : undefined;
    if (!parsed || parsed.family !== sel.to.family || !inPrefix(sel.to.bytes, sel.to.len, parsed.bytes)) return false;
  }
  return true;
}

/** Read show / flush selectors. Returns the link filter, address selector and family. */
async function parseSelectors(ip: IpRoute, words: Words, family: number): Promise<{ f: ShowFilter; sel: AddrSelector; family: number; any: boolean }> {
  const f: ShowFilter = {};
  const sel: AddrSelector = { flags: 0, flagMask: 0 };
  let any = false;
  for (; !words.done; words.skip()) {
    any = true;
    const w = words.cur;
    if (w === 'to') {
      const v = words.next();
      const pfx = parsePrefix(v, family);
      sel.to = pfx;
      if (!family) family = pfx.family;
    } else if (w === 'scope') {
      const v = words.next();
      const n = scopeNumber(v);
      if (n === undefined) {
        if (v !== 'all') throw invarg('invalid "scope"\n', v);
        delete sel.scope;
      } else {
        sel.scope = n;
      }
    } else if (w === 'up') {
      f.up = true;
    } else if (flagFilter(sel, w)) {
      // a flag selector
    } else if (w === 'label') {
      sel.label = words.next();
    } else if (await parseLinkSelector(ip, words, f, ADDR_USAGE)) {
      // a link selector
    } else {
      const v = w === 'dev' ? words.next() : w;
      if (f.dev !== undefined) throw duparg2('dev', v);
      f.dev = v;
    }
  }
  return { f, sel, family, any };
}

/**
 * A link as the kernel describes it to an AF_INET6 link dump (inet6_fill_ifinfo in
 * net/ipv6/addrconf.c): name, address, MTU, lower device and operational state only; the queue
 * length is what ip then reads with SIOCGIFTXQLEN, the same number.
 */
function inet6View(l: Link): Link {
  const a = l.raw.attrs;
  const attrs: typeof a = {};
  if (a.ifname !== undefined) attrs.ifname = a.ifname;
  if (a.address !== undefined) attrs.address = a.address;
  if (a.mtu !== undefined) attrs.mtu = a.mtu;
  if (a.link !== undefined) attrs.link = a.link;
  if (a.operstate !== undefined) attrs.operstate = a.operstate;
  const v: Link = {
    ifindex: l.ifindex, ifname: l.ifname, flags: l.flags, ifiFlags: l.ifiFlags, linkType: l.linkType,
    raw: { ...l.raw, attrs },
  };
  for (const k of ['mtu', 'operstate', 'txqlen', 'address', 'link'] as const) {
    if (l[k] !== undefined) (v as unknown as Record<string, unknown>)[k] = l[k];
  }
  // IFLA_PROTINFO's IPv6 counters, which ip shows as the link's (get_snmp_counters): the same
  // array the full dump carries in IFLA_AF_SPEC/AF_INET6/IFLA_INET6_STATS.
  const mib = a.afSpec?.inet6?.stats;
  if (mib) {
    const m = (i: number): bigint => mib[i] ?? 0n;
    const z = 0n;
    v.stats64 = {
      rx: {
        bytes: m(IPSTATS_MIB_INOCTETS), packets: m(IPSTATS_MIB_INPKTS), errors: m(IPSTATS_MIB_INDISCARDS), dropped: z,
        overErrors: z, multicast: m(IPSTATS_MIB_INMCASTPKTS), compressed: z, lengthErrors: z, crcErrors: z,
        frameErrors: m(IPSTATS_MIB_CSUMERRORS), fifoErrors: z, missedErrors: z,
      },
      tx: {
        bytes: m(IPSTATS_MIB_OUTOCTETS), packets: m(IPSTATS_MIB_OUTPKTS), errors: m(IPSTATS_MIB_OUTDISCARDS), dropped: z,
        carrierErrors: z, collisions: z, compressed: z, abortedErrors: z, fifoErrors: z, windowErrors: z, heartbeatErrors: z,
      },
    };
    attrs.stats64 = {} as NonNullable<typeof attrs.stats64>;
  }
  return v;
}

// enum ipstats_mib indexes (<linux/snmp.h>) of the counters ip reads.
const IPSTATS_MIB_INPKTS = 1;
const IPSTATS_MIB_INOCTETS = 2;
const IPSTATS_MIB_OUTPKTS = 5;
const IPSTATS_MIB_OUTOCTETS = 6;
const IPSTATS_MIB_INDISCARDS = 13;
const IPSTATS_MIB_OUTDISCARDS = 14;
const IPSTATS_MIB_INMCASTPKTS = 23;
const IPSTATS_MIB_CSUMERRORS = 31;

/** What `addr show` prints from: the show switches, already-fetched links and addresses. */
export interface AddrShowInput {
  /** -d, -s, -br, -o, -h, -iec. */
  g: Pick<Globals, 'details' | 'stats' | 'brief' | 'oneline' | 'human' | 'iec'>;
  /** The effective family filter (AF_*; 0 for none, 17 for link only). */
  family: number;
  links: readonly Link[];
  addrs: readonly Address[];
  f?: Readonly<ShowFilter>;
  sel?: Readonly<AddrSelector>;
  /** ip's sticky do_link (a `link show` ran earlier in this batch). */
  doLink?: boolean;
}

/**
 * Print `ip addr show` (ipaddr_list_flush_or_save's loop): links that have a matching address
 * (or none at all when no family is asked), each followed by its addresses, then counters.
 */
export function renderAddrShow(p: Printer, input: Readonly<AddrShowInput>, names: Names): void {
  const { g, family, links } = input;
  const f = input.f ?? {};
  const sel = input.sel ?? { flags: 0, flagMask: 0 };
  const withAddrs = family !== 17;
  const byIndex = new Map<number, Address[]>();
  for (const a of input.addrs) {
    if (family && a.raw.header.family !== family) continue;
    const list = byIndex.get(a.ifindex) ?? [];
    list.push(a);
    byIndex.set(a.ifindex, list);
  }
  const kept = withAddrs
    ? links.filter((l) => {
      const mine = byIndex.get(l.ifindex) ?? [];
      if (mine.length === 0) return family === 0;
      return mine.some((a) => addrMatches(a, sel, l.ifname));
    })
    : links;
  const lo: LinkPrintOptions = {
    details: g.details, stats: g.stats, brief: g.brief, human: g.human, iec: g.iec, doLink: input.doLink ?? false,
    family: familyWord(family),
  };
  const ao: AddrPrintOptions = { brief: g.brief, oneline: g.oneline };
  const noLink = g.oneline && withAddrs;
  p.begin();
  for (const l of kept) {
    p.openObject();
    const shown = linkMatches(l, f);
    let res = shown ? 1 : -1;
    if (shown && sel.label !== undefined) res = 0;
    if (g.brief || !noLink) {
      if (res > 0) printLink(p, l, lo, names);
    } else if (res > 0) {
      res = 0;
    }
    if (res >= 0 && withAddrs) {
      p.openArray('json', 'addr_info');
      for (const a of byIndex.get(l.ifindex) ?? []) {
        if (f.up && !(l.ifiFlags & IFF_UP)) continue;
        p.openObject();
        if (addrMatches(a, sel, l.ifname)) printAddress(p, a, ao, l.ifname);
        p.closeObject();
      }
      p.closeArray('json', null);
      if (g.brief) p.string('fp', null, '%s', '\n');
    }
    if (res > 0 && g.stats && !lo.doLink) {
      printLinkStats(p, l, lo);
      p.nl();
    }
    p.closeObject();
  }
  p.end();
}

async function show(ctx: CommandContext, words: Words): Promise<number> {
  const ip = await ctx.ip();
  const g = ctx.g;
  const { f, sel, family } = await parseSelectors(ip, words, familyNumber(g.family));
  let links = await fetchLinks(ip, f, g.stats > 0);
  if (links === 'missing') throw new CliFailure(`Device "${f.dev!}" does not exist.`, 1);
  // ip dumps links with the ifi_family -6 asks for: the kernel then answers with its IPv6 view.
  if (g.family === 'inet6' && f.dev === undefined) links = links.map(inet6View);
  let addrs: Address[] = [];
  if (family !== 17) {
    const af: AddrFilter = {};
    if (family === AF_INET) af.family = 'inet';
    if (family === AF_INET6) af.family = 'inet6';
    if (links.length === 1 && f.dev !== undefined) af.dev = links[0]!.ifindex;
    addrs = await ip.addr.list(af);
  }
  const names = await namesFor(ip, links, { nsids: !g.json });
  const p = ctx.printer();
  if (ctx.linkShown && f.dev !== undefined && f.group === undefined) {
    // ip's shortcut for `show dev X` once do_link is set: the link alone, as `link show` prints it.
    const l = links[0]!;
    p.begin();
    if (linkMatches(l, f)) {
      p.openObject();
      printLink(p, l, { details: g.details, stats: g.stats, brief: g.brief, human: g.human, iec: g.iec, doLink: true, family: familyWord(family) }, names);
      p.closeObject();
    }
    p.end();
    ctx.flush(p);
    return 0;
  }
  renderAddrShow(p, { g, family, links, addrs, f, sel, doLink: ctx.linkShown }, names);
  ctx.flush(p);
  return 0;
}

async function flush(ctx: CommandContext, words: Words): Promise<number> {
  const ip = await ctx.ip();
  if (words.done) throw new CliFailure('Flush requires arguments.', 1);
  if (ctx.g.family === 'link') throw new CliFailure('Cannot flush link addresses.', 1);
  const { f, sel } = await parseSelectors(ip, words, familyNumber(ctx.g.family));
  if (sel.flagMask || f.up || f.master !== undefined || f.nomaster || f.kind !== undefined || f.group !== undefined) {
    throw new CliFailure('rtnl-ts: "addr flush" takes only dev, scope, to, label selectors', 1);
  }
  const af: AddrFilter = {};
  if (f.dev !== undefined) {
    const idx = await nameToIndex(ip, f.dev);
    if (!idx) throw new CliFailure(`Device "${f.dev}" does not exist.`, 1);
    af.dev = idx;
  }
  if (ctx.g.family === 'inet' || ctx.g.family === 'inet6') af.family = ctx.g.family;
  if (sel.scope !== undefined) af.scope = sel.scope;
  if (sel.label !== undefined) af.label = sel.label;
  if (sel.to) af.to = `${sel.to.text}/${sel.to.len}`;
  if (Object.keys(af).length === 0) {
    // "scope all" and the like: every address, one device at a time, as ip's empty filter does.
    for (const l of await ip.link.list({ stats: false })) await ip.addr.flush({ dev: l.ifindex });
    return 0;
  }
  await ip.addr.flush(af);
  return 0;
}

type Verb = 'add' | 'change' | 'replace' | 'del';

/** ipaddr_modify: the words of add / change / replace / delete. */
async function modify(ctx: CommandContext, words: Words, verb: Verb): Promise<number> {
  const ip = await ctx.ip();
  let family = familyNumber(ctx.g.family);
  const opts: AddrOptions = {};
  let dev: string | undefined;
  let local: ReturnType<typeof parsePrefix> | undefined;
  let peerSeen = false;
  let validSeen = false;
  let preferredSeen = false;
  let brdSeen = false;
  let anySeen = false;
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (w === 'peer' || w === 'remote') {
      const v = words.next();
      if (peerSeen) throw duparg('peer', v);
      const pfx = parsePrefix(v, family);
      if (!family) family = pfx.family;
      opts.peer = v;
      peerSeen = true;
    } else if (matches(w, 'broadcast') || w === 'brd') {
      const v = words.next();
      if (brdSeen) throw duparg('broadcast', v);
      if (v !== '+' && v !== '-') {
        const a = parseIp(v);
        if (!a || (family && a.family !== family)) {
          const verbose = family === AF_INET ? 'inet' : family === AF_INET6 ? 'inet6' : 'any valid';
          throw new CliExit(`Error: ${verbose} address is expected rather than "${v}".`, 1);
        }
        if (!family) family = a.family;
      }
      opts.broadcast = v;
      brdSeen = true;
    } else if (w === 'anycast') {
      const v = words.next();
      if (anySeen) throw duparg('anycast', v);
      const a = parseIp(v);
      if (!a || (family && a.family !== family)) throw new CliExit(`Error: any valid address is expected rather than "${v}".`, 1);
      if (!family) family = a.family;
      opts.anycast = v;
      anySeen = true;
    } else if (w === 'scope') {
      const v = words.next();
      const n = scopeNumber(v);
      if (n === undefined) throw invarg('invalid scope value.', v);
      opts.scope = n;
    } else if (w === 'dev') {
      dev = words.next();
    } else if (w === 'label') {
      opts.label = words.next();
    } else if (matches(w, 'metric') || matches(w, 'priority') || matches(w, 'preference')) {
      const v = words.next();
      const n = parseUnsigned(v);
      if (n === undefined) throw invarg('"metric" value is invalid\n', v);
      opts.metric = n;
    } else if (matches(w, 'valid_lft') || matches(w, 'preferred_lft')) {
      const valid = matches(w, 'valid_lft');
      if (valid ? validSeen : preferredSeen) throw duparg(valid ? 'valid_lft' : 'preferred_lft', words.peek() ?? w);
      const v = words.next();
      const n = v === 'forever' ? INFINITY_LIFE_TIME : parseUnsigned(v);
      if (n === undefined) throw invarg(valid ? 'valid_lft value' : 'preferred_lft value', v);
      const lft = n === INFINITY_LIFE_TIME ? 'forever' as const : n;
      if (valid) { opts.validLft = lft; validSeen = true; } else { opts.preferredLft = lft; preferredSeen = true; }
    } else if (addrFlagMask(w) !== undefined) {
      const readonly = ['secondary', 'temporary', 'dadfailed', 'deprecated', 'tentative', 'permanent', 'stable-privacy'];
      const v6only = ['nodad', 'optimistic', 'home', 'mngtmpaddr'];
      if (readonly.includes(w)) {
        ctx.err(`Warning: ${w} option is not mutable from userspace`);
      } else if (v6only.includes(w) && family !== AF_INET6) {
        ctx.err(`Warning: ${w} option can be set only for IPv6 addresses`);
      } else {
        (opts as Record<string, unknown>)[w] = true;
      }
    } else {
      const v = w === 'local' ? words.next() : w;
      if (matches(v, 'help')) throw new CliExit(ADDR_USAGE);
      if (local) throw duparg2('local', v);
      local = parsePrefix(v, family);
      if (!family) family = local.family;
    }
  }
  if (dev === undefined) throw new CliFailure('Not enough information: "dev" argument is required.', 1);
  if (local === undefined) {
    if (verb === 'del' && !peerSeen) throw new CliFailure('rtnl-ts: "addr del" needs an address', 1);
    if (verb !== 'del') throw new CliFailure('rtnl-ts: an address (IFADDR) is required', 1);
  }
  if (verb === 'del' && !peerSeen && local && local.family === AF_INET && !local.hasLen) {
    ctx.err('Warning: Executing wildcard deletion to stay compatible with old scripts.\n'
      + `         Explicitly specify the prefix length (${local.text}/32) to avoid this warning.\n`
      + '         This special behaviour is likely to disappear in further releases,\n'
      + '         fix your scripts!');
  }
  if ((opts.broadcast === '+' || opts.broadcast === '-') && verb !== 'del' && family !== AF_INET) {
    throw new CliFailure('Broadcast can be set only for IPv4 addresses', 1);
  }
  const idx = await (ctx.pipe ? ctx.pipe.index(ip, dev) : nameToIndex(ip, dev));
  if (!idx) throw nodev(dev);
  if (opts.validLft !== undefined || opts.preferredLft !== undefined) {
    const v = opts.validLft === undefined || opts.validLft === 'forever' ? INFINITY_LIFE_TIME : opts.validLft;
    const pr = opts.preferredLft === undefined || opts.preferredLft === 'forever' ? INFINITY_LIFE_TIME : opts.preferredLft;
    if (v === 0) throw new CliFailure('valid_lft is zero', 1);
    if (v < pr) throw new CliFailure('preferred_lft is greater than valid_lft', 1);
  }
  if (opts.autojoin && local) {
    const mc = local.family === AF_INET ? (local.bytes[0]! & 0xf0) === 0xe0 : local.bytes[0] === 0xff;
    if (!mc) throw new CliFailure('autojoin needs multicast address', 1);
  }
  const cidr = local ? (local.hasLen ? `${local.text}/${local.len}` : local.text) : '';
  if (verb === 'del') {
    const del: { peer?: string; label?: string } = {};
    if (opts.peer !== undefined) del.peer = opts.peer;
    if (opts.label !== undefined) del.label = opts.label;
    if (ctx.pipe) ctx.pipe.queue(ip, (b) => b.addr.del(idx, cidr, del));
    else await ip.addr.del(idx, cidr, del);
  } else if (ctx.pipe) {
    ctx.pipe.queue(ip, (b) => b.addr[verb](idx, cidr, opts));
  } else {
    await ip.addr[verb](idx, cidr, opts);
  }
  return 0;
}

/** The handlers of `rtnl-ts address VERB` (see commands.ts). */
const add: Handler = (ctx, words) => modify(ctx, words, 'add');
const change: Handler = (ctx, words) => modify(ctx, words, 'change');
const replace: Handler = (ctx, words) => modify(ctx, words, 'replace');
const del: Handler = (ctx, words) => modify(ctx, words, 'del');
const help: Handler = async () => { throw new CliExit(ADDR_USAGE); };

export const handlers = { add, change, replace, del, show, flush, help } satisfies Handlers;

