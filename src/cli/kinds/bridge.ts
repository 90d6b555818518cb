/**
 * `type bridge` words (ip/iplink_bridge.c bridge_parse_opt) and the bridge's `-d` details
 * (bridge_print_opt).
 */
import type { BridgeId, BridgeInfo } from '../../rtnl/link/index.js';
import { CliExit, CliFailure, invarg } from '../errors.js';
import { sprintf } from '../format.js';
import { parseUnsigned } from '../numbers.js';
import type { Printer } from '../printer.js';
import { renameProgram } from '../usage.js';
import { matches, type Words } from '../words.js';
import type { BridgeOptions } from '../../api/kinds/index.js';
import type { CliKind, KindWords } from './plug.js';

const HELP = renameProgram("Usage: ... bridge [ fdb_flush ]\n\t\t  [ forward_delay FORWARD_DELAY ]\n\t\t  [ hello_time HELLO_TIME ]\n\t\t  [ max_age MAX_AGE ]\n\t\t  [ ageing_time AGEING_TIME ]\n\t\t  [ stp_state STP_STATE ]\n\t\t  [ priority PRIORITY ]\n\t\t  [ group_fwd_mask MASK ]\n\t\t  [ group_address ADDRESS ]\n\t\t  [ no_linklocal_learn NO_LINKLOCAL_LEARN ]\n\t\t  [ vlan_filtering VLAN_FILTERING ]\n\t\t  [ vlan_protocol VLAN_PROTOCOL ]\n\t\t  [ vlan_default_pvid VLAN_DEFAULT_PVID ]\n\t\t  [ vlan_stats_enabled VLAN_STATS_ENABLED ]\n\t\t  [ vlan_stats_per_port VLAN_STATS_PER_PORT ]\n\t\t  [ mcast_snooping MULTICAST_SNOOPING ]\n\t\t  [ mcast_vlan_snooping MULTICAST_VLAN_SNOOPING ]\n\t\t  [ mcast_router MULTICAST_ROUTER ]\n\t\t  [ mcast_query_use_ifaddr MCAST_QUERY_USE_IFADDR ]\n\t\t  [ mcast_querier MULTICAST_QUERIER ]\n\t\t  [ mcast_hash_elasticity HASH_ELASTICITY ]\n\t\t  [ mcast_hash_max HASH_MAX ]\n\t\t  [ mcast_last_member_count LAST_MEMBER_COUNT ]\n\t\t  [ mcast_startup_query_count STARTUP_QUERY_COUNT ]\n\t\t  [ mcast_last_member_interval LAST_MEMBER_INTERVAL ]\n\t\t  [ mcast_membership_interval MEMBERSHIP_INTERVAL ]\n\t\t  [ mcast_querier_interval QUERIER_INTERVAL ]\n\t\t  [ mcast_query_interval QUERY_INTERVAL ]\n\t\t  [ mcast_query_response_interval QUERY_RESPONSE_INTERVAL ]\n\t\t  [ mcast_startup_query_interval STARTUP_QUERY_INTERVAL ]\n\t\t  [ mcast_stats_enabled MCAST_STATS_ENABLED ]\n\t\t  [ mcast_igmp_version IGMP_VERSION ]\n\t\t  [ mcast_mld_version MLD_VERSION ]\n\t\t  [ nf_call_iptables NF_CALL_IPTABLES ]\n\t\t  [ nf_call_ip6tables NF_CALL_IP6TABLES ]\n\t\t  [ nf_call_arptables NF_CALL_ARPTABLES ]\n\nWhere: VLAN_PROTOCOL := { 802.1Q | 802.1ad }\n");

const BRIDGE_U32 = ['forward_delay', 'hello_time', 'max_age', 'ageing_time', 'stp_state'] as const;
const BRIDGE_FLAGS = [
  ['vlan_filtering', 'vlanFiltering'], ['mcast_snooping', 'mcastSnooping'], ['mcast_querier', 'mcastQuerier'],
  ['nf_call_iptables', 'nfCallIptables'], ['nf_call_ip6tables', 'nfCallIp6tables'], ['nf_call_arptables', 'nfCallArptables'],
] as const;

const camel = (s: string): string => s.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase());

/** br_dump_bridge_id: "8000.0:11:22:a:bb:c" (the MAC as ether_ntoa writes it, no zero padding). */
export function bridgeIdText(id: BridgeId): string {
  const mac = id.address.split(':').map((h) => parseInt(h, 16).toString(16)).join(':');
  return `${sprintf('%.2x%.2x', id.priority >> 8, id.priority & 0xff)}.${mac}`;
}

/** A timer in hundredths of a second: text "%4i.%.2i ", JSON the bare number "%i.%.2i". */
export function timer(p: Printer, key: string, v: bigint): void {
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

function parseBridge(words: Words): KindWords<BridgeOptions>['options'] {
  const r: Record<string, unknown> = {};
  for (; !words.done; words.skip()) {
    const w = words.cur;
    const u32 = BRIDGE_U32.find((k) => matches(w, k));
    const flag = BRIDGE_FLAGS.find(([k]) => matches(w, k));
    if (u32) {
      const v = words.next();
      const n = parseUnsigned(v);
      if (n === undefined) throw invarg(`invalid ${u32}`, v);
      r[camel(u32)] = n;
    } else if (matches(w, 'priority')) {
      const v = words.next();
      const n = parseUnsigned(v, 0xffff);
      if (n === undefined) throw invarg('invalid priority', v);
      r.priority = n;
    } else if (flag) {
      const v = words.next();
      const n = parseUnsigned(v, 0xff);
      if (n === undefined) throw invarg(`invalid ${flag[0]}`, v);
      r[flag[1]] = n;
    } else if (matches(w, 'vlan_protocol')) {
      const v = words.next();
      if (v !== '802.1Q' && v !== '802.1ad') throw invarg('invalid vlan_protocol', v);
      r.vlanProtocol = v;
    } else if (matches(w, 'vlan_default_pvid')) {
      const v = words.next();
      const n = parseUnsigned(v, 0xffff);
      if (n === undefined) throw invarg('invalid vlan_default_pvid', v);
      r.vlanDefaultPvid = n;
    } else if (matches(w, 'group_fwd_mask')) {
      const v = words.next();
      const n = parseUnsigned(v, 0xffff);
      if (n === undefined) throw invarg('invalid group_fwd_mask', v);
      r.groupFwdMask = n;
    } else if (matches(w, 'help')) {
      throw new CliExit(HELP.replace(/\n$/, ''));
    } else {
      throw new CliFailure(`bridge: unknown command "${w}"?\n${HELP.replace(/\n$/, '')}`, 1);
    }
  }
  return r as KindWords<BridgeOptions>['options'];
}

export const bridgeCli: CliKind<'bridge'> = {
  parse: (words) => ({ options: parseBridge(words) }),
  print: printBridge,
  help: HELP,
};
