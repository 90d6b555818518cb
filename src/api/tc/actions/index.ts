/**
 * The action kinds the API drives: `kind` -> driver, and the reading of an action list (a filter's
 * `actions`, or what `tc.action.add` takes) into the TCA_ACT_* nests tc sends. Adding a kind is one
 * driver file in this folder and one line here; ActionSpec is derived from this table.
 */
import {
  TCA_ACT_FLAGS_NO_PERCPU_STATS, TCA_ACT_FLAGS_SKIP_HW, TCA_ACT_FLAGS_SKIP_SW, TCA_ACT_HW_STATS_DELAYED,
  TCA_ACT_HW_STATS_IMMEDIATE, TCA_ACT_MAX_PRIO, type TcAction,
} from '../../../rtnl/tc/index.js';
import { checkKeys, checkUint, checkWord } from '../../check.js';
import { InvalidArgumentError } from '../../errors.js';
import { has, kindValue } from '../build.js';
import type { ActionBuild, ActionDriver, ActionDriverOptions } from './driver.js';
import { gactDriver } from './gact.js';
import { mirredDriver } from './mirred.js';
import { policeDriver } from './police.js';
import { skbeditDriver } from './skbedit.js';

/** `kind` of an action -> its driver. */
export const ACTION_DRIVERS = {
  gact: gactDriver,
  mirred: mirredDriver,
  police: policeDriver,
  skbedit: skbeditDriver,
} as const;

/** An action kind rtnl-ts has a driver for. */
export type KnownActionKind = keyof typeof ACTION_DRIVERS;

/** What every action may carry beside its kind's options. */
export interface ActionCommon {
  /** The action's index in its kind's table (0 or absent: the kernel picks one; alone: bind that action). */
  index?: number;
  /** Up to 16 opaque bytes kept with the action (bytes, or hex text). */
  cookie?: Uint8Array | string;
  /** Which hardware statistics to ask for. */
  hwStats?: 'immediate' | 'delayed' | 'disabled';
  /** Keep statistics in one counter, not per CPU. */
  noPercpu?: boolean;
  skipHw?: boolean;
  skipSw?: boolean;
}

/** An action of kind K. */
export type ActionSpecOf<K extends KnownActionKind> = ActionCommon & { kind: K } & Partial<ActionDriverOptions<(typeof ACTION_DRIVERS)[K]>>;
/** An action of a kind with a driver. */
export type KnownActionSpec = { [K in KnownActionKind]: ActionSpecOf<K> }[KnownActionKind];
/** An action of a kind without a driver: its TCA_ACT_OPTIONS as raw bytes (the payload of the nest). */
export interface OtherActionSpec extends ActionCommon {
  kind: string;
  options?: Uint8Array;
}
/** One action to send. */
export type ActionSpec = KnownActionSpec | OtherActionSpec;

const COMMON_KEYS = ['kind', 'index', 'cookie', 'hwStats', 'noPercpu', 'skipHw', 'skipSw'];
const SPEC_KEYS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries(ACTION_DRIVERS).map(([kind, d]) => [kind, new Set([...COMMON_KEYS, ...Object.keys(d.options)])]),
);
const OTHER_KEYS: ReadonlySet<string> = new Set([...COMMON_KEYS, 'options']);
const HW_STATS = { immediate: TCA_ACT_HW_STATS_IMMEDIATE, delayed: TCA_ACT_HW_STATS_DELAYED, disabled: 0 } as const;

type AnyDriver = Pick<ActionDriver<object, object>, 'build'>;

/** The cookie's bytes: 1-16 bytes, or hex text of an even length up to 32. */
function cookieValue(v: unknown): Uint8Array {
  if (v instanceof Uint8Array && v.length >= 1 && v.length <= 16) return v;
  if (typeof v === 'string' && /^([0-9a-fA-F]{2}){1,16}$/.test(v)) return Uint8Array.from(Buffer.from(v, 'hex'));
  throw new InvalidArgumentError('invalid cookie: 1 to 16 bytes, or hex text of them', 'cookie');
}

/** One action spec -> its TCA_ACT_* nest, as parse_action writes it (kind, options, cookie, hw_stats, flags). */
export function actionValue(spec: unknown, b: ActionBuild): TcAction {
  if (spec === null || typeof spec !== 'object') throw new InvalidArgumentError('an action is expected', 'actions');
  const s = spec as ActionSpec;
  const kind = kindValue(s.kind);
  const driver: AnyDriver | undefined = has(ACTION_DRIVERS, kind) ? ACTION_DRIVERS[kind] : undefined;
  checkKeys(s, SPEC_KEYS.get(kind) ?? OTHER_KEYS, `a ${kind} action`);
  const index = s.index === undefined ? 0 : checkUint(s.index, 'index');
  const a: TcAction = { kind };
  if (driver) a.options = driver.build(s, index, b);
  else if ('options' in s && s.options !== undefined) {
    if (!(s.options instanceof Uint8Array)) throw new InvalidArgumentError('options of an action kind without a driver must be bytes', 'options');
    a.options = s.options;
  }
  if (!driver && index) a.index = index;
  if (s.cookie !== undefined) a.cookie = cookieValue(s.cookie);
  if (s.hwStats !== undefined) {
    const v = HW_STATS[checkWord(s.hwStats, 'hwStats', Object.keys(HW_STATS) as (keyof typeof HW_STATS)[])];
    a.hwStats = { value: v, selector: v };
  }
  const flags = (s.noPercpu ? TCA_ACT_FLAGS_NO_PERCPU_STATS : 0) | (s.skipSw ? TCA_ACT_FLAGS_SKIP_SW : 0) | (s.skipHw ? TCA_ACT_FLAGS_SKIP_HW : 0);
  if (flags) a.flags = { value: flags, selector: flags };
  return a;
}

/** An action list: 1 to TCA_ACT_MAX_PRIO actions, numbered from 1 in order. */
export function actionsValue(list: unknown, b: ActionBuild, what = 'actions'): TcAction[] {
  if (!Array.isArray(list) || list.length === 0) throw new InvalidArgumentError(`${what} must be a non-empty array of actions`, what);
  if (list.length > TCA_ACT_MAX_PRIO) throw new InvalidArgumentError(`at most ${TCA_ACT_MAX_PRIO} actions`, what);
  return list.map((s) => actionValue(s, b));
}

export * from './driver.js';
export type { GactOptions, GactRandom } from './gact.js';
export type { MirredOptions } from './mirred.js';
export type { PoliceOptions } from './police.js';
export type { SkbeditOptions } from './skbedit.js';
