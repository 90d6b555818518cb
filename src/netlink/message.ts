/**
 * Netlink messages (struct nlmsghdr, <linux/netlink.h>):
 *
 *   0        4        6        8        12       16
 *   +--------+--------+--------+--------+--------+------------------+
 *   | len    | type   | flags  | seq    | pid    | payload, padded  |
 *   +--------+--------+--------+--------+--------+------------------+
 *
 * A datagram holds one or more messages, each aligned to 4 bytes.
 */
import { align4, le32, readAttrs } from './nlattr.js';
import { fixedStruct } from './struct.js';
import { AttrWriter } from './writer.js';
import {
  NLM_F_ACK_TLVS, NLM_F_CAPPED, NLMSGERR_ATTR_MSG, NLMSGERR_ATTR_OFFS,
} from './constants.js';
import { DecodeError } from './errors.js';

export const NLMSG_HDRLEN = 16;

/** struct nlmsghdr. */
export interface NlMsgHeader {
  len: number;
  type: number;
  flags: number;
  seq: number;
  pid: number;
}

/** One message of a datagram: its header and a view of its payload (after the header). */
export interface NlMessage {
  header: NlMsgHeader;
  payload: Uint8Array;
}

const NLMSGHDR = fixedStruct<NlMsgHeader>([['len', 'u32'], ['type', 'u16'], ['flags', 'u16'], ['seq', 'u32'], ['pid', 'u32']]);

/** Encode a header into `out` at `off`. */
export function encodeNlMsgHeader(h: NlMsgHeader, out: Uint8Array = new Uint8Array(NLMSG_HDRLEN), off = 0): Uint8Array {
  NLMSGHDR.writeAt(new DataView(out.buffer, out.byteOffset, out.byteLength), off, h);
  return out;
}

/** Decode the header at `off`; DecodeError if fewer than 16 bytes are left. */
export function decodeNlMsgHeader(buf: Uint8Array, off = 0): NlMsgHeader {
  if (buf.length - off < NLMSG_HDRLEN) throw new DecodeError(`truncated nlmsghdr (${buf.length - off} bytes)`, off);
  return NLMSGHDR.readAt(buf, off);
}

/** The message at `off` of `buf` (nlmsg_len `len`, already checked), its payload a view of `buf`. */
export function messageAt(buf: Uint8Array, off: number, len: number): NlMessage {
  return { header: decodeNlMsgHeader(buf, off), payload: buf.subarray(off + NLMSG_HDRLEN, off + len) };
}

/**
 * nlmsg_len of the message at `off` of a datagram, checked: the header is whole and the length
 * covers it and fits in the datagram. Throws DecodeError. The next message is at off + align4(len).
 */
export function messageLength(buf: Uint8Array, off: number): number {
  if (buf.length - off < NLMSG_HDRLEN) throw new DecodeError(`truncated nlmsghdr (${buf.length - off} bytes)`, off);
  const len = le32(buf, off);
  if (len < NLMSG_HDRLEN || off + len > buf.length) {
    throw new DecodeError(`nlmsg_len ${len} does not fit the ${buf.length - off} bytes left`, off);
  }
  return len;
}

/**
 * Split a datagram into messages. Strict: each nlmsg_len must cover its header and fit in the
 * datagram; bytes after the last message must be only alignment padding.
 */
export function decodeMessages(buf: Uint8Array): NlMessage[] {
  const out: NlMessage[] = [];
  for (let off = 0; off < buf.length; ) {
    const len = messageLength(buf, off);
    out.push(messageAt(buf, off, len));
    off += align4(len);
  }
  return out;
}

/** Encode one whole message: header (len filled in) followed by `payload`. */
export function encodeMessage(h: Omit<NlMsgHeader, 'len'>, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(NLMSG_HDRLEN + align4(payload.length));
  encodeNlMsgHeader({ ...h, len: NLMSG_HDRLEN + payload.length }, out);
  out.set(payload, NLMSG_HDRLEN);
  return out;
}

/**
 * Builds a request: a header whose length is patched at the end, then a fixed struct and
 * attributes written straight into one buffer (no intermediate copies on the hot path).
 */
export class MessageWriter extends AttrWriter {
  constructor(type: number, flags: number, initial = 256) {
    super(initial);
    this.skip(NLMSG_HDRLEN);
    this.dv.setUint16(4, type, true);
    this.dv.setUint16(6, flags, true);
  }
  /** Patch nlmsg_len and return the message bytes (seq/pid are set by the connection). */
  override finish(): Uint8Array {
    this.dv.setUint32(0, this.len, true);
    return super.finish();
  }
}

/** The decoded payload of an NLMSG_ERROR message (struct nlmsgerr plus ext-ack TLVs). */
export interface NlMsgErr {
  /** 0 for an ack, a negative errno for an error. */
  error: number;
  /** Header of the request this answers. */
  request: NlMsgHeader;
  /** NLMSGERR_ATTR_MSG, the kernel's explanation. */
  message?: string;
  /** NLMSGERR_ATTR_OFFS, offset of the offending attribute in the request. */
  offset?: number;
}

/**
 * Decode an NLMSG_ERROR payload. With NLM_F_CAPPED only the request's header is echoed, otherwise
 * the whole request; ext-ack TLVs follow when NLM_F_ACK_TLVS is set.
 */
export function decodeNlMsgErr(msg: NlMessage): NlMsgErr {
  const p = msg.payload;
  if (p.length < 4 + NLMSG_HDRLEN) throw new DecodeError(`NLMSG_ERROR payload too short (${p.length} bytes)`);
  const error = le32(p, 0) | 0;
  const request = decodeNlMsgHeader(p, 4);
  const out: NlMsgErr = { error, request };
  if (msg.header.flags & NLM_F_ACK_TLVS) {
    const echoed = msg.header.flags & NLM_F_CAPPED ? NLMSG_HDRLEN : request.len;
    if (echoed > p.length - 4) throw new DecodeError(`echoed request of ${echoed} bytes exceeds the NLMSG_ERROR payload`);
    const tlvAt = 4 + align4(echoed);
    if (tlvAt <= p.length) {
      for (const a of readAttrs(p, tlvAt)) {
        if (a.type === NLMSGERR_ATTR_MSG) {
          const nul = a.data.indexOf(0);
          out.message = new TextDecoder().decode(nul < 0 ? a.data : a.data.subarray(0, nul));
        } else if (a.type === NLMSGERR_ATTR_OFFS && a.data.length === 4) {
          out.offset = le32(a.data, 0);
        }
      }
    }
  }
  return out;
}
