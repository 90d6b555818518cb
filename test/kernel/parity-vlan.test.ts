// Request parity for vlan (iproute2's iplink_vlan.c): every `link add ... type vlan` and
// `link set ... type vlan` line sends iproute2's RTM_NEWLINK bytes. This kernel has no 8021q:
// ip sends its request all the same, and so does rtnl-ts.
import test from 'ava';
import { assertSandboxed } from './_util.js';
import { assertSameRequests } from './parity.js';

test.before(() => assertSandboxed());

const VETH = 'ip link add d0 type veth peer name d1';
const NEWLINK = { setup: VETH, types: ['RTM_NEWLINK'], dropProbe: true };

const ADD: readonly string[] = [
  'id 10',
  'id 0',
  'id 4094',
  'protocol 802.1Q id 10',
  'protocol 802.1ad id 10',
  'protocol 802.1q id 10',
  'protocol 0x88a8 id 10',
  'id 10 reorder_hdr off',
  'id 10 reorder_hdr on gvrp on mvrp off loose_binding on bridge_binding off',
  'id 10 gvrp off mvrp on',
  'id 10 bridge_binding on',
  'id 10 ingress-qos-map 0:1 1:2 7:7',
  'id 10 egress-qos-map 1:2 3:4 reorder_hdr off',
  'id 10 egress-qos-map 0x10:7',
  'id 10 ingress-qos-map egress-qos-map 2:3',
  'egress-qos-map 2:3 protocol 802.1ad id 20 ingress-qos-map 1:1',
];

for (const words of ADD) {
  test(`link add link d0 name v10 type vlan ${words}`, (t) => {
    assertSameRequests(t, `ip link add link d0 name v10 type vlan ${words}`, undefined, NEWLINK);
  });
}

// Changes of an existing vlan: this kernel has none, so d1 (a veth) stands in; ip and rtnl-ts
// send the same change and the kernel refuses it on both sides.
const SET: readonly string[] = [
  'reorder_hdr off',
  'gvrp on mvrp on loose_binding off',
  'bridge_binding on',
  'ingress-qos-map 1:3 2:4',
  'egress-qos-map 5:1 reorder_hdr on',
  'id 11',
];

for (const words of SET) {
  test(`link set d1 type vlan ${words}`, (t) => {
    assertSameRequests(t, `ip link set d1 type vlan ${words}`, undefined, NEWLINK);
  });
}
