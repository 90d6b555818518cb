/**
 * RTM_NEWNETCONF / RTM_DELNETCONF / RTM_GETNETCONF messages: a struct netconfmsg followed by
 * NETCONFA_* attributes (<linux/netconf.h>).
 *
 *   0        1                4
 *   +--------+----------------+--------------------------+
 *   | family | pad (3 bytes)  | NETCONFA_* attributes... |
 *   +--------+----------------+--------------------------+
 *
 * struct netconfmsg is one byte (ncm_family); attributes start at the next 4-byte boundary.
 */
import { AttrTable, DecodeError, MessageWriter, align4, s32, type RawAttr } from '../../netlink/index.js';
import {
  NETCONFA_BC_FORWARDING, NETCONFA_FORWARDING, NETCONFA_IFINDEX, NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN, NETCONFA_INPUT,
  NETCONFA_MC_FORWARDING, NETCONFA_PROXY_NEIGH, NETCONFA_RP_FILTER,
} from './constants.js';

/** struct netconfmsg: the address family (AF_INET, AF_INET6, AF_MPLS; AF_UNSPEC to dump all). */
export interface NetconfMsg {
  family: number;
}

/** Size of struct netconfmsg on the wire, with the padding that follows it. */
export const NETCONFMSG_LEN = align4(1);

/** NETCONFA_* attributes, decoded (each an s32). Unknown attributes are kept and re-emitted. */
export interface NetconfAttrs {
  /** NETCONFA_IFINDEX: the device, or -1 (all) / -2 (default). */
  ifindex?: number;
  forwarding?: number;
  rpFilter?: number;
  mcForwarding?: number;
  proxyNeigh?: number;
  ignoreRoutesWithLinkdown?: number;
  input?: number;
  bcForwarding?: number;
  unknown?: RawAttr[];
}

/** One netconf message: its header and its attributes. */
export interface NetconfMessage {
  header: NetconfMsg;
  attrs: NetconfAttrs;
}

/** The NETCONFA_* attribute set (kernel policy devconf_ipv4_policy / devconf_ipv6_policy). */
export const netconfAttrTable = new AttrTable<NetconfAttrs>('NETCONFA', [
  { id: NETCONFA_IFINDEX, name: 'ifindex', codec: s32 },
  { id: NETCONFA_FORWARDING, name: 'forwarding', codec: s32 },
  { id: NETCONFA_RP_FILTER, name: 'rpFilter', codec: s32 },
  { id: NETCONFA_MC_FORWARDING, name: 'mcForwarding', codec: s32 },
  { id: NETCONFA_PROXY_NEIGH, name: 'proxyNeigh', codec: s32 },
  { id: NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN, name: 'ignoreRoutesWithLinkdown', codec: s32 },
  { id: NETCONFA_INPUT, name: 'input', codec: s32 },
  { id: NETCONFA_BC_FORWARDING, name: 'bcForwarding', codec: s32 },
]);

/**
 * Decode the payload (after the nlmsghdr) of an RTM_*NETCONF message. A 1-3 byte payload is a
 * header without attributes. Throws only DecodeError.
 */
export function decodeNetconfMessage(payload: Uint8Array): NetconfMessage {
  if (payload.length < 1) throw new DecodeError('struct netconfmsg needs 1 byte, got 0', 0, 'netconfmsg');
  return { header: { family: payload[0]! }, attrs: netconfAttrTable.decode(payload, NETCONFMSG_LEN) };
}

/**
 * Encode a whole RTM_*NETCONF message (nlmsghdr, netconfmsg with padding, attributes). `flags`
 * are the nlmsghdr flags; seq and pid are left 0 for the connection to fill in.
 */
export function encodeNetconfMessage(type: number, flags: number, msg: NetconfMessage): Uint8Array {
  const w = new MessageWriter(type, flags, 64);
  const at = w.skip(NETCONFMSG_LEN);
  w.dv.setUint8(at, msg.header.family);
  netconfAttrTable.encode(w, msg.attrs);
  return w.finish();
}
