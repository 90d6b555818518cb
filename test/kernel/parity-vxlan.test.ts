// Request parity for vxlan (iproute2's iplink_vxlan.c): every `link add ... type vxlan` and
// `link set ... type vxlan` line sends iproute2's RTM_NEWLINK bytes, defaults (learning, the gpe
// port) and attribute order included. The kernel may refuse some (remcsum, gpe without external);
// ip sends its request all the same, and so does rtnl-ts.
import test from 'ava';
import { assertSandboxed } from './_util.js';
import { assertSameRequests } from './parity.js';

test.before(() => assertSandboxed());

const VETH = 'ip link add d0 type veth peer name d1';
const NEWLINK = { setup: VETH, types: ['RTM_NEWLINK'], dropProbe: true };

const ADD: readonly string[] = [
  'id 42 dstport 4789',
  'vni 42',
  'id 1 remote 10.0.0.2 local 10.0.0.1 dstport 4789',
  'id 1 local 10.0.0.1 remote 10.0.0.2',
  'id 1 remote 2001:db8::2 local 2001:db8::1 dstport 4789',
  'id 1 group 239.1.1.1 dev d0 dstport 4789',
  'id 1 group ff05::100 dev d0 dstport 0',
  'id 1 dev d0 ttl 5 tos 0x10 df set flowlabel 0x12345 dstport 4789',
  'id 1 ttl inherit tos inherit df inherit dstport 4789',
  'id 1 ttl auto df unset dstport 4789',
  'id 1 srcport 1000 2000 dstport 4789',
  'id 1 srcport 0 0 dstport 4789',
  'id 1 nolearning proxy rsc l2miss l3miss dstport 4789',
  'id 1 learning noproxy norsc nol2miss nol3miss',
  'id 1 ageing 300 maxaddress 100 dstport 4789',
  'id 1 ageing none maxaddress unlimited',
  'id 1 udpcsum udp6zerocsumtx udp6zerocsumrx remcsumtx remcsumrx dstport 4789',
  'id 1 noudpcsum noudp6zerocsumtx noudp6zerocsumrx noremcsumtx noremcsumrx',
  'dstport 4789 external',
  'external learning',
  'learning external',
  'external vnifilter dstport 4789',
  'external novnifilter',
  'id 1 noexternal dstport 4789',
  'id 1 gbp dstport 4789',
  'id 1 gpe',
  'id 1 gpe dstport 5000',
  'dstport 4789 id 7 local 10.1.1.1 ttl 64 dev d0 nolearning',
];

for (const words of ADD) {
  test(`link add vx0 type vxlan ${words}`, (t) => {
    assertSameRequests(t, `ip link add vx0 type vxlan ${words}`, undefined, NEWLINK);
  });
}

// Changes: the setup makes a vxlan; ip sends learning only when it is named.
const VX = { ...NEWLINK, setup: `${VETH}; ip link add vx0 type vxlan id 5 dstport 4789` };
const SET: readonly string[] = [
  'ttl 10',
  'nolearning',
  'learning ageing 100',
  'id 6',
  'remote 10.0.0.9',
  'l2miss l3miss',
];

for (const words of SET) {
  test(`link set vx0 type vxlan ${words}`, (t) => {
    assertSameRequests(t, `ip link set vx0 type vxlan ${words}`, undefined, VX);
  });
}
