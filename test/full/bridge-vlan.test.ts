/**
 * Bridge VLAN filtering on the full 6.1 kernel (this machine's kernel has none): twin namespaces
 * given the same ports, VLANs and VLAN-to-tunnel map, one by `bridge -batch`, the other by
 * `rtnl-ts bridge -batch`; `bridge vlan show` / `tunnelshow` (filters, -j, -compressvlans, -o,
 * -d -s from the RTM_GETVLAN dump) printed by both tools must be byte for byte the same in both;
 * `bridge monitor vlan` of both tools watching the same changes prints the same. Then ip.bridge.vlan typed, and
 * iproute2 6.1's own testsuite cases tests/bridge/vlan/show.t and tunnelshow.t with every bridge
 * command run by rtnl-ts. Each program start costs ~1-2 s in the guest: commands go in batches.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import test from 'ava';
import { BIN } from '../kernel/cli-helpers.js';
import { freshNetns, tryRun, waitFor } from './_util.js';

const dir = mkdtempSync(path.join(tmpdir(), 'rtnl-brvlan-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

/** A batch file of bridge command lines. */
function batch(name: string, lines: readonly string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const bridge = (...args: string[]) => tryRun('bridge', args);
const cli = (...args: string[]) => tryRun(process.execPath, [BIN, 'bridge', ...args]);

/** Ports of both twins: a vlan_filtering bridge, two dummies, a vxlan tunnel port (`external`, vlan_tunnel on). */
const PORTS = `
ip link add br0 type bridge vlan_filtering 1
ip link add d0 type dummy
ip link add d1 type dummy
ip link set d0 master br0
ip link set d1 master br0
ip link add vx0 type vxlan dstport 4789 external
ip link set vx0 master br0
ip link set dev vx0 type bridge_slave vlan_tunnel on`;

/** The VLANs: single, ranges, pvid/untagged, deletions splitting a range, master and self, tunnel ids. */
const VLANS = [
  'vlan add vid 10-20 dev d0',
  'vlan add vid 30 dev d0 pvid untagged',
  'vlan add vid 100 dev d0 master',
  'vlan del vid 1 dev d1',
  'vlan add vid 40-45 dev d1 untagged',
  'vlan add vid 42 dev d1 pvid',
  'vlan del vid 43 dev d1',
  'vlan add vid 5 dev br0 self',
  'vlan add vid 6-8 dev br0 self untagged',
  'vlan add dev vx0 vid 1000',
  'vlan add dev vx0 vid 1000 tunnel_info id 1000',
  'vlan add dev vx0 vid 1010-1020',
  'vlan add dev vx0 vid 1010-1020 tunnel_info id 1010-1020',
  'vlan add dev vx0 vid 1030',
  'vlan add dev vx0 vid 1030 tunnel_info id 65556',
  'vlan del dev vx0 vid 1015 tunnel_info id 1015',
];

/**
 * Show commands per option set. bridge keeps a `dev` or `vid` filter for the rest of a batch
 * (vlan.c's statics; a second `vid` is a duplicate), so each batch filters last, differently.
 */
const SHOWS: readonly [string[], string[]][] = [
  [[], ['vlan', 'vlan tunnelshow', 'vlan show dev d1', 'vlan show', 'vlan show dev d0 vid 15', 'vlan tunnelshow dev vx0']],
  [['-j'], ['vlan show', 'vlan tunnelshow', 'vlan list vid 42', 'vlan show dev d1']],
  [['-compressvlans', '-j', '-p'], ['vlan show', 'vlan tunnelshow', 'vlan tunnelshow vid 1018', 'vlan show dev d1']],
  // -d: the RTM_GETVLAN dump (per-VLAN STP state, mcast_router; -s its counters)
  [['-d', '-s', '-o'], ['vlan show', 'vlan show dev br0', 'vlan show dev vx0 vid 1016']],
  // one command: bridge keeps the last port of a -d show for the next command, and in JSON then aborts
  [['-d', '-j'], ['vlan show vid 42']],
];

test('vlan show and tunnelshow: twins made by bridge and by rtnl-ts, read by both, text, -j, -compressvlans, -o, -d, -s', (t) => {
  const a = freshNetns(t, 'brva');
  const b = freshNetns(t, 'brvb');
  for (const ns of [a, b]) ns.exec('sh', '-ec', PORTS);
  const made = batch('vlans', VLANS);
  t.is(bridge('-n', a.name, '-batch', made).status, 0);
  const r = cli('-n', b.name, '-batch', made);
  t.deepEqual([r.status, r.stderr], [0, ''], 'rtnl-ts bridge -batch: the VLANs');
  SHOWS.forEach(([opts, lines], i) => {
    const shows = batch(`shows${i}`, lines);
    const want = bridge('-n', a.name, ...opts, '-batch', shows);
    t.is(want.status, 0, want.stderr);
    t.regex(want.stdout, /vlan-id|"vlan"/);
    t.deepEqual(bridge('-n', b.name, ...opts, '-batch', shows), want, `bridge ${opts.join(' ')}: the twins differ`);
    t.deepEqual(cli('-n', a.name, ...opts, '-batch', shows), want, `rtnl-ts bridge ${opts.join(' ')} in the twin made by bridge`);
  });
  // what the kernel did with the ranges, so the outputs above are not both empty
  const got = JSON.parse(bridge('-n', b.name, '-j', 'vlan', 'show', 'dev', 'd1').stdout) as unknown;
  t.deepEqual(got, [{
    ifname: 'd1', vlans: [{ vlan: 40, flags: ['Egress Untagged'] }, { vlan: 41, flags: ['Egress Untagged'] }, { vlan: 42, flags: ['PVID'] },
      { vlan: 44, flags: ['Egress Untagged'] }, { vlan: 45, flags: ['Egress Untagged'] }],
  }]);
});

test('ip.bridge.vlan: add, del and list typed (ranges compressed or not, tunnel map)', async (t) => {
  const ns = freshNetns(t, 'brvapi');
  ns.exec('sh', '-ec', PORTS);
  const ip = await ns.open();
  await ip.bridge.vlan.add({ dev: 'd0', vid: 10, vidEnd: 12, untagged: true });
  await ip.bridge.vlan.add({ dev: 'd0', vid: 20, pvid: true });
  await ip.bridge.vlan.del({ dev: 'd0', vid: 1 });
  await ip.bridge.vlan.add({ dev: 'vx0', vid: 200, vidEnd: 201 });
  await ip.bridge.vlan.add({ dev: 'vx0', vid: 200, vidEnd: 201, tunnelId: 5000, tunnelIdEnd: 5001 });
  const d0 = (await ip.bridge.vlan.list({ dev: 'd0' }))[0]!;
  t.deepEqual(d0.vlans.map((v) => [v.vid, v.vidEnd, v.pvid, v.untagged]), [
    [10, undefined, false, true], [11, undefined, false, true], [12, undefined, false, true], [20, undefined, true, false],
  ]);
  const all = await ip.bridge.vlan.list({ compressed: true });
  t.deepEqual(all.map((p) => p.ifname).sort(), ['br0', 'd0', 'd1', 'vx0']);
  const c = all.find((p) => p.ifname === 'd0')!;
  t.like(c.vlans[0], { vid: 10, vidEnd: 12, untagged: true, pvid: false });
  const vx = all.find((p) => p.ifname === 'vx0')!;
  t.deepEqual(vx.tunnels.map(({ vid, vidEnd, tunnelId, tunnelIdEnd }) => ({ vid, vidEnd, tunnelId, tunnelIdEnd })), [
    { vid: 200, vidEnd: 201, tunnelId: 5000, tunnelIdEnd: 5001 },
  ]);
  await ip.bridge.vlan.del({ dev: 'vx0', vid: 200, vidEnd: 201, tunnelId: 5000, tunnelIdEnd: 5001 });
  t.deepEqual((await ip.bridge.vlan.list({ dev: 'vx0' }))[0]!.tunnels, []);
  t.deepEqual(JSON.parse(ns.exec('bridge', '-j', 'vlan', 'show', 'dev', 'd0')), [{ ifname: 'd0', vlans: [{ vlan: 10, flags: ['Egress Untagged'] },
    { vlan: 11, flags: ['Egress Untagged'] }, { vlan: 12, flags: ['Egress Untagged'] }, { vlan: 20, flags: ['PVID'] }] }]);
});

// iproute2 6.1's testsuite/tests/bridge/vlan/show.t and tunnelshow.t, steps and checks as there,
// each `bridge` command by rtnl-ts (one -batch for the changes) and the show commands compared
// with bridge's as well.
test('iproute2 testsuite bridge/vlan/show.t through rtnl-ts', (t) => {
  const ns = freshNetns(t, 'brvts');
  ns.exec('sh', '-ec', `
ip link add br0 type bridge
ip link add vx0 type vxlan dstport 4789 external
ip link set dev vx0 master br0
ip link add vx1 type vxlan dstport 4790 external
ip link set dev vx1 master br0`);
  // one rtnl-ts process for the test's three bridge commands (vx1 is there before vx0 loses vid 1: no matter)
  const r = cli('-n', ns.name, '-batch', batch('show.t', ['vlan del dev vx0 vid 1', 'vlan', 'vlan tunnelshow']));
  t.deepEqual([r.status, r.stderr], [0, '']);
  const [show, tun] = r.stdout.split(/(?=^port )/m);
  t.notRegex(show!, /vx0/, 'ports without vlans do not appear');
  t.regex(show!, /^vx1 /m);
  t.is(tun!.split('\n').length - 1, 1, 'tunnelshow: the header only');
  t.is(r.stdout, bridge('-n', ns.name, '-batch', batch('show.t-2', ['vlan', 'vlan tunnelshow'])).stdout);
});

test('iproute2 testsuite bridge/vlan/tunnelshow.t through rtnl-ts', (t) => {
  const ns = freshNetns(t, 'brvtt');
  ns.exec('sh', '-ec', `
ip link add br0 type bridge
ip link add vx0 type vxlan dstport 4789 external
ip link set dev vx0 master br0
ip link set dev vx0 type bridge_slave vlan_tunnel on`);
  const steps = [
    'vlan add dev vx0 vid 1000', 'vlan add dev vx0 vid 1000 tunnel_info id 1000', 'vlan add dev vx0 vid 1010-1020',
    'vlan add dev vx0 vid 1010-1020 tunnel_info id 1010-1020', 'vlan add dev vx0 vid 1030', 'vlan add dev vx0 vid 1030 tunnel_info id 65556',
  ];
  const show = cli('-n', ns.name, '-batch', batch('tunnelshow.t-2', [...steps, 'vlan tunnelshow dev vx0']));
  t.deepEqual([show.status, show.stderr], [0, '']);
  t.regex(show.stdout, /1030\s+65556/);
  t.is(show.stdout.split('\n').length - 1, 4);
  t.deepEqual(show, bridge('-n', ns.name, 'vlan', 'tunnelshow', 'dev', 'vx0'));
  const j = cli('-n', ns.name, '-j', 'vlan', 'tunnelshow', 'dev', 'vx0');
  t.is(j.status, 0);
  t.deepEqual(JSON.parse(j.stdout), [{ ifname: 'vx0', tunnels: [{ vlan: 1000, tunid: 1000 },
    { vlan: 1010, vlanEnd: 1020, tunid: 1010, tunidEnd: 1020 }, { vlan: 1030, tunid: 65556 }] }]);
  t.deepEqual(j, bridge('-n', ns.name, '-j', 'vlan', 'tunnelshow', 'dev', 'vx0'));
});

test('monitor vlan: rtnl-ts bridge monitor prints RTM_NEWVLAN / RTM_DELVLAN events as bridge monitor', async (t) => {
  const ns = freshNetns(t, 'brvmon');
  ns.exec('sh', '-ec', PORTS);
  const watch = (cmd: string, args: string[]) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (x: string) => { out += x; });
    child.stderr.setEncoding('utf8').on('data', (x: string) => { out += `STDERR ${x}`; });
    const done = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    t.teardown(() => { child.kill('SIGKILL'); });
    return { text: () => out, stop: async () => { child.kill('SIGTERM'); await done; } };
  };
  // bridge's stdout is a pipe here: line buffering, or a SIGTERM loses what it printed
  const want = watch('stdbuf', ['-oL', 'bridge', '-n', ns.name, 'monitor', 'vlan']);
  const got = watch(process.execPath, [BIN, 'bridge', '-n', ns.name, 'monitor', 'vlan']);
  // both are listening once both print a probe VLAN; what follows the last probe must be the same
  let probe = 3000;
  await waitFor('both monitors to print a probe VLAN', async () => {
    ns.exec('bridge', 'vlan', 'add', 'vid', String(++probe), 'dev', 'd1');
    return waitFor('the probe', () => want.text().includes(` ${probe}\n`) && got.text().includes(` ${probe}\n`), { timeoutMs: 1500 }).catch(() => false);
  }, { timeoutMs: 60_000 });
  const r = cli('-n', ns.name, '-batch', batch('monitored', ['vlan add vid 40-42 dev d1 untagged', 'vlan del vid 41 dev d1', 'vlan add vid 7 dev br0 self pvid',
    'vlan add vid 3990 dev d0 master']));
  t.is(r.status, 0, r.stderr);
  await waitFor('the last change in both', () => want.text().includes(' 3990\n') && got.text().includes(' 3990\n'));
  await want.stop();
  await got.stop();
  const after = (s: string): string => s.slice(s.indexOf('\n', s.lastIndexOf(` ${probe}\n`) + 1) + 1);
  t.regex(after(want.text()), /^Deleted d1 +41\n/m);
  t.is(after(got.text()), after(want.text()));
});
