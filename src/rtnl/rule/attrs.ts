/**
 * The FRA_* attribute set of a rule message, as one declarative table. Addresses are text for
 * the IP families; an empty text is an empty payload, which is what `ip rule add from all` sends.
 */
import { AttrTable, DecodeError, be32, codecAt, str, u16, u32, u8, type RawAttr } from '../../netlink/index.js';
import { ipAddr } from '../common.js';
import {
  FRA_DPORT_MASK, FRA_DPORT_RANGE, FRA_DSCP, FRA_DSCP_MASK, FRA_DST, FRA_FLOW, FRA_FLOWLABEL, FRA_FLOWLABEL_MASK,
  FRA_FWMARK, FRA_FWMASK, FRA_GOTO, FRA_IIFNAME, FRA_IP_PROTO, FRA_L3MDEV, FRA_OIFNAME, FRA_PRIORITY, FRA_PROTOCOL,
  FRA_SPORT_MASK, FRA_SPORT_RANGE, FRA_SRC, FRA_SUPPRESS_IFGROUP, FRA_SUPPRESS_PREFIXLEN, FRA_TABLE, FRA_TUN_ID,
  FRA_UID_RANGE, FRA_UNUSED2,
} from './constants.js';
import { fibRulePortRange, fibRuleUidRange, type PortRange, type UidRange } from './fibrulehdr.js';

/** Decoded FRA_* attributes. */
export interface RuleAttrs {
  /** FRA_DST: destination address (text; '' for an empty payload). */
  dst?: string;
  /** FRA_SRC: source address (text; '' for an empty payload). */
  src?: string;
  /** FRA_IIFNAME: input interface name. */
  iifname?: string;
  /** FRA_GOTO: the priority a goto jumps to. */
  goto?: number;
  /** FRA_UNUSED2: the address `ip rule add nat ADDRESS` sends (old RTA_GATEWAY). */
  gateway?: string;
  /** FRA_PRIORITY. */
  priority?: number;
  /** FRA_FWMARK. */
  fwmark?: number;
  /** FRA_FLOW: realms, (from << 16) | to. */
  flow?: number;
  /** FRA_TUN_ID (network byte order on the wire). */
  tunId?: bigint;
  /** FRA_SUPPRESS_IFGROUP; 0xffffffff (-1) when unset. */
  suppressIfgroup?: number;
  /** FRA_SUPPRESS_PREFIXLEN; 0xffffffff (-1) when unset. */
  suppressPrefixlen?: number;
  /** FRA_TABLE: the full 32-bit table id. */
  table?: number;
  /** FRA_FWMASK. */
  fwmask?: number;
  /** FRA_OIFNAME: output interface name. */
  oifname?: string;
  /** FRA_L3MDEV. */
  l3mdev?: number;
  /** FRA_UID_RANGE. */
  uidRange?: UidRange;
  /** FRA_PROTOCOL: who added the rule (RTPROT_*). */
  protocol?: number;
  /** FRA_IP_PROTO. */
  ipProto?: number;
  /** FRA_SPORT_RANGE. */
  sportRange?: PortRange;
  /** FRA_DPORT_RANGE. */
  dportRange?: PortRange;
  /** FRA_DSCP. */
  dscp?: number;
  /** FRA_FLOWLABEL. */
  flowlabel?: number;
  /** FRA_FLOWLABEL_MASK. */
  flowlabelMask?: number;
  /** FRA_SPORT_MASK. */
  sportMask?: number;
  /** FRA_DPORT_MASK. */
  dportMask?: number;
  /** FRA_DSCP_MASK. */
  dscpMask?: number;
  unknown?: RawAttr[];
}

/** An address payload: 4 or 16 bytes as text, or none at all as ''. */
const ruleAddr = codecAt<string>(
  (b, o, len, name) => (len === 0 ? '' : ipAddr.decodeAt(b, o, len, name)),
  (w, t, v) => {
    if (v === '') w.bytes(t, new Uint8Array(0));
    else ipAddr.encode(w, t, v);
  },
);

/** A big-endian u64 (FRA_TUN_ID). */
const be64 = codecAt<bigint>(
  (b, o, len, name) => {
    if (len !== 8) throw new DecodeError(`expected 8 bytes, got ${len}`, undefined, name);
    return new DataView(b.buffer, b.byteOffset + o, 8).getBigUint64(0, false);
  },
  (w, t, v) => {
    const at = w.attr(t, 8);
    w.dv.setBigUint64(at, v, false);
  },
);

/** The FRA_* table. */
export const ruleAttrs = new AttrTable<RuleAttrs>('FRA', [
  { id: FRA_DST, name: 'dst', codec: ruleAddr },
  { id: FRA_SRC, name: 'src', codec: ruleAddr },
  { id: FRA_IIFNAME, name: 'iifname', codec: str },
  { id: FRA_GOTO, name: 'goto', codec: u32 },
  { id: FRA_UNUSED2, name: 'gateway', codec: ipAddr },
  { id: FRA_PRIORITY, name: 'priority', codec: u32 },
  { id: FRA_FWMARK, name: 'fwmark', codec: u32 },
  { id: FRA_FLOW, name: 'flow', codec: u32 },
  { id: FRA_TUN_ID, name: 'tunId', codec: be64 },
  { id: FRA_SUPPRESS_IFGROUP, name: 'suppressIfgroup', codec: u32 },
  { id: FRA_SUPPRESS_PREFIXLEN, name: 'suppressPrefixlen', codec: u32 },
  { id: FRA_TABLE, name: 'table', codec: u32 },
  { id: FRA_FWMASK, name: 'fwmask', codec: u32 },
  { id: FRA_OIFNAME, name: 'oifname', codec: str },
  { id: FRA_L3MDEV, name: 'l3mdev', codec: u8 },
  { id: FRA_UID_RANGE, name: 'uidRange', codec: fibRuleUidRange },
  { id: FRA_PROTOCOL, name: 'protocol', codec: u8 },
  { id: FRA_IP_PROTO, name: 'ipProto', codec: u8 },
  { id: FRA_SPORT_RANGE, name: 'sportRange', codec: fibRulePortRange },
  { id: FRA_DPORT_RANGE, name: 'dportRange', codec: fibRulePortRange },
  { id: FRA_DSCP, name: 'dscp', codec: u8 },
  { id: FRA_FLOWLABEL, name: 'flowlabel', codec: be32 },
  { id: FRA_FLOWLABEL_MASK, name: 'flowlabelMask', codec: be32 },
  { id: FRA_SPORT_MASK, name: 'sportMask', codec: u16 },
  { id: FRA_DPORT_MASK, name: 'dportMask', codec: u16 },
  { id: FRA_DSCP_MASK, name: 'dscpMask', codec: u8 },
]);

