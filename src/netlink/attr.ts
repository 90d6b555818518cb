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

const view = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength);

/**
 * Split `buf[start, end)` into attributes. Strict: a length below the header or past the end is a
 * DecodeError; trailing bytes shorter than a header are too (the kernel never sends them).
 */
export function readAttrs(buf: Uint8Array, start = 0, end = buf.length): RawAttr[] {
  const dv = view(buf);
  const out: RawAttr[] = [];
  let off = start;
  while (off < end) {
    if (end - off < NLA_HDRLEN) throw new DecodeError(`truncated attribute header (${end - off} bytes)`, off);
    const len = dv.getUint16(off, true);
    const rawType = dv.getUint16(off + 2, true);
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
  u8(type: number, v: number): this { const at = this.attr(type, 1); this.dv.setUint8(at, v); return this; }
  u16(type: number, v: number): this { const at = this.attr(type, 2); this.dv.setUint16(at, v, true); return this; }
  u32(type: number, v: number): this { const at = this.attr(type, 4); this.dv.setUint32(at, v, true); return this; }
  s32(type: number, v: number): this { const at = this.attr(type, 4); this.dv.setInt32(at, v, true); return this; }
  u64(type: number, v: bigint): this { const at = this.attr(type, 8); this.dv.setBigUint64(at, v, true); return this; }
  be16(type: number, v: number): this { const at = this.attr(type, 2); this.dv.setUint16(at, v, false); return this; }
  be32(type: number, v: number): this { const at = this.attr(type, 4); this.dv.setUint32(at, v, false); return this; }
  flag(type: number): this { this.attr(type, 0); return this; }
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
    const bytes = encoder.encode(v);
    const at = this.attr(type, bytes.length + (nul ? 1 : 0)); // may grow this.buf: offset first
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

/**
 * How one attribute's payload maps to a value. `decode` checks the exact payload length and
 * names the attribute in its DecodeError (STYLE rule 3).
 */
export interface AttrCodec<T> {
  decode(data: Uint8Array, name: string): T;
  encode(w: AttrWriter, type: number, v: T): void;
}

function exact(data: Uint8Array, n: number, name: string): void {
  if (data.length !== n) throw new DecodeError(`expected ${n} bytes, got ${data.length}`, undefined, name);
}

// Hot path: scalars are read byte by byte (no DataView per attribute), u64 through one DataView
// per underlying buffer (every attribute of a datagram shares it).
let lastBuffer: ArrayBufferLike | undefined;
let lastView: DataView | undefined;
/** A DataView over the whole ArrayBuffer behind `d` (index it with d.byteOffset + i). */
export function bufferView(d: Uint8Array): DataView {
  if (d.buffer !== lastBuffer) {
    lastBuffer = d.buffer;
    lastView = new DataView(d.buffer);
  }
  return lastView!;
}
const le16 = (d: Uint8Array): number => d[0]! | (d[1]! << 8);
const le32 = (d: Uint8Array): number => (d[0]! | (d[1]! << 8) | (d[2]! << 16) | (d[3]! << 24)) >>> 0;

export const u8: AttrCodec<number> = {
  decode: (d, n) => { exact(d, 1, n); return d[0]!; },
  encode: (w, t, v) => { w.u8(t, v); },
};
export const u16: AttrCodec<number> = {
  decode: (d, n) => { exact(d, 2, n); return le16(d); },
  encode: (w, t, v) => { w.u16(t, v); },
};
export const u32: AttrCodec<number> = {
  decode: (d, n) => { exact(d, 4, n); return le32(d); },
  encode: (w, t, v) => { w.u32(t, v); },
};
export const s32: AttrCodec<number> = {
  decode: (d, n) => { exact(d, 4, n); return le32(d) | 0; },
  encode: (w, t, v) => { w.s32(t, v); },
};
export const u64: AttrCodec<bigint> = {
  decode: (d, n) => { exact(d, 8, n); return bufferView(d).getBigUint64(d.byteOffset, true); },
  encode: (w, t, v) => { w.u64(t, v); },
};
/** Network byte order (big-endian) u16, e.g. a UDP port or VLAN protocol. */
export const be16: AttrCodec<number> = {
  decode: (d, n) => { exact(d, 2, n); return (d[0]! << 8) | d[1]!; },
  encode: (w, t, v) => { w.be16(t, v); },
};
export const be32: AttrCodec<number> = {
  decode: (d, n) => { exact(d, 4, n); return ((d[0]! << 24) | (d[1]! << 16) | (d[2]! << 8) | d[3]!) >>> 0; },
  encode: (w, t, v) => { w.be32(t, v); },
};
/** A presence-only attribute (NLA_FLAG): decodes to `true`. */
export const flag: AttrCodec<true> = {
  decode: (d, n) => { exact(d, 0, n); return true; },
  encode: (w, t) => { w.flag(t); },
};
export const bytes: AttrCodec<Uint8Array> = {
  decode: (d) => d.slice(),
  encode: (w, t, v) => { w.bytes(t, v); },
};
const decodeString = (d: Uint8Array): string => {
  const nul = d.indexOf(0);
  return decoder.decode(nul < 0 ? d : d.subarray(0, nul));
};
/** A NUL-terminated string; a missing terminator is tolerated on decode. */
export const str: AttrCodec<string> = { decode: decodeString, encode: (w, t, v) => { w.str(t, v); } };
/** A string sent without its terminator (IFLA_INFO_KIND as iproute2 and the kernel write it). */
export const strNoNul: AttrCodec<string> = { decode: decodeString, encode: (w, t, v) => { w.strNoNul(t, v); } };

/** One row of an attribute table: kernel id, our field name, codec; `multi` keeps every copy. */
export interface AttrField {
  id: number;
  name: string;
  codec: AttrCodec<any>;
  /** The attribute may repeat; the field is then an array in arrival order. */
  multi?: boolean;
  /** Set NLA_F_NESTED on the attribute when encoding. */
  nestedFlag?: boolean;
}

/** Unknown attributes of a decoded attribute set, kept to be re-emitted unchanged. */
export const UNKNOWN = 'unknown';
/** Hidden record of the wire order of a decoded set, so encode reproduces the kernel's bytes. */
const ORDER = Symbol('attrOrder');

/** Values decoded by an AttrTable: named fields plus `unknown` raw attributes. */
export type AttrValues = Record<string, unknown> & { unknown?: RawAttr[] };

/**
 * The single source of truth for one attribute set: ids, names and codecs (pyroute2's nla_map
 * idea with explicit ids). Decodes to a plain object in wire order, keeping unknown attributes
 * raw; encodes an object back, in its recorded wire order where it has one.
 */
export class AttrTable<T extends object = AttrValues> {
  readonly byId = new Map<number, AttrField>();
  readonly byName = new Map<string, AttrField>();
  /** Fields indexed by id, and their qualified names for errors: array lookups on the hot path. */
  private readonly fields: (AttrField | undefined)[] = [];
  private readonly names: string[] = [];
  constructor(readonly setName: string, fields: AttrField[]) {
    for (const f of fields) {
      this.byId.set(f.id, f);
      this.byName.set(f.name, f);
      this.fields[f.id] = f;
      this.names[f.id] = `${setName}.${f.name}`;
    }
  }

  decodeAttrs(attrs: RawAttr[]): T {
    const out: AttrValues = {};
    const order: number[] = [];
    for (const a of attrs) this.put1(out, order, a.type, a.flags, a.data);
    Object.defineProperty(out, ORDER, { value: order, enumerable: false });
    return out as T;
  }

  /** Decode `buf[start, end)` straight from the wire (the same checks as readAttrs, no array of attributes). */
  decode(buf: Uint8Array, start = 0, end = buf.length): T {
    const out: AttrValues = {};
    const order: number[] = [];
    let off = start;
    while (off < end) {
      if (end - off < NLA_HDRLEN) throw new DecodeError(`truncated attribute header (${end - off} bytes)`, off);
      const len = buf[off]! | (buf[off + 1]! << 8);
      const rawType = buf[off + 2]! | (buf[off + 3]! << 8);
      if (len < NLA_HDRLEN || off + len > end) {
        throw new DecodeError(`attribute type ${rawType & NLA_TYPE_MASK} has bad length ${len}`, off);
      }
      this.put1(out, order, rawType & NLA_TYPE_MASK, rawType & ~NLA_TYPE_MASK, buf.subarray(off + NLA_HDRLEN, off + len));
      off += (len + 3) & ~3;
    }
    Object.defineProperty(out, ORDER, { value: order, enumerable: false });
    return out as T;
  }

  private put1(out: AttrValues, order: number[], type: number, flags: number, data: Uint8Array): void {
    order.push(type);
    const f = this.fields[type];
    if (!f) {
      (out.unknown ??= []).push({ type, flags, data: data.slice() });
      return;
    }
    const v = f.codec.decode(data, this.names[type]!);
    if (f.multi) ((out[f.name] as unknown[] | undefined) ?? (out[f.name] = [] as unknown[]) as unknown[]).push(v);
    else out[f.name] = v;
  }

  encode(w: AttrWriter, values: T): void {
    const v = values as AttrValues;
    const order = (v as { [ORDER]?: number[] })[ORDER];
    if (order) {
      // Wire order of a decoded value; fields added since are appended below.
      const seen = new Set<string>();
      const unknownQ = [...(v.unknown ?? [])];
      const multiIdx = new Map<string, number>();
      for (const id of order) {
        const f = this.byId.get(id);
        if (!f) {
          const i = unknownQ.findIndex((u) => u.type === id);
          if (i >= 0) w.raw(unknownQ.splice(i, 1)[0]!);
          continue;
        }
        const val = v[f.name];
        if (val === undefined) continue;
        if (f.multi) {
          const i = multiIdx.get(f.name) ?? 0;
          multiIdx.set(f.name, i + 1);
          const arr = val as unknown[];
          if (i < arr.length) this.put(w, f, arr[i]);
          if (i + 1 >= arr.length) seen.add(f.name);
        } else if (!seen.has(f.name)) {
          this.put(w, f, val);
          seen.add(f.name);
        }
      }
      for (const [name, val] of Object.entries(v)) {
        if (name === UNKNOWN || seen.has(name) || val === undefined) continue;
        const f = this.byName.get(name);
        if (f) this.putAll(w, f, val, multiIdx.get(name) ?? 0);
      }
      for (const u of unknownQ) w.raw(u);
      return;
    }
    for (const [name, val] of Object.entries(v)) {
      if (name === UNKNOWN || val === undefined) continue;
      const f = this.byName.get(name);
      if (f) this.putAll(w, f, val, 0);
    }
    for (const u of v.unknown ?? []) w.raw(u);
  }

  private putAll(w: AttrWriter, f: AttrField, val: unknown, from: number): void {
    if (!f.multi) return this.put(w, f, val);
    const arr = val as unknown[];
    for (let i = from; i < arr.length; i++) this.put(w, f, arr[i]);
  }

  private put(w: AttrWriter, f: AttrField, val: unknown): void {
    f.codec.encode(w, f.id | (f.nestedFlag ? NLA_F_NESTED : 0), val);
  }
}

/** A nested attribute whose children follow `table`. */
export function nested<T extends object>(table: AttrTable<T>): AttrCodec<T> {
  return {
    decode: (d) => table.decode(d),
    encode: (w, t, v) => { w.nested(t, () => table.encode(w, v)); },
  };
}

/** Copy the hidden wire order of one decoded set onto another object (used by wrappers). */
export function keepOrder<T extends object>(from: object, to: T): T {
  const o = (from as { [ORDER]?: number[] })[ORDER];
  if (o) Object.defineProperty(to, ORDER, { value: o, enumerable: false });
  return to;
}
