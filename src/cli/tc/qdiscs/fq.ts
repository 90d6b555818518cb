/** `fq` words (tc/q_fq.c) and its printers. */
import type { FqOptions } from '../../../api/tc/qdiscs/index.js';
import { getU32 } from '../numbers.js';
import { parseRate, parseTime, parseTime64 } from '../../../api/tc/units.js';
import type { FqOptions as FqData, FqXstats } from '../../../rtnl/tc/index.js';
import type { Printer } from '../../printer.js';
import type { Words } from '../../words.js';
import { parseFailure, rateWord, type Err } from '../args.js';
import type { TcPrintEnv } from '../context.js';
import { sprintRate, sprintTime, sprintTime64 } from '../units.js';
import type { QdiscPlug, TcWordsEnv } from './plug.js';
import { size } from './tbf.js';

const USAGE = 'Usage: ... fq\t[ limit PACKETS ] [ flow_limit PACKETS ]\n\t\t[ quantum BYTES ] [ initial_quantum BYTES ]\n\t\t[ maxrate RATE  ] [ buckets NUMBER ]\n\t\t[ [no]pacing ] [ refill_delay TIME ]\n\t\t[ low_rate_threshold RATE ]\n\t\t[ orphan_mask MASK]\n\t\t[ timer_slack TIME]\n\t\t[ ce_threshold TIME ]\n\t\t[ horizon TIME ]\n\t\t[ horizon_{cap|drop} ]';

const UNSIGNED = { limit: 'limit', flow_limit: 'flowLimit', buckets: 'buckets', quantum: 'quantum', initial_quantum: 'initialQuantum', orphan_mask: 'orphanMask' } as const;
const TIMES = { ce_threshold: 'ceThreshold', horizon: 'horizon', refill_delay: 'refillDelay' } as const;

function parse(words: Words, env: TcWordsEnv): Partial<FqOptions> {
  const o: Partial<FqOptions> = {};
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (Object.prototype.hasOwnProperty.call(UNSIGNED, w)) {
      const n = getU32(words.next(), 0);
      // tc's orphan_mask error names initial_quantum.
      if (n === undefined) throw parseFailure(`Illegal "${w === 'orphan_mask' ? 'initial_quantum' : w}"`);
      const key = UNSIGNED[w as keyof typeof UNSIGNED];
      o[key] = n;
    } else if (w === 'maxrate' || w === 'defrate') {
      const err: Err = [];
      const r = rateWord(words.next(), env, err);
      if (r === undefined) throw parseFailure(err, `Illegal "${w}"`);
      o[w] = r;
    } else if (w === 'low_rate_threshold') {
      const r = parseRate(words.next());
      if (r === undefined) throw parseFailure('Illegal "low_rate_threshold"');
      o.lowRateThreshold = r;
    } else if (Object.prototype.hasOwnProperty.call(TIMES, w)) {
      const t = parseTime(words.next());
      if (t === undefined) throw parseFailure(`Illegal "${w}"`);
      o[TIMES[w as keyof typeof TIMES]] = t;
    } else if (w === 'timer_slack') {
      const t = parseTime64(words.next());
      if (t === undefined) throw parseFailure('Illegal "timer_slack"');
      if (t !== BigInt(Number(BigInt.asUintN(32, t)))) throw parseFailure('Illegal (out of range) "timer_slack"');
      o.timerSlack = `${t}ns`;
    } else if (w === 'horizon_drop' || w === 'horizon_cap') {
      o.horizonDrop = w === 'horizon_drop';
    } else if (w === 'pacing' || w === 'nopacing') {
      o.pacing = w === 'pacing';
    } else if (w === 'help') {
      throw parseFailure(USAGE);
    } else {
      throw parseFailure(`What is "${w}"?`, USAGE);
    }
  }
  return o;
}

function print(p: Printer, o: FqData, env: TcPrintEnv): void {
  if (o.plimit !== undefined) p.uint('any', 'limit', 'limit %up ', o.plimit);
  if (o.flowPlimit !== undefined) p.uint('any', 'flow_limit', 'flow_limit %up ', o.flowPlimit);
  if (o.bucketsLog !== undefined) p.uint('any', 'buckets', 'buckets %u ', (1 << o.bucketsLog) >>> 0);
  if (o.orphanMask !== undefined) p.uint('any', 'orphan_mask', 'orphan_mask %u ', o.orphanMask);
  if (o.rateEnable !== undefined && o.rateEnable === 0) p.bool('any', 'pacing', 'nopacing ', false);
  if (o.quantum !== undefined) size(p, 'quantum', 'quantum %s ', o.quantum);
  if (o.initialQuantum !== undefined) size(p, 'initial_quantum', 'initial_quantum %s ', o.initialQuantum);
  const rate = (key: string, v: number): void => {
    p.uint('json', key, null, v);
    p.string('fp', null, `${key} %s `, sprintRate(v, env.iec));
  };
  if (o.flowMaxRate !== undefined && o.flowMaxRate !== 0xffffffff) rate('maxrate', o.flowMaxRate);
  if (o.flowDefaultRate !== undefined && o.flowDefaultRate !== 0) rate('defrate', o.flowDefaultRate);
  if (o.lowRateThreshold !== undefined && o.lowRateThreshold !== 0) rate('low_rate_threshold', o.lowRateThreshold);
  if (o.flowRefillDelay !== undefined) {
    p.uint('json', 'refill_delay', null, o.flowRefillDelay);
    p.string('fp', null, 'refill_delay %s ', sprintTime(o.flowRefillDelay));
  }
  if (o.ceThreshold !== undefined && o.ceThreshold !== 0xffffffff) {
    p.uint('json', 'ce_threshold', null, o.ceThreshold);
    p.string('fp', null, 'ce_threshold %s ', sprintTime(o.ceThreshold));
  }
  if (o.timerSlack !== undefined) {
    p.uint('json', 'timer_slack', null, o.timerSlack);
    p.string('fp', null, 'timer_slack %s ', sprintTime64(o.timerSlack));
  }
  if (o.horizon !== undefined) {
    p.uint('json', 'horizon', null, o.horizon);
    p.string('fp', null, 'horizon %s ', sprintTime(o.horizon));
  }
  if (o.horizonDrop !== undefined) {
    if (!o.horizonDrop) p.null('any', 'horizon_cap', 'horizon_cap ', null);
    else p.null('any', 'horizon_drop', 'horizon_drop ', null);
  }
}

function printXstats(p: Printer, s: FqXstats): void {
  p.uint('any', 'flows', '  flows %u', s.flows);
  p.uint('any', 'inactive', ' (inactive %u', s.inactiveFlows);
  p.uint('any', 'throttled', ' throttled %u)', s.throttledFlows);
  if (s.timeNextDelayedFlow > 0n) {
    p.uint('json', 'next_packet_delay', null, s.timeNextDelayedFlow);
    p.string('fp', null, ' next_packet_delay %s', sprintTime64(s.timeNextDelayedFlow));
  }
  p.nl();
  p.uint('any', 'gc', '  gc %llu', s.gcFlows);
  p.uint('any', 'highprio', ' highprio %llu', s.highprioPackets);
  if (s.tcpRetrans) p.uint('any', 'retrans', ' retrans %llu', s.tcpRetrans);
  p.uint('any', 'throttled', ' throttled %llu', s.throttled);
  if (s.unthrottleLatencyNs) {
    p.uint('json', 'latency', null, s.unthrottleLatencyNs);
    p.string('fp', null, ' latency %s', sprintTime64(s.unthrottleLatencyNs));
  }
  if (s.ceMark) p.uint('any', 'ce_mark', ' ce_mark %llu', s.ceMark);
  if (s.flowsPlimit) p.uint('any', 'flows_plimit', ' flows_plimit %llu', s.flowsPlimit);
  if (s.pktsTooLong || s.allocationErrors || s.horizonDrops || s.horizonCaps) {
    p.nl();
    if (s.pktsTooLong) p.uint('any', 'pkts_too_long', ' pkts_too_long %llu', s.pktsTooLong);
    if (s.allocationErrors) p.uint('any', 'alloc_errors', ' alloc_errors %llu', s.allocationErrors);
    if (s.horizonDrops) p.uint('any', 'horizon_drops', ' horizon_drops %llu', s.horizonDrops);
    if (s.horizonCaps) p.uint('any', 'horizon_caps', '  horizon_caps %llu', s.horizonCaps);
  }
}

export const fqPlug: QdiscPlug<'fq'> = { parse, print, printXstats };
