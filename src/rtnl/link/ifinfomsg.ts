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
import { bufferView, DecodeError, type AttrWriter } from '../../netlink/index.js';

export const IFINFOMSG_LEN = 16;

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

/** Append a struct ifinfomsg to `w` (e.g. a MessageWriter right after the nlmsghdr). */
export function encodeIfInfoMsg(w: AttrWriter, m: IfInfoMsg): void {
  const at = w.skip(IFINFOMSG_LEN);
  w.dv.setUint8(at, m.family);
  w.dv.setUint16(at + 2, m.type, true);
  w.dv.setInt32(at + 4, m.index, true);
  w.dv.setUint32(at + 8, m.flags >>> 0, true);
  w.dv.setUint32(at + 12, m.change >>> 0, true);
}

/** Read the struct ifinfomsg at `off` of `buf`; DecodeError when fewer than 16 bytes remain. */
export function decodeIfInfoMsg(buf: Uint8Array, off = 0): IfInfoMsg {
  if (buf.length - off < IFINFOMSG_LEN) {
    throw new DecodeError(`truncated ifinfomsg (${buf.length - off} of ${IFINFOMSG_LEN} bytes)`, off);
  }
  const dv = bufferView(buf); // shared by every message of the datagram
  const o = buf.byteOffset + off;
  return {
    family: dv.getUint8(o),
    type: dv.getUint16(o + 2, true),
    index: dv.getInt32(o + 4, true),
    flags: dv.getUint32(o + 8, true),
    change: dv.getUint32(o + 12, true),
  };
}
