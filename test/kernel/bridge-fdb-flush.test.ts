/**
 * `rtnl-ts bridge fdb flush` against iproute2 6.1's: the bulk RTM_DELNEIGH (ndm state/flags,
 * NDA_IFINDEX, NDA_VLAN, the NDA_NDM_*_MASK attributes) is bridge's byte for byte, and the same
 * flush lines through each tool in twin namespaces leave the same tables and say the same (the
 * port learns nothing, so only the test's entries are there).
 */
import test from 'ava';
import { assertSandboxed } from './_util.js';
import { labNs, runBridge, runCliBridge } from './bridge-helpers.js';
import { assertSameRequests } from './parity.js';

test.before(() => assertSandboxed());

const LAB = [
  'ip link add br0 address 02:aa:00:00:00:01 type bridge', 'ip link add d0 address 02:aa:00:00:00:02 type veth peer name d1 address 02:aa:00:00:00:03',
  'ip link set d0 master br0', 'ip link set br0 up', 'ip link set d0 up',
  'bridge fdb add 02:00:00:00:00:01 dev d0 master static', 'bridge fdb add 02:00:00:00:00:02 dev d0 master extern_learn',
  'bridge fdb add 02:00:00:00:00:03 dev d0 master static sticky', 'bridge fdb add 02:00:00:00:00:04 dev d0 master permanent',
];

const FLUSHES = [
  'flush dev br0 master dynamic', 'flush dev br0 brport d0 vlan 3 nopermanent static sticky noextern_learn',
  'flush dev br0 self offloaded noadded_by_user nostatic nodynamic', 'flush dev br0 master sticky', 'flush dev br0 master extern_learn', 'flush dev br0 master static',
  'flush dev br0 master nopermanent', 'flush dev br0',
];

test('request parity: the bulk delete', (t) => {
  for (const line of FLUSHES) {
    assertSameRequests(t, `bridge fdb ${line}`, `bridge fdb ${line}`, { setup: LAB.join('; '), types: ['RTM_DELNEIGH'] });
  }
});

test('the same flushes leave the same tables in twin namespaces', (t) => {
  const a = labNs(t, 'bffa', LAB);
  const b = labNs(t, 'bffb', LAB);
  for (const line of FLUSHES) {
    const words = ['fdb', ...line.split(' ')];
    t.deepEqual(runCliBridge('-n', b, ...words), runBridge('-n', a, ...words), line);
    t.is(runCliBridge('-n', b, '-j', 'fdb', 'show', 'br', 'br0').stdout, runBridge('-n', a, '-j', 'fdb', 'show', 'br', 'br0').stdout, line);
  }
});
