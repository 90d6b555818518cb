/**
 * Filter u32 (tc/f_u32.c): matches on 32-bit words of the packet. The spec's `match` entries are
 * packed into struct tc_u32_sel keys as tc packs them (pack_key: keys of one word merge, a
 * conflict is refused), classid/divisor/link/indev/actions go out in the spec's key order (tc
 * writes them as it reads the words), then the hash table, the selector and the flags.
 */
import {
  TC_U32_NODE, TC_U32_TERMINAL, TCA_CLS_FLAGS_SKIP_HW, TCA_CLS_FLAGS_SKIP_SW, type TcU32Key, type TcU32Sel, type U32Options,
} from '../../../rtnl/tc/index.js';
import { checkKeys, checkUint } from '../../check.js';
import { InvalidArgumentError } from '../../errors.js';
import { actionsValue, type ActionBuild, type ActionSpec } from '../actions/index.js';
import { classidValue, type TcHandle } from '../values.js';

/** One u32 match, as tc's `match` words take it. */
export type U32Match =
  /** `match ip src|dst PREFIX`. */
  | { ip: 'src' | 'dst'; prefix: string }
  /** `match ip FIELD VALUE MASK` (tos and dsfield are the same byte). */
  | { ip: 'tos' | 'dsfield' | 'ihl' | 'protocol' | 'sport' | 'dport' | 'icmp_type' | 'icmp_code'; value: number; mask: number }
  /** `match u32|u16|u8 VALUE MASK [at [nexthdr+]OFF]`. */
  | { size: 32 | 16 | 8; value: number; mask: number; at?: number; nexthdr?: boolean };

/** A u32 filter. */
export interface U32FilterOptions {
  match: U32Match[];
  /** flowid / classid: the class matching packets go to (marks the selector terminal). */
  classid: TcHandle;
  /** A new hash table of this many buckets (a power of two, 1-256) instead of a key. */
  divisor: number;
  /** The hash table a match continues in (`link 1:`), a u32 handle. */
  link: number | string;
  /** The hash table (and bucket) the key goes in (`ht 800:`), a u32 handle. */
  ht: number | string;
  /** The key's node number in its table (`order N`). */
  order: number;
  /** Only packets that came in on this device (by name). */
  indev: string;
  actions: ActionSpec[];
  skipHw: boolean;
  skipSw: boolean;
}

export const U32_KEYS: readonly (keyof U32FilterOptions)[] = [
  'match', 'classid', 'divisor', 'link', 'ht', 'order', 'indev', 'actions', 'skipHw', 'skipSw',
];

/** strtoul(s, &end, 16) on ASCII: the value and where it stopped (0 and 0 when no digits). */
function strtoulHex(s: string, from: number): { v: number; end: number } {
  const m = /^[ \t\n\v\f\r]*\+?(0[xX](?=[0-9a-fA-F]))?([0-9a-fA-F]*)/.exec(s.slice(from))!;
  if (!m[2]) return { v: 0, end: from };
  return { v: Math.min(parseInt(m[2], 16), 2 ** 64), end: from + m[0].length };
}

/** get_u32_handle: `HT:[BKT[:NODE]]` in hex (read as strtoul reads them), or `0x...`; undefined for what tc calls illegal. */
export function parseU32Handle(text: string): number | undefined {
  if (!text.includes(':')) return /^0x[0-9a-fA-F]{1,8}$/i.test(text) ? parseInt(text, 16) : undefined;
  const part = (from: number, max: number, colonOk: boolean): { v: number; end: number } | undefined => {
    const r = strtoulHex(text, from);
    const c = text[from];
    if (r.end === from && c !== undefined && !(colonOk && c === ':')) return undefined;
    return r.v < max ? r : undefined;
  };
  const ht = part(0, 0x1000, true);
  if (!ht) return undefined;
  let hash = 0;
  let node = 0;
  if (ht.end < text.length) {
    const h = part(ht.end + 1, 0x100, true);
    if (!h) return undefined;
    hash = h.v;
    if (h.end < text.length) {
      const n = part(h.end + 1, 0x1000, false);
      if (!n) return undefined;
      node = n.v;
    }
  }
  return ((ht.v << 20) | (hash << 12) | node) >>> 0;
}

/** A u32 handle: a number or its text (`800:`, `800::800`, `0x80000800`). */
export function u32HandleValue(v: unknown, what: string): number {
  if (typeof v === 'number') return checkUint(v, what);
  const n = typeof v === 'string' ? parseU32Handle(v) : undefined;
  if (n === undefined) throw new InvalidArgumentError(`invalid u32 ${what} "${String(v)}"`, what);
  return n;
}

/** pack_key: into `sel`, merging with a key of the same word. */
function packKey(sel: TcU32Sel, val: number, mask: number, off: number, offmask: number): void {
  val = (val & mask) >>> 0;
  for (const k of sel.keys) {
    if (k.off === off && k.offmask === offmask) {
      if (((val ^ k.val) & mask & k.mask) >>> 0) throw new InvalidArgumentError(`match at ${off} conflicts with an earlier one`, 'match');
      k.val = (k.val | val) >>> 0;
      k.mask = (k.mask | mask) >>> 0;
      return;
    }
  }
  if (sel.keys.length >= 128) throw new InvalidArgumentError('at most 128 u32 keys', 'match');
  if (off % 4) throw new InvalidArgumentError(`match offset ${off} is not a multiple of 4`, 'match');
  sel.keys.push({ val, mask, off, offmask } satisfies TcU32Key);
}

/** pack_key32/16/8: a value of `size` bits at byte `off`, shifted into its 32-bit word. */
function packSized(sel: TcU32Sel, size: 32 | 16 | 8, value: number, mask: number, off: number, offmask: number): void {
  const max = size === 32 ? 0xffffffff : size === 16 ? 0xffff : 0xff;
  const v = checkUint(value, 'match value', max);
  const m = checkUint(mask, 'match mask', max);
  if (size === 32) return packKey(sel, v, m, off, offmask);
  const shift = size === 16 ? ((off & 3) === 0 ? 16 : 0) : [24, 16, 8, 0][off & 3]!;
  packKey(sel, (v << shift) >>> 0, (m << shift) >>> 0, off & ~3, offmask);
}

/** Byte offsets of the IPv4 header fields tc's `match ip` knows (sport/dport assume no options). */
const IP_FIELDS = { tos: [8, 1], dsfield: [8, 1], ihl: [8, 0], protocol: [8, 9], sport: [16, 20], dport: [16, 22], icmp_type: [8, 20], icmp_code: [8, 21] } as const;

function matchValue(sel: TcU32Sel, m: unknown): void {
  if (m === null || typeof m !== 'object') throw new InvalidArgumentError('a u32 match is an object', 'match');
  const o = m as Record<string, unknown>;
  if ('ip' in o && (o.ip === 'src' || o.ip === 'dst')) {
    checkKeys(o, new Set(['ip', 'prefix']), 'a u32 ip address match');
    const r = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(String(o.prefix));
    const bytes = r ? r.slice(1, 5).map(Number) : [];
    const bits = r?.[5] === undefined ? 32 : Number(r[5]);
    if (!r || bytes.some((b) => b > 255) || bits > 32) throw new InvalidArgumentError(`invalid IPv4 prefix "${String(o.prefix)}"`, 'match');
    const addr = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
    const mask = bits ? (0xffffffff << (32 - bits)) >>> 0 : 0;
    return packKey(sel, addr, mask, o.ip === 'src' ? 12 : 16, 0);
  }
  if ('ip' in o) {
    checkKeys(o, new Set(['ip', 'value', 'mask']), 'a u32 ip match');
    const f = IP_FIELDS[o.ip as keyof typeof IP_FIELDS];
    if (!f) throw new InvalidArgumentError(`unknown u32 ip field "${String(o.ip)}"`, 'match');
    return packSized(sel, f[0], o.value as number, o.mask as number, f[1], 0);
  }
  checkKeys(o, new Set(['size', 'value', 'mask', 'at', 'nexthdr']), 'a u32 match');
  if (o.size !== 32 && o.size !== 16 && o.size !== 8) throw new InvalidArgumentError('a u32 match needs ip, or size 32, 16 or 8', 'match');
  const at = o.at === undefined ? 0 : o.at;
  if (typeof at !== 'number' || !Number.isInteger(at) || at < -0x80000000 || at > 0x7fffffff) throw new InvalidArgumentError('invalid match offset', 'match');
  packSized(sel, o.size, o.value as number, o.mask as number, at, o.nexthdr ? -1 : 0);
}

/** The selector of `match` entries, packed as tc packs them (InvalidArgumentError on a conflict). */
export function u32Selector(match: readonly unknown[]): TcU32Sel {
  if (!Array.isArray(match)) throw new InvalidArgumentError('match must be an array', 'match');
  const sel: TcU32Sel = { flags: 0, offshift: 0, offmask: 0, off: 0, offoff: 0, hoff: 0, hmask: 0, keys: [] };
  for (const m of match) matchValue(sel, m);
  return sel;
}

/** The handle bits `order` adds (tc: "order" contradicts a handle with another node). */
export function u32Order(s: Readonly<Partial<U32FilterOptions>>, handle: number): number {
  if (s.order === undefined) return handle;
  const order = checkUint(s.order, 'order', 0xfff);
  if (TC_U32_NODE(handle) && order !== TC_U32_NODE(handle)) throw new InvalidArgumentError('"order" contradicts "handle"', 'order');
  return (handle | order) >>> 0;
}

/** TCA_OPTIONS of u32 in tc's order, from the spec's options. */
export function u32Value(s: Readonly<Partial<U32FilterOptions>>, b: ActionBuild, handle: number): U32Options {
  const o: U32Options = {};
  let terminal = false;
  for (const key of Object.keys(s)) {
    if (key === 'classid' && s.classid !== undefined) {
      o.classid = classidValue(s.classid, 'classid');
      terminal = true;
    } else if (key === 'divisor' && s.divisor !== undefined) {
      const d = checkUint(s.divisor, 'divisor', 0x100);
      if (d === 0 || (d - 1) & d) throw new InvalidArgumentError('divisor must be a power of two from 1 to 256', 'divisor');
      o.divisor = d;
    } else if (key === 'link' && s.link !== undefined) {
      const l = u32HandleValue(s.link, 'link');
      if (l && TC_U32_NODE(l)) throw new InvalidArgumentError('"link" must be a hash table', 'link');
      o.link = l;
    } else if (key === 'indev' && s.indev !== undefined) {
      if (typeof s.indev !== 'string' || !s.indev || s.indev.length > 16) throw new InvalidArgumentError('invalid indev', 'indev');
      o.indev = s.indev;
    } else if (key === 'actions' && s.actions !== undefined) {
      o.actions = actionsValue(s.actions, b);
      terminal = true;
    }
  }
  if (s.ht !== undefined) {
    const ht = u32HandleValue(s.ht, 'ht');
    if (handle && TC_U32_NODE(ht)) throw new InvalidArgumentError('"ht" must be a hash table', 'ht');
    if ((ht & 0xfffff000) >>> 0) o.hash = (ht & 0xfffff000) >>> 0;
  }
  if (s.match !== undefined) {
    const sel = u32Selector(s.match);
    if (terminal) sel.flags |= TC_U32_TERMINAL;
    o.sel = sel;
  }
  const flags = (s.skipHw ? TCA_CLS_FLAGS_SKIP_HW : 0) | (s.skipSw ? TCA_CLS_FLAGS_SKIP_SW : 0);
  if (flags === (TCA_CLS_FLAGS_SKIP_HW | TCA_CLS_FLAGS_SKIP_SW)) throw new InvalidArgumentError('skipHw and skipSw are mutually exclusive', 'skipSw');
  if (flags) o.flags = flags;
  return o;
}
