/**
 * The contract of an action kind's API driver (iproute2's action_util parse_aopt): a typed
 * options object in, the kind's TCA_ACT_OPTIONS (as src/rtnl/tc/actions types it) out, every value
 * checked before anything is sent. Also the verdicts (tc's CONTROL words) every kind shares.
 */
import {
  TC_ACT_EXT_VAL_MASK, TC_ACT_GOTO_CHAIN, TC_ACT_JUMP, TC_ACT_OK, TC_ACT_PIPE, TC_ACT_RECLASSIFY, TC_ACT_SHOT,
  TC_ACT_STOLEN, TC_ACT_TRAP, TC_ACT_UNSPEC,
} from '../../../rtnl/tc/index.js';
import { checkUint } from '../../check.js';
import type { Dev } from '../../context.js';
import { InvalidArgumentError } from '../../errors.js';
import type { OptionKeys, TcBuild } from '../qdiscs/driver.js';

export type { OptionKeys } from '../qdiscs/driver.js';

/**
 * What happens to the packet after an action (tc's CONTROL): a verdict word, `{ goto: CHAIN }`,
 * `{ jump: N }` (skip N actions), or the TC_ACT_* number itself.
 */
export type ActionControl =
  | 'continue' | 'drop' | 'shot' | 'pass' | 'ok' | 'reclassify' | 'pipe' | 'trap' | 'stolen'
  | { goto: number } | { jump: number } | number;

const CONTROL_WORDS: Readonly<Record<string, number>> = {
  continue: TC_ACT_UNSPEC, drop: TC_ACT_SHOT, shot: TC_ACT_SHOT, pass: TC_ACT_OK, ok: TC_ACT_OK,
  reclassify: TC_ACT_RECLASSIFY, pipe: TC_ACT_PIPE, trap: TC_ACT_TRAP, stolen: TC_ACT_STOLEN,
};

/** The TC_ACT_* number of a control. */
export function controlValue(v: unknown, what = 'control'): number {
  if (typeof v === 'string' && Object.prototype.hasOwnProperty.call(CONTROL_WORDS, v)) return CONTROL_WORDS[v]!;
  if (typeof v === 'number' && Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff) return v;
  if (v !== null && typeof v === 'object') {
    const o = v as { goto?: unknown; jump?: unknown };
    if (o.goto !== undefined) return (TC_ACT_GOTO_CHAIN | checkUint(o.goto, `${what} goto chain`, TC_ACT_EXT_VAL_MASK)) | 0;
    if (o.jump !== undefined) return (TC_ACT_JUMP | checkUint(o.jump, `${what} jump`, TC_ACT_EXT_VAL_MASK)) | 0;
  }
  throw new InvalidArgumentError(`invalid ${what} "${JSON.stringify(v)}": expected pass, drop, ok, reclassify, pipe, continue, trap, { goto } or { jump }`, what);
}

/** What an action driver may ask of the request being built: TcBuild, and device lookups. */
export interface ActionBuild extends TcBuild {
  /** Resolve `dev` after every check and hand its ifindex to `set` (mirred's target). */
  lookup(dev: Dev, set: (index: number) => void): void;
}

/** One action kind's driver. O: its options beside kind, index and the common keys; D: its TCA_ACT_OPTIONS. */
export interface ActionDriver<O extends object, D extends object> {
  readonly options: OptionKeys<O>;
  /** TCA_ACT_OPTIONS from the options; `index` goes in the kind's parameters (0: the kernel picks). */
  build(o: Readonly<Partial<O>>, index: number, b: ActionBuild): D;
}

/** The options type of a driver. */
export type ActionDriverOptions<T> = T extends ActionDriver<infer O, object> ? O : never;

/** A zeroed tc_gen with `index` and `action`. */
export const tcGen = (index: number, action: number) => ({ index, capab: 0, action, refcnt: 0, bindcnt: 0 });
