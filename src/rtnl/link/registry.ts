/**
 * The per-instance registry of link kinds: how IFLA_INFO_DATA (by IFLA_INFO_KIND) and
 * IFLA_INFO_SLAVE_DATA (by IFLA_INFO_SLAVE_KIND) are decoded and encoded. A kind that is not
 * registered falls back to raw bytes, re-emitted unchanged. No global mutable state: every
 * `new LinkKindRegistry()` starts with the built-in kinds and can be extended on its own.
 */
import { bridgeKind } from './bridge.js';
import { bridgeSlaveKind } from './bridge_slave.js';
import type { KindCodec } from './kind.js';
import { macvlanKind } from './macvlan.js';
import { vethKind } from './veth.js';
import { vxlanKind } from './vxlan.js';

export interface LinkKindRegistryOptions {
  /** Start with veth, bridge, vxlan, macvlan, macvtap and the bridge port (default true). */
  builtins?: boolean;
}

/** Maps IFLA_INFO_KIND and IFLA_INFO_SLAVE_KIND strings to their codecs. */
export class LinkKindRegistry {
  private readonly kinds = new Map<string, KindCodec<any>>();
  private readonly slaveKinds = new Map<string, KindCodec<any>>();

  constructor(options: Readonly<LinkKindRegistryOptions> = {}) {
    if (options.builtins ?? true) {
      this.register('veth', vethKind);
      this.register('bridge', bridgeKind);
      this.register('vxlan', vxlanKind);
      this.register('macvlan', macvlanKind);
      this.register('macvtap', macvlanKind);
      this.registerSlave('bridge', bridgeSlaveKind);
    }
  }

  /** Use `codec` for IFLA_INFO_DATA of links whose IFLA_INFO_KIND is `kind`. */
  register(kind: string, codec: KindCodec<any>): this {
    this.kinds.set(kind, codec);
    return this;
  }

  /** Use `codec` for IFLA_INFO_SLAVE_DATA of ports whose IFLA_INFO_SLAVE_KIND is `kind`. */
  registerSlave(kind: string, codec: KindCodec<any>): this {
    this.slaveKinds.set(kind, codec);
    return this;
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
}
