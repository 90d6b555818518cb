/**
 * AttrTable: the single source of truth for one attribute set (ids, names, codecs), pyroute2's
 * nla_map idea with explicit ids. Decodes to plain objects in wire order keeping unknown
 * attributes raw, and encodes them back.
 */
import { DecodeError, EncodeError } from './errors.js';
import { codecAt, type AttrCodec } from './codecs.js';
import { align4, le16, NLA_F_NESTED, NLA_HDRLEN, NLA_TYPE_MASK, type RawAttr } from './nlattr.js';
import type { AttrWriter } from './writer.js';

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
  /** Each field's qualified name for errors, by id. */
  private readonly names: string[] = [];
  constructor(readonly setName: string, fields: AttrField[]) {
    for (const f of fields) {
      if (!IDENTIFIER.test(f.name)) throw new TypeError(`${setName}: not a field name: ${f.name}`);
      this.byId.set(f.id, f);
      this.byName.set(f.name, f);
      this.names[f.id] = `${setName}.${f.name}`;
    }
  }

  /** The decoder generated for this table on its first decode (see decoderFor): many tables never decode. */
  private decoder?: (buf: Uint8Array, start: number, end: number) => T;

  /**
   * Decode `buf[start, end)` straight from the wire. Strict like readAttrs: a length below the
   * header or past the end is a DecodeError, as is a payload of the wrong size for its field.
   */
  decode(buf: Uint8Array, start = 0, end = buf.length): T {
    return (this.decoder ??= this.decoderFor())(buf, start, end);
  }

  /**
   * One function per table, generated from its rows: a switch on the attribute id whose every
   * case calls its own field's codec and stores under the field's name (a named store: see
   * objectShape). Each call site then sees one codec, so V8 can inline it, where a loop over the
   * rows calling `field.codec.decodeAt` through one shared site sees every codec of every table
   * (megamorphic: a full call each time). Which ids 0-63 were seen is kept as bits; ids from 64
   * up (only the newest IFLA_* ones) are checked by reading the field back. The function is
   * named after the table (decode_IFLA, decode_IFA, ...), so profiles and --trace-opt tell them apart.
   */
  private decoderFor(): (buf: Uint8Array, start: number, end: number) => T {
    const fields = [...this.byId.values()];
    const Shape = objectShape([...fields.map((f) => f.name), UNKNOWN]);
    const cases = fields.map((f, i) => {
      const id = f.id;
      const [seen, mark] = id < 32 ? [`(seenLo & ${(1 << id) >>> 0}) !== 0`, `seenLo |= ${1 << id};`]
        : id < 64 ? [`(seenHi & ${(1 << (id - 32)) >>> 0}) !== 0`, `seenHi |= ${1 << (id - 32)};`]
          : [`out.${f.name} !== undefined`, ''];
      // A repeat of a single field: the last one wins, as in the kernel's parser.
      const again = f.multi ? `out.${f.name}.push(v);` : `out.${f.name} = v;`;
      return `case ${id}: { const v = d${i}(buf, off + ${NLA_HDRLEN}, len - ${NLA_HDRLEN}, n${i});
        if (${seen}) { keyOrder = false; ${again} } else { ${mark} out.${f.name} = ${f.multi ? '[v]' : 'v'}; } break; }`;
    });
    const src = `
      ${fields.map((_, i) => `const d${i} = fields[${i}].codec.decodeAt, n${i} = names[${i}];`).join('\n')}
      return function decode_${this.setName.replace(/\W/g, '_')}(buf, start, end) {
        const out = new Shape();
        let keyOrder = true, seenLo = 0, seenHi = 0, off = start;
        while (off < end) {
          if (end - off < ${NLA_HDRLEN}) throw new DecodeError(\`truncated attribute header (\${end - off} bytes)\`, off);
          const len = buf[off] | (buf[off + 1] << 8);
          const rawType = buf[off + 2] | (buf[off + 3] << 8);
          if (len < ${NLA_HDRLEN} || off + len > end) {
            throw new DecodeError(\`attribute type \${rawType & ${NLA_TYPE_MASK}} has bad length \${len}\`, off);
          }
          const type = rawType & ${NLA_TYPE_MASK};
          switch (type) {
            ${cases.join('\n')}
            default:
              (out.${UNKNOWN} ??= []).push({ type, flags: rawType & ${~NLA_TYPE_MASK & 0xffff}, data: buf.slice(off + ${NLA_HDRLEN}, off + len) });
              keyOrder = false;
          }
          off += (len + 3) & ~3;
        }
        if (!keyOrder) keepOrder(out, buf, start, end);
        return out;
      };`;
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- field names checked by the constructor, ids are numbers
    const make = new Function('fields', 'names', 'Shape', 'DecodeError', 'keepOrder', src) as (
      fields: AttrField[], names: string[], shape: new () => object, error: typeof DecodeError,
      keepOrder: (out: object, buf: Uint8Array, start: number, end: number) => void,
    ) => (buf: Uint8Array, start: number, end: number) => T;
    return make(fields, fields.map((f) => this.names[f.id]!), Shape, DecodeError, keepOrder);
  }

  /** Append `values` as attributes, in key order; a key the table lacks is an EncodeError. */
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
        this.putAll(w, this.field(name), val, multiIdx.get(name) ?? 0);
      }
      for (const u of unknownQ) w.raw(u);
      return;
    }
    // Every request goes through here: keys, not [key, value] pairs (one array, not one per field).
    for (const name of Object.keys(v)) {
      const val = v[name];
      if (name === UNKNOWN || val === undefined) continue;
      this.putAll(w, this.field(name), val, 0);
    }
    if (v.unknown) for (const u of v.unknown) w.raw(u);
  }

  /** The field called `name`; a name the table does not have is an EncodeError, never dropped. */
  private field(name: string): AttrField {
    const f = this.byName.get(name);
    if (!f) throw new EncodeError(`${this.setName}: no attribute "${name}"`, this.setName, name);
    return f;
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

/** Record the wire order of a decoded set on it (see ORDER). */
function keepOrder(out: object, buf: Uint8Array, start: number, end: number): void {
  Object.defineProperty(out, ORDER, { value: wireOrder(buf, start, end), enumerable: false });
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
