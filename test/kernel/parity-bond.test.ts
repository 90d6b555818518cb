// Request parity for bond and bond_slave (iproute2's iplink_bond.c, iplink_bond_slave.c): every
// option on `link add` and on `link set ... type bond|bond_slave` sends iproute2's RTM_NEWLINK
// bytes. This kernel has no bonding: ip sends its requests all the same, and so does rtnl-ts.
import test from 'ava';
import { assertSandboxed } from './_util.js';
import { assertSameRequests } from './parity.js';

test.before(() => assertSandboxed());

const VETH = 'ip link add d0 type veth peer name d1';
const NEWLINK = { setup: VETH, types: ['RTM_NEWLINK'], dropProbe: true };

const OPTIONS: readonly string[] = [
  '',
  'mode balance-rr', 'mode active-backup', 'mode balance-xor', 'mode broadcast', 'mode 802.3ad', 'mode balance-tlb',
  'mode balance-alb', 'mode 4',
  'active_slave d0', 'clear_active_slave', 'mode active-backup active_slave d1 primary d0',
  'miimon 100', 'updelay 200 downdelay 300', 'peer_notify_delay 400', 'use_carrier 0', 'use_carrier 1',
  'arp_interval 1000', 'arp_ip_target 10.0.0.1', 'arp_ip_target 10.0.0.1,10.0.0.2,192.168.1.1', 'arp_ip_target 10.1,,0x0a.0.0.3',
  'arp_interval 100 arp_ip_target', 'ns_ip6_target 2001:db8::1,fe80::2', 'ns_ip6_target',
  'arp_validate none', 'arp_validate active', 'arp_validate backup', 'arp_validate all', 'arp_validate filter',
  'arp_validate filter_active', 'arp_validate filter_backup', 'arp_validate 3',
  'arp_all_targets any', 'arp_all_targets all', 'arp_missed_max 5',
  'primary d1', 'primary_reselect always', 'primary_reselect better', 'primary_reselect failure',
  'fail_over_mac none', 'fail_over_mac active', 'fail_over_mac follow',
  'xmit_hash_policy layer2', 'xmit_hash_policy layer3+4', 'xmit_hash_policy layer2+3', 'xmit_hash_policy encap2+3',
  'xmit_hash_policy encap3+4', 'xmit_hash_policy vlan+srcmac',
  'resend_igmp 3', 'num_grat_arp 5', 'num_unsol_na 6', 'all_slaves_active 1', 'min_links 2', 'lp_interval 10',
  'packets_per_slave 7', 'tlb_dynamic_lb 0',
  'lacp_rate slow', 'lacp_rate fast', 'lacp_active on', 'lacp_active off',
  'ad_select stable', 'ad_select bandwidth', 'ad_select count',
  'ad_user_port_key 5', 'ad_actor_sys_prio 65535', 'ad_actor_system 02:11:22:33:44:55',
  'mode 802.3ad miimon 100 lacp_rate fast xmit_hash_policy layer3+4 ad_select bandwidth min_links 1 ad_actor_sys_prio 10 ad_user_port_key 2',
  'mi 100 upd 10 dow 20 xmit layer2 num_g 2',
];

for (const words of OPTIONS) {
  test(`link add bond0 type bond ${words}`, (t) => {
    assertSameRequests(t, `ip link add bond0 type bond ${words}`.trim(), undefined, NEWLINK);
  });
}

const SET: readonly string[] = [
  'ip link set d0 type bond miimon 200 updelay 400',
  'ip link set d0 type bond mode active-backup primary d1 primary_reselect failure',
  'ip link set d0 type bond arp_ip_target 10.9.9.9 arp_interval 500 arp_validate all',
  'ip link set d0 type bond clear_active_slave',
  'ip link set d1 type bond_slave queue_id 2',
  'ip link set d1 type bond_slave prio -10',
  'ip link set d1 type bond_slave queue_id 0x3 prio 7',
  'ip link set d1 type bond_slave',
];

for (const line of SET) {
  test(line, (t) => {
    assertSameRequests(t, line, undefined, NEWLINK);
  });
}
