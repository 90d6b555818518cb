// Request parity of the bridge kind and the bridge port options (issue 18): for each option of
// ip/iplink_bridge.c and ip/iplink_bridge_slave.c, on create and on change, the RTM_NEWLINK
// rtnl-ts sends is iproute2's, byte for byte. vlan_filtering and the options this kernel ignores
// without VLAN filtering are covered here, whatever the kernel answers.
import test from 'ava';
import { assertSandboxed } from './_util.js';
import { assertSameRequests } from './parity.js';

test.before(() => assertSandboxed());

/** A bridge br0 with the veth d0 as its port, d1 the other end (d1 also serves as backup port). */
const SETUP = 'ip link add br0 type bridge; ip link add d0 type veth peer name d1; ip link set d0 master br0';
const NEWLINK = { setup: SETUP, types: ['RTM_NEWLINK'], dropProbe: true } as const;

/** Every bridge word with a value (iproute2's order in the usage text). */
const BRIDGE_WORDS = [
  'fdb_flush', 'forward_delay 500', 'hello_time 300', 'max_age 2500', 'ageing_time 1000', 'stp_state 1', 'priority 100',
  'group_fwd_mask 0x4000', 'group_address 01:80:c2:00:00:0e', 'no_linklocal_learn 1', 'vlan_filtering 1',
  'vlan_protocol 802.1ad', 'vlan_default_pvid 5', 'vlan_stats_enabled 1', 'vlan_stats_per_port 1', 'mcast_snooping 0',
  'mcast_vlan_snooping 1', 'mcast_router 2', 'mcast_query_use_ifaddr 1', 'mcast_querier 1', 'mcast_hash_elasticity 16',
  'mcast_hash_max 1024', 'mcast_last_member_count 3', 'mcast_startup_query_count 4', 'mcast_last_member_interval 200',
  'mcast_membership_interval 30000', 'mcast_querier_interval 26000', 'mcast_query_interval 13000',
  'mcast_query_response_interval 1100', 'mcast_startup_query_interval 3000', 'mcast_stats_enabled 1',
  'mcast_igmp_version 3', 'mcast_mld_version 2', 'nf_call_iptables 1', 'nf_call_ip6tables 1', 'nf_call_arptables 1',
];

/** Every bridge_slave word with a value. */
const PORT_WORDS = [
  'fdb_flush', 'state 3', 'priority 5', 'cost 7', 'guard on', 'hairpin on', 'fastleave on', 'root_block on', 'learning off',
  'flood off', 'proxy_arp on', 'proxy_arp_wifi on', 'mcast_router 2', 'mcast_fast_leave off', 'mcast_flood off',
  'bcast_flood off', 'mcast_to_unicast on', 'group_fwd_mask 0x4', 'neigh_suppress on', 'vlan_tunnel on', 'isolated on',
  'locked on', 'backup_port d1', 'nobackup_port',
];

test('bridge: every option on create, in one line and in reverse order', (t) => {
  assertSameRequests(t, `ip link add br1 type bridge ${BRIDGE_WORDS.join(' ')}`, undefined, NEWLINK);
  assertSameRequests(t, `ip link add br1 type bridge ${[...BRIDGE_WORDS].reverse().join(' ')}`, undefined, NEWLINK);
});

for (const words of BRIDGE_WORDS) {
  test(`bridge: link set dev br0 type bridge ${words}`, (t) => {
    assertSameRequests(t, `ip link set dev br0 type bridge ${words}`, undefined, NEWLINK);
  });
}

test('bridge: abbreviations, the ethertype as a number, both boolean options off', (t) => {
  assertSameRequests(t, 'ip link set dev br0 type bridge forw 300 mcast_q 1 mcast_querier_i 100 vlan_p 0x8100', undefined, NEWLINK);
  assertSameRequests(t, 'ip link set dev br0 type bridge no_linklocal_learn 0 mcast_vlan_snooping 0 vlan_protocol 802.1Q', undefined, NEWLINK);
});

// mcast_fast_leave and fastleave are one attribute: rtnl-ts sends the later word's value once,
// where iproute2 sends both attributes (the kernel keeps the last); so not in the same line here.
test('bridge_slave: every option in one line', (t) => {
  assertSameRequests(t, `ip link set dev d0 type bridge_slave ${PORT_WORDS.filter((w) => w !== 'nobackup_port' && w !== 'mcast_fast_leave off').join(' ')}`, undefined, NEWLINK);
});

for (const words of PORT_WORDS) {
  test(`bridge_slave: link set dev d0 type bridge_slave ${words}`, (t) => {
    assertSameRequests(t, `ip link set dev d0 type bridge_slave ${words}`, undefined, NEWLINK);
  });
}

test('bridge_slave: abbreviated words and values', (t) => {
  assertSameRequests(t, 'ip link set dev d0 type bridge_slave hair o learn on mcast_fl of st 1', undefined, NEWLINK);
});
