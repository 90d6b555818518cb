/**
 * `rtnl-ts bridge mdb` against iproute2 6.1's `bridge mdb`, in the sandbox (this kernel's bridge
 * snoops multicast): add/del lines through each tool in twin namespaces leave the same database,
 * and show (text, -d with router ports, -s timers of permanent entries, -j, filters) prints it
 * byte for byte in both; every add/del line sends bridge's bytes; bad input gets bridge's words
 * and status and sends nothing; ip.bridge.mdb adds, lists, reads router ports and deletes.
 */
import test from 'ava';
import { IpRoute } from '../../src/api/iproute.js';
import { InvalidArgumentError } from '../../src/api/errors.js';
import { MDB_PERMANENT, MDB_RTR_TYPE_PERM } from '../../src/rtnl/bridge/index.js';
import { assertSandboxed } from './_util.js';
import { labNs, runBridge, runCliBridge, sameAsBridge } from './bridge-helpers.js';
import { assertSameRequests, requestParity } from './parity.js';

test.before(() => assertSandboxed());

// d2 is a permanent multicast router port (mcast_router 2): its timer stays 0, so -s output is stable
const PORTS = [
  'ip link add br0 type bridge', 'ip link add d0 type veth peer name d1', 'ip link add d2 type veth peer name d3',
  'ip link set d0 master br0', 'ip link set d2 master br0', 'ip link set br0 up', 'ip link set d0 up', 'ip link set d2 up',
  'bridge link set dev d2 mcast_router 2',
];

/** Permanent entries only: a temporary one's timer runs between two runs. */
const CHANGES = [
  'mdb add dev br0 port d0 grp 239.1.1.1 permanent',
  'mdb add dev br0 port d0 grp 01:00:5e:01:01:05 permanent',
  'mdb add dev br0 port d0 grp 239.1.1.9 src 10.0.0.1 permanent',
  'mdb add dev br0 port d2 grp ff0e::5 permanent',
  'mdb add dev br0 port d2 grp ff0e::6 src 2001:db8::1 permanent',
  'mdb add dev br0 port d2 grp 239.1.1.1 permanent',
  'mdb add dev br0 port d2 grp 239.2.2.2 permanent temp vid 0',
  'mdb add dev br0 port d0 grp 239.1.1.3 temp',
  'mdb del dev br0 port d2 grp 239.1.1.1 permanent',
  'mdb add dev br0 port d0 grp 239.1.1.1 permanent',
];

test('add/del lines leave the same database in twin namespaces; show prints it as bridge in both', (t) => {
  const a = labNs(t, 'bma', PORTS);
  const b = labNs(t, 'bmb', PORTS);
  for (const line of CHANGES) t.deepEqual(runCliBridge('-n', b, ...line.split(' ')), runBridge('-n', a, ...line.split(' ')), line);
  const shows = [['mdb'], ['mdb', 'show'], ['-d', 'mdb', 'show'], ['-s', 'mdb', 'show'], ['-d', '-s', 'mdb', 'show'], ['-j', 'mdb', 'show'],
    ['-d', '-j', 'mdb', 'show'], ['-d', '-s', '-j', '-p', 'mdb', 'list'], ['mdb', 'show', 'dev', 'br0'], ['mdb', 'show', 'dev', 'd0'],
    ['mdb', 'show', 'vid', '5'], ['-j', 'mdb', 'show', 'dev', 'br0', 'vid', '0'], ['mdb', 'show', 'dev', 'nope'], ['-d', '-o', 'mdb', 'lst']];
  for (const args of shows) {
    const want = runBridge('-n', a, ...args);
    t.deepEqual(runCliBridge('-n', b, ...args), want, `rtnl-ts bridge ${args.join(' ')} (twin made by rtnl-ts)`);
    t.deepEqual(runCliBridge('-n', a, ...args), want, `rtnl-ts bridge ${args.join(' ')} (twin made by bridge)`);
  }
  t.regex(runBridge('-n', a, '-d', 'mdb').stdout, /router ports on br0: d2 /);
  t.is(runBridge('-n', a, 'mdb').stdout.split('\n').length - 1, 6, 'six permanent entries');
});

test('request parity: add and del lines', (t) => {
  const setup = PORTS.join('; ');
  for (const line of [...CHANGES, 'mdb add dev br0 port br0 grp 239.3.3.3', 'mdb add dev br0 port d0 grp 239.3.3.3 vid 70000',
    'mdb del dev br0 port d0 grp 01:00:5e:01:01:05 vid 5', 'mdb a dev br0 port d0 grp ff0e::7 src 2001:db8::2',
    'mdb add dev br0 port d0 grp 0x1:2:3:4:5:6 permanent', 'mdb add dev br0 port d0 grp 239.5.5.5 vid 4095']) {
    assertSameRequests(t, `bridge ${line}`, `bridge ${line}`, { setup, types: ['RTM_NEWMDB', 'RTM_DELMDB'] });
  }
});

test('bad input: bridge words and status, nothing sent', (t) => {
  const ns = labNs(t, 'bmx', PORTS);
  const lines = ['mdb add dev br0 port d0', 'mdb add dev br0 grp 239.1.1.1', 'mdb add port d0 grp 239.1.1.1', 'mdb add dev nope port d0 grp 239.1.1.1',
    'mdb add dev br0 port nope grp 239.1.1.1', 'mdb add dev br0 port d0 grp zz', 'mdb add dev br0 port d0 grp 1:2:3',
    'mdb add dev br0 port d0 grp 1.2.3.4.5', 'mdb add dev br0 port d0 grp 1:2:3:4:5:1ff', 'mdb add dev br0 port d0 grp 239.1.1.1 src foo',
    'mdb add dev br0 port d0 grp', 'mdb help', 'mdb add dev br0 help', 'mdb frob', 'mdb show vid 1 vid 2', 'mdb show dev br0 dev d0'];
  for (const line of lines) {
    const r = sameAsBridge(t, '-n', ns, ...line.split(' '));
    t.not(r.status, 0, line);
  }
  for (const line of lines.slice(0, 10)) {
    const r = requestParity(`bridge ${line}`, `bridge ${line}`, { setup: PORTS.join('; '), types: ['RTM_NEWMDB', 'RTM_DELMDB'] });
    t.deepEqual([r.a.requests.length, r.b.requests.length], [0, 0], `${line}: nothing sent`);
  }
  // the kernel judges what bridge leaves to it (a temporary entry on a port that is down, an entry that is not there)
  for (const line of ['mdb add dev br0 port d0 grp 239.5.5.5 vid 4095 permanent', 'mdb del dev br0 port d0 grp 239.7.7.7']) {
    t.not(sameAsBridge(t, '-n', ns, ...line.split(' ')).status, 0, line);
  }
});

test('ip.bridge.mdb: add, list typed, router ports, del; bad specs refused before sending', async (t) => {
  const ns = labNs(t, 'bml', PORTS);
  await using ip = await IpRoute.open({ netns: ns });
  await ip.bridge.mdb.add({ dev: 'br0', port: 'd0', group: '239.9.9.9', permanent: true });
  await ip.bridge.mdb.add({ dev: 'br0', port: 'd2', group: 'ff0e::9', source: '2001:db8::9', permanent: true });
  await ip.bridge.mdb.add({ dev: 'br0', port: 'd0', group: '01:00:5e:00:00:09', permanent: true });
  const d0 = await ip.ctx.ifindex('d0');
  const list = await ip.bridge.mdb.list({ dev: 'br0' });
  t.like(list.find((e) => e.group === '239.9.9.9'), { ifindex: d0, state: MDB_PERMANENT, vid: 0 });
  t.like(list.find((e) => e.group === 'ff0e::9'), { source: '2001:db8::9' });
  t.truthy(list.find((e) => e.group === '01:00:5e:00:00:09' && e.proto === 0));
  const j = JSON.parse(runBridge('-n', ns, '-j', 'mdb', 'show').stdout) as [{ mdb: { grp: string }[] }];
  t.deepEqual(j[0].mdb.map((e) => e.grp).sort(), list.map((e) => e.group).sort());
  const [r] = await ip.bridge.mdb.routers({ dev: 'br0' });
  const d2 = await ip.ctx.ifindex('d2');
  t.like(r?.ports.find((p) => p.ifindex === d2), { type: MDB_RTR_TYPE_PERM });
  t.deepEqual(await ip.bridge.mdb.list({ vid: 7 }), []);
  await ip.bridge.mdb.del({ dev: 'br0', port: 'd0', group: '239.9.9.9' });
  t.false(runBridge('-n', ns, 'mdb').stdout.includes('239.9.9.9'));
  await t.throwsAsync(ip.bridge.mdb.add({ dev: 'br0', port: 'd0', group: '1:2:3' }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(ip.bridge.mdb.add({ dev: 'br0', port: 'd0', group: '239.1.1.1', source: 'x' }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(ip.bridge.mdb.del({ dev: 'br0', port: 'd0', group: '239.1.1.1', permanent: true }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(ip.bridge.mdb.add({ dev: 'br0', port: 'd0', group: '239.1.1.1', vid: 70000 }), { instanceOf: InvalidArgumentError });
});
