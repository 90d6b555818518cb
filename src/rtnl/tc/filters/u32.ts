/**
 * Filter "u32" (net/sched/cls_u32.c): keys that compare 32-bit words of the packet under masks,
 * in hash tables. TCA_OPTIONS nests TCA_U32_*; the keys are struct tc_u32_sel followed by its
 * struct tc_u32_key entries.
 *
 *   struct tc_u32_sel (16 bytes, then nkeys x 16)
 *   0       1          2       3     4          6     8        10     12      16
 *   +-------+----------+-------+-----+----------+-----+--------+------+-------+
 *   | flags | offshift | nkeys | pad | offmask  | off | offoff | hoff | hmask |
 *   +-------+----------+-------+-----+----------+-----+--------+------+-------+
 *   struct tc_u32_key (16 bytes): mask (be32), val (be32), off (s32), offmask (s32)
 */
import { bytes, codecAt, DecodeError, exact, fixedStruct, str, structCodec, u32, type RawAttr } from '../../../netlink/index.js';
import type { TcAction } from '../action.js';
import type { FilterKindCodec } from '../kind.js';
import { withActions } from './common.js';

export const TCA_U32_CLASSID = 1;
export const TCA_U32_HASH = 2;
export const TCA_U32_LINK = 3;
export const TCA_U32_DIVISOR = 4;
export const TCA_U32_SEL = 5;
export const TCA_U32_POLICE = 6;
export const TCA_U32_ACT = 7;
export const TCA_U32_INDEV = 8;
export const TCA_U32_PCNT = 9;
export const TCA_U32_MARK = 10;
export const TCA_U32_FLAGS = 11;
export const TCA_U32_PAD = 12;

/** tc_u32_sel flags. */
export const TC_U32_TERMINAL = 1;
export const TC_U32_OFFSET = 2;
export const TC_U32_VAROFFSET = 4;
export const TC_U32_EAT = 8;

/** The u32 handle's hash table part (12 bits, kept in place). */
export const TC_U32_HTID = (h: number): number => (h & 0xfff00000) >>> 0;
/** The u32 handle's bucket (8 bits). */
export const TC_U32_HASH = (h: number): number => (h >>> 12) & 0xff;
/** The u32 handle's node (12 bits). */
export const TC_U32_NODE = (h: number): number => h & 0xfff;

/** struct tc_u32_key: packet word at `off` (plus the variable offset under `offmask`) & mask == val. */
export interface TcU32Key {
  /** Network order, as a host number (0x0a000000 is 10.0.0.0). */
  mask: number;
  val: number;
  off: number;
  offmask: number;
}

/** struct tc_u32_sel and its keys. */
export interface TcU32Sel {
  /** TC_U32_TERMINAL, TC_U32_OFFSET, TC_U32_VAROFFSET, TC_U32_EAT. */
  flags: number;
  offshift: number;
  /** Network order. */
  offmask: number;
  off: number;
  offoff: number;
  hoff: number;
  /** Network order. */
  hmask: number;
  keys: TcU32Key[];
}

const SEL_LEN = 16;
const selHead = fixedStruct<Omit<TcU32Sel, 'keys'> & { nkeys: number }>([
  ['flags', 'u8'], ['offshift', 'u8'], ['nkeys', 'u8'], ['', 'pad1'], ['offmask', 'be16'], ['off', 'u16'], ['offoff', 's16'],
  ['hoff', 's16'], ['hmask', 'be32'],
]);
const key = fixedStruct<TcU32Key>([['mask', 'be32'], ['val', 'be32'], ['off', 's32'], ['offmask', 's32']]);

/** TCA_U32_SEL: the selector and exactly nkeys keys. */
export const u32Sel = codecAt<TcU32Sel>(
  (b, o, len, name) => {
    if (len < SEL_LEN) exact(len, SEL_LEN, name);
    const { nkeys, ...head } = selHead.readAt(b, o);
    if (len !== SEL_LEN + nkeys * key.size) throw new DecodeError(`${name}: ${len} bytes for ${nkeys} keys`, o);
    const keys: TcU32Key[] = [];
    for (let i = 0; i < nkeys; i++) keys.push(key.readAt(b, o + SEL_LEN + i * key.size));
    return { ...head, keys };
  },
  (w, t, v) => {
    const at = w.attr(t, SEL_LEN + v.keys.length * key.size);
    selHead.writeAt(w.dv, at, { ...v, nkeys: v.keys.length });
    v.keys.forEach((k, i) => key.writeAt(w.dv, at + SEL_LEN + i * key.size, k));
  },
);

/** struct tc_u32_pcnt: lookups, hits, and each key's hits. */
export interface TcU32Pcnt {
  rcnt: bigint;
  rhit: bigint;
  kcnts: bigint[];
}

const u32Pcnt = codecAt<TcU32Pcnt>(
  (b, o, len, name) => {
    if (len < 16 || len % 8) throw new DecodeError(`${name}: bad length ${len}`, o);
    const dv = new DataView(b.buffer, b.byteOffset + o, len);
    const kcnts: bigint[] = [];
    for (let i = 16; i < len; i += 8) kcnts.push(dv.getBigUint64(i, true));
    return { rcnt: dv.getBigUint64(0, true), rhit: dv.getBigUint64(8, true), kcnts };
  },
  (w, t, v) => {
    const at = w.attr(t, 16 + 8 * v.kcnts.length);
    w.dv.setBigUint64(at, v.rcnt, true);
    w.dv.setBigUint64(at + 8, v.rhit, true);
    v.kcnts.forEach((c, i) => w.dv.setBigUint64(at + 16 + 8 * i, c, true));
  },
);

/** struct tc_u32_mark: skb->mark & mask == val, and how often it matched. */
export interface TcU32Mark {
  val: number;
  mask: number;
  success: number;
}

/** TCA_OPTIONS of u32. */
export interface U32Options {
  /** TCA_U32_CLASSID: flowid. */
  classid?: number;
  /** TCA_U32_HASH: the hash table (and bucket) the key goes in. */
  hash?: number;
  /** TCA_U32_LINK: the hash table a match leads to. */
  link?: number;
  /** TCA_U32_DIVISOR: the buckets of a new hash table. */
  divisor?: number;
  sel?: TcU32Sel;
  /** TCA_U32_POLICE: an old-style police nest, raw. */
  police?: Uint8Array;
  actions?: TcAction[];
  /** TCA_U32_INDEV: only packets that came in on this device. */
  indev?: string;
  pcnt?: TcU32Pcnt;
  mark?: TcU32Mark;
  /** TCA_U32_FLAGS: TCA_CLS_FLAGS_*. */
  flags?: number;
  unknown?: RawAttr[];
}

export const u32Kind: FilterKindCodec<U32Options> = {
  options: withActions<U32Options>('TCA_U32', TCA_U32_ACT, [
    { id: TCA_U32_CLASSID, name: 'classid', codec: u32 },
    { id: TCA_U32_HASH, name: 'hash', codec: u32 },
    { id: TCA_U32_LINK, name: 'link', codec: u32 },
    { id: TCA_U32_DIVISOR, name: 'divisor', codec: u32 },
    { id: TCA_U32_SEL, name: 'sel', codec: u32Sel },
    { id: TCA_U32_POLICE, name: 'police', codec: bytes },
    { id: TCA_U32_INDEV, name: 'indev', codec: str },
    { id: TCA_U32_PCNT, name: 'pcnt', codec: u32Pcnt },
    { id: TCA_U32_MARK, name: 'mark', codec: structCodec<TcU32Mark>([['val', 'u32'], ['mask', 'u32'], ['success', 'u32']]) },
    { id: TCA_U32_FLAGS, name: 'flags', codec: u32 },
  ]),
};
