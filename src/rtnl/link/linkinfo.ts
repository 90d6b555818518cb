/**
 * IFLA_LINKINFO (IFLA_INFO_*): the device kind and its kind-specific data. IFLA_INFO_DATA is
 * decoded only once IFLA_INFO_KIND is known (wherever it sits in the nest), through the kind
 * registry; IFLA_INFO_SLAVE_DATA likewise by IFLA_INFO_SLAVE_KIND. Data of a kind without a codec
 * stays raw bytes and is re-emitted unchanged; raw bytes given for a known kind are written as is.
 *
 * The kind strings: the kernel NUL-terminates them, iproute2 does not (the kernel accepts both).
 * A decoded LinkInfo remembers which form it had (hidden, like the wire order) and re-emits it;
 * a LinkInfo built by hand is written the iproute2 way, without the NUL.
 */
import {
  align4, AttrTable, bytes, codecAt, le16, NLA_TYPE_MASK, str, strNoNul, type AttrCodec, type RawAttr,
} from '../../netlink/index.js';
import * as C from './constants.js';
import type { KindCodec, KindContext } from './kind.js';
import type { KnownKindData, KnownSlaveKindData } from './kinds/index.js';

export type { KnownKindData, KnownSlaveKindData } from './kinds/index.js';

/**
 * Kind data: a built-in kind's typed object, the object of a codec registered by the user, or
 * the raw payload (Uint8Array) of a kind without a codec.
 */
export type LinkInfoData = KnownKindData[keyof KnownKindData] | KnownSlaveKindData[keyof KnownSlaveKindData] | Uint8Array | object;

/** IFLA_LINKINFO decoded. */
export interface LinkInfo {
  /** IFLA_INFO_KIND: 'veth', 'bridge', 'vxlan', ... */
  kind?: string;
  /** IFLA_INFO_DATA: typed by `kind` (see KnownKindData), raw bytes for unknown kinds. */
  data?: LinkInfoData;
  /** IFLA_INFO_XSTATS: kind-specific extended statistics, kept as bytes. */
  xstats?: Uint8Array;
  /** IFLA_INFO_SLAVE_KIND: the master's kind on a port, e.g. 'bridge'. */
  slaveKind?: string;
  /** IFLA_INFO_SLAVE_DATA: typed by `slaveKind` (see KnownSlaveKindData). */
  slaveData?: LinkInfoData;
  unknown?: RawAttr[];
}

/** `info.data` typed for a built-in kind, or undefined when the kind differs or is raw. */
export function kindData<K extends keyof KnownKindData>(
  info: LinkInfo | undefined, kind: K,
): KnownKindData[K] | undefined {
  if (info?.kind !== kind || info.data === undefined || info.data instanceof Uint8Array) return undefined;
  return info.data as KnownKindData[K];
}

/** `info.slaveData` typed for a built-in slave kind, or undefined. */
export function slaveKindData<K extends keyof KnownSlaveKindData>(
  info: LinkInfo | undefined, kind: K,
): KnownSlaveKindData[K] | undefined {
  if (info?.slaveKind !== kind || info.slaveData === undefined || info.slaveData instanceof Uint8Array) return undefined;
  return info.slaveData as KnownSlaveKindData[K];
}

function dataCodec(codec: KindCodec | undefined, ctx: KindContext, name: string): AttrCodec<object> {
  if (!codec) return bytes as AttrCodec<object>;
  return codecAt(
    (b, o, len) => codec.decode(b.subarray(o, o + len), ctx, name),
    (w, t, v) => {
      if (v instanceof Uint8Array) w.bytes(t, v);
      else w.nested(t, () => codec.encode(w, v, ctx));
    },
  );
}

/** Hidden marks on a decoded LinkInfo: its kind strings were NUL-terminated on the wire. */
const KIND_NUL = Symbol('kindNul');
const SLAVE_KIND_NUL = Symbol('slaveKindNul');
type Marks = { [KIND_NUL]?: boolean; [SLAVE_KIND_NUL]?: boolean };
const HIDDEN_TRUE = { value: true, enumerable: false } as const;

/**
 * Built tables by (kind, slave kind, NUL marks), kept on the registry: every link of a dump
 * reuses them, and most links of a dump are of the kind of the link before (the last hit is
 * checked first, with no key to build).
 */
class InfoTables {
  readonly byKey = new Map<string, AttrTable<LinkInfo>>();
  last: { kind: string | undefined; slaveKind: string | undefined; nul: number; table: AttrTable<LinkInfo> } | undefined;
}
const INFO_TABLES = Symbol('IFLA_LINKINFO tables');

/** `nul`: bit 0 the kind was NUL-terminated, bit 1 the slave kind. */
function infoTable(ctx: KindContext, kind: string | undefined, slaveKind: string | undefined, nul: number): AttrTable<LinkInfo> {
  const cache = ctx.registry.memo(INFO_TABLES, () => new InfoTables()); // registering a kind empties the registry's memos, this cache too
  const last = cache.last;
  if (last && last.kind === kind && last.slaveKind === slaveKind && last.nul === nul) return last.table;
  const key = `${kind ?? ''}\0${slaveKind ?? ''}\0${nul}`;
  let table = cache.byKey.get(key);
  if (!table) {
    if (cache.byKey.size >= 64) cache.byKey.clear(); // kinds come off the wire: keep the cache bounded
    const data = ctx.registry.data(kind);
    const slave = ctx.registry.slaveData(slaveKind);
    table = new AttrTable<LinkInfo>('IFLA_LINKINFO', [
      { id: C.IFLA_INFO_KIND, name: 'kind', codec: nul & 1 ? str : strNoNul },
      { id: C.IFLA_INFO_DATA, name: 'data', codec: dataCodec(data, ctx, `IFLA_INFO_DATA(${kind})`) },
      { id: C.IFLA_INFO_XSTATS, name: 'xstats', codec: bytes },
      { id: C.IFLA_INFO_SLAVE_KIND, name: 'slaveKind', codec: nul & 2 ? str : strNoNul },
      { id: C.IFLA_INFO_SLAVE_DATA, name: 'slaveData', codec: dataCodec(slave, ctx, `IFLA_INFO_SLAVE_DATA(${slaveKind})`) },
    ]);
    cache.byKey.set(key, table);
  }
  cache.last = { kind, slaveKind, nul, table };
  return table;
}

/** The IFLA_LINKINFO codec for the registry of `ctx`. */
export function linkInfoCodec(ctx: KindContext): AttrCodec<LinkInfo> {
  // The kind decides how IFLA_INFO_DATA reads, so it is found first (a header walk), then the
  // whole nest is decoded by the table for that kind.
  const decodeAt = (b: Uint8Array, start: number, len: number): LinkInfo => {
    let kind: string | undefined;
    let slaveKind: string | undefined;
    let nul = 0;
    // Lengths are checked by the table's decode below; a bad one ends this walk first.
    for (let off = start, end = start + len; off + 4 <= end;) {
      const alen = le16(b, off);
      const type = le16(b, off + 2) & NLA_TYPE_MASK;
      if (alen < 4 || off + alen > end) break;
      if (type === C.IFLA_INFO_KIND || type === C.IFLA_INFO_SLAVE_KIND) {
        const text = str.decodeAt(b, off + 4, alen - 4, type === C.IFLA_INFO_KIND ? 'IFLA_INFO_KIND' : 'IFLA_INFO_SLAVE_KIND');
        const bit = type === C.IFLA_INFO_KIND ? 1 : 2;
        nul = alen > 4 && b[off + alen - 1] === 0 ? nul | bit : nul & ~bit;
        if (type === C.IFLA_INFO_KIND) kind = text; else slaveKind = text;
      }
      off += align4(alen);
    }
    const info = infoTable(ctx, kind, slaveKind, nul).decode(b, start, start + len);
    if (nul & 1) Object.defineProperty(info, KIND_NUL, HIDDEN_TRUE);
    if (nul & 2) Object.defineProperty(info, SLAVE_KIND_NUL, HIDDEN_TRUE);
    return info;
  };
  return codecAt(decodeAt, (w, t, v) => {
    // A port change names kind "bridge_slave" (as iproute2 sends `link set ... type bridge_slave`)
    // and carries IFLA_INFO_SLAVE_DATA of the master's kind, "bridge".
    const slaveKind = v.slaveKind ?? (v.kind?.endsWith('_slave') ? v.kind.slice(0, -'_slave'.length) : undefined);
    const marks = v as Marks;
    w.nested(t, () => infoTable(ctx, v.kind, slaveKind, (marks[KIND_NUL] ? 1 : 0) | (marks[SLAVE_KIND_NUL] ? 2 : 0)).encode(w, v));
  });
}
