/** A neighbour message (RTM_NEWNEIGH / RTM_DELNEIGH / RTM_GETNEIGH): struct ndmsg + NDA_* attributes. */
import { MessageWriter } from '../../netlink/index.js';
import { neighAttrs, type NeighAttrs } from './attrs.js';
import { decodeNdMsg, encodeNdMsg, NDMSG_LEN, type NdMsg } from './ndmsg.js';

/** The payload of a neighbour message, decoded. */
export interface NeighMessage {
  header: NdMsg;
  attrs: NeighAttrs;
}

/** Decode the payload (the bytes after struct nlmsghdr) of a neighbour message. Throws DecodeError. */
export function decodeNeighMessage(payload: Uint8Array): NeighMessage {
  return { header: decodeNdMsg(payload), attrs: neighAttrs.decode(payload, NDMSG_LEN) };
}

/**
 * Encode a whole netlink message of `type` (RTM_NEWNEIGH, ...) with nlmsg `flags`; seq and pid
 * are left 0 for the connection to fill in.
 */
export function encodeNeighMessage(type: number, flags: number, msg: NeighMessage): Uint8Array {
  const w = new MessageWriter(type, flags, 96);
  encodeNdMsg(w, msg.header);
  neighAttrs.encode(w, msg.attrs);
  return w.finish();
}
