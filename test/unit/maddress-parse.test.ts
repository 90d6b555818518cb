// The /proc/net readers of ip.maddress, on the files as kernel 6.18 writes them.
import test from 'ava';
import { endianness } from 'node:os';
import { parseDevMcast, parseIgmp, parseIgmp6 } from '../../src/api/maddress.js';

test('dev_mcast: link-layer addresses, users, static', (t) => {
  const text = '2    v1              1     0     333300000001\n3    v0              2     1     01005e010203\n';
  t.deepEqual(parseDevMcast(text), [
    { ifindex: 2, ifname: 'v1', family: 'link', address: '33:33:00:00:00:01', users: 1 },
    { ifindex: 3, ifname: 'v0', family: 'link', address: '01:00:5e:01:02:03', users: 2, static: true },
  ]);
});

test('igmp: groups under their device, the u32 in host byte order', (t) => {
  const group = endianness() === 'LE' ? '010000E0' : 'E0000001';
  const text = `Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n1\tlo        :     1      V3\n\t\t\t\t${group}     1 0:00000000\t\t0\n12\tlongname12:     2      V3\n\t\t\t\t${group}     3 0:00000000\t\t0\n`;
  t.deepEqual(parseIgmp(text), [
    { ifindex: 1, ifname: 'lo', family: 'inet', address: '224.0.0.1', users: 1 },
    { ifindex: 12, ifname: 'longname12', family: 'inet', address: '224.0.0.1', users: 3 },
  ]);
});

test('igmp6: addresses compressed as inet_ntop writes them', (t) => {
  const text = '1    lo              ff020000000000000000000000000001     1 0000000C 0\n2    v1              ff0200000000000000000001ffd5f3c0     2 00000004 0\n';
  t.deepEqual(parseIgmp6(text), [
    { ifindex: 1, ifname: 'lo', family: 'inet6', address: 'ff02::1', users: 1 },
    { ifindex: 2, ifname: 'v1', family: 'inet6', address: 'ff02::1:ffd5:f3c0', users: 2 },
  ]);
});

test('empty or odd lines are skipped', (t) => {
  t.deepEqual(parseDevMcast('\ngarbage\n'), []);
  t.deepEqual(parseIgmp(''), []);
  t.deepEqual(parseIgmp6('1 lo zz 1\n'), []);
});
