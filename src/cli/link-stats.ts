/**
 * The device counters of `ip -s link` / `ip -s addr` (print_stats64 in ip/ipaddress.c): a JSON
 * object "stats64" (or "stats" when the kernel sent only the 32-bit struct), or the RX/TX table
 * whose columns widen to the largest number; `-s -s` adds the error rows.
 */
import type { LinkStats64 } from '../rtnl/link/index.js';
import { sprintf } from './format.js';
import type { Printer } from './printer.js';

/** -s count and -h / -iec, as the table needs them. */
export interface StatsOptions {
  stats: number;
  human: boolean;
  iec: boolean;
}

function digits(v: bigint): number {
  return v.toString().length;
}

/** print_num: a counter right-aligned in `width`, with k/M/G... suffixes under -h. */
export function formatNum(width: number, count: bigint, o: Readonly<StatsOptions>): string {
  const base = o.iec ? 1024n : 1000n;
  if (!o.human || count < base) return sprintf('%*s ', width, count.toString());
  const prefixes = 'kMGTPE';
  let p = 0;
  let powi = 1n;
  for (;;) {
    powi *= base;
    if (count / base < powi) break;
    if (p + 1 >= prefixes.length) break;
    p++;
  }
  let precision = 2;
  let powj = 1n;
  for (; precision > 0; precision--) {
    powj *= 10n;
    if (count / powi < powj) break;
  }
  const text = `${(Number(count) / Number(powi)).toFixed(precision)}${prefixes[p]!}${o.iec ? 'i' : ''}`;
  return sprintf('%*s ', width, text);
}

/**
 * Print the counters. `carrierChanges` is IFLA_CARRIER_CHANGES when the kernel sent it; `key`
 * is "stats64" or "stats" (which struct the kernel sent).
 */
export function printStats64(p: Printer, s: LinkStats64, carrierChanges: number | undefined, key: string | null, o: Readonly<StatsOptions>): void {
  const { rx, tx } = s;
  const nohandler = rx.nohandler ?? 0n;
  const otherhost = rx.otherhost ?? 0n;
  if (p.json) {
    if (key !== null) p.openObject(key);
    p.openObject('rx');
    p.uint('json', 'bytes', null, rx.bytes);
    p.uint('json', 'packets', null, rx.packets);
    p.uint('json', 'errors', null, rx.errors);
    p.uint('json', 'dropped', null, rx.dropped);
    p.uint('json', 'over_errors', null, rx.overErrors);
    p.uint('json', 'multicast', null, rx.multicast);
    if (rx.compressed) p.uint('json', 'compressed', null, rx.compressed);
    if (o.stats > 1) {
      p.uint('json', 'length_errors', null, rx.lengthErrors);
      p.uint('json', 'crc_errors', null, rx.crcErrors);
      p.uint('json', 'frame_errors', null, rx.frameErrors);
      p.uint('json', 'fifo_errors', null, rx.fifoErrors);
      p.uint('json', 'missed_errors', null, rx.missedErrors);
      if (nohandler) p.uint('json', 'nohandler', null, nohandler);
      if (otherhost) p.uint('json', 'otherhost', null, otherhost);
    }
    p.closeObject();
    p.openObject('tx');
    p.uint('json', 'bytes', null, tx.bytes);
    p.uint('json', 'packets', null, tx.packets);
    p.uint('json', 'errors', null, tx.errors);
    p.uint('json', 'dropped', null, tx.dropped);
    p.uint('json', 'carrier_errors', null, tx.carrierErrors);
    p.uint('json', 'collisions', null, tx.collisions);
    if (tx.compressed) p.uint('json', 'compressed', null, tx.compressed);
    if (o.stats > 1) {
      p.uint('json', 'aborted_errors', null, tx.abortedErrors);
      p.uint('json', 'fifo_errors', null, tx.fifoErrors);
      p.uint('json', 'window_errors', null, tx.windowErrors);
      p.uint('json', 'heartbeat_errors', null, tx.heartbeatErrors);
      if (carrierChanges !== undefined) p.uint('json', 'carrier_changes', null, carrierChanges);
    }
    p.closeObject();
    if (key !== null) p.closeObject();
    return;
  }

  // size_columns: each column as wide as its title or its widest number (not under -h).
  const cols = ['*X errors:', 'packets', 'errors', 'dropped', 'heartbt', 'overrun', 'compressed', 'otherhost'].map((t) => t.length);
  const size = (...vals: bigint[]): void => {
    if (o.human) return;
    vals.forEach((v, i) => { cols[i] = Math.max(cols[i]!, digits(v)); });
  };
  size(rx.bytes, rx.packets, rx.errors, rx.dropped, rx.missedErrors, rx.multicast, rx.compressed, 0n);
  if (o.stats > 1) size(0n, rx.lengthErrors, rx.crcErrors, rx.frameErrors, rx.fifoErrors, rx.overErrors, nohandler, otherhost);
  size(tx.bytes, tx.packets, tx.errors, tx.dropped, tx.carrierErrors, tx.collisions, tx.compressed, 0n);
  if (o.stats > 1) size(0n, 0n, tx.abortedErrors, tx.fifoErrors, tx.windowErrors, tx.heartbeatErrors, BigInt(carrierChanges ?? 0), 0n);
  const c = (i: number): number => cols[i]!;
  const num = (i: number, v: bigint): string => formatNum(c(i), v, o);
  const sl = p.sl;

  let t = sprintf('    RX: %*s %*s %*s %*s %*s %*s %*s%s', c(0) - 4, 'bytes', c(1), 'packets', c(2), 'errors', c(3), 'dropped',
    c(4), 'missed', c(5), 'mcast', c(6), rx.compressed ? 'compressed' : '', sl);
  t += '    ' + num(0, rx.bytes) + num(1, rx.packets) + num(2, rx.errors) + num(3, rx.dropped) + num(4, rx.missedErrors) + num(5, rx.multicast);
  if (rx.compressed) t += num(6, rx.compressed);
  if (o.stats > 1) {
    t += sl;
    t += sprintf('    RX errors:%*s %*s %*s %*s %*s %*s%*s%*s%s', c(0) - 10, '', c(1), 'length', c(2), 'crc', c(3), 'frame',
      c(4), 'fifo', c(5), 'overrun', nohandler ? c(6) + 1 : 0, nohandler ? ' nohandler' : '',
      otherhost ? c(7) + 1 : 0, otherhost ? ' otherhost' : '', sl);
    t += sprintf('%*s', c(0) + 5, '');
    t += num(1, rx.lengthErrors) + num(2, rx.crcErrors) + num(3, rx.frameErrors) + num(4, rx.fifoErrors) + num(5, rx.overErrors);
    if (nohandler) t += num(6, nohandler);
    if (otherhost) t += num(7, otherhost);
  }
  t += sl;
  t += sprintf('    TX: %*s %*s %*s %*s %*s %*s %*s%s', c(0) - 4, 'bytes', c(1), 'packets', c(2), 'errors', c(3), 'dropped',
    c(4), 'carrier', c(5), 'collsns', c(6), tx.compressed ? 'compressed' : '', sl);
  t += '    ' + num(0, tx.bytes) + num(1, tx.packets) + num(2, tx.errors) + num(3, tx.dropped) + num(4, tx.carrierErrors) + num(5, tx.collisions);
  if (tx.compressed) t += num(6, tx.compressed);
  if (o.stats > 1) {
    t += sl;
    t += sprintf('    TX errors:%*s %*s %*s %*s %*s %*s%s', c(0) - 10, '', c(1), 'aborted', c(2), 'fifo', c(3), 'window',
      c(4), 'heartbt', c(5), carrierChanges !== undefined ? 'transns' : '', sl);
    t += sprintf('%*s', c(0) + 5, '');
    t += num(1, tx.abortedErrors) + num(2, tx.fifoErrors) + num(3, tx.windowErrors) + num(4, tx.heartbeatErrors);
    if (carrierChanges !== undefined) t += num(5, BigInt(carrierChanges));
  }
  p.text(t);
}
