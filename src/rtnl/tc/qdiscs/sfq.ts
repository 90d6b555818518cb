/**
 * Kind "sfq" (net/sched/sch_sfq.c, stochastic fairness queueing): TCA_OPTIONS is struct
 * tc_sfq_qopt_v1 (the kernel sends it; tc sends it too), or the older struct tc_sfq_qopt alone.
 * Its xstats are struct tc_sfq_xstats (a class's allotment).
 *
 *   struct tc_sfq_qopt (20 bytes)             v1 adds (52 bytes):
 *   +---------+----------------+-------+---------+-------+   depth, headdrop, limit, qth_min, qth_max,
 *   | quantum | perturb_period | limit | divisor | flows |   Wlog, Plog, Scell_log, flags (u8 each),
 *   +---------+----------------+-------+---------+-------+   max_P, struct tc_sfqred_stats (6 u32)
 */
import { fixedStruct } from '../../../netlink/index.js';
import { exact } from '../../../netlink/index.js';
import { structXstats, type QdiscKindCodec, type TcOptionsCodec } from '../kind.js';

/** struct tc_sfq_qopt_v1 with v0's fields first; `v1` false when only struct tc_sfq_qopt came. */
export interface SfqQopt {
  quantum: number;
  perturbPeriod: number;
  limit: number;
  divisor: number;
  flows: number;
  /** Whether the v1 fields below were on the wire. */
  v1: boolean;
  depth: number;
  headdrop: number;
  /** SFQRED's hard limit of one flow, bytes. */
  redLimit: number;
  qthMin: number;
  qthMax: number;
  wlog: number;
  plog: number;
  scellLog: number;
  flags: number;
  maxP: number;
  probDrop: number;
  forcedDrop: number;
  probMark: number;
  forcedMark: number;
  probMarkHead: number;
  forcedMarkHead: number;
}

type V0 = Pick<SfqQopt, 'quantum' | 'perturbPeriod' | 'limit' | 'divisor' | 'flows'>;
type V1 = Omit<SfqQopt, keyof V0 | 'v1'>;
const v0 = fixedStruct<V0>([['quantum', 'u32'], ['perturbPeriod', 's32'], ['limit', 'u32'], ['divisor', 'u32'], ['flows', 'u32']]);
const v1 = fixedStruct<V1>([
  ['depth', 'u32'], ['headdrop', 'u32'], ['redLimit', 'u32'], ['qthMin', 'u32'], ['qthMax', 'u32'], ['wlog', 'u8'],
  ['plog', 'u8'], ['scellLog', 'u8'], ['flags', 'u8'], ['maxP', 'u32'], ['probDrop', 'u32'], ['forcedDrop', 'u32'],
  ['probMark', 'u32'], ['forcedMark', 'u32'], ['probMarkHead', 'u32'], ['forcedMarkHead', 'u32'],
]);
const ZERO_V1 = v1.readAt(new Uint8Array(v1.size), 0);

const sfqOptions: TcOptionsCodec<SfqQopt> = {
  decode(data, _ctx, name) {
    if (data.length < v0.size) exact(data.length, v0.size, `${name} (tc_sfq_qopt)`);
    const isV1 = data.length >= v0.size + v1.size;
    return { ...v0.readAt(data, 0), v1: isV1, ...(isV1 ? v1.readAt(data, v0.size) : ZERO_V1) };
  },
  encode(w, v) {
    const at = w.skip(v0.size + (v.v1 ? v1.size : 0));
    v0.writeAt(w.dv, at, v);
    if (v.v1) v1.writeAt(w.dv, at + v0.size, v);
  },
};

/** struct tc_sfq_xstats. */
export interface SfqXstats {
  allot: number;
}

/** The codec of sfq. */
export const sfqKind: QdiscKindCodec<SfqQopt, never, SfqQopt, SfqXstats> = {
  options: sfqOptions,
  classXstats: structXstats('tc_sfq_xstats', fixedStruct<SfqXstats>([['allot', 's32']])),
};
