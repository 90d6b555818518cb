/**
 * NeighService against the kernel, inside the sandbox: entries made through the API compared
 * with `ip -j neigh show` field by field, entries made with `ip` read through the API, proxy
 * entries, get, flush, errors.
 */
import test, { type ExecutionContext } from 'ava';
import { Conn, NetlinkError } from '../../src/netlink/index.js';
import { ApiContext } from '../../src/api/context.js';
import { NeighService } from '../../src/api/neigh.js';
import { InvalidArgumentError, NoSuchDeviceError } from '../../src/api/errors.js';
import type { Neighbor } from '../../src/rtnl/neigh/index.js';
import { assertSandboxed, ip, ipJson, uniq } from './_util.js';

let ctx: ApiContext;
let neigh: NeighService;

test.before(() => {
  assertSandboxed();
  ctx = new ApiContext(Conn.open(), undefined, undefined);
  neigh = new NeighService(ctx);
});
test.after.always(() => ctx?.close());

function veth(n: number): { dev: string; index: number } {
  const dev = uniq('nd');
  const peer = uniq('np');
  ip('link', 'add', dev, 'type', 'veth', 'peer', 'name', peer);
  ip('link', 'set', dev, 'up');
  ip('link', 'set', peer, 'up');
  ip('addr', 'add', `10.${n}.0.1/24`, 'dev', dev);
  ip('addr', 'add', `2001:db8:${n}::1/64`, 'dev', dev, 'nodad');
  return { dev, index: ipJson<{ ifindex: number }[]>('link', 'show', dev)[0]!.ifindex };
}

type J = Record<string, unknown>;

/** A Neighbor as `ip -j [-s] neigh show dev X` prints it (no `dev` key when filtered by device). */
function asIpJson(n: Neighbor, stats = false): J {
  const out: J = {};
  if (n.dst !== undefined) out.dst = n.dst;
  if (n.lladdr !== undefined) out.lladdr = n.lladdr;
  for (const f of n.flags) out[f] = null;
  if (stats) {
    if (n.refcnt) out.refcnt = n.refcnt;
    out.used = n.used;
    out.confirmed = n.confirmed;
    out.updated = n.updated;
    if (n.probes !== undefined) out.probes = n.probes;
  }
  if (n.state.length) out.state = n.state;
  if (n.protocol !== undefined) out.protocol = n.protocol;
  return out;
}

function sameNeighbors(t: ExecutionContext, ours: J[], theirs: J[]): void {
  const key = (j: J): string => String(j.dst);
  const a = [...ours].sort((x, y) => key(x).localeCompare(key(y)));
  const b = [...theirs].sort((x, y) => key(x).localeCompare(key(y)));
  t.is(a.length, b.length, 'as many entries as ip shows');
  a.forEach((o, i) => {
    const x = { ...o };
    const y = { ...b[i] };
    // Ages tick between the two reads.
    for (const k of ['used', 'confirmed', 'updated']) {
      if (k in x || k in y) {
        t.true(Math.abs((x[k] as number) - (y[k] as number)) <= 2, `${key(o)} ${k}`);
        delete x[k];
        delete y[k];
      }
    }
    t.deepEqual(x, y, key(o));
  });
}

test('entries made through the API match `ip -j neigh show`', async (t) => {
  const { dev, index } = veth(70);
  await neigh.add({ dst: '10.70.0.7', lladdr: '00:11:22:33:44:55', dev });
  await neigh.add({ dst: '10.70.0.8', lladdr: '00:11:22:33:44:56', dev, nud: 'stale', router: true });
  await neigh.add({ dst: '10.70.0.9', lladdr: '00:11:22:33:44:57', dev: index, nud: 'noarp' });
  await neigh.add({ dst: '10.70.0.10', dev, nud: 'failed' });
  await neigh.add({ dst: '10.70.0.11', lladdr: '00:11:22:33:44:59', dev, nud: 'reachable', externLearn: true, protocol: 'static' });
  await neigh.add({ dst: '2001:db8:70::7', lladdr: '00:11:22:33:44:60', dev, nud: 'reachable', router: true });
  await neigh.add({ dst: '2001:db8:70::8', lladdr: '00:11:22:33:44:61', dev });
  const ours = await neigh.list({ dev, nud: 'all' });
  t.true(ours.every((n) => n.ifindex === index));
  const theirs = ipJson<J[]>('neigh', 'show', 'dev', dev, 'nud', 'all').filter((j) => !String(j.dst).startsWith('ff02'));
  const mine = ours.filter((n) => !n.dst!.startsWith('ff02'));
  sameNeighbors(t, mine.map((n) => asIpJson(n)), theirs);
  sameNeighbors(t, mine.map((n) => asIpJson(n, true)), ipJson<J[]>('-s', 'neigh', 'show', 'dev', dev, 'nud', 'all').filter((j) => !String(j.dst).startsWith('ff02')));
  t.is(mine.length, 7);
  // The default listing leaves out NOARP entries, as `ip neigh show` does.
  sameNeighbors(t, (await neigh.list({ dev })).map((n) => asIpJson(n)), ipJson<J[]>('neigh', 'show', 'dev', dev));
  t.false((await neigh.list({ dev })).some((n) => n.dst === '10.70.0.9'));
});

test('entries made with `ip` read through the API, with filters', async (t) => {
  const { dev } = veth(71);
  const other = veth(72).dev;
  ip('neigh', 'add', '10.71.0.5', 'lladdr', '02:00:00:00:00:05', 'dev', dev, 'nud', 'permanent');
  ip('neigh', 'add', '10.71.0.6', 'lladdr', '02:00:00:00:00:06', 'dev', dev, 'nud', 'stale', 'proto', 'zebra');
  ip('neigh', 'add', '10.72.0.6', 'lladdr', '02:00:00:00:00:07', 'dev', other, 'nud', 'delay');
  ip('-6', 'neigh', 'add', '2001:db8:71::5', 'lladdr', '02:00:00:00:00:08', 'dev', dev, 'nud', 'probe');
  sameNeighbors(t, (await neigh.list({ dev })).map((n) => asIpJson(n)), ipJson<J[]>('neigh', 'show', 'dev', dev));
  const dsts = (ns: Neighbor[]): string[] => ns.map((n) => n.dst!).sort();
  t.deepEqual(dsts(await neigh.list({ dev, family: 'inet' })), ['10.71.0.5', '10.71.0.6']);
  t.deepEqual(dsts(await neigh.list({ dev, nud: ['stale', 'probe'] })), ['10.71.0.6', '2001:db8:71::5']);
  t.deepEqual(dsts(await neigh.list({ to: '10.71.0.0/16' })), ['10.71.0.5', '10.71.0.6']);
  t.deepEqual(dsts(await neigh.list({ dev, protocol: 'zebra' })), ['10.71.0.6']);
  t.deepEqual(dsts(await neigh.list({ dev: other, family: 'inet' })), ['10.72.0.6']);
  t.like((await neigh.list({ dev, to: '10.71.0.6' }))[0]!, { protocol: 'zebra', state: ['STALE'] });
});

test('proxy entries', async (t) => {
  const { dev } = veth(73);
  await neigh.add({ dst: '10.73.0.9', dev, proxy: true });
  await neigh.add({ dst: '2001:db8:73::9', dev, proxy: true });
  const ours = await neigh.list({ dev, proxy: true });
  sameNeighbors(t, ours.map((n) => asIpJson(n)), ipJson<J[]>('neigh', 'show', 'proxy', 'dev', dev));
  t.deepEqual(ours.map((n) => n.proxy), [true, true]);
  t.false((await neigh.list({ dev })).some((n) => n.dst === '10.73.0.9'));
  const g = await neigh.get('10.73.0.9', dev, { proxy: true });
  t.like(g, { dst: '10.73.0.9', proxy: true });
  await neigh.del({ dst: '10.73.0.9', dev, proxy: true });
  t.deepEqual(ipJson<J[]>('neigh', 'show', 'proxy', 'dev', dev).map((j) => j.dst), ['2001:db8:73::9']);
  t.is(await neigh.flush({ dev, proxy: true }), 1);
  t.deepEqual(ipJson<J[]>('neigh', 'show', 'proxy', 'dev', dev), []);
});

test('get, replace, change, delete and flush', async (t) => {
  const { dev } = veth(74);
  await neigh.add({ dst: '10.74.0.2', lladdr: '02:00:00:00:01:02', dev });
  const g = await neigh.get('10.74.0.2', dev);
  // (`ip -j neigh get` of iproute2 6.1 prints text, so ip's view comes from `show`.)
  t.deepEqual(asIpJson(g), ipJson<J[]>('neigh', 'show', '10.74.0.2', 'dev', dev)[0]!);
  await neigh.replace({ dst: '10.74.0.2', lladdr: '02:00:00:00:01:03', dev, nud: 'reachable' });
  t.like(ipJson<J[]>('neigh', 'show', '10.74.0.2', 'dev', dev)[0]!, { lladdr: '02:00:00:00:01:03', state: ['REACHABLE'] });
  await neigh.change({ dst: '10.74.0.2', lladdr: '02:00:00:00:01:04', dev, nud: 'permanent' });
  t.like(ipJson<J[]>('neigh', 'show', '10.74.0.2', 'dev', dev)[0]!, { lladdr: '02:00:00:00:01:04', state: ['PERMANENT'] });
  await neigh.replace({ dst: '2001:db8:74::2', lladdr: '02:00:00:00:01:05', dev, nud: 'stale' });
  await neigh.add({ dst: '10.74.0.3', lladdr: '02:00:00:00:01:06', dev, nud: 'stale' });
  await neigh.add({ dst: '10.74.0.4', lladdr: '02:00:00:00:01:07', dev, nud: 'noarp' });
  await neigh.del({ dst: '10.74.0.3', dev });
  t.deepEqual(ipJson<J[]>('neigh', 'show', '10.74.0.3', 'dev', dev), []);
  // Flush leaves permanent and noarp entries alone, as iproute2's does.
  const n = await neigh.flush({ dev });
  t.is(n, 1);
  t.deepEqual(ipJson<J[]>('neigh', 'show', 'dev', dev, 'nud', 'all').map((j) => j.dst).filter((d) => !String(d).startsWith('ff02')).sort(), ['10.74.0.2', '10.74.0.4']);
  // `nud all` still spares noarp entries when flushing (iproute2); naming the state does not.
  t.is(await neigh.flush({ dev, nud: 'all' }), 1);
  t.is(await neigh.flush({ dev, nud: ['noarp'], to: '10.74.0.0/24' }), 1);
  t.deepEqual(ipJson<J[]>('neigh', 'show', 'dev', dev, 'nud', 'all').filter((j) => !String(j.dst).startsWith('ff02')), []);
});

test('errors: EEXIST, ENOENT, unknown devices, bad text', async (t) => {
  const { dev } = veth(75);
  await neigh.add({ dst: '10.75.0.2', lladdr: '02:00:00:00:02:02', dev });
  const e = await t.throwsAsync(neigh.add({ dst: '10.75.0.2', lladdr: '02:00:00:00:02:02', dev }), { instanceOf: NetlinkError });
  t.is(e!.code, 'EEXIST');
  t.is(e!.operation, 'RTM_NEWNEIGH');
  const d = await t.throwsAsync(neigh.del({ dst: '10.75.0.9', dev }), { instanceOf: NetlinkError });
  t.is(d!.code, 'ENOENT');
  const g = await t.throwsAsync(neigh.get('10.75.0.9', dev), { instanceOf: NetlinkError });
  t.is(g!.code, 'ENOENT');
  await t.throwsAsync(neigh.add({ dst: '10.75.0.3', dev: 'nosuchdev0' }), { instanceOf: NoSuchDeviceError, message: 'Cannot find device "nosuchdev0"' });
  await t.throwsAsync(neigh.list({ dev: 'nosuchdev0' }), { instanceOf: NoSuchDeviceError });
  await t.throwsAsync(neigh.add({ dst: '10.75.0.300', dev }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(neigh.add({ dst: '10.75.0.3', lladdr: '02:00:00:00:02:zz', dev: 'nosuchdev0' }), { instanceOf: InvalidArgumentError });
  t.deepEqual(ipJson<J[]>('neigh', 'show', 'dev', dev).map((j) => j.dst), ['10.75.0.2']);
});
