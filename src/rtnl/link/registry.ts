/**
 * The per-instance registry of link kinds: how IFLA_INFO_DATA (by IFLA_INFO_KIND) and
 * IFLA_INFO_SLAVE_DATA (by IFLA_INFO_SLAVE_KIND) are decoded and encoded. A kind that is not
 * registered falls back to raw bytes, re-emitted unchanged. No global mutable state: every
 * `new LinkKindRegistry()` starts with the built-in kinds (kinds/index.ts) and can be extended
 * on its own; the tables built from a registry are cached on it, not in a module.
 */
import { LINK_KINDS, SLAVE_KINDS } from './kinds/index.js';
import type { KindCodec } from './kind.js';

/** How a LinkKindRegistry starts. */
export interface LinkKindRegistryOptions {
  /** Start with the built-in kinds of kinds/index.ts (default true). */
  builtins?: boolean;
}

/** Maps IFLA_INFO_KIND and IFLA_INFO_SLAVE_KIND strings to their codecs. */
export class LinkKindRegistry {
  private readonly kinds = new Map<string, KindCodec<any>>();
  private readonly slaveKinds = new Map<string, KindCodec<any>>();
  private readonly memos = new Map<symbol, unknown>();
  private frozen = false;

  constructor(options: Readonly<LinkKindRegistryOptions> = {}) {
    if (options.builtins ?? true) {
      for (const [kind, codec] of Object.entries(LINK_KINDS)) this.kinds.set(kind, codec);
      for (const [kind, codec] of Object.entries(SLAVE_KINDS)) this.slaveKinds.set(kind, codec);
    }
  }

  /** Use `codec` for IFLA_INFO_DATA of links whose IFLA_INFO_KIND is `kind`. */
  register(kind: string, codec: KindCodec<any>): this {
    this.assertOpen();
    this.kinds.set(kind, codec);
    this.memos.clear();
    return this;
  }

  /** Use `codec` for IFLA_INFO_SLAVE_DATA of ports whose IFLA_INFO_SLAVE_KIND is `kind`. */
  registerSlave(kind: string, codec: KindCodec<any>): this {
    this.assertOpen();
    this.slaveKinds.set(kind, codec);
    this.memos.clear();
    return this;
  }

  /** Refuse further registrations (the shared built-in registry is frozen). */
  freeze(): this {
    this.frozen = true;
    return this;
  }

  private assertOpen(): void {
    if (this.frozen) throw new TypeError('this LinkKindRegistry is frozen: make your own with new LinkKindRegistry()');
  }

  /** The IFLA_INFO_DATA codec of `kind`, or undefined (raw fallback). */
  data(kind: string | undefined): KindCodec<any> | undefined {
    return kind === undefined ? undefined : this.kinds.get(kind);
  }

  /** The IFLA_INFO_SLAVE_DATA codec of slave kind `kind`, or undefined (raw fallback). */
  slaveData(kind: string | undefined): KindCodec<any> | undefined {
    return kind === undefined ? undefined : this.slaveKinds.get(kind);
  }

  /** The kinds with a codec, for diagnostics. */
  knownKinds(): { kinds: string[]; slaveKinds: string[] } {
    return { kinds: [...this.kinds.keys()], slaveKinds: [...this.slaveKinds.keys()] };
  }

  /**
   * Something built from this registry's codecs (attribute tables), made once by `make` and kept
   * under `key` until a kind is registered: the codecs' cache lives on the registry instance.
   */
  memo<T>(key: symbol, make: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const v = make();
    this.memos.set(key, v);
    return v;
  }
}

/** The built-in kinds, frozen: what decoders use when no registry is given. */
export const BUILTIN_LINK_KINDS = new LinkKindRegistry().freeze();
