/**
 * The contract of a tc kind module (one file per qdisc, filter or action kind): how its
 * TCA_OPTIONS (TCA_ACT_OPTIONS for an action) payload maps to a typed object, and for qdiscs how
 * the kind's own statistics (TCA_STATS_APP, "xstats") read. Chosen by TCA_KIND / TCA_ACT_KIND
 * through a TcKindRegistry; a kind without a codec stays raw bytes.
 */
import { AttrTable, codecAt, exact, type AttrCodec, type AttrWriter, type FixedStruct } from '../../netlink/index.js';
import type { TcKindRegistry } from './registry.js';

/** What a kind codec may need besides its bytes: the registry (filters nest actions). */
export interface TcKindContext {
  readonly registry: TcKindRegistry;
}

/**
 * How one kind's options payload maps to a typed object. `decode` gets the payload and throws
 * only DecodeError; `encode` writes the payload only (the caller writes the attribute header).
 */
export interface TcOptionsCodec<T extends object = object> {
  /** The typed options of the payload `data`; `name` names it in a DecodeError. */
  decode(data: Uint8Array, ctx: TcKindContext, name: string): T;
  /** Write `value` as the payload (not the TCA_OPTIONS header). */
  encode(w: AttrWriter, value: T, ctx: TcKindContext): void;
}

/** How a kind's xstats payload (TCA_STATS_APP / TCA_XSTATS) reads; never sent, so no encoder. */
export type XstatsDecoder<X> = (data: Uint8Array, name: string) => X;

/** A qdisc kind: its options and xstats, and those of its classes where they differ. */
export interface QdiscKindCodec<O extends object = object, X = unknown, CO extends object = O, CX = unknown> {
  readonly options?: TcOptionsCodec<O>;
  readonly xstats?: XstatsDecoder<X>;
  /** Options of the qdisc's classes (default: `options`, the same attribute space). */
  readonly classOptions?: TcOptionsCodec<CO>;
  readonly classXstats?: XstatsDecoder<CX>;
}

/** A filter (classifier) kind: its options, which may nest actions. */
export interface FilterKindCodec<O extends object = object> {
  readonly options: TcOptionsCodec<O>;
}

/** An action kind: its TCA_ACT_OPTIONS. */
export interface ActionKindCodec<O extends object = object> {
  readonly options: TcOptionsCodec<O>;
}

/** Options that are one AttrTable (most kinds). */
export function tableOptions<T extends object>(table: AttrTable<T>): TcOptionsCodec<T> {
  return { decode: (data) => table.decode(data), encode: (w, v) => table.encode(w, v) };
}

/** Options that are one fixed struct (pfifo's struct tc_fifo_qopt, ...): exactly its size, or longer. */
export function structOptions<T extends object>(cName: string, s: FixedStruct<T>): TcOptionsCodec<T> {
  return {
    decode: (data, _ctx, name) => {
      if (data.length < s.size) exact(data.length, s.size, `${name} (${cName})`);
      return s.readAt(data, 0);
    },
    encode: (w, v) => {
      const at = w.skip(s.size);
      s.writeAt(w.dv, at, v);
    },
  };
}

/** An xstats decoder for one fixed struct; a shorter payload is a DecodeError, a longer one is cut. */
export function structXstats<T extends object>(cName: string, s: FixedStruct<T>): XstatsDecoder<T> {
  return (data, name) => {
    if (data.length < s.size) exact(data.length, s.size, `${name} (${cName})`);
    return s.readAt(data, 0);
  };
}

/** An attribute codec around an options codec (TCA_OPTIONS inside a table). */
export function optionsAttr<T extends object>(codec: TcOptionsCodec<T>, ctx: TcKindContext, name: string): AttrCodec<T | Uint8Array> {
  return codecAt<T | Uint8Array>(
    (b, o, len) => codec.decode(b.subarray(o, o + len), ctx, name),
    (w, t, v) => {
      if (v instanceof Uint8Array) w.bytes(t, v);
      else w.nested(t, () => codec.encode(w, v, ctx));
    },
  );
}

/** The codec of an attribute holding one fixed struct made with fixedStruct or compositeStruct. */
export function fixedAttr<T extends object>(s: FixedStruct<T>): AttrCodec<T> {
  return codecAt(
    (b, o, len, name) => {
      exact(len, s.size, name);
      return s.readAt(b, o);
    },
    (w, t, v) => {
      const at = w.attr(t, s.size); // may grow the writer: the offset first
      s.writeAt(w.dv, at, v);
    },
  );
}
