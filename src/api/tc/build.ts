/**
 * What the tc services share while building a request: the TcBuild a driver sees (the clock,
 * the device's speed for percentage rates, distribution tables), the estimator, the lookups of
 * device names that wait until every value is checked, and the common keys of a spec.
 */
import type { TcEstimator } from '../../rtnl/tc/index.js';
import { checkKeys, checkText } from '../check.js';
import type { ApiContext, Dev } from '../context.js';
import { InvalidArgumentError } from '../errors.js';
import { psched, type Psched } from './core.js';
import { readDistribution } from './dist.js';
import type { TcBuild } from './qdiscs/driver.js';
import { deviceSpeed, timeValue, type Time } from './values.js';

/** A rate estimator to attach (tc's `estimator INTERVAL TIME_CONSTANT`). */
export interface EstimatorSpec {
  /** The sampling interval (250ms, 500ms, 1s, 2s, 4s or 8s; others round up). */
  interval: Time;
  /** The averaging time constant. */
  timeConstant: Time;
}

/** tc_setup_estimator: the struct tc_estimator for an interval and time constant (microseconds). */
export function estimatorFor(a: number, timeConst: number): TcEstimator | undefined {
  let interval = 0;
  for (; interval <= 5; interval++) if (a <= (1 << interval) * (1000000 / 4)) break;
  if (interval > 5) return undefined;
  interval -= 2;
  let ewmaLog = 1;
  for (; ewmaLog < 32; ewmaLog++) {
    const w = 1.0 - 1.0 / 2 ** ewmaLog;
    if (a / -Math.log(w) > timeConst) break;
  }
  ewmaLog--;
  if (ewmaLog === 0 || ewmaLog >= 31) return undefined;
  return { interval, ewmaLog };
}

/** An estimator spec checked and turned into struct tc_estimator. */
export function estimatorValue(e: unknown): TcEstimator {
  if (e === null || typeof e !== 'object') throw new InvalidArgumentError('estimator must be { interval, timeConstant }', 'estimator');
  checkKeys(e, new Set(['interval', 'timeConstant']), 'estimator');
  const { interval, timeConstant } = e as EstimatorSpec;
  const est = estimatorFor(timeValue(interval, 'estimator interval'), timeValue(timeConstant, 'estimator time constant'));
  if (!est) throw new InvalidArgumentError('Error: estimator parameters are out of range.', 'estimator');
  return est;
}

/** One tc request being built: what drivers may ask, and the device lookups done last. */
export class TcRequest implements TcBuild {
  readonly psched: Psched = psched();
  private readonly lookups: [Dev, (index: number) => void][] = [];
  constructor(readonly op: TcBuild['op'], readonly kind: string, private readonly dev: Dev | undefined) {}

  speed(): number {
    if (typeof this.dev !== 'string') throw new InvalidArgumentError('a percentage rate needs the device named by its name', 'rate');
    return deviceSpeed(this.dev);
  }

  distribution(name: string): Uint8Array {
    return readDistribution(name);
  }

  /** Resolve `dev` to its ifindex after every check, and hand it to `set`. */
  lookup(dev: Dev, set: (index: number) => void): void {
    if (typeof dev !== 'number') checkText(dev, 'device name');
    this.lookups.push([dev, set]);
  }

  /** Look every named device up, in the order they were named; device 0 is none (ifindex 0). */
  async resolve(ctx: ApiContext): Promise<void> {
    for (const [dev, set] of this.lookups) set(dev === 0 ? 0 : await ctx.ifindex(dev));
  }
}

/** `Object.prototype.hasOwnProperty` as a type guard over a table's keys. */
export const has = <T extends object>(o: T, key: string): key is keyof T & string => Object.prototype.hasOwnProperty.call(o, key);

/** A kind name as tc takes it: 1-15 bytes of printable text. */
export function kindValue(v: unknown): string {
  if (typeof v !== 'string' || !/^[\x21-\x7e]{1,15}$/.test(v)) throw new InvalidArgumentError(`invalid kind "${String(v)}"`, 'kind');
  return v;
}

/** What a change resolves with: the warning the kernel attached to its ack, if any. */
export interface TcAck {
  /** The ext-ack text of a successful request (tc prints it as "Warning: ..."). */
  warning?: string;
}

/** A TcAck from Conn.requestAck's answer. */
export function ack(a: { warning?: string }): TcAck {
  return a.warning === undefined ? {} : { warning: a.warning };
}
