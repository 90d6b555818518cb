/**
 * RTM_NEWNSID / RTM_DELNSID / RTM_GETNSID messages: a struct rtgenmsg followed by NETNSA_*
 * attributes (<linux/net_namespace.h>).
 *
 *   0        1                4
 *   +--------+----------------+------------------------+
 *   | family | pad (3 bytes)  | NETNSA_* attributes... |
 *   +--------+----------------+------------------------+
 *
 * struct rtgenmsg is one byte (rtgen_family); attributes start at the next 4-byte boundary, so
 * iproute2 and the kernel both send three zero bytes of padding after it.
 */
import {
  AttrTable, DecodeError, MessageWriter, align4, s32, u32, type RawAttr,
} from '../../netlink/index.js';
import {
  NETNSA_CURRENT_NSID, NETNSA_FD, NETNSA_NSID, NETNSA_PID, NETNSA_TARGET_NSID,
} from './constants.js';

/** struct rtgenmsg: just the address family (AF_UNSPEC for nsid messages). */
export interface RtGenMsg {
  family: number;
}

/** Size of struct rtgenmsg on the wire, with the alignment padding that follows it. */
export const RTGENMSG_LEN = align4(1);

/** NETNSA_* attributes, decoded. Unknown attributes are kept and re-emitted. */
export interface NsidAttrs {
  /** NETNSA_NSID (s32); -1 = NETNSA_NSID_NOT_ASSIGNED. */
  nsid?: number;
  /** NETNSA_PID (u32). */
  pid?: number;
  /** NETNSA_FD (u32). */
  fd?: number;
  /** NETNSA_TARGET_NSID (s32). */
  targetNsid?: number;
  /** NETNSA_CURRENT_NSID (s32). */
  currentNsid?: number;
  unknown?: RawAttr[];
}

/** One nsid message: its rtgenmsg header and its attributes. */
export interface NsidMessage {
  header: RtGenMsg;
  attrs: NsidAttrs;
}

/** The NETNSA_* attribute set (kernel policy rtnl_net_policy). */
export const nsidAttrTable = new AttrTable<NsidAttrs>('NETNSA', [
  { id: NETNSA_NSID, name: 'nsid', codec: s32 },
  { id: NETNSA_PID, name: 'pid', codec: u32 },
  { id: NETNSA_FD, name: 'fd', codec: u32 },
  { id: NETNSA_TARGET_NSID, name: 'targetNsid', codec: s32 },
  { id: NETNSA_CURRENT_NSID, name: 'currentNsid', codec: s32 },
]);

/** Decode struct rtgenmsg from the start of a payload (the padding after it is not checked). */
export function decodeRtGenMsg(payload: Uint8Array): RtGenMsg {
  if (payload.length < 1) throw new DecodeError('struct rtgenmsg needs 1 byte, got 0', 0, 'rtgenmsg');
  return { family: payload[0]! };
}

/** Append struct rtgenmsg and its 3 bytes of zero padding to a message being written. */
export function encodeRtGenMsg(w: MessageWriter, h: RtGenMsg): void {
  const at = w.skip(RTGENMSG_LEN);
  w.dv.setUint8(at, h.family);
}

/**
 * Decode the payload (after the nlmsghdr) of an RTM_*NSID message. A payload of 1-3 bytes is a
 * header without attributes. Throws only DecodeError.
 */
export function decodeNsidMessage(payload: Uint8Array): NsidMessage {
  const header = decodeRtGenMsg(payload);
  // Attributes start after the padding; a 1-3 byte payload simply has none.
  return { header, attrs: nsidAttrTable.decode(payload, RTGENMSG_LEN) };
}

/**
 * Encode a whole RTM_*NSID message (nlmsghdr, rtgenmsg with padding, attributes). `flags` are the
 * nlmsghdr flags; seq and pid are left 0 for the connection to fill in.
 */
export function encodeNsidMessage(type: number, flags: number, msg: NsidMessage): Uint8Array {
  const w = new MessageWriter(type, flags, 64);
  encodeRtGenMsg(w, msg.header);
  nsidAttrTable.encode(w, msg.attrs);
  return w.finish();
}
