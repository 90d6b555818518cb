/**
 * An RTM_NEWLINK / RTM_DELLINK / RTM_GETLINK / RTM_SETLINK payload: struct ifinfomsg followed
 * by IFLA_* attributes. Decoding and encoding are exact inverses: a message decoded from the
 * kernel re-encodes to the same bytes (attribute order and unknown attributes included).
 */
import { DecodeError, type AttrTable, type AttrWriter } from '../../netlink/index.js';
import { AF_BRIDGE } from '../common.js';
import { linkAttrTable, type LinkAttrs } from './attrs.js';
import { decodeIfInfoMsg, encodeIfInfoMsg, IFINFOMSG_LEN, type IfInfoMsg } from './ifinfomsg.js';
import type { KindContext } from './kind.js';
import { BUILTIN_LINK_KINDS, type LinkKindRegistry } from './registry.js';

/** One link message: the fixed header and the decoded attributes. */
export interface LinkMessage {
  ifinfo: IfInfoMsg;
  attrs: LinkAttrs;
}

interface Codec {
  ctx: KindContext;
  table: AttrTable<LinkAttrs>;
  /** For ifi_family AF_BRIDGE, where IFLA_AF_SPEC is not one nest per family. */
  bridgeTable: AttrTable<LinkAttrs>;
  /** Nesting level of decodeLinkMessage (a veth peer is a link message inside a link message). */
  depth: number;
}

/** More levels than any real message has (the kernel allows one: the peer). */
const MAX_DEPTH = 8;
const LINK_CODEC = Symbol('link message codec');

/** The link message tables of `registry`, built once and kept on the registry. */
function codecFor(registry: LinkKindRegistry): Codec {
  return registry.memo(LINK_CODEC, () => {
    const ctx: KindContext = {
      registry,
      decodeLinkMessage: (payload) => decodeLinkMessage(payload, registry),
      encodeLinkMessage: (w, msg) => encodeLinkMessage(w, msg, registry),
    };
    return { ctx, table: linkAttrTable(ctx), bridgeTable: linkAttrTable(ctx, false), depth: 0 };
  });
}

/**
 * Decode a link message payload (the bytes after the nlmsghdr): `buf[start, end)`, the whole of
 * `buf` by default. Kind data is decoded through `registry` (default: the built-in kinds). Throws
 * only DecodeError.
 */
export function decodeLinkMessage(
  buf: Uint8Array, registry: LinkKindRegistry = BUILTIN_LINK_KINDS, start = 0, end = buf.length,
): LinkMessage {
  const c = codecFor(registry);
  if (c.depth >= MAX_DEPTH) throw new DecodeError(`link messages nested more than ${MAX_DEPTH} deep`, 0);
  c.depth++;
  try {
    const ifinfo = decodeIfInfoMsg(buf, start, end); // DecodeError when shorter than struct ifinfomsg
    const attrs = (ifinfo.family === AF_BRIDGE ? c.bridgeTable : c.table).decode(buf, start + IFINFOMSG_LEN, end);
    return { ifinfo, attrs };
  } finally {
    c.depth--;
  }
}

/**
 * Append a link message payload to `w`: the ifinfomsg, then the attributes (in their decoded wire
 * order when `msg` came from decodeLinkMessage, else in the object's key order). With a
 * MessageWriter, this builds a whole request.
 */
export function encodeLinkMessage(w: AttrWriter, msg: LinkMessage, registry: LinkKindRegistry = BUILTIN_LINK_KINDS): void {
  encodeIfInfoMsg(w, msg.ifinfo);
  // One table for every family: an `afSpec` given for an AF_BRIDGE message is written as asked,
  // and a decoded AF_BRIDGE message has its IFLA_AF_SPEC in `unknown`, re-emitted as it came.
  codecFor(registry).table.encode(w, msg.attrs);
}
