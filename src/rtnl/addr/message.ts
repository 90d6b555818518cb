/** An address message (RTM_NEWADDR / RTM_DELADDR / RTM_GETADDR): struct ifaddrmsg + IFA_* attributes. */
import { MessageWriter } from '../../netlink/index.js';
import { addrAttrs, type AddrAttrs } from './attrs.js';
import { decodeIfAddrMsg, encodeIfAddrMsg, IFADDRMSG_LEN, type IfAddrMsg } from './ifaddrmsg.js';

/** The payload of an address message, decoded. */
export interface AddrMessage {
  header: IfAddrMsg;
  attrs: AddrAttrs;
}

/**
 * Decode the payload (the bytes after struct nlmsghdr) of an address message: `buf[start, end)`,
 * the whole of `buf` by default. Throws DecodeError.
 */
export function decodeAddrMessage(buf: Uint8Array, start = 0, end = buf.length): AddrMessage {
  return { header: decodeIfAddrMsg(buf, start, end), attrs: addrAttrs.decode(buf, start + IFADDRMSG_LEN, end) };
}

/**
 * Encode a whole netlink message of `type` (RTM_NEWADDR, ...) with nlmsg `flags`; seq and pid are
 * left 0 for the connection to fill in.
 */
export function encodeAddrMessage(type: number, flags: number, msg: AddrMessage): Uint8Array {
  const w = new MessageWriter(type, flags, 64); // up to 64 bytes, V8 keeps a typed array on its heap (cheap)
  encodeIfAddrMsg(w, msg.header);
  addrAttrs.encode(w, msg.attrs);
  return w.finish();
}
