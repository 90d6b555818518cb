/**
 * Kind "tbf" (net/sched/sch_tbf.c, token bucket filter): TCA_OPTIONS nests TCA_TBF_*; the
 * parameters are struct tc_tbf_qopt, with 64-bit rates and the burst sizes in bytes beside it.
 *
 *   struct tc_tbf_qopt (36 bytes)
 *   0                 12                24       28       32       36
 *   +-----------------+-----------------+--------+--------+--------+
 *   | rate (ratespec) | peakrate        | limit  | buffer | mtu    |
 *   +-----------------+-----------------+--------+--------+--------+
 *
 * buffer and mtu are times in psched ticks: how long `burst` (and `mtu`) bytes take at the rate.
 */
import { AttrTable, bytes, fixedStruct, u32, u64, type RawAttr } from '../../../netlink/index.js';
import { compositeStruct, rateSpec, type TcRateSpec } from '../common.js';
import { fixedAttr, tableOptions, type QdiscKindCodec } from '../kind.js';

export const TCA_TBF_PARMS = 1;
export const TCA_TBF_RTAB = 2;
export const TCA_TBF_PTAB = 3;
export const TCA_TBF_RATE64 = 4;
export const TCA_TBF_PRATE64 = 5;
export const TCA_TBF_BURST = 6;
export const TCA_TBF_PBURST = 7;
export const TCA_TBF_PAD = 8;

/** struct tc_tbf_qopt. */
export interface TbfQopt {
  rate: TcRateSpec;
  peakrate: TcRateSpec;
  /** Bytes that may wait in the queue. */
  limit: number;
  /** The bucket, as the time (psched ticks) `burst` bytes take at `rate`. */
  buffer: number;
  /** The peak bucket, as the time `mtu` bytes take at `peakrate`. */
  mtu: number;
}

export const tbfQopt = compositeStruct<TbfQopt>(
  [['rate', rateSpec], ['peakrate', rateSpec]],
  fixedStruct<Pick<TbfQopt, 'limit' | 'buffer' | 'mtu'>>([['limit', 'u32'], ['buffer', 'u32'], ['mtu', 'u32']]),
);

/** TCA_OPTIONS of a tbf: one field per TCA_TBF_* attribute. */
export interface TbfOptions {
  parms?: TbfQopt;
  /** TCA_TBF_RTAB: the 256-entry rate table (u32 ticks each), raw. */
  rtab?: Uint8Array;
  ptab?: Uint8Array;
  /** TCA_TBF_RATE64: the rate in bytes/s when it does not fit the 32 bits of parms.rate. */
  rate64?: bigint;
  prate64?: bigint;
  /** TCA_TBF_BURST: the bucket in bytes. */
  burst?: number;
  /** TCA_TBF_PBURST: the peak bucket in bytes. */
  pburst?: number;
  unknown?: RawAttr[];
}

export const tbfTable = new AttrTable<TbfOptions>('TCA_TBF', [
  { id: TCA_TBF_PARMS, name: 'parms', codec: fixedAttr(tbfQopt) },
  { id: TCA_TBF_RTAB, name: 'rtab', codec: bytes },
  { id: TCA_TBF_PTAB, name: 'ptab', codec: bytes },
  { id: TCA_TBF_RATE64, name: 'rate64', codec: u64 },
  { id: TCA_TBF_PRATE64, name: 'prate64', codec: u64 },
  { id: TCA_TBF_BURST, name: 'burst', codec: u32 },
  { id: TCA_TBF_PBURST, name: 'pburst', codec: u32 },
]);

/** The codec of tbf. */
export const tbfKind: QdiscKindCodec<TbfOptions> = { options: tableOptions(tbfTable) };
