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

/**
 * How one attribute's payload maps to a value. `decode` checks the exact payload length and
 * names the attribute in its DecodeError (STYLE rule 3). `decodeAt`, where a codec has it, does
 * the same for the payload at `buf[off, off + len)`: tables call it on the hot path so that no
 * Uint8Array view is made per attribute (a view costs more than reading a u32).
 */
export interface AttrCodec<T> {
  decode(data: Uint8Array, name: string): T;
  /** The same, reading `buf[off, off + len)` where it lies (what attribute tables call). */
  decodeAt(buf: Uint8Array, off: number, len: number, name: string): T;
  encode(w: AttrWriter, type: number, v: T): void;
}

/** A payload of exactly `n` bytes, else DecodeError naming the attribute. */
export function exact(len: number, n: number, name: string): void {
  if (len !== n) throw new DecodeError(`expected ${n} bytes, got ${len}`, undefined, name);
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
/**
 * The host-order u64 at byte `at` of `dv`. Zero, what most counters of a link or route hold, is
 * the one shared 0n constant instead of a new bigint on the heap each time.
 */
export function readU64(dv: DataView, at: number): bigint {
  return dv.getUint32(at, true) === 0 && dv.getUint32(at + 4, true) === 0 ? 0n : dv.getBigUint64(at, true);
}
/** The little-endian (host-order) u16 and u32 at byte `o` of `b`, read without a DataView. */
export const le16 = (b: Uint8Array, o: number): number => b[o]! | (b[o + 1]! << 8);
export const le32 = (b: Uint8Array, o: number): number =>
  (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;

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
  (b, o, len, n) => { exact(len, 8, n); return readU64(bufferView(b), b.byteOffset + o); },
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
/** Char codes of the string being built by stringAt, reused: no array per string. */
const CODES: number[] = [];
/**
 * The text of `b[start, end)` up to its first NUL. Names are short and ASCII: those are made by
 * String.fromCharCode, one flat string without TextDecoder's native call; others go to it.
 */
function stringAt(b: Uint8Array, start: number, end: number): string {
  let stop = start;
  let ascii = true;
  while (stop < end && b[stop] !== 0) {
    if (b[stop]! > 0x7f) ascii = false;
    stop++;
  }
  const n = stop - start;
  if (!ascii || n > 64) return decoder.decode(b.subarray(start, stop));
  CODES.length = n;
  for (let i = 0; i < n; i++) CODES[i] = b[start + i]!;
  return String.fromCharCode.apply(null, CODES);
}
const decodeStringAt = (b: Uint8Array, o: number, len: number): string => stringAt(b, o, o + len);
/** A NUL-terminated string; a missing terminator is tolerated on decode. */
export const str = codecAt<string>(decodeStringAt, (w, t, v) => { w.str(t, v); });
/** A string sent without its terminator (IFLA_INFO_KIND as iproute2 and the kernel write it). */
export const strNoNul = codecAt<string>(decodeStringAt, (w, t, v) => { w.strNoNul(t, v); });

/** How one field of a fixed C struct is stored (host byte order unless `be`); `pad*` are skipped. */
export type StructFieldType = 'u8' | 'u16' | 's32' | 'u32' | 'u64' | 'be16' | 'pad1' | 'pad2';
/** A struct's fields in order: [our name, how it is stored]; padding has the name ''. */
export type StructFields<T> = readonly (readonly [(keyof T & string) | '', StructFieldType])[];
const FIELD_SIZE: Record<StructFieldType, number> = { u8: 1, u16: 2, be16: 2, s32: 4, u32: 4, u64: 8, pad1: 1, pad2: 2 };
/** How each field is read from byte `at + off` of `b`, in the compiled readers below. */
const FIELD_GET: Partial<Record<StructFieldType, (off: number) => string>> = {
  u8: (off) => `b[at + ${off}]`,
  u16: (off) => `le16(b, at + ${off})`,
  be16: (off) => `((b[at + ${off}] << 8) | b[at + ${off + 1}])`,
  s32: (off) => `(le32(b, at + ${off}) | 0)`,
  u32: (off) => `le32(b, at + ${off})`,
  u64: (off) => `readU64(dv, base + ${off})`,
};
/** How each field is written at byte `at + off` of `dv` (padding: not at all). */
const FIELD_SET: Partial<Record<StructFieldType, (off: number, value: string) => string>> = {
  u8: (off, v) => `dv.setUint8(at + ${off}, ${v});`,
  u16: (off, v) => `dv.setUint16(at + ${off}, ${v}, true);`,
  be16: (off, v) => `dv.setUint16(at + ${off}, ${v}, false);`,
  s32: (off, v) => `dv.setInt32(at + ${off}, ${v}, true);`,
  u32: (off, v) => `dv.setUint32(at + ${off}, ${v}, true);`,
  u64: (off, v) => `dv.setBigUint64(at + ${off}, ${v}, true);`,
};

/**
 * The compiled text of each stored field of a struct: `text(type, off, name)` with the field's
 * byte offset; padding is skipped. Names are checked to be identifiers.
 */
function fieldTexts<T>(fields: StructFields<T>, text: (type: StructFieldType, off: number, name: string) => string | undefined): string[] {
  let off = 0;
  const parts: string[] = [];
  for (const [name, type] of fields) {
    const t = text(type, off, name);
    if (t !== undefined) {
      if (!IDENTIFIER.test(name)) throw new TypeError(`not a field name: ${name}`);
      parts.push(t);
    }
    off += FIELD_SIZE[type];
  }
  return parts;
}

/** `(dv, at, v) => { dv.setUint32(at, v.a, true); ... }`, compiled like structReader. */
function structWriter<T>(fields: StructFields<T>): (dv: DataView, at: number, v: T) => void {
  const parts = fieldTexts(fields, (type, off, name) => FIELD_SET[type]?.(off, `v.${name}`));
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- built from checked names and fixed writer texts
  return new Function('dv', 'at', 'v', parts.join(' ')) as (dv: DataView, at: number, v: T) => void;
}

/**
 * `(b, at) => ({ a: le32(b, at), ... })` for fields laid out one after another from byte `at` of
 * `b`: compiled, so the object is made as one literal (one fast object, in a single step) on
 * decode paths that run once per message, link or route. Scalars are read byte by byte; only a
 * struct with u64 fields takes the buffer's shared DataView.
 */
export function structReader<T>(fields: StructFields<T>): (b: Uint8Array, at: number) => T {
  const parts = fieldTexts(fields, (type, off, name) => {
    const get = FIELD_GET[type];
    return get && `${name}: ${get(off)}`;
  });
  const view = fields.some(([, type]) => type === 'u64') ? 'const dv = bufferView(b), base = b.byteOffset + at; ' : '';
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- built from checked names and fixed reader texts
  return (new Function('le16', 'le32', 'readU64', 'bufferView', `return (b, at) => { ${view}return { ${parts.join(', ')} }; };`) as
    (...h: unknown[]) => (b: Uint8Array, at: number) => T)(le16, le32, readU64, bufferView);
}

/** A fixed C struct: its size, a reader and a writer. */
export interface FixedStruct<T> {
  readonly size: number;
  /** The struct at byte `at` of `b` (the caller checked there are `size` bytes). */
  readAt(b: Uint8Array, at: number): T;
  /** Write `v` at `at` of `dv`; padding is left as it is (zero in a new writer's bytes). */
  writeAt(dv: DataView, at: number, v: T): void;
}

/** `fields` in order; `size` when the struct ends in padding beyond its fields. */
export function fixedStruct<T extends object>(fields: StructFields<T>, size?: number): FixedStruct<T> {
  return {
    size: size ?? fields.reduce((n, [, type]) => n + FIELD_SIZE[type], 0),
    readAt: structReader(fields),
    writeAt: structWriter(fields),
  };
}

/**
 * The fixed header of a message family (struct ifinfomsg, rtmsg, ...): `decode(buf, off, end)`
 * with a DecodeError naming `cName` when fewer bytes remain before `end`, `encode(w, v)` appending
 * it to a writer.
 */
export function structHeader<T extends object>(cName: string, fields: StructFields<T>): {
  size: number; decode(buf: Uint8Array, off?: number, end?: number): T; encode(w: AttrWriter, v: T): void;
} {
  const s = fixedStruct(fields);
  return {
    size: s.size,
    decode: (buf, off = 0, end = buf.length) => {
      if (end - off < s.size) throw new DecodeError(`truncated ${cName} (${end - off} of ${s.size} bytes)`, off);
      return s.readAt(buf, off);
    },
    encode: (w, v) => {
      const at = w.skip(s.size); // may grow the writer (a new w.dv): the offset first
      s.writeAt(w.dv, at, v);
    },
  };
}

/**
 * The codec of an attribute holding one fixed C struct (struct ifa_cacheinfo, struct
 * rtnl_link_ifmap, ...): the payload exactly the struct's size, padding written as zeros.
 */
export function structCodec<T extends object>(fields: StructFields<T>, size?: number): AttrCodec<T> {
  const s = fixedStruct(fields, size);
  return codecAt(
    (b, o, n, name) => {
      exact(n, s.size, name);
      return s.readAt(b, o);
    },
    (w, t, v) => {
      const at = w.attr(t, s.size); // may grow the writer (a new w.dv): the offset first
      s.writeAt(w.dv, at, v);
    },
  );
}

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

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Functions storing `v` under each name with a named store (`o.name = v`), compiled at once.
 * Decoders fill objects field by field from tables; V8 turns an object that gets more than a
 * dozen properties through computed keys (`o[name] = v`) into a slow hash-table object (about
 * 3x the memory, slower to build and to read), while named stores keep it a fast object with a
 * hidden class shared by every object decoded from the same attributes. Names are checked to be
 * identifiers when the table is made.
 */
function namedSetters(names: readonly string[]): ((o: object, v: unknown) => void)[] {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- names checked by the AttrTable constructor
  return new Function(`return [${names.map((n) => `(o, v) => { o.${n} = v; }`).join(', ')}];`)() as
    ((o: object, v: unknown) => void)[];
}

/**
 * A constructor of plain objects (prototype Object.prototype, no own properties) with room
 * reserved for the fields `names`. V8 sizes the objects a constructor makes from the `this.x =`
 * assignments in its body, executed or not; fields then added one by one (as decoders do) go in
 * the object itself, where an object made by `{}` keeps regrowing a separate property array.
 */
export function objectShape(names: readonly string[]): new () => object {
  for (const name of names) if (!IDENTIFIER.test(name)) throw new TypeError(`not a field name: ${name}`);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- property names checked above
  const Shape = new Function('full', `if (full) { ${names.map((n) => `this.${n} = undefined;`).join(' ')} }`) as
    unknown as new () => object;
  Shape.prototype = Object.prototype;
  return Shape;
}

/** Unknown attributes of a decoded attribute set, kept to be re-emitted unchanged. */
export const UNKNOWN = 'unknown';
/**
 * Hidden record of the wire order of a decoded set, so encode reproduces the kernel's bytes. Only
 * kept where the object's own key order does not already say it: when the set had unknown or
 * repeated attributes. Otherwise each field was added as it arrived, so key order is wire order.
 */
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
  /** Fields indexed by id, their qualified names for errors, their setters: array lookups on the hot path. */
  private readonly fields: (AttrField | undefined)[] = [];
  private readonly names: string[] = [];
  /** Setters and object shape, compiled on the first decode: many tables never decode. */
  private setters?: ((o: object, v: unknown) => void)[];
  private Shape?: new () => AttrValues;
  constructor(readonly setName: string, fields: AttrField[]) {
    for (const f of fields) {
      if (!IDENTIFIER.test(f.name)) throw new TypeError(`${setName}: not a field name: ${f.name}`);
      this.byId.set(f.id, f);
      this.byName.set(f.name, f);
      this.fields[f.id] = f;
      this.names[f.id] = `${setName}.${f.name}`;
    }
  }

  private compile(): ((o: object, v: unknown) => void)[] {
    const setters: ((o: object, v: unknown) => void)[] = [];
    const fields = [...this.byId.values()];
    namedSetters(fields.map((f) => f.name)).forEach((set, i) => { setters[fields[i]!.id] = set; });
    this.Shape = objectShape([...fields.map((f) => f.name), UNKNOWN]) as new () => AttrValues;
    return (this.setters = setters);
  }

  /**
   * Decode `buf[start, end)` straight from the wire. Strict like readAttrs: a length below the
   * header or past the end is a DecodeError, as is a payload of the wrong size for its field.
   */
  decode(buf: Uint8Array, start = 0, end = buf.length): T {
    if (!this.Shape) this.compile();
    const out = new this.Shape!();
    let keyOrder = true;
    // Which ids 0-63 were seen so far, as bits: cheaper than reading the field back by a
    // computed name. Ids from 64 up (only the newest IFLA_* ones) are looked up by name.
    let seenLo = 0;
    let seenHi = 0;
    let off = start;
    while (off < end) {
      if (end - off < NLA_HDRLEN) throw new DecodeError(`truncated attribute header (${end - off} bytes)`, off);
      const len = le16(buf, off);
      const rawType = le16(buf, off + 2);
      if (len < NLA_HDRLEN || off + len > end) {
        throw new DecodeError(`attribute type ${rawType & NLA_TYPE_MASK} has bad length ${len}`, off);
      }
      const type = rawType & NLA_TYPE_MASK;
      const f = this.fields[type];
      if (!f) {
        (out.unknown ??= []).push({ type, flags: rawType & ~NLA_TYPE_MASK, data: buf.slice(off + NLA_HDRLEN, off + len) });
        keyOrder = false;
      } else {
        const bit = 1 << (type & 31);
        let seen: boolean;
        if (type < 32) { seen = (seenLo & bit) !== 0; seenLo |= bit; }
        else if (type < 64) { seen = (seenHi & bit) !== 0; seenHi |= bit; }
        else seen = out[f.name] !== undefined;
        const v = f.codec.decodeAt(buf, off + NLA_HDRLEN, len - NLA_HDRLEN, this.names[type]!);
        if (!seen) this.setters![type]!(out, f.multi ? [v] : v);
        else {
          keyOrder = false;
          if (f.multi) (out[f.name] as unknown[]).push(v);
          else this.setters![type]!(out, v); // a repeat: the last one wins, as in the kernel's parser
        }
      }
      off += align4(len);
    }
    if (!keyOrder) Object.defineProperty(out, ORDER, { value: wireOrder(buf, start, end), enumerable: false });
    return out as T;
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
    // Every request goes through here: keys, not [key, value] pairs (one array, not one per field).
    for (const name of Object.keys(v)) {
      const val = v[name];
      if (name === UNKNOWN || val === undefined) continue;
      const f = this.byName.get(name);
      if (f) this.putAll(w, f, val, 0);
    }
    if (v.unknown) for (const u of v.unknown) w.raw(u);
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

/** The attribute types of `buf[start, end)` in wire order (already checked by a decode). */
function wireOrder(buf: Uint8Array, start: number, end: number): number[] {
  const order: number[] = [];
  for (let off = start; off < end; off += align4(le16(buf, off))) order.push(le16(buf, off + 2) & NLA_TYPE_MASK);
  return order;
}

/** A nested attribute whose children follow `table`. */
export function nested<T extends object>(table: AttrTable<T>): AttrCodec<T> {
  return codecAt((b, o, len) => table.decode(b, o, o + len), (w, t, v) => { w.nested(t, () => table.encode(w, v)); });
}
