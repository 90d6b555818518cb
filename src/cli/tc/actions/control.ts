/**
 * tc's action verdicts as it prints them (tc_util.c action_n2a, print_action_control) and the
 * action ages (print_tm), shared by the action kinds' printers.
 */
import {
  TC_ACT_EXT_VAL_MASK, TC_ACT_GOTO_CHAIN, TC_ACT_JUMP, TC_ACT_OK, TC_ACT_PIPE, TC_ACT_RECLASSIFY, TC_ACT_SHOT, TC_ACT_STOLEN,
  TC_ACT_TRAP, TC_ACT_UNSPEC, type TcfT,
} from '../../../rtnl/tc/index.js';
import type { Printer } from '../../printer.js';

/** TC_ACT_EXT_CMP: the verdict's opcode part is `op`. */
const extIs = (action: number, op: number): boolean => ((action & ~TC_ACT_EXT_VAL_MASK) >>> 0) === op >>> 0;

/** action_n2a: a verdict's word (a number when tc has none). */
export function actionName(action: number): string {
  if (extIs(action, TC_ACT_GOTO_CHAIN)) return 'goto';
  if (extIs(action, TC_ACT_JUMP)) return 'jump';
  switch (action | 0) {
    case TC_ACT_UNSPEC: return 'continue';
    case TC_ACT_OK: return 'pass';
    case TC_ACT_SHOT: return 'drop';
    case TC_ACT_RECLASSIFY: return 'reclassify';
    case TC_ACT_PIPE: return 'pipe';
    case TC_ACT_STOLEN: return 'stolen';
    case TC_ACT_TRAP: return 'trap';
    default: return String(action | 0);
  }
}

/** print_action_control: PREFIX VERDICT [chain N | N] SUFFIX, JSON "control_action". */
export function printControl(p: Printer, prefix: string, action: number, suffix: string): void {
  p.string('fp', null, '%s', prefix);
  p.openObject('control_action');
  p.string('any', 'type', '%s', actionName(action));
  if (extIs(action, TC_ACT_GOTO_CHAIN)) p.uint('any', 'chain', ' chain %u', action & TC_ACT_EXT_VAL_MASK);
  if (extIs(action, TC_ACT_JUMP)) p.uint('any', 'jump', ' %u', action & TC_ACT_EXT_VAL_MASK);
  p.closeObject();
  p.string('fp', null, '%s', suffix);
}

/** USER_HZ: the kernel reports action ages in clock ticks (sysconf(_SC_CLK_TCK)). */
const USER_HZ = 100n;

/** print_tm: the ages of an action (installed, used, firstused, expires), in seconds. */
export function printTm(p: Printer, tm: TcfT): void {
  const sec = (v: bigint): number => Number(BigInt.asUintN(32, v / USER_HZ));
  if (tm.install) p.uint('any', 'installed', ' installed %u sec', sec(tm.install));
  if (tm.lastuse) p.uint('any', 'last_used', ' used %u sec', sec(tm.lastuse));
  if (tm.firstuse) p.uint('any', 'first_used', ' firstused %u sec', sec(tm.firstuse));
  if (tm.expires) p.uint('any', 'expires', ' expires %u sec', sec(tm.expires));
}
