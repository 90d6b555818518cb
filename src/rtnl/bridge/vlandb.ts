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
import { MessageWriter, NLA_TYPE_MASK, readAttrs, readU64, structHeader, type RawAttr } from '../../netlink/index.js';
import { bridgeVlanInfo } from './afspec.js';
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

const u64At = (a: RawAttr | undefined): bigint => (a && a.data.length >= 8 ? readU64(a.data, 0) : 0n);

/** The last attribute of `type` (parse_rtattr keeps the last). */
function lastOf(attrs: readonly RawAttr[], type: number): RawAttr | undefined {
  let out: RawAttr | undefined;
  for (const a of attrs) if (a.type === type) out = a;
  return out;
}

function decodeEntry(data: Uint8Array): BridgeVlanDbEntry | undefined {
  const attrs = readAttrs(data);
  const get = (type: number): RawAttr | undefined => lastOf(attrs, type);
  const info = get(BRIDGE_VLANDB_ENTRY_INFO);
  if (!info) return undefined;
  const v = bridgeVlanInfo.decode(info.data, 'BRIDGE_VLANDB_ENTRY_INFO');
  const out: BridgeVlanDbEntry = { vid: v.vid, flags: v.flags };
  const range = get(BRIDGE_VLANDB_ENTRY_RANGE);
  if (range && range.data.length >= 2) out.vidEnd = range.data[0]! | (range.data[1]! << 8);
  const state = get(BRIDGE_VLANDB_ENTRY_STATE);
  if (state && state.data.length >= 1) out.state = state.data[0]!;
  const router = get(BRIDGE_VLANDB_ENTRY_MCAST_ROUTER);
  if (router && router.data.length >= 1) out.mcastRouter = router.data[0]!;
  const stats = get(BRIDGE_VLANDB_ENTRY_STATS);
  if (stats) {
    const s = readAttrs(stats.data);
    const at = (type: number): RawAttr | undefined => lastOf(s, type);
    out.stats = {
      rxBytes: u64At(at(BRIDGE_VLANDB_STATS_RX_BYTES)), rxPackets: u64At(at(BRIDGE_VLANDB_STATS_RX_PACKETS)),
      txBytes: u64At(at(BRIDGE_VLANDB_STATS_TX_BYTES)), txPackets: u64At(at(BRIDGE_VLANDB_STATS_TX_PACKETS)),
    };
  }
  return out;
}

/** An RTM_*VLAN message's payload (`buf[start, end)`, after the netlink header). */
export function decodeBrVlanMessage(buf: Uint8Array, start = 0, end = buf.length): BrVlanMessage {
  const h = brVlanMsg.decode(buf, start, end);
  const out: BrVlanMessage = { family: h.family, ifindex: h.ifindex, entries: [] };
  const unknown: RawAttr[] = [];
  for (const a of readAttrs(buf, start + brVlanMsg.size, end)) {
    const e = (a.type & NLA_TYPE_MASK) === BRIDGE_VLANDB_ENTRY ? decodeEntry(a.data) : undefined;
    if (e) out.entries.push(e);
    else unknown.push(a);
  }
  if (unknown.length) out.unknown = unknown;
  return out;
}

/** The RTM_GETVLAN dump request of `bridge -d vlan show`: br_vlan_msg and BRIDGE_VLANDB_DUMP_FLAGS. */
export function encodeBrVlanDump(family: number, dumpFlags: number): Uint8Array {
  const w = new MessageWriter(RTM_GETVLAN, 0, 32);
  brVlanMsg.encode(w, { family, ifindex: 0 });
  w.u32(BRIDGE_VLANDB_DUMP_FLAGS, dumpFlags);
  return w.finish();
}

