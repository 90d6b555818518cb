/**
 * The contract of a link kind module (veth.ts, bridge.ts, ...): a codec for the payload of
 * IFLA_INFO_DATA or IFLA_INFO_SLAVE_DATA, chosen by IFLA_INFO_KIND / IFLA_INFO_SLAVE_KIND.
 */
import type { AttrWriter } from '../../netlink/index.js';
import type { LinkKindRegistry } from './registry.js';
import type { LinkMessage } from './message.js';

/** What a kind codec may need besides its bytes: the link codec itself (veth nests a link). */
export interface KindContext {
  readonly registry: LinkKindRegistry;
  /** Decode a nested ifinfomsg + IFLA_* payload (VETH_INFO_PEER). */
  decodeLinkMessage(payload: Uint8Array): LinkMessage;
  /** Write a nested ifinfomsg + IFLA_* payload. */
  encodeLinkMessage(w: AttrWriter, msg: LinkMessage): void;
}

/**
 * How one kind's IFLA_INFO_DATA (or IFLA_INFO_SLAVE_DATA) payload maps to a typed object.
 * `decode` gets the payload (the nested attributes) and throws only DecodeError; `encode`
 * writes the nested attributes only (the caller writes the IFLA_INFO_DATA header).
 */
export interface KindCodec<T extends object = object> {
  /** The typed data of the payload `data`; `name` names it in a DecodeError. */
  decode(data: Uint8Array, ctx: KindContext, name: string): T;
  /** Write `value`'s nested attributes (not the IFLA_INFO_DATA header). */
  encode(w: AttrWriter, value: T, ctx: KindContext): void;
}

/** A kind codec whose data is one AttrTable (every built-in kind but veth). */
export function tableKind<T extends object>(table: {
  /** The typed object of the attributes in `buf`. */
  decode(buf: Uint8Array): T;
  /** Write `v` as attributes. */
  encode(w: AttrWriter, v: T): void;
}): KindCodec<T> {
  return {
    decode: (data) => table.decode(data),
    encode: (w, v) => table.encode(w, v),
  };
}
