/**
 * Bridge constants of <linux/if_bridge.h> and <linux/rtnetlink.h> that the AF_BRIDGE link,
 * neighbour and mdb messages use, named and numbered as in the kernel.
 */

// IFLA_BRIDGE_*: children of IFLA_AF_SPEC in messages of family AF_BRIDGE.
export const IFLA_BRIDGE_FLAGS = 0;
export const IFLA_BRIDGE_MODE = 1;
export const IFLA_BRIDGE_VLAN_INFO = 2;
export const IFLA_BRIDGE_VLAN_TUNNEL_INFO = 3;
export const IFLA_BRIDGE_MRP = 4;
export const IFLA_BRIDGE_CFM = 5;
export const IFLA_BRIDGE_MST = 6;

/** IFLA_BRIDGE_FLAGS bits: whom a request is for. */
export const BRIDGE_FLAGS_MASTER = 1;
export const BRIDGE_FLAGS_SELF = 2;

/** IFLA_BRIDGE_MODE values (the hardware mode, `hwmode`). */
export const BRIDGE_MODE_VEB = 0;
export const BRIDGE_MODE_VEPA = 1;

// struct bridge_vlan_info flags.
export const BRIDGE_VLAN_INFO_MASTER = 1 << 0;
export const BRIDGE_VLAN_INFO_PVID = 1 << 1;
export const BRIDGE_VLAN_INFO_UNTAGGED = 1 << 2;
export const BRIDGE_VLAN_INFO_RANGE_BEGIN = 1 << 3;
export const BRIDGE_VLAN_INFO_RANGE_END = 1 << 4;
export const BRIDGE_VLAN_INFO_BRENTRY = 1 << 5;
export const BRIDGE_VLAN_INFO_ONLY_OPTS = 1 << 6;

// IFLA_BRIDGE_VLAN_TUNNEL_*: children of IFLA_BRIDGE_VLAN_TUNNEL_INFO.
export const IFLA_BRIDGE_VLAN_TUNNEL_ID = 1;
export const IFLA_BRIDGE_VLAN_TUNNEL_VID = 2;
export const IFLA_BRIDGE_VLAN_TUNNEL_FLAGS = 3;
