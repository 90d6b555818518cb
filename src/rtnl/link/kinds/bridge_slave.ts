/**
 * Slave kind "bridge" (net/bridge/br_netlink.c, br_port_fill_attrs): the IFLA_BRPORT_*
 * attributes of IFLA_INFO_SLAVE_DATA on a bridge port. On/off options stay the u8 numbers the
 * kernel sends; timers are clock_t (hundredths of a second).
 */
import { AttrTable, flag, u8, u16, u32, u64, type RawAttr } from '../../../netlink/index.js';
import { bridgeId, type BridgeId } from '../codecs.js';
import { tableKind, type KindCodec } from '../kind.js';

// BR_STATE_*: values of IFLA_BRPORT_STATE (<linux/if_bridge.h>).
export const BR_STATE_DISABLED = 0;
export const BR_STATE_LISTENING = 1;
export const BR_STATE_LEARNING = 2;
export const BR_STATE_FORWARDING = 3;
export const BR_STATE_BLOCKING = 4;

// IFLA_BRPORT_*: children of IFLA_INFO_SLAVE_DATA for slave kind "bridge"
export const IFLA_BRPORT_STATE = 1;
export const IFLA_BRPORT_PRIORITY = 2;
export const IFLA_BRPORT_COST = 3;
export const IFLA_BRPORT_MODE = 4;
export const IFLA_BRPORT_GUARD = 5;
export const IFLA_BRPORT_PROTECT = 6;
export const IFLA_BRPORT_FAST_LEAVE = 7;
export const IFLA_BRPORT_LEARNING = 8;
export const IFLA_BRPORT_UNICAST_FLOOD = 9;
export const IFLA_BRPORT_PROXYARP = 10;
export const IFLA_BRPORT_LEARNING_SYNC = 11;
export const IFLA_BRPORT_PROXYARP_WIFI = 12;
export const IFLA_BRPORT_ROOT_ID = 13;
export const IFLA_BRPORT_BRIDGE_ID = 14;
export const IFLA_BRPORT_DESIGNATED_PORT = 15;
export const IFLA_BRPORT_DESIGNATED_COST = 16;
export const IFLA_BRPORT_ID = 17;
export const IFLA_BRPORT_NO = 18;
export const IFLA_BRPORT_TOPOLOGY_CHANGE_ACK = 19;
export const IFLA_BRPORT_CONFIG_PENDING = 20;
export const IFLA_BRPORT_MESSAGE_AGE_TIMER = 21;
export const IFLA_BRPORT_FORWARD_DELAY_TIMER = 22;
export const IFLA_BRPORT_HOLD_TIMER = 23;
export const IFLA_BRPORT_FLUSH = 24;
export const IFLA_BRPORT_MULTICAST_ROUTER = 25;
export const IFLA_BRPORT_PAD = 26;
export const IFLA_BRPORT_MCAST_FLOOD = 27;
export const IFLA_BRPORT_MCAST_TO_UCAST = 28;
export const IFLA_BRPORT_VLAN_TUNNEL = 29;
export const IFLA_BRPORT_BCAST_FLOOD = 30;
export const IFLA_BRPORT_GROUP_FWD_MASK = 31;
export const IFLA_BRPORT_NEIGH_SUPPRESS = 32;
export const IFLA_BRPORT_ISOLATED = 33;
export const IFLA_BRPORT_BACKUP_PORT = 34;
export const IFLA_BRPORT_MRP_RING_OPEN = 35;
export const IFLA_BRPORT_MRP_IN_OPEN = 36;
export const IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT = 37;
export const IFLA_BRPORT_MCAST_EHT_HOSTS_CNT = 38;
export const IFLA_BRPORT_LOCKED = 39;
export const IFLA_BRPORT_MAB = 40;
export const IFLA_BRPORT_MCAST_N_GROUPS = 41;
export const IFLA_BRPORT_MCAST_MAX_GROUPS = 42;
export const IFLA_BRPORT_NEIGH_VLAN_SUPPRESS = 43;
export const IFLA_BRPORT_BACKUP_NHID = 44;
export const IFLA_BRPORT_NEIGH_FORWARD_GRAT = 45;

/** IFLA_INFO_SLAVE_DATA of a bridge port: one field per IFLA_BRPORT_* attribute, camelCase. */
export interface BridgePortInfo {
  /** BR_STATE_*: see bridgePortStateName. */
  state?: number;
  priority?: number;
  cost?: number;
  /** BRIDGE_MODE_HAIRPIN (1) or 0. */
  mode?: number;
  guard?: number;
  protect?: number;
  fastLeave?: number;
  learning?: number;
  unicastFlood?: number;
  proxyarp?: number;
  learningSync?: number;
  proxyarpWifi?: number;
  rootId?: BridgeId;
  bridgeId?: BridgeId;
  designatedPort?: number;
  designatedCost?: number;
  id?: number;
  no?: number;
  topologyChangeAck?: number;
  configPending?: number;
  messageAgeTimer?: bigint;
  forwardDelayTimer?: bigint;
  holdTimer?: bigint;
  /** IFLA_BRPORT_FLUSH: request only, flush the port's FDB entries. */
  flush?: true;
  multicastRouter?: number;
  mcastFlood?: number;
  mcastToUcast?: number;
  vlanTunnel?: number;
  bcastFlood?: number;
  groupFwdMask?: number;
  neighSuppress?: number;
  isolated?: number;
  /** ifindex of the backup port. */
  backupPort?: number;
  mrpRingOpen?: number;
  mrpInOpen?: number;
  mcastEhtHostsLimit?: number;
  mcastEhtHostsCnt?: number;
  locked?: number;
  mab?: number;
  mcastNGroups?: number;
  mcastMaxGroups?: number;
  neighVlanSuppress?: number;
  backupNhid?: number;
  neighForwardGrat?: number;
  unknown?: RawAttr[];
}

/** The IFLA_BRPORT_* attribute table. */
export const bridgePortTable = new AttrTable<BridgePortInfo>('IFLA_BRPORT', [
  { id: IFLA_BRPORT_STATE, name: 'state', codec: u8 },
  { id: IFLA_BRPORT_PRIORITY, name: 'priority', codec: u16 },
  { id: IFLA_BRPORT_COST, name: 'cost', codec: u32 },
  { id: IFLA_BRPORT_MODE, name: 'mode', codec: u8 },
  { id: IFLA_BRPORT_GUARD, name: 'guard', codec: u8 },
  { id: IFLA_BRPORT_PROTECT, name: 'protect', codec: u8 },
  { id: IFLA_BRPORT_FAST_LEAVE, name: 'fastLeave', codec: u8 },
  { id: IFLA_BRPORT_LEARNING, name: 'learning', codec: u8 },
  { id: IFLA_BRPORT_UNICAST_FLOOD, name: 'unicastFlood', codec: u8 },
  { id: IFLA_BRPORT_PROXYARP, name: 'proxyarp', codec: u8 },
  { id: IFLA_BRPORT_LEARNING_SYNC, name: 'learningSync', codec: u8 },
  { id: IFLA_BRPORT_PROXYARP_WIFI, name: 'proxyarpWifi', codec: u8 },
  { id: IFLA_BRPORT_ROOT_ID, name: 'rootId', codec: bridgeId },
  { id: IFLA_BRPORT_BRIDGE_ID, name: 'bridgeId', codec: bridgeId },
  { id: IFLA_BRPORT_DESIGNATED_PORT, name: 'designatedPort', codec: u16 },
  { id: IFLA_BRPORT_DESIGNATED_COST, name: 'designatedCost', codec: u16 },
  { id: IFLA_BRPORT_ID, name: 'id', codec: u16 },
  { id: IFLA_BRPORT_NO, name: 'no', codec: u16 },
  { id: IFLA_BRPORT_TOPOLOGY_CHANGE_ACK, name: 'topologyChangeAck', codec: u8 },
  { id: IFLA_BRPORT_CONFIG_PENDING, name: 'configPending', codec: u8 },
  { id: IFLA_BRPORT_MESSAGE_AGE_TIMER, name: 'messageAgeTimer', codec: u64 },
  { id: IFLA_BRPORT_FORWARD_DELAY_TIMER, name: 'forwardDelayTimer', codec: u64 },
  { id: IFLA_BRPORT_HOLD_TIMER, name: 'holdTimer', codec: u64 },
  { id: IFLA_BRPORT_FLUSH, name: 'flush', codec: flag },
  { id: IFLA_BRPORT_MULTICAST_ROUTER, name: 'multicastRouter', codec: u8 },
  { id: IFLA_BRPORT_MCAST_FLOOD, name: 'mcastFlood', codec: u8 },
  { id: IFLA_BRPORT_MCAST_TO_UCAST, name: 'mcastToUcast', codec: u8 },
  { id: IFLA_BRPORT_VLAN_TUNNEL, name: 'vlanTunnel', codec: u8 },
  { id: IFLA_BRPORT_BCAST_FLOOD, name: 'bcastFlood', codec: u8 },
  { id: IFLA_BRPORT_GROUP_FWD_MASK, name: 'groupFwdMask', codec: u16 },
  { id: IFLA_BRPORT_NEIGH_SUPPRESS, name: 'neighSuppress', codec: u8 },
  { id: IFLA_BRPORT_ISOLATED, name: 'isolated', codec: u8 },
  { id: IFLA_BRPORT_BACKUP_PORT, name: 'backupPort', codec: u32 },
  { id: IFLA_BRPORT_MRP_RING_OPEN, name: 'mrpRingOpen', codec: u8 },
  { id: IFLA_BRPORT_MRP_IN_OPEN, name: 'mrpInOpen', codec: u8 },
  { id: IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT, name: 'mcastEhtHostsLimit', codec: u32 },
  { id: IFLA_BRPORT_MCAST_EHT_HOSTS_CNT, name: 'mcastEhtHostsCnt', codec: u32 },
  { id: IFLA_BRPORT_LOCKED, name: 'locked', codec: u8 },
  { id: IFLA_BRPORT_MAB, name: 'mab', codec: u8 },
  { id: IFLA_BRPORT_MCAST_N_GROUPS, name: 'mcastNGroups', codec: u32 },
  { id: IFLA_BRPORT_MCAST_MAX_GROUPS, name: 'mcastMaxGroups', codec: u32 },
  { id: IFLA_BRPORT_NEIGH_VLAN_SUPPRESS, name: 'neighVlanSuppress', codec: u8 },
  { id: IFLA_BRPORT_BACKUP_NHID, name: 'backupNhid', codec: u32 },
  { id: IFLA_BRPORT_NEIGH_FORWARD_GRAT, name: 'neighForwardGrat', codec: u8 },
]);

/** The codec of a bridge port's IFLA_INFO_SLAVE_DATA. */
export const bridgeSlaveKind: KindCodec<BridgePortInfo> = tableKind(bridgePortTable);

const PORT_STATES = ['disabled', 'listening', 'learning', 'forwarding', 'blocking'] as const;

/** iproute2's word for a BR_STATE_* value ('forwarding'); unknown values stay numbers. */
export function bridgePortStateName(state: number): string | number {
  return PORT_STATES[state] ?? state;
}

/** BR_STATE_* value of iproute2's word, or undefined. */
export function bridgePortStateValue(name: string): number | undefined {
  const i = (PORT_STATES as readonly string[]).indexOf(name);
  return i < 0 ? undefined : i;
}
