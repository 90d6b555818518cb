/**
 * The fixed header of an address message, struct ifaddrmsg (<linux/if_addr.h>), and the
 * IFA_CACHEINFO payload, struct ifa_cacheinfo. Host byte order.
 *
 *   struct ifaddrmsg (8 bytes)
 *   0          1             2           3           4                       8
 *   +----------+-------------+-----------+-----------+-----------------------+
 *   | family   | prefixlen   | flags     | scope     | index (u32)           |
 *   +----------+-------------+-----------+-----------+-----------------------+
 *
 *   struct ifa_cacheinfo (16 bytes)
 *   0                4                8                12               16
 *   +----------------+----------------+----------------+----------------+
 *   | ifa_prefered   | ifa_valid      | cstamp         | tstamp         |
 *   +----------------+----------------+----------------+----------------+
 */
import { bufferView, DecodeError, structCodec, type AttrWriter } from '../../netlink/index.js';

export const IFADDRMSG_LEN = 8;

/** struct ifaddrmsg. */
export interface IfAddrMsg {
  /** ifa_family: AF_INET, AF_INET6, ... */
  family: number;
  /** ifa_prefixlen. */
  prefixlen: number;
  /** ifa_flags: the low 8 bits of IFA_F_*; IFA_FLAGS carries all 32. */
  flags: number;
  /** ifa_scope: RT_SCOPE_*. */
  scope: number;
  /** ifa_index: the interface's ifindex. */
  index: number;
}

/** Decode struct ifaddrmsg at `off`; DecodeError when fewer than 8 bytes are there. */
export function decodeIfAddrMsg(buf: Uint8Array, off = 0): IfAddrMsg {
  if (buf.length - off < IFADDRMSG_LEN) throw new DecodeError(`truncated ifaddrmsg (${buf.length - off} bytes)`, off);
  const dv = bufferView(buf); // shared by every message of the datagram
  const o = buf.byteOffset + off;
  return {
    family: dv.getUint8(o),
    prefixlen: dv.getUint8(o + 1),
    flags: dv.getUint8(o + 2),
    scope: dv.getUint8(o + 3),
    index: dv.getUint32(o + 4, true),
  };
}

/** Append struct ifaddrmsg to `w`. */
export function encodeIfAddrMsg(w: AttrWriter, h: IfAddrMsg): void {
  const at = w.skip(IFADDRMSG_LEN);
  w.dv.setUint8(at, h.family);
  w.dv.setUint8(at + 1, h.prefixlen);
  w.dv.setUint8(at + 2, h.flags);
  w.dv.setUint8(at + 3, h.scope);
  w.dv.setUint32(at + 4, h.index, true);
}

/** struct ifa_cacheinfo: lifetimes in seconds (0xffffffff = forever), stamps in 1/100 s. */
export interface IfaCacheInfo {
  /** ifa_prefered (sic, the kernel's spelling). */
  preferred: number;
  valid: number;
  /** Creation time, hundredths of seconds since boot. */
  cstamp: number;
  /** Last update time, hundredths of seconds since boot. */
  tstamp: number;
}

/** IFA_CACHEINFO payload codec (exactly 16 bytes). */
export const ifaCacheInfo = structCodec<IfaCacheInfo>([['preferred', 'u32'], ['valid', 'u32'], ['cstamp', 'u32'], ['tstamp', 'u32']]);
