/**
 * Kind "htb" (net/sched/sch_htb.c, hierarchy token bucket): TCA_OPTIONS nests TCA_HTB_*. A qdisc
 * carries TCA_HTB_INIT (struct tc_htb_glob) and TCA_HTB_DIRECT_QLEN; a class TCA_HTB_PARMS
 * (struct tc_htb_opt), its rate tables and 64-bit rates. A class's xstats are struct
 * tc_htb_xstats.
 *
 *   struct tc_htb_opt (44 bytes)
 *   0                 12                24       28       32       36       40       44
 *   +-----------------+-----------------+--------+--------+--------+--------+--------+
 *   | rate (ratespec) | ceil (ratespec) | buffer | cbuffer| quantum| level  | prio   |
 *   +-----------------+-----------------+--------+--------+--------+--------+--------+
 */
import { AttrTable, bytes, fixedStruct, flag, u32, u64, type RawAttr } from '../../../netlink/index.js';
import { compositeStruct, rateSpec, type TcRateSpec } from '../common.js';
import { fixedAttr, structXstats, tableOptions, type QdiscKindCodec } from '../kind.js';

export const TCA_HTB_PARMS = 1;
export const TCA_HTB_INIT = 2;
export const TCA_HTB_CTAB = 3;
export const TCA_HTB_RTAB = 4;
export const TCA_HTB_DIRECT_QLEN = 5;
export const TCA_HTB_RATE64 = 6;
export const TCA_HTB_CEIL64 = 7;
export const TCA_HTB_PAD = 8;
export const TCA_HTB_OFFLOAD = 9;

/** HTB's protocol version (TC_HTB_PROTOVER), sent in struct tc_htb_glob. */
export const TC_HTB_PROTOVER = 3;
/** Priorities a class may have (TC_HTB_NUMPRIO). */
export const TC_HTB_NUMPRIO = 8;

/** struct tc_htb_opt: a class's parameters. */
export interface HtbOpt {
  rate: TcRateSpec;
  ceil: TcRateSpec;
  /** The burst as a time (psched ticks) at `rate`. */
  buffer: number;
  /** The ceil burst as a time at `ceil`. */
  cbuffer: number;
  quantum: number;
  /** The class's depth in the tree (set by the kernel). */
  level: number;
  prio: number;
}

export const htbOpt = compositeStruct<HtbOpt>(
  [['rate', rateSpec], ['ceil', rateSpec]],
  fixedStruct<Omit<HtbOpt, 'rate' | 'ceil'>>([['buffer', 'u32'], ['cbuffer', 'u32'], ['quantum', 'u32'], ['level', 'u32'], ['prio', 'u32']]),
);

/** struct tc_htb_glob: the qdisc's parameters. */
export interface HtbGlob {
  version: number;
  /** bps -> quantum divisor (r2q). */
  rate2quantum: number;
  /** The default class's minor number. */
  defcls: number;
  debug: number;
  /** Packets sent unshaped (out only). */
  directPkts: number;
}

export const htbGlob = fixedStruct<HtbGlob>([
  ['version', 'u32'], ['rate2quantum', 'u32'], ['defcls', 'u32'], ['debug', 'u32'], ['directPkts', 'u32'],
]);

/** TCA_OPTIONS of an htb qdisc or class: one field per TCA_HTB_* attribute. */
export interface HtbOptions {
  /** TCA_HTB_PARMS (a class). */
  parms?: HtbOpt;
  /** TCA_HTB_INIT (the qdisc). */
  init?: HtbGlob;
  /** TCA_HTB_CTAB: the ceil rate table, raw. */
  ctab?: Uint8Array;
  /** TCA_HTB_RTAB: the rate table, raw. */
  rtab?: Uint8Array;
  /** TCA_HTB_DIRECT_QLEN: the direct queue's length in packets. */
  directQlen?: number;
  /** TCA_HTB_RATE64: the rate in bytes/s when it does not fit 32 bits. */
  rate64?: bigint;
  ceil64?: bigint;
  /** TCA_HTB_OFFLOAD: offload to hardware. */
  offload?: true;
  unknown?: RawAttr[];
}

export const htbTable = new AttrTable<HtbOptions>('TCA_HTB', [
  { id: TCA_HTB_PARMS, name: 'parms', codec: fixedAttr(htbOpt) },
  { id: TCA_HTB_INIT, name: 'init', codec: fixedAttr(htbGlob) },
  { id: TCA_HTB_CTAB, name: 'ctab', codec: bytes },
  { id: TCA_HTB_RTAB, name: 'rtab', codec: bytes },
  { id: TCA_HTB_DIRECT_QLEN, name: 'directQlen', codec: u32 },
  { id: TCA_HTB_RATE64, name: 'rate64', codec: u64 },
  { id: TCA_HTB_CEIL64, name: 'ceil64', codec: u64 },
  { id: TCA_HTB_OFFLOAD, name: 'offload', codec: flag },
]);

/** struct tc_htb_xstats: a class's lending and borrowing, and its token counts (ticks). */
export interface HtbXstats {
  lends: number;
  borrows: number;
  giants: number;
  tokens: number;
  ctokens: number;
}

/** The codec of htb (qdisc and classes share the TCA_HTB_* space). */
export const htbKind: QdiscKindCodec<HtbOptions, never, HtbOptions, HtbXstats> = {
  options: tableOptions(htbTable),
  classXstats: structXstats('tc_htb_xstats', fixedStruct<HtbXstats>([
    ['lends', 'u32'], ['borrows', 'u32'], ['giants', 'u32'], ['tokens', 's32'], ['ctokens', 's32'],
  ])),
};
