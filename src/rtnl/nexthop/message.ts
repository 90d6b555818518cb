/** A nexthop message (RTM_NEWNEXTHOP / RTM_DELNEXTHOP / RTM_GETNEXTHOP): struct nhmsg + NHA_* attributes. */
import { MessageWriter } from '../../netlink/index.js';
import { nexthopAttrs, type NexthopAttrs } from './attrs.js';
import { decodeNhMsg, encodeNhMsg, NHMSG_LEN, type NhMsg } from './nhmsg.js';

/** The payload of a nexthop message, decoded. */
export interface NexthopMessage {
  header: NhMsg;
  attrs: NexthopAttrs;
}

/**
 * Decode the payload (the bytes after struct nlmsghdr) of a nexthop message: `buf[start, end)`,
 * the whole of `buf` by default. Throws DecodeError.
 */
export function decodeNexthopMessage(buf: Uint8Array, start = 0, end = buf.length): NexthopMessage {
  return { header: decodeNhMsg(buf, start, end), attrs: nexthopAttrs.decode(buf, start + NHMSG_LEN, end) };
}

/**
 * Encode a whole netlink message of `type` (RTM_NEWNEXTHOP, ...) with nlmsg `flags`; seq and pid
 * are left 0 for the connection to fill in.
 */
export function encodeNexthopMessage(type: number, flags: number, msg: NexthopMessage): Uint8Array {
  const w = new MessageWriter(type, flags, 96);
  encodeNhMsg(w, msg.header);
  nexthopAttrs.encode(w, msg.attrs);
  return w.finish();
}
