/**
 * The kernel's packet-scheduler clock as tc uses it (tc/tc_core.c): /proc/net/psched gives the
 * tick length, and rates turn into transmission times (ticks) and the old 256-entry rate tables
 * that tbf, htb and police still send. All the arithmetic is tc's, in doubles, with C's casts, so
 * the bytes equal tc's.
 */
import { readFileSync } from 'node:fs';
import { TC_LINKLAYER_ATM, TC_LINKLAYER_MASK, type TcRateSpec } from '../../rtnl/tc/index.js';
import { TIME_UNITS_PER_SEC, toU32 } from './units.js';

/** The clock: microseconds per tick, and the kernel clock's resolution against microseconds. */
export interface Psched {
  tickInUsec: number;
  clockFactor: number;
  /** get_hz: the "HZ" htb divides rates by for its default bursts (the fourth word, when the third is 1000000). */
  hz: number;
}

/** What tc assumes when /proc/net/psched cannot be read. */
export const DEFAULT_PSCHED: Psched = { tickInUsec: 1, clockFactor: 1, hz: 100 };

/** Read /proc/net/psched (tc_core_init, __get_hz): four hex words, t2us us2t clock_res hz. */
export function parsePsched(text: string): Psched | undefined {
  const words = text.trim().split(/\s+/).map((w) => parseInt(w, 16));
  if (words.length < 3 || words.slice(0, 3).some((w) => !Number.isFinite(w)) || words[1] === 0) return undefined;
  let t2us = words[0]!;
  const us2t = words[1]!;
  const clockRes = words[2]!;
  const hz = clockRes === 1000000 && words[3] ? words[3] : 100;
  if (clockRes === 1000000000) t2us = us2t;
  const clockFactor = clockRes / TIME_UNITS_PER_SEC;
  return { tickInUsec: (t2us / us2t) * clockFactor, clockFactor, hz };
}

let cached: Psched | undefined;
/** This kernel's clock (read once per process; the file is the same in every namespace). */
export function psched(): Psched {
  if (cached) return cached;
  try {
    cached = parsePsched(readFileSync('/proc/net/psched', 'utf8')) ?? DEFAULT_PSCHED;
  } catch {
    cached = DEFAULT_PSCHED;
  }
  return cached;
}

// Each of these takes an `unsigned int` in tc: the argument is cut to 32 bits first.
/** tc_core_time2tick: microseconds -> ticks (u32). */
export const time2tick = (p: Psched, time: number): number => toU32(toU32(time) * p.tickInUsec);
/** tc_core_tick2time: ticks -> microseconds (u32). */
export const tick2time = (p: Psched, tick: number): number => toU32(toU32(tick) / p.tickInUsec);
/** tc_core_time2big: whether a time in microseconds overflows 32 bits of ticks. */
export const time2big = (p: Psched, time: number): boolean => Math.trunc(toU32(time) * p.tickInUsec) >= 2 ** 32;
/** tc_core_time2ktime / ktime2time. */
export const time2ktime = (p: Psched, time: number): number => toU32(toU32(time) * p.clockFactor);
export const ktime2time = (p: Psched, ktime: number): number => toU32(toU32(ktime) / p.clockFactor);

/** tc_calc_xmittime: the ticks `size` bytes take at `rate` bytes/s. */
export function xmittime(p: Psched, rate: number | bigint, size: number): number {
  return time2tick(p, TIME_UNITS_PER_SEC * (size / Number(rate)));
}

/** tc_calc_xmitsize: the bytes sent at `rate` bytes/s in `ticks`. */
export function xmitsize(p: Psched, rate: number | bigint, ticks: number): number {
  return toU32((Number(rate) * tick2time(p, ticks)) / TIME_UNITS_PER_SEC);
}

const ATM_CELL_PAYLOAD = 48;
const ATM_CELL_SIZE = 53;

function adjustSize(sz: number, mpu: number, linklayer: number): number {
  if (sz < mpu) sz = mpu;
  if (linklayer === TC_LINKLAYER_ATM) return Math.ceil(sz / ATM_CELL_PAYLOAD) * ATM_CELL_SIZE;
  return sz;
}

/**
 * tc_calc_rtable(_64): the 256-entry rate table (u32 ticks each, 1024 bytes) for `rate` bytes/s,
 * and the ratespec's cell_log, cell_align and linklayer filled in as tc fills them. `cellLog`
 * -1 picks the smallest that covers `mtu` (2047 when 0).
 */
export function calcRtable(p: Psched, r: TcRateSpec, rate: number | bigint, cellLog: number, mtu: number, linklayer: number): Uint8Array {
  if (mtu === 0) mtu = 2047;
  if (cellLog < 0) {
    cellLog = 0;
    while ((mtu >> cellLog) > 255) cellLog++;
  }
  const out = new Uint8Array(1024);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < 256; i++) {
    const sz = adjustSize(((i + 1) << cellLog) >>> 0, r.mpu, linklayer);
    dv.setUint32(i * 4, xmittime(p, rate, sz), true);
  }
  r.cellAlign = -1;
  r.cellLog = cellLog;
  r.linklayer = linklayer & TC_LINKLAYER_MASK;
  return out;
}

/** A zeroed struct tc_ratespec. */
export function emptyRateSpec(): TcRateSpec {
  return { cellLog: 0, linklayer: 0, overhead: 0, cellAlign: 0, mpu: 0, rate: 0 };
}
