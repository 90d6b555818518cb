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

// RTM_*MDB message types (<linux/rtnetlink.h>); their header is struct br_port_msg.
export const RTM_NEWMDB = 84;
export const RTM_DELMDB = 85;
export const RTM_GETMDB = 86;

// MDBA_*: the attributes of an RTM_*MDB dump or notification.
export const MDBA_MDB = 1;
export const MDBA_ROUTER = 2;
/** In MDBA_MDB: one per group. */
export const MDBA_MDB_ENTRY = 1;
/** In MDBA_MDB_ENTRY: struct br_mdb_entry followed by MDBA_MDB_EATTR_* attributes. */
export const MDBA_MDB_ENTRY_INFO = 1;
export const MDBA_MDB_EATTR_TIMER = 1;
export const MDBA_MDB_EATTR_SRC_LIST = 2;
export const MDBA_MDB_EATTR_GROUP_MODE = 3;
export const MDBA_MDB_EATTR_SOURCE = 4;
export const MDBA_MDB_EATTR_RTPROT = 5;
/** In MDBA_MDB_EATTR_SRC_LIST: one per source, holding MDBA_MDB_SRCATTR_*. */
export const MDBA_MDB_SRCLIST_ENTRY = 1;
export const MDBA_MDB_SRCATTR_ADDRESS = 1;
export const MDBA_MDB_SRCATTR_TIMER = 2;
/** In MDBA_ROUTER: a u32 port ifindex followed by MDBA_ROUTER_PATTR_* attributes. */
export const MDBA_ROUTER_PORT = 1;
export const MDBA_ROUTER_PATTR_TIMER = 1;
export const MDBA_ROUTER_PATTR_TYPE = 2;
// RTM_NEWMDB / RTM_DELMDB requests.
export const MDBA_SET_ENTRY = 1;
export const MDBA_SET_ENTRY_ATTRS = 2;
export const MDBE_ATTR_SOURCE = 1;

/** br_mdb_entry state. */
export const MDB_TEMPORARY = 0;
export const MDB_PERMANENT = 1;
/** br_mdb_entry flags. */
export const MDB_FLAGS_OFFLOAD = 1 << 0;
export const MDB_FLAGS_FAST_LEAVE = 1 << 1;
export const MDB_FLAGS_STAR_EXCL = 1 << 2;
export const MDB_FLAGS_BLOCKED = 1 << 3;
/** MDBA_ROUTER_PATTR_TYPE values (enum of MDB_RTR_TYPE_*). */
export const MDB_RTR_TYPE_DISABLED = 0;
export const MDB_RTR_TYPE_TEMP_QUERY = 1;
export const MDB_RTR_TYPE_PERM = 2;
export const MDB_RTR_TYPE_TEMP = 3;
/** MDBA_MDB_EATTR_GROUP_MODE values (<linux/in.h>). */
export const MCAST_EXCLUDE = 0;
export const MCAST_INCLUDE = 1;
/** br_mdb_entry addr.proto (big endian on the wire): ETH_P_IP, ETH_P_IPV6, or 0 for an L2 group. */
export const ETH_P_IP = 0x0800;
export const ETH_P_IPV6 = 0x86dd;

/** The rtnetlink multicast group of mdb changes (enum rtnetlink_groups). */
export const RTNLGRP_MDB = 26;

// RTM_*VLAN: the per-VLAN database of a bridge and its ports (header struct br_vlan_msg).
export const RTM_NEWVLAN = 112;
export const RTM_DELVLAN = 113;
export const RTM_GETVLAN = 114;
/** The rtnetlink multicast group of RTM_NEWVLAN / RTM_DELVLAN. */
export const RTNLGRP_BRVLAN = 33;
/** In an RTM_GETVLAN dump request: BRIDGE_VLANDB_DUMPF_* (u32). */
export const BRIDGE_VLANDB_DUMP_FLAGS = 1;
export const BRIDGE_VLANDB_DUMPF_STATS = 1 << 0;
export const BRIDGE_VLANDB_DUMPF_GLOBAL = 1 << 1;
export const BRIDGE_VLANDB_ENTRY = 1;
export const BRIDGE_VLANDB_GLOBAL_OPTIONS = 2;
// BRIDGE_VLANDB_ENTRY_*: children of BRIDGE_VLANDB_ENTRY.
export const BRIDGE_VLANDB_ENTRY_INFO = 1;
export const BRIDGE_VLANDB_ENTRY_RANGE = 2;
export const BRIDGE_VLANDB_ENTRY_STATE = 3;
export const BRIDGE_VLANDB_ENTRY_TUNNEL_INFO = 4;
export const BRIDGE_VLANDB_ENTRY_STATS = 5;
export const BRIDGE_VLANDB_ENTRY_MCAST_ROUTER = 6;
// BRIDGE_VLANDB_STATS_*: children of BRIDGE_VLANDB_ENTRY_STATS (u64).
export const BRIDGE_VLANDB_STATS_RX_BYTES = 1;
export const BRIDGE_VLANDB_STATS_RX_PACKETS = 2;
export const BRIDGE_VLANDB_STATS_TX_BYTES = 3;
export const BRIDGE_VLANDB_STATS_TX_PACKETS = 4;
