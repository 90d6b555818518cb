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
import { structCodec, structHeader } from '../../netlink/index.js';

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

const NDMSG = structHeader<NdMsg>('ndmsg', [
  ['family', 'u8'], ['', 'pad1'], ['', 'pad2'], ['ifindex', 's32'], ['state', 'u16'], ['flags', 'u8'], ['type', 'u8'],
]);
export const NDMSG_LEN = NDMSG.size;

/** Decode struct ndmsg at `off`; DecodeError when fewer than 12 bytes are there. */
export const decodeNdMsg = NDMSG.decode;

/** Append struct ndmsg to `w`. */
export const encodeNdMsg = NDMSG.encode;

/** struct nda_cacheinfo: ages in clock ticks (USER_HZ, 100 per second). */
export interface NdaCacheInfo {
  confirmed: number;
  used: number;
  updated: number;
  refcnt: number;
}

/** NDA_CACHEINFO payload codec (exactly 16 bytes). */
export const ndaCacheInfo = structCodec<NdaCacheInfo>([['confirmed', 'u32'], ['used', 'u32'], ['updated', 'u32'], ['refcnt', 'u32']]);
