// topo plan/apply/destroy on the seed lab (examples/seed-lab.yaml): everything pings everything,
// a second apply sends no request, one hand change is undone by exactly one request, a
// half-made state converges, destroy leaves nothing and never touches hand-made devices.
// The lab's "root" is a fresh namespace and its namespaces get unique names, so tests running
// beside it in the sandbox are not disturbed.
import test from 'ava';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IpRoute } from '../../src/index.js';
import { Topology, formatChange } from '../../src/topo/index.js';
import { BIN, exec, type Ran } from './cli-helpers.js';
import { assertSandboxed, freshNetns, run, tryRun, uniq } from './_util.js';

const seed = readFileSync(new URL('../../../examples/seed-lab.yaml', import.meta.url), 'utf8');

test.before(() => assertSandboxed());

function lab(): { topo: Topology; names: string[] } {
  const p = uniq('tp');
  const topo = Topology.parse(seed.replace('name: ns${i}', `name: ${p}n\${i}`).replace('netns: ns${i}', `netns: ${p}n\${i}`).replace('name: seed-lab', `name: ${p}`));
  return { topo, names: [0, 1, 2].map((i) => `${p}n${i}`) };
}

test.serial('seed lab: plan, apply, ping, idempotent, one hand change, destroy', async (t) => {
  const root = freshNetns('tpr');
  try {
    await using ip = await IpRoute.open({ netns: root.name });
    const { topo, names } = lab();
    const r0 = ip.ctx.conn.counters.requests;
    const plan = (await topo.plan(ip)).filter((c) => !c.quiet).map(formatChange);
    t.is(plan.length, 3 + 4 + 4, plan.join('\n')); // namespaces, links, addresses
    t.true(plan.includes(`+ create link veth1 (veth, peer eth0@${names[1]})`), plan.join('\n'));
    t.is(ip.ctx.conn.counters.requests, r0, 'plan changes nothing');

    await topo.apply(ip);
    const ports = await ip.link.list({ master: 'docker0' });
    t.deepEqual(ports.map((l) => l.ifname).sort(), ['veth0', 'veth1', 'veth2']);
    for (const ns of names) {
      for (const dst of ['172.17.0.1', '172.17.0.101', '172.17.0.102', '172.17.0.103']) {
        const r = tryRun('ip', ['netns', 'exec', ns, 'ping', '-c1', '-W2', dst]);
        t.is(r.status, 0, `${ns} -> ${dst}`);
      }
    }

    // Matching state: no request at all.
    const before = ip.ctx.conn.counters.requests;
    t.deepEqual(await topo.apply(ip), []);
    t.is(ip.ctx.conn.counters.requests, before);

    // One address changed by hand: a delete and an add, nothing else.
    run('ip', ['-n', names[1]!, 'addr', 'del', '172.17.0.102/16', 'dev', 'eth0']);
    run('ip', ['-n', names[1]!, 'addr', 'add', '172.17.0.202/16', 'dev', 'eth0']);
    const fix = (await topo.plan(ip)).map(formatChange);
    t.deepEqual(fix, [`+ create address 172.17.0.102/16 on eth0 in ${names[1]}`, `- delete address 172.17.0.202/16 on eth0 in ${names[1]}`]);
    t.is((await topo.apply(ip)).length, 2);
    t.deepEqual(await topo.plan(ip), []);

    // A hand-made device beside the lab survives destroy.
    await ip.link.add({ name: 'mine0', type: 'bridge' });
    const gone = (await topo.destroy(ip)).map(formatChange);
    t.is(gone.length, 7, gone.join('\n'));
    t.deepEqual((await ip.link.list({ stats: false })).map((l) => l.ifname).sort(), ['lo', 'mine0']);
    const left = (await ip.netns.list()).map((n) => n.name).filter((n) => names.includes(n));
    t.deepEqual(left, []);
  } finally {
    root.del();
  }
});

test.serial('a half-made lab converges; a hand-made device of the same name is refused', async (t) => {
  const root = freshNetns('tpr');
  try {
    await using ip = await IpRoute.open({ netns: root.name });
    const { topo, names } = lab();
    // Half an earlier apply: one namespace (no marker yet) and the bridge.
    run('ip', ['netns', 'add', names[0]!]);
    await ip.link.add({ name: 'docker0', type: 'bridge' });
    await ip.link.set('docker0', { alias: topo.marker });
    await topo.apply(ip);
    t.deepEqual(await topo.plan(ip), []);
    t.is(tryRun('ip', ['netns', 'exec', names[2]!, 'ping', '-c1', '-W2', '172.17.0.101']).status, 0);
    await topo.destroy(ip);

    await ip.link.add({ name: 'docker0', type: 'bridge' });
    await t.throwsAsync(topo.plan(ip), { message: /device "docker0" exists and was not made by topology/ });
    t.deepEqual((await ip.link.list({ stats: false })).map((l) => l.ifname).sort(), ['docker0', 'lo']);
  } finally {
    root.del();
    for (const n of tryRun('ip', ['netns', 'list']).stdout.split('\n')) if (n.startsWith('tp')) tryRun('ip', ['netns', 'del', n.split(' ')[0]!]);
  }
});

test.serial('rtnl-ts topo plan|apply|show|destroy FILE, and a bad file rejected with line and field', async (t) => {
  const root = freshNetns('tpr');
  const dir = mkdtempSync(join(tmpdir(), 'topo-'));
  try {
    const p = uniq('tc');
    const file = join(dir, 'lab.yaml');
    writeFileSync(file, seed.replace('name: ns${i}', `name: ${p}n\${i}`).replace('netns: ns${i}', `netns: ${p}n\${i}`).replace('name: seed-lab', `name: ${p}`));
    const cli = (...args: string[]): Ran => exec(process.execPath, [BIN, 'topo', '-n', root.name, ...args]);
    const plan = cli('plan', file);
    t.is(plan.status, 0, plan.stderr);
    t.true(plan.stdout.startsWith(`+ create netns ${p}n0\n`), plan.stdout);
    t.true(plan.stdout.endsWith('Plan: 11 to create, 0 to modify, 0 to delete.\n'), plan.stdout);
    t.is(cli('apply', file).status, 0);
    t.deepEqual(cli('show', file), { status: 0, stdout: `${p}: in sync\n`, stderr: '' });
    run('ip', ['-n', root.name, 'link', 'set', 'veth1', 'down']);
    t.deepEqual(cli('show', file), { status: 2, stdout: `${p}: drift\n  ~ modify link veth1: up\n`, stderr: '' });
    t.is(cli('destroy', file).status, 0);
    t.deepEqual(ipJsonIn(root.name).map((l) => l.ifname), ['lo']);

    writeFileSync(file, 'namespaces: [{name: a}]\nlinks:\n  - {name: v0, kind: veth, peer: {name: e0, netns: ns9}}\n');
    t.deepEqual(cli('apply', file), { status: 1, stdout: '', stderr: `${file}:3:52: links[0].peer.netns: namespace "ns9" is not declared\n` });
    t.deepEqual(ipJsonIn(root.name).map((l) => l.ifname), ['lo']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    root.del();
  }
});

function ipJsonIn(ns: string): { ifname: string }[] {
  return JSON.parse(run('ip', ['-n', ns, '-j', 'link', 'show'])) as { ifname: string }[];
}
