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
import { structCodec, structHeader } from '../../netlink/index.js';

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

const IFADDRMSG = structHeader<IfAddrMsg>('ifaddrmsg', [
  ['family', 'u8'], ['prefixlen', 'u8'], ['flags', 'u8'], ['scope', 'u8'], ['index', 'u32'],
]);
export const IFADDRMSG_LEN = IFADDRMSG.size;

/** Decode struct ifaddrmsg at `off`; DecodeError when fewer than 8 bytes are there. */
export const decodeIfAddrMsg = IFADDRMSG.decode;

/** Append struct ifaddrmsg to `w`. */
export const encodeIfAddrMsg = IFADDRMSG.encode;

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
