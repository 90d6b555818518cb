/** Kind fq_codel (tc/q_fq_codel.c): limit, flows, quantum, target, interval, ecn, ce_threshold, memory_limit, drop_batch. */
import type { FqCodelOptions as FqCodelData } from '../../../rtnl/tc/index.js';
import { checkBit, checkUint } from '../../check.js';
import { sizeValue, timeValue, type Size, type Time } from '../values.js';
import type { QdiscDriver } from './driver.js';

/** fq_codel: limit, flows, target, interval, quantum, ECN and memory limit, in tc's units. */
export interface FqCodelOptions {
  /** Packets. */
  limit?: number;
  flows?: number;
  quantum?: number;
  target?: Time;
  interval?: Time;
  /** ECN marking (true: ecn, false: noecn). */
  ecn?: boolean;
  ceThreshold?: Time;
  /** The DSCP selector of the CE threshold, and its mask. */
  ceThresholdSelector?: { value: number; mask: number };
  memoryLimit?: Size;
  dropBatch?: number;
}

/** Zero means "not given" for the counts and times, as in tc. */
export const fqCodelDriver: QdiscDriver<FqCodelOptions, FqCodelData> = {
  options: {
    limit: true, flows: true, quantum: true, target: true, interval: true, ecn: true, ceThreshold: true,
    ceThresholdSelector: true, memoryLimit: true, dropBatch: true,
  },
  build(o) {
    const d: FqCodelData = {};
    const limit = o.limit === undefined ? 0 : checkUint(o.limit, 'limit');
    const flows = o.flows === undefined ? 0 : checkUint(o.flows, 'flows');
    const quantum = o.quantum === undefined ? 0 : checkUint(o.quantum, 'quantum');
    const interval = o.interval === undefined ? 0 : timeValue(o.interval, 'interval');
    const target = o.target === undefined ? 0 : timeValue(o.target, 'target');
    const dropBatch = o.dropBatch === undefined ? 0 : checkUint(o.dropBatch, 'dropBatch');
    if (limit) d.limit = limit;
    if (flows) d.flows = flows;
    if (quantum) d.quantum = quantum;
    if (interval) d.interval = interval;
    if (target) d.target = target;
    if (o.ecn !== undefined) d.ecn = checkBit(o.ecn, 'ecn');
    if (o.ceThreshold !== undefined) {
      const ce = timeValue(o.ceThreshold, 'ceThreshold');
      if (ce !== 0xffffffff) d.ceThreshold = ce;
    }
    if (o.ceThresholdSelector !== undefined) {
      const s = o.ceThresholdSelector;
      const value = checkUint(s?.value, 'ceThresholdSelector value', 0xff);
      const mask = checkUint(s?.mask, 'ceThresholdSelector mask', 0xff);
      if (value !== 0xff) {
        d.ceThresholdMask = mask;
        d.ceThresholdSelector = value;
      }
    }
    if (o.memoryLimit !== undefined) {
      const m = sizeValue(o.memoryLimit, 'memoryLimit');
      if (m !== 0xffffffff) d.memoryLimit = m;
    }
    if (dropBatch) d.dropBatchSize = dropBatch;
    return d;
  },
};
