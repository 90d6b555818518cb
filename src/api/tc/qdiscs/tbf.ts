/**
 * Kind tbf (tc/q_tbf.c): rate and burst, and either limit or latency; peakrate with mtu; mpu,
 * overhead, linklayer. The struct, rate tables and attribute order are tc's, computed as tc
 * computes them.
 */
import { TC_LINKLAYER_ATM, TC_LINKLAYER_ETHERNET, type TbfOptions as TbfData } from '../../../rtnl/tc/index.js';
import { checkUint, checkWord } from '../../check.js';
import { InvalidArgumentError } from '../../errors.js';
import { calcRtable, emptyRateSpec, xmittime } from '../core.js';
import { TIME_UNITS_PER_SEC, toU32 } from '../units.js';
import { rateValue, sizeCellValue, sizeValue, timeValue, type Rate, type Size, type Time } from '../values.js';
import type { QdiscDriver } from './driver.js';

/** A link layer as tc names it; 'adsl' is 'atm'. */
export type LinkLayer = 'ethernet' | 'atm' | 'adsl';

/** tbf: rate, burst and limit or latency (and the peak rate), in tc's units. */
export interface TbfOptions {
  /** The rate (required). */
  rate: Rate;
  /** The bucket (required): a size, or `'SIZE/CELL'`. tc also calls it buffer or maxburst. */
  burst: Size;
  /** Bytes that may queue; give this or `latency`. */
  limit?: Size;
  /** The longest a packet may wait; give this or `limit`. */
  latency?: Time;
  /** The peak rate (needs `mtu`). */
  peakrate?: Rate;
  /** The peak bucket (minburst): a size, or `'SIZE/CELL'`. */
  mtu?: Size;
  /** Minimum packet unit. */
  mpu?: Size;
  /** Per-packet overhead, bytes (0-65535). */
  overhead?: number;
  linklayer?: LinkLayer;
}

/** The link layer number of a word. */
export function linklayerValue(v: unknown): number {
  return checkWord(v, 'linklayer', ['ethernet', 'atm', 'adsl']) === 'ethernet' ? TC_LINKLAYER_ETHERNET : TC_LINKLAYER_ATM;
}

export const tbfDriver: QdiscDriver<TbfOptions, TbfData> = {
  options: { rate: true, burst: true, limit: true, latency: true, peakrate: true, mtu: true, mpu: true, overhead: true, linklayer: true },
  build(o, b) {
    const rate64 = o.rate === undefined ? 0n : rateValue(o.rate, 'rate', () => b.speed());
    const prate64 = o.peakrate === undefined ? 0n : rateValue(o.peakrate, 'peakrate', () => b.speed());
    const burst = o.burst === undefined ? { size: 0, cellLog: -1 } : sizeCellValue(o.burst, 'burst');
    const mtu = o.mtu === undefined ? { size: 0, cellLog: -1 } : sizeCellValue(o.mtu, 'mtu');
    const mpu = o.mpu === undefined ? 0 : sizeValue(o.mpu, 'mpu');
    let limit = o.limit === undefined ? 0 : sizeValue(o.limit, 'limit');
    const latency = o.latency === undefined ? 0 : timeValue(o.latency, 'latency');
    const overhead = o.overhead === undefined ? 0 : checkUint(o.overhead, 'overhead', 0xffff);
    const linklayer = o.linklayer === undefined ? TC_LINKLAYER_ETHERNET : linklayerValue(o.linklayer);
    if (limit && latency) throw new InvalidArgumentError('tbf: specifying both "limit" and "latency" is not allowed', 'latency');
    if (rate64 === 0n) throw new InvalidArgumentError('tbf: the "rate" parameter is mandatory.', 'rate');
    if (!burst.size) throw new InvalidArgumentError('tbf: the "burst" parameter is mandatory.', 'burst');
    if (prate64 && !mtu.size) throw new InvalidArgumentError('tbf: when "peakrate" is specified, "mtu" must also be specified.', 'mtu');
    if (!limit && !latency) throw new InvalidArgumentError('tbf: either "limit" or "latency" is required.', 'limit');

    const rate = emptyRateSpec();
    const peakrate = emptyRateSpec();
    rate.rate = rate64 >= 1n << 32n ? 0xffffffff : Number(rate64);
    peakrate.rate = prate64 >= 1n << 32n ? 0xffffffff : Number(prate64);
    if (limit === 0) {
      let lim = Number(rate64) * latency / TIME_UNITS_PER_SEC + burst.size;
      if (prate64) {
        const lim2 = Number(prate64) * latency / TIME_UNITS_PER_SEC + mtu.size;
        if (lim2 < lim) lim = lim2;
      }
      limit = toU32(lim);
    }
    rate.mpu = mpu;
    rate.overhead = overhead;
    const rtab = calcRtable(b.psched, rate, rate.rate, burst.cellLog, mtu.size, linklayer);
    const buffer = xmittime(b.psched, rate.rate, burst.size);
    let ptab: Uint8Array | undefined;
    let mtuTicks = 0;
    if (peakrate.rate) {
      peakrate.mpu = mpu;
      peakrate.overhead = overhead;
      ptab = calcRtable(b.psched, peakrate, peakrate.rate, mtu.cellLog, mtu.size, linklayer);
      mtuTicks = xmittime(b.psched, peakrate.rate, mtu.size);
    }
    const data: TbfData = { parms: { rate, peakrate, limit, buffer, mtu: mtuTicks }, burst: burst.size };
    if (rate64 >= 1n << 32n) data.rate64 = rate64;
    data.rtab = rtab;
    if (ptab) {
      if (prate64 >= 1n << 32n) data.prate64 = prate64;
      data.pburst = mtu.size;
      data.ptab = ptab;
    }
    return data;
  },
};
