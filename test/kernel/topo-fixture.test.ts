// withTopology: the seed lab in its own sandbox, removed after a test that passes, one that
// throws, and one whose process is SIGKILLed (the sandbox process, the last holder of the lab's
// namespaces, is gone).
import test from 'ava';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withTopology } from '../../src/topo/index.js';
import { assertSandboxed } from './_util.js';

const seed = fileURLToPath(new URL('../../../examples/seed-lab.yaml', import.meta.url));

test.before(() => assertSandboxed());

async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    if (!existsSync(`/proc/${pid}`)) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

test('a lab per test: handles per namespace, commands inside, removed afterwards', async (t) => {
  let pid = 0;
  await withTopology(seed, async (lab) => {
    pid = lab.pid;
    t.true((await lab.ns('ns1').link.list()).some((l) => l.ifname === 'eth0'));
    t.deepEqual((await lab.ns().link.list({ master: 'docker0' })).map((l) => l.ifname).sort(), ['veth0', 'veth1', 'veth2']);
    const r = await lab.exec('ns0', 'ping', ['-c1', '-W2', '172.17.0.103']);
    t.is(r.status, 0, r.stdout + r.stderr);
  });
  t.true(await gone(pid));
  // Nothing reached this namespace.
  t.false(existsSync('/run/netns/ns0'));
});

test('a test that throws: the error comes through and the lab is removed', async (t) => {
  let pid = 0;
  await t.throwsAsync(withTopology(seed, async (lab) => { pid = lab.pid; throw new Error('boom'); }), { message: 'boom' });
  t.true(pid > 0);
  t.true(await gone(pid));
});

test('a bad document is rejected before any sandbox is made', async (t) => {
  await t.throwsAsync(withTopology({ links: [{ name: 'x', kind: 'bogus' }] }, async () => {}), { message: /links\[0\]\.kind/ });
});

test('a test process killed with SIGKILL leaves nothing', async (t) => {
  const fixture = fileURLToPath(new URL('../../src/topo/index.js', import.meta.url));
  const code = `import { withTopology } from ${JSON.stringify(fixture)};
    await withTopology(${JSON.stringify(seed)}, async (lab) => { console.log(lab.pid); await new Promise(() => setInterval(() => {}, 1000)); });`;
  const p = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const pid = await new Promise<number>((resolve) => p.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
  t.true(existsSync(`/proc/${pid}/root/run/netns/ns2`));
  p.kill('SIGKILL');
  t.true(await gone(pid));
});
