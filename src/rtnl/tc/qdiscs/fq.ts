/**
 * Kind "fq" (net/sched/sch_fq.c, fair queue packet scheduler): TCA_OPTIONS nests TCA_FQ_*; rates
 * in bytes/s, delays in microseconds (horizon, refill delay, ce threshold), timer slack in ns.
 * Its xstats are struct tc_fq_qd_stats.
 */
import { AttrTable, fixedStruct, u32, u8, type RawAttr } from '../../../netlink/index.js';
import { tableOptions, type QdiscKindCodec, type XstatsDecoder } from '../kind.js';

export const TCA_FQ_PLIMIT = 1;
export const TCA_FQ_FLOW_PLIMIT = 2;
export const TCA_FQ_QUANTUM = 3;
export const TCA_FQ_INITIAL_QUANTUM = 4;
export const TCA_FQ_RATE_ENABLE = 5;
export const TCA_FQ_FLOW_DEFAULT_RATE = 6;
export const TCA_FQ_FLOW_MAX_RATE = 7;
export const TCA_FQ_BUCKETS_LOG = 8;
export const TCA_FQ_FLOW_REFILL_DELAY = 9;
export const TCA_FQ_ORPHAN_MASK = 10;
export const TCA_FQ_LOW_RATE_THRESHOLD = 11;
export const TCA_FQ_CE_THRESHOLD = 12;
export const TCA_FQ_TIMER_SLACK = 13;
export const TCA_FQ_HORIZON = 14;
export const TCA_FQ_HORIZON_DROP = 15;

/** TCA_OPTIONS of an fq. */
export interface FqOptions {
  /** Packets in the whole queue. */
  plimit?: number;
  /** Packets per flow. */
  flowPlimit?: number;
  quantum?: number;
  initialQuantum?: number;
  rateEnable?: number;
  flowDefaultRate?: number;
  /** Bytes/s (~0: unlimited). */
  flowMaxRate?: number;
  bucketsLog?: number;
  /** Microseconds. */
  flowRefillDelay?: number;
  orphanMask?: number;
  /** Bytes/s. */
  lowRateThreshold?: number;
  /** Microseconds. */
  ceThreshold?: number;
  /** Nanoseconds. */
  timerSlack?: number;
  /** Microseconds. */
  horizon?: number;
  horizonDrop?: number;
  unknown?: RawAttr[];
}

export const fqTable = new AttrTable<FqOptions>('TCA_FQ', [
  { id: TCA_FQ_PLIMIT, name: 'plimit', codec: u32 },
  { id: TCA_FQ_FLOW_PLIMIT, name: 'flowPlimit', codec: u32 },
  { id: TCA_FQ_QUANTUM, name: 'quantum', codec: u32 },
  { id: TCA_FQ_INITIAL_QUANTUM, name: 'initialQuantum', codec: u32 },
  { id: TCA_FQ_RATE_ENABLE, name: 'rateEnable', codec: u32 },
  { id: TCA_FQ_FLOW_DEFAULT_RATE, name: 'flowDefaultRate', codec: u32 },
  { id: TCA_FQ_FLOW_MAX_RATE, name: 'flowMaxRate', codec: u32 },
  { id: TCA_FQ_BUCKETS_LOG, name: 'bucketsLog', codec: u32 },
  { id: TCA_FQ_FLOW_REFILL_DELAY, name: 'flowRefillDelay', codec: u32 },
  { id: TCA_FQ_ORPHAN_MASK, name: 'orphanMask', codec: u32 },
  { id: TCA_FQ_LOW_RATE_THRESHOLD, name: 'lowRateThreshold', codec: u32 },
  { id: TCA_FQ_CE_THRESHOLD, name: 'ceThreshold', codec: u32 },
  { id: TCA_FQ_TIMER_SLACK, name: 'timerSlack', codec: u32 },
  { id: TCA_FQ_HORIZON, name: 'horizon', codec: u32 },
  { id: TCA_FQ_HORIZON_DROP, name: 'horizonDrop', codec: u8 },
]);

/** struct tc_fq_qd_stats. */
export interface FqXstats {
  gcFlows: bigint; highprioPackets: bigint; tcpRetrans: bigint; throttled: bigint; flowsPlimit: bigint;
  pktsTooLong: bigint; allocationErrors: bigint; timeNextDelayedFlow: bigint; flows: number; inactiveFlows: number;
  throttledFlows: number; unthrottleLatencyNs: number; ceMark: bigint; horizonDrops: bigint; horizonCaps: bigint;
}

const fqStats = fixedStruct<FqXstats>([
  ['gcFlows', 'u64'], ['highprioPackets', 'u64'], ['tcpRetrans', 'u64'], ['throttled', 'u64'], ['flowsPlimit', 'u64'],
  ['pktsTooLong', 'u64'], ['allocationErrors', 'u64'], ['timeNextDelayedFlow', 's64'], ['flows', 'u32'],
  ['inactiveFlows', 'u32'], ['throttledFlows', 'u32'], ['unthrottleLatencyNs', 'u32'], ['ceMark', 'u64'],
  ['horizonDrops', 'u64'], ['horizonCaps', 'u64'],
]);

/** A shorter struct (an older kernel) reads its fields and zeros for the rest, as tc does. */
const fqXstats: XstatsDecoder<FqXstats> = (data) => {
  if (data.length >= fqStats.size) return fqStats.readAt(data, 0);
  const padded = new Uint8Array(fqStats.size);
  padded.set(data);
  return fqStats.readAt(padded, 0);
};

/** The codec of fq. */
export const fqKind: QdiscKindCodec<FqOptions, FqXstats> = { options: tableOptions(fqTable), xstats: fqXstats };
