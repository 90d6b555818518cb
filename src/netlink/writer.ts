/**
 * AttrWriter: grows a byte buffer of netlink attributes (and, through MessageWriter, whole
 * messages), writing each value in host byte order unless the method says network order.
 */
import { align4, NLA_HDRLEN, type RawAttr } from './nlattr.js';

/** Grows a byte buffer of attributes (and, through MessageWriter, whole messages). */
export class AttrWriter {
  buf: Uint8Array;
  dv: DataView;
  len = 0;
  constructor(initial = 256) {
    this.buf = new Uint8Array(initial);
    this.dv = new DataView(this.buf.buffer);
  }
  /** Make room for `n` more bytes; new bytes are zero (padding relies on that). */
  reserve(n: number): void {
    const need = this.len + n;
    if (need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.dv = new DataView(next.buffer);
  }
  /** Append `n` zero bytes and return their offset. */
  skip(n: number): number {
    this.reserve(n);
    const at = this.len;
    this.buf.fill(0, at, at + n);
    this.len += n;
    return at;
  }
  /** Append an attribute header plus `size` payload bytes (padded); returns the payload offset. */
  attr(type: number, size: number): number {
    const total = align4(NLA_HDRLEN + size);
    const at = this.skip(total);
    this.dv.setUint16(at, NLA_HDRLEN + size, true);
    this.dv.setUint16(at + 2, type, true);
    return at + NLA_HDRLEN;
  }
  /** Append attribute `type` holding `v` as an unsigned 8-bit integer. */
  u8(type: number, v: number): this { const at = this.attr(type, 1); this.dv.setUint8(at, v); return this; }
  /** Append attribute `type` holding `v` as an unsigned 16-bit little-endian (host order) integer. */
  u16(type: number, v: number): this { const at = this.attr(type, 2); this.dv.setUint16(at, v, true); return this; }
  /** Append attribute `type` holding `v` as an unsigned 32-bit host-order integer. */
  u32(type: number, v: number): this { const at = this.attr(type, 4); this.dv.setUint32(at, v, true); return this; }
  /** Append attribute `type` holding `v` as a signed 32-bit host-order integer. */
  s32(type: number, v: number): this { const at = this.attr(type, 4); this.dv.setInt32(at, v, true); return this; }
  /** Append attribute `type` holding `v` as an unsigned 64-bit host-order integer. */
  u64(type: number, v: bigint): this { const at = this.attr(type, 8); this.dv.setBigUint64(at, v, true); return this; }
  /** Append attribute `type` holding `v` as a 16-bit big-endian (network order) integer. */
  be16(type: number, v: number): this { const at = this.attr(type, 2); this.dv.setUint16(at, v, false); return this; }
  /** Append attribute `type` holding `v` as a 32-bit big-endian (network order) integer. */
  be32(type: number, v: number): this { const at = this.attr(type, 4); this.dv.setUint32(at, v, false); return this; }
  /** Append attribute `type` with no payload (an NLA_FLAG). */
  flag(type: number): this { this.attr(type, 0); return this; }
  /** Append attribute `type` holding the bytes `v`. */
  bytes(type: number, v: Uint8Array): this {
    const at = this.attr(type, v.length); // may grow (replace) this.buf: take the offset first
    this.buf.set(v, at);
    return this;
  }
  /** NUL-terminated string (how iproute2 sends most names, e.g. IFLA_IFNAME). */
  str(type: number, v: string): this { return this.string(type, v, true); }
  /** String without the terminator (how iproute2 sends IFLA_INFO_KIND); the kernel takes both. */
  strNoNul(type: number, v: string): this { return this.string(type, v, false); }
  private string(type: number, v: string, nul: boolean): this {
    // Names are short and ASCII: their char codes are their bytes, written in place. Anything
    // else goes through TextEncoder (UTF-8).
    let ascii = v.length <= 64;
    for (let i = 0; ascii && i < v.length; i++) if (v.charCodeAt(i) > 0x7f) ascii = false;
    if (ascii) {
      const at = this.attr(type, v.length + (nul ? 1 : 0)); // may grow this.buf: offset first
      for (let i = 0; i < v.length; i++) this.buf[at + i] = v.charCodeAt(i);
      return this;
    }
    const bytes = encoder.encode(v);
    const at = this.attr(type, bytes.length + (nul ? 1 : 0));
    this.buf.set(bytes, at);
    return this;
  }
  /** A nested attribute: `fill` writes the children; the length is patched afterwards. */
  nested(type: number, fill: (w: this) => void): this {
    const at = this.skip(NLA_HDRLEN);
    this.dv.setUint16(at + 2, type, true);
    fill(this);
    this.dv.setUint16(at, this.len - at, true);
    return this;
  }
  /** Re-emit an attribute exactly as it was read. */
  raw(a: RawAttr): this { return this.bytes(a.type | a.flags, a.data); }
  /** A copy of what was written. */
  finish(): Uint8Array { return this.buf.slice(0, this.len); }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
