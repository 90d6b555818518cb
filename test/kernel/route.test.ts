/**
 * RouteService against the kernel, inside the sandbox: routes made through the API compared with
 * `ip -j route show` field by field, routes made with `ip` read through the API, filters, get,
 * errors, a 100,000-route table streamed in bounded memory, and a default route carrying traffic
 * between two namespaces.
 */
import test, { type ExecutionContext } from 'ava';
import { spawn } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Conn, NetlinkError } from '../../src/netlink/index.js';
import { ApiContext } from '../../src/api/context.js';
import { AddrService } from '../../src/api/addr.js';
import { RouteService } from '../../src/api/route.js';
import { InvalidArgumentError, NoSuchDeviceError } from '../../src/api/errors.js';
import type { Route } from '../../src/rtnl/route/index.js';
import { assertSandboxed, freshNetns, ip, ipJson, run, tryRun, uniq } from './_util.js';

let ctx: ApiContext;
let route: RouteService;
let nextTable = 1000;

test.before(() => {
  assertSandboxed();
  ctx = new ApiContext(Conn.open(), undefined, undefined);
  route = new RouteService(ctx);
});
test.after.always(() => ctx?.close());

/** A veth pair, up, with 10.<n>.0.1/24 and 2001:db8:<n>::1/64 on the first end. */
function veth(n: number): string {
  const dev = uniq('rt');
  const peer = uniq('rp');
  ip('link', 'add', dev, 'type', 'veth', 'peer', 'name', peer);
  ip('link', 'set', dev, 'up');
  ip('link', 'set', peer, 'up');
  ip('addr', 'add', `10.${n}.0.1/24`, 'dev', dev);
  ip('addr', 'add', `2001:db8:${n}::1/64`, 'dev', dev, 'nodad');
  return dev;
}

function names(): Map<number, string> {
  return new Map(ipJson<{ ifindex: number; ifname: string }[]>('link', 'show').map((l) => [l.ifindex, l.ifname]));
}

type J = Record<string, unknown>;
const MX: Record<string, string> = { rtoMin: 'rto_min', congctl: 'congestion', fastopenNoCookie: 'fastopen_no_cookie' };

/**
 * A Route as `ip -j route show table N` prints it (iproute2 leaves out type unicast, protocol
 * boot, scope global, and the table it was asked for) — the CLI's mapping, restated to compare.
 */
function asIpJson(r: Route, dev: Map<number, string>, showTable = false): J {
  const out: J = {};
  if (r.type !== 'unicast') out.type = r.type;
  out.dst = r.dst;
  if (r.from !== undefined) out.from = r.from;
  if (r.nhid !== undefined) out.nhid = r.nhid;
  if (r.gateway !== undefined) out.gateway = r.gateway;
  if (r.via) out.via = r.via;
  if (r.dev !== undefined) out.dev = dev.get(r.dev);
  if (showTable && r.table !== 'main') out.table = r.table;
  const cloned = (r.raw.header.flags & 0x200) !== 0; // RTM_F_CLONED: ip prints no protocol/scope
  if (r.protocol !== 'boot' && !cloned) out.protocol = r.protocol;
  if (r.scope !== 'global' && !cloned) out.scope = r.scope;
  if (r.prefsrc !== undefined) out.prefsrc = r.prefsrc;
  if (r.metric !== undefined) out.metric = r.metric;
  out.flags = r.flags;
  if (r.mark !== undefined) out.mark = r.mark;
  if (r.flow) out.flow = Object.fromEntries(Object.entries(r.flow).map(([k, v]) => [k, String(v)]));
  if (r.uid !== undefined) out.uid = r.uid;
  if (r.cache) out.cache = r.cache;
  if (r.expires !== undefined) out.expires = r.expires;
  if (r.error !== undefined) out.error = r.error;
  if (r.metrics) {
    const m: J = {};
    for (const [k, v] of Object.entries(r.metrics)) {
      if (k === 'locked') continue;
      if (k === 'features') {
        let f = v as number;
        if (f & 1) m.ecn = null;
        if (f & 16) m.tcp_usec_ts = null;
        f &= ~17;
        if (f) m.features = `0x${f.toString(16)}`;
      } else m[MX[k] ?? k] = v;
    }
    out.metrics = [m];
  }
  if (r.iif !== undefined) out.iif = dev.get(r.iif);
  if (r.pref !== undefined) out.pref = r.pref;
  if (r.nexthops) {
    out.nexthops = r.nexthops.map((nh) => {
      const o: J = {};
      if (nh.gateway !== undefined) o.gateway = nh.gateway;
      if (nh.via) o.via = nh.via;
      o.dev = dev.get(nh.dev);
      o.weight = nh.weight;
      o.flags = nh.flags;
      return o;
    });
  }
  return out;
}

/** Compare ours with ip's, route by route, letting `expires` tick down by a couple of seconds. */
function sameRoutes(t: ExecutionContext, ours: J[], theirs: J[]): void {
  t.is(ours.length, theirs.length, 'as many routes as ip shows');
  ours.forEach((o, i) => {
    const a = { ...o };
    const b = { ...theirs[i] };
    if (typeof a.expires === 'number' || typeof b.expires === 'number') {
      t.true(Math.abs((a.expires as number) - (b.expires as number)) <= 2, `expires of ${String(a.dst)}`);
      delete a.expires;
      delete b.expires;
    }
    t.deepEqual(a, b, String(a.dst));
  });
}

test('IPv4 routes made through the API match `ip -j route show`', async (t) => {
  const dev = veth(60);
  const table = nextTable++;
  await route.add({ dst: '192.168.60.0/24', via: '10.60.0.254', table, metric: 10, mtu: 1400, metrics: { advmss: 1300, hoplimit: 30, locked: ['mtu'] } });
  await route.add({ dst: '192.168.61.0/24', dev, table, proto: 'static', src: '10.60.0.1' });
  await route.add({ dst: '192.168.62.0/24', table, nexthops: [{ via: '10.60.0.253', dev, weight: 3 }, { via: '10.60.0.252', dev }] });
  await route.add({ dst: '192.168.63.0/24', type: 'blackhole', table });
  await route.add({ dst: '192.168.64.0/24', type: 'unreachable', table, metric: 5 });
  await route.add({ dst: '192.168.65.0/24', via: '172.31.0.1', dev, onlink: true, table, proto: 99 });
  await route.add({ dst: '192.168.66.7', dev, table, scope: 'host', realms: 0x00020003 });
  await route.add({ dst: '192.168.67.0/24', via: 'fe80::1', dev, table });
  await route.add({ dst: 'default', via: '10.60.0.254', table });
  const ours = (await route.list({ table })).map((r) => asIpJson(r, names()));
  sameRoutes(t, ours, ipJson<J[]>('route', 'show', 'table', String(table)));
  t.is(ours.length, 9);
});

test('IPv6 routes made through the API match `ip -j -6 route show`', async (t) => {
  const dev = veth(61);
  const table = nextTable++;
  await route.add({ dst: '2001:db8:160::/48', via: '2001:db8:61::ff', dev, table, pref: 'high', metric: 50 });
  await route.add({ dst: '2001:db8:161::/48', dev, table, expires: 600 });
  await route.add({ dst: '2001:db8:162::/48', table, nexthops: [{ via: '2001:db8:61::2', dev }, { via: '2001:db8:61::3', dev }] });
  await route.add({ dst: '2001:db8:163::/48', type: 'blackhole', table });
  await route.add({ dst: '2001:db8:164::/64', from: '2001:db8:61::/64', dev, table, proto: 'ra' });
  await route.add({ dst: 'default', family: 'inet6', via: 'fe80::1', dev, table, mtu: 1300 });
  const ours = (await route.list({ table, family: 'inet6' })).map((r) => asIpJson(r, names()));
  sameRoutes(t, ours, ipJson<J[]>('-6', 'route', 'show', 'table', String(table)));
  t.is(ours.length, 6);
});

test('routes made with `ip -batch` read through the API', async (t) => {
  const dev = veth(62);
  const table = nextTable++;
  const dir = mkdtempSync(path.join(tmpdir(), 'rtnl-route-'));
  const batch = path.join(dir, 'b');
  writeFileSync(batch, [
    `route add 172.20.0.0/16 via 10.62.0.9 dev ${dev} table ${table} rtt 80ms rttvar 20ms rto_min 30ms congctl cubic window 1000`,
    `route add 172.21.0.0/16 dev ${dev} table ${table} proto 200 metric 7 initcwnd 10 initrwnd 20 quickack 1 features ecn`,
    `route add prohibit 172.22.0.0/16 table ${table}`,
    `route add throw 172.23.0.0/16 table ${table}`,
    `route add 172.24.0.0/16 table ${table} nexthop via 10.62.0.7 dev ${dev} weight 10 nexthop via 10.62.0.8 dev ${dev} weight 20`,
    `route add 172.25.0.1 dev ${dev} table ${table} src 10.62.0.1 proto kernel scope link`,
    `route add 2001:db8:262::/64 via 2001:db8:62::5 dev ${dev} table ${table} hoplimit 9 pref low`,
    `route add unreachable 2001:db8:263::/64 table ${table}`,
  ].join('\n'));
  try {
    run('ip', ['-batch', batch]);
  } finally {
    rmSync(dir, { recursive: true });
  }
  const map = names();
  sameRoutes(t, (await route.list({ table })).map((r) => asIpJson(r, map)), ipJson<J[]>('route', 'show', 'table', String(table)));
  sameRoutes(t, (await route.list({ table, family: 'inet6' })).map((r) => asIpJson(r, map)), ipJson<J[]>('-6', 'route', 'show', 'table', String(table)));
  const all = (await route.list({ table: 'all' })).filter((r) => r.table === String(table)).map((r) => asIpJson(r, map, true));
  sameRoutes(t, all, ipJson<J[]>('route', 'show', 'table', 'all').filter((r) => r.table === String(table)));
  const rtt = (await route.list({ table, to: '172.20.0.0/16' }))[0]!;
  t.deepEqual(rtt.metrics, { window: 1000, rtt: 80, rttvar: 20, rtoMin: 30, congctl: 'cubic', locked: ['rtoMin'] });
});

test('filters: kernel-side table, dev, protocol, type; local prefix, scope, metric, via', async (t) => {
  const dev = veth(63);
  const other = veth(64);
  const table = nextTable++;
  ip('route', 'add', '10.100.0.0/16', 'dev', dev, 'table', String(table), 'proto', 'static');
  ip('route', 'add', '10.100.5.0/24', 'dev', other, 'table', String(table), 'metric', '3');
  ip('route', 'add', '10.100.5.128/25', 'via', '10.63.0.9', 'table', String(table));
  ip('route', 'add', 'blackhole', '10.101.0.0/16', 'table', String(table));
  const dsts = (rs: Route[]): string[] => rs.map((r) => r.dst).sort();
  t.deepEqual(dsts(await route.list({ table, dev })), ['10.100.0.0/16', '10.100.5.128/25']);
  t.deepEqual(dsts(await route.list({ table, protocol: 'static' })), ['10.100.0.0/16']);
  t.deepEqual(dsts(await route.list({ table, type: 'blackhole' })), ['10.101.0.0/16']);
  t.deepEqual(dsts(await route.list({ table, to: '10.100.5.0/24' })), ['10.100.5.0/24']);
  t.deepEqual(dsts(await route.list({ table, root: '10.100.0.0/16' })), ['10.100.0.0/16', '10.100.5.0/24', '10.100.5.128/25']);
  t.deepEqual(dsts(await route.list({ table, match: '10.100.5.200' })), ['10.100.0.0/16', '10.100.5.0/24', '10.100.5.128/25']);
  t.deepEqual(dsts(await route.list({ table, match: '10.100.5.7' })), ['10.100.0.0/16', '10.100.5.0/24']);
  t.deepEqual(dsts(await route.list({ table, scope: 'link' })), ['10.100.0.0/16', '10.100.5.0/24']);
  t.deepEqual(dsts(await route.list({ table, metric: 3 })), ['10.100.5.0/24']);
  t.deepEqual(dsts(await route.list({ table, via: '10.63.0.0/24' })), ['10.100.5.128/25']);
  // The main table by default, IPv4 by default, as `ip route show`.
  t.true((await route.list()).some((r) => r.dst === '10.63.0.0/24'));
  t.false((await route.list()).some((r) => r.dst.startsWith('10.100.')));
  t.false((await route.list()).some((r) => r.family === 'inet6'));
  // A table nobody made has no routes (the kernel answers ENOENT).
  t.deepEqual(await route.list({ table: 4_000_000 }), []);
  // The local table holds the local addresses.
  t.true((await route.list({ table: 'local' })).some((r) => r.type === 'local' && r.dst === '10.63.0.1'));
});

test('get matches `ip -j route get`', async (t) => {
  const dev = veth(65);
  ip('route', 'add', '192.168.165.0/24', 'via', '10.65.0.254', 'mtu', '1400');
  ip('-6', 'route', 'add', '2001:db8:165::/48', 'via', '2001:db8:65::fe', 'dev', dev);
  const map = names();
  const pick = (j: J): J => { const { cache: _c, ...rest } = j; return rest; };
  const r4 = await route.get('192.168.165.3');
  t.deepEqual(asIpJson(r4, map), ipJson<J[]>('route', 'get', '192.168.165.3')[0]!);
  const r6 = await route.get('2001:db8:165::1');
  t.deepEqual(pick(asIpJson(r6, map)), pick(ipJson<J[]>('route', 'get', '2001:db8:165::1')[0]!));
  const fm = await route.get('192.168.165.3', { fibmatch: true });
  t.is(fm.dst, '192.168.165.0/24');
  const o = await route.get('10.65.0.77', { dev, mark: 5 });
  t.is(map.get(o.dev!), dev);
  t.is(o.mark, 5);
  // In a namespace with no routes at all, nothing is reachable.
  const ns = freshNetns('rtg');
  const c = new ApiContext(Conn.open({ netns: { path: ns.path } }), { path: ns.path }, ns.name);
  try {
    const e = await t.throwsAsync(new RouteService(c).get('203.0.113.1'), { instanceOf: NetlinkError });
    t.is(e!.code, 'ENETUNREACH');
  } finally {
    c.close();
    ns.del();
  }
});

test('replace, change, prepend, append and delete', async (t) => {
  const dev = veth(66);
  const table = nextTable++;
  await route.add({ dst: '10.200.0.0/16', via: '10.66.0.2', table });
  await route.replace({ dst: '10.200.0.0/16', via: '10.66.0.3', table });
  t.is(ipJson<J[]>('route', 'show', 'table', String(table))[0]!.gateway, '10.66.0.3');
  await route.change({ dst: '10.200.0.0/16', via: '10.66.0.4', table });
  t.is(ipJson<J[]>('route', 'show', 'table', String(table))[0]!.gateway, '10.66.0.4');
  const ce = await t.throwsAsync(route.change({ dst: '10.201.0.0/16', via: '10.66.0.4', table }), { instanceOf: NetlinkError });
  t.is(ce!.code, 'ENOENT');
  await route.append({ dst: '10.202.0.0/16', via: '10.66.0.5', table, metric: 9 });
  await route.append({ dst: '10.202.0.0/16', dev, table, metric: 9 });
  await route.prepend({ dst: '10.202.0.0/16', via: '10.66.0.6', table, metric: 9 });
  t.is(ipJson<J[]>('route', 'show', 'table', String(table), '10.202.0.0/16').length, 3);
  await route.del({ dst: '10.202.0.0/16', via: '10.66.0.6', table, metric: 9 });
  t.is(ipJson<J[]>('route', 'show', 'table', String(table), '10.202.0.0/16').length, 2);
  await route.del({ dst: '10.200.0.0/16', table });
  t.is(ipJson<J[]>('route', 'show', 'table', String(table), '10.200.0.0/16').length, 0);
  ip('route', 'add', '10.203.0.0/16', 'dev', dev);
  await route.del('10.203.0.0/16');
  t.is(ipJson<J[]>('route', 'show', '10.203.0.0/16').length, 0);
  await route.add({ dst: '2001:db8:266::/48', dev, table });
  await route.del({ dst: '2001:db8:266::/48', table });
  t.is(ipJson<J[]>('-6', 'route', 'show', 'table', String(table)).length, 0);
});

test('errors: EEXIST, ESRCH, unknown devices, bad text', async (t) => {
  const dev = veth(67);
  await route.add({ dst: '10.210.0.0/16', dev });
  const e = await t.throwsAsync(route.add({ dst: '10.210.0.0/16', dev }), { instanceOf: NetlinkError });
  t.is(e!.code, 'EEXIST');
  t.is(e!.operation, 'RTM_NEWROUTE');
  const d = await t.throwsAsync(route.del({ dst: '10.211.0.0/16' }), { instanceOf: NetlinkError });
  t.is(d!.code, 'ESRCH');
  const g = await t.throwsAsync(route.add({ dst: '10.212.0.0/16', via: '192.0.2.1' }), { instanceOf: NetlinkError });
  t.truthy(g!.extAck ?? g!.code);
  await t.throwsAsync(route.add({ dst: '10.213.0.0/16', dev: 'nosuchdev0' }), { instanceOf: NoSuchDeviceError, message: 'Cannot find device "nosuchdev0"' });
  await t.throwsAsync(route.add({ dst: '10.213.0.0/16', nexthops: [{ via: '10.67.0.2', dev: 'nosuchdev0' }] }), { instanceOf: NoSuchDeviceError });
  await t.throwsAsync(route.list({ dev: 'nosuchdev0' }), { instanceOf: NoSuchDeviceError });
  await t.throwsAsync(route.add({ dst: '10.213.0.0/33', dev }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(route.add({ dst: '10.213.0.300/24', dev: 'nosuchdev0' }), { instanceOf: InvalidArgumentError });
  t.is(ipJson<J[]>('route', 'show', '10.213.0.0/16').length, 0);
});

test('a table that does not exist lists and streams as empty, like ip route show table N', async (t) => {
  const table = 4_000_000 + nextTable++; // never made
  t.deepEqual(await route.list({ table }), []);
  let n = 0;
  for await (const _ of route.stream({ table })) n++;
  t.is(n, 0);
  await t.notThrowsAsync(route.list({ table: 'main' }), 'the connection is still usable');
});

test('a 100,000-route table (ip -batch) streams in bounded memory', async (t) => {
  const dev = veth(68);
  const table = nextTable++;
  const dir = mkdtempSync(path.join(tmpdir(), 'rtnl-route-'));
  const batch = path.join(dir, 'b');
  const lines: string[] = [];
  for (let i = 0; i < 100_000; i++) lines.push(`route add 10.${100 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}/32 via 10.68.0.2 dev ${dev} table ${table} metric ${i}`);
  writeFileSync(batch, lines.join('\n'));
  try {
    run('ip', ['-batch', batch]);
  } finally {
    rmSync(dir, { recursive: true });
  }
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  let count = 0;
  let metricSum = 0;
  for await (const r of route.stream({ table })) {
    count++;
    metricSum += r.metric ?? 0;
    if (r.gateway !== '10.68.0.2') t.fail(`unexpected gateway ${String(r.gateway)}`);
    if ((count & 511) === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  t.is(count, 100_000);
  t.is(metricSum, (99_999 * 100_000) / 2);
  const growth = peak - before;
  t.log(`rss growth while streaming: ${(growth / 1048576).toFixed(1)} MiB`);
  t.true(growth < 64 * 1048576, `rss grew ${growth} bytes`);
  // Stopping early leaves the connection usable.
  let n = 0;
  for await (const _ of route.stream({ table })) if (++n === 10) break;
  t.is((await route.list({ table, to: '10.100.5.0/32' })).length, 1);
});

test('a default route carries traffic between two namespaces joined by a veth', async (t) => {
  const a = freshNetns('rta');
  const b = freshNetns('rtb');
  const ca = new ApiContext(Conn.open({ netns: { path: a.path } }), { path: a.path }, a.name);
  const cb = new ApiContext(Conn.open({ netns: { path: b.path } }), { path: b.path }, b.name);
  let server: ReturnType<typeof spawn> | undefined;
  try {
    ip('link', 'add', 'va', 'netns', a.name, 'type', 'veth', 'peer', 'name', 'vb', 'netns', b.name);
    ip('-n', a.name, 'link', 'set', 'lo', 'up');
    ip('-n', b.name, 'link', 'set', 'lo', 'up');
    ip('-n', a.name, 'link', 'set', 'va', 'up');
    ip('-n', b.name, 'link', 'set', 'vb', 'up');
    await new AddrService(ca).add('va', '10.77.1.1/24');
    await new AddrService(ca).add('lo', '10.88.0.1/32');
    await new AddrService(cb).add('vb', '10.77.1.2/24');
    // Without a default route, B cannot reach A's 10.88.0.1.
    const before = tryRun('ip', ['-n', b.name, 'route', 'get', '10.88.0.1']);
    t.not(before.status, 0);
    await new RouteService(cb).add({ dst: 'default', via: '10.77.1.1' });
    const def = (await new RouteService(cb).list()).find((r) => r.dst === 'default')!;
    t.like(def, { gateway: '10.77.1.1', protocol: 'boot', table: 'main' });
    t.like(await new RouteService(cb).get('10.88.0.1'), { gateway: '10.77.1.1', prefsrc: '10.77.1.2' });
    // A TCP round trip from B to 10.88.0.1 in A (node in each namespace; no ping binary needed).
    server = spawn('ip', ['netns', 'exec', a.name, process.execPath, '-e',
      "require('net').createServer((s) => s.end('pong')).listen(7777, '10.88.0.1', () => console.log('ready'))"]);
    await new Promise<void>((resolve, reject) => {
      server!.stdout!.once('data', () => resolve());
      server!.once('exit', (c) => reject(new Error(`server exited ${String(c)}`)));
    });
    const client = run('ip', ['netns', 'exec', b.name, process.execPath, '-e',
      "const s = require('net').connect(7777, '10.88.0.1'); let d = ''; s.on('data', (c) => d += c); s.on('end', () => console.log(d)); setTimeout(() => process.exit(3), 5000).unref()"]);
    t.is(client.trim(), 'pong');
    if (tryRun('which', ['ping']).status === 0) {
      t.is(tryRun('ip', ['netns', 'exec', b.name, 'ping', '-c1', '-W2', '10.88.0.1']).status, 0);
    }
  } finally {
    if (server?.pid && server.exitCode === null) server.kill();
    ca.close();
    cb.close();
    a.del();
    b.del();
  }
});
