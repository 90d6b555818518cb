/**
 * `rtnl-ts tc filter add ... flower` (tc/f_flower.c's common keys through ip.tc.filter's flower
 * driver). This kernel has no cls_flower, so: the requests equal tc 6.1's byte for byte (strace;
 * the kernel refuses both alike), and bad words are refused with tc's words and status, nothing
 * sent. test/full/tc-show.test.ts reads flower filters back on the full kernel.
 */
import test from 'ava';
import { assertSandboxed } from './_util.js';
import { sameTcFailures } from './cli-helpers.js';
import { assertSameRequests, requestParity } from './parity.js';

test.before(() => assertSandboxed());

const SETUP = 'ip link add d0 type veth peer name d1; ip link add ifb0 type ifb; tc qdisc add dev d0 clsact';
const OPTS = { setup: SETUP, types: ['RTM_NEWTFILTER'] };

const LINES: readonly string[] = [
  'tc filter add dev d0 ingress protocol ip pref 1 flower ip_proto tcp dst_port 80 classid 1:1',
  'tc filter add dev d0 egress pref 4 protocol ip flower ip_proto tcp src_ip 10.0.0.0/8 dst_ip 192.168.1.1 dst_port 80 src_port 1024 skip_hw classid 1:1 action gact reclassify random determ drop 5',
  'tc filter add dev d0 egress pref 5 protocol 802.1Q flower vlan_id 100 vlan_prio 3 vlan_ethtype ip dst_mac 02:00:00:00:00:01 src_mac 02:00:00:00:00:00/24 action skbedit mark 5/0xff',
  'tc filter add dev d0 egress pref 6 protocol ipv6 flower ip_proto udp dst_ip fe80::1/64 dst_port 53 ip_tos 0x10/0xf0 ip_flags frag/nofirstfrag action police rate 10mbit burst 100k mtu 2k peakrate 20mbit conform-exceed pass/drop',
  'tc filter add dev d0 egress pref 7 protocol ip flower ip_proto icmp dst_mac 02:00:00:00:00:09/ff:00:00:00:00:ff ip_ttl 64 action gact continue',
  'tc filter add dev d0 ingress flower dst_mac 02:00:00:00:00:01 skip_sw action mirred egress redirect dev ifb0',
  'tc filter add dev d0 ingress protocol ip handle 7 flower ip_proto udp src_port 53/0xff00 indev d0 action drop',
  'tc filter replace dev d0 ingress protocol ipv6 pref 9 flower src_ip 2001:db8::/32 ip_proto sctp dst_port 9',
];

for (const line of LINES) {
  test(`same requests: ${line}`, (t) => {
    assertSameRequests(t, line, line.split(' '), OPTS);
  });
}

const BAD: readonly string[] = [
  'filter add dev d0 ingress protocol ip flower bogus', 'filter add dev d0 ingress protocol ip flower help',
  'filter add dev d0 ingress protocol ip flower vlan_id 5', 'filter add dev d0 ingress protocol 802.1Q flower vlan_id 5000',
  'filter add dev d0 ingress protocol 802.1Q flower vlan_prio 9', 'filter add dev d0 ingress flower ip_proto tcp',
  'filter add dev d0 ingress protocol ip flower ip_proto zz', 'filter add dev d0 ingress protocol ip flower dst_port 80',
  'filter add dev d0 ingress protocol ip flower dst_ip 10.0.0.1/40', 'filter add dev d0 ingress protocol ip flower dst_mac zz',
  'filter add dev d0 ingress protocol ip flower ip_tos 300', 'filter add dev d0 ingress protocol ip flower ip_flags bogus',
  'filter add dev d0 ingress protocol ip handle zz flower', 'filter add dev d0 ingress protocol ip flower classid zz',
  'filter add dev d0 ingress protocol ip flower ip_proto tcp dst_port zz', 'filter add dev d0 ingress protocol ip flower dst_ip',
];

test('bad flower words: tc\'s words and status', (t) => {
  sameTcFailures(t, SETUP, BAD);
});

test('bad flower words send nothing', (t) => {
  for (const cmd of BAD.slice(2, 8)) {
    const r = requestParity(`tc ${cmd}`, cmd.split(' '), { ...OPTS, allowNone: true });
    t.is(r.b.requests.length, 0, `rtnl-ts sent nothing for tc ${cmd}`);
    t.is(r.a.requests.length, 0, `tc sent nothing for tc ${cmd}`);
  }
});
