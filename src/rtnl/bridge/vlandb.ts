/**
 * The bridge VLAN database messages (net/bridge/br_vlan.c, kernel 5.9+): RTM_GETVLAN dumps and
 * RTM_NEWVLAN / RTM_DELVLAN notifications, one device per message.
 *
 *   struct br_vlan_msg (8 bytes)
 *   0        1           2             4           8
 *   +--------+-----------+-------------+-----------+
 *   | family | reserved1 | reserved2   | ifindex   |
 *   +--------+-----------+-------------+-----------+
 *
 * Each BRIDGE_VLANDB_ENTRY holds BRIDGE_VLANDB_ENTRY_INFO (struct bridge_vlan_info), an optional
 * RANGE end, the VLAN's STP STATE, MCAST_ROUTER and (when asked for) STATS.
 */
import { AttrTable, MessageWriter, nested, structHeader, u8, u16, u64, type RawAttr } from '../../netlink/index.js';
import { bridgeVlanInfo, type BridgeVlanInfo } from './afspec.js';
import {
  BRIDGE_VLANDB_DUMP_FLAGS, BRIDGE_VLANDB_ENTRY, BRIDGE_VLANDB_ENTRY_INFO, BRIDGE_VLANDB_ENTRY_MCAST_ROUTER, BRIDGE_VLANDB_ENTRY_RANGE,
  BRIDGE_VLANDB_ENTRY_STATE, BRIDGE_VLANDB_ENTRY_STATS, BRIDGE_VLANDB_STATS_RX_BYTES, BRIDGE_VLANDB_STATS_RX_PACKETS,
  BRIDGE_VLANDB_STATS_TX_BYTES, BRIDGE_VLANDB_STATS_TX_PACKETS, RTM_GETVLAN,
} from './constants.js';

/** struct br_vlan_msg. */
export interface BrVlanMsg {
  family: number;
  ifindex: number;
}

/** struct br_vlan_msg's codec. */
export const brVlanMsg = structHeader<BrVlanMsg>('br_vlan_msg', [['family', 'u8'], ['', 'pad1'], ['', 'pad2'], ['ifindex', 'u32']]);

/** BRIDGE_VLANDB_ENTRY_STATS. */
export interface BridgeVlanDbStats {
  rxBytes: bigint;
  rxPackets: bigint;
  txBytes: bigint;
  txPackets: bigint;
}

/** One BRIDGE_VLANDB_ENTRY: a VLAN or a range of them with the same options. */
export interface BridgeVlanDbEntry {
  vid: number;
  /** BRIDGE_VLANDB_ENTRY_RANGE: the range's last VLAN. */
  vidEnd?: number;
  /** BRIDGE_VLAN_INFO_* bits. */
  flags: number;
  /** BRIDGE_VLANDB_ENTRY_STATE: the VLAN's STP state (BR_STATE_*). */
  state?: number;
  /** BRIDGE_VLANDB_ENTRY_MCAST_ROUTER. */
  mcastRouter?: number;
  /** BRIDGE_VLANDB_ENTRY_STATS (dumps with BRIDGE_VLANDB_DUMPF_STATS). */
  stats?: BridgeVlanDbStats;
}

/** An RTM_NEWVLAN / RTM_DELVLAN message, decoded. */
export interface BrVlanMessage {
  family: number;
  ifindex: number;
  /** Its BRIDGE_VLANDB_ENTRY attributes in wire order (those without an INFO are skipped). */
  entries: BridgeVlanDbEntry[];
  /** Other top-level attributes (BRIDGE_VLANDB_GLOBAL_OPTIONS ...), raw. */
  unknown?: RawAttr[];
}

/** BRIDGE_VLANDB_ENTRY as the wire has it, before it is flattened into a BridgeVlanDbEntry. */
interface EntryAttrs {
  info?: BridgeVlanInfo;
  range?: number;
  state?: number;
  stats?: Partial<BridgeVlanDbStats>;
  mcastRouter?: number;
  unknown?: RawAttr[];
}

const statsTable = new AttrTable<Partial<BridgeVlanDbStats>>('BRIDGE_VLANDB_ENTRY_STATS', [
  { id: BRIDGE_VLANDB_STATS_RX_BYTES, name: 'rxBytes', codec: u64 },
  { id: BRIDGE_VLANDB_STATS_RX_PACKETS, name: 'rxPackets', codec: u64 },
  { id: BRIDGE_VLANDB_STATS_TX_BYTES, name: 'txBytes', codec: u64 },
  { id: BRIDGE_VLANDB_STATS_TX_PACKETS, name: 'txPackets', codec: u64 },
]);

const entryTable = new AttrTable<EntryAttrs>('BRIDGE_VLANDB_ENTRY', [
  { id: BRIDGE_VLANDB_ENTRY_INFO, name: 'info', codec: bridgeVlanInfo },
  { id: BRIDGE_VLANDB_ENTRY_RANGE, name: 'range', codec: u16 },
  { id: BRIDGE_VLANDB_ENTRY_STATE, name: 'state', codec: u8 },
  { id: BRIDGE_VLANDB_ENTRY_STATS, name: 'stats', codec: nested(statsTable) },
  { id: BRIDGE_VLANDB_ENTRY_MCAST_ROUTER, name: 'mcastRouter', codec: u8 },
]);

const messageTable = new AttrTable<{ entries?: EntryAttrs[]; unknown?: RawAttr[] }>('BRIDGE_VLANDB', [
  { id: BRIDGE_VLANDB_ENTRY, name: 'entries', codec: nested(entryTable), multi: true },
]);

/** One entry flattened; undefined without its INFO (the VLAN it is about). */
function toEntry(e: EntryAttrs): BridgeVlanDbEntry | undefined {
  if (!e.info) return undefined;
  const out: BridgeVlanDbEntry = { vid: e.info.vid, flags: e.info.flags };
  if (e.range !== undefined) out.vidEnd = e.range;
  if (e.state !== undefined) out.state = e.state;
  if (e.mcastRouter !== undefined) out.mcastRouter = e.mcastRouter;
  if (e.stats) {
    const s = e.stats;
    out.stats = { rxBytes: s.rxBytes ?? 0n, rxPackets: s.rxPackets ?? 0n, txBytes: s.txBytes ?? 0n, txPackets: s.txPackets ?? 0n };
  }
  return out;
}

/** An RTM_*VLAN message's payload (`buf[start, end)`, after the netlink header). */
export function decodeBrVlanMessage(buf: Uint8Array, start = 0, end = buf.length): BrVlanMessage {
  const h = brVlanMsg.decode(buf, start, end);
  const attrs = messageTable.decode(buf, start + brVlanMsg.size, end);
  const out: BrVlanMessage = { family: h.family, ifindex: h.ifindex, entries: [] };
  for (const e of attrs.entries ?? []) {
    const entry = toEntry(e);
    if (entry) out.entries.push(entry);
  }
  if (attrs.unknown) out.unknown = attrs.unknown;
  return out;
}

/** The RTM_GETVLAN dump request of `bridge -d vlan show`: br_vlan_msg and BRIDGE_VLANDB_DUMP_FLAGS. */
export function encodeBrVlanDump(family: number, dumpFlags: number): Uint8Array {
  const w = new MessageWriter(RTM_GETVLAN, 0, 32);
  brVlanMsg.encode(w, { family, ifindex: 0 });
  w.u32(BRIDGE_VLANDB_DUMP_FLAGS, dumpFlags);
  return w.finish();
}

