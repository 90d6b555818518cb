/**
 * Actions (<linux/pkt_cls.h>, net/sched/act_api.c): one action is a nest of TCA_ACT_* whose
 * TCA_ACT_OPTIONS is read by TCA_ACT_KIND through the registry (raw bytes for a kind without a
 * codec). A list of actions (a filter's TCA_*_ACT, an action message's TCA_ROOT_TAB) is a nest
 * whose children are numbered by their order, 1 .. TCA_ACT_MAX_PRIO.
 */
import {
  align4, AttrTable, bytes, codecAt, DecodeError, le16, nested, NLA_HDRLEN, NLA_TYPE_MASK, str, u32,
  type AttrCodec, type RawAttr,
} from '../../netlink/index.js';
import { nlaBitfield32, type NlaBitfield32 } from './common.js';
import {
  TCA_ACT_COOKIE, TCA_ACT_FLAGS, TCA_ACT_HW_STATS, TCA_ACT_IN_HW_COUNT, TCA_ACT_INDEX, TCA_ACT_KIND, TCA_ACT_OPTIONS,
  TCA_ACT_STATS, TCA_ACT_USED_HW_STATS,
} from './constants.js';
import { optionsAttr, type TcKindContext } from './kind.js';
import { tcStats2Table, type TcStats2 } from './stats.js';

/** One action (the TCA_ACT_* nest). */
export interface TcAction {
  /** The nest's attribute type: its place in the list (1 ...). Set on decode; on encode, its index + 1 when absent. */
  order?: number;
  /** TCA_ACT_KIND: 'gact', 'mirred', 'police', ... */
  kind?: string;
  /** TCA_ACT_OPTIONS: typed by the kind (see KnownActionOptions), raw bytes for others. */
  options?: object | Uint8Array;
  /** TCA_ACT_INDEX: the action's index in its kind's table. */
  index?: number;
  /** TCA_ACT_STATS: TCA_STATS_* as in TCA_STATS2. */
  stats?: TcStats2;
  /** TCA_ACT_COOKIE: up to 16 opaque bytes. */
  cookie?: Uint8Array;
  /** TCA_ACT_FLAGS: TCA_ACT_FLAGS_* bits. */
  flags?: NlaBitfield32;
  /** TCA_ACT_HW_STATS: TCA_ACT_HW_STATS_* asked for. */
  hwStats?: NlaBitfield32;
  /** TCA_ACT_USED_HW_STATS. */
  usedHwStats?: NlaBitfield32;
  /** TCA_ACT_IN_HW_COUNT: how many devices run it in hardware. */
  inHwCount?: number;
  unknown?: RawAttr[];
}

/** The value of the string attribute `type` among the attributes of `b[start, start + len)`, if any. */
export function findString(b: Uint8Array, start: number, len: number, type: number, name: string): string | undefined {
  for (let off = start, end = start + len; off + NLA_HDRLEN <= end;) {
    const alen = le16(b, off);
    if (alen < NLA_HDRLEN || off + alen > end) return undefined; // the table's decode reports it
    if ((le16(b, off + 2) & NLA_TYPE_MASK) === type) return str.decodeAt(b, off + NLA_HDRLEN, alen - NLA_HDRLEN, name);
    off += align4(alen);
  }
  return undefined;
}

const ACTION_TABLES = Symbol('TCA_ACT tables');

/** The TCA_ACT_* table for actions of `kind` (options through its codec, raw without one). */
function actionTable(ctx: TcKindContext, kind: string | undefined): AttrTable<TcAction> {
  const cache = ctx.registry.memo(ACTION_TABLES, () => new Map<string, AttrTable<TcAction>>());
  const key = kind ?? '';
  let table = cache.get(key);
  if (table) return table;
  if (cache.size >= 64) cache.clear(); // kinds come off the wire: keep it bounded
  const codec = ctx.registry.action(kind);
  table = new AttrTable<TcAction>('TCA_ACT', [
    { id: TCA_ACT_KIND, name: 'kind', codec: str },
    { id: TCA_ACT_OPTIONS, name: 'options', codec: codec ? optionsAttr(codec.options, ctx, `TCA_ACT_OPTIONS(${kind})`) : bytes, nestedFlag: true },
    { id: TCA_ACT_INDEX, name: 'index', codec: u32 },
    { id: TCA_ACT_STATS, name: 'stats', codec: nested(tcStats2Table) },
    { id: TCA_ACT_COOKIE, name: 'cookie', codec: bytes },
    { id: TCA_ACT_FLAGS, name: 'flags', codec: nlaBitfield32 },
    { id: TCA_ACT_HW_STATS, name: 'hwStats', codec: nlaBitfield32 },
    { id: TCA_ACT_USED_HW_STATS, name: 'usedHwStats', codec: nlaBitfield32 },
    { id: TCA_ACT_IN_HW_COUNT, name: 'inHwCount', codec: u32 },
  ]);
  cache.set(key, table);
  return table;
}

/** Decode one action nest's payload `b[off, off + len)`. */
export function decodeAction(ctx: TcKindContext, b: Uint8Array, off: number, len: number): TcAction {
  const kind = findString(b, off, len, TCA_ACT_KIND, 'TCA_ACT_KIND');
  return actionTable(ctx, kind).decode(b, off, off + len);
}

/**
 * The codec of an action list: children numbered 1 ... holding one action each, decoded in wire
 * order with their number as `order`. Encoded with NLA_F_NESTED on each child, as tc sends them.
 */
export function actionList(ctx: TcKindContext): AttrCodec<TcAction[]> {
  return codecAt(
    (b, o, len) => {
      const out: TcAction[] = [];
      for (let off = o, end = o + len; off < end;) {
        if (end - off < NLA_HDRLEN) throw new DecodeError(`truncated action header (${end - off} bytes)`, off);
        const alen = le16(b, off);
        if (alen < NLA_HDRLEN || off + alen > end) throw new DecodeError(`action nest has bad length ${alen}`, off);
        const order = le16(b, off + 2) & NLA_TYPE_MASK;
        const a = decodeAction(ctx, b, off + NLA_HDRLEN, alen - NLA_HDRLEN);
        out.push(Object.assign({ order }, a));
        off += align4(alen);
      }
      return out;
    },
    (w, t, list) => {
      w.nested(t, () => {
        list.forEach((a, i) => {
          const { order, ...attrs } = a;
          w.nested(order ?? i + 1, () => actionTable(ctx, a.kind).encode(w, attrs));
        });
      });
    },
  );
}
