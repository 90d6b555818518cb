/**
 * geneve and wireguard on the full kernel. Twins in one namespace would clash (a VNI, remote and
 * port are taken once per namespace), so ip makes its devices in one namespace and rtnl-ts the
 * same devices in another: ip must read the same devices in both, and rtnl-ts must print each
 * namespace as ip does (-d text and -j). Then geneve through the API.
 */
import test from 'ava';
import { IpRoute } from '../../src/index.js';
import { assertSameShow } from '../kernel/kinds-diff.js';
import { runCli, runIp } from '../kernel/cli-helpers.js';
import { run, tryRun } from './_util.js';

const A = `kinds2a${process.pid % 10000}`;
const B = `kinds2b${process.pid % 10000}`;

test.before(() => {
  run('ip', ['netns', 'add', A]);
  run('ip', ['netns', 'add', B]);
});
test.after.always(() => {
  tryRun('ip', ['netns', 'del', A]);
  tryRun('ip', ['netns', 'del', B]);
});

const strip = (ns: string): unknown[] =>
  (JSON.parse(runIp('-n', ns, '-j', '-d', 'link', 'show').stdout) as Record<string, unknown>[])
    .map(({ ifindex: _i, address: _a, broadcast: _b, ...rest }) => rest);

test('geneve (and wireguard if the kernel has it): made by both tools, read back by both', (t) => {
  const lines = [
    'link add g1 type geneve id 42 remote 10.0.0.2',
    'link add g2 type geneve id 1 remote 2001:db8::2 dstport 6082 ttl 5 tos 0x10 flowlabel 0x12345 udp6zerocsumtx udp6zerocsumrx',
    'link add g3 type geneve id 2 remote 10.0.0.3 ttl inherit tos inherit df set noudpcsum',
    'link add g4 type geneve external dstport 6083',
    'link add g5 type geneve id 3 remote 10.0.0.4 ttl auto df inherit innerprotoinherit',
    'link set g1 type geneve id 42 ttl 9',
  ];
  const wg = runIp('-n', A, 'link', 'add', 'wgprobe', 'type', 'wireguard').status === 0;
  if (wg) {
    runIp('-n', A, 'link', 'del', 'wgprobe');
    lines.push('link add wg0 type wireguard', 'link set wg0 mtu 1400');
  }
  for (const line of lines) {
    const a = runIp('-n', A, ...line.split(' '));
    const b = runCli('-n', B, ...line.split(' '));
    t.is(a.status, 0, `ip ${line}: ${a.stderr}`);
    t.is(b.status, 0, `rtnl-ts ${line}: ${b.stderr}`);
  }
  t.deepEqual(strip(B), strip(A), 'ip reads the same devices');
  for (const ns of [A, B]) {
    assertSameShow(t, ns, ['-d', 'link', 'show']);
    assertSameShow(t, ns, ['-j', '-d', 'link', 'show']);
  }
  t.log(`wireguard in this kernel: ${wg}`);
});

test('geneve through the API: created, read back typed, changed, deleted', async (t) => {
  const ip = await IpRoute.open({ netns: A });
  t.teardown(() => ip.close());
  const made = await ip.link.add({ name: 'api_g', type: 'geneve', id: 77, remote: '10.7.0.1', dstport: 7000, df: 'set', ttl: 'inherit' });
  t.like(made.linkinfo, { kind: 'geneve', data: { id: 77, remote: '10.7.0.1', port: 7000, df: 1, ttlInherit: 1 } });
  await ip.link.set('api_g', { type: 'geneve', id: 77, tos: 8 });
  t.like((await ip.link.get('api_g')).linkinfo?.data, { tos: 8 });
  await ip.link.del('api_g');
  await t.throwsAsync(ip.link.get('api_g'), { code: 'ENODEV' });
});
