/**
 * struct ifinfomsg (<linux/rtnetlink.h>): the fixed header of every RTM_*LINK message, 16 bytes,
 * host byte order:
 *
 *   0        1        2                 4                 8                 12                16
 *   +--------+--------+-----------------+-----------------+-----------------+-----------------+
 *   | family | (pad)  | type (ARPHRD_*) | index (int)     | flags (IFF_*)   | change (mask)   |
 *   +--------+--------+-----------------+-----------------+-----------------+-----------------+
 *
 * The pad byte (ifi___pad) is always zero; it is not kept.
 */
import { structHeader } from '../../netlink/index.js';

/** struct ifinfomsg: ifi_family, ifi_type, ifi_index, ifi_flags, ifi_change. */
export interface IfInfoMsg {
  /** ifi_family: AF_UNSPEC (0) for most requests, AF_BRIDGE / AF_PACKET in some dumps. */
  family: number;
  /** ifi_type: the device's ARPHRD_* link type. */
  type: number;
  /** ifi_index: the interface index (0 = not given). */
  index: number;
  /** ifi_flags: IFF_* bits. */
  flags: number;
  /** ifi_change: which IFF_* bits of `flags` a request changes (0xffffffff = all). */
  change: number;
}

/** A zeroed ifinfomsg with the given fields set, for building requests. */
export function newIfInfoMsg(init: Partial<IfInfoMsg> = {}): IfInfoMsg {
  return { family: 0, type: 0, index: 0, flags: 0, change: 0, ...init };
}

const IFINFOMSG = structHeader<IfInfoMsg>('ifinfomsg', [
  ['family', 'u8'], ['', 'pad1'], ['type', 'u16'], ['index', 's32'], ['flags', 'u32'], ['change', 'u32'],
]);
export const IFINFOMSG_LEN = IFINFOMSG.size;

/** Append struct ifinfomsg to `w`. */
export const encodeIfInfoMsg = IFINFOMSG.encode;

/** Read the struct ifinfomsg at `off` of `buf`; DecodeError when fewer than 16 bytes remain. */
export const decodeIfInfoMsg = IFINFOMSG.decode;
