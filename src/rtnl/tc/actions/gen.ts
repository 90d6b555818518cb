/**
 * What the action kinds share: `tc_gen`, the five fields every action's parameters struct opens
 * with (<linux/pkt_cls.h>), and struct tcf_t, the ages each kind reports in its own TCA_*_TM.
 *
 *   tc_gen (20 bytes)
 *   0        4        8         12       16        20
 *   +--------+--------+---------+--------+---------+
 *   | index  | capab  | action  | refcnt | bindcnt |
 *   +--------+--------+---------+--------+---------+
 */
import type { StructFields } from '../../../netlink/index.js';

/** The tc_gen fields: the action's index, its verdict (TC_ACT_*) and its reference counts. */
export interface TcGen {
  index: number;
  capab: number;
  /** The verdict after the action ran (TC_ACT_*, a control word of tc). */
  action: number;
  refcnt: number;
  bindcnt: number;
}

/** tc_gen as struct fields, to open a kind's parameters struct. */
export const TC_GEN_FIELDS: StructFields<TcGen> = [
  ['index', 'u32'], ['capab', 'u32'], ['action', 's32'], ['refcnt', 's32'], ['bindcnt', 's32'],
];
