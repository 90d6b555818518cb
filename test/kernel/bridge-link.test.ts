/**
 * `rtnl-ts bridge link` against iproute2 6.1's `bridge link`, in the sandbox: show (text, -d, -j,
 * -p, -o, dev filters) byte for byte on the same ports; the same `set` lines through each tool in
 * twin namespaces leave the same ports; bad input gets bridge's words and status and changes
 * nothing; the RTM_SETLINK requests are bridge's, byte for byte; ip.bridge.link lists and sets.
 */
import test from 'ava';
import { IpRoute } from '../../src/api/iproute.js';
import { InvalidArgumentError } from '../../src/api/errors.js';
import type { BridgeLinkSettings } from '../../src/api/bridge-link.js';
import { assertSandboxed } from './_util.js';
import { labNs, runBridge, runCliBridge, sameAsBridge, untilForwarding } from './bridge-helpers.js';
import { assertSameRequests } from './parity.js';

test.before(() => assertSandboxed());

/** A bridge br0 with veth ports d0 (peer d1, up) and d2 (peer d3, down). */
const PORTS = [
  'ip link add br0 type bridge', 'ip link add d0 type veth peer name d1', 'ip link add d2 type veth peer name d3',
  'ip link set d0 master br0', 'ip link set d2 master br0', 'ip link set br0 up', 'ip link set d0 up', 'ip link set d1 up',
];

/** A namespace with PORTS, d0 forwarding (linkwatch sets it a moment after up). */
function ports(t: { teardown(fn: () => void): void }, prefix: string): string {
  const ns = labNs(t, prefix, PORTS);
  untilForwarding(ns, 'd0');
  return ns;
}

const SETS = [
  'hairpin on cost 7 priority 3 state 1 learning off backup_port d2',
  'isolated on flood off mcast_flood off bcast_flood off neigh_suppress on guard on root_block on mcast_router 2 locked on',
  'fastleave on mcast_to_unicast on learning_sync off vlan_tunnel on nobackup_port',
  'state blocking priority 0 cost 0',
  'hairpin of learning o',
  'state forwarding cost 99999999999 priority -1 mcast_router -3',
  'master',
];

test('show: text, details, JSON, one line, dev filters', (t) => {
  const ns = ports(t, 'brl');
  const shows = [['link'], ['link', 'show'], ['-d', 'link'], ['-j', 'link', 'show'], ['-d', '-j', 'link'], ['-d', '-j', '-p', 'link', 'lst'],
    ['-o', '-d', 'link', 'list'], ['-s', 'link'], ['link', 'show', 'dev', 'd2'], ['link', 'show', 'dev', 'br0'], ['link', 'show', 'whatever']];
  for (const args of shows) sameAsBridge(t, '-n', ns, ...args);
  runBridge('-n', ns, 'link', 'set', 'dev', 'd0', 'backup_port', 'd2');
  sameAsBridge(t, '-n', ns, '-d', 'link');
  sameAsBridge(t, '-n', ns, '-d', '-j', 'link');
});

test('set: the same lines leave the same ports in twin namespaces', (t) => {
  const a = ports(t, 'brla');
  const b = ports(t, 'brlb');
  for (const line of SETS) {
    const words = ['link', 'set', 'dev', 'd0', ...line.split(' ')];
    const ra = runBridge('-n', a, ...words);
    const rb = runCliBridge('-n', b, ...words);
    t.deepEqual(rb, ra, line);
    t.is(runCliBridge('-n', b, '-d', '-j', 'link').stdout, runBridge('-n', a, '-d', '-j', 'link').stdout, line);
  }
});

test('bad input: bridge words and status, nothing changes', (t) => {
  const ns = ports(t, 'brlx');
  const before = runBridge('-n', ns, '-d', '-j', 'link').stdout;
  const bad = [
    ['link', 'set', 'dev', 'd0', 'hairpin', 'on', 'foo'], ['link', 'set', 'dev', 'd0', 'hairpin', 'x'], ['link', 'set', 'dev', 'd0', 'state', 'xx'],
    ['link', 'set', 'hairpin', 'on'], ['link', 'set', 'dev', 'nope', 'cost', '3'], ['link', 'set', 'dev', 'd0', 'backup_port', 'nope'],
    ['link', 'set', 'dev', 'd0', 'hwmode', 'xx'], ['link', 'set', 'dev', 'd0', 'cost'], ['link', 'show', 'dev', 'nope'],
    ['link', 'show', 'dev', 'd0', 'dev', 'd2'], ['link', 'frob'], ['link', 'help'], ['frob'], [], ['-frob'], ['help'],
    ['-family', 'ipx', 'link'], ['link', 'set', 'dev', 'd0', 'state', '9'], ['link', 'set', 'dev', 'd1', 'cost', '3'],
    ['link', 'set', 'dev', 'd0', 'hwmode', 'vepa'],
  ];
  for (const args of bad) {
    const r = sameAsBridge(t, '-n', ns, ...args);
    t.not(r.status, 0, args.join(' '));
  }
  t.is(runBridge('-n', ns, '-d', '-j', 'link').stdout, before);
});

test('request parity: bridge link set', (t) => {
  const setup = 'ip link add br0 type bridge; ip link add d0 type veth peer name d1; ip link set d0 master br0; ip link add d2 type veth peer name d3';
  for (const line of [...SETS, 'hwmode vepa', 'hwmode veb self', 'self master', 'state 3']) {
    const words = `link set dev d0 ${line}`;
    assertSameRequests(t, `bridge ${words}`, `bridge ${words}`, { setup, types: ['RTM_SETLINK'] });
  }
});

test('the library lists ports and sets them, checking values first', async (t) => {
  const ns = ports(t, 'brll');
  await using ip = await IpRoute.open({ netns: ns });
  await ip.bridge.link.set('d0', { hairpin: true, cost: 9, priority: 5, state: 'blocking', learning: false, backupPort: 'd2', isolated: true });
  const j = JSON.parse(runBridge('-n', ns, '-d', '-j', 'link', 'show', 'dev', 'd0').stdout)[0];
  // (the kernel's STP port selection puts an up port of a bridge without STP back to forwarding)
  t.like(j, { hairpin: true, cost: 9, priority: 5, learning: false, backup_port: 'd2', isolated: true });
  runBridge('-n', ns, 'link', 'set', 'dev', 'd2', 'guard', 'on', 'cost', '42');
  const [d2] = await ip.bridge.link.list({ dev: 'd2' });
  t.is(d2?.ifname, 'd2');
  t.is(d2?.protinfo?.guard, 1);
  t.is(d2?.protinfo?.cost, 42);
  t.is((await ip.bridge.link.list()).length, 2);
  await ip.bridge.link.set('d0', { backupPort: null });
  t.is((await ip.bridge.link.list({ dev: 'd0' }))[0]?.protinfo?.backupPort, undefined);
  await t.throwsAsync(ip.bridge.link.set('d0', { state: 'sleeping' }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(ip.bridge.link.set('d0', { cost: 0 }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(ip.bridge.link.set('d0', { hairpn: true } as unknown as BridgeLinkSettings), { instanceOf: InvalidArgumentError });
  t.is(JSON.parse(runBridge('-n', ns, '-d', '-j', 'link', 'show', 'dev', 'd0').stdout)[0].cost, 9);
});
