/**
 * Qdiscs, classes and filters as plain typed data: the facts `tc -s -d qdisc/class/filter show`
 * prints, named in camelCase, with the kind's options and xstats typed through the registry,
 * plus the decoded message.
 */
import type { TcAttrs, TcMessage } from './message.js';
import type { KnownClassOptions, KnownClassXstats, KnownQdiscOptions, KnownQdiscXstats } from './qdiscs/index.js';
import type { KnownFilterOptions } from './filters/index.js';
import { BUILTIN_TC_KINDS, type TcKindRegistry } from './registry.js';
import type { GnetStatsBasic, TcStats2 } from './stats.js';

/** Statistics of a qdisc, class or action, merged from TCA_STATS2 (or the old TCA_STATS). */
export interface TcObjectStats {
  bytes: bigint;
  packets: bigint;
  drops: number;
  overlimits: number;
  requeues: number;
  backlog: number;
  qlen: number;
  /** The rate estimator's bytes/s and packets/s, when one runs. */
  rate?: { bps: bigint; pps: bigint };
  /** What hardware offload handled (TCA_STATS_BASIC_HW), when reported. */
  hw?: GnetStatsBasic;
}

/** The statistics of a message's TCA_STATS2 (or TCA_STATS), or undefined without either. */
export function tcObjectStats(stats2: TcStats2 | undefined, old?: TcAttrs['stats']): TcObjectStats | undefined {
  if (stats2) {
    const b = stats2.basic;
    const q = stats2.queue;
    const out: TcObjectStats = {
      bytes: b?.bytes ?? 0n,
      packets: stats2.pkt64 ? stats2.pkt64 : BigInt(b?.packets ?? 0),
      drops: q?.drops ?? 0, overlimits: q?.overlimits ?? 0, requeues: q?.requeues ?? 0, backlog: q?.backlog ?? 0, qlen: q?.qlen ?? 0,
    };
    if (stats2.rateEst64) out.rate = { bps: stats2.rateEst64.bps, pps: stats2.rateEst64.pps };
    else if (stats2.rateEst) out.rate = { bps: BigInt(stats2.rateEst.bps), pps: BigInt(stats2.rateEst.pps) };
    if (stats2.basicHw) out.hw = stats2.basicHw;
    return out;
  }
  if (!old) return undefined;
  const out: TcObjectStats = {
    bytes: old.bytes, packets: BigInt(old.packets), drops: old.drops, overlimits: old.overlimits, requeues: 0,
    backlog: old.backlog, qlen: old.qlen,
  };
  if (old.bps || old.pps) out.rate = { bps: BigInt(old.bps), pps: BigInt(old.pps) };
  return out;
}

/** A qdisc (RTM_NEWQDISC), as `tc -j -s qdisc show` describes it. */
export interface Qdisc {
  /** TCA_KIND. */
  kind: string;
  /** tcm_ifindex: the device. */
  ifindex: number;
  /** tcm_handle: `maj:0`. */
  handle: number;
  /** tcm_parent: TC_H_ROOT, TC_H_INGRESS or a class. */
  parent: number;
  /** tcm_info: the reference count. */
  refcnt: number;
  /** TCA_OPTIONS typed by the kind (see qdiscOptions), raw bytes for kinds without a codec. */
  options?: object | Uint8Array;
  /** The kind's own statistics, typed by the kind, raw bytes for others. */
  xstats?: unknown;
  stats?: TcObjectStats;
  ingressBlock?: number;
  egressBlock?: number;
  /** TCA_HW_OFFLOAD set. */
  offloaded?: boolean;
  /** The decoded message, for the facts not lifted above. */
  raw: TcMessage;
}

/** A class (RTM_NEWTCLASS), as `tc -j -s class show` describes it. */
export interface TcClass {
  /** TCA_KIND: the kind of the qdisc it belongs to. */
  kind: string;
  ifindex: number;
  /** tcm_handle: the classid `maj:min`. */
  handle: number;
  /** tcm_parent: the parent class, or the qdisc / TC_H_ROOT. */
  parent: number;
  /** tcm_info: the handle of the class's leaf qdisc, 0 when none. */
  leaf: number;
  options?: object | Uint8Array;
  xstats?: unknown;
  stats?: TcObjectStats;
  raw: TcMessage;
}

/** A filter (RTM_NEWTFILTER), as `tc -j filter show` describes it. */
export interface Filter {
  /** TCA_KIND; undefined for the header entry a priority without filters yet has. */
  kind?: string;
  ifindex: number;
  /** tcm_parent: the qdisc or class it hangs on (or a block index). */
  parent: number;
  /** tcm_handle: the filter's handle, kind-specific (u32's `800::800`). */
  handle: number;
  /** Priority (pref), the top 16 bits of tcm_info. */
  pref: number;
  /** The Ethernet protocol it matches (ETH_P_*), from the low 16 bits of tcm_info. */
  protocol: number;
  /** TCA_CHAIN. */
  chain?: number;
  /** TCA_OPTIONS typed by the kind (see filterOptions), raw bytes for kinds without a codec. */
  options?: object | Uint8Array;
  raw: TcMessage;
}

/** Xstats of a message: TCA_STATS2's TCA_STATS_APP, else TCA_XSTATS. */
function xstatsOf(a: TcAttrs): Uint8Array | undefined {
  return a.stats2?.app ?? a.xstats;
}

/** Build a Qdisc from a decoded qdisc message; xstats through `registry`. */
export function toQdisc(msg: TcMessage, registry: TcKindRegistry = BUILTIN_TC_KINDS): Qdisc {
  const { header: h, attrs: a } = msg;
  const out: Qdisc = { kind: a.kind ?? '', ifindex: h.ifindex, handle: h.handle, parent: h.parent, refcnt: h.info, raw: msg };
  if (a.options !== undefined) out.options = a.options;
  const x = xstatsOf(a);
  if (x) {
    const dec = registry.qdisc(a.kind)?.xstats;
    out.xstats = dec ? dec(x, `xstats(${a.kind})`) : x;
  }
  const stats = tcObjectStats(a.stats2, a.stats);
  if (stats) out.stats = stats;
  if (a.ingressBlock) out.ingressBlock = a.ingressBlock;
  if (a.egressBlock) out.egressBlock = a.egressBlock;
  if (a.hwOffload) out.offloaded = true;
  return out;
}

/** Build a TcClass from a decoded class message. */
export function toTcClass(msg: TcMessage, registry: TcKindRegistry = BUILTIN_TC_KINDS): TcClass {
  const { header: h, attrs: a } = msg;
  const out: TcClass = { kind: a.kind ?? '', ifindex: h.ifindex, handle: h.handle, parent: h.parent, leaf: h.info, raw: msg };
  if (a.options !== undefined) out.options = a.options;
  const x = xstatsOf(a);
  if (x) {
    const dec = registry.qdisc(a.kind)?.classXstats;
    out.xstats = dec ? dec(x, `xstats(${a.kind})`) : x;
  }
  const stats = tcObjectStats(a.stats2, a.stats);
  if (stats) out.stats = stats;
  return out;
}

/** Build a Filter from a decoded filter message. */
export function toFilter(msg: TcMessage): Filter {
  const { header: h, attrs: a } = msg;
  const out: Filter = {
    ifindex: h.ifindex, parent: h.parent, handle: h.handle, pref: h.info >>> 16,
    protocol: ((h.info & 0xff) << 8) | ((h.info >>> 8) & 0xff), raw: msg,
  };
  if (a.kind !== undefined) out.kind = a.kind;
  if (a.chain !== undefined) out.chain = a.chain;
  if (a.options !== undefined) out.options = a.options;
  return out;
}

/** A qdisc's options typed for a built-in kind, or undefined when the kind differs or is raw. */
export function qdiscOptions<K extends keyof KnownQdiscOptions>(q: Pick<Qdisc, 'kind' | 'options'>, kind: K): KnownQdiscOptions[K] | undefined {
  if (q.kind !== kind || q.options === undefined || q.options instanceof Uint8Array) return undefined;
  return q.options as KnownQdiscOptions[K];
}

/** A qdisc's xstats typed for a built-in kind. */
export function qdiscXstats<K extends keyof KnownQdiscXstats>(q: Pick<Qdisc, 'kind' | 'xstats'>, kind: K): KnownQdiscXstats[K] | undefined {
  if (q.kind !== kind || q.xstats === undefined || q.xstats instanceof Uint8Array) return undefined;
  return q.xstats as KnownQdiscXstats[K];
}

/** A class's options typed for a built-in kind. */
export function classOptions<K extends keyof KnownClassOptions>(c: Pick<TcClass, 'kind' | 'options'>, kind: K): KnownClassOptions[K] | undefined {
  if (c.kind !== kind || c.options === undefined || c.options instanceof Uint8Array) return undefined;
  return c.options as KnownClassOptions[K];
}

/** A class's xstats typed for a built-in kind. */
export function classXstats<K extends keyof KnownClassXstats>(c: Pick<TcClass, 'kind' | 'xstats'>, kind: K): KnownClassXstats[K] | undefined {
  if (c.kind !== kind || c.xstats === undefined || c.xstats instanceof Uint8Array) return undefined;
  return c.xstats as KnownClassXstats[K];
}

/** A filter's options typed for a built-in kind. */
export function filterOptions<K extends keyof KnownFilterOptions>(f: Pick<Filter, 'kind' | 'options'>, kind: K): KnownFilterOptions[K] | undefined {
  if (f.kind !== kind || f.options === undefined || f.options instanceof Uint8Array) return undefined;
  return f.options as KnownFilterOptions[K];
}
