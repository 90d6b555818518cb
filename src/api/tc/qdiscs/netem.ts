/**
 * Kind netem (tc/q_netem.c): delay with jitter and correlation and a distribution table, loss
 * (random, the 4-state model, Gilbert-Elliot), duplication, corruption, reordering with a gap,
 * ECN marking, a rate with overheads, slots. Times of the delay are sent in psched ticks;
 * probabilities as fractions of 2^32 - 1 (rint); the struct and attributes in tc's order.
 */
import type { NetemAttrs, NetemOptions as NetemData } from '../../../rtnl/tc/index.js';
import { checkBit, checkInt, checkUint } from '../../check.js';
import { InvalidArgumentError } from '../../errors.js';
import { time2big, time2tick } from '../core.js';
import { percentValue, rateValue, sizeValue, time64Value, timeValue, type Percent, type Rate, type Size, type Time } from '../values.js';
import type { QdiscDriver, TcBuild } from './driver.js';

/** netem's distribution tables: a name (`NAME.dist` in iproute2's tc directory) or the s16 entries themselves. */
export type NetemDistribution = 'normal' | 'pareto' | 'paretonormal' | 'experimental' | (string & {}) | Int16Array;

/** A slot: fixed bounds, or a distribution with its delay and jitter. */
export type NetemSlotSpec = ({ min: Time; max?: Time } | { distribution: NetemDistribution; delay: Time; jitter: Time }) & {
  /** Packets per slot. */
  packets?: number;
  /** Bytes per slot. */
  bytes?: Size;
};

/** netem: delay and jitter with a distribution, loss (random, state, gemodel), duplicate, corrupt, reorder, rate and slot. */
export interface NetemOptions {
  /** Queue length in packets (default 1000). tc reads it as a size. */
  limit?: Size;
  /** Added delay. */
  delay?: Time;
  /** Random variation of the delay (needs `delay`). */
  jitter?: Time;
  /** Correlation of successive delays. */
  delayCorrelation?: Percent;
  /** The delay distribution (needs `delay` and `jitter`). */
  distribution?: NetemDistribution;
  /** Random loss, with its correlation. */
  loss?: Percent | { random: Percent; correlation?: Percent }
    | { state: { p13: Percent; p31?: Percent; p32?: Percent; p23?: Percent; p14?: Percent } }
    | { gemodel: { p: Percent; r?: Percent; '1-h'?: Percent; '1-k'?: Percent } };
  duplicate?: Percent;
  duplicateCorrelation?: Percent;
  corrupt?: Percent;
  corruptCorrelation?: Percent;
  /** Reordering (needs `delay`). */
  reorder?: Percent;
  reorderCorrelation?: Percent;
  /** Re-ordering gap (default 1 with `reorder`). */
  gap?: number;
  /** Mark ECN instead of dropping (needs `loss`). */
  ecn?: boolean;
  /** A rate limit, with per-packet and per-cell overheads. */
  rate?: Rate;
  packetOverhead?: number;
  cellSize?: number;
  cellOverhead?: number;
  slot?: NetemSlotSpec;
}

/** set_percent: a fraction as netem's 32-bit probability, rint(p * UINT32_MAX). */
export function netemPercent(p: number): number {
  return Math.min(0xffffffff, Math.max(0, roundEven(p * 0xffffffff)));
}

/** rint in the default rounding mode: to nearest, ties to even. */
function roundEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

function ticks(b: TcBuild, v: Time, what: string): number {
  const t = timeValue(v, what);
  if (time2big(b.psched, t)) throw new InvalidArgumentError(`Illegal ${t} time (too large)`, what);
  return time2tick(b.psched, t);
}

function table(b: TcBuild, d: NetemDistribution, what: string): Uint8Array {
  if (d instanceof Int16Array) {
    if (d.length === 0 || d.length > 16384) throw new InvalidArgumentError(`${what}: a table has 1 to 16384 entries`, what);
    return new Uint8Array(d.buffer.slice(d.byteOffset, d.byteOffset + d.byteLength));
  }
  if (typeof d !== 'string') throw new InvalidArgumentError(`invalid ${what}: a table name or an Int16Array`, what);
  return b.distribution(d);
}

const pct = (v: unknown, what: string): number => netemPercent(percentValue(v, what));

export const netemDriver: QdiscDriver<NetemOptions, NetemData> = {
  options: {
    limit: true, delay: true, jitter: true, delayCorrelation: true, distribution: true, loss: true, duplicate: true,
    duplicateCorrelation: true, corrupt: true, corruptCorrelation: true, reorder: true, reorderCorrelation: true, gap: true,
    ecn: true, rate: true, packetOverhead: true, cellSize: true, cellOverhead: true, slot: true,
  },
  build(o, b) {
    const qopt = { latency: 0, limit: 1000, loss: 0, gap: 0, duplicate: 0, jitter: 0 };
    const cor = { delayCorr: 0, lossCorr: 0, dupCorr: 0 };
    let corPresent = false;
    const attrs: NetemAttrs = {};
    if (o.limit !== undefined) qopt.limit = sizeValue(o.limit, 'limit');
    if (o.delay !== undefined) qopt.latency = ticks(b, o.delay, 'delay');
    if (o.jitter !== undefined) {
      if (o.delay === undefined) throw new InvalidArgumentError('jitter needs a delay', 'jitter');
      qopt.jitter = ticks(b, o.jitter, 'jitter');
    }
    if (o.delayCorrelation !== undefined) {
      if (o.jitter === undefined) throw new InvalidArgumentError('a delay correlation needs a jitter', 'delayCorrelation');
      cor.delayCorr = pct(o.delayCorrelation, 'delayCorrelation');
      corPresent = true;
    }
    let lossType: 'gi' | 'ge' | undefined;
    let gi: { p13: number; p31: number; p32: number; p14: number; p23: number } | undefined;
    let ge: { p: number; r: number; h: number; k1: number } | undefined;
    const loss = o.loss;
    if (loss !== undefined) {
      if (typeof loss === 'number' || typeof loss === 'string') {
        qopt.loss = pct(loss, 'loss');
      } else if (loss && typeof loss === 'object' && 'random' in loss) {
        qopt.loss = pct(loss.random, 'loss');
        if (loss.correlation !== undefined) { cor.lossCorr = pct(loss.correlation, 'loss correlation'); corPresent = true; }
      } else if (loss && typeof loss === 'object' && 'state' in loss) {
        const s = loss.state;
        const p13 = percentValue(s.p13, 'loss p13');
        gi = {
          p13: netemPercent(p13), p31: s.p31 === undefined ? netemPercent(1 - p13) : pct(s.p31, 'loss p31'),
          p32: s.p32 === undefined ? 0 : pct(s.p32, 'loss p32'), p23: s.p23 === undefined ? netemPercent(1) : pct(s.p23, 'loss p23'),
          p14: s.p14 === undefined ? 0 : pct(s.p14, 'loss p14'),
        };
        lossType = 'gi';
      } else if (loss && typeof loss === 'object' && 'gemodel' in loss) {
        const g = loss.gemodel;
        const p = percentValue(g.p, 'loss gemodel p');
        ge = {
          p: netemPercent(p), r: g.r === undefined ? netemPercent(1 - p) : pct(g.r, 'loss gemodel r'),
          // netem's option is 1-h; the kernel takes h.
          h: g['1-h'] === undefined ? 0 : 0xffffffff - pct(g['1-h'], 'loss gemodel h'),
          k1: g['1-k'] === undefined ? 0 : pct(g['1-k'], 'loss gemodel k'),
        };
        lossType = 'ge';
      } else {
        throw new InvalidArgumentError('invalid loss: a probability, or { random }, { state } or { gemodel }', 'loss');
      }
    }
    if (o.duplicate !== undefined) qopt.duplicate = pct(o.duplicate, 'duplicate');
    if (o.duplicateCorrelation !== undefined) cor.dupCorr = pct(o.duplicateCorrelation, 'duplicateCorrelation');
    let reorder: { probability: number; correlation: number } | undefined;
    if (o.reorder !== undefined) {
      reorder = { probability: pct(o.reorder, 'reorder'), correlation: 0 };
      if (o.reorderCorrelation !== undefined) { reorder.correlation = pct(o.reorderCorrelation, 'reorderCorrelation'); corPresent = true; }
    }
    let corrupt: { probability: number; correlation: number } | undefined;
    if (o.corrupt !== undefined) {
      corrupt = { probability: pct(o.corrupt, 'corrupt'), correlation: 0 };
      if (o.corruptCorrelation !== undefined) { corrupt.correlation = pct(o.corruptCorrelation, 'corruptCorrelation'); corPresent = true; }
    }
    if (o.gap !== undefined) qopt.gap = checkUint(o.gap, 'gap');
    const ecn = o.ecn !== undefined && checkBit(o.ecn, 'ecn') === 1;
    let rate: { rate: number; packetOverhead: number; cellSize: number; cellOverhead: number } | undefined;
    let rate64 = 0n;
    if (o.rate !== undefined) {
      rate64 = rateValue(o.rate, 'rate', () => b.speed());
      rate = {
        rate: 0,
        packetOverhead: o.packetOverhead === undefined ? 0 : checkInt(o.packetOverhead, 'packetOverhead', -0x80000000, 0x7fffffff),
        cellSize: o.cellSize === undefined ? 0 : checkUint(o.cellSize, 'cellSize'),
        cellOverhead: o.cellOverhead === undefined ? 0 : checkInt(o.cellOverhead, 'cellOverhead', -0x80000000, 0x7fffffff),
      };
    } else if (o.packetOverhead !== undefined || o.cellSize !== undefined || o.cellOverhead !== undefined) {
      throw new InvalidArgumentError('packet and cell overheads need a rate', 'rate');
    }
    let slot: NetemAttrs['slot'];
    let slotDist: Uint8Array | undefined;
    if (o.slot !== undefined) {
      const s = o.slot;
      slot = { minDelay: 0n, maxDelay: 0n, maxPackets: 0, maxBytes: 0, distDelay: 0n, distJitter: 0n };
      if ('distribution' in s) {
        slotDist = table(b, s.distribution, 'slot distribution');
        slot.distDelay = time64Value(s.delay, 'slot delay');
        slot.distJitter = time64Value(s.jitter, 'slot jitter');
        if (slot.distJitter <= 0n) throw new InvalidArgumentError('Non-positive jitter', 'slot jitter');
      } else {
        slot.minDelay = time64Value(s.min, 'slot min_delay');
        slot.maxDelay = s.max === undefined ? slot.minDelay : time64Value(s.max, 'slot max_delay');
        if (slot.maxDelay < slot.minDelay) throw new InvalidArgumentError('Illegal "slot max_delay"', 'slot max_delay');
      }
      if (s.packets !== undefined) slot.maxPackets = checkInt(s.packets, 'slot packets', -0x80000000, 0x7fffffff);
      if (s.bytes !== undefined) slot.maxBytes = sizeValue(s.bytes, 'slot bytes') | 0;
    }
    const dist = o.distribution === undefined ? undefined : table(b, o.distribution, 'distribution');

    if (reorder?.probability) {
      if (qopt.latency === 0) throw new InvalidArgumentError('reordering not possible without specifying some delay', 'reorder');
      if (qopt.gap === 0) qopt.gap = 1;
    } else if (qopt.gap > 0) {
      throw new InvalidArgumentError('gap specified without reorder probability', 'gap');
    }
    if (ecn && qopt.loss <= 0 && lossType === undefined) throw new InvalidArgumentError('ecn requested without loss model', 'ecn');
    if (dist && (qopt.latency === 0 || qopt.jitter === 0)) {
      throw new InvalidArgumentError('distribution specified but no latency and jitter values', 'distribution');
    }
    if (corPresent) attrs.corr = cor;
    if (reorder) attrs.reorder = reorder;
    if (ecn) attrs.ecn = 1;
    if (corrupt) attrs.corrupt = corrupt;
    if (slot) attrs.slot = slot;
    if (gi) attrs.loss = { gi };
    else if (ge) attrs.loss = { ge };
    if (rate) {
      if (rate64 >= 1n << 32n) {
        attrs.rate64 = rate64;
        rate.rate = 0xffffffff;
      } else {
        rate.rate = Number(rate64);
      }
      attrs.rate = rate;
    }
    if (dist) attrs.delayDist = dist;
    if (slotDist) attrs.slotDist = slotDist;
    return { qopt, attrs };
  },
};
