/**
 * Kind sfq (tc/q_sfq.c): limit, perturb, quantum, divisor, flows, depth, headdrop, and the
 * per-flow RED options (redflowlimit, min, max, avpkt, burst, probability, ecn, harddrop) with
 * tc's defaults and EWMA/P computations. Sent as struct tc_sfq_qopt_v1, when any option is given.
 */
import type { SfqQopt } from '../../../rtnl/tc/index.js';
import { checkBit, checkInt, checkUint } from '../../check.js';
import { InvalidArgumentError } from '../../errors.js';
import { sizeValue, type Size } from '../values.js';
import type { QdiscDriver } from './driver.js';

const TC_RED_ECN = 1;
const TC_RED_HARDDROP = 2;

/** sfq: quantum, perturbation, limits, divisor, flows and the RED options of sfq's v1 struct. */
export interface SfqOptions {
  /** Packets in the queue (at least 2). */
  limit?: number;
  /** Seconds between hash perturbations. */
  perturb?: number;
  /** Bytes per round. */
  quantum?: Size;
  divisor?: number;
  flows?: number;
  /** Packets per flow. */
  depth?: number;
  /** Drop from the head. */
  headdrop?: boolean;
  /** RED: the hard limit of a flow, bytes (required by the other RED options). */
  redflowlimit?: number;
  min?: number;
  max?: number;
  /** Average packet size (default 1000). */
  avpkt?: Size;
  burst?: number;
  /** Marking probability (default 0.02). */
  probability?: number;
  ecn?: boolean;
  harddrop?: boolean;
}

/** tc_red_eval_ewma: the EWMA constant's log, or -1. */
export function redEvalEwma(qmin: number, burst: number, avpkt: number): number {
  let w = 0.5;
  const a = burst + 1 - qmin / avpkt;
  if (a < 1.0) return -1;
  for (let wlog = 1; wlog < 32; wlog++, w /= 2) if (a <= (1 - (1 - w) ** burst) / w) return wlog;
  return -1;
}

/** tc_red_eval_P: the probability's log, or -1. */
export function redEvalP(qmin: number, qmax: number, prob: number): number {
  let i = (qmax - qmin) | 0;
  if (!i) return 0;
  if (i < 0) return -1;
  prob /= i;
  for (i = 0; i < 32; i++) {
    if (prob > 1.0) break;
    prob *= 2;
  }
  return i >= 32 ? -1 : i;
}

const RED_KEYS = ['redflowlimit', 'min', 'max', 'avpkt', 'burst', 'probability', 'ecn', 'harddrop'] as const;

export const sfqDriver: QdiscDriver<SfqOptions, SfqQopt> = {
  options: {
    limit: true, perturb: true, quantum: true, divisor: true, flows: true, depth: true, headdrop: true, redflowlimit: true,
    min: true, max: true, avpkt: true, burst: true, probability: true, ecn: true, harddrop: true,
  },
  build(o) {
    const opt: SfqQopt = {
      quantum: 0, perturbPeriod: 0, limit: 0, divisor: 0, flows: 0, v1: true, depth: 0, headdrop: 0, redLimit: 0, qthMin: 0,
      qthMax: 0, wlog: 0, plog: 0, scellLog: 0, flags: 0, maxP: 0, probDrop: 0, forcedDrop: 0, probMark: 0, forcedMark: 0,
      probMarkHead: 0, forcedMarkHead: 0,
    };
    let any = false;
    if (o.quantum !== undefined) { opt.quantum = sizeValue(o.quantum, 'quantum'); any = true; }
    if (o.perturb !== undefined) { opt.perturbPeriod = checkInt(o.perturb, 'perturb', -0x80000000, 0x7fffffff); any = true; }
    if (o.limit !== undefined) {
      opt.limit = checkUint(o.limit, 'limit');
      if (opt.limit < 2) throw new InvalidArgumentError('Illegal "limit", must be > 1', 'limit');
      any = true;
    }
    if (o.divisor !== undefined) { opt.divisor = checkUint(o.divisor, 'divisor'); any = true; }
    if (o.flows !== undefined) { opt.flows = checkUint(o.flows, 'flows'); any = true; }
    if (o.depth !== undefined) { opt.depth = checkUint(o.depth, 'depth'); any = true; }
    if (o.headdrop !== undefined && checkBit(o.headdrop, 'headdrop')) { opt.headdrop = 1; any = true; }
    const red = RED_KEYS.some((k) => o[k] !== undefined);
    if (red) {
      opt.redLimit = o.redflowlimit === undefined ? 0 : checkUint(o.redflowlimit, 'redflowlimit');
      opt.qthMin = o.min === undefined ? 0 : checkUint(o.min, 'min');
      opt.qthMax = o.max === undefined ? 0 : checkUint(o.max, 'max');
      const avpkt = o.avpkt === undefined ? 1000 : sizeValue(o.avpkt, 'avpkt');
      let burst = o.burst === undefined ? 0 : checkUint(o.burst, 'burst');
      const probability = o.probability === undefined ? 0.02 : o.probability;
      if (typeof probability !== 'number' || Number.isNaN(probability)) throw new InvalidArgumentError('Illegal "probability"', 'probability');
      if (o.ecn !== undefined && checkBit(o.ecn, 'ecn')) opt.flags |= TC_RED_ECN;
      if (o.harddrop !== undefined && checkBit(o.harddrop, 'harddrop')) opt.flags |= TC_RED_HARDDROP;
      if (!opt.redLimit) throw new InvalidArgumentError('Required parameter (redflowlimit) is missing', 'redflowlimit');
      if (!opt.qthMax) opt.qthMax = Math.floor(opt.redLimit / 4);
      if (!opt.qthMin) opt.qthMin = Math.floor(opt.qthMax / 3);
      if (!burst) burst = Math.floor((2 * opt.qthMin + opt.qthMax) / (3 * avpkt)) >>> 0;
      if (opt.qthMax > opt.redLimit) throw new InvalidArgumentError('"max" is larger than "limit"', 'max');
      if (opt.qthMin >= opt.qthMax) throw new InvalidArgumentError('"min" is not smaller than "max"', 'min');
      const wlog = redEvalEwma(opt.qthMin, burst, avpkt);
      if (wlog < 0) throw new InvalidArgumentError('SFQ: failed to calculate EWMA constant.', 'burst');
      opt.wlog = wlog;
      const plog = redEvalP(opt.qthMin, opt.qthMax, probability);
      if (plog < 0) throw new InvalidArgumentError('SFQ: failed to calculate probability.', 'probability');
      opt.plog = plog;
      opt.maxP = Number(BigInt.asUintN(32, BigInt(Math.trunc(probability * 2 ** 32))));
    }
    return any || red ? opt : undefined;
  },
};
