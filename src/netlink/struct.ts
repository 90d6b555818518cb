/**
 * Fixed C structs (struct ifinfomsg, rtmsg, rtnl_link_stats64, ...): a field list compiled once
 * into a reader that builds the object as one literal and a writer, plus the two ways structs
 * appear: as a message's fixed header and as an attribute's payload.
 */
import { DecodeError } from './errors.js';
import { codecAt, exact, type AttrCodec } from './codecs.js';
import { le16, le32, readU64 } from './nlattr.js';
import type { AttrWriter } from './writer.js';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** How one field of a fixed C struct is stored (host byte order unless `be`); `pad*` are skipped. */
export type StructFieldType = 'u8' | 's8' | 'u16' | 's16' | 's32' | 'u32' | 'u64' | 's64' | 'be16' | 'be32' | 'pad1' | 'pad2';
/** A struct's fields in order: [our name, how it is stored]; padding has the name ''. */
export type StructFields<T> = readonly (readonly [(keyof T & string) | '', StructFieldType])[];
const FIELD_SIZE: Record<StructFieldType, number> = { u8: 1, s8: 1, u16: 2, s16: 2, be16: 2, s32: 4, u32: 4, be32: 4, u64: 8, s64: 8, pad1: 1, pad2: 2 };
/** How each field is read from byte `at + off` of `b`, in the compiled readers below. */
const FIELD_GET: Partial<Record<StructFieldType, (off: number) => string>> = {
  u8: (off) => `b[at + ${off}]`,
  s8: (off) => `((b[at + ${off}] << 24) >> 24)`,
  u16: (off) => `le16(b, at + ${off})`,
  s16: (off) => `((le16(b, at + ${off}) << 16) >> 16)`,
  be16: (off) => `((b[at + ${off}] << 8) | b[at + ${off + 1}])`,
  s32: (off) => `(le32(b, at + ${off}) | 0)`,
  u32: (off) => `le32(b, at + ${off})`,
  u64: (off) => `readU64(b, at + ${off})`,
  s64: (off) => `BigInt.asIntN(64, readU64(b, at + ${off}))`,
  be32: (off) => `(((b[at + ${off}] << 24) | (b[at + ${off + 1}] << 16) | (b[at + ${off + 2}] << 8) | b[at + ${off + 3}]) >>> 0)`,
};
/** How each field is written at byte `at + off` of `dv` (padding: not at all). */
const FIELD_SET: Partial<Record<StructFieldType, (off: number, value: string) => string>> = {
  u8: (off, v) => `dv.setUint8(at + ${off}, ${v});`,
  s8: (off, v) => `dv.setInt8(at + ${off}, ${v});`,
  u16: (off, v) => `dv.setUint16(at + ${off}, ${v}, true);`,
  s16: (off, v) => `dv.setInt16(at + ${off}, ${v}, true);`,
  be16: (off, v) => `dv.setUint16(at + ${off}, ${v}, false);`,
  s32: (off, v) => `dv.setInt32(at + ${off}, ${v}, true);`,
  u32: (off, v) => `dv.setUint32(at + ${off}, ${v}, true);`,
  u64: (off, v) => `dv.setBigUint64(at + ${off}, ${v}, true);`,
  s64: (off, v) => `dv.setBigInt64(at + ${off}, ${v}, true);`,
  be32: (off, v) => `dv.setUint32(at + ${off}, ${v}, false);`,
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
 * decode paths that run once per message, link or route. Every field is read byte by byte.
 */
export function structReader<T>(fields: StructFields<T>): (b: Uint8Array, at: number) => T {
  const parts = fieldTexts(fields, (type, off, name) => {
    const get = FIELD_GET[type];
    return get && `${name}: ${get(off)}`;
  });
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- built from checked names and fixed reader texts
  return (new Function('le16', 'le32', 'readU64', `return (b, at) => ({ ${parts.join(', ')} });`) as
    (...h: unknown[]) => (b: Uint8Array, at: number) => T)(le16, le32, readU64);
}

/** A fixed C struct: its size, a reader and a writer. */
export interface FixedStruct<T> {
  readonly size: number;
  /** The struct at byte `at` of `b` (the caller checked there are `size` bytes). */
  readAt(b: Uint8Array, at: number): T;
  /** Write `v` at `at` of `dv`; padding is left as it is (zero in a new writer's bytes). */
  writeAt(dv: DataView, at: number, v: T): void;
}

/**
 * `fields` in order; `size` when the struct ends in padding beyond its fields. The names are
 * checked now; the reader and writer are compiled on first use, since a process uses a few of
 * the library's hundred-odd structs and compiling each costs a `new Function` at start-up.
 */
export function fixedStruct<T extends object>(fields: StructFields<T>, size?: number): FixedStruct<T> {
  for (const [name, type] of fields) if (!type.startsWith('pad') && !IDENTIFIER.test(name)) throw new TypeError(`not a field name: ${name}`);
  let read: ((b: Uint8Array, at: number) => T) | undefined;
  let write: ((dv: DataView, at: number, v: T) => void) | undefined;
  return {
    size: size ?? fields.reduce((n, [, type]) => n + FIELD_SIZE[type], 0),
    readAt: (b, at) => (read ??= structReader(fields))(b, at),
    writeAt: (dv, at, v) => (write ??= structWriter(fields))(dv, at, v),
  };
}

/**
 * The fixed header of a message family (struct ifinfomsg, rtmsg, ...): `decode(buf, off, end)`
 * with a DecodeError naming `cName` when fewer bytes remain before `end`, `encode(w, v)` appending
 * it to a writer.
 */
export function structHeader<T extends object>(cName: string, fields: StructFields<T>): {
  size: number;
  /** The struct at `buf[off]`; a DecodeError when fewer than `size` bytes remain before `end`. */
  decode(buf: Uint8Array, off?: number, end?: number): T;
  /** Append `v`. */
  encode(w: AttrWriter, v: T): void;
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
