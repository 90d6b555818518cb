/**
 * The per-instance registry of tc kinds: TCA_KIND of a qdisc (and its classes) or a filter, and
 * TCA_ACT_KIND of an action, to the codec of its options. A kind without a codec stays raw bytes,
 * re-emitted unchanged. No global mutable state: every `new TcKindRegistry()` starts with the
 * built-in kinds (qdiscs/, filters/, actions/ index files) and can be extended on its own; tables
 * built from a registry are cached on it.
 */
import { ACTION_KINDS } from './actions/index.js';
import { FILTER_KINDS } from './filters/index.js';
import type { ActionKindCodec, FilterKindCodec, QdiscKindCodec } from './kind.js';
import { QDISC_KINDS } from './qdiscs/index.js';

/** How a TcKindRegistry starts. */
export interface TcKindRegistryOptions {
  /** Start with the built-in kinds (default true). */
  builtins?: boolean;
}

/** Maps tc kind names to their codecs, one map per family. */
export class TcKindRegistry {
  private readonly qdiscs = new Map<string, QdiscKindCodec<any, any, any, any>>();
  private readonly filters = new Map<string, FilterKindCodec<any>>();
  private readonly actions = new Map<string, ActionKindCodec<any>>();
  private readonly memos = new Map<symbol, unknown>();
  private frozen = false;

  constructor(options: Readonly<TcKindRegistryOptions> = {}) {
    if (options.builtins ?? true) {
      for (const [k, c] of Object.entries(QDISC_KINDS) as [string, QdiscKindCodec<any, any, any, any>][]) this.qdiscs.set(k, c);
      for (const [k, c] of Object.entries(FILTER_KINDS) as [string, FilterKindCodec<any>][]) this.filters.set(k, c);
      for (const [k, c] of Object.entries(ACTION_KINDS) as [string, ActionKindCodec<any>][]) this.actions.set(k, c);
    }
  }

  /** Use `codec` for qdiscs (and their classes) of kind `kind`. */
  registerQdisc(kind: string, codec: QdiscKindCodec<any, any, any, any>): this {
    return this.put(this.qdiscs, kind, codec);
  }

  /** Use `codec` for filters of kind `kind`. */
  registerFilter(kind: string, codec: FilterKindCodec<any>): this {
    return this.put(this.filters, kind, codec);
  }

  /** Use `codec` for actions of kind `kind`. */
  registerAction(kind: string, codec: ActionKindCodec<any>): this {
    return this.put(this.actions, kind, codec);
  }

  private put<C>(map: Map<string, C>, kind: string, codec: C): this {
    if (this.frozen) throw new TypeError('this TcKindRegistry is frozen: make your own with new TcKindRegistry()');
    map.set(kind, codec);
    this.memos.clear();
    return this;
  }

  /** Refuse further registrations (the shared built-in registry is frozen). */
  freeze(): this {
    this.frozen = true;
    return this;
  }

  /** The codec of qdisc kind `kind`, or undefined (raw). */
  qdisc(kind: string | undefined): QdiscKindCodec<any, any, any, any> | undefined {
    return kind === undefined ? undefined : this.qdiscs.get(kind);
  }

  /** The codec of filter kind `kind`, or undefined (raw). */
  filter(kind: string | undefined): FilterKindCodec<any> | undefined {
    return kind === undefined ? undefined : this.filters.get(kind);
  }

  /** The codec of action kind `kind`, or undefined (raw). */
  action(kind: string | undefined): ActionKindCodec<any> | undefined {
    return kind === undefined ? undefined : this.actions.get(kind);
  }

  /** The kinds with a codec, for diagnostics. */
  knownKinds(): { qdiscs: string[]; filters: string[]; actions: string[] } {
    return { qdiscs: [...this.qdiscs.keys()], filters: [...this.filters.keys()], actions: [...this.actions.keys()] };
  }

  /** Something built from this registry's codecs, made once by `make` and kept until a kind is registered. */
  memo<T>(key: symbol, make: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const v = make();
    this.memos.set(key, v);
    return v;
  }
}

/** The built-in kinds, frozen: what decoders use when no registry is given. */
export const BUILTIN_TC_KINDS = new TcKindRegistry().freeze();
