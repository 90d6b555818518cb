/**
 * The tunnel kinds ipip, sit, vti, vti6 and ip6tnl (and nlmon) on the full kernel (this
 * machine's has none): made and changed by `ip` in one namespace and by `rtnl-ts` in another
 * (the kernel refuses two tunnels with the same endpoints in one namespace), then compared:
 * `ip -j -d link show` of both namespaces must be the same, and `rtnl-ts -d link show` (text and
 * -j) must print what ip prints. The `link set` lines exercise the read of the current tunnel
 * both tools make first. (Debian's UML kernel has no 6rd and no FOU encapsulation for IP
 * tunnels: those words are covered by request parity, test/kernel/parity-iptnl.test.ts.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import test from 'ava';
import { IpRoute } from '../../src/index.js';
import { IPPROTO_IPV6, SIT_ISATAP } from '../../src/rtnl/link/index.js';
import { asIp, runCli, runIp } from '../kernel/cli-helpers.js';
import { assertSameShow } from '../kernel/kinds-diff.js';
import { run, tryRun } from './_util.js';

const A = `tun2a${process.pid % 10000}`;
const B = `tun2b${process.pid % 10000}`;

// no fallback devices (tunl0, sit0, ...) in the test's namespaces: only the kinds made here
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

const LINES = [
  'link add p1 type ipip remote 192.0.2.1 local 198.51.100.1 ttl 64 tos 0x10 dev d0',
  'link add p2 type ipip remote 192.0.3.1 mode mplsip nopmtudisc fwmark 0x10',
  'link add p3 type ipip mode any hlim 3 tclass inherit',
  'link add p4 type ipip external',
  'link add s1 type sit remote 192.0.4.1 local 198.51.100.1 mode ip6ip ttl 20',
  'link add s2 type sit local 198.51.100.2 mode any isatap',
  'link add s3 type sit remote 192.0.5.1 mode ipip tos inherit',
  'link set p1 type ipip ttl 10 tos 0x20',
  'link set p2 type ipip remote 192.0.3.2 pmtudisc',
  'link set s1 type sit ttl inherit local 198.51.100.3',
  'link set s2 type sit fwmark 7',
  'link add v1 type vti remote 192.0.6.1 local 198.51.100.1 key 42 dev d0',
  'link add v2 type vti remote 192.0.7.1 ikey 1.2.3.4 okey 7 fwmark 0x10',
  'link add w1 type vti6 remote 2001:db8::1 local 2001:db8:1::1 key 5',
  'link add w2 type vti6 remote 2001:db8::2 ikey 3 fwmark 9',
  'link set v1 type vti okey 9',
  'link set w1 type vti6 remote 2001:db8::3 fwmark 1',
  'link add q1 type ip6tnl remote 2001:db8:5::1 local 2001:db8:1::1 mode ip6ip6 hoplimit 10 encaplimit 7 tclass 0x20 flowlabel 0x12345 dev d0',
  'link add q2 type ip6tnl remote 2001:db8:6::1 mode ipip6 encaplimit none tclass inherit flowlabel inherit dscp inherit allow-localremote fwmark inherit',
  'link add q3 type ip6tnl external',
  'link set q1 type ip6tnl hoplimit 20 flowlabel 0x5',
  'link set q2 type ip6tnl fwmark 3 noallow-localremote',
  'link add m1 type nlmon',
];

/** ip's view of the devices the lines make, by name, with what differs by nature (indexes, random MACs) left out. */
function view(ns: string): Record<string, unknown> {
  const all = JSON.parse(runIp('-n', ns, '-j', '-d', 'link', 'show').stdout) as Record<string, unknown>[];
  const made = new Set(LINES.map((l) => l.split(' ')[2]));
  return Object.fromEntries(all.filter((l) => made.has(l.ifname as string))
    .map(({ ifindex: _i, address: _a, broadcast: _b, permaddr: _p, ...rest }) => [rest.ifname, rest]));
}

test('ipip, sit, vti, vti6, ip6tnl and nlmon: options made and changed by both tools, read back by both', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tunnels2-'));
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
  const va = view(A);
  t.is(Object.keys(va).length, 15, 'every device made');
  t.deepEqual(view(B), va, 'rtnl-ts made what ip made');
  // both namespaces hold the same tunnels (above): printing one is printing both (a process
  // costs seconds in the guest)
  assertSameShow(t, A, ['-d', 'link', 'show']);
  assertSameShow(t, A, ['-j', '-d', 'link', 'show']);
});

test('sit and vti6 through the API: created, read back typed, changed from the current tunnel, deleted', async (t) => {
  const api = await IpRoute.open({ netns: B });
  try {
    await api.link.add({ name: 'api_s', type: 'sit', remote: '192.0.9.1', local: '198.51.100.9', mode: 'ip6ip', isatap: true, ttl: 32 });
    t.like((await api.link.get('api_s')).linkinfo?.data, { remote: '192.0.9.1', local: '198.51.100.9', proto: IPPROTO_IPV6, flags: SIT_ISATAP, ttl: 32, pmtudisc: 1 });
    await api.link.set('api_s', { type: 'sit', tos: 0x10 });
    t.like((await api.link.get('api_s')).linkinfo?.data, { remote: '192.0.9.1', ttl: 32, tos: 0x10, flags: SIT_ISATAP });
    await api.link.del('api_s');
    await t.throwsAsync(api.link.get('api_s'), { code: 'ENODEV' });
    await t.throwsAsync(api.link.add({ name: 'api_p', type: 'ipip', ttl: 5, pmtudisc: false }), { message: /nopmtudisc/ });
    await api.link.add({ name: 'api_v', type: 'vti6', remote: '2001:db8::9', key: '0.0.0.7' });
    await api.link.set('api_v', { type: 'vti6', okey: 8 });
    t.like((await api.link.get('api_v')).linkinfo?.data, { remote: '2001:db8::9', ikey: 7, okey: 8 });
    await api.link.del('api_v');
  } finally {
    api.close();
  }
});
