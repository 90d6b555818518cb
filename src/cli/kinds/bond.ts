/** `type bond` words (ip/iplink_bond.c bond_parse_opt) and the bond's `-d` details (bond_print_opt). */
import type { BondOptions } from '../../api/kinds/index.js';
import { BOND_WORDS, bondWord, type BondInfo } from '../../rtnl/link/index.js';
import { parseIpv6 } from '../../rtnl/common.js';
import { CliExit, CliFailure, invarg, nodev } from '../errors.js';
import { parseInteger, parseUnsigned } from '../numbers.js';
import { parseLladdr } from '../link-args.js';
import type { Names } from '../names.js';
import type { Printer } from '../printer.js';
import { nameToIndex } from '../resolve.js';
import { renameProgram } from '../usage.js';
import { matches, type Words } from '../words.js';
import type { CliKind, KindWords, KindWordsEnv } from './plug.js';

const HELP = renameProgram('Usage: ... bond [ mode BONDMODE ] [ active_slave SLAVE_DEV ]\n                [ clear_active_slave ] [ miimon MIIMON ]\n                [ updelay UPDELAY ] [ downdelay DOWNDELAY ]\n                [ peer_notify_delay DELAY ]\n                [ use_carrier USE_CARRIER ]\n                [ arp_interval ARP_INTERVAL ]\n                [ arp_validate ARP_VALIDATE ]\n                [ arp_all_targets ARP_ALL_TARGETS ]\n                [ arp_ip_target [ ARP_IP_TARGET, ... ] ]\n                [ ns_ip6_target [ NS_IP6_TARGET, ... ] ]\n                [ primary SLAVE_DEV ]\n                [ primary_reselect PRIMARY_RESELECT ]\n                [ fail_over_mac FAIL_OVER_MAC ]\n                [ xmit_hash_policy XMIT_HASH_POLICY ]\n                [ resend_igmp RESEND_IGMP ]\n                [ num_grat_arp|num_unsol_na NUM_GRAT_ARP|NUM_UNSOL_NA ]\n                [ all_slaves_active ALL_SLAVES_ACTIVE ]\n                [ min_links MIN_LINKS ]\n                [ lp_interval LP_INTERVAL ]\n                [ packets_per_slave PACKETS_PER_SLAVE ]\n                [ tlb_dynamic_lb TLB_DYNAMIC_LB ]\n                [ lacp_rate LACP_RATE ]\n                [ lacp_active LACP_ACTIVE]\n                [ ad_select AD_SELECT ]\n                [ ad_user_port_key PORTKEY ]\n                [ ad_actor_sys_prio SYSPRIO ]\n                [ ad_actor_system LLADDR ]\n                [ arp_missed_max MISSED_MAX ]\n\nBONDMODE := balance-rr|active-backup|balance-xor|broadcast|802.3ad|balance-tlb|balance-alb\nARP_VALIDATE := none|active|backup|all|filter|filter_active|filter_backup\nARP_ALL_TARGETS := any|all\nPRIMARY_RESELECT := always|better|failure\nFAIL_OVER_MAC := none|active|follow\nXMIT_HASH_POLICY := layer2|layer2+3|layer3+4|encap2+3|encap3+4|vlan+srcmac\nLACP_ACTIVE := off|on\nLACP_RATE := slow|fast\nAD_SELECT := stable|bandwidth|count\n');
const explain = (): string => HELP.replace(/\n$/, '');

type Opts = KindWords<BondOptions>['options'];

/** Words read as numbers: the keyword (matched as ip matches it), the option, the largest value. */
const NUMBER_WORDS: readonly [string, keyof Opts, number][] = [
  ['miimon', 'miimon', 0xffffffff], ['updelay', 'updelay', 0xffffffff], ['downdelay', 'downdelay', 0xffffffff],
  ['peer_notify_delay', 'peerNotifyDelay', 0xffffffff], ['use_carrier', 'useCarrier', 0xff],
  ['arp_interval', 'arpInterval', 0xffffffff],
];
const NUMBER_WORDS_2: readonly [string, keyof Opts, number][] = [
  ['resend_igmp', 'resendIgmp', 0xffffffff],
];
const NUMBER_WORDS_3: readonly [string, keyof Opts, number][] = [
  ['all_slaves_active', 'allSlavesActive', 0xff], ['min_links', 'minLinks', 0xffffffff],
  ['lp_interval', 'lpInterval', 0xffffffff], ['packets_per_slave', 'packetsPerSlave', 0xffffffff],
];
const NUMBER_WORDS_4: readonly [string, keyof Opts, number][] = [
  ['ad_user_port_key', 'adUserPortKey', 0xffff], ['ad_actor_sys_prio', 'adActorSysPrio', 0xffff],
];

/** get_index: a word of the table, or the decimal index of one. */
function tableIndex(table: readonly string[], word: string): number {
  const n = /^\s*[+-]?\d+$/.test(word) ? parseInteger(word) : undefined;
  if (n !== undefined && n >= 0 && n < table.length) return n;
  return table.indexOf(word);
}

/** get_addr32's IPv4 text: 1-4 strtoul parts with dots ("10.1" is 10.1.0.0), or any/all/default. */
function ipv4Target(word: string): string | undefined {
  if (word === 'default' || word === 'any' || word === 'all') return '0.0.0.0';
  const parts = word.split('.');
  if (parts.length > 4) return undefined;
  const bytes = [0, 0, 0, 0];
  for (let i = 0; i < parts.length; i++) {
    const m = /^\s*\+?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(parts[i]!);
    if (!m) return undefined;
    const n = Number(m[1]!.startsWith('0') && !/^0[xX]/.test(m[1]!) && m[1]!.length > 1 ? parseInt(m[1]!, 8) : m[1]);
    if (n > 255) return undefined;
    bytes[i] = n;
  }
  return bytes.join('.');
}

/** The comma-separated targets after arp_ip_target / ns_ip6_target (empty words skipped, as strtok does). */
function targetWords(words: Words, parse: (s: string) => string | undefined, error: (s: string) => string): string[] {
  if (words.peek() === undefined) return [];
  const list = words.next().split(',').filter((s) => s !== '');
  return list.map((s) => {
    const a = parse(s);
    if (a === undefined) throw new CliExit(error(s), 1);
    return a;
  });
}

async function parseBond(words: Words, env: KindWordsEnv): Promise<KindWords<BondOptions>> {
  const r: Opts = {};
  const device = async (w: string): Promise<number> => {
    const idx = await nameToIndex(env.ip, w);
    if (!idx) throw nodev(w);
    return idx;
  };
  const number = (word: string, key: keyof Opts, max: number): void => {
    const v = words.next();
    const n = parseUnsigned(v, max);
    if (n === undefined) throw invarg(`invalid ${word}`, v);
    (r as Record<string, number>)[key] = n;
  };
  const enumWord = (word: string, key: keyof Opts, table: readonly string[]): void => {
    const v = words.next();
    const i = tableIndex(table, v);
    if (i < 0) throw invarg(`invalid ${word}`, v);
    (r as Record<string, unknown>)[key] = table[i];
  };
  const numberWord = (w: string, list: readonly (readonly [string, keyof Opts, number])[]): boolean => {
    const hit = list.find(([k]) => matches(w, k));
    if (hit) number(hit[0], hit[1], hit[2]);
    return hit !== undefined;
  };
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (matches(w, 'mode')) enumWord('mode', 'mode', BOND_WORDS.mode);
    else if (matches(w, 'active_slave')) r.activeSlave = await device(words.next());
    else if (matches(w, 'clear_active_slave')) r.activeSlave = null;
    else if (numberWord(w, NUMBER_WORDS)) continue;
    else if (matches(w, 'arp_ip_target')) {
      r.arpIpTarget = targetWords(words, ipv4Target, (s) => `Error: an IP address is expected rather than "${s}"`);
    } else if (w === 'ns_ip6_target') {
      const v6 = (s: string): string | undefined => (s === 'default' || s === 'any' || s === 'all' ? '::' : parseIpv6(s) ? s : undefined);
      r.nsIp6Target = targetWords(words, v6, (s) => `Error: inet6 address is expected rather than "${s}".`);
    } else if (matches(w, 'arp_validate')) enumWord('arp_validate', 'arpValidate', BOND_WORDS.arpValidate);
    else if (matches(w, 'arp_all_targets')) enumWord('arp_all_targets', 'arpAllTargets', BOND_WORDS.arpAllTargets);
    else if (w === 'arp_missed_max') number('arp_missed_max', 'arpMissedMax', 0xff);
    else if (matches(w, 'primary')) r.primary = await device(words.next());
    else if (matches(w, 'primary_reselect')) enumWord('primary_reselect', 'primaryReselect', BOND_WORDS.primaryReselect);
    else if (matches(w, 'fail_over_mac')) enumWord('fail_over_mac', 'failOverMac', BOND_WORDS.failOverMac);
    else if (matches(w, 'xmit_hash_policy')) enumWord('xmit_hash_policy', 'xmitHashPolicy', BOND_WORDS.xmitHashPolicy);
    else if (numberWord(w, NUMBER_WORDS_2)) continue;
    else if (matches(w, 'num_grat_arp') || matches(w, 'num_unsol_na')) number('num_grat_arp|num_unsol_na', 'numGratArp', 0xff);
    else if (numberWord(w, NUMBER_WORDS_3)) continue;
    else if (matches(w, 'lacp_rate')) enumWord('lacp_rate', 'lacpRate', BOND_WORDS.adLacpRate);
    else if (w === 'lacp_active') {
      const v = words.next();
      const i = tableIndex(BOND_WORDS.adLacpActive, v);
      if (i < 0) throw invarg('invalid lacp_active', v);
      r.lacpActive = i === 1;
    } else if (matches(w, 'ad_select')) enumWord('ad_select', 'adSelect', BOND_WORDS.adSelect);
    else if (numberWord(w, NUMBER_WORDS_4)) continue;
    else if (matches(w, 'ad_actor_system')) r.adActorSystem = parseLladdr(words.next());
    else if (matches(w, 'tlb_dynamic_lb')) number('tlb_dynamic_lb', 'tlbDynamicLb', 0xff);
    else if (matches(w, 'help')) throw new CliFailure(explain(), 1);
    else throw new CliFailure(`bond: unknown command "${w}"?\n${explain()}`, 1);
  }
  return { options: r };
}

/** A list of addresses after its keyword (arp_ip_target, ns_ip6_target), comma-separated in text. */
function printTargets(p: Printer, key: string, list: readonly string[]): void {
  if (list.length === 0) return;
  p.openArray('json', key);
  p.string('fp', null, `${key} `, null);
  list.forEach((a, i) => {
    p.string('any', null, '%s', a);
    if (i < list.length - 1) p.text(',');
  });
  p.string('fp', null, ' ', null);
  p.closeArray('json', null);
}

function printBond(p: Printer, d: BondInfo, names: Names): void {
  const u = (key: string, fmt: string, v: number | undefined): void => {
    if (v !== undefined) p.uint('any', key, fmt, v);
  };
  const word = (key: string, fmt: string, table: keyof typeof BOND_WORDS, v: number | undefined): void => {
    if (v !== undefined) p.string('any', key, fmt, bondWord(table, v));
  };
  word('mode', 'mode %s ', 'mode', d.mode);
  if (d.activeSlave) p.string('any', 'active_slave', 'active_slave %s ', names.name(d.activeSlave));
  u('miimon', 'miimon %u ', d.miimon);
  u('updelay', 'updelay %u ', d.updelay);
  u('downdelay', 'downdelay %u ', d.downdelay);
  u('peer_notify_delay', 'peer_notify_delay %u ', d.peerNotifDelay);
  u('use_carrier', 'use_carrier %u ', d.useCarrier);
  u('arp_interval', 'arp_interval %u ', d.arpInterval);
  u('arp_missed_max', 'arp_missed_max %u ', d.missedMax);
  if (d.arpIpTarget) printTargets(p, 'arp_ip_target', d.arpIpTarget);
  if (d.nsIp6Target) printTargets(p, 'ns_ip6_target', d.nsIp6Target);
  if (d.arpValidate !== undefined) {
    if (!d.arpValidate && p.json) p.null('json', 'arp_validate', null, null);
    else word('arp_validate', 'arp_validate %s ', 'arpValidate', d.arpValidate);
  }
  word('arp_all_targets', 'arp_all_targets %s ', 'arpAllTargets', d.arpAllTargets);
  if (d.primary) p.string('any', 'primary', 'primary %s ', names.name(d.primary));
  word('primary_reselect', 'primary_reselect %s ', 'primaryReselect', d.primaryReselect);
  word('fail_over_mac', 'fail_over_mac %s ', 'failOverMac', d.failOverMac);
  word('xmit_hash_policy', 'xmit_hash_policy %s ', 'xmitHashPolicy', d.xmitHashPolicy);
  u('resend_igmp', 'resend_igmp %u ', d.resendIgmp);
  u('num_peer_notif', 'num_grat_arp %u ', d.numPeerNotif);
  u('all_slaves_active', 'all_slaves_active %u ', d.allSlavesActive);
  u('min_links', 'min_links %u ', d.minLinks);
  u('lp_interval', 'lp_interval %u ', d.lpInterval);
  u('packets_per_slave', 'packets_per_slave %u ', d.packetsPerSlave);
  word('ad_lacp_active', 'lacp_active %s ', 'adLacpActive', d.adLacpActive);
  word('ad_lacp_rate', 'lacp_rate %s ', 'adLacpRate', d.adLacpRate);
  word('ad_select', 'ad_select %s ', 'adSelect', d.adSelect);
  if (d.adInfo) {
    const a = d.adInfo;
    p.openObject('ad_info');
    if (a.aggregator !== undefined) p.int('any', 'aggregator', 'ad_aggregator %d ', a.aggregator);
    if (a.numPorts !== undefined) p.int('any', 'num_ports', 'ad_num_ports %d ', a.numPorts);
    if (a.actorKey !== undefined) p.int('any', 'actor_key', 'ad_actor_key %d ', a.actorKey);
    if (a.partnerKey !== undefined) p.int('any', 'partner_key', 'ad_partner_key %d ', a.partnerKey);
    if (a.partnerMac !== undefined) p.string('any', 'partner_mac', 'ad_partner_mac %s ', a.partnerMac);
    p.closeObject();
  }
  u('ad_actor_sys_prio', 'ad_actor_sys_prio %u ', d.adActorSysPrio);
  u('ad_user_port_key', 'ad_user_port_key %u ', d.adUserPortKey);
  if (d.adActorSystem !== undefined) p.string('any', 'ad_actor_system', 'ad_actor_system %s ', d.adActorSystem);
  u('tlb_dynamic_lb', 'tlb_dynamic_lb %u ', d.tlbDynamicLb);
}

export const bondCli: CliKind<'bond'> = {
  parse: parseBond,
  print: printBond,
  help: HELP,
};
