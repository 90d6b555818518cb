/**
 * Attribute value codecs: how one attribute's payload maps to a value (u8 ... u64, network-order
 * integers, flags, bytes, strings). Each decoder checks the exact payload length and names the
 * attribute in its DecodeError (STYLE rule 3).
 */
import { DecodeError } from './errors.js';
import { le16, le32, readU64 } from './nlattr.js';
import type { AttrWriter } from './writer.js';

const decoder = new TextDecoder();

/**
 * How one attribute's payload maps to a value. `decode` checks the exact payload length and
 * names the attribute in its DecodeError (STYLE rule 3). `decodeAt`, where a codec has it, does
 * the same for the payload at `buf[off, off + len)`: tables call it on the hot path so that no
 * Uint8Array view is made per attribute (a view costs more than reading a u32).
 */
export interface AttrCodec<T> {
  /** The value of the payload `data`; `name` names the attribute in a DecodeError. */
  decode(data: Uint8Array, name: string): T;
  /** The same, reading `buf[off, off + len)` where it lies (what attribute tables call). */
  decodeAt(buf: Uint8Array, off: number, len: number, name: string): T;
  /** Append attribute `type` holding `v`. */
  encode(w: AttrWriter, type: number, v: T): void;
}

/** A payload of exactly `n` bytes, else DecodeError naming the attribute. */
export function exact(len: number, n: number, name: string): void {
  if (len !== n) throw new DecodeError(`expected ${n} bytes, got ${len}`, undefined, name);
}


/**
 * A codec from its in-place reader: `decode(d)` is `decodeAt(d, 0, d.length)`, so the two forms
 * cannot disagree.
 */
export function codecAt<T>(
  decodeAt: (buf: Uint8Array, off: number, len: number, name: string) => T,
  encode: (w: AttrWriter, type: number, v: T) => void,
): AttrCodec<T> {
  return { decode: (d, name) => decodeAt(d, 0, d.length, name), decodeAt, encode };
}

export const u8 = codecAt<number>((b, o, len, n) => { exact(len, 1, n); return b[o]!; }, (w, t, v) => { w.u8(t, v); });
export const u16 = codecAt<number>((b, o, len, n) => { exact(len, 2, n); return le16(b, o); }, (w, t, v) => { w.u16(t, v); });
export const u32 = codecAt<number>((b, o, len, n) => { exact(len, 4, n); return le32(b, o); }, (w, t, v) => { w.u32(t, v); });
export const s32 = codecAt<number>((b, o, len, n) => { exact(len, 4, n); return le32(b, o) | 0; }, (w, t, v) => { w.s32(t, v); });
export const u64 = codecAt<bigint>(
  (b, o, len, n) => { exact(len, 8, n); return readU64(b, o); },
  (w, t, v) => { w.u64(t, v); },
);
/** Network byte order (big-endian) u16, e.g. a UDP port or VLAN protocol. */
export const be16 = codecAt<number>((b, o, len, n) => { exact(len, 2, n); return (b[o]! << 8) | b[o + 1]!; }, (w, t, v) => { w.be16(t, v); });
export const be32 = codecAt<number>(
  (b, o, len, n) => { exact(len, 4, n); return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0; },
  (w, t, v) => { w.be32(t, v); },
);
/** A presence-only attribute (NLA_FLAG): decodes to `true`. */
export const flag = codecAt<true>((_b, _o, len, n) => { exact(len, 0, n); return true; }, (w, t) => { w.flag(t); });
/** An empty payload (an empty nest, say) is one shared zero-length array: nothing to copy or change. */
const EMPTY = new Uint8Array(0);
export const bytes = codecAt<Uint8Array>((b, o, len) => (len ? b.slice(o, o + len) : EMPTY), (w, t, v) => { w.bytes(t, v); });
/**
 * Short names recently decoded, by their bytes: a dump repeats the same few (a qdisc, a kind, the
 * label of every address of a link), and each repeat then shares one string instead of making
 * another for the collector to copy. Direct-mapped on the name's bytes packed into two 32-bit
 * words (a name holds no NUL, so the packing also fixes its length); slot 0..63.
 */
const NAME_SLOTS = 64;
const nameLo = new Int32Array(NAME_SLOTS);
const nameHi = new Int32Array(NAME_SLOTS);
const nameText: string[] = Array.from({ length: NAME_SLOTS }, () => '');

/**
 * The text of `b[start, end)` up to its first NUL. Names are short and ASCII: those of up to 8
 * bytes come from the cache above or are made by String.fromCharCode over the bytes themselves,
 * one flat string without TextDecoder's native call; others go to it.
 */
function stringAt(b: Uint8Array, start: number, end: number): string {
  let stop = start;
  let ascii = true;
  while (stop < end && b[stop] !== 0) {
    if (b[stop]! > 0x7f) ascii = false;
    stop++;
  }
  if (!ascii) return decoder.decode(b.subarray(start, stop));
  const n = stop - start;
  if (n <= 8) {
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < n; i++) {
      if (i < 4) lo |= b[start + i]! << (8 * i);
      else hi |= b[start + i]! << (8 * (i - 4));
    }
    const slot = Math.imul(lo ^ Math.imul(hi, 0x27d4eb2d), 0x9e3779b1) >>> 26;
    if (nameLo[slot] === lo && nameHi[slot] === hi) return nameText[slot]!;
    const text = shortString(b, start, n);
    nameLo[slot] = lo;
    nameHi[slot] = hi;
    nameText[slot] = text;
    return text;
  }
  const text = b.subarray(start, stop);
  if (n > 64) return decoder.decode(text);
  return String.fromCharCode.apply(null, text as unknown as number[]);
}

/** The `n` (at most 8) ASCII bytes at `o` as one flat string, made from the bytes directly (no view). */
function shortString(b: Uint8Array, o: number, n: number): string {
  switch (n) {
    case 0: return '';
    case 1: return String.fromCharCode(b[o]!);
    case 2: return String.fromCharCode(b[o]!, b[o + 1]!);
    case 3: return String.fromCharCode(b[o]!, b[o + 1]!, b[o + 2]!);
    case 4: return String.fromCharCode(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!);
    case 5: return String.fromCharCode(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!, b[o + 4]!);
    case 6: return String.fromCharCode(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!, b[o + 4]!, b[o + 5]!);
    case 7: return String.fromCharCode(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!, b[o + 4]!, b[o + 5]!, b[o + 6]!);
    default: return String.fromCharCode(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!, b[o + 4]!, b[o + 5]!, b[o + 6]!, b[o + 7]!);
  }
}
const decodeStringAt = (b: Uint8Array, o: number, len: number): string => stringAt(b, o, o + len);
/** A NUL-terminated string; a missing terminator is tolerated on decode. */
export const str = codecAt<string>(decodeStringAt, (w, t, v) => { w.str(t, v); });
/** A string sent without its terminator (IFLA_INFO_KIND as iproute2 and the kernel write it). */
export const strNoNul = codecAt<string>(decodeStringAt, (w, t, v) => { w.strNoNul(t, v); });
