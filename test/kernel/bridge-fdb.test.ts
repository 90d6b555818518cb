/**
 * `rtnl-ts bridge fdb` against iproute2 6.1's `bridge fdb`, in the sandbox: show (text, -d, -j,
 * -p, filters br/brport/dev/state) byte for byte; -s counters compared with their ages masked
 * (they tick between two runs); add/append/replace/del lines through each tool in twin namespaces
 * leave the same tables; bad input (a bad MAC, a missing device, vlan 5000, an entry that is not
 * there) gets bridge's words and status and changes nothing; every add/del line sends bridge's
 * bytes; ip.bridge.fdb adds, lists, deletes and flushes; `fdb get` (found, not found, bad input)
 * prints and fails as bridge's and sends its request.
 */
import test from 'ava';
import { IpRoute } from '../../src/api/iproute.js';
import { InvalidArgumentError } from '../../src/api/errors.js';
import { assertSandboxed } from './_util.js';
import { labNs, runBridge, runCliBridge, sameAsBridge } from './bridge-helpers.js';
import { assertSameRequests } from './parity.js';

test.before(() => assertSandboxed());

/** d1 has no IPv6 address (addrgenmode none), so it sends nothing br0 could learn between two reads. */
const PORTS = [
  'ip link add br0 type bridge', 'ip link add d0 type veth peer name d1', 'ip link add d2 type veth peer name d3',
  'ip link set d0 master br0', 'ip link set d2 master br0', 'ip link set br0 up', 'ip link set d0 up',
  'ip link set d1 addrgenmode none', 'ip link set d1 up',
  'ip link add vx0 type vxlan id 42 dstport 4789 local 10.0.0.1',
];

const ENTRIES = [
  'bridge fdb add 02:00:00:00:00:01 dev d0 master static',
  'bridge fdb add 02:00:00:00:00:02 dev d0 master dynamic',
  'bridge fdb add 02:00:00:00:00:03 dev d2 master',
  'bridge fdb add 02:00:00:00:00:04 dev d1 self permanent',
  'bridge fdb add 00:00:00:00:00:00 dev vx0 dst 10.0.0.2 self permanent',
  'bridge fdb append 00:00:00:00:00:00 dev vx0 dst 10.0.0.3 port 4790 vni 43 self',
];

/** The entries the test made (veths get random MACs, different in each namespace). */
const ours = (json: string): unknown[] => (JSON.parse(json) as { mac: string }[]).filter((e) => /^0[02]:00:00:00:00:/.test(e.mac));

/** The seconds of `used`/`updated` move between two runs. */
const ages = (s: string): string => s.replace(/used \d+\/\d+/g, 'used U').replace(/"(used|updated)": ?\d+/g, '"$1":U');

test('show: text, details, JSON, filters; -s with ages masked', (t) => {
  const ns = labNs(t, 'bfs', [...PORTS, ...ENTRIES]);
  for (const args of [['fdb'], ['fdb', 'show'], ['-d', 'fdb', 'show'], ['-j', 'fdb', 'show'], ['-j', '-p', 'fdb', 'list'],
    ['fdb', 'show', 'br', 'br0'], ['fdb', 'show', 'dev', 'd0'], ['fdb', 'show', 'brport', 'd2'], ['fdb', 'show', 'dev', 'vx0'],
    ['fdb', 'show', 'state', 'static'], ['fdb', 'show', 'dynamic'], ['-j', 'fdb', 'show', 'br', 'br0', 'permanent'],
    ['fdb', 'show', 'br', 'nope'], ['fdb', 'show', 'dev', 'nope']]) sameAsBridge(t, '-n', ns, ...args);
  for (const args of [['-s', 'fdb', 'show'], ['-s', '-j', 'fdb', 'show']]) {
    const want = runBridge('-n', ns, ...args);
    const got = runCliBridge('-n', ns, ...args);
    t.is(ages(got.stdout), ages(want.stdout), args.join(' '));
    t.is(got.status, want.status);
  }
});

const CHANGES = [
  'fdb add 02:00:00:00:00:11 dev d0 master static vlan 7',
  'fdb replace 02:00:00:00:00:11 dev d0 master dynamic vlan 7',
  'fdb add 02:00:00:00:00:12 dev d2 master sticky',
  'fdb add 02:00:00:00:00:13 dev d1 self local',
  'fdb add 00:00:00:00:00:00 dev vx0 dst 10.0.0.5 self permanent',
  'fdb append 00:00:00:00:00:00 dev vx0 dst 10.0.0.6 port 4791 vni 77 via d1 self',
  'fdb del 02:00:00:00:00:12 dev d2 master',
  'fdb del 00:00:00:00:00:00 dev vx0 dst 10.0.0.5 self',
  'fdb add 02:00:00:00:00:14 dev d0',
];

test('add/append/replace/del: the same lines leave the same tables in twin namespaces', (t) => {
  const a = labNs(t, 'bfa', PORTS);
  const b = labNs(t, 'bfb', PORTS);
  for (const line of CHANGES) {
    const ra = runBridge('-n', a, ...line.split(' '));
    const rb = runCliBridge('-n', b, ...line.split(' '));
    t.deepEqual(rb, ra, line);
    t.deepEqual(ours(runCliBridge('-n', b, '-j', 'fdb', 'show').stdout), ours(runBridge('-n', a, '-j', 'fdb', 'show').stdout), line);
  }
});

test('bad input: bridge words and status, nothing changes', (t) => {
  const ns = labNs(t, 'bfx', [...PORTS, ...ENTRIES]);
  const before = runBridge('-n', ns, '-j', 'fdb', 'show').stdout;
  for (const line of ['fdb add zz:00:00:00:00:01 dev d0 master', 'fdb add 02:00:00:00:00:01 dev d0 master',
    'fdb add 02:00:00:00:00:05 dev nope master', 'fdb add 02:00:00:00:00:05', 'fdb add 02:00:00:00:00:05 dev d0 vlan 5000 master',
    'fdb del zz dev d0 master', 'fdb del 02:00:00:00:00:99 dev d0 master', 'fdb frob', 'fdb help', 'fdb flush',
    'fdb add 02:00:00:00:00:05 dev vx0 port x self',
    'fdb add 02:00:00:00:00:05 dev vx0 vni 99999999 self', 'fdb add 02:00:00:00:00:05 dev d0 master state bogus']) {
    const r = sameAsBridge(t, '-n', ns, ...line.split(' '));
    t.not(r.status, 0, line);
  }
  t.is(runBridge('-n', ns, '-j', 'fdb', 'show').stdout, before);
});

test('request parity: every add/append/replace/del line', (t) => {
  const setup = PORTS.join('; ');
  for (const line of [...CHANGES, ...ENTRIES.map((l) => l.replace(/^bridge /, '')), 'fdb add 02:00:00:00:00:21 dev d0 master extern_learn',
    'fdb add 02:00:00:00:00:22 dev d0 self master router use', 'fdb add 00:00:00:00:00:00 dev vx0 src_vni 5 dst 10.0.0.9 self',
    'fdb add 00:00:00:00:00:00 dev vx0 dst ff02::1 self', 'fdb add 00:00:00:00:00:00 dev vx0 nhid 5 self']) {
    assertSameRequests(t, `bridge ${line}`, `bridge ${line}`, { setup, types: ['RTM_NEWNEIGH', 'RTM_DELNEIGH'] });
  }
});

test('the library adds, lists, deletes and flushes entries, checking values first', async (t) => {
  const ns = labNs(t, 'bfl', PORTS);
  await using ip = await IpRoute.open({ netns: ns });
  await ip.bridge.fdb.add({ lladdr: '02:00:00:00:00:31', dev: 'd0', master: true, state: 'static' });
  await ip.bridge.fdb.add({ lladdr: '00:00:00:00:00:00', dev: 'vx0', self: true, dst: '10.0.0.7', port: 4790, vni: 9 });
  const j = JSON.parse(runBridge('-n', ns, '-j', 'fdb', 'show', 'br', 'br0').stdout) as { mac: string; vlan?: number; state: string }[];
  t.like(j.find((e) => e.mac === '02:00:00:00:00:31'), { state: 'static' });
  const vx = (await ip.bridge.fdb.list({ dev: 'vx0' })).filter((e) => e.mac === '00:00:00:00:00:00');
  t.like(vx[0], { dst: '10.0.0.7', port: 4790, vni: 9 });
  runBridge('-n', ns, 'fdb', 'add', '02:00:00:00:00:32', 'dev', 'd0', 'master', 'dynamic');
  t.truthy((await ip.bridge.fdb.list({ br: 'br0' })).find((e) => e.mac === '02:00:00:00:00:32'));
  await ip.bridge.fdb.del({ lladdr: '02:00:00:00:00:31', dev: 'd0', master: true });
  t.false(runBridge('-n', ns, 'fdb', 'show').stdout.includes('02:00:00:00:00:31'));
  await t.throwsAsync(ip.bridge.fdb.add({ lladdr: 'zz', dev: 'd0', master: true }), { instanceOf: InvalidArgumentError });
  // as with bridge, the kernel judges the VLAN id ("invalid vlan id")
  await t.throwsAsync(ip.bridge.fdb.add({ lladdr: '02:00:00:00:00:33', dev: 'd0', vlan: 5000 }), { code: 'EINVAL' });
  t.false(runBridge('-n', ns, 'fdb', 'show').stdout.includes('02:00:00:00:00:33'));
  await ip.bridge.fdb.flush({ dev: 'br0', dynamic: true });
  t.false(runBridge('-n', ns, 'fdb', 'show').stdout.includes('02:00:00:00:00:32'));
});

test('fdb get: entries found and not, text and -j, bad input, as bridge; request parity; ip.bridge.fdb.get', async (t) => {
  const ns = labNs(t, 'bfg', [...PORTS, ...ENTRIES]);
  const lines = ['02:00:00:00:00:01 dev d0', '02:00:00:00:00:01 br br0', '02:00:00:00:00:01 dev d0 master', 'to 02:00:00:00:00:02 dev d0 m',
    '02:00:00:00:00:04 dev d1 self', '00:00:00:00:00:00 dev vx0 self vni 42', '02:00:00:00:00:01 dev d0 dynamic', '02:00:00:00:00:04 dev d1 self d',
    '02:00:00:00:00:99 br br0', '02:00:00:00:00:01 br br0 dev d0', '02:00:00:00:00:01 dev d0 vlan 5000', 'zz dev d0', '02:00:00:00:00:01',
    '02:00:00:00:00:01 dev nope', '02:00:00:00:00:01 br nope', '02:00:00:00:00:01 dev d0 vlan 1 vlan 2', '02:00:00:00:00:01 dev d0 vni 99999999',
    '02:00:00:00:00:01 02:00:00:00:00:02 dev d0', 'help'];
  for (const line of lines) {
    sameAsBridge(t, '-n', ns, 'fdb', 'get', ...line.split(' '));
    sameAsBridge(t, '-n', ns, '-j', 'fdb', 'get', ...line.split(' '));
  }
  for (const line of lines.slice(0, 11)) { // the ones that reach the kernel
    assertSameRequests(t, `bridge fdb get ${line}`, `bridge fdb get ${line}`, { setup: [...PORTS, ...ENTRIES].join('; '), types: ['RTM_GETNEIGH'] });
  }
  await using ip = await IpRoute.open({ netns: ns });
  t.like(await ip.bridge.fdb.get({ lladdr: '02:00:00:00:00:01', br: 'br0' }), { mac: '02:00:00:00:00:01', ifindex: await ip.ctx.ifindex('d0') });
  await t.throwsAsync(ip.bridge.fdb.get({ lladdr: '02:00:00:00:00:99', br: 'br0' }), { code: 'ENOENT' });
  await t.throwsAsync(ip.bridge.fdb.get({ lladdr: '02:00:00:00:00:01' }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(ip.bridge.fdb.get({ lladdr: '02:00', dev: 'd0' }), { instanceOf: InvalidArgumentError });
});
