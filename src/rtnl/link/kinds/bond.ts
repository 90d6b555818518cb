/**
 * Kind "bond" (drivers/net/bonding/bond_netlink.c, bond_fill_info): the IFLA_BOND_* attributes of
 * IFLA_INFO_DATA. Enums (mode, arp_validate, xmit_hash_policy, ...) stay the kernel's numbers;
 * bondModeName and friends give iproute2's words. Devices (active slave, primary) are ifindexes.
 */
import { AttrTable, codecAt, nested, readAttrs, u8, u16, u32, type AttrCodec, type RawAttr } from '../../../netlink/index.js';
import { lladdr } from '../../common.js';
import { in6Addr, inAddr } from '../codecs.js';
import { tableKind, type KindCodec } from '../kind.js';

// IFLA_BOND_*: children of IFLA_INFO_DATA for kind "bond"
export const IFLA_BOND_MODE = 1;
export const IFLA_BOND_ACTIVE_SLAVE = 2;
export const IFLA_BOND_MIIMON = 3;
export const IFLA_BOND_UPDELAY = 4;
export const IFLA_BOND_DOWNDELAY = 5;
export const IFLA_BOND_USE_CARRIER = 6;
export const IFLA_BOND_ARP_INTERVAL = 7;
export const IFLA_BOND_ARP_IP_TARGET = 8;
export const IFLA_BOND_ARP_VALIDATE = 9;
export const IFLA_BOND_ARP_ALL_TARGETS = 10;
export const IFLA_BOND_PRIMARY = 11;
export const IFLA_BOND_PRIMARY_RESELECT = 12;
export const IFLA_BOND_FAIL_OVER_MAC = 13;
export const IFLA_BOND_XMIT_HASH_POLICY = 14;
export const IFLA_BOND_RESEND_IGMP = 15;
export const IFLA_BOND_NUM_PEER_NOTIF = 16;
export const IFLA_BOND_ALL_SLAVES_ACTIVE = 17;
export const IFLA_BOND_MIN_LINKS = 18;
export const IFLA_BOND_LP_INTERVAL = 19;
export const IFLA_BOND_PACKETS_PER_SLAVE = 20;
export const IFLA_BOND_AD_LACP_RATE = 21;
export const IFLA_BOND_AD_SELECT = 22;
export const IFLA_BOND_AD_INFO = 23;
export const IFLA_BOND_AD_ACTOR_SYS_PRIO = 24;
export const IFLA_BOND_AD_USER_PORT_KEY = 25;
export const IFLA_BOND_AD_ACTOR_SYSTEM = 26;
export const IFLA_BOND_TLB_DYNAMIC_LB = 27;
export const IFLA_BOND_PEER_NOTIF_DELAY = 28;
export const IFLA_BOND_AD_LACP_ACTIVE = 29;
export const IFLA_BOND_MISSED_MAX = 30;
export const IFLA_BOND_NS_IP6_TARGET = 31;
export const IFLA_BOND_COUPLED_CONTROL = 32;

// IFLA_BOND_AD_INFO_*: children of IFLA_BOND_AD_INFO (802.3ad state, read only)
export const IFLA_BOND_AD_INFO_AGGREGATOR = 1;
export const IFLA_BOND_AD_INFO_NUM_PORTS = 2;
export const IFLA_BOND_AD_INFO_ACTOR_KEY = 3;
export const IFLA_BOND_AD_INFO_PARTNER_KEY = 4;
export const IFLA_BOND_AD_INFO_PARTNER_MAC = 5;

// BOND_MODE_* (<linux/if_bonding.h>): values of IFLA_BOND_MODE
export const BOND_MODE_ROUNDROBIN = 0;
export const BOND_MODE_ACTIVEBACKUP = 1;
export const BOND_MODE_XOR = 2;
export const BOND_MODE_BROADCAST = 3;
export const BOND_MODE_8023AD = 4;
export const BOND_MODE_TLB = 5;
export const BOND_MODE_ALB = 6;

/** BOND_MAX_ARP_TARGETS (include/net/bonding.h): at most this many ARP and NS targets. */
export const BOND_MAX_ARP_TARGETS = 16;

/**
 * A list of addresses nested as attributes numbered 0, 1, ... (IFLA_BOND_ARP_IP_TARGET,
 * IFLA_BOND_NS_IP6_TARGET); decoded in wire order.
 */
function targetList(addr: AttrCodec<string>): AttrCodec<string[]> {
  return codecAt<string[]>(
    (b, o, len, name) => readAttrs(b, o, o + len).map((a) => addr.decode(a.data, name)),
    (w, t, v) => { w.nested(t, () => { v.forEach((a, i) => addr.encode(w, i, a)); }); },
  );
}

/** IFLA_BOND_AD_INFO: the active 802.3ad aggregator, read only. */
export interface BondAdInfo {
  aggregator?: number;
  numPorts?: number;
  actorKey?: number;
  partnerKey?: number;
  partnerMac?: string;
  unknown?: RawAttr[];
}

const adInfoTable = new AttrTable<BondAdInfo>('IFLA_BOND_AD_INFO', [
  { id: IFLA_BOND_AD_INFO_AGGREGATOR, name: 'aggregator', codec: u16 },
  { id: IFLA_BOND_AD_INFO_NUM_PORTS, name: 'numPorts', codec: u16 },
  { id: IFLA_BOND_AD_INFO_ACTOR_KEY, name: 'actorKey', codec: u16 },
  { id: IFLA_BOND_AD_INFO_PARTNER_KEY, name: 'partnerKey', codec: u16 },
  { id: IFLA_BOND_AD_INFO_PARTNER_MAC, name: 'partnerMac', codec: lladdr },
]);

/** IFLA_INFO_DATA of a bond: one field per IFLA_BOND_* attribute, camelCase. */
export interface BondInfo {
  /** BOND_MODE_*: see bondModeName. */
  mode?: number;
  /** ifindex of the active slave (0: none). */
  activeSlave?: number;
  miimon?: number;
  updelay?: number;
  downdelay?: number;
  useCarrier?: number;
  arpInterval?: number;
  /** IPv4 ARP targets, in order. */
  arpIpTarget?: string[];
  /** arp_validate as a number (iproute2's table: none, active, backup, all, filter, ...). */
  arpValidate?: number;
  arpAllTargets?: number;
  /** ifindex of the primary slave (0: none). */
  primary?: number;
  primaryReselect?: number;
  failOverMac?: number;
  xmitHashPolicy?: number;
  resendIgmp?: number;
  /** num_grat_arp / num_unsol_na. */
  numPeerNotif?: number;
  allSlavesActive?: number;
  minLinks?: number;
  lpInterval?: number;
  packetsPerSlave?: number;
  adLacpRate?: number;
  adSelect?: number;
  adInfo?: BondAdInfo;
  adActorSysPrio?: number;
  adUserPortKey?: number;
  adActorSystem?: string;
  tlbDynamicLb?: number;
  peerNotifDelay?: number;
  adLacpActive?: number;
  /** arp_missed_max. */
  missedMax?: number;
  /** IPv6 NS targets, in order. */
  nsIp6Target?: string[];
  coupledControl?: number;
  unknown?: RawAttr[];
}

/** The IFLA_BOND_* attribute table. */
export const bondTable = new AttrTable<BondInfo>('IFLA_BOND', [
  { id: IFLA_BOND_MODE, name: 'mode', codec: u8 },
  { id: IFLA_BOND_ACTIVE_SLAVE, name: 'activeSlave', codec: u32 },
  { id: IFLA_BOND_MIIMON, name: 'miimon', codec: u32 },
  { id: IFLA_BOND_UPDELAY, name: 'updelay', codec: u32 },
  { id: IFLA_BOND_DOWNDELAY, name: 'downdelay', codec: u32 },
  { id: IFLA_BOND_USE_CARRIER, name: 'useCarrier', codec: u8 },
  { id: IFLA_BOND_ARP_INTERVAL, name: 'arpInterval', codec: u32 },
  { id: IFLA_BOND_ARP_IP_TARGET, name: 'arpIpTarget', codec: targetList(inAddr) },
  { id: IFLA_BOND_ARP_VALIDATE, name: 'arpValidate', codec: u32 },
  { id: IFLA_BOND_ARP_ALL_TARGETS, name: 'arpAllTargets', codec: u32 },
  { id: IFLA_BOND_PRIMARY, name: 'primary', codec: u32 },
  { id: IFLA_BOND_PRIMARY_RESELECT, name: 'primaryReselect', codec: u8 },
  { id: IFLA_BOND_FAIL_OVER_MAC, name: 'failOverMac', codec: u8 },
  { id: IFLA_BOND_XMIT_HASH_POLICY, name: 'xmitHashPolicy', codec: u8 },
  { id: IFLA_BOND_RESEND_IGMP, name: 'resendIgmp', codec: u32 },
  { id: IFLA_BOND_NUM_PEER_NOTIF, name: 'numPeerNotif', codec: u8 },
  { id: IFLA_BOND_ALL_SLAVES_ACTIVE, name: 'allSlavesActive', codec: u8 },
  { id: IFLA_BOND_MIN_LINKS, name: 'minLinks', codec: u32 },
  { id: IFLA_BOND_LP_INTERVAL, name: 'lpInterval', codec: u32 },
  { id: IFLA_BOND_PACKETS_PER_SLAVE, name: 'packetsPerSlave', codec: u32 },
  { id: IFLA_BOND_AD_LACP_RATE, name: 'adLacpRate', codec: u8 },
  { id: IFLA_BOND_AD_SELECT, name: 'adSelect', codec: u8 },
  { id: IFLA_BOND_AD_INFO, name: 'adInfo', codec: nested(adInfoTable) },
  { id: IFLA_BOND_AD_ACTOR_SYS_PRIO, name: 'adActorSysPrio', codec: u16 },
  { id: IFLA_BOND_AD_USER_PORT_KEY, name: 'adUserPortKey', codec: u16 },
  { id: IFLA_BOND_AD_ACTOR_SYSTEM, name: 'adActorSystem', codec: lladdr },
  { id: IFLA_BOND_TLB_DYNAMIC_LB, name: 'tlbDynamicLb', codec: u8 },
  { id: IFLA_BOND_PEER_NOTIF_DELAY, name: 'peerNotifDelay', codec: u32 },
  { id: IFLA_BOND_AD_LACP_ACTIVE, name: 'adLacpActive', codec: u8 },
  { id: IFLA_BOND_MISSED_MAX, name: 'missedMax', codec: u8 },
  { id: IFLA_BOND_NS_IP6_TARGET, name: 'nsIp6Target', codec: targetList(in6Addr) },
  { id: IFLA_BOND_COUPLED_CONTROL, name: 'coupledControl', codec: u8 },
]);

/** The codec of bond's IFLA_INFO_DATA. */
export const bondKind: KindCodec<BondInfo> = tableKind(bondTable);

/** iproute2's words of each bond enum (iplink_bond.c's tables), index = the kernel's value. */
export const BOND_WORDS = {
  mode: ['balance-rr', 'active-backup', 'balance-xor', 'broadcast', '802.3ad', 'balance-tlb', 'balance-alb'],
  arpValidate: ['none', 'active', 'backup', 'all', 'filter', 'filter_active', 'filter_backup'],
  arpAllTargets: ['any', 'all'],
  primaryReselect: ['always', 'better', 'failure'],
  failOverMac: ['none', 'active', 'follow'],
  xmitHashPolicy: ['layer2', 'layer3+4', 'layer2+3', 'encap2+3', 'encap3+4', 'vlan+srcmac'],
  adLacpActive: ['off', 'on'],
  adLacpRate: ['slow', 'fast'],
  adSelect: ['stable', 'bandwidth', 'count'],
} as const;

/** iproute2's word for a bond enum value, "UNKNOWN" when it has none (get_name). */
export function bondWord(table: keyof typeof BOND_WORDS, value: number): string {
  return (BOND_WORDS[table] as readonly string[])[value] ?? 'UNKNOWN';
}
