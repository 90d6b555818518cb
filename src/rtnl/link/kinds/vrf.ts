/**
 * Kind "vrf" (drivers/net/vrf.c, vrf_fillinfo, vrf_fill_slave_info): IFLA_VRF_* of IFLA_INFO_DATA
 * on the VRF device, and IFLA_VRF_PORT_* of IFLA_INFO_SLAVE_DATA on a device enslaved to it.
 */
import { AttrTable, u32, type RawAttr } from '../../../netlink/index.js';
import { tableKind, type KindCodec } from '../kind.js';

// IFLA_VRF_*: children of IFLA_INFO_DATA for kind "vrf"
export const IFLA_VRF_TABLE = 1;

// IFLA_VRF_PORT_*: children of IFLA_INFO_SLAVE_DATA for slave kind "vrf"
export const IFLA_VRF_PORT_TABLE = 1;

/** IFLA_INFO_DATA of a vrf. */
export interface VrfInfo {
  /** The routing table the VRF uses. */
  table?: number;
  unknown?: RawAttr[];
}

/** IFLA_INFO_SLAVE_DATA of a VRF's port. */
export interface VrfPortInfo {
  /** The routing table of the VRF the device belongs to. */
  table?: number;
  unknown?: RawAttr[];
}

/** The IFLA_VRF_* attribute table. */
export const vrfTable = new AttrTable<VrfInfo>('IFLA_VRF', [{ id: IFLA_VRF_TABLE, name: 'table', codec: u32 }]);

/** The IFLA_VRF_PORT_* attribute table. */
export const vrfPortTable = new AttrTable<VrfPortInfo>('IFLA_VRF_PORT', [{ id: IFLA_VRF_PORT_TABLE, name: 'table', codec: u32 }]);

/** The codec of vrf's IFLA_INFO_DATA. */
export const vrfKind: KindCodec<VrfInfo> = tableKind(vrfTable);

/** The codec of a VRF port's IFLA_INFO_SLAVE_DATA. */
export const vrfSlaveKind: KindCodec<VrfPortInfo> = tableKind(vrfPortTable);
