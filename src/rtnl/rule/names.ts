/** iproute2's words for rule actions (fib_rule_hdr.action), as `ip rule` reads and prints them. */
import { NameTable, RTN_NAT } from '../route/names.js';
import {
  FR_ACT_BLACKHOLE, FR_ACT_GOTO, FR_ACT_NOP, FR_ACT_PROHIBIT, FR_ACT_TO_TBL, FR_ACT_UNREACHABLE, FR_ACT_UNSPEC,
} from './constants.js';

/**
 * Rule actions: 'lookup' (a table), 'goto', 'nop', the drops 'blackhole' / 'unreachable' /
 * 'prohibit' (the route type names of the same numbers), and 'nat' (RTN_NAT, `ip rule add nat`).
 */
export const ruleActions = new NameTable('action', [
  [FR_ACT_UNSPEC, 'unspec'], [FR_ACT_TO_TBL, 'lookup'], [FR_ACT_GOTO, 'goto'], [FR_ACT_NOP, 'nop'],
  [FR_ACT_BLACKHOLE, 'blackhole'], [FR_ACT_UNREACHABLE, 'unreachable'], [FR_ACT_PROHIBIT, 'prohibit'],
  [RTN_NAT, 'nat'],
]);
