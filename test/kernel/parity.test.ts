// The request parity harness (parity.ts) on real captures: iproute2 and rtnl-ts under strace,
// each in a fresh namespace made from the same setup. Unit tests of its decoding and diff are in
// test/unit/parity.test.ts.
import test from 'ava';
import { assertSandboxed } from './_util.js';
import { assertSameRequests, compareRequests, decodeRequests, requestParity } from './parity.js';

test.before(() => assertSandboxed());

/** The state before each side: a veth pair d0/d1 in the side's own namespace. */
const VETH = 'ip link add d0 type veth peer name d1';
const NEWLINK = { setup: VETH, types: ['RTM_NEWLINK'], dropProbe: true };

test('one ip line run twice sends the same bytes, seq and port masked, even what the kernel refuses', (t) => {
  // This kernel has no 8021q (a full kernel has): ip sends the RTM_NEWLINK all the same.
  const line = 'ip link add link d0 name v10 type vlan id 10';
  const r = compareRequests(line, line, { setup: VETH });
  t.true(r.same, r.diff);
  const lines = decodeRequests(r.a.requests).join('\n');
  t.regex(lines, /RTM_NEWLINK flags REQUEST\|ACK\|EXCL\|CREATE/);
  t.regex(lines, /IFLA_VLAN_ID \(1\) len 6: 0a 00/);
  t.regex(lines, /RTM_GETLINK/, 'the lookup of d0 is captured too');
});

test('a real difference is found and shown by attribute name', (t) => {
  const r = compareRequests('ip link add vx0 type vxlan id 42 dstport 4789', 'ip link add vx0 type vxlan id 43 dstport 4789', NEWLINK);
  t.false(r.same);
  t.regex(r.diff!, /\n- {7}IFLA_VXLAN_ID \(1\) len 8: 2a 00 00 00 \(u32 42\)\n\+ {7}IFLA_VXLAN_ID \(1\) len 8: 2b 00 00 00 \(u32 43\)/);
});

test('the setup runs on each side: ifindexes agree, and a failing setup is an error', (t) => {
  const r = compareRequests('ip link set dev d1 mtu 1400', 'ip link set dev d1 mtu 1400', { setup: `${VETH}; ip link add e0 type veth peer name e1` });
  t.true(r.same, r.diff);
  t.is(r.a.status, 0);
  t.throws(() => compareRequests('ip link show', 'ip link show', { setup: 'ip link add d0 type nosuchkind' }), { message: /did not run/ });
});

test('ip and rtnl-ts: the same requests for link set, addr add, route add and link del', (t) => {
  assertSameRequests(t, 'ip link set dev d0 mtu 1400 up', undefined, { setup: VETH, types: ['RTM_NEWLINK'], dropProbe: true });
  assertSameRequests(t, 'ip addr add 10.0.0.1/24 dev d0', undefined, { setup: VETH, types: ['RTM_NEWADDR'] });
  assertSameRequests(t, 'ip route add 10.1.0.0/24 dev d0', undefined, { setup: `${VETH}; ip link set d0 up`, types: ['RTM_NEWROUTE'] });
  assertSameRequests(t, 'ip link del d0', undefined, { setup: VETH, types: ['RTM_DELLINK'] });
});

test('the whole sequence is compared unless types are given', (t) => {
  // ip link sends its RTM_NEWLINK support probe and looks d0 up; rtnl-ts does neither.
  const r = requestParity('ip link set dev d0 mtu 1400', undefined, { setup: VETH });
  t.false(r.same);
  t.true(r.a.requests.length > r.b.requests.length, r.diff);
});

// ip sends IFLA_VXLAN_LEARNING 1 (its default) on create: so does rtnl-ts.
test('vxlan: rtnl-ts sends iproute2\'s RTM_NEWLINK for link add type vxlan id 42 dstport 4789', (t) => {
  assertSameRequests(t, 'ip link add vx0 type vxlan id 42 dstport 4789', undefined, NEWLINK);
});

test('vlan: rtnl-ts sends iproute2\'s RTM_NEWLINK for link add link d0 name v10 type vlan id 10', (t) => {
  assertSameRequests(t, 'ip link add link d0 name v10 type vlan id 10', undefined, NEWLINK);
});
