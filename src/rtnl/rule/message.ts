/** A rule message (RTM_NEWRULE / RTM_DELRULE / RTM_GETRULE): struct fib_rule_hdr + FRA_* attributes. */
import { MessageWriter } from '../../netlink/index.js';
import { ruleAttrs, type RuleAttrs } from './attrs.js';
import { decodeFibRuleHdr, encodeFibRuleHdr, FIB_RULE_HDR_LEN, type FibRuleHdr } from './fibrulehdr.js';

/** The payload of a rule message, decoded. */
export interface RuleMessage {
  header: FibRuleHdr;
  attrs: RuleAttrs;
}

/**
 * Decode the payload (the bytes after struct nlmsghdr) of a rule message: `buf[start, end)`, the
 * whole of `buf` by default. Throws DecodeError.
 */
export function decodeRuleMessage(buf: Uint8Array, start = 0, end = buf.length): RuleMessage {
  return { header: decodeFibRuleHdr(buf, start, end), attrs: ruleAttrs.decode(buf, start + FIB_RULE_HDR_LEN, end) };
}

/**
 * Encode a whole netlink message of `type` (RTM_NEWRULE, ...) with nlmsg `flags`; seq and pid
 * are left 0 for the connection to fill in.
 */
export function encodeRuleMessage(type: number, flags: number, msg: RuleMessage): Uint8Array {
  const w = new MessageWriter(type, flags, 128);
  encodeFibRuleHdr(w, msg.header);
  ruleAttrs.encode(w, msg.attrs);
  return w.finish();
}
