/**
 * Action "police" (net/sched/act_police.c): a token bucket that passes conforming packets with one
 * verdict and exceeding ones with another. TCA_ACT_OPTIONS nests TCA_POLICE_*: struct tc_police,
 * the 256-entry rate tables (as tbf's) and 64-bit rates.
 *
 *   struct tc_police (56 bytes)
 *   0       4        8       12      16     20          32            44       48        52      56
 *   +-------+--------+-------+-------+------+-----------+-------------+--------+---------+-------+
 *   | index | action | limit | burst | mtu  | rate      | peakrate    | refcnt | bindcnt | capab |
 *   +-------+--------+-------+-------+------+-----------+-------------+--------+---------+-------+
 *
 * burst and mtu are times in psched ticks, as tbf's buffer and mtu.
 */
import { AttrTable, bytes, fixedStruct, s32, u32, u64, type FixedStruct, type RawAttr } from '../../../netlink/index.js';
import { rateSpec, tcfT, type TcfT, type TcRateSpec } from '../common.js';
import { fixedAttr, tableOptions, type ActionKindCodec } from '../kind.js';

export const TCA_POLICE_TBF = 1;
export const TCA_POLICE_RATE = 2;
export const TCA_POLICE_PEAKRATE = 3;
export const TCA_POLICE_AVRATE = 4;
export const TCA_POLICE_RESULT = 5;
export const TCA_POLICE_TM = 6;
export const TCA_POLICE_PAD = 7;
export const TCA_POLICE_RATE64 = 8;
export const TCA_POLICE_PEAKRATE64 = 9;
export const TCA_POLICE_PKTRATE64 = 10;
export const TCA_POLICE_PKTBURST64 = 11;

/** struct tc_police. */
export interface TcPolice {
  index: number;
  /** The verdict for exceeding packets (TC_ACT_*). */
  action: number;
  limit: number;
  /** The bucket, as the time (psched ticks) `burst` bytes take at `rate`. */
  burst: number;
  /** The peak bucket, in ticks at `peakrate`. */
  mtu: number;
  rate: TcRateSpec;
  peakrate: TcRateSpec;
  refcnt: number;
  bindcnt: number;
  capab: number;
}

/** struct tc_police, its fields flat (compositeStruct would nest the leading u32s under a name). */
export const tcPolice: FixedStruct<TcPolice> = (() => {
  const head = fixedStruct<Pick<TcPolice, 'index' | 'action' | 'limit' | 'burst' | 'mtu'>>([
    ['index', 'u32'], ['action', 's32'], ['limit', 'u32'], ['burst', 'u32'], ['mtu', 'u32'],
  ]);
  const tail = fixedStruct<Pick<TcPolice, 'refcnt' | 'bindcnt' | 'capab'>>([['refcnt', 's32'], ['bindcnt', 's32'], ['capab', 'u32']]);
  const size = head.size + 2 * rateSpec.size + tail.size;
  return {
    size,
    readAt: (b: Uint8Array, at: number): TcPolice => ({
      ...head.readAt(b, at), rate: rateSpec.readAt(b, at + 20), peakrate: rateSpec.readAt(b, at + 32), ...tail.readAt(b, at + 44),
    }),
    writeAt: (dv: DataView, at: number, v: TcPolice): void => {
      head.writeAt(dv, at, v);
      rateSpec.writeAt(dv, at + 20, v.rate);
      rateSpec.writeAt(dv, at + 32, v.peakrate);
      tail.writeAt(dv, at + 44, v);
    },
  };
})();

/** TCA_ACT_OPTIONS of police. */
export interface PoliceOptions {
  /** TCA_POLICE_TBF: struct tc_police. */
  tbf?: TcPolice;
  /** TCA_POLICE_RATE: the rate table (1024 bytes), raw. */
  rateTable?: Uint8Array;
  /** TCA_POLICE_PEAKRATE: the peak rate table, raw. */
  peakrateTable?: Uint8Array;
  /** TCA_POLICE_AVRATE: the average rate in bytes/s the estimator must stay under. */
  avrate?: number;
  /** TCA_POLICE_RESULT: the verdict for conforming packets (TC_ACT_*). */
  result?: number;
  tm?: TcfT;
  rate64?: bigint;
  peakrate64?: bigint;
  /** TCA_POLICE_PKTRATE64: a rate in packets per second. */
  pktrate64?: bigint;
  pktburst64?: bigint;
  unknown?: RawAttr[];
}

export const policeTable = new AttrTable<PoliceOptions>('TCA_POLICE', [
  { id: TCA_POLICE_TBF, name: 'tbf', codec: fixedAttr(tcPolice) },
  { id: TCA_POLICE_RATE, name: 'rateTable', codec: bytes },
  { id: TCA_POLICE_PEAKRATE, name: 'peakrateTable', codec: bytes },
  { id: TCA_POLICE_AVRATE, name: 'avrate', codec: u32 },
  { id: TCA_POLICE_RESULT, name: 'result', codec: s32 },
  { id: TCA_POLICE_TM, name: 'tm', codec: tcfT },
  { id: TCA_POLICE_RATE64, name: 'rate64', codec: u64 },
  { id: TCA_POLICE_PEAKRATE64, name: 'peakrate64', codec: u64 },
  { id: TCA_POLICE_PKTRATE64, name: 'pktrate64', codec: u64 },
  { id: TCA_POLICE_PKTBURST64, name: 'pktburst64', codec: u64 },
]);

export const policeKind: ActionKindCodec<PoliceOptions> = { options: tableOptions(policeTable) };
