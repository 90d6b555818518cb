/**
 * How late a 10 ms interval fires while awaited requests run (the event loop must keep turning:
 * issue 22), for the unit test against a synchronous fake kernel and the kernel test against the
 * real one.
 *
 * Without yielding, the interval does not fire at all until the loop ends, so it is late by the
 * whole loop: 3 ticks in 390-780 ms beside 3,000 link.get('lo'), none in 1.5 s beside 1,000 veth
 * adds. With yielding, a tick waits at most YIELD_AFTER_MS (2 ms) of work plus one request.
 *
 * The machine adds its own lateness. That is a few ms when idle and tens of ms now and then on a
 * loaded 2-core machine: a CI run beside other work saw p90 34 ms, worst 85 ms, median 2-3 ms.
 * So the bounds are on what load cannot fake: the median tick, and the share of the ticks due
 * that fired at all. The worst tick is reported, never asserted.
 */
import type { ExecutionContext } from 'ava';

const MEDIAN_MS = 20;
const TICK_SHARE = 0.4;

export interface Lateness { worst: number; p90: number; median: number; ticks: number; ms: number }

/** How late each tick of a 10 ms interval fired while `work` ran. */
export async function lateness(work: () => Promise<void>): Promise<Lateness> {
  const started = performance.now();
  let last = started;
  const late: number[] = [];
  const timer = setInterval(() => {
    const now = performance.now();
    late.push(now - last - 10);
    last = now;
  }, 10);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  const end = performance.now();
  late.push(end - last - 10);
  const sorted = [...late].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
  return { worst: sorted.at(-1)!, p90: at(0.9), median: at(0.5), ticks: late.length - 1, ms: end - started };
}

export const report = (r: Lateness): string =>
  `${r.ms.toFixed(0)} ms, ${r.ticks} ticks, lateness median ${r.median.toFixed(1)} ms, p90 ${r.p90.toFixed(1)} ms, worst ${r.worst.toFixed(1)} ms`;

/** The interval kept firing: its median tick on time, and most of the ticks due fired. */
export function onTime(t: ExecutionContext, what: string, r: Lateness): void {
  t.log(`${what}: ${report(r)}`);
  t.true(r.median < MEDIAN_MS, `${what}: ${report(r)}`);
  t.true(r.ticks >= TICK_SHARE * (r.ms / 10), `${what}: ${report(r)}`);
}
