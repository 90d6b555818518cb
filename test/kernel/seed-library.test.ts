// The seed tutorial (../shared/seed-tutorial.md) parts 1-3 through the library, pings included.
import test from 'ava';
import { readdirSync } from 'node:fs';
import { IpRoute, NoSuchDeviceError } from '../../src/index.js';
import { assertSandboxed, ipJson, untilRunning } from './_util.js';

test.before(() => assertSandboxed());

/** Links of the seed scenario still in the sandbox's own namespace (other test files may leave theirs). */
const seedLinks = () => ipJson<any[]>('link', 'show').map((l) => l.ifname as string).filter((n) => /^(veth|docker0)/.test(n));

const ping = async (ip: IpRoute, ns: string, dst: string) =>
  (await ip.netns.exec(ns, 'ping', ['-c1', '-W2', dst], { stdio: 'pipe' })).status;

test.serial('part 1: one namespace, lo brought up inside it', async (t) => {
  await using ip = await IpRoute.open();
  await ip.netns.add('ns0');
  try {
    t.deepEqual((await ip.netns.list()).map((n) => n.name), ['ns0']);
    t.deepEqual(readdirSync('/var/run/netns'), ['ns0']);
    const r = await ip.netns.exec('ns0', 'ip', ['-j', 'addr'], { stdio: 'pipe' });
    const inside = JSON.parse(r.stdout!);
    t.deepEqual(inside.map((l: any) => l.ifname), ['lo']);
    t.is(inside[0].operstate, 'DOWN');
    t.deepEqual(inside[0].addr_info, []);
    await using ns0 = await IpRoute.open({ netns: 'ns0' });
    await ns0.link.set('lo', { up: true });
    const addrs = await ns0.addr.list({ dev: 'lo' });
    t.deepEqual(addrs.map((a) => `${a.local}/${a.prefixlen}`).sort(), ['127.0.0.1/8', '::1/128']);
    t.true((await ns0.link.get('lo')).flags.includes('UP'));
  } finally {
    await ip.netns.del('ns0');
  }
});

test.serial('part 2: two namespaces joined by a veth pair, kernel-named ends', async (t) => {
  await using ip = await IpRoute.open();
  // The kernel registers the peer first: the pair is veth0/veth1, the requested end is veth1.
  const a = await ip.link.add({ type: 'veth' });
  const peer = await ip.link.get(a.link!);
  t.deepEqual([a.ifname, peer.ifname].sort(), ['veth0', 'veth1']);
  t.is(peer.link, a.ifindex);
  await ip.link.add({ name: 'veth001', type: 'veth', peer: { name: 'veth002' } });
  await ip.netns.add('ns0');
  await ip.netns.add('ns1');
  try {
    await ip.link.set('veth0', { netns: 'ns0' });
    await ip.link.set('veth1', { netns: 'ns1' });
    await using ns0 = await IpRoute.open({ netns: 'ns0' });
    await using ns1 = await IpRoute.open({ netns: 'ns1' });
    await ns0.addr.add('veth0', '192.168.1.1/24');
    await ns0.link.set('veth0', { up: true });
    await ns1.addr.add('veth1', '192.168.1.2/24');
    await ns1.link.set('veth1', { up: true });
    t.is(await ping(ip, 'ns0', '192.168.1.2'), 0);
    t.is(await ping(ip, 'ns1', '192.168.1.1'), 0);
    // Deleting one end of a veth pair deletes both.
    await ip.link.del('veth001');
    await t.throwsAsync(ip.link.get('veth002'), { instanceOf: NoSuchDeviceError });
  } finally {
    await ip.netns.del('ns0');
    await ip.netns.del('ns1');
  }
  t.deepEqual(seedLinks(), []);
});

test.serial('part 3: three namespaces on a bridge, all pinging each other; the slip fails like ip', async (t) => {
  await using ip = await IpRoute.open();
  for (const ns of ['ns0', 'ns1', 'ns2']) await ip.netns.add(ns);
  try {
    for (let i = 0; i < 3; i++) await ip.link.add({ type: 'veth' });
    t.deepEqual((await ip.link.list({ type: 'veth' })).map((l) => l.ifname).filter((n) => /^veth\d$/.test(n)).sort(), ['veth0', 'veth1', 'veth2', 'veth3', 'veth4', 'veth5']);
    await ip.link.add({ name: 'docker0', type: 'bridge' });
    await ip.link.set('docker0', { up: true });
    await ip.addr.add('docker0', '172.17.0.1/16');
    for (let i = 0; i < 3; i++) {
      const h = `veth${2 * i}`;
      const c = `veth${2 * i + 1}`;
      await ip.link.set(c, { netns: `ns${i}` });
      await using inside = await IpRoute.open({ netns: `ns${i}` });
      await inside.link.set(c, { name: 'eth0' });
      await inside.addr.add('eth0', `172.17.0.10${i + 1}/16`);
      await inside.link.set('eth0', { up: true });
      await ip.link.set(h, { master: 'docker0' });
      await ip.link.set(h, { up: true });
    }
    // The tutorial's slip: veth1 lives in ns0 now. (Read once linkwatch has set the carriers.)
    untilRunning(['docker0', 'veth0', 'veth2', 'veth4']);
    const before = JSON.stringify(ipJson('link', 'show'));
    await t.throwsAsync(ip.link.set('veth1', { master: 'docker0' }), { instanceOf: NoSuchDeviceError, message: 'Cannot find device "veth1"' });
    t.is(JSON.stringify(ipJson('link', 'show')), before);

    t.deepEqual((await ip.link.list({ master: 'docker0' })).map((l) => l.ifname).sort(), ['veth0', 'veth2', 'veth4']);
    for (const dst of ['172.17.0.1', '172.17.0.102', '172.17.0.103']) t.is(await ping(ip, 'ns0', dst), 0, `ns0 -> ${dst}`);
    t.is(await ping(ip, 'ns2', '172.17.0.101'), 0);
  } finally {
    for (const ns of ['ns0', 'ns1', 'ns2']) await ip.netns.del(ns);
    await ip.link.del('docker0').catch(() => undefined);
  }
  // The kernel tears a deleted namespace down asynchronously; the host ends go with it.
  for (let i = 0; i < 50 && seedLinks().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
  t.deepEqual(seedLinks(), []);
});
