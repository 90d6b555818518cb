// Request parity for vti and vti6 (iproute2's link_vti.c and link_vti6.c): every `link add` line
// sends iproute2's RTM_NEWLINK bytes, every default ip sends included (this kernel has neither
// kind; ip sends its request all the same). Changes (`link set ... type vti`) read the tunnel
// first and are compared on the full kernel (test/full/tunnels2.test.ts).
import test from 'ava';
import { assertSandboxed } from './_util.js';
import { assertSameRequests, refusedAsIp } from './parity.js';

test.before(() => assertSandboxed());

const VETH = 'ip link add d0 type veth peer name d1';
const NEWLINK = { setup: VETH, types: ['RTM_NEWLINK'], dropProbe: true };

const LINES: readonly string[] = [
  'ip link add v0 type vti',
  'ip link add v0 type vti remote 192.0.2.1 local 192.0.2.2',
  'ip link add v0 type vti remote 192.0.2.1 local 192.0.2.2 key 42 dev d0',
  'ip link add v0 type vti ikey 1.2.3.4 okey 7 fwmark 0x10',
  'ip link add v0 type vti ikey 1 key 5 okey 9',
  'ip link add v0 type vti k 3 i 4 o 5 r 192.0.2.1 l any d d0',
  'ip link add v0 type vti remote any local 0.0.0.0',
  'ip link add name v0 mtu 1400 type vti key 0x10',
  'ip link add v0 type vti6',
  'ip link add v0 type vti6 remote 2001:db8::1 local 2001:db8::2 key 42 dev d0',
  'ip link add v0 type vti6 ikey 0.0.0.9 okey 10 fwmark 7',
  'ip link add v0 type vti6 remote any',
  'ip link add v0 type vti ikey 1.2.3',
];

for (const line of LINES) {
  test(line, (t) => {
    assertSameRequests(t, line, undefined, NEWLINK);
  });
}

// Bad words: ip's message and status, and no RTM_NEWLINK from either tool.
const BAD: readonly string[] = [
  'link add v0 type vti foo',
  'link add v0 type vti help',
  'link add v0 type vti key x',
  'link add v0 type vti remote 2001:db8::1',
  'link add v0 type vti6 remote 192.0.2.1',
  'link add v0 type vti6 local foo',
  'link add v0 type vti dev nope',
  'link add v0 type vti fwmark x',
  'link add v0 type vti key',
];

refusedAsIp(BAD);
