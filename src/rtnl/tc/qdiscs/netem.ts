/**
 * Kind "netem" (net/sched/sch_netem.c, network emulator): TCA_OPTIONS is struct tc_netem_qopt
 * followed directly by TCA_NETEM_* attributes (no nest header between them). Probabilities are
 * fractions of 2^32 - 1; times in `qopt` are psched ticks, the 64-bit ones nanoseconds.
 *
 *   struct tc_netem_qopt (24 bytes)
 *   +---------+--------+--------+--------+-----------+--------+
 *   | latency | limit  | loss   | gap    | duplicate | jitter |
 *   +---------+--------+--------+--------+-----------+--------+
 */
import { AttrTable, bytes, exact, fixedStruct, nested, s32, u64, type RawAttr } from '../../../netlink/index.js';
import { fixedAttr, type QdiscKindCodec, type TcOptionsCodec } from '../kind.js';

export const TCA_NETEM_CORR = 1;
export const TCA_NETEM_DELAY_DIST = 2;
export const TCA_NETEM_REORDER = 3;
export const TCA_NETEM_CORRUPT = 4;
export const TCA_NETEM_LOSS = 5;
export const TCA_NETEM_RATE = 6;
export const TCA_NETEM_ECN = 7;
export const TCA_NETEM_RATE64 = 8;
export const TCA_NETEM_PAD = 9;
export const TCA_NETEM_LATENCY64 = 10;
export const TCA_NETEM_JITTER64 = 11;
export const TCA_NETEM_SLOT = 12;
export const TCA_NETEM_SLOT_DIST = 13;

/** NETEM_LOSS_*: children of TCA_NETEM_LOSS. */
export const NETEM_LOSS_GI = 1;
export const NETEM_LOSS_GE = 2;

/** The scale of a delay distribution table's entries (NETEM_DIST_SCALE). */
export const NETEM_DIST_SCALE = 8192;
/** The most entries a distribution table has (NETEM_DIST_MAX). */
export const NETEM_DIST_MAX = 16384;

/** struct tc_netem_qopt. */
export interface NetemQopt {
  /** Added delay, psched ticks. */
  latency: number;
  /** Queue length, packets. */
  limit: number;
  /** Random loss, out of 2^32 - 1. */
  loss: number;
  /** Re-ordering gap. */
  gap: number;
  /** Random duplication, out of 2^32 - 1. */
  duplicate: number;
  /** Random jitter of the delay, psched ticks. */
  jitter: number;
}

/** struct tc_netem_corr: correlations of delay, loss and duplication. */
export interface NetemCorr { delayCorr: number; lossCorr: number; dupCorr: number }
/** struct tc_netem_reorder / tc_netem_corrupt. */
export interface NetemProbability { probability: number; correlation: number }
/** struct tc_netem_rate. */
export interface NetemRate { rate: number; packetOverhead: number; cellSize: number; cellOverhead: number }
/** struct tc_netem_slot: times in nanoseconds. */
export interface NetemSlot {
  minDelay: bigint; maxDelay: bigint; maxPackets: number; maxBytes: number; distDelay: bigint; distJitter: bigint;
}
/** struct tc_netem_gimodel: the 4-state loss model's transition probabilities. */
export interface NetemGiModel { p13: number; p31: number; p32: number; p14: number; p23: number }
/** struct tc_netem_gemodel: the Gilbert-Elliot loss model. */
export interface NetemGeModel { p: number; r: number; h: number; k1: number }

/** TCA_NETEM_LOSS: one loss model. */
export interface NetemLoss {
  gi?: NetemGiModel;
  ge?: NetemGeModel;
  unknown?: RawAttr[];
}

/** The TCA_NETEM_* attributes after the struct. */
export interface NetemAttrs {
  corr?: NetemCorr;
  /** TCA_NETEM_DELAY_DIST: the delay distribution table, s16 entries, raw. */
  delayDist?: Uint8Array;
  reorder?: NetemProbability;
  corrupt?: NetemProbability;
  loss?: NetemLoss;
  rate?: NetemRate;
  /** TCA_NETEM_ECN: mark instead of dropping (u32 1). */
  ecn?: number;
  rate64?: bigint;
  /** TCA_NETEM_LATENCY64: the delay in ns. */
  latency64?: bigint;
  /** TCA_NETEM_JITTER64: the jitter in ns. */
  jitter64?: bigint;
  slot?: NetemSlot;
  /** TCA_NETEM_SLOT_DIST: the slot distribution table, raw. */
  slotDist?: Uint8Array;
  unknown?: RawAttr[];
}

/** TCA_OPTIONS of a netem: the struct, then the attributes. */
export interface NetemOptions {
  qopt: NetemQopt;
  attrs: NetemAttrs;
}

export const netemQopt = fixedStruct<NetemQopt>([
  ['latency', 'u32'], ['limit', 'u32'], ['loss', 'u32'], ['gap', 'u32'], ['duplicate', 'u32'], ['jitter', 'u32'],
]);
const probability = fixedAttr(fixedStruct<NetemProbability>([['probability', 'u32'], ['correlation', 'u32']]));

const lossTable = new AttrTable<NetemLoss>('NETEM_LOSS', [
  { id: NETEM_LOSS_GI, name: 'gi', codec: fixedAttr(fixedStruct<NetemGiModel>([['p13', 'u32'], ['p31', 'u32'], ['p32', 'u32'], ['p14', 'u32'], ['p23', 'u32']])) },
  { id: NETEM_LOSS_GE, name: 'ge', codec: fixedAttr(fixedStruct<NetemGeModel>([['p', 'u32'], ['r', 'u32'], ['h', 'u32'], ['k1', 'u32']])) },
]);

export const netemTable = new AttrTable<NetemAttrs>('TCA_NETEM', [
  { id: TCA_NETEM_CORR, name: 'corr', codec: fixedAttr(fixedStruct<NetemCorr>([['delayCorr', 'u32'], ['lossCorr', 'u32'], ['dupCorr', 'u32']])) },
  { id: TCA_NETEM_DELAY_DIST, name: 'delayDist', codec: bytes },
  { id: TCA_NETEM_REORDER, name: 'reorder', codec: probability },
  { id: TCA_NETEM_CORRUPT, name: 'corrupt', codec: probability },
  { id: TCA_NETEM_LOSS, name: 'loss', codec: nested(lossTable), nestedFlag: true },
  { id: TCA_NETEM_RATE, name: 'rate', codec: fixedAttr(fixedStruct<NetemRate>([['rate', 'u32'], ['packetOverhead', 's32'], ['cellSize', 'u32'], ['cellOverhead', 's32']])) },
  { id: TCA_NETEM_ECN, name: 'ecn', codec: s32 },
  { id: TCA_NETEM_RATE64, name: 'rate64', codec: u64 },
  { id: TCA_NETEM_LATENCY64, name: 'latency64', codec: u64 },
  { id: TCA_NETEM_JITTER64, name: 'jitter64', codec: u64 },
  {
    id: TCA_NETEM_SLOT, name: 'slot', codec: fixedAttr(fixedStruct<NetemSlot>([
      ['minDelay', 's64'], ['maxDelay', 's64'], ['maxPackets', 's32'], ['maxBytes', 's32'], ['distDelay', 's64'], ['distJitter', 's64'],
    ])),
  },
  { id: TCA_NETEM_SLOT_DIST, name: 'slotDist', codec: bytes },
]);

const netemOptions: TcOptionsCodec<NetemOptions> = {
  decode(data, _ctx, name) {
    if (data.length < netemQopt.size) exact(data.length, netemQopt.size, `${name} (tc_netem_qopt)`);
    return { qopt: netemQopt.readAt(data, 0), attrs: netemTable.decode(data, netemQopt.size) };
  },
  encode(w, v) {
    const at = w.skip(netemQopt.size);
    netemQopt.writeAt(w.dv, at, v.qopt);
    netemTable.encode(w, v.attrs);
  },
};

/** The codec of netem. */
export const netemKind: QdiscKindCodec<NetemOptions> = { options: netemOptions };
