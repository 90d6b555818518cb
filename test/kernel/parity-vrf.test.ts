// Request parity for vrf and its ports (iproute2's iplink_vrf.c), dummy and ifb: every `link add`
// and `link set ... type K` line sends iproute2's RTM_NEWLINK bytes, kinds this kernel lacks
// included (ip sends its request all the same).
import test from 'ava';
import { assertSandboxed } from './_util.js';
import { assertSameRequests } from './parity.js';

test.before(() => assertSandboxed());

const VETH = 'ip link add d0 type veth peer name d1';
const NEWLINK = { setup: VETH, types: ['RTM_NEWLINK'], dropProbe: true };

const LINES: readonly string[] = [
  'ip link add vrf0 type vrf table 10',
  'ip link add vrf0 type vrf table main',
  'ip link add vrf0 type vrf table 0x100',
  'ip link add name vrf0 mtu 1400 type vrf table 4294967295',
  'ip link set d0 type vrf table 20',
  'ip link set d0 type vrf_slave',
  'ip link add dm0 type dummy',
  'ip link add dm0 txqueuelen 5 type dummy',
  'ip link set d0 type dummy',
  'ip link add ifb3 type ifb',
  'ip link add name ifb3 mtu 9000 type ifb',
  'ip link set d0 type ifb',
];

for (const line of LINES) {
  test(line, (t) => {
    assertSameRequests(t, line, undefined, NEWLINK);
  });
}
