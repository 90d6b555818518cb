// Request parity for nlmon (iproute2's iplink_nlmon.c: no options; this kernel has no nlmon, ip
// sends its request all the same) and for veth's peer words (link_veth.c hands them to
// iplink_parse: name, address, mtu, txqueuelen, netns, numtxqueues, ...): every line sends
// iproute2's RTM_NEWLINK bytes.
import test from 'ava';
import { assertSandboxed } from './_util.js';
import { assertSameRequests } from './parity.js';

test.before(() => assertSandboxed());

const VETH = 'ip link add d0 type veth peer name d1';
const NEWLINK = { setup: VETH, types: ['RTM_NEWLINK'], dropProbe: true };

const LINES: readonly string[] = [
  'ip link add nl0 type nlmon',
  'ip link add nl0 txqueuelen 5 mtu 2000 type nlmon',
  'ip link set d0 type nlmon',
  'ip link add v0 type veth',
  'ip link add v0 type veth peer v1',
  'ip link add v0 type veth peer name v1 address 02:00:00:00:00:01 mtu 1400',
  'ip link add v0 address 02:00:00:00:00:02 type veth peer name v1 address 02:00:00:00:00:01 txqueuelen 10',
  'ip link add v0 type veth peer name v1 numtxqueues 2 numrxqueues 3',
  'ip link add v0 type veth peer name v1 broadcast 02:ff:ff:ff:ff:ff',
  'ip link add v0 type veth peer name v1 group 5',
  'ip link add v0 type veth peer name v1 up',
  'ip link add v0 type veth peer name v1 arp off multicast on',
  'ip link add v0 type veth peer name v1 netns 1',
];
// Not compared: `peer ... netns NAME` sends an open fd's number, which differs between two
// processes by nature; `alias X` (peer or not) goes out with a NUL from rtnl-ts, without from ip
// (the kernel stores the same string either way; the link codec re-encodes what the kernel sends).

for (const line of LINES) {
  test(line, (t) => {
    assertSameRequests(t, line, undefined, NEWLINK);
  });
}
