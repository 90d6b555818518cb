/**
 * IFLA_AF_SPEC of an AF_BRIDGE link message (net/bridge/br_netlink.c): unlike other families' it
 * holds IFLA_BRIDGE_* attributes directly: the request flags (master/self), the hardware mode, one
 * IFLA_BRIDGE_VLAN_INFO (struct bridge_vlan_info) per VLAN or range end, and the VLAN-to-tunnel
 * map. Unknown children are kept and re-emitted.
 *
 *   struct bridge_vlan_info (4 bytes)
 *   0              2              4
 *   +--------------+--------------+
 *   | flags (u16)  | vid (u16)    |
 *   +--------------+--------------+
 */
import { AttrTable, structCodec, u16, u32, nested, type RawAttr } from '../../netlink/index.js';
import {
  IFLA_BRIDGE_FLAGS, IFLA_BRIDGE_MODE, IFLA_BRIDGE_VLAN_INFO, IFLA_BRIDGE_VLAN_TUNNEL_FLAGS, IFLA_BRIDGE_VLAN_TUNNEL_ID,
  IFLA_BRIDGE_VLAN_TUNNEL_INFO, IFLA_BRIDGE_VLAN_TUNNEL_VID, BRIDGE_VLAN_INFO_PVID, BRIDGE_VLAN_INFO_RANGE_BEGIN,
  BRIDGE_VLAN_INFO_RANGE_END, BRIDGE_VLAN_INFO_UNTAGGED,
} from './constants.js';

/** struct bridge_vlan_info. */
export interface BridgeVlanInfo {
  /** BRIDGE_VLAN_INFO_* bits. */
  flags: number;
  vid: number;
}

/** IFLA_BRIDGE_VLAN_TUNNEL_INFO: one VLAN (or range end) mapped to a tunnel id. */
export interface BridgeVlanTunnelInfo {
  id?: number;
  vid?: number;
  /** BRIDGE_VLAN_INFO_RANGE_* bits. */
  flags?: number;
  unknown?: RawAttr[];
}

/** IFLA_AF_SPEC of family AF_BRIDGE, decoded. */
export interface BridgeAfSpec {
  /** IFLA_BRIDGE_FLAGS: BRIDGE_FLAGS_* (requests). */
  flags?: number;
  /** IFLA_BRIDGE_MODE: BRIDGE_MODE_*. */
  mode?: number;
  /** IFLA_BRIDGE_VLAN_INFO, every copy in wire order. */
  vlanInfo?: BridgeVlanInfo[];
  /** IFLA_BRIDGE_VLAN_TUNNEL_INFO, every copy in wire order. */
  vlanTunnelInfo?: BridgeVlanTunnelInfo[];
  unknown?: RawAttr[];
}

export const bridgeVlanInfo = structCodec<BridgeVlanInfo>([['flags', 'u16'], ['vid', 'u16']]);

const tunnelTable = new AttrTable<BridgeVlanTunnelInfo>('IFLA_BRIDGE_VLAN_TUNNEL', [
  { id: IFLA_BRIDGE_VLAN_TUNNEL_ID, name: 'id', codec: u32 },
  { id: IFLA_BRIDGE_VLAN_TUNNEL_VID, name: 'vid', codec: u16 },
  { id: IFLA_BRIDGE_VLAN_TUNNEL_FLAGS, name: 'flags', codec: u16 },
]);

/** The IFLA_BRIDGE_* table. */
export const bridgeAfSpecTable = new AttrTable<BridgeAfSpec>('IFLA_BRIDGE', [
  { id: IFLA_BRIDGE_FLAGS, name: 'flags', codec: u16 },
  { id: IFLA_BRIDGE_MODE, name: 'mode', codec: u16 },
  { id: IFLA_BRIDGE_VLAN_INFO, name: 'vlanInfo', codec: bridgeVlanInfo, multi: true },
  { id: IFLA_BRIDGE_VLAN_TUNNEL_INFO, name: 'vlanTunnelInfo', codec: nested(tunnelTable), multi: true },
]);

/**
 * One VLAN, or a range of them, of a port: an IFLA_BRIDGE_VLAN_INFO, or a RANGE_BEGIN/RANGE_END
 * pair of them (what the kernel sends for RTEXT_FILTER_BRVLAN_COMPRESSED).
 */
export interface BridgeVlan {
  vid: number;
  /** The last VLAN of a range. */
  vidEnd?: number;
  /** BRIDGE_VLAN_INFO_PVID: untagged packets arriving get this VLAN. */
  pvid: boolean;
  /** BRIDGE_VLAN_INFO_UNTAGGED: sent untagged. */
  untagged: boolean;
  /** The BRIDGE_VLAN_INFO_* bits of the entry (a range's: its RANGE_END entry's). */
  flags: number;
}

/** One VLAN (or range) mapped to a tunnel id (or a range of them): IFLA_BRIDGE_VLAN_TUNNEL_INFO. */
export interface BridgeVlanTunnel {
  vid: number;
  vidEnd?: number;
  tunnelId: number;
  tunnelIdEnd?: number;
  /** The BRIDGE_VLAN_INFO_RANGE_* bits of the entry (a range's: its RANGE_END entry's). */
  flags: number;
}

/**
 * The VLANs of an IFLA_AF_SPEC in wire order, a RANGE_BEGIN entry joined to the RANGE_END entry
 * that follows it (an END without a BEGIN ranges from the last entry, as bridge reads it).
 */
export function bridgeVlans(spec: Readonly<BridgeAfSpec>): BridgeVlan[] {
  const out: BridgeVlan[] = [];
  let start = 0;
  for (const v of spec.vlanInfo ?? []) {
    if (!(v.flags & BRIDGE_VLAN_INFO_RANGE_END)) start = v.vid;
    if (v.flags & BRIDGE_VLAN_INFO_RANGE_BEGIN) continue;
    const e: BridgeVlan = { vid: start, pvid: (v.flags & BRIDGE_VLAN_INFO_PVID) !== 0, untagged: (v.flags & BRIDGE_VLAN_INFO_UNTAGGED) !== 0, flags: v.flags };
    if (start !== v.vid) e.vidEnd = v.vid;
    out.push(e);
  }
  return out;
}

/** The VLAN-to-tunnel map of an IFLA_AF_SPEC, ranges joined as in bridgeVlans; entries without a vid are skipped. */
export function bridgeVlanTunnels(spec: Readonly<BridgeAfSpec>): BridgeVlanTunnel[] {
  const out: BridgeVlanTunnel[] = [];
  let vid = 0;
  let id = 0;
  for (const t of spec.vlanTunnelInfo ?? []) {
    if (t.vid === undefined) continue;
    const flags = t.flags ?? 0;
    if (!(flags & BRIDGE_VLAN_INFO_RANGE_END)) {
      vid = t.vid;
      id = t.id ?? 0;
    }
    if (flags & BRIDGE_VLAN_INFO_RANGE_BEGIN) continue;
    const e: BridgeVlanTunnel = { vid, tunnelId: id, flags };
    if (vid !== t.vid) e.vidEnd = t.vid;
    if (id !== (t.id ?? 0)) e.tunnelIdEnd = t.id ?? 0;
    out.push(e);
  }
  return out;
}
