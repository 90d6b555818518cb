/**
 * Kind "veth" (drivers/net/veth.c, <linux/veth.h>): IFLA_INFO_DATA holds VETH_INFO_PEER, the
 * peer device as a whole nested link message (struct ifinfomsg + IFLA_* attributes), which is
 * decoded and encoded recursively with the same registry. The kernel sends it only in requests;
 * dumps carry no veth INFO_DATA.
 */
import { AttrTable, codecAt, type RawAttr } from '../../../netlink/index.js';
import type { KindCodec, KindContext } from '../kind.js';
import type { LinkMessage } from '../message.js';

// VETH_INFO_*: children of IFLA_INFO_DATA for kind "veth" (<linux/veth.h>).
export const VETH_INFO_PEER = 1;

/** IFLA_INFO_DATA of a veth. */
export interface VethInfo {
  /** VETH_INFO_PEER: the peer's ifinfomsg and attributes (its name, netns, ...). */
  peer?: LinkMessage;
  unknown?: RawAttr[];
}

const VETH_TABLE = Symbol('VETH_INFO table');

/** The VETH_INFO table of ctx's registry (the peer is decoded with that registry), kept on it. */
function vethTable(ctx: KindContext): AttrTable<VethInfo> {
  return ctx.registry.memo(VETH_TABLE, () => buildVethTable(ctx));
}

function buildVethTable(ctx: KindContext): AttrTable<VethInfo> {
  const peer = codecAt<LinkMessage>(
    (b, o, len) => ctx.decodeLinkMessage(b.subarray(o, o + len)),
    (w, t, v) => { w.nested(t, () => ctx.encodeLinkMessage(w, v)); },
  );
  return new AttrTable<VethInfo>('VETH_INFO', [{ id: VETH_INFO_PEER, name: 'peer', codec: peer }]);
}

/** The codec of veth's IFLA_INFO_DATA. */
export const vethKind: KindCodec<VethInfo> = {
  decode: (data, ctx) => vethTable(ctx).decode(data),
  encode: (w, v, ctx) => vethTable(ctx).encode(w, v),
};
