/** Kind fq (tc/q_fq.c): limits, quantums, pacing, rates, buckets, delays and the horizon. */
import type { FqOptions as FqData } from '../../../rtnl/tc/index.js';
import { checkBit, checkUint } from '../../check.js';
import { InvalidArgumentError } from '../../errors.js';
import { rateValue, time64Value, timeValue, type Rate, type Time } from '../values.js';
import type { QdiscDriver } from './driver.js';

/** fq: the fair-queue scheduler's limits, quantum, pacing and buckets, in tc's units. */
export interface FqOptions {
  /** Packets in the whole queue. */
  limit?: number;
  /** Packets per flow. */
  flowLimit?: number;
  /** Hash buckets (sent as its log2, rounded up). */
  buckets?: number;
  quantum?: number;
  initialQuantum?: number;
  /** Pacing on or off. */
  pacing?: boolean;
  /** Per-flow max rate (32 bits of bytes/s). */
  maxrate?: Rate;
  lowRateThreshold?: Rate;
  /** The obsolete default rate. */
  defrate?: Rate;
  refillDelay?: Time;
  orphanMask?: number;
  ceThreshold?: Time;
  /** Timer slack (a time; 32 bits of nanoseconds). */
  timerSlack?: Time;
  horizon?: Time;
  /** Beyond the horizon: drop (true) or cap (false). */
  horizonDrop?: boolean;
}

/** ilog2 as q_fq.c computes it: the bits of val - 1. */
function ilog2(val: number): number {
  let res = 0;
  val = (val - 1) >>> 0;
  while (val) { res++; val >>>= 1; }
  return res;
}

function rate32(v: unknown, what: string, speed: () => number): number {
  const r = rateValue(v, what, speed);
  if (r >= 1n << 32n) throw new InvalidArgumentError(`Illegal "${what}": more than 32 bits of bytes/s`, what);
  return Number(r);
}

export const fqDriver: QdiscDriver<FqOptions, FqData> = {
  options: {
    limit: true, flowLimit: true, buckets: true, quantum: true, initialQuantum: true, pacing: true, maxrate: true,
    lowRateThreshold: true, defrate: true, refillDelay: true, orphanMask: true, ceThreshold: true, timerSlack: true,
    horizon: true, horizonDrop: true,
  },
  build(o, b) {
    const speed = (): number => b.speed();
    const d: FqData = {};
    const buckets = o.buckets === undefined ? 0 : checkUint(o.buckets, 'buckets');
    if (buckets) d.bucketsLog = ilog2(buckets);
    if (o.limit !== undefined) d.plimit = checkUint(o.limit, 'limit');
    if (o.flowLimit !== undefined) d.flowPlimit = checkUint(o.flowLimit, 'flowLimit');
    if (o.quantum !== undefined) d.quantum = checkUint(o.quantum, 'quantum');
    if (o.initialQuantum !== undefined) d.initialQuantum = checkUint(o.initialQuantum, 'initialQuantum');
    if (o.pacing !== undefined) d.rateEnable = checkBit(o.pacing, 'pacing');
    if (o.maxrate !== undefined) d.flowMaxRate = rate32(o.maxrate, 'maxrate', speed);
    if (o.lowRateThreshold !== undefined) d.lowRateThreshold = rate32(o.lowRateThreshold, 'low_rate_threshold', speed);
    if (o.defrate !== undefined) d.flowDefaultRate = rate32(o.defrate, 'defrate', speed);
    if (o.refillDelay !== undefined) d.flowRefillDelay = timeValue(o.refillDelay, 'refillDelay');
    if (o.orphanMask !== undefined) d.orphanMask = checkUint(o.orphanMask, 'orphanMask');
    if (o.ceThreshold !== undefined) d.ceThreshold = timeValue(o.ceThreshold, 'ceThreshold');
    if (o.timerSlack !== undefined) {
      const t = time64Value(o.timerSlack, 'timerSlack');
      if (t < 0n || t > 0xffffffffn) throw new InvalidArgumentError('Illegal (out of range) "timer_slack"', 'timerSlack');
      d.timerSlack = Number(t);
    }
    if (o.horizon !== undefined) d.horizon = timeValue(o.horizon, 'horizon');
    if (o.horizonDrop !== undefined) d.horizonDrop = checkBit(o.horizonDrop, 'horizonDrop');
    return d;
  },
};
