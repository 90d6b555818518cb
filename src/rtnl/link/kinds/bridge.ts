/**
 * Kind "bridge" (net/bridge/br_netlink.c): IFLA_BR_* attributes of IFLA_INFO_DATA. Times
 * (delays, intervals, timers) are the kernel's clock_t values, hundredths of a second
 * (USER_HZ = 100): forwardDelay 1500 is 15 s. Flags such as stpState or vlanFiltering stay the
 * numbers the kernel sends.
 */
import { AttrTable, flag, nested, u8, u16, u32, u64, be16, type RawAttr } from '../../../netlink/index.js';
import { lladdr } from '../../common.js';
import {
  bridgeId, brBoolOptMulti, in6Addr, inAddr, type BridgeId, type BrBoolOptMulti,
} from '../codecs.js';
import { tableKind, type KindCodec } from '../kind.js';

// IFLA_BR_*: children of IFLA_INFO_DATA for kind "bridge"
export const IFLA_BR_FORWARD_DELAY = 1;
export const IFLA_BR_HELLO_TIME = 2;
export const IFLA_BR_MAX_AGE = 3;
export const IFLA_BR_AGEING_TIME = 4;
export const IFLA_BR_STP_STATE = 5;
export const IFLA_BR_PRIORITY = 6;
export const IFLA_BR_VLAN_FILTERING = 7;
export const IFLA_BR_VLAN_PROTOCOL = 8;
export const IFLA_BR_GROUP_FWD_MASK = 9;
export const IFLA_BR_ROOT_ID = 10;
export const IFLA_BR_BRIDGE_ID = 11;
export const IFLA_BR_ROOT_PORT = 12;
export const IFLA_BR_ROOT_PATH_COST = 13;
export const IFLA_BR_TOPOLOGY_CHANGE = 14;
export const IFLA_BR_TOPOLOGY_CHANGE_DETECTED = 15;
export const IFLA_BR_HELLO_TIMER = 16;
export const IFLA_BR_TCN_TIMER = 17;
export const IFLA_BR_TOPOLOGY_CHANGE_TIMER = 18;
export const IFLA_BR_GC_TIMER = 19;
export const IFLA_BR_GROUP_ADDR = 20;
export const IFLA_BR_FDB_FLUSH = 21;
export const IFLA_BR_MCAST_ROUTER = 22;
export const IFLA_BR_MCAST_SNOOPING = 23;
export const IFLA_BR_MCAST_QUERY_USE_IFADDR = 24;
export const IFLA_BR_MCAST_QUERIER = 25;
export const IFLA_BR_MCAST_HASH_ELASTICITY = 26;
export const IFLA_BR_MCAST_HASH_MAX = 27;
export const IFLA_BR_MCAST_LAST_MEMBER_CNT = 28;
export const IFLA_BR_MCAST_STARTUP_QUERY_CNT = 29;
export const IFLA_BR_MCAST_LAST_MEMBER_INTVL = 30;
export const IFLA_BR_MCAST_MEMBERSHIP_INTVL = 31;
export const IFLA_BR_MCAST_QUERIER_INTVL = 32;
export const IFLA_BR_MCAST_QUERY_INTVL = 33;
export const IFLA_BR_MCAST_QUERY_RESPONSE_INTVL = 34;
export const IFLA_BR_MCAST_STARTUP_QUERY_INTVL = 35;
export const IFLA_BR_NF_CALL_IPTABLES = 36;
export const IFLA_BR_NF_CALL_IP6TABLES = 37;
export const IFLA_BR_NF_CALL_ARPTABLES = 38;
export const IFLA_BR_VLAN_DEFAULT_PVID = 39;
export const IFLA_BR_PAD = 40;
export const IFLA_BR_VLAN_STATS_ENABLED = 41;
export const IFLA_BR_MCAST_STATS_ENABLED = 42;
export const IFLA_BR_MCAST_IGMP_VERSION = 43;
export const IFLA_BR_MCAST_MLD_VERSION = 44;
export const IFLA_BR_VLAN_STATS_PER_PORT = 45;
export const IFLA_BR_MULTI_BOOLOPT = 46;
export const IFLA_BR_MCAST_QUERIER_STATE = 47;
export const IFLA_BR_FDB_N_LEARNED = 48;
export const IFLA_BR_FDB_MAX_LEARNED = 49;
export const IFLA_BR_STP_MODE = 50;

// enum br_stp_mode: values of IFLA_BR_STP_MODE
export const BR_STP_MODE_AUTO = 0;
export const BR_STP_MODE_USER = 1;
export const BR_STP_MODE_KERNEL = 2;

// enum br_boolopt_id (<linux/if_bridge.h>): bit numbers of struct br_boolopt_multi
export const BR_BOOLOPT_NO_LL_LEARN = 0;
export const BR_BOOLOPT_MCAST_VLAN_SNOOPING = 1;
export const BR_BOOLOPT_MST_ENABLE = 2;
export const BR_BOOLOPT_MDB_OFFLOAD_FAIL_NOTIFICATION = 3;
export const BR_BOOLOPT_FDB_LOCAL_VLAN_0 = 4;

// BRIDGE_QUERIER_* (<linux/if_bridge.h>): children of IFLA_BR_MCAST_QUERIER_STATE
export const BRIDGE_QUERIER_IP_ADDRESS = 1;
export const BRIDGE_QUERIER_IP_PORT = 2;
export const BRIDGE_QUERIER_IP_OTHER_TIMER = 3;
export const BRIDGE_QUERIER_PAD = 4;
export const BRIDGE_QUERIER_IPV6_ADDRESS = 5;
export const BRIDGE_QUERIER_IPV6_PORT = 6;
export const BRIDGE_QUERIER_IPV6_OTHER_TIMER = 7;

/** IFLA_BR_MCAST_QUERIER_STATE: the elected IGMP/MLD querier (BRIDGE_QUERIER_*), read only. */
export interface BridgeQuerierState {
  ipAddress?: string;
  ipPort?: number;
  ipOtherTimer?: bigint;
  ipv6Address?: string;
  ipv6Port?: number;
  ipv6OtherTimer?: bigint;
  unknown?: RawAttr[];
}

const querierTable = new AttrTable<BridgeQuerierState>('BRIDGE_QUERIER', [
  { id: BRIDGE_QUERIER_IP_ADDRESS, name: 'ipAddress', codec: inAddr },
  { id: BRIDGE_QUERIER_IP_PORT, name: 'ipPort', codec: u32 },
  { id: BRIDGE_QUERIER_IP_OTHER_TIMER, name: 'ipOtherTimer', codec: u64 },
  { id: BRIDGE_QUERIER_IPV6_ADDRESS, name: 'ipv6Address', codec: in6Addr },
  { id: BRIDGE_QUERIER_IPV6_PORT, name: 'ipv6Port', codec: u32 },
  { id: BRIDGE_QUERIER_IPV6_OTHER_TIMER, name: 'ipv6OtherTimer', codec: u64 },
]);

/** IFLA_INFO_DATA of a bridge: one field per IFLA_BR_* attribute, camelCase. */
export interface BridgeInfo {
  forwardDelay?: number;
  helloTime?: number;
  maxAge?: number;
  ageingTime?: number;
  stpState?: number;
  priority?: number;
  vlanFiltering?: number;
  /** Network order on the wire; 0x8100 (802.1Q) or 0x88a8 (802.1ad). */
  vlanProtocol?: number;
  groupFwdMask?: number;
  rootId?: BridgeId;
  bridgeId?: BridgeId;
  rootPort?: number;
  rootPathCost?: number;
  topologyChange?: number;
  topologyChangeDetected?: number;
  helloTimer?: bigint;
  tcnTimer?: bigint;
  topologyChangeTimer?: bigint;
  gcTimer?: bigint;
  groupAddr?: string;
  /** IFLA_BR_FDB_FLUSH: request only, flush the dynamic FDB entries. */
  fdbFlush?: true;
  mcastRouter?: number;
  mcastSnooping?: number;
  mcastQueryUseIfaddr?: number;
  mcastQuerier?: number;
  mcastHashElasticity?: number;
  mcastHashMax?: number;
  mcastLastMemberCnt?: number;
  mcastStartupQueryCnt?: number;
  mcastLastMemberIntvl?: bigint;
  mcastMembershipIntvl?: bigint;
  mcastQuerierIntvl?: bigint;
  mcastQueryIntvl?: bigint;
  mcastQueryResponseIntvl?: bigint;
  mcastStartupQueryIntvl?: bigint;
  nfCallIptables?: number;
  nfCallIp6tables?: number;
  nfCallArptables?: number;
  vlanDefaultPvid?: number;
  vlanStatsEnabled?: number;
  mcastStatsEnabled?: number;
  mcastIgmpVersion?: number;
  mcastMldVersion?: number;
  vlanStatsPerPort?: number;
  /** struct br_boolopt_multi: bit BR_BOOLOPT_* of optval, optmask says which are set. */
  multiBoolopt?: BrBoolOptMulti;
  mcastQuerierState?: BridgeQuerierState;
  fdbNLearned?: number;
  fdbMaxLearned?: number;
  /** enum br_stp_mode (BR_STP_MODE_*). */
  stpMode?: number;
  unknown?: RawAttr[];
}

/** The IFLA_BR_* attribute table. */
export const bridgeTable = new AttrTable<BridgeInfo>('IFLA_BR', [
  { id: IFLA_BR_FORWARD_DELAY, name: 'forwardDelay', codec: u32 },
  { id: IFLA_BR_HELLO_TIME, name: 'helloTime', codec: u32 },
  { id: IFLA_BR_MAX_AGE, name: 'maxAge', codec: u32 },
  { id: IFLA_BR_AGEING_TIME, name: 'ageingTime', codec: u32 },
  { id: IFLA_BR_STP_STATE, name: 'stpState', codec: u32 },
  { id: IFLA_BR_PRIORITY, name: 'priority', codec: u16 },
  { id: IFLA_BR_VLAN_FILTERING, name: 'vlanFiltering', codec: u8 },
  { id: IFLA_BR_VLAN_PROTOCOL, name: 'vlanProtocol', codec: be16 },
  { id: IFLA_BR_GROUP_FWD_MASK, name: 'groupFwdMask', codec: u16 },
  { id: IFLA_BR_ROOT_ID, name: 'rootId', codec: bridgeId },
  { id: IFLA_BR_BRIDGE_ID, name: 'bridgeId', codec: bridgeId },
  { id: IFLA_BR_ROOT_PORT, name: 'rootPort', codec: u16 },
  { id: IFLA_BR_ROOT_PATH_COST, name: 'rootPathCost', codec: u32 },
  { id: IFLA_BR_TOPOLOGY_CHANGE, name: 'topologyChange', codec: u8 },
  { id: IFLA_BR_TOPOLOGY_CHANGE_DETECTED, name: 'topologyChangeDetected', codec: u8 },
  { id: IFLA_BR_HELLO_TIMER, name: 'helloTimer', codec: u64 },
  { id: IFLA_BR_TCN_TIMER, name: 'tcnTimer', codec: u64 },
  { id: IFLA_BR_TOPOLOGY_CHANGE_TIMER, name: 'topologyChangeTimer', codec: u64 },
  { id: IFLA_BR_GC_TIMER, name: 'gcTimer', codec: u64 },
  { id: IFLA_BR_GROUP_ADDR, name: 'groupAddr', codec: lladdr },
  { id: IFLA_BR_FDB_FLUSH, name: 'fdbFlush', codec: flag },
  { id: IFLA_BR_MCAST_ROUTER, name: 'mcastRouter', codec: u8 },
  { id: IFLA_BR_MCAST_SNOOPING, name: 'mcastSnooping', codec: u8 },
  { id: IFLA_BR_MCAST_QUERY_USE_IFADDR, name: 'mcastQueryUseIfaddr', codec: u8 },
  { id: IFLA_BR_MCAST_QUERIER, name: 'mcastQuerier', codec: u8 },
  { id: IFLA_BR_MCAST_HASH_ELASTICITY, name: 'mcastHashElasticity', codec: u32 },
  { id: IFLA_BR_MCAST_HASH_MAX, name: 'mcastHashMax', codec: u32 },
  { id: IFLA_BR_MCAST_LAST_MEMBER_CNT, name: 'mcastLastMemberCnt', codec: u32 },
  { id: IFLA_BR_MCAST_STARTUP_QUERY_CNT, name: 'mcastStartupQueryCnt', codec: u32 },
  { id: IFLA_BR_MCAST_LAST_MEMBER_INTVL, name: 'mcastLastMemberIntvl', codec: u64 },
  { id: IFLA_BR_MCAST_MEMBERSHIP_INTVL, name: 'mcastMembershipIntvl', codec: u64 },
  { id: IFLA_BR_MCAST_QUERIER_INTVL, name: 'mcastQuerierIntvl', codec: u64 },
  { id: IFLA_BR_MCAST_QUERY_INTVL, name: 'mcastQueryIntvl', codec: u64 },
  { id: IFLA_BR_MCAST_QUERY_RESPONSE_INTVL, name: 'mcastQueryResponseIntvl', codec: u64 },
  { id: IFLA_BR_MCAST_STARTUP_QUERY_INTVL, name: 'mcastStartupQueryIntvl', codec: u64 },
  { id: IFLA_BR_NF_CALL_IPTABLES, name: 'nfCallIptables', codec: u8 },
  { id: IFLA_BR_NF_CALL_IP6TABLES, name: 'nfCallIp6tables', codec: u8 },
  { id: IFLA_BR_NF_CALL_ARPTABLES, name: 'nfCallArptables', codec: u8 },
  { id: IFLA_BR_VLAN_DEFAULT_PVID, name: 'vlanDefaultPvid', codec: u16 },
  { id: IFLA_BR_VLAN_STATS_ENABLED, name: 'vlanStatsEnabled', codec: u8 },
  { id: IFLA_BR_MCAST_STATS_ENABLED, name: 'mcastStatsEnabled', codec: u8 },
  { id: IFLA_BR_MCAST_IGMP_VERSION, name: 'mcastIgmpVersion', codec: u8 },
  { id: IFLA_BR_MCAST_MLD_VERSION, name: 'mcastMldVersion', codec: u8 },
  { id: IFLA_BR_VLAN_STATS_PER_PORT, name: 'vlanStatsPerPort', codec: u8 },
  { id: IFLA_BR_MULTI_BOOLOPT, name: 'multiBoolopt', codec: brBoolOptMulti },
  { id: IFLA_BR_MCAST_QUERIER_STATE, name: 'mcastQuerierState', codec: nested(querierTable), nestedFlag: true },
  { id: IFLA_BR_FDB_N_LEARNED, name: 'fdbNLearned', codec: u32 },
  { id: IFLA_BR_FDB_MAX_LEARNED, name: 'fdbMaxLearned', codec: u32 },
  { id: IFLA_BR_STP_MODE, name: 'stpMode', codec: u32 },
]);

/** The codec of bridge's IFLA_INFO_DATA. */
export const bridgeKind: KindCodec<BridgeInfo> = tableKind(bridgeTable);

/**
 * iproute2's text for a bridge id (br_dump_bridge_id): the priority as 4 hex digits, a dot, and
 * the MAC as ether_ntoa writes it, without zero padding: "8000.2:0:a:bb:cc:d".
 */
export function bridgeIdToString(id: BridgeId): string {
  const mac = id.address.split(':').map((h) => parseInt(h, 16).toString(16)).join(':');
  return `${id.priority.toString(16).padStart(4, '0')}.${mac}`;
}
