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
  IFLA_BRIDGE_VLAN_TUNNEL_INFO, IFLA_BRIDGE_VLAN_TUNNEL_VID,
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
