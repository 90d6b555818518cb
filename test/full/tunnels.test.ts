/**
 * The IP tunnel kinds on the full kernel (this machine's has none): gre, gretap, erspan, ip6gre,
 * ip6gretap, ip6erspan made and changed by `ip` in one namespace and by `rtnl-ts` in another
 * (the same lines: the kernel refuses two tunnels with the same endpoints and keys in one
 * namespace), then compared: `ip -j -d link show` of both namespaces must be the same, and
 * `rtnl-ts -d link show` (text and -j) must print what ip prints in each. The `link set ... type
 * gre` lines exercise the read of the current tunnel that both tools make first.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import test from 'ava';
import { IpRoute } from '../../src/index.js';
import { asIp, runCli, runIp } from '../kernel/cli-helpers.js';
import { assertSameShow } from '../kernel/kinds-diff.js';
import { run, tryRun } from './_util.js';

const A = `tuna${process.pid % 10000}`;
const B = `tunb${process.pid % 10000}`;

// no fallback devices (gre0, ip6tnl0, ...) in the test's namespaces: only the kinds made here
const FB = 'net.core.fb_tunnels_only_for_init_net';
let fbWas = '0';

test.before(() => {
  fbWas = run('sysctl', ['-n', FB]).trim();
  run('sysctl', ['-qw', `${FB}=1`]);
  for (const ns of [A, B]) {
    run('ip', ['netns', 'add', ns]);
    run('ip', ['-n', ns, 'link', 'add', 'd0', 'type', 'dummy']);
  }
});
test.after.always(() => {
  for (const ns of [A, B]) tryRun('ip', ['netns', 'del', ns]);
  tryRun('sysctl', ['-qw', `${FB}=${fbWas}`]);
});

/**
 * ip's view of the devices the lines make, by name, with what differs by nature (indexes, random
 * MACs) left out; the fallback devices (gre0, ip6tnl0, ...) come in module load order, so by name.
 */
function view(ns: string): Record<string, unknown> {
  const all = JSON.parse(runIp('-n', ns, '-j', '-d', 'link', 'show').stdout) as Record<string, unknown>[];
  const made = new Set(LINES.map((l) => l.split(' ')[2]));
  return Object.fromEntries(all.filter((l) => made.has(l.ifname as string))
    .map(({ ifindex: _i, address: _a, broadcast: _b, permaddr: _p, ...rest }) => [rest.ifname, rest]));
}

const LINES = [
  'link add g1 type gre remote 192.0.2.1 local 198.51.100.1 ttl 64 tos 0x10 key 42 seq csum dev d0',
  'link add g2 type gre remote 192.0.3.1 nopmtudisc ikey 1.2.3.4 okey 7 fwmark 0x10 ignore-df',
  'link add t1 type gretap remote 192.0.4.1 local 198.51.100.1 key 3',
  'link add e1 type erspan remote 192.0.5.1 local 198.51.100.1 erspan 123 key 1 seq',
  'link add e2 type erspan remote 192.0.6.1 local 198.51.100.1 erspan_ver 2 erspan_dir egress erspan_hwid 7 key 2 seq',
  'link add h1 type ip6gre remote 2001:db8::1 local 2001:db8:1::1 hoplimit 10 encaplimit 7 tclass 0x20 flowlabel 0x12345',
  'link add h2 type ip6gre remote 2001:db8:2::1 encaplimit none tclass inherit flowlabel inherit dscp inherit allow-localremote fwmark inherit',
  'link add h3 type ip6gretap remote 2001:db8:3::1 ikey 4 okey 5',
  'link add h4 type ip6erspan remote 2001:db8:4::1 local 2001:db8:1::1 erspan 55 key 1 seq',
  'link set g1 type gre ttl 10 nocsum',
  'link set g2 type gre okey 8 noiseq',
  'link set h1 type ip6gre hoplimit 20 flowlabel 0x5',
  'link set t1 type gretap nokey',
];

test('GRE kinds: options made and changed by both tools, read back by both', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tunnels-'));
  try {
    const file = path.join(dir, 'batch');
    writeFileSync(file, `${LINES.join('\n')}\n`);
    const a = runIp('-n', A, '-force', '-batch', file);
    const b = runCli('-n', B, '-force', '-batch', file);
    t.is(a.stderr, '', 'ip runs every line');
    t.is(asIp(b.stderr), a.stderr, 'rtnl-ts runs every line');
    t.is(b.status, a.status);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  t.deepEqual(view(B), view(A), 'rtnl-ts made what ip made');
  for (const ns of [A, B]) {
    assertSameShow(t, ns, ['-d', 'link', 'show']);
    assertSameShow(t, ns, ['-j', '-d', 'link', 'show']);
  }
});

test('GRE through the API: created, read back typed, changed from the current tunnel, deleted', async (t) => {
  const api = await IpRoute.open({ netns: B });
  try {
    await api.link.add({ name: 'api_g', type: 'gre', remote: '192.0.9.1', local: '198.51.100.9', key: 9, ttl: 32 });
    const made = (await api.link.get('api_g')).linkinfo?.data;
    t.like(made, { remote: '192.0.9.1', local: '198.51.100.9', ikey: 9, okey: 9, ttl: 32, pmtudisc: 1 });
    await api.link.set('api_g', { type: 'gre', tos: 0x10 });
    t.like((await api.link.get('api_g')).linkinfo?.data, { remote: '192.0.9.1', ikey: 9, ttl: 32, tos: 0x10 });
    await api.link.del('api_g');
    await t.throwsAsync(api.link.get('api_g'), { code: 'ENODEV' });
  } finally {
    api.close();
  }
});
