/**
 * The `-d` kind details of `ip link show` (the print_opt of ip/iplink_bridge.c,
 * iplink_bridge_slave.c, iplink_vxlan.c, iplink_macvlan.c): one printer per kind, field for
 * field in iproute2's order, each call rendering text or JSON. A kind listed here prints an
 * "info_data" object; kinds iproute2 has no printer for (veth, ifb) print only their name.
 */
import type {
  BridgeId, BridgeInfo, BridgePortInfo, MacvlanInfo, VxlanInfo,
} from '../rtnl/link/index.js';
import { sprintf } from './format.js';
import type { Names } from './names.js';
import type { Printer } from './printer.js';

type KindPrinter = (p: Printer, data: any, names: Names) => void;

/** br_dump_bridge_id: "8000.0:11:22:a:bb:c" (the MAC as ether_ntoa writes it, no zero padding). */
export function bridgeIdText(id: BridgeId): string {
  const mac = id.address.split(':').map((h) => parseInt(h, 16).toString(16)).join(':');
  return `${sprintf('%.2x%.2x', id.priority >> 8, id.priority & 0xff)}.${mac}`;
}

/** A timer in hundredths of a second: text "%4i.%.2i ", JSON the bare number "%i.%.2i". */
function timer(p: Printer, key: string, v: bigint): void {
  const sec = Number(v / 100n);
  const cs = Number(v % 100n);
  p.raw(key, sprintf('%i.%.2i', sec, cs), sprintf('%s %4i.%.2i ', key, sec, cs));
}

/** ll_proto_n2a for the bridge VLAN protocol. */
function vlanProtoText(proto: number): string {
  if (proto === 0x8100) return '802.1Q';
  if (proto === 0x88a8) return '802.1ad';
  return `[${proto}]`;
}

const BR_BOOLOPT_NO_LL_LEARN = 0;
const BR_BOOLOPT_MCAST_VLAN_SNOOPING = 1;

function printBridge(p: Printer, d: BridgeInfo): void {
  const u = (key: string, fmt: string, v: number | bigint | undefined): void => {
    if (v !== undefined) p.uint('any', key, fmt, v);
  };
  u('forward_delay', 'forward_delay %u ', d.forwardDelay);
  u('hello_time', 'hello_time %u ', d.helloTime);
  u('max_age', 'max_age %u ', d.maxAge);
  u('ageing_time', 'ageing_time %u ', d.ageingTime);
  u('stp_state', 'stp_state %u ', d.stpState);
  u('priority', 'priority %u ', d.priority);
  u('vlan_filtering', 'vlan_filtering %u ', d.vlanFiltering);
  if (d.vlanProtocol !== undefined) p.string('any', 'vlan_protocol', 'vlan_protocol %s ', vlanProtoText(d.vlanProtocol));
  if (d.bridgeId) p.string('any', 'bridge_id', 'bridge_id %s ', bridgeIdText(d.bridgeId));
  // iproute2 6.1 formats designated_root from IFLA_BR_BRIDGE_ID (not ROOT_ID); kept for identical output.
  if (d.rootId) p.string('any', 'root_id', 'designated_root %s ', bridgeIdText(d.bridgeId ?? d.rootId));
  u('root_port', 'root_port %u ', d.rootPort);
  u('root_path_cost', 'root_path_cost %u ', d.rootPathCost);
  u('topology_change', 'topology_change %u ', d.topologyChange);
  u('topology_change_detected', 'topology_change_detected %u ', d.topologyChangeDetected);
  if (d.helloTimer !== undefined) timer(p, 'hello_timer', d.helloTimer);
  if (d.tcnTimer !== undefined) timer(p, 'tcn_timer', d.tcnTimer);
  if (d.topologyChangeTimer !== undefined) timer(p, 'topology_change_timer', d.topologyChangeTimer);
  if (d.gcTimer !== undefined) timer(p, 'gc_timer', d.gcTimer);
  u('vlan_default_pvid', 'vlan_default_pvid %u ', d.vlanDefaultPvid);
  u('vlan_stats_enabled', 'vlan_stats_enabled %u ', d.vlanStatsEnabled);
  u('vlan_stats_per_port', 'vlan_stats_per_port %u ', d.vlanStatsPerPort);
  if (d.groupFwdMask !== undefined) p.hex0x('any', 'group_fwd_mask', 'group_fwd_mask %#llx ', d.groupFwdMask);
  if (d.groupAddr !== undefined) p.string('any', 'group_addr', 'group_address %s ', d.groupAddr);
  u('mcast_snooping', 'mcast_snooping %u ', d.mcastSnooping);
  if (d.multiBoolopt) {
    const { optval, optmask } = d.multiBoolopt;
    const noLl = 1 << BR_BOOLOPT_NO_LL_LEARN;
    const mcvl = 1 << BR_BOOLOPT_MCAST_VLAN_SNOOPING;
    if (optmask & noLl) p.uint('any', 'no_linklocal_learn', 'no_linklocal_learn %u ', optval & noLl ? 1 : 0);
    if (optmask & mcvl) p.uint('any', 'mcast_vlan_snooping', 'mcast_vlan_snooping %u ', optval & mcvl ? 1 : 0);
  }
  u('mcast_router', 'mcast_router %u ', d.mcastRouter);
  u('mcast_query_use_ifaddr', 'mcast_query_use_ifaddr %u ', d.mcastQueryUseIfaddr);
  u('mcast_querier', 'mcast_querier %u ', d.mcastQuerier);
  u('mcast_hash_elasticity', 'mcast_hash_elasticity %u ', d.mcastHashElasticity);
  u('mcast_hash_max', 'mcast_hash_max %u ', d.mcastHashMax);
  u('mcast_last_member_cnt', 'mcast_last_member_count %u ', d.mcastLastMemberCnt);
  u('mcast_startup_query_cnt', 'mcast_startup_query_count %u ', d.mcastStartupQueryCnt);
  u('mcast_last_member_intvl', 'mcast_last_member_interval %llu ', d.mcastLastMemberIntvl);
  u('mcast_membership_intvl', 'mcast_membership_interval %llu ', d.mcastMembershipIntvl);
  u('mcast_querier_intvl', 'mcast_querier_interval %llu ', d.mcastQuerierIntvl);
  u('mcast_query_intvl', 'mcast_query_interval %llu ', d.mcastQueryIntvl);
  u('mcast_query_response_intvl', 'mcast_query_response_interval %llu ', d.mcastQueryResponseIntvl);
  u('mcast_startup_query_intvl', 'mcast_startup_query_interval %llu ', d.mcastStartupQueryIntvl);
  u('mcast_stats_enabled', 'mcast_stats_enabled %u ', d.mcastStatsEnabled);
  u('mcast_igmp_version', 'mcast_igmp_version %u ', d.mcastIgmpVersion);
  u('mcast_mld_version', 'mcast_mld_version %u ', d.mcastMldVersion);
  u('nf_call_iptables', 'nf_call_iptables %u ', d.nfCallIptables);
  u('nf_call_ip6tables', 'nf_call_ip6tables %u ', d.nfCallIp6tables);
  u('nf_call_arptables', 'nf_call_arptables %u ', d.nfCallArptables);
}

const PORT_STATES = ['disabled', 'listening', 'learning', 'forwarding', 'blocking'];
const FWD_MASK_NAMES: Readonly<Record<number, string>> = { 0: 'stp', 2: 'lacp', 14: 'lldp' };

function fwdMaskText(mask: number): string {
  const parts: string[] = [];
  for (let i = 0; mask >> i; i++) {
    if ((mask >> i) & 1) parts.push(FWD_MASK_NAMES[i] ?? `0x${(1 << i).toString(16)}`);
  }
  return parts.length ? parts.join(',') : '0x0';
}

function printBridgePort(p: Printer, d: BridgePortInfo, names: Names): void {
  const onOff = (key: string, fmt: string, v: number | undefined): void => {
    if (v !== undefined) p.onOff('any', key, fmt, v);
  };
  const u = (key: string, fmt: string, v: number | bigint | undefined): void => {
    if (v !== undefined) p.uint('any', key, fmt, v);
  };
  if (d.state !== undefined) {
    const s = PORT_STATES[d.state];
    if (s !== undefined) p.string('any', 'state', 'state %s ', s);
    else p.int('any', 'state_index', 'state (%d) ', d.state);
  }
  if (d.priority !== undefined) p.int('any', 'priority', 'priority %d ', d.priority);
  if (d.cost !== undefined) p.int('any', 'cost', 'cost %d ', d.cost | 0);
  onOff('hairpin', 'hairpin %s ', d.mode);
  onOff('guard', 'guard %s ', d.guard);
  onOff('root_block', 'root_block %s ', d.protect);
  onOff('fastleave', 'fastleave %s ', d.fastLeave);
  onOff('learning', 'learning %s ', d.learning);
  onOff('flood', 'flood %s ', d.unicastFlood);
  if (d.id !== undefined) p.hex0x('any', 'id', 'port_id %#llx ', d.id);
  if (d.no !== undefined) p.hex0x('any', 'no', 'port_no %#llx ', d.no);
  u('designated_port', 'designated_port %u ', d.designatedPort);
  u('designated_cost', 'designated_cost %u ', d.designatedCost);
  if (d.bridgeId) p.string('any', 'bridge_id', 'designated_bridge %s ', bridgeIdText(d.bridgeId));
  if (d.rootId) p.string('any', 'root_id', 'designated_root %s ', bridgeIdText(d.rootId));
  if (d.holdTimer !== undefined) timer(p, 'hold_timer', d.holdTimer);
  if (d.messageAgeTimer !== undefined) timer(p, 'message_age_timer', d.messageAgeTimer);
  if (d.forwardDelayTimer !== undefined) timer(p, 'forward_delay_timer', d.forwardDelayTimer);
  u('topology_change_ack', 'topology_change_ack %u ', d.topologyChangeAck);
  u('config_pending', 'config_pending %u ', d.configPending);
  onOff('proxy_arp', 'proxy_arp %s ', d.proxyarp);
  onOff('proxy_arp_wifi', 'proxy_arp_wifi %s ', d.proxyarpWifi);
  u('multicast_router', 'mcast_router %u ', d.multicastRouter);
  if (d.fastLeave !== undefined) p.string('fp', null, 'mcast_fast_leave %s ', d.fastLeave ? 'on' : 'off');
  onOff('mcast_flood', 'mcast_flood %s ', d.mcastFlood);
  onOff('bcast_flood', 'bcast_flood %s ', d.bcastFlood);
  onOff('mcast_to_unicast', 'mcast_to_unicast %s ', d.mcastToUcast);
  onOff('neigh_suppress', 'neigh_suppress %s ', d.neighSuppress);
  if (d.groupFwdMask !== undefined) {
    p.hex0x('any', 'group_fwd_mask', 'group_fwd_mask %#llx ', d.groupFwdMask);
    p.string('any', 'group_fwd_mask_str', 'group_fwd_mask_str %s ', fwdMaskText(d.groupFwdMask));
  }
  onOff('vlan_tunnel', 'vlan_tunnel %s ', d.vlanTunnel);
  onOff('isolated', 'isolated %s ', d.isolated);
  onOff('locked', 'locked %s ', d.locked);
  if (d.backupPort !== undefined) p.string('any', 'backup_port', 'backup_port %s ', names.name(d.backupPort));
}

function isMulticast4(a: string): boolean {
  const first = Number(a.split('.')[0]);
  return first >= 224 && first <= 239;
}

function printVxlan(p: Printer, d: VxlanInfo, names: Names): void {
  if (d.collectMetadata) p.bool('any', 'external', 'external ', true);
  if (d.vnifilter) p.bool('any', 'vnifilter', 'vnifilter', true);
  if (d.id !== undefined) p.uint('any', 'id', 'id %u ', d.id);
  if (d.group !== undefined) {
    if (d.group !== '0.0.0.0') {
      if (isMulticast4(d.group)) p.string('any', 'group', 'group %s ', d.group);
      else p.string('any', 'remote', 'remote %s ', d.group);
    }
  } else if (d.group6 !== undefined && d.group6 !== '::') {
    if (d.group6.toLowerCase().startsWith('ff')) p.string('any', 'group6', 'group %s ', d.group6);
    else p.string('any', 'remote6', 'remote %s ', d.group6);
  }
  if (d.local !== undefined) {
    if (d.local !== '0.0.0.0') p.string('any', 'local', 'local %s ', d.local);
  } else if (d.local6 !== undefined && d.local6 !== '::') {
    p.string('any', 'local6', 'local %s ', d.local6);
  }
  if (d.link) p.string('any', 'link', 'dev %s ', names.name(d.link));
  if (d.portRange) {
    if (p.json) {
      p.openObject('port_range');
      p.uint('json', 'low', null, d.portRange.low);
      p.uint('json', 'high', null, d.portRange.high);
      p.closeObject();
    } else {
      p.text('srcport %u %u ', d.portRange.low, d.portRange.high);
    }
  }
  if (d.port !== undefined) p.uint('any', 'port', 'dstport %u ', d.port);
  if (d.learning !== undefined) {
    p.bool('json', 'learning', null, d.learning !== 0);
    if (!d.learning) p.bool('fp', null, 'nolearning ', true);
  }
  if (d.proxy) p.bool('any', 'proxy', 'proxy ', true);
  if (d.rsc) p.bool('any', 'rsc', 'rsc ', true);
  if (d.l2miss) p.bool('any', 'l2miss', 'l2miss ', true);
  if (d.l3miss) p.bool('any', 'l3miss', 'l3miss ', true);
  const tos = d.tos ?? 0;
  if (tos) {
    if (p.json || tos !== 1) p.hex0x('any', 'tos', 'tos %#llx ', tos);
    else p.string('fp', null, 'tos %s ', 'inherit');
  }
  if (d.ttlInherit) {
    p.string('fp', null, 'ttl %s ', 'inherit');
  } else if (d.ttl !== undefined) {
    if (p.json || d.ttl) p.uint('any', 'ttl', 'ttl %u ', d.ttl);
    else p.string('fp', null, 'ttl %s ', 'auto');
  }
  if (d.df !== undefined) {
    if (d.df === 0) p.string('json', 'df', 'df %s ', 'unset');
    else if (d.df === 1) p.string('any', 'df', 'df %s ', 'set');
    else if (d.df === 2) p.string('any', 'df', 'df %s ', 'inherit');
  }
  if (d.label) p.hex0x('any', 'label', 'flowlabel %#llx ', d.label);
  if (d.ageing !== undefined) {
    if (d.ageing === 0) p.uint('any', 'ageing', 'ageing none ', 0);
    else p.uint('any', 'ageing', 'ageing %u ', d.ageing);
  }
  if (d.limit) p.uint('any', 'limit', 'maxaddr %u ', d.limit);
  const csum = (key: string, word: string, v: number | undefined): void => {
    if (v === undefined) return;
    if (p.json) p.bool('any', key, null, v !== 0);
    else p.text(`${v ? '' : 'no'}${word} `);
  };
  csum('udp_csum', 'udpcsum', d.udpCsum);
  csum('udp_zero_csum6_tx', 'udp6zerocsumtx', d.udpZeroCsum6Tx);
  csum('udp_zero_csum6_rx', 'udp6zerocsumrx', d.udpZeroCsum6Rx);
  if (d.remcsumTx) p.bool('any', 'remcsum_tx', 'remcsumtx ', true);
  if (d.remcsumRx) p.bool('any', 'remcsum_rx', 'remcsumrx ', true);
  if (d.gbp) p.bool('any', 'gbp', 'gbp ', true);
  if (d.gpe) p.bool('any', 'gpe', 'gpe ', true);
}

const MACVLAN_MODES: Readonly<Record<number, string>> = { 1: 'private', 2: 'vepa', 4: 'bridge', 8: 'passthru', 16: 'source' };
const MACVLAN_FLAG_NOPROMISC = 1;
const MACVLAN_FLAG_NODST = 2;
const MACVLAN_MODE_SOURCE = 16;

function printMacvlan(p: Printer, d: MacvlanInfo): void {
  if (d.mode === undefined) return;
  p.string('any', 'mode', 'mode %s ', MACVLAN_MODES[d.mode] ?? 'unknown');
  const flags = d.flags ?? 0;
  if (flags & MACVLAN_FLAG_NOPROMISC) p.bool('any', 'nopromisc', 'nopromisc ', true);
  if (flags & MACVLAN_FLAG_NODST) p.bool('any', 'nodst', 'nodst ', true);
  if (d.bcQueueLen !== undefined) p.uint('any', 'bcqueuelen', 'bcqueuelen %lu ', d.bcQueueLen);
  if (d.bcQueueLenUsed !== undefined) p.uint('any', 'usedbcqueuelen', 'usedbcqueuelen %lu ', d.bcQueueLenUsed);
  if (d.mode !== MACVLAN_MODE_SOURCE || d.macaddrCount === undefined) return;
  p.int('any', 'macaddr_count', 'remotes (%d) ', d.macaddrCount);
  if (!d.macaddrData) return;
  p.openArray('json', 'macaddr_data');
  for (const mac of d.macaddrData.macaddr ?? []) {
    p.string('any', null, '%s ', mac);
  }
  p.closeArray('json', null);
}

/** IFLA_INFO_DATA printers by IFLA_INFO_KIND (iproute2 link_util with a print_opt). */
export const KIND_PRINTERS: Readonly<Record<string, KindPrinter>> = {
  bridge: printBridge,
  vxlan: printVxlan,
  macvlan: printMacvlan,
  macvtap: printMacvlan,
};

/** IFLA_INFO_SLAVE_DATA printers by IFLA_INFO_SLAVE_KIND. */
export const SLAVE_KIND_PRINTERS: Readonly<Record<string, KindPrinter>> = {
  bridge: printBridgePort,
};
