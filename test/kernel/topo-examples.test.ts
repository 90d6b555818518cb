// The other two examples, each in its own withTopology sandbox: the routed line pings end to end
// through two routers (static routes, forwarding on), the vxlan overlay pings across VNI 100;
// both are checked with `ip -j` and a second apply plans nothing.
import test from 'ava';
import { fileURLToPath } from 'node:url';
import { withTopology } from '../../src/topo/index.js';
import { BIN } from './cli-helpers.js';
import { assertSandboxed } from './_util.js';

const example = (name: string): string => fileURLToPath(new URL(`../../../examples/${name}`, import.meta.url));

test.before(() => assertSandboxed());

test('routed line: h1 reaches h2 over r1 and r2', async (t) => {
  await withTopology(example('routed-line.yaml'), async (lab) => {
    const ping = await lab.exec('h1', 'ping', ['-c1', '-W2', '10.0.3.2']);
    t.is(ping.status, 0, ping.stdout + ping.stderr);
    const routes = JSON.parse((await lab.exec('r1', 'ip', ['-j', 'route', 'show', '10.0.3.0/24'])).stdout) as { gateway?: string }[];
    t.deepEqual(routes.map((r) => r.gateway), ['10.0.2.2']);
    t.is((await lab.exec('r2', 'sysctl', ['-n', 'net.ipv4.ip_forward'])).stdout.trim(), '1');
    // Planned from inside the lab: nothing left to do (routes and sysctls read back as equal).
    const plan = await lab.exec('', process.execPath, [BIN, 'topo', 'plan', example('routed-line.yaml')]);
    t.deepEqual(plan, { status: 0, stdout: 'Plan: 0 to create, 0 to modify, 0 to delete.\n', stderr: '' });
  });
});

test('vxlan overlay: a reaches b over VNI 100', async (t) => {
  await withTopology(example('vxlan-overlay.yaml'), async (lab) => {
    const ping = await lab.exec('a', 'ping', ['-c1', '-W2', '10.100.0.2']);
    t.is(ping.status, 0, ping.stdout + ping.stderr);
    const [vx] = JSON.parse((await lab.exec('b', 'ip', ['-j', '-d', 'link', 'show', 'vx0'])).stdout) as { linkinfo: { info_kind: string; info_data: { id: number } } }[];
    t.is(vx!.linkinfo.info_kind, 'vxlan');
    t.is(vx!.linkinfo.info_data.id, 100);
  });
});
