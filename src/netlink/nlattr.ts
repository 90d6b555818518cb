/**
 * Netlink attributes (struct nlattr, <linux/netlink.h>): a TLV of
 *
 *   0       2       4
 *   +-------+-------+----------------------+---------+
 *   | len   | type  | payload (len - 4)    | pad to 4|
 *   +-------+-------+----------------------+---------+
 *
 * `len` counts header and payload but not the padding. The two top bits of `type` are flags.
 * All integers are host byte order (little-endian on every machine Node supports for us) unless
 * the attribute is a network-order one (be16/be32).
 *
 * This file holds the format itself: header constants, alignment, the raw attribute, the strict
 * splitter, and the little-endian readers every decoder shares. Writing is writer.ts, value codecs
 * codecs.ts, C structs struct.ts, attribute tables table.ts.
 */
import { DecodeError } from './errors.js';

export const NLA_F_NESTED = 0x8000;
export const NLA_F_NET_BYTEORDER = 0x4000;
export const NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;
export const NLA_HDRLEN = 4;

/** Round up to the 4-byte netlink alignment (NLA_ALIGN / NLMSG_ALIGN). */
export const align4 = (n: number): number => (n + 3) & ~3;

/** One attribute as it was on the wire: type with the flag bits split off, and its payload. */
export interface RawAttr {
  type: number;
  /** NLA_F_NESTED / NLA_F_NET_BYTEORDER bits as received; re-emitted unchanged. */
  flags: number;
  data: Uint8Array;
}

/**
 * Split `buf[start, end)` into attributes. Strict: a length below the header or past the end is a
 * DecodeError; trailing bytes shorter than a header are too (the kernel never sends them).
 */
export function readAttrs(buf: Uint8Array, start = 0, end = buf.length): RawAttr[] {
  const out: RawAttr[] = [];
  let off = start;
  while (off < end) {
    if (end - off < NLA_HDRLEN) throw new DecodeError(`truncated attribute header (${end - off} bytes)`, off);
    const len = le16(buf, off);
    const rawType = le16(buf, off + 2);
    if (len < NLA_HDRLEN || off + len > end) {
      throw new DecodeError(`attribute type ${rawType & NLA_TYPE_MASK} has bad length ${len}`, off);
    }
    out.push({
      type: rawType & NLA_TYPE_MASK,
      flags: rawType & ~NLA_TYPE_MASK,
      data: buf.subarray(off + NLA_HDRLEN, off + len),
    });
    off += align4(len);
  }
  return out;
}


/** The little-endian (host-order) u16 at byte `o` of `b`, read without a DataView. */
export const le16 = (b: Uint8Array, o: number): number => b[o]! | (b[o + 1]! << 8);
/** The little-endian (host-order) u32 at byte `o` of `b`, read without a DataView. */
export const le32 = (b: Uint8Array, o: number): number =>
  (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;

/**
 * The host-order u64 at byte `o` of `b`, read as two u32 halves (no DataView). Zero, what most
 * counters of a link or route hold, is the literal 0n; values below 2^53 take one BigInt().
 */
export function readU64(b: Uint8Array, o: number): bigint {
  const lo = le32(b, o);
  const hi = le32(b, o + 4);
  if (hi === 0) return lo === 0 ? 0n : BigInt(lo);
  if (hi < 0x200000) return BigInt(hi * 0x100000000 + lo);
  return (BigInt(hi) << 32n) | BigInt(lo);
}
