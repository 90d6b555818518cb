/**
 * tc statistics (<linux/gen_stats.h>, <linux/pkt_sched.h>): TCA_STATS2 (and TCA_ACT_STATS) nest
 * the TCA_STATS_* attributes, each a fixed struct; TCA_STATS is the old struct tc_stats.
 *
 *   struct gnet_stats_basic (16 bytes: 12 of fields, 4 of padding)
 *   0                                8                12               16
 *   +--------------------------------+----------------+----------------+
 *   | bytes (u64)                    | packets        | (pad)          |
 *   +--------------------------------+----------------+----------------+
 *
 *   struct gnet_stats_queue (20 bytes)
 *   +----------+----------+----------+----------+------------+
 *   | qlen     | backlog  | drops    | requeues | overlimits |
 *   +----------+----------+----------+----------+------------+
 *
 * The kernel may send shorter structs than these (iproute2 copies what fits): the codecs here
 * read the fields that are present and zero the rest; they write the whole struct.
 */
import { AttrTable, bytes, codecAt, fixedStruct, u64, type AttrCodec, type RawAttr, type StructFields } from '../../netlink/index.js';
import {
  TCA_STATS_APP, TCA_STATS_BASIC, TCA_STATS_BASIC_HW, TCA_STATS_PKT64, TCA_STATS_QUEUE, TCA_STATS_RATE_EST,
  TCA_STATS_RATE_EST64,
} from './constants.js';

/** struct gnet_stats_basic: bytes and packets seen. */
export interface GnetStatsBasic {
  bytes: bigint;
  packets: number;
}

/** struct gnet_stats_rate_est: the estimated byte and packet rates. */
export interface GnetStatsRateEst {
  bps: number;
  pps: number;
}

/** struct gnet_stats_rate_est64. */
export interface GnetStatsRateEst64 {
  bps: bigint;
  pps: bigint;
}

/** struct gnet_stats_queue. */
export interface GnetStatsQueue {
  qlen: number;
  backlog: number;
  drops: number;
  requeues: number;
  overlimits: number;
}

/** struct tc_stats: the statistics of TCA_STATS (before TCA_STATS2). */
export interface TcStats {
  bytes: bigint;
  packets: number;
  drops: number;
  overlimits: number;
  bps: number;
  pps: number;
  qlen: number;
  backlog: number;
}

/** A struct read leniently: the fields present in a shorter payload, zeros for the rest. */
function lenientStruct<T extends object>(fields: StructFields<T>, size?: number): AttrCodec<T> {
  const s = fixedStruct(fields, size);
  return codecAt(
    (b, o, len) => {
      if (len >= s.size) return s.readAt(b, o);
      const padded = new Uint8Array(s.size);
      padded.set(b.subarray(o, o + len));
      return s.readAt(padded, 0);
    },
    (w, t, v) => {
      const at = w.attr(t, s.size); // may grow the writer: the offset first
      s.writeAt(w.dv, at, v);
    },
  );
}

/** struct gnet_stats_basic (12 bytes of fields, padded to 16 by the kernel). */
export const gnetStatsBasic = lenientStruct<GnetStatsBasic>([['bytes', 'u64'], ['packets', 'u32']], 16);
export const gnetStatsRateEst = lenientStruct<GnetStatsRateEst>([['bps', 'u32'], ['pps', 'u32']]);
export const gnetStatsRateEst64 = lenientStruct<GnetStatsRateEst64>([['bps', 'u64'], ['pps', 'u64']]);
export const gnetStatsQueue = lenientStruct<GnetStatsQueue>([
  ['qlen', 'u32'], ['backlog', 'u32'], ['drops', 'u32'], ['requeues', 'u32'], ['overlimits', 'u32'],
]);
/** struct tc_stats (36 bytes of fields, padded to 40). */
export const tcStats = lenientStruct<TcStats>([
  ['bytes', 'u64'], ['packets', 'u32'], ['drops', 'u32'], ['overlimits', 'u32'], ['bps', 'u32'], ['pps', 'u32'],
  ['qlen', 'u32'], ['backlog', 'u32'],
], 40);

/** TCA_STATS2 / TCA_ACT_STATS decoded: one field per TCA_STATS_* attribute. */
export interface TcStats2 {
  /** TCA_STATS_BASIC. */
  basic?: GnetStatsBasic;
  /** TCA_STATS_RATE_EST. */
  rateEst?: GnetStatsRateEst;
  /** TCA_STATS_QUEUE. */
  queue?: GnetStatsQueue;
  /** TCA_STATS_APP: the kind's own statistics (xstats), raw; decoded by the kind. */
  app?: Uint8Array;
  /** TCA_STATS_RATE_EST64. */
  rateEst64?: GnetStatsRateEst64;
  /** TCA_STATS_BASIC_HW: what hardware offload saw. */
  basicHw?: GnetStatsBasic;
  /** TCA_STATS_PKT64: the packet count when it does not fit basic.packets. */
  pkt64?: bigint;
  unknown?: RawAttr[];
}

/** The TCA_STATS_* table. TCA_STATS_PAD is left unknown (kept, re-emitted). */
export const tcStats2Table = new AttrTable<TcStats2>('TCA_STATS', [
  { id: TCA_STATS_BASIC, name: 'basic', codec: gnetStatsBasic },
  { id: TCA_STATS_RATE_EST, name: 'rateEst', codec: gnetStatsRateEst },
  { id: TCA_STATS_QUEUE, name: 'queue', codec: gnetStatsQueue },
  { id: TCA_STATS_APP, name: 'app', codec: bytes },
  { id: TCA_STATS_RATE_EST64, name: 'rateEst64', codec: gnetStatsRateEst64 },
  { id: TCA_STATS_BASIC_HW, name: 'basicHw', codec: gnetStatsBasic },
  { id: TCA_STATS_PKT64, name: 'pkt64', codec: u64 },
]);
