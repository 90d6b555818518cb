/**
 * The fixed structs of the rule family (<linux/fib_rules.h>), host byte order.
 *
 *   struct fib_rule_hdr (12 bytes)
 *   0        1         2         3        4        5        6        7        8               12
 *   +--------+---------+---------+--------+--------+--------+--------+--------+---------------+
 *   | family | dst_len | src_len | tos    | table  | res1   | res2   | action | flags (u32)   |
 *   +--------+---------+---------+--------+--------+--------+--------+--------+---------------+
 *
 *   struct fib_rule_uid_range (FRA_UID_RANGE)   struct fib_rule_port_range (FRA_SPORT/DPORT_RANGE)
 *   0               4               8           0           2           4
 *   +---------------+---------------+           +-----------+-----------+
 *   | start (u32)   | end (u32)     |           | start u16 | end u16   |
 *   +---------------+---------------+           +-----------+-----------+
 */
import { structCodec, structHeader } from '../../netlink/index.js';

/** struct fib_rule_hdr (the reserved bytes are not kept: they are zero on the wire). */
export interface FibRuleHdr {
  /** AF_INET, AF_INET6, RTNL_FAMILY_IPMR, ... */
  family: number;
  /** Prefix length of FRA_DST. */
  dstLen: number;
  /** Prefix length of FRA_SRC. */
  srcLen: number;
  /** The TOS (DS field) to match. */
  tos: number;
  /** The table id when below 256 (FRA_TABLE carries all 32 bits). */
  table: number;
  /** FR_ACT_* (or RTN_NAT). */
  action: number;
  /** FIB_RULE_* bits. */
  flags: number;
}

const FIB_RULE_HDR = structHeader<FibRuleHdr>('fib_rule_hdr', [
  ['family', 'u8'], ['dstLen', 'u8'], ['srcLen', 'u8'], ['tos', 'u8'],
  ['table', 'u8'], ['', 'pad1'], ['', 'pad1'], ['action', 'u8'], ['flags', 'u32'],
]);
export const FIB_RULE_HDR_LEN = FIB_RULE_HDR.size;

/** Decode struct fib_rule_hdr at `off`; DecodeError when fewer than 12 bytes are there. */
export const decodeFibRuleHdr = FIB_RULE_HDR.decode;

/** Append struct fib_rule_hdr to `w`. */
export const encodeFibRuleHdr = FIB_RULE_HDR.encode;

/** struct fib_rule_uid_range: a range of user ids, both ends included. */
export interface UidRange {
  start: number;
  end: number;
}

/** FRA_UID_RANGE payload codec (exactly 8 bytes). */
export const fibRuleUidRange = structCodec<UidRange>([['start', 'u32'], ['end', 'u32']]);

/** struct fib_rule_port_range: a range of ports, both ends included (host byte order). */
export interface PortRange {
  start: number;
  end: number;
}

/** FRA_SPORT_RANGE / FRA_DPORT_RANGE payload codec (exactly 4 bytes). */
export const fibRulePortRange = structCodec<PortRange>([['start', 'u16'], ['end', 'u16']]);
