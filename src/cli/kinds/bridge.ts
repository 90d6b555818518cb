/**
 * `type bridge` words (ip/iplink_bridge.c bridge_parse_opt) and the bridge's `-d` details
 * (bridge_print_opt).
 */
import { BR_BOOLOPT_MCAST_VLAN_SNOOPING, BR_BOOLOPT_NO_LL_LEARN, type BridgeId, type BridgeInfo } from '../../rtnl/link/index.js';
import { CliFailure, invarg } from '../errors.js';
import { parseLladdr } from '../link-args.js';
import { sprintf } from '../format.js';
import { parseU64, parseUnsigned } from '../numbers.js';
import type { Printer } from '../printer.js';
import { renameProgram } from '../usage.js';
import { matches, type Words } from '../words.js';
import type { BridgeOptions } from '../../api/kinds/index.js';
import type { CliKind, KindWords } from './plug.js';

const HELP = renameProgram("Usage: ... bridge [ fdb_flush ]\n\t\t  [ forward_delay FORWARD_DELAY ]\n\t\t  [ hello_time HELLO_TIME ]\n\t\t  [ max_age MAX_AGE ]\n\t\t  [ ageing_time AGEING_TIME ]\n\t\t  [ stp_state STP_STATE ]\n\t\t  [ priority PRIORITY ]\n\t\t  [ group_fwd_mask MASK ]\n\t\t  [ group_address ADDRESS ]\n\t\t  [ no_linklocal_learn NO_LINKLOCAL_LEARN ]\n\t\t  [ vlan_filtering VLAN_FILTERING ]\n\t\t  [ vlan_protocol VLAN_PROTOCOL ]\n\t\t  [ vlan_default_pvid VLAN_DEFAULT_PVID ]\n\t\t  [ vlan_stats_enabled VLAN_STATS_ENABLED ]\n\t\t  [ vlan_stats_per_port VLAN_STATS_PER_PORT ]\n\t\t  [ mcast_snooping MULTICAST_SNOOPING ]\n\t\t  [ mcast_vlan_snooping MULTICAST_VLAN_SNOOPING ]\n\t\t  [ mcast_router MULTICAST_ROUTER ]\n\t\t  [ mcast_query_use_ifaddr MCAST_QUERY_USE_IFADDR ]\n\t\t  [ mcast_querier MULTICAST_QUERIER ]\n\t\t  [ mcast_hash_elasticity HASH_ELASTICITY ]\n\t\t  [ mcast_hash_max HASH_MAX ]\n\t\t  [ mcast_last_member_count LAST_MEMBER_COUNT ]\n\t\t  [ mcast_startup_query_count STARTUP_QUERY_COUNT ]\n\t\t  [ mcast_last_member_interval LAST_MEMBER_INTERVAL ]\n\t\t  [ mcast_membership_interval MEMBERSHIP_INTERVAL ]\n\t\t  [ mcast_querier_interval QUERIER_INTERVAL ]\n\t\t  [ mcast_query_interval QUERY_INTERVAL ]\n\t\t  [ mcast_query_response_interval QUERY_RESPONSE_INTERVAL ]\n\t\t  [ mcast_startup_query_interval STARTUP_QUERY_INTERVAL ]\n\t\t  [ mcast_stats_enabled MCAST_STATS_ENABLED ]\n\t\t  [ mcast_igmp_version IGMP_VERSION ]\n\t\t  [ mcast_mld_version MLD_VERSION ]\n\t\t  [ nf_call_iptables NF_CALL_IPTABLES ]\n\t\t  [ nf_call_ip6tables NF_CALL_IP6TABLES ]\n\t\t  [ nf_call_arptables NF_CALL_ARPTABLES ]\n\nWhere: VLAN_PROTOCOL := { 802.1Q | 802.1ad }\n");

/** How the value after a word is read (get_u8/u16/u32/u64, ll_proto_a2n, ll_addr_a2n), or none. */
type Read = 'u8' | 'u16' | 'u32' | 'u64' | 'proto' | 'lladdr' | 'none';

/**
 * bridge_parse_opt's words in its order of matching (an abbreviation means the first word it
 * starts), each with how its value is read and the option it sets; `exact` words are strcmp'd.
 */
const WORDS: readonly { word: string; read: Read; key: keyof BridgeOptions; exact?: true }[] = [
  { word: 'forward_delay', read: 'u32', key: 'forwardDelay' },
  { word: 'hello_time', read: 'u32', key: 'helloTime' },
  { word: 'max_age', read: 'u32', key: 'maxAge' },
  { word: 'ageing_time', read: 'u32', key: 'ageingTime' },
  { word: 'stp_state', read: 'u32', key: 'stpState' },
  { word: 'priority', read: 'u16', key: 'priority' },
  { word: 'vlan_filtering', read: 'u8', key: 'vlanFiltering' },
  { word: 'vlan_protocol', read: 'proto', key: 'vlanProtocol' },
  { word: 'group_fwd_mask', read: 'u16', key: 'groupFwdMask' },
  { word: 'group_address', read: 'lladdr', key: 'groupAddress' },
  { word: 'no_linklocal_learn', read: 'u8', key: 'noLinklocalLearn', exact: true },
  { word: 'fdb_flush', read: 'none', key: 'fdbFlush' },
  { word: 'vlan_default_pvid', read: 'u16', key: 'vlanDefaultPvid' },
  { word: 'vlan_stats_enabled', read: 'u8', key: 'vlanStatsEnabled' },
  { word: 'vlan_stats_per_port', read: 'u8', key: 'vlanStatsPerPort' },
  { word: 'mcast_router', read: 'u8', key: 'mcastRouter' },
  { word: 'mcast_snooping', read: 'u8', key: 'mcastSnooping' },
  { word: 'mcast_vlan_snooping', read: 'u8', key: 'mcastVlanSnooping', exact: true },
  { word: 'mcast_query_use_ifaddr', read: 'u8', key: 'mcastQueryUseIfaddr' },
  { word: 'mcast_querier', read: 'u8', key: 'mcastQuerier' },
  { word: 'mcast_hash_elasticity', read: 'u32', key: 'mcastHashElasticity' },
  { word: 'mcast_hash_max', read: 'u32', key: 'mcastHashMax' },
  { word: 'mcast_last_member_count', read: 'u32', key: 'mcastLastMemberCount' },
  { word: 'mcast_startup_query_count', read: 'u32', key: 'mcastStartupQueryCount' },
  { word: 'mcast_last_member_interval', read: 'u64', key: 'mcastLastMemberInterval' },
  { word: 'mcast_membership_interval', read: 'u64', key: 'mcastMembershipInterval' },
  { word: 'mcast_querier_interval', read: 'u64', key: 'mcastQuerierInterval' },
  { word: 'mcast_query_interval', read: 'u64', key: 'mcastQueryInterval' },
  { word: 'mcast_query_response_interval', read: 'u64', key: 'mcastQueryResponseInterval' },
  { word: 'mcast_startup_query_interval', read: 'u64', key: 'mcastStartupQueryInterval' },
  { word: 'mcast_stats_enabled', read: 'u8', key: 'mcastStatsEnabled' },
  { word: 'mcast_igmp_version', read: 'u8', key: 'mcastIgmpVersion' },
  { word: 'mcast_mld_version', read: 'u8', key: 'mcastMldVersion' },
  { word: 'nf_call_iptables', read: 'u8', key: 'nfCallIptables' },
  { word: 'nf_call_ip6tables', read: 'u8', key: 'nfCallIp6tables' },
  { word: 'nf_call_arptables', read: 'u8', key: 'nfCallArptables' },
];

const MAX = { u8: 0xff, u16: 0xffff, u32: 0xffffffff } as const;

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

/** ll_proto_a2n for the VLAN protocols: their names (any case) or a 16-bit number. */
function vlanProtocolWord(v: string): BridgeOptions['vlanProtocol'] | undefined {
  if (v.toLowerCase() === '802.1q') return '802.1Q';
  if (v.toLowerCase() === '802.1ad') return '802.1ad';
  return parseUnsigned(v, 0xffff);
}

function readValue(words: Words, word: string, read: Read): unknown {
  if (read === 'none') return true;
  const v = words.next();
  let out: unknown;
  if (read === 'u64') out = parseU64(v);
  else if (read === 'proto') out = vlanProtocolWord(v);
  else if (read === 'lladdr') out = parseLladdr(v);
  else out = parseUnsigned(v, MAX[read]);
  if (out === undefined) throw invarg(`invalid ${word}`, v);
  return out;
}

function parseBridge(words: Words): KindWords<BridgeOptions>['options'] {
  const r: Record<string, unknown> = {};
  for (; !words.done; words.skip()) {
    const w = words.cur;
    const spec = WORDS.find((s) => (s.exact ? w === s.word : matches(w, s.word)));
    if (spec) r[spec.key] = readValue(words, spec.word, spec.read);
    else if (matches(w, 'help')) throw new CliFailure(HELP.replace(/\n$/, ''), 1);
    else throw new CliFailure(`bridge: unknown command "${w}"?\n${HELP.replace(/\n$/, '')}`, 1);
  }
  return r as KindWords<BridgeOptions>['options'];
}

export const bridgeCli: CliKind<'bridge'> = {
  parse: (words) => ({ options: parseBridge(words) }),
  print: printBridge,
  help: HELP,
};
