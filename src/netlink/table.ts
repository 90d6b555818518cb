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
