// Qdiscs in a topology document (tbf, htb and ingress, which this kernel has): apply makes them as tc
// shows them, a second apply sends no request, a rate changed by hand is one modify (replace),
// another kind by hand is put back (delete + add), a qdisc the document does not name goes, show
// reports the drift; a document with an unknown qdisc option is refused before any request.
import test from 'ava';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { IpRoute } from '../../src/index.js';
import { Topology, formatChange } from '../../src/topo/index.js';
import { BIN, exec } from './cli-helpers.js';
import { assertSandboxed, freshNetns, run, tryRun, uniq } from './_util.js';

test.before(() => assertSandboxed());

const dir = mkdtempSync(path.join(tmpdir(), 'rtnl-ts-topo-qdisc-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));
/** The document as a file, for the CLI. */
function file(name: string, text: string): string {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
}

function doc(p: string, tbf = '{ rate: 1mbit, burst: 32kbit, latency: 400ms }'): string {
  return [
    `name: ${p}`,
    `namespaces: [{ name: ${p}a }]`,
    'links:',
    `  - { name: v0, kind: veth, up: true, addresses: [10.7.0.1/24], peer: { name: eth0, netns: ${p}a, up: true, addresses: [10.7.0.2/24] } }`,
    'qdiscs:',
    `  - { dev: v0, handle: "1:", kind: tbf, options: ${tbf} }`,
    '  - { dev: v0, kind: ingress }',
    '  - { dev: lo, handle: "9:", kind: pfifo, options: { limit: 50 } }',
    `  - { netns: ${p}a, dev: eth0, handle: "2:", kind: htb, options: { default: 16, r2q: 5 } }`,
  ].join('\n');
}

interface TcJson { kind: string; handle: string; root?: boolean; options?: Record<string, unknown> }
const tcShow = (netns: string, dev: string): TcJson[] => JSON.parse(run('tc', ['-n', netns, '-j', 'qdisc', 'show', 'dev', dev])) as TcJson[];

test.serial('tbf and htb from the document: made, read back equal, hand changes undone', async (t) => {
  const root = freshNetns('tqr');
  const p = uniq('tq');
  try {
    await using ip = await IpRoute.open({ netns: root.name });
    const topo = Topology.parse(doc(p));
    const plan = (await topo.plan(ip)).filter((c) => !c.quiet).map(formatChange);
    t.true(plan.includes('+ create qdisc tbf 1: at root of v0'), plan.join('\n'));
    t.true(plan.includes(`+ create qdisc htb 2: at root of eth0 in ${p}a`), plan.join('\n'));
    t.true(plan.includes('+ create qdisc ingress at ingress of v0'), plan.join('\n'));
    await topo.apply(ip);
    const [tbf] = tcShow(root.name, 'v0');
    t.like(tbf, { kind: 'tbf', handle: '1:', root: true, options: { rate: 125000, burst: 4096, lat: 400000 } });
    const [htb] = tcShow(`${p}a`, 'eth0');
    t.like(htb, { kind: 'htb', handle: '2:', root: true, options: { r2q: 5, default: '0x10' } });

    // The live picture shows them on their devices (the kernel's default noqueue, handle 0, not).
    const live = exec(process.execPath, [BIN, 'topo', '-n', root.name, 'draw', '--live', '--dot']).stdout;
    t.regex(live, /"v0" \[label=<.*<br\/>10\.7\.0\.1\/24<br\/><font [^>]*>qdisc tbf 1:<\/font><br\/><font [^>]*>qdisc ingress ffff:<\/font>>/);
    t.regex(live, new RegExp(`"${p}a/eth0" \\[label=<.*<br/>10\\.7\\.0\\.2/24<br/><font [^>]*>qdisc htb 2:</font>>`));
    t.notRegex(live, /noqueue/);

    // Read back equal: nothing to do, no request.
    const before = ip.ctx.conn.counters.requests;
    t.deepEqual((await topo.apply(ip)).map(formatChange), []);
    t.is(ip.ctx.conn.counters.requests - before, 0, 'no request (the plan\'s dumps are not requests)');

    // A rate changed by hand: one modify, by replace.
    run('tc', ['-n', root.name, 'qdisc', 'replace', 'dev', 'v0', 'root', 'handle', '1:', 'tbf', 'rate', '2mbit', 'burst', '32kbit', 'latency', '400ms']);
    const drift = (await topo.plan(ip)).map(formatChange);
    t.is(drift.length, 1, drift.join('\n'));
    t.regex(drift[0]!, /^~ modify qdisc tbf at root of v0: options parms\.rate\.rate 250000 -> 125000, /);
    const show = exec(process.execPath, [BIN, 'topo', '-n', root.name, 'show', file('lab.yaml', doc(p))]);
    t.is(show.status, 2, show.stderr);
    t.is(show.stdout, `${p}: drift\n  ${drift[0]!}\n`);
    t.is((await topo.apply(ip)).length, 1);
    t.like(tcShow(root.name, 'v0')[0], { options: { rate: 125000 } });

    // Another kind by hand, and an ingress qdisc the document does not have.
    run('tc', ['-n', `${p}a`, 'qdisc', 'del', 'dev', 'eth0', 'root']);
    run('tc', ['-n', `${p}a`, 'qdisc', 'add', 'dev', 'eth0', 'root', 'handle', '2:', 'pfifo', 'limit', '10']);
    run('tc', ['-n', `${p}a`, 'qdisc', 'add', 'dev', 'eth0', 'ingress']);
    t.deepEqual((await topo.plan(ip)).map(formatChange), [
      `~ modify qdisc htb at root of eth0 in ${p}a: kind pfifo -> htb`,
      `- delete qdisc ingress ffff: at ingress of eth0 in ${p}a`,
    ]);
    await topo.apply(ip);
    t.deepEqual(tcShow(`${p}a`, 'eth0').map((q) => `${q.kind} ${q.handle}`), ['htb 2:']);
    t.deepEqual(await topo.plan(ip), []);

    // The document's qdisc changed: planned as a modify from what the kernel holds.
    const faster = Topology.parse(doc(p, '{ rate: 10mbit, burst: 10000, limit: 30000, mpu: 64, overhead: 4 }'));
    t.deepEqual((await faster.plan(ip)).map((c) => c.op), ['modify']);
    await faster.apply(ip);
    t.deepEqual(await faster.plan(ip), [], 'a tbf with mpu and overhead reads back equal');
    // As tc shows the same tbf made by tc itself (its burst read back from the kernel's bucket time).
    t.like(tcShow(root.name, 'v0')[0], { kind: 'tbf', handle: '1:', options: { rate: 1250000, burst: 10003, lat: 15997, overhead: 4 } });
    t.deepEqual(tcShow(root.name, 'lo').map((q) => `${q.kind} ${q.handle}`), ['pfifo 9:']);
    const gone = (await faster.destroy(ip)).map(formatChange);
    t.true(gone.includes('- delete qdisc pfifo 9: at root of lo'), gone.join('\n'));
    t.false(tcShow(root.name, 'lo').some((q) => q.kind === 'pfifo'), 'the qdisc on lo went with destroy');
  } finally {
    tryRun('ip', ['netns', 'del', `${p}a`]);
    root.del();
  }
});

test('a document with an unknown qdisc option is refused before any request', (t) => {
  const p = uniq('tq');
  const bad = doc(p, '{ rate: 1mbit, burst: 32kbit, latency: 400ms, colour: red }');
  const f = file('bad.yaml', bad);
  const r = exec(process.execPath, [BIN, 'topo', 'apply', f]);
  t.is(r.status, 1);
  t.is(r.stdout, '');
  t.true(r.stderr.startsWith(`${f}:6:`), r.stderr);
  t.regex(r.stderr, /^\S+:6:\d+: qdiscs\[0\]\.options\.colour: unknown option for a tbf qdisc/);
  t.false(run('ip', ['netns', 'list']).includes(`${p}a`), 'no namespace made');
});
