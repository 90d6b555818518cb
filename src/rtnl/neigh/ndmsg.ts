/**
 * The fixed header of a neighbour message, struct ndmsg (<linux/neighbour.h>), and the
 * NDA_CACHEINFO payload, struct nda_cacheinfo. Host byte order.
 *
 *   struct ndmsg (12 bytes)
 *   0          1        2              4                      8              10       11       12
 *   +----------+--------+--------------+----------------------+--------------+--------+--------+
 *   | family   | pad1   | pad2 (u16)   | ifindex (s32)        | state (u16)  | flags  | type   |
 *   +----------+--------+--------------+----------------------+--------------+--------+--------+
 *
 *   struct nda_cacheinfo (16 bytes), times in clock ticks (USER_HZ)
 *   0                4                8                12               16
 *   +----------------+----------------+----------------+----------------+
 *   | confirmed      | used           | updated        | refcnt         |
 *   +----------------+----------------+----------------+----------------+
 */
import { bufferView, DecodeError, structCodec, type AttrWriter } from '../../netlink/index.js';

export const NDMSG_LEN = 12;

/** struct ndmsg (the padding is not kept: it is zero on the wire). */
export interface NdMsg {
  /** ndm_family: AF_INET, AF_INET6, AF_BRIDGE ... */
  family: number;
  /** ndm_ifindex. */
  ifindex: number;
  /** ndm_state: NUD_* bits. */
  state: number;
  /** ndm_flags: NTF_* bits. */
  flags: number;
  /** ndm_type: the route type of the address (RTN_*). */
  type: number;
}

/** Decode struct ndmsg at `off`; DecodeError when fewer than 12 bytes are there. */
export function decodeNdMsg(buf: Uint8Array, off = 0): NdMsg {
  if (buf.length - off < NDMSG_LEN) throw new DecodeError(`truncated ndmsg (${buf.length - off} bytes)`, off);
  const dv = bufferView(buf); // shared by every message of the datagram
  const o = buf.byteOffset + off;
  return {
    family: dv.getUint8(o),
    ifindex: dv.getInt32(o + 4, true),
    state: dv.getUint16(o + 8, true),
    flags: dv.getUint8(o + 10),
    type: dv.getUint8(o + 11),
  };
}

/** Append struct ndmsg to `w`. */
export function encodeNdMsg(w: AttrWriter, h: NdMsg): void {
  const at = w.skip(NDMSG_LEN);
  w.dv.setUint8(at, h.family);
  w.dv.setInt32(at + 4, h.ifindex, true);
  w.dv.setUint16(at + 8, h.state, true);
  w.dv.setUint8(at + 10, h.flags);
  w.dv.setUint8(at + 11, h.type);
}

/** struct nda_cacheinfo: ages in clock ticks (USER_HZ, 100 per second). */
export interface NdaCacheInfo {
  confirmed: number;
  used: number;
  updated: number;
  refcnt: number;
}

/** NDA_CACHEINFO payload codec (exactly 16 bytes). */
export const ndaCacheInfo = structCodec<NdaCacheInfo>([['confirmed', 'u32'], ['used', 'u32'], ['updated', 'u32'], ['refcnt', 'u32']]);
