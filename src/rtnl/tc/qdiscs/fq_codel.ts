/**
 * Kind "fq_codel" (net/sched/sch_fq_codel.c): TCA_OPTIONS nests TCA_FQ_CODEL_*; times are in
 * microseconds. Its xstats are struct tc_fq_codel_xstats: a type, then the qdisc's or a flow's
 * statistics.
 */
import { AttrTable, DecodeError, fixedStruct, u32, u8, type RawAttr } from '../../../netlink/index.js';
import { tableOptions, type QdiscKindCodec, type XstatsDecoder } from '../kind.js';

export const TCA_FQ_CODEL_TARGET = 1;
export const TCA_FQ_CODEL_LIMIT = 2;
export const TCA_FQ_CODEL_INTERVAL = 3;
export const TCA_FQ_CODEL_ECN = 4;
export const TCA_FQ_CODEL_FLOWS = 5;
export const TCA_FQ_CODEL_QUANTUM = 6;
export const TCA_FQ_CODEL_CE_THRESHOLD = 7;
export const TCA_FQ_CODEL_DROP_BATCH_SIZE = 8;
export const TCA_FQ_CODEL_MEMORY_LIMIT = 9;
export const TCA_FQ_CODEL_CE_THRESHOLD_SELECTOR = 10;
export const TCA_FQ_CODEL_CE_THRESHOLD_MASK = 11;

export const TCA_FQ_CODEL_XSTATS_QDISC = 0;
export const TCA_FQ_CODEL_XSTATS_CLASS = 1;

/** TCA_OPTIONS of an fq_codel. */
export interface FqCodelOptions {
  /** Target delay, microseconds. */
  target?: number;
  /** Packets. */
  limit?: number;
  /** Microseconds. */
  interval?: number;
  ecn?: number;
  flows?: number;
  quantum?: number;
  /** Microseconds. */
  ceThreshold?: number;
  dropBatchSize?: number;
  /** Bytes. */
  memoryLimit?: number;
  ceThresholdSelector?: number;
  ceThresholdMask?: number;
  unknown?: RawAttr[];
}

export const fqCodelTable = new AttrTable<FqCodelOptions>('TCA_FQ_CODEL', [
  { id: TCA_FQ_CODEL_TARGET, name: 'target', codec: u32 },
  { id: TCA_FQ_CODEL_LIMIT, name: 'limit', codec: u32 },
  { id: TCA_FQ_CODEL_INTERVAL, name: 'interval', codec: u32 },
  { id: TCA_FQ_CODEL_ECN, name: 'ecn', codec: u32 },
  { id: TCA_FQ_CODEL_FLOWS, name: 'flows', codec: u32 },
  { id: TCA_FQ_CODEL_QUANTUM, name: 'quantum', codec: u32 },
  { id: TCA_FQ_CODEL_CE_THRESHOLD, name: 'ceThreshold', codec: u32 },
  { id: TCA_FQ_CODEL_DROP_BATCH_SIZE, name: 'dropBatchSize', codec: u32 },
  { id: TCA_FQ_CODEL_MEMORY_LIMIT, name: 'memoryLimit', codec: u32 },
  { id: TCA_FQ_CODEL_CE_THRESHOLD_SELECTOR, name: 'ceThresholdSelector', codec: u8 },
  { id: TCA_FQ_CODEL_CE_THRESHOLD_MASK, name: 'ceThresholdMask', codec: u8 },
]);

/** struct tc_fq_codel_qd_stats. */
export interface FqCodelQdStats {
  maxpacket: number; dropOverlimit: number; ecnMark: number; newFlowCount: number; newFlowsLen: number;
  oldFlowsLen: number; ceMark: number; memoryUsage: number; dropOvermemory: number;
}
/** struct tc_fq_codel_cl_stats. */
export interface FqCodelClStats {
  deficit: number; ldelay: number; count: number; lastcount: number; dropping: number; dropNext: number;
}
/** struct tc_fq_codel_xstats: `qdisc` or `class` by its type. */
export type FqCodelXstats =
  | { type: typeof TCA_FQ_CODEL_XSTATS_QDISC; qdisc: FqCodelQdStats }
  | { type: typeof TCA_FQ_CODEL_XSTATS_CLASS; class: FqCodelClStats }
  | { type: number };

const qdStats = fixedStruct<FqCodelQdStats>([
  ['maxpacket', 'u32'], ['dropOverlimit', 'u32'], ['ecnMark', 'u32'], ['newFlowCount', 'u32'], ['newFlowsLen', 'u32'],
  ['oldFlowsLen', 'u32'], ['ceMark', 'u32'], ['memoryUsage', 'u32'], ['dropOvermemory', 'u32'],
]);
const clStats = fixedStruct<FqCodelClStats>([
  ['deficit', 's32'], ['ldelay', 'u32'], ['count', 'u32'], ['lastcount', 'u32'], ['dropping', 'u32'], ['dropNext', 's32'],
]);

/** Older kernels send a shorter qdisc struct: the fields present, zeros after. */
function lenient<T>(s: { size: number; readAt(b: Uint8Array, at: number): T }, data: Uint8Array, at: number): T {
  if (data.length - at >= s.size) return s.readAt(data, at);
  const padded = new Uint8Array(s.size);
  padded.set(data.subarray(at));
  return s.readAt(padded, 0);
}

const fqCodelXstats: XstatsDecoder<FqCodelXstats> = (data, name) => {
  if (data.length < 4) throw new DecodeError(`expected at least 4 bytes, got ${data.length}`, undefined, `${name} (tc_fq_codel_xstats)`);
  const type = new DataView(data.buffer, data.byteOffset, 4).getUint32(0, true);
  if (type === TCA_FQ_CODEL_XSTATS_QDISC) return { type, qdisc: lenient(qdStats, data, 4) };
  if (type === TCA_FQ_CODEL_XSTATS_CLASS) return { type, class: lenient(clStats, data, 4) };
  return { type };
};

/** The codec of fq_codel. */
export const fqCodelKind: QdiscKindCodec<FqCodelOptions, FqCodelXstats, FqCodelOptions, FqCodelXstats> = {
  options: tableOptions(fqCodelTable),
  xstats: fqCodelXstats,
  classXstats: fqCodelXstats,
};
