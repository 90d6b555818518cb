/**
 * Qdisc, class, filter and chain messages (RTM_{NEW,DEL,GET}{QDISC,TCLASS,TFILTER,CHAIN}): struct
 * tcmsg + TCA_* attributes. TCA_OPTIONS is decoded only once TCA_KIND is known (wherever it sits),
 * through the registry of the message's family (a class reads the options of its qdisc's kind);
 * a kind without a codec stays raw bytes, re-emitted unchanged. Xstats (TCA_XSTATS, and
 * TCA_STATS_APP inside TCA_STATS2) stay raw here: objects.ts reads them through the kind.
 */
import {
  AttrTable, bytes, flag, MessageWriter, nested, str, u32, u8, structCodec, type AttrField, type RawAttr,
} from '../../netlink/index.js';
import { findString } from './action.js';
import { nlaBitfield32, tcEstimator, type NlaBitfield32, type TcEstimator } from './common.js';
import * as C from './constants.js';
import { optionsAttr, type TcKindContext } from './kind.js';
import { BUILTIN_TC_KINDS, type TcKindRegistry } from './registry.js';
import { tcStats, tcStats2Table, type TcStats, type TcStats2 } from './stats.js';
import { decodeTcMsg, encodeTcMsg, TCMSG_LEN, type TcMsg } from './tcmsg.js';

/** Which family a tc message belongs to: its TCA_OPTIONS are read by that family's kinds. */
export type TcFamily = 'qdisc' | 'class' | 'filter' | 'chain';

/** The family of an RTM_* tc message type, or undefined when it is not one. */
export function tcFamilyOf(type: number): TcFamily | undefined {
  if (type >= C.RTM_NEWQDISC && type <= C.RTM_GETQDISC) return 'qdisc';
  if (type >= C.RTM_NEWTCLASS && type <= C.RTM_GETTCLASS) return 'class';
  if (type >= C.RTM_NEWTFILTER && type <= C.RTM_GETTFILTER) return 'filter';
  if (type >= C.RTM_NEWCHAIN && type <= C.RTM_GETCHAIN) return 'chain';
  return undefined;
}

/** struct tc_sizespec: how a size table (TCA_STAB) maps packet sizes. */
export interface TcSizeSpec {
  cellLog: number;
  sizeLog: number;
  cellAlign: number;
  overhead: number;
  linklayer: number;
  mpu: number;
  mtu: number;
  tsize: number;
}

/** TCA_STAB: the size table. */
export interface TcStab {
  /** TCA_STAB_BASE. */
  base?: TcSizeSpec;
  /** TCA_STAB_DATA: tsize u16 entries, raw. */
  data?: Uint8Array;
  unknown?: RawAttr[];
}

const stabTable = new AttrTable<TcStab>('TCA_STAB', [
  {
    id: C.TCA_STAB_BASE, name: 'base', codec: structCodec<TcSizeSpec>([
      ['cellLog', 'u8'], ['sizeLog', 'u8'], ['cellAlign', 's16'], ['overhead', 's32'], ['linklayer', 'u32'], ['mpu', 'u32'],
      ['mtu', 'u32'], ['tsize', 'u32'],
    ]),
  },
  { id: C.TCA_STAB_DATA, name: 'data', codec: bytes },
]);

/** The TCA_* attributes of a qdisc, class, filter or chain message. */
export interface TcAttrs {
  /** TCA_KIND: 'htb', 'tbf', 'u32', ... */
  kind?: string;
  /** TCA_OPTIONS: typed by the kind (see the kinds' index files), raw bytes for others. */
  options?: object | Uint8Array;
  /** TCA_STATS: struct tc_stats. */
  stats?: TcStats;
  /** TCA_XSTATS: the kind's statistics, raw. */
  xstats?: Uint8Array;
  /** TCA_RATE: a rate estimator to attach. */
  rate?: TcEstimator;
  /** TCA_FCNT: how many filters an action flush removed. */
  fcnt?: number;
  /** TCA_STATS2: TCA_STATS_*. */
  stats2?: TcStats2;
  /** TCA_STAB: the size table. */
  stab?: TcStab;
  /** TCA_DUMP_INVISIBLE: a dump asks for invisible qdiscs too. */
  dumpInvisible?: true;
  /** TCA_CHAIN: the filter chain. */
  chain?: number;
  /** TCA_HW_OFFLOAD: the object is offloaded to hardware (u8). */
  hwOffload?: number;
  /** TCA_INGRESS_BLOCK: the shared ingress block of an ingress/clsact qdisc. */
  ingressBlock?: number;
  /** TCA_EGRESS_BLOCK. */
  egressBlock?: number;
  /** TCA_DUMP_FLAGS: TCA_DUMP_FLAGS_TERSE. */
  dumpFlags?: NlaBitfield32;
  /** TCA_EXT_WARN_MSG: a warning the kernel attached. */
  extWarnMsg?: string;
  unknown?: RawAttr[];
}

/** One tc message: its struct tcmsg and its attributes. */
export interface TcMessage {
  header: TcMsg;
  attrs: TcAttrs;
}

/** The rows of the TCA_* table other than TCA_OPTIONS. */
const COMMON_FIELDS: AttrField[] = [
  { id: C.TCA_KIND, name: 'kind', codec: str },
  { id: C.TCA_STATS, name: 'stats', codec: tcStats },
  { id: C.TCA_XSTATS, name: 'xstats', codec: bytes },
  { id: C.TCA_RATE, name: 'rate', codec: tcEstimator },
  { id: C.TCA_FCNT, name: 'fcnt', codec: u32 },
  { id: C.TCA_STATS2, name: 'stats2', codec: nested(tcStats2Table) },
  { id: C.TCA_STAB, name: 'stab', codec: nested(stabTable) },
  { id: C.TCA_DUMP_INVISIBLE, name: 'dumpInvisible', codec: flag },
  { id: C.TCA_CHAIN, name: 'chain', codec: u32 },
  { id: C.TCA_HW_OFFLOAD, name: 'hwOffload', codec: u8 },
  { id: C.TCA_INGRESS_BLOCK, name: 'ingressBlock', codec: u32 },
  { id: C.TCA_EGRESS_BLOCK, name: 'egressBlock', codec: u32 },
  { id: C.TCA_DUMP_FLAGS, name: 'dumpFlags', codec: nlaBitfield32 },
  { id: C.TCA_EXT_WARN_MSG, name: 'extWarnMsg', codec: str },
];

const TCA_TABLES = Symbol('TCA tables');

/** The options codec of `kind` in `family`, or undefined (raw). */
function optionsCodec(registry: TcKindRegistry, family: TcFamily, kind: string | undefined) {
  if (family === 'filter' || family === 'chain') return registry.filter(kind)?.options;
  const q = registry.qdisc(kind);
  return family === 'class' ? (q?.classOptions ?? q?.options) : q?.options;
}

/** The TCA_* table of `family` messages of `kind`, cached on the registry. */
export function tcaTable(registry: TcKindRegistry, family: TcFamily, kind: string | undefined): AttrTable<TcAttrs> {
  const cache = registry.memo(TCA_TABLES, () => new Map<string, AttrTable<TcAttrs>>());
  const key = `${family}\0${kind ?? ''}`;
  let table = cache.get(key);
  if (table) return table;
  if (cache.size >= 128) cache.clear(); // kinds come off the wire: keep it bounded
  const ctx: TcKindContext = { registry };
  const codec = optionsCodec(registry, family, kind);
  table = new AttrTable<TcAttrs>('TCA', [
    ...COMMON_FIELDS,
    { id: C.TCA_OPTIONS, name: 'options', codec: codec ? optionsAttr(codec, ctx, `TCA_OPTIONS(${kind})`) : bytes },
  ]);
  cache.set(key, table);
  return table;
}

/**
 * Decode the payload (after the nlmsghdr) of a tc message of `type`; `start`/`end` bound it within
 * `buf`. Throws DecodeError.
 */
export function decodeTcMessage(
  type: number, buf: Uint8Array, registry: TcKindRegistry = BUILTIN_TC_KINDS, start = 0, end = buf.length,
): TcMessage {
  const header = decodeTcMsg(buf, start, end);
  const family = tcFamilyOf(type) ?? 'qdisc';
  const at = start + TCMSG_LEN;
  const kind = findString(buf, at, end - at, C.TCA_KIND, 'TCA_KIND');
  return { header, attrs: tcaTable(registry, family, kind).decode(buf, at, end) };
}

/** Append struct tcmsg and the attributes of `msg` to a writer. */
export function writeTcMessage(w: MessageWriter, type: number, msg: TcMessage, registry: TcKindRegistry = BUILTIN_TC_KINDS): void {
  encodeTcMsg(w, msg.header);
  tcaTable(registry, tcFamilyOf(type) ?? 'qdisc', msg.attrs.kind).encode(w, msg.attrs);
}

/**
 * Encode a whole tc message of `type` with nlmsg `flags`; seq and pid are left 0 for the
 * connection to fill in.
 */
export function encodeTcMessage(type: number, flags: number, msg: TcMessage, registry: TcKindRegistry = BUILTIN_TC_KINDS): Uint8Array {
  const w = new MessageWriter(type, flags, 256);
  writeTcMessage(w, type, msg, registry);
  return w.finish();
}
