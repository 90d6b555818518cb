// Request parity for ipvlan and ipvtap (iproute2's iplink_ipvlan.c): every `link add` and
// `link set ... type ipvlan|ipvtap` line sends iproute2's RTM_NEWLINK bytes. This kernel has no
// ipvlan: ip sends its request all the same, and so does rtnl-ts.
import test from 'ava';
import { assertSandboxed } from './_util.js';
import { assertSameRequests } from './parity.js';

test.before(() => assertSandboxed());

const VETH = 'ip link add d0 type veth peer name d1';
const NEWLINK = { setup: VETH, types: ['RTM_NEWLINK'], dropProbe: true };

const LINES: readonly string[] = [
  'ip link add link d0 name i0 type ipvlan',
  'ip link add link d0 name i0 type ipvlan mode l2',
  'ip link add link d0 name i0 type ipvlan mode l3',
  'ip link add link d0 name i0 type ipvlan mode l3s',
  'ip link add link d0 name i0 type ipvlan mode l2 bridge',
  'ip link add link d0 name i0 type ipvlan mode l3 private',
  'ip link add link d0 name i0 type ipvlan vepa mode l3s',
  'ip link add link d0 name i0 type ipvlan private',
  'ip link add link d0 name i0 type ipvtap mode l2 vepa',
  'ip link add link d0 name i0 type ipvtap',
  'ip link set d1 type ipvlan mode l2',
  'ip link set d1 type ipvlan private',
  'ip link set d1 type ipvtap mode l3s bridge',
];

for (const line of LINES) {
  test(line, (t) => {
    assertSameRequests(t, line, undefined, NEWLINK);
  });
}
