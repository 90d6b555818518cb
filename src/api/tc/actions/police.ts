/**
 * Action police (tc/m_police.c): a token bucket (rate, burst, optionally peakrate with mtu), or an
 * average rate (avrate), or a packet rate; what exceeds gets one verdict (default reclassify), what
 * conforms another. The struct, rate tables and attribute order are tc's, computed as tc does.
 */
import { TC_ACT_RECLASSIFY, TC_LINKLAYER_ETHERNET, type PoliceOptions as PoliceData, type TcPolice } from '../../../rtnl/tc/index.js';
import { checkUint } from '../../check.js';
import { InvalidArgumentError } from '../../errors.js';
import { calcRtable, emptyRateSpec, xmittime } from '../core.js';
import { linklayerValue, type LinkLayer } from '../qdiscs/tbf.js';
import { rateValue, sizeCellValue, sizeValue, type Rate, type Size } from '../values.js';
import { controlValue, type ActionControl, type ActionDriver } from './driver.js';

/** The police action: a rate, burst and MTU, and what to do when traffic conforms or exceeds. */
export interface PoliceOptions {
  rate: Rate;
  /** The bucket: a size or `'SIZE/CELL'`. Needed with `rate`. */
  burst: Size;
  /** The largest packet (and the peak bucket): a size or `'SIZE/CELL'`. Needed with `peakrate`. */
  mtu: Size;
  peakrate: Rate;
  /** Police on the rate estimator's average instead of a bucket. */
  avrate: Rate;
  mpu: Size;
  overhead: number;
  linklayer: LinkLayer;
  /** The verdict for packets over the rate (default reclassify). */
  exceed: ActionControl;
  /** The verdict for packets within it (default none sent: the kernel's ok). */
  conform: ActionControl;
  /** A rate in packets per second (with pktsBurst), instead of `rate`. */
  pktsRate: number | bigint;
  pktsBurst: number | bigint;
}

const u64 = (v: unknown, what: string): bigint => {
  if ((typeof v === 'bigint' && v >= 0n && v < 1n << 64n) || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0)) return BigInt(v);
  throw new InvalidArgumentError(`invalid ${what} "${String(v)}": expected a non-negative integer`, what);
};

export const policeDriver: ActionDriver<PoliceOptions, PoliceData> = {
  options: {
    rate: true, burst: true, mtu: true, peakrate: true, avrate: true, mpu: true, overhead: true, linklayer: true, exceed: true,
    conform: true, pktsRate: true, pktsBurst: true,
  },
  build(o, index, b) {
    const rate64 = o.rate === undefined ? 0n : rateValue(o.rate, 'rate');
    const prate64 = o.peakrate === undefined ? 0n : rateValue(o.peakrate, 'peakrate');
    const avrate = o.avrate === undefined ? 0 : Number(rateValue(o.avrate, 'avrate'));
    if (avrate > 0xffffffff) throw new InvalidArgumentError('invalid avrate: more than 32 bits of bytes/s', 'avrate');
    const burst = o.burst === undefined ? { size: 0, cellLog: -1 } : sizeCellValue(o.burst, 'burst');
    const mtu = o.mtu === undefined ? { size: 0, cellLog: -1 } : sizeCellValue(o.mtu, 'mtu');
    const mpu = o.mpu === undefined ? 0 : sizeValue(o.mpu, 'mpu');
    const overhead = o.overhead === undefined ? 0 : checkUint(o.overhead, 'overhead', 0xffff);
    const linklayer = o.linklayer === undefined ? TC_LINKLAYER_ETHERNET : linklayerValue(o.linklayer);
    const pps64 = o.pktsRate === undefined ? 0n : u64(o.pktsRate, 'pktsRate');
    const ppsburst64 = o.pktsBurst === undefined ? 0n : u64(o.pktsBurst, 'pktsBurst');
    const exceed = o.exceed === undefined ? TC_ACT_RECLASSIFY : controlValue(o.exceed, 'exceed');
    const conform = o.conform === undefined ? 0 : controlValue(o.conform, 'conform');
    // tc's checks, in its order and words.
    if (rate64 && avrate) throw new InvalidArgumentError("police: 'rate' and 'avrate' are not allowed together.", 'avrate');
    if (!rate64 && !avrate && !index && !mtu.size && !pps64) {
      throw new InvalidArgumentError("'rate' or 'avrate' or 'mtu' or 'pkts_rate' MUST be specified.", 'rate');
    }
    if (rate64 && !burst.size && !avrate) throw new InvalidArgumentError("'burst' requires 'rate'.", 'burst');
    if (pps64 && !ppsburst64) throw new InvalidArgumentError("'pkts_burst' requires 'pkts_rate'.", 'pktsBurst');
    if (pps64 && rate64) throw new InvalidArgumentError("'rate' and 'pkts_rate' are not allowed in same action.", 'pktsRate');
    if (prate64 && !rate64) throw new InvalidArgumentError("'peakrate' requires 'rate'.", 'peakrate');
    if (prate64 && !mtu.size) throw new InvalidArgumentError("'mtu' is required, if 'peakrate' is requested.", 'mtu');

    const tbf: TcPolice = {
      index, action: exceed, limit: 0, burst: 0, mtu: mtu.size, rate: emptyRateSpec(), peakrate: emptyRateSpec(), refcnt: 0, bindcnt: 0, capab: 0,
    };
    let rtab: Uint8Array | undefined;
    let ptab: Uint8Array | undefined;
    if (rate64) {
      tbf.rate.rate = rate64 >= 1n << 32n ? 0xffffffff : Number(rate64);
      tbf.rate.mpu = mpu;
      tbf.rate.overhead = overhead;
      rtab = calcRtable(b.psched, tbf.rate, rate64, burst.cellLog, mtu.size, linklayer);
      tbf.burst = xmittime(b.psched, rate64, burst.size);
    }
    if (prate64) {
      tbf.peakrate.rate = prate64 >= 1n << 32n ? 0xffffffff : Number(prate64);
      tbf.peakrate.mpu = mpu;
      tbf.peakrate.overhead = overhead;
      ptab = calcRtable(b.psched, tbf.peakrate, prate64, mtu.cellLog, mtu.size, linklayer);
    }
    const data: PoliceData = { tbf };
    if (rtab) {
      data.rateTable = rtab;
      if (rate64 >= 1n << 32n) data.rate64 = rate64;
    }
    if (ptab) {
      data.peakrateTable = ptab;
      if (prate64 >= 1n << 32n) data.peakrate64 = prate64;
    }
    if (avrate) data.avrate = avrate;
    if (conform) data.result = conform;
    if (pps64) {
      data.pktrate64 = pps64;
      data.pktburst64 = BigInt(xmittime(b.psched, pps64, Number(ppsburst64)));
    }
    return data;
  },
};
