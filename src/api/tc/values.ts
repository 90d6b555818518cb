/**
 * The values a tc spec takes, checked and turned into what the kernel wants: handles (`'1:'`,
 * `'1:10'`, `'root'`, `'ingress'` or a number), rates (bytes/s as a number or bigint, or tc's
 * text: `'1mbit'`, `'10%'`), sizes (bytes, or `'32kb'`), times (microseconds, or `'100ms'`),
 * percentages (a fraction 0-1, or `'1%'`). Each failure is an InvalidArgumentError naming the
 * option, thrown before anything is sent.
 */
import { readFileSync } from 'node:fs';
import { parseClassid, parseQdiscHandle, TC_H_INGRESS, TC_H_ROOT } from '../../rtnl/tc/index.js';
import { InvalidArgumentError } from '../errors.js';
import { parsePercent, parseRate64, parseSize, parseTime, parseTime64, toU32 } from './units.js';

/** A tc handle: a number, or tc's text (`'1:'`, `'1:10'`, `'ffff:'`, `':5'`, `'root'`, `'none'`). */
export type TcHandle = number | string;
/** A rate: bytes per second (number or bigint), or tc's text (`'1mbit'`, `'125kbps'`, `'10%'` of the device's speed). */
export type Rate = number | bigint | string;
/** A size: bytes, or tc's text (`'32kb'`, `'1mb'`, `'1500'`). */
export type Size = number | string;
/** A time: microseconds, or tc's text (`'100ms'`, `'1s'`, `'250us'`). */
export type Time = number | string;
/** A probability: a fraction from 0 to 1, or tc's text (`'1%'`). */
export type Percent = number | string;

const bad = (what: string, v: unknown, why: string): InvalidArgumentError =>
  new InvalidArgumentError(`invalid ${what} "${String(v)}": ${why}`, what);

/** A class id or parent: `'1:10'`, `'root'`, `'ingress'`/`'clsact'` (TC_H_INGRESS), `'none'`, or a number. */
export function classidValue(v: unknown, what: string): number {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff) return v;
  if (v === 'ingress' || v === 'clsact') return TC_H_INGRESS;
  const h = typeof v === 'string' ? parseClassid(v) : undefined;
  if (h === undefined) throw bad(what, v, "expected a handle such as '1:10', '1:', 'root' or a number");
  return h;
}

/** A qdisc handle: `'1:'` (a major only), or a number whose minor is 0. */
export function qdiscHandleValue(v: unknown, what: string): number {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff && (v & 0xffff) === 0) return v;
  // tc reads whatever follows the colon as nothing; a minor here is a mistake, refused.
  const h = typeof v === 'string' && /^([^:]*)(:0*)?$/.test(v) ? parseQdiscHandle(v) : undefined;
  if (h === undefined) throw bad(what, v, "expected a qdisc handle such as '1:' or 'ffff:'");
  return h;
}

/** An attach point of a qdisc or class: `'root'` is TC_H_ROOT. */
export function parentValue(v: unknown, what = 'parent'): number {
  if (v === 'root') return TC_H_ROOT;
  return classidValue(v, what);
}

/** What a percent rate needs: the device's speed in Mbit/s. */
export type SpeedSource = () => number;

/**
 * get_percent_rate64: `pct` of the device's speed, through tc's text (`%lf`) and get_rate64.
 * Exported for the CLI, which reads the same words.
 */
export function percentRate(text: string, mbit: number): bigint | undefined {
  const m = /^[0-9.%]+/.exec(text);
  if (!m) return undefined;
  const perc = parsePercent(m[0]);
  if (perc === undefined || perc === 'range') return undefined;
  return parseRate64((perc * mbit * 1000 * 1000).toFixed(6));
}

/** A rate in bytes/s (64 bits). `speed` is asked only for a percentage. */
export function rateValue(v: unknown, what: string, speed?: SpeedSource): bigint {
  let r: bigint | undefined;
  if (typeof v === 'bigint') r = v >= 0n && v < 1n << 64n ? v : undefined;
  else if (typeof v === 'number') r = Number.isInteger(v) && v >= 0 && v <= Number.MAX_SAFE_INTEGER ? BigInt(v) : undefined;
  else if (typeof v === 'string') {
    if (v.includes('%')) {
      if (!speed) throw bad(what, v, 'a percentage needs the device');
      r = percentRate(v, speed());
    } else r = parseRate64(v);
  }
  if (r === undefined) throw bad(what, v, "expected bytes per second or a rate such as '1mbit'");
  return r;
}

/** A size in bytes (u32). */
export function sizeValue(v: unknown, what: string): number {
  const s = typeof v === 'number' ? (Number.isInteger(v) && v >= 0 && v <= 0xffffffff ? v : undefined)
    : typeof v === 'string' ? parseSize(v) : undefined;
  if (s === undefined) throw bad(what, v, "expected bytes or a size such as '32kb'");
  return s;
}

/** A size with an optional cell (`'32kb/8'`, tc's get_size_and_cell): the size and log2 of the cell, -1 without one. */
export function sizeCellValue(v: unknown, what: string): { size: number; cellLog: number } {
  if (typeof v !== 'string' || !v.includes('/')) return { size: sizeValue(v, what), cellLog: -1 };
  const [size, cell] = v.split('/', 2) as [string, string];
  // get_integer (base 0): a decimal, 0x hex or 0 octal int.
  const m = /^\s*\+?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(cell);
  const c = m ? Number(m[1]!.startsWith('0') && m[1]!.length > 1 && !/^0[xX]/.test(m[1]!) ? parseInt(m[1]!, 8) : m[1]) : NaN;
  const log = Number.isInteger(c) && c > 0 && c <= 0x40000000 && (c & (c - 1)) === 0 ? Math.log2(c) : -1;
  if (log < 0) throw bad(what, v, 'the cell after "/" must be a power of two');
  return { size: sizeValue(size, what), cellLog: log };
}

/** A time in microseconds (u32). */
export function timeValue(v: unknown, what: string): number {
  const t = typeof v === 'number' ? (Number.isFinite(v) && v >= 0 && v <= 0xffffffff ? toU32(v) : undefined)
    : typeof v === 'string' ? parseTime(v) : undefined;
  if (t === undefined) throw bad(what, v, "expected microseconds or a time such as '100ms'");
  return t;
}

/** A time in nanoseconds (s64): a number of microseconds, a bigint of nanoseconds, or tc's text. */
export function time64Value(v: unknown, what: string): bigint {
  const t = typeof v === 'bigint' ? v : typeof v === 'number' ? (Number.isFinite(v) && v >= 0 ? BigInt(Math.round(v * 1000)) : undefined)
    : typeof v === 'string' ? parseTime64(v) : undefined;
  if (t === undefined) throw bad(what, v, "expected microseconds or a time such as '10ms'");
  return t;
}

/** A probability as a fraction 0-1 (a number, or `'1%'`). */
export function percentValue(v: unknown, what: string): number {
  const p = typeof v === 'number' ? (v >= 0 && v <= 1 ? v : 'range') : typeof v === 'string' ? parsePercent(v) : undefined;
  if (p === 'range') throw bad(what, v, 'a probability is between 0 and 100%');
  if (p === undefined || Number.isNaN(p)) throw bad(what, v, "expected a fraction 0-1 or a percentage such as '1%'");
  return p;
}

/** The speed of a device in Mbit/s, as tc reads it (read_prop(dev, "speed")). */
export function deviceSpeed(dev: string): number {
  let text: string;
  try {
    text = readFileSync(`/sys/class/net/${dev}/speed`, 'utf8');
  } catch (e) {
    throw new InvalidArgumentError(`cannot read the speed of "${dev}" for a percentage rate: ${(e as Error).message}`, 'rate');
  }
  const n = Number(text.trim());
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`the speed of "${dev}" is not a number: ${text.trim()}`, 'rate');
  return n;
}
