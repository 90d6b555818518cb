/**
 * The words of `ip link add / set / delete` (iplink_parse in ip/iplink.c), read into the API's
 * request types: LinkCommon / LinkChange fields, the device, and the kind with its own words.
 * Kind words are read by the kind's plug (kinds/). Errors are iproute2's, with its exit statuses.
 */
import { closeSync, openSync } from 'node:fs';
import type { LinkOptions, NetnsRef } from '../api/link-types.js';
import { CliExit, CliFailure, duparg, duparg2, invarg } from './errors.js';
import { groupNumber } from './names.js';
import { parseInteger } from './numbers.js';
import { LINK_USAGE } from './usage.js';
import { matches, type Words } from './words.js';

/** What iplink_parse collects. Names stay names: the command resolves them in iproute2's order. */
export interface ParsedLink {
  /** "name NAME" (the new name with `set`). */
  name?: string;
  /** The device: "dev NAME" or a bare word. */
  dev?: string;
  up?: boolean;
  mtu?: number;
  txqlen?: number;
  address?: string;
  broadcast?: string;
  /** "link DEV": the lower device of macvlan and friends. */
  link?: string;
  /** "master DEV" (name), or null for "nomaster". */
  master?: string | null;
  netns?: NetnsRef;
  alias?: string;
  group?: number;
  index?: number;
  numTxQueues?: number;
  numRxQueues?: number;
  promisc?: boolean;
  allmulticast?: boolean;
  multicast?: boolean;
  arp?: boolean;
  carrier?: boolean;
  /** "type KIND"; the words after it are the kind's. */
  type?: string;
  /** Keywords rtnl-ts reads but its API does not carry (reported as unsupported). */
  unsupported: string[];
}

/** ParsedLink keys that are common link options, copied as they are. */
const OPTION_KEYS = new Set<string>([
  'name', 'up', 'mtu', 'txqlen', 'address', 'broadcast', 'netns', 'alias', 'group', 'numTxQueues', 'numRxQueues',
  'promisc', 'allmulticast', 'multicast', 'arp', 'carrier',
] satisfies (keyof ParsedLink & keyof LinkOptions)[]);

/**
 * The common options of a parsed command, in word order, for the API (the order iproute2 writes
 * the attributes in). `master` and `link` are left out: the command resolves them first, for
 * ip's error words. Words rtnl-ts cannot pass on fail the command, naming `what`.
 */
export function linkOptions(p: ParsedLink, what?: string): LinkOptions {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(p) as (keyof ParsedLink)[]) {
    if (OPTION_KEYS.has(key) && p[key] !== undefined) out[key] = p[key];
  }
  if (what !== undefined) {
    const refused = [...p.unsupported];
    if (p.master !== undefined) refused.push('master');
    if (p.link !== undefined) refused.push('link');
    if (p.index !== undefined) refused.push('index');
    if (refused.length) throw new CliFailure(`rtnl-ts: "${what} ${refused[0]!}" is not supported by rtnl-ts`, 1);
  }
  return out as LinkOptions;
}

const IFNAMSIZ = 16;

/** check_ifname: 1..15 bytes, no '/' and no white space. */
export function validIfname(name: string): boolean {
  return name.length > 0 && Buffer.byteLength(name) < IFNAMSIZ && !/[/\s]/.test(name);
}

function validAltname(name: string): boolean {
  return name.length > 0 && !/[/\s]/.test(name);
}

/** ll_addr_a2n: colon-separated hex bytes (or a dotted IPv4 address), as MAC text. */
export function parseLladdr(text: string): string {
  if (text.includes('.')) {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
    if (!m || m.slice(1).some((x) => Number(x) > 255)) throw new CliFailure(`"${text}" is invalid lladdr.`, 1);
    return m.slice(1).map((x) => Number(x).toString(16).padStart(2, '0')).join(':');
  }
  const parts = text.split(':');
  const out: string[] = [];
  for (const part of parts) {
    const m = /^\s*(?:0[xX])?([0-9a-fA-F]+)/.exec(part);
    const v = m ? parseInt(m[1]!, 16) : NaN;
    if (!m || v > 255) throw new CliFailure(`"${part}" is invalid lladdr.`, 1);
    out.push(v.toString(16).padStart(2, '0'));
  }
  return out.join(':');
}

/** netns_get_fd's rule: a word with '/' is a path, else a /run/netns name; failing that a PID. */
export function parseNetnsRef(word: string): NetnsRef {
  const path = word.includes('/') ? word : `/run/netns/${word}`;
  try {
    closeSync(openSync(path, 'r'));
    return word.includes('/') ? { path } : word;
  } catch {
    const pid = parseInteger(word);
    if (pid !== undefined) return { pid };
    throw invarg('Invalid "netns" value\n', word);
  }
}

function onOff(key: string, v: string): boolean {
  if (v === 'on') return true;
  if (v === 'off') return false;
  throw new CliFailure(`Error: argument of "${key}" must be "on" or "off", not "${v}"`, 1);
}

/**
 * Read link words until the end or "type" (whose kind is returned; `words` is then left on the
 * first kind word). `create` is `link add` (NLM_F_CREATE).
 */
export function parseLinkWords(words: Words, create: boolean): ParsedLink {
  const r: ParsedLink = { unsupported: [] };
  let name: string | undefined;
  let dev: string | undefined;
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (w === 'up') {
      r.up = true;
    } else if (w === 'down') {
      r.up = false;
    } else if (w === 'name') {
      const v = words.next();
      if (name !== undefined) throw duparg('name', v);
      if (!validIfname(v)) throw invarg('"name" not a valid ifname', v);
      name = v;
      dev ??= name;
    } else if (w === 'index') {
      const v = words.next();
      if (r.index !== undefined) throw duparg('index', v);
      const n = parseInteger(v.replace(/[^\d-].*$/, '')) ?? 0;
      if (n <= 0) throw invarg('Invalid "index" value', v);
      r.index = n;
    } else if (matches(w, 'link')) {
      r.link = words.next();
    } else if (matches(w, 'address')) {
      r.address = parseLladdr(words.next());
    } else if (matches(w, 'broadcast') || w === 'brd') {
      r.broadcast = parseLladdr(words.next());
    } else if (matches(w, 'txqueuelen') || w === 'qlen' || matches(w, 'txqlen')) {
      const v = words.next();
      if (r.txqlen !== undefined) throw duparg('txqueuelen', v);
      const n = parseInteger(v);
      if (n === undefined) throw invarg('Invalid "txqueuelen" value\n', v);
      r.txqlen = n;
    } else if (w === 'mtu') {
      const v = words.next();
      if (r.mtu !== undefined) throw duparg('mtu', v);
      const n = parseInteger(v);
      if (n === undefined) throw invarg('Invalid "mtu" value\n', v);
      r.mtu = n;
    } else if (w === 'netns') {
      const v = words.next();
      if (r.netns !== undefined) throw duparg('netns', v);
      r.netns = parseNetnsRef(v);
    } else if (w === 'multicast') {
      r.multicast = onOff('multicast', words.next());
    } else if (w === 'allmulticast') {
      r.allmulticast = onOff('allmulticast', words.next());
    } else if (w === 'promisc') {
      r.promisc = onOff('promisc', words.next());
    } else if (w === 'arp') {
      r.arp = onOff('arp', words.next());
    } else if (w === 'carrier') {
      r.carrier = onOff('carrier', words.next());
    } else if (w === 'trailers' || matches(w, 'dynamic')) {
      const key = w === 'trailers' ? 'trailers' : 'dynamic';
      onOff(key, words.next());
      r.unsupported.push(key);
    } else if (matches(w, 'master')) {
      r.master = words.next();
    } else if (matches(w, 'nomaster')) {
      r.master = null;
    } else if (matches(w, 'type')) {
      r.type = words.next();
      words.skip();
      break;
    } else if (matches(w, 'alias')) {
      const v = words.next();
      if (Buffer.byteLength(v) >= 256) throw invarg('alias too long\n', v);
      r.alias = v;
    } else if (w === 'group') {
      const v = words.next();
      if (r.group !== undefined) throw duparg('group', v);
      const g = groupNumber(v);
      if (g === undefined) throw invarg('Invalid "group" value\n', v);
      r.group = g;
    } else if (matches(w, 'numtxqueues') || matches(w, 'numrxqueues')) {
      const key = matches(w, 'numtxqueues') ? 'numtxqueues' : 'numrxqueues';
      const v = words.next();
      const field = key === 'numtxqueues' ? 'numTxQueues' : 'numRxQueues';
      if (r[field] !== undefined) throw duparg(key, v);
      const n = parseInteger(v);
      if (n === undefined) throw invarg(`Invalid "${key}" value\n`, v);
      r[field] = n;
    } else if (['vrf', 'mode', 'state', 'protodown', 'gso_max_size', 'gso_max_segs', 'gro_max_size', 'parentdev', 'vf',
      'xdp', 'xdpgeneric', 'xdpdrv', 'xdpoffload'].includes(w) || matches(w, 'addrgenmode') || matches(w, 'link-netns')
      || matches(w, 'link-netnsid')) {
      words.next();
      r.unsupported.push(w);
    } else if (w === 'protodown_reason') {
      words.next();
      words.next();
      r.unsupported.push(w);
    } else {
      if (matches(w, 'help')) throw new CliExit(LINK_USAGE);
      const v = w === 'dev' ? words.next() : w;
      if (dev !== name) throw duparg2('dev', v);
      if (!validAltname(v)) throw invarg('"dev" not a valid ifname', v);
      dev = v;
    }
  }
  // "ip link add dev X" and "ip link add name X" both name the new device.
  if (name === undefined) name = dev;
  else if (dev === undefined) dev = name;
  if (name !== undefined) r.name = name;
  if (dev !== undefined) r.dev = dev;
  if (r.index !== undefined && !create && r.netns === undefined) {
    throw new CliExit('index can be used only when creating devices or when moving device to another netns.');
  }
  return r;
}
