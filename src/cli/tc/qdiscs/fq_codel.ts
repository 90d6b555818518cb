/** `fq_codel` words (tc/q_fq_codel.c) and its printers. */
import type { FqCodelOptions } from '../../../api/tc/qdiscs/index.js';
import { getU32, getU8 } from '../numbers.js';
import { parseSize, parseTime } from '../../../api/tc/units.js';
import { TCA_FQ_CODEL_XSTATS_CLASS, TCA_FQ_CODEL_XSTATS_QDISC, type FqCodelOptions as FqCodelData, type FqCodelXstats } from '../../../rtnl/tc/index.js';
import type { Printer } from '../../printer.js';
import type { Words } from '../../words.js';
import { parseFailure } from '../args.js';
import { sprintTime } from '../units.js';
import type { QdiscPlug } from './plug.js';
import { size } from './tbf.js';

const USAGE = 'Usage: ... fq_codel\t[ limit PACKETS ] [ flows NUMBER ]\n[ memory_limit BYTES ]\n[ target TIME ] [ interval TIME ]\n[ quantum BYTES ] [ [no]ecn ]\n[ ce_threshold TIME ]\n[ ce_threshold_selector VALUE/MASK ]\n[ drop_batch SIZE ]';

function parse(words: Words): Partial<FqCodelOptions> {
  const o: Partial<FqCodelOptions> = {};
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (w === 'limit' || w === 'flows' || w === 'quantum' || w === 'drop_batch') {
      const n = getU32(words.next(), 0);
      if (n === undefined) throw parseFailure(`Illegal "${w}"`);
      o[w === 'drop_batch' ? 'dropBatch' : w] = n;
    } else if (w === 'target' || w === 'interval' || w === 'ce_threshold') {
      const t = parseTime(words.next());
      if (t === undefined) throw parseFailure(`Illegal "${w}"`);
      o[w === 'ce_threshold' ? 'ceThreshold' : w] = t;
    } else if (w === 'ce_threshold_selector') {
      const v = words.next();
      const slash = v.indexOf('/');
      if (slash < 0) throw parseFailure('Missing mask for "ce_threshold_selector"');
      const mask = getU8(v.slice(slash + 1), 0);
      if (mask === undefined) throw parseFailure('Illegal mask for "ce_threshold_selector"');
      const value = getU8(v.slice(0, slash), 0);
      if (value === undefined) throw parseFailure('Illegal "ce_threshold_selector"');
      o.ceThresholdSelector = { value, mask };
    } else if (w === 'memory_limit') {
      const n = parseSize(words.next());
      if (n === undefined) throw parseFailure('Illegal "memory_limit"');
      o.memoryLimit = n;
    } else if (w === 'ecn' || w === 'noecn') {
      o.ecn = w === 'ecn';
    } else if (w === 'help') {
      throw parseFailure(USAGE);
    } else {
      throw parseFailure(`What is "${w}"?`, USAGE);
    }
  }
  return o;
}

function print(p: Printer, o: FqCodelData): void {
  if (o.limit !== undefined) p.uint('any', 'limit', 'limit %up ', o.limit);
  if (o.flows !== undefined) p.uint('any', 'flows', 'flows %u ', o.flows);
  if (o.quantum !== undefined) p.uint('any', 'quantum', 'quantum %u ', o.quantum);
  if (o.target !== undefined) {
    p.uint('json', 'target', null, o.target);
    p.string('fp', null, 'target %s ', sprintTime(o.target));
  }
  if (o.ceThreshold !== undefined) {
    p.uint('json', 'ce_threshold', null, o.ceThreshold);
    p.string('fp', null, 'ce_threshold %s ', sprintTime(o.ceThreshold));
  }
  const sel = o.ceThresholdSelector ?? 0;
  const mask = o.ceThresholdMask ?? 0;
  if (mask || sel) {
    p.uint('any', 'ce_threshold_selector', 'ce_threshold_selector %#x', sel);
    p.uint('any', 'ce_threshold_mask', '/%#x ', mask);
  }
  if (o.interval !== undefined) {
    p.uint('json', 'interval', null, o.interval);
    p.string('fp', null, 'interval %s ', sprintTime(o.interval));
  }
  if (o.memoryLimit !== undefined) size(p, 'memory_limit', 'memory_limit %s ', o.memoryLimit);
  if (o.ecn) p.bool('any', 'ecn', 'ecn ', true);
  if (o.dropBatchSize) p.uint('any', 'drop_batch', 'drop_batch %u ', o.dropBatchSize);
}

function printXstats(p: Printer, x: FqCodelXstats): void {
  if (x.type === TCA_FQ_CODEL_XSTATS_QDISC && 'qdisc' in x) {
    const s = x.qdisc;
    p.uint('any', 'maxpacket', '  maxpacket %u', s.maxpacket);
    p.uint('any', 'drop_overlimit', ' drop_overlimit %u', s.dropOverlimit);
    p.uint('any', 'new_flow_count', ' new_flow_count %u', s.newFlowCount);
    p.uint('any', 'ecn_mark', ' ecn_mark %u', s.ecnMark);
    if (s.ceMark) p.uint('any', 'ce_mark', ' ce_mark %u', s.ceMark);
    if (s.memoryUsage) p.uint('any', 'memory_used', ' memory_used %u', s.memoryUsage);
    if (s.dropOvermemory) p.uint('any', 'drop_overmemory', ' drop_overmemory %u', s.dropOvermemory);
    p.nl();
    p.uint('any', 'new_flows_len', '  new_flows_len %u', s.newFlowsLen);
    p.uint('any', 'old_flows_len', ' old_flows_len %u', s.oldFlowsLen);
  }
  if (x.type === TCA_FQ_CODEL_XSTATS_CLASS && 'class' in x) {
    const s = x.class;
    p.int('any', 'deficit', '  deficit %d', s.deficit);
    p.uint('any', 'count', ' count %u', s.count);
    p.uint('any', 'lastcount', ' lastcount %u', s.lastcount);
    p.uint('json', 'ldelay', null, s.ldelay);
    p.string('fp', null, ' ldelay %s', sprintTime(s.ldelay));
    if (s.dropping) {
      p.bool('any', 'dropping', ' dropping', true);
      p.int('json', 'drop_next', null, s.dropNext);
      if (s.dropNext < 0) p.string('fp', null, ' drop_next -%s', sprintTime(-s.dropNext));
      else p.string('fp', null, ' drop_next %s', sprintTime(s.dropNext));
    }
  }
}

export const fqCodelPlug: QdiscPlug<'fq_codel'> = { parse, print, printXstats, printClassXstats: printXstats };
