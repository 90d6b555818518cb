/**
 * The fixed headers of the tc messages (<linux/rtnetlink.h>): struct tcmsg before the TCA_*
 * attributes of a qdisc, class, filter or chain message, and struct tcamsg before the TCA_ROOT_*
 * attributes of an action message. Host byte order.
 *
 *   struct tcmsg (20 bytes)
 *   0        1        2        4                8                12               16               20
 *   +--------+--------+--------+----------------+----------------+----------------+----------------+
 *   | family | pad1   | pad2   | ifindex (s32)  | handle         | parent         | info           |
 *   +--------+--------+--------+----------------+----------------+----------------+----------------+
 *
 *   struct tcamsg (4 bytes)
 *   0        1        2        4
 *   +--------+--------+--------+
 *   | family | pad1   | pad2   |
 *   +--------+--------+--------+
 *
 * tcm_info is a qdisc's or class's reference count in replies; for a filter it holds the
 * priority in its top 16 bits and the protocol (network order) in its low 16 bits.
 */
import { structHeader } from '../../netlink/index.js';

/** struct tcmsg (the padding is not kept: it is zero on the wire). */
export interface TcMsg {
  /** tcm_family: AF_UNSPEC. */
  family: number;
  /** tcm_ifindex: the device (TCM_IFINDEX_MAGIC_BLOCK, as -1, for a shared block). */
  ifindex: number;
  /** tcm_handle: the object's own handle. */
  handle: number;
  /** tcm_parent: its parent (TC_H_ROOT, TC_H_INGRESS, a class), or a block index. */
  parent: number;
  /** tcm_info: refcount of a qdisc or class; priority << 16 | htons(protocol) of a filter. */
  info: number;
}

const TCMSG = structHeader<TcMsg>('tcmsg', [
  ['family', 'u8'], ['', 'pad1'], ['', 'pad2'], ['ifindex', 's32'], ['handle', 'u32'], ['parent', 'u32'], ['info', 'u32'],
]);
/** Size of struct tcmsg. */
export const TCMSG_LEN = TCMSG.size;
/** Decode struct tcmsg at `off`; DecodeError when fewer than 20 bytes are there. */
export const decodeTcMsg = TCMSG.decode;
/** Append struct tcmsg to a writer. */
export const encodeTcMsg = TCMSG.encode;

/** struct tcamsg: the family of an action message (AF_UNSPEC); the padding is not kept. */
export interface TcaMsg {
  family: number;
}

const TCAMSG = structHeader<TcaMsg>('tcamsg', [['family', 'u8'], ['', 'pad1'], ['', 'pad2']]);
/** Size of struct tcamsg. */
export const TCAMSG_LEN = TCAMSG.size;
/** Decode struct tcamsg at `off`. */
export const decodeTcaMsg = TCAMSG.decode;
/** Append struct tcamsg to a writer. */
export const encodeTcaMsg = TCAMSG.encode;
