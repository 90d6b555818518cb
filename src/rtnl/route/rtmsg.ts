/**
 * The fixed structs of the route family (<linux/rtnetlink.h>), host byte order.
 *
 *   struct rtmsg (12 bytes)
 *   0        1         2         3        4        5          6        7        8               12
 *   +--------+---------+---------+--------+--------+----------+--------+--------+---------------+
 *   | family | dst_len | src_len | tos    | table  | protocol | scope  | type   | flags (u32)   |
 *   +--------+---------+---------+--------+--------+----------+--------+--------+---------------+
 *
 *   struct rtvia (RTA_VIA payload)          struct rta_cacheinfo (RTA_CACHEINFO, 32 bytes)
 *   0                2                       0         4         8         12        16 ...  32
 *   +----------------+------------------+    +---------+---------+---------+---------+----------+
 *   | family (u16)   | address bytes    |    | clntref | lastuse | expires | error   | used, id,|
 *   +----------------+------------------+    |         |         | (s32)   |         | ts, tsage|
 *                                            +---------+---------+---------+---------+----------+
 */
import { codecAt, DecodeError, le16, structCodec, structHeader } from '../../netlink/index.js';

/** struct rtmsg. */
export interface RtMsg {
  /** rtm_family: AF_INET, AF_INET6, ... */
  family: number;
  /** rtm_dst_len: destination prefix length. */
  dstLen: number;
  /** rtm_src_len: source prefix length. */
  srcLen: number;
  /** rtm_tos. */
  tos: number;
  /** rtm_table: the table id when below 256 (RTA_TABLE carries all 32 bits). */
  table: number;
  /** rtm_protocol: RTPROT_*. */
  protocol: number;
  /** rtm_scope: RT_SCOPE_*. */
  scope: number;
  /** rtm_type: RTN_*. */
  type: number;
  /** rtm_flags: RTNH_F_* | RTM_F_* (| RTCF_* on cloned routes). */
  flags: number;
}

const RTMSG = structHeader<RtMsg>('rtmsg', [
  ['family', 'u8'], ['dstLen', 'u8'], ['srcLen', 'u8'], ['tos', 'u8'],
  ['table', 'u8'], ['protocol', 'u8'], ['scope', 'u8'], ['type', 'u8'], ['flags', 'u32'],
]);
export const RTMSG_LEN = RTMSG.size;

/** Decode struct rtmsg at `off`; DecodeError when fewer than 12 bytes are there. */
export const decodeRtMsg = RTMSG.decode;

/** Append struct rtmsg to `w`. */
export const encodeRtMsg = RTMSG.encode;

/** struct rtvia: a gateway whose family differs from the route's (IPv4 via IPv6, MPLS). */
export interface RtVia {
  /** rtvia_family: AF_INET, AF_INET6, AF_PACKET ... */
  family: number;
  /** rtvia_addr, raw bytes. */
  addr: Uint8Array;
}

/** RTA_VIA payload codec (at least the 2-byte family). */
export const rtVia = codecAt<RtVia>(
  (b, o, len, name) => {
    if (len < 2) throw new DecodeError(`expected at least 2 bytes, got ${len}`, undefined, name);
    return { family: le16(b, o), addr: b.slice(o + 2, o + len) };
  },
  (w, type, v) => {
    const at = w.attr(type, 2 + v.addr.length);
    w.dv.setUint16(at, v.family, true);
    w.buf.set(v.addr, at + 2);
  },
);

/** struct rta_cacheinfo: times in clock ticks (USER_HZ, 100 per second). */
export interface RtaCacheInfo {
  clntref: number;
  lastuse: number;
  /** Signed ticks until expiry; 0 = never. */
  expires: number;
  error: number;
  used: number;
  id: number;
  ts: number;
  tsage: number;
}

/** RTA_CACHEINFO payload codec (exactly 32 bytes; rta_expires is signed). */
export const rtaCacheInfo = structCodec<RtaCacheInfo>([
  ['clntref', 'u32'], ['lastuse', 'u32'], ['expires', 's32'], ['error', 'u32'],
  ['used', 'u32'], ['id', 'u32'], ['ts', 'u32'], ['tsage', 'u32'],
]);
