/**
 * Kind "vlan" (net/8021q/vlan_netlink.c, vlan_fill_info; <linux/if_link.h>, <linux/if_vlan.h>):
 * the IFLA_VLAN_* attributes of IFLA_INFO_DATA. The lower device is IFLA_LINK of the link
 * itself, not part of this data.
 */
import { AttrTable, be16, nested, structCodec, u16, type RawAttr } from '../../../netlink/index.js';
import { tableKind, type KindCodec } from '../kind.js';

// IFLA_VLAN_*: children of IFLA_INFO_DATA for kind "vlan".
export const IFLA_VLAN_ID = 1;
export const IFLA_VLAN_FLAGS = 2;
export const IFLA_VLAN_EGRESS_QOS = 3;
export const IFLA_VLAN_INGRESS_QOS = 4;
export const IFLA_VLAN_PROTOCOL = 5;

// IFLA_VLAN_QOS_*: children of IFLA_VLAN_EGRESS_QOS / IFLA_VLAN_INGRESS_QOS.
export const IFLA_VLAN_QOS_MAPPING = 1;

// VLAN_FLAG_*: bits of struct ifla_vlan_flags (enum vlan_flags, <linux/if_vlan.h>).
export const VLAN_FLAG_REORDER_HDR = 0x1;
export const VLAN_FLAG_GVRP = 0x2;
export const VLAN_FLAG_LOOSE_BINDING = 0x4;
export const VLAN_FLAG_MVRP = 0x8;
export const VLAN_FLAG_BRIDGE_BINDING = 0x10;

/** struct ifla_vlan_flags: the bits in `flags` that `mask` selects are set or cleared. */
export interface VlanFlags {
  flags: number;
  mask: number;
}

/** struct ifla_vlan_qos_mapping: skb priority `from` <-> VLAN PCP `to` (or the reverse). */
export interface VlanQosMapping {
  from: number;
  to: number;
}

/** IFLA_VLAN_EGRESS_QOS / IFLA_VLAN_INGRESS_QOS: one IFLA_VLAN_QOS_MAPPING each. */
export interface VlanQos {
  mapping?: VlanQosMapping[];
  unknown?: RawAttr[];
}

/** IFLA_INFO_DATA of a vlan: one field per IFLA_VLAN_* attribute. */
export interface VlanInfo {
  /** The VLAN id, 0-4094. */
  id?: number;
  flags?: VlanFlags;
  egressQos?: VlanQos;
  ingressQos?: VlanQos;
  /** ETH_P_8021Q (0x8100) or ETH_P_8021AD (0x88a8); network order on the wire. */
  protocol?: number;
  unknown?: RawAttr[];
}

const qosTable = new AttrTable<VlanQos>('IFLA_VLAN_QOS', [
  { id: IFLA_VLAN_QOS_MAPPING, name: 'mapping', codec: structCodec<VlanQosMapping>([['from', 'u32'], ['to', 'u32']]), multi: true },
]);

/** The IFLA_VLAN_* attribute table. */
export const vlanTable = new AttrTable<VlanInfo>('IFLA_VLAN', [
  { id: IFLA_VLAN_ID, name: 'id', codec: u16 },
  { id: IFLA_VLAN_FLAGS, name: 'flags', codec: structCodec<VlanFlags>([['flags', 'u32'], ['mask', 'u32']]) },
  { id: IFLA_VLAN_EGRESS_QOS, name: 'egressQos', codec: nested(qosTable) },
  { id: IFLA_VLAN_INGRESS_QOS, name: 'ingressQos', codec: nested(qosTable) },
  { id: IFLA_VLAN_PROTOCOL, name: 'protocol', codec: be16 },
]);

/** The codec of vlan's IFLA_INFO_DATA. */
export const vlanKind: KindCodec<VlanInfo> = tableKind(vlanTable);
