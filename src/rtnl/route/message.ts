/** A route message (RTM_NEWROUTE / RTM_DELROUTE / RTM_GETROUTE): struct rtmsg + RTA_* attributes. */
import { MessageWriter } from '../../netlink/index.js';
import { routeAttrsFor, type RouteAttrs } from './attrs.js';
import { decodeRtMsg, encodeRtMsg, RTMSG_LEN, type RtMsg } from './rtmsg.js';

/** The payload of a route message, decoded. */
export interface RouteMessage {
  header: RtMsg;
  attrs: RouteAttrs;
}

/**
 * Decode the payload (the bytes after struct nlmsghdr) of a route message: `buf[start, end)`,
 * the whole of `buf` by default. Throws DecodeError.
 */
export function decodeRouteMessage(buf: Uint8Array, start = 0, end = buf.length): RouteMessage {
  const header = decodeRtMsg(buf, start, end);
  return { header, attrs: routeAttrsFor(header.family).decode(buf, start + RTMSG_LEN, end) };
}

/**
 * Encode a whole netlink message of `type` (RTM_NEWROUTE, ...) with nlmsg `flags`; seq and pid
 * are left 0 for the connection to fill in.
 */
export function encodeRouteMessage(type: number, flags: number, msg: RouteMessage): Uint8Array {
  const w = new MessageWriter(type, flags, 128);
  encodeRtMsg(w, msg.header);
  routeAttrsFor(msg.header.family).encode(w, msg.attrs);
  return w.finish();
}
