/**
 * tc's statistics printers (tc/tc_util.c print_tcstats_attr, print_tcstats2_attr): "Sent N bytes
 * N pkt (dropped ...)", the rate estimate, the backlog; JSON keys bytes, packets, drops, ...
 */
import type { TcAttrs, TcStats2 } from '../../rtnl/tc/index.js';
import { sprintf } from '../format.js';
import type { Printer } from '../printer.js';
import { sprintRate, sprintSize } from './units.js';

/** print_size with its key: JSON the number, text the size. */
function sizeOut(p: Printer, key: string, fmt: string, v: number): void {
  if (p.json) p.uint('json', key, null, v);
  else p.text(sprintf(fmt, sprintSize(v)));
}

/** print_tcstats2_attr: TCA_STATS2 (or an action's TCA_ACT_STATS) under `prefix`. */
export function printStats2(p: Printer, s: TcStats2, prefix: string, iec: boolean): void {
  if (s.basic) {
    p.string('fp', null, '%s', prefix);
    p.uint('any', 'bytes', 'Sent %llu bytes', s.basic.bytes);
    if (s.pkt64) p.uint('any', 'packets', ' %llu pkt', s.pkt64);
    else p.uint('any', 'packets', ' %u pkt', s.basic.packets);
  }
  if (s.queue) {
    p.uint('any', 'drops', ' (dropped %u', s.queue.drops);
    p.uint('any', 'overlimits', ', overlimits %u', s.queue.overlimits);
    p.uint('any', 'requeues', ' requeues %u) ', s.queue.requeues);
  }
  if (s.basicHw && (s.basicHw.bytes !== 0n || s.basicHw.packets !== 0)) {
    const hw = s.basicHw;
    if (s.basic && s.basic.bytes >= hw.bytes && s.basic.packets >= hw.packets) {
      p.nl();
      p.string('fp', null, '%s', prefix);
      p.uint('any', 'sw_bytes', 'Sent software %llu bytes', s.basic.bytes - hw.bytes);
      p.uint('any', 'sw_packets', ' %u pkt', s.basic.packets - hw.packets);
    }
    p.nl();
    p.string('fp', null, '%s', prefix);
    p.uint('any', 'hw_bytes', 'Sent hardware %llu bytes', hw.bytes);
    p.uint('any', 'hw_packets', ' %u pkt', hw.packets);
  }
  if (s.rateEst64 || s.rateEst) {
    const bps = s.rateEst64 ? s.rateEst64.bps : s.rateEst!.bps;
    const pps = s.rateEst64 ? s.rateEst64.pps : s.rateEst!.pps;
    p.string('fp', null, '\n%s', prefix);
    p.uint('json', 'rate', null, bps);
    p.string('fp', null, 'rate %s', sprintRate(bps, iec));
    p.uint('any', 'pps', s.rateEst64 ? ' %llupps' : ' %upps', pps);
  }
  if (s.queue) {
    if (!s.rateEst) p.nl();
    p.string('fp', null, '%s', prefix);
    sizeOut(p, 'backlog', 'backlog %s', s.queue.backlog);
    p.uint('any', 'qlen', ' %up', s.queue.qlen);
    p.uint('fp', null, ' requeues %u', s.queue.requeues);
  }
}

/**
 * print_tcstats_attr: TCA_STATS2 if there, else the old TCA_STATS. Returns the xstats payload to
 * print after it (TCA_STATS_APP, else TCA_XSTATS), as tc finds it.
 */
export function printTcStats(p: Printer, a: TcAttrs, prefix: string, iec: boolean): Uint8Array | undefined {
  if (a.stats2) {
    printStats2(p, a.stats2, prefix, iec);
    return a.stats2.app ?? a.xstats;
  }
  const st = a.stats;
  if (st) {
    p.text(sprintf('%sSent %llu bytes %u pkts (dropped %u, overlimits %u) ', prefix, st.bytes, st.packets, st.drops, st.overlimits));
    if (st.bps || st.pps || st.qlen || st.backlog) {
      p.text(`\n${prefix}`);
      if (st.bps || st.pps) {
        p.text('rate ');
        if (st.bps) p.text(`${sprintRate(st.bps, iec)} `);
        if (st.pps) p.text(`${st.pps}pps `);
      }
      if (st.qlen || st.backlog) {
        p.text('backlog ');
        if (st.backlog) p.text(`${sprintSize(st.backlog)} `);
        if (st.qlen) p.text(`${st.qlen}p `);
      }
    }
  }
  return a.xstats;
}
