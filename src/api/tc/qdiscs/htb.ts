/**
 * Kind htb (tc/q_htb.c). The qdisc: default class, r2q, direct_qlen, offload. A class: rate
 * (required), ceil, burst, cburst, mtu, mpu, overhead, linklayer, prio, quantum; rate tables
 * and default bursts computed as tc computes them.
 */
import { TC_HTB_PROTOVER, TC_LINKLAYER_ETHERNET, type HtbOptions as HtbData } from '../../../rtnl/tc/index.js';
import { checkBit, checkUint } from '../../check.js';
import { InvalidArgumentError } from '../../errors.js';
import { calcRtable, emptyRateSpec, xmittime } from '../core.js';
import { toU32 } from '../units.js';
import { rateValue, sizeCellValue, type Rate, type Size } from '../values.js';
import type { ClassDriver, QdiscDriver } from './driver.js';
import { linklayerValue, type LinkLayer } from './tbf.js';

/** htb (the qdisc): default class, r2q and direct queue length. */
export interface HtbOptions {
  /** The minor number of the class unclassified traffic goes to (tc reads it in hex: `default 10` is 0x10). */
  default?: number;
  /** Quantums are rate / r2q (default 10). */
  r2q?: number;
  /** The direct queue's length, packets. */
  directQlen?: number;
  /** Offload to hardware. */
  offload?: boolean;
  /** Debug flags (a u32). */
  debug?: number;
}

export const htbDriver: QdiscDriver<HtbOptions, HtbData> = {
  options: { default: true, r2q: true, directQlen: true, offload: true, debug: true },
  build(o) {
    const init = {
      version: TC_HTB_PROTOVER,
      rate2quantum: o.r2q === undefined ? 10 : checkUint(o.r2q, 'r2q'),
      defcls: o.default === undefined ? 0 : checkUint(o.default, 'default'),
      debug: o.debug === undefined ? 0 : checkUint(o.debug, 'debug'),
      directPkts: 0,
    };
    const data: HtbData = { init };
    if (o.directQlen !== undefined) {
      const q = checkUint(o.directQlen, 'directQlen');
      if (q !== 0xffffffff) data.directQlen = q;
    }
    if (o.offload !== undefined && checkBit(o.offload, 'offload')) data.offload = true;
    return data;
  },
};

/** An htb class: rate, ceil, bursts, priority and quantum, in tc's units. */
export interface HtbClassOptions {
  /** The guaranteed rate (required). */
  rate: Rate;
  /** The most it may borrow up to (default: rate). */
  ceil?: Rate;
  /** Bytes at rate (default rate / HZ + mtu), or `'SIZE/CELL'`. */
  burst?: Size;
  /** Bytes at ceil (default ceil / HZ + mtu), or `'SIZE/CELL'`. */
  cburst?: Size;
  /** The largest packet the rate tables cover (default 1600). */
  mtu?: number;
  mpu?: number;
  overhead?: number;
  linklayer?: LinkLayer;
  /** Priority 0-7; lower is served first. */
  prio?: number;
  /** Bytes served at once (default: from r2q). */
  quantum?: number;
}

export const htbClassDriver: ClassDriver<HtbClassOptions, HtbData> = {
  options: {
    rate: true, ceil: true, burst: true, cburst: true, mtu: true, mpu: true, overhead: true, linklayer: true, prio: true,
    quantum: true,
  },
  build(o, b) {
    const rate64 = o.rate === undefined ? 0n : rateValue(o.rate, 'rate', () => b.speed());
    let ceil64 = o.ceil === undefined ? 0n : rateValue(o.ceil, 'ceil', () => b.speed());
    const mtu = o.mtu === undefined ? 1600 : checkUint(o.mtu, 'mtu');
    const mpu = o.mpu === undefined ? 0 : checkUint(o.mpu, 'mpu', 0xffff);
    const overhead = o.overhead === undefined ? 0 : checkUint(o.overhead, 'overhead', 0xffff);
    const linklayer = o.linklayer === undefined ? TC_LINKLAYER_ETHERNET : linklayerValue(o.linklayer);
    const burst = o.burst === undefined ? { size: 0, cellLog: -1 } : sizeCellValue(o.burst, 'burst');
    const cburst = o.cburst === undefined ? { size: 0, cellLog: -1 } : sizeCellValue(o.cburst, 'cburst');
    if (!rate64) throw new InvalidArgumentError('"rate" is required.', 'rate');
    if (!ceil64) ceil64 = rate64;
    const rate = emptyRateSpec();
    const ceil = emptyRateSpec();
    rate.rate = rate64 >= 1n << 32n ? 0xffffffff : Number(rate64);
    ceil.rate = ceil64 >= 1n << 32n ? 0xffffffff : Number(ceil64);
    const hz = BigInt(b.psched.hz);
    const buffer = burst.size || toU32(Number(rate64 / hz) + mtu);
    const cbuffer = cburst.size || toU32(Number(ceil64 / hz) + mtu);
    rate.overhead = ceil.overhead = overhead;
    rate.mpu = ceil.mpu = mpu;
    const rtab = calcRtable(b.psched, rate, rate.rate, burst.cellLog, mtu, linklayer);
    const ctab = calcRtable(b.psched, ceil, ceil.rate, cburst.cellLog, mtu, linklayer);
    const data: HtbData = {};
    if (rate64 >= 1n << 32n) data.rate64 = rate64;
    if (ceil64 >= 1n << 32n) data.ceil64 = ceil64;
    data.parms = {
      rate, ceil, buffer: xmittime(b.psched, rate64, buffer), cbuffer: xmittime(b.psched, ceil64, cbuffer),
      quantum: o.quantum === undefined ? 0 : checkUint(o.quantum, 'quantum'), level: 0,
      prio: o.prio === undefined ? 0 : checkUint(o.prio, 'prio'),
    };
    data.rtab = rtab;
    data.ctab = ctab;
    return data;
  },
};
