/**
 * tc's printed units (lib/json_print.c print_rate, lib/json_print_math.c sprint_size, lib/utils.c
 * sprint_time / sprint_time64, tc/tc_util.c sprint_ticks and sprint_linklayer), computed with C's
 * integer and double arithmetic so the text is tc's: `1Mbit`, `32Kb`, `100ms`, `1.5s`.
 */
import { tick2time, type Psched } from '../../api/tc/core.js';
import { toU32 } from '../../api/tc/units.js';
import { TC_LINKLAYER_ATM, TC_LINKLAYER_ETHERNET, TC_LINKLAYER_UNAWARE } from '../../rtnl/tc/index.js';
import { sprintf } from '../format.js';

/** rint: to nearest, ties to even (the default rounding mode). */
export function rint(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** print_rate's text: a rate in bytes/s as bits with SI (or, with -iec, binary) prefixes. */
export function sprintRate(bytesPerSec: number | bigint, iec = false): string {
  const kilo = iec ? 1024n : 1000n;
  const units = ['', 'K', 'M', 'G', 'T'];
  let rate = BigInt.asUintN(64, BigInt(bytesPerSec) << 3n);
  let i = 0;
  for (; i < units.length - 1; i++) {
    if (rate < kilo) break;
    if (rate % kilo !== 0n && rate < 1000n * kilo) break;
    rate /= kilo;
  }
  return `${sprintf('%.0f', Number(rate))}${units[i]}${i > 0 && iec ? 'i' : ''}bit`;
}

/** sprint_size: bytes as `NMb`, `NKb` when close to a whole number of them, else `Nb`. */
export function sprintSize(sz: number): string {
  sz = toU32(sz);
  const kilo = 1024;
  const mega = kilo * kilo;
  if (sz >= mega && Math.abs(mega * rint(sz / mega) - sz) < 1024) return `${sprintf('%g', rint(sz / mega))}Mb`;
  if (sz >= kilo && Math.abs(kilo * rint(sz / kilo) - sz) < 16) return `${sprintf('%g', rint(sz / kilo))}Kb`;
  return `${sz}b`;
}

/** sprint_time: microseconds (u32) as `1.5s`, `100ms`, `250us`. */
export function sprintTime(time: number): string {
  time = toU32(time);
  if (time >= 1000000) return sprintf('%.3gs', time / 1000000);
  if (time >= 1000) return sprintf('%.3gms', time / 1000);
  return `${time}us`;
}

/** sprint_time64: nanoseconds (s64) as `1.5s`, `10ms`, `5us`, `100ns`. */
export function sprintTime64(time: bigint | number): string {
  const t = BigInt(time);
  const nsec = Number(t);
  if (t >= 1000000000n) return sprintf('%.3gs', nsec / 1e9);
  if (t >= 1000000n) return sprintf('%.3gms', nsec / 1e6);
  if (t >= 1000n) return sprintf('%.3gus', nsec / 1e3);
  return `${t}ns`;
}

/** sprint_ticks: psched ticks as a time. */
export function sprintTicks(p: Psched, ticks: number): string {
  return sprintTime(tick2time(p, ticks));
}

/** sprint_linklayer. */
export function linklayerName(l: number): string {
  if (l === TC_LINKLAYER_UNAWARE) return 'unspec';
  if (l === TC_LINKLAYER_ETHERNET) return 'ethernet';
  if (l === TC_LINKLAYER_ATM) return 'atm';
  return 'unknown';
}
