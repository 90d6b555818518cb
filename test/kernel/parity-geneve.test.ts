// Request parity for geneve (iproute2's iplink_geneve.c) and wireguard (a kind without options
// in rtnetlink): every line sends iproute2's RTM_NEWLINK bytes. This kernel has neither: ip sends
// its request all the same, and so does rtnl-ts.
import test from 'ava';
import { assertSandboxed } from './_util.js';
import { assertSameRequests } from './parity.js';

test.before(() => assertSandboxed());

const VETH = 'ip link add d0 type veth peer name d1';
const NEWLINK = { setup: VETH, types: ['RTM_NEWLINK'], dropProbe: true };

const ADD: readonly string[] = [
  'geneve id 42 remote 10.0.0.2',
  'geneve vni 42 remote 2001:db8::2 dstport 6081',
  'geneve id 1 remote 10.0.0.2 ttl 5 tos 0x10 df set flowlabel 0x12345',
  'geneve df inherit id 1 ttl inherit remote 10.0.0.2 tos inherit',
  'geneve id 1 remote 10.0.0.2 ttl auto df unset',
  'geneve id 1 remote 10.0.0.2 udpcsum udp6zerocsumtx udp6zerocsumrx',
  'geneve id 1 remote 10.0.0.2 noudpcsum noudp6zerocsumtx noudp6zerocsumrx noexternal',
  'geneve external',
  'geneve external dstport 6082 innerprotoinherit',
  'geneve id 1 remote 10.0.0.2 innerprotoinherit dstport 0',
  'wireguard',
];

for (const words of ADD) {
  test(`link add g0 type ${words}`, (t) => {
    assertSameRequests(t, `ip link add g0 type ${words}`, undefined, NEWLINK);
  });
}

// Changes (this kernel has no geneve: d1, a veth, stands in and both requests are refused alike).
for (const words of ['id 1', 'id 1 ttl 9', 'id 1 remote 10.0.0.3 flowlabel 5 tos 4 udpcsum', 'external']) {
  test(`link set d1 type geneve ${words}`, (t) => {
    assertSameRequests(t, `ip link set d1 type geneve ${words}`, undefined, NEWLINK);
  });
}
