// ip.link through the API, compared with `ip -j -d link show` on the same state (sandboxed).
import test from 'ava';
import { IpRoute, NetlinkError, NoSuchDeviceError, InvalidArgumentError, NoSuchNetnsError } from '../../src/index.js';
import { assertSandboxed, ip, ipJson, tryRun, freshNetns } from './_util.js';

let api: IpRoute;
test.before(async () => {
  assertSandboxed();
  api = await IpRoute.open();
});
test.after.always(() => api?.close());

const show = (dev: string, ...ns: string[]) => ipJson<any[]>(...(ns.length ? ['-n', ns[0]!] : []), '-d', 'link', 'show', 'dev', dev)[0];
const exists = (dev: string) => tryRun('ip', ['link', 'show', 'dev', dev]).status === 0;

/** The fields both sides print for any link. */
function assertSameLink(t: any, link: any, j: any): void {
  t.is(link.ifindex, j.ifindex);
  t.is(link.ifname, j.ifname);
  t.deepEqual(link.flags, j.flags.filter((f: string) => f !== 'M-DOWN')); // M-DOWN is ip's view of the peer's state
  t.is(link.mtu, j.mtu);
  t.is(link.qdisc, j.qdisc);
  t.is(link.operstate, j.operstate);
  t.is(link.txqlen, j.txqlen);
  t.is(link.linkType, j.link_type);
  t.is(link.address, j.address);
  t.is(link.broadcast, j.broadcast);
  t.is(link.minMtu, j.min_mtu);
  t.is(link.maxMtu, j.max_mtu);
  t.is(link.linkinfo?.kind, j.linkinfo?.info_kind);
}

test('veth with no names: the kernel picks veth0/veth1, like ip link add type veth', async (t) => {
  const link = await api.link.add({ type: 'veth' });
  try {
    t.regex(link.ifname, /^veth\d+$/);
    const j = show(link.ifname);
    assertSameLink(t, link, j);
    const peer = show(j.link);
    t.is(link.link, peer.ifindex);
  } finally {
    await api.link.del(link.ifname);
  }
  t.false(exists(link.ifname));
});

test('add with { echo: false } creates the link and resolves with nothing', async (t) => {
  t.is(await api.link.add({ name: 'ltne0', type: 'veth', peer: { name: 'ltne1' } }, { echo: false }), undefined);
  t.is(show('ltne1').ifname, 'ltne1');
  t.is((await api.link.get('ltne0')).linkinfo?.kind, 'veth');
  await api.link.del('ltne0');
});

test('veth with peer name, mtu, address, txqlen, up at creation', async (t) => {
  const link = await api.link.add({
    name: 'lt0a', type: 'veth', mtu: 1400, address: '02:00:00:00:00:01', txqlen: 500, up: true,
    peer: { name: 'lt0b', mtu: 1300, address: '02:00:00:00:00:02' },
  });
  t.is(link.ifname, 'lt0a');
  const a = show('lt0a');
  const b = show('lt0b');
  assertSameLink(t, await api.link.get('lt0a'), a);
  assertSameLink(t, await api.link.get('lt0b'), b);
  t.is(a.mtu, 1400);
  t.is(a.address, '02:00:00:00:00:01');
  t.is(a.txqlen, 500);
  t.true(a.flags.includes('UP'));
  t.is(b.mtu, 1300);
  t.is(b.address, '02:00:00:00:00:02');
  await api.link.del('lt0b'); // one end deletes both
  t.false(exists('lt0a'));
});

test('veth peer created straight into a namespace, and moved with set netns', async (t) => {
  const ns = freshNetns('ltn');
  try {
    await api.link.add({ name: 'lt1a', type: 'veth', peer: { name: 'lt1b', netns: ns.name } });
    t.false(exists('lt1b'));
    const inside = show('lt1b', ns.name);
    t.is(inside.ifname, 'lt1b');
    const outside = await api.link.get('lt1a');
    t.is(typeof outside.linkNetnsid, 'number');
    t.is(outside.link, inside.ifindex);
    await api.link.set('lt1a', { netns: ns.name });
    t.false(exists('lt1a'));
    t.is(show('lt1a', ns.name).ifname, 'lt1a');
    await using nsApi = await IpRoute.open({ netns: ns.name });
    t.deepEqual((await nsApi.link.list()).map((l) => l.ifname).sort(), ['lo', 'lt1a', 'lt1b']);
  } finally {
    ns.del();
  }
});

test('bridge with options, compared with ip -d', async (t) => {
  const link = await api.link.add({ name: 'ltbr0', type: 'bridge', stpState: 1, forwardDelay: 1000, helloTime: 300, priority: 4096, ageingTime: 20000 });
  try {
    const j = show('ltbr0');
    assertSameLink(t, link, j);
    const d = j.linkinfo.info_data;
    const data = link.linkinfo!.data as any;
    t.is(d.stp_state, 1);
    t.is(d.forward_delay, 1000);
    t.is(d.hello_time, 300);
    t.is(d.priority, 4096);
    t.is(d.ageing_time, 20000);
    t.is(data.forwardDelay, 1000);
    t.is(data.stpState, 1);
    t.is(data.priority, 4096);
  } finally {
    await api.link.del('ltbr0');
  }
});

test('master and nomaster; list filtered by master and type', async (t) => {
  await api.link.add({ name: 'ltbr1', type: 'bridge' });
  await api.link.add({ name: 'lt2a', type: 'veth', peer: { name: 'lt2b' }, master: 'ltbr1' });
  await api.link.add({ name: 'lt3a', type: 'veth', peer: { name: 'lt3b' } });
  try {
    await api.link.set('lt3a', { master: 'ltbr1' });
    const ports = await api.link.list({ master: 'ltbr1' });
    t.deepEqual(ports.map((l) => l.ifname).sort(), ['lt2a', 'lt3a']);
    t.deepEqual(ports.map((l) => l.ifname).sort(), ipJson<any[]>('link', 'show', 'master', 'ltbr1').map((l) => l.ifname).sort());
    t.is(ports[0]!.linkinfo?.slaveKind, 'bridge');
    const bridges = await api.link.list({ type: 'bridge' });
    t.deepEqual(bridges.map((l) => l.ifname), ['ltbr1']);
    await api.link.set('lt3a', { master: null });
    t.is(show('lt3a').master, undefined);
  } finally {
    await api.link.del('lt2a');
    await api.link.del('lt3a');
    await api.link.del('ltbr1');
  }
});

test('vxlan and macvlan/macvtap, compared with ip -d', async (t) => {
  await api.link.add({ name: 'ltlow0', type: 'veth', peer: { name: 'ltlow1' } });
  try {
    const vx = await api.link.add({ name: 'ltvx0', type: 'vxlan', id: 42, dstport: 4789, local: '10.0.0.1', dev: 'ltlow0', ttl: 64 });
    const j = show('ltvx0');
    assertSameLink(t, vx, j);
    t.is(j.linkinfo.info_data.id, 42);
    t.is(j.linkinfo.info_data.port, 4789);
    t.is(j.linkinfo.info_data.local, '10.0.0.1');
    t.is(j.linkinfo.info_data.ttl, 64);
    t.is((vx.linkinfo!.data as any).port, 4789);
    const mv = await api.link.add({ name: 'ltmv0', type: 'macvlan', link: 'ltlow0', mode: 'bridge' });
    const mj = show('ltmv0');
    assertSameLink(t, mv, mj);
    t.is(mj.linkinfo.info_data.mode, 'bridge');
    t.is(mv.link, (await api.link.get('ltlow0')).ifindex);
    const mt = await api.link.add({ name: 'ltmt0', type: 'macvtap', link: 'ltlow0', mode: 'vepa' });
    t.is(show('ltmt0').linkinfo.info_data.mode, 'vepa');
    t.is(mt.linkinfo?.kind, 'macvtap');
  } finally {
    await api.link.del('ltlow0').catch(() => undefined);
    tryRun('ip', ['link', 'del', 'ltvx0']);
  }
});

test('set: up/down, name, mtu, address, alias, txqlen, group, promisc, arp off', async (t) => {
  await api.link.add({ name: 'lt4a', type: 'veth', peer: { name: 'lt4b' } });
  try {
    await api.link.set('lt4a', { up: true, mtu: 1280, address: '02:aa:bb:cc:dd:ee', alias: 'uplink', txqlen: 77, group: 3, promisc: true, arp: false });
    let j = show('lt4a');
    t.true(j.flags.includes('UP'));
    t.true(j.flags.includes('PROMISC'));
    t.true(j.flags.includes('NOARP'));
    t.is(j.mtu, 1280);
    t.is(j.address, '02:aa:bb:cc:dd:ee');
    t.is(j.ifalias, 'uplink');
    t.is(j.txqlen, 77);
    t.is(j.group, '3');
    const l = await api.link.get('lt4a');
    t.is(l.ifalias, 'uplink');
    t.is(l.group, 3);
    await api.link.set('lt4a', { up: false, name: 'lt4c', promisc: false, arp: true });
    j = show('lt4c');
    t.false(j.flags.includes('UP'));
    t.false(j.flags.includes('PROMISC'));
    t.false(j.flags.includes('NOARP'));
    t.false(exists('lt4a'));
  } finally {
    tryRun('ip', ['link', 'del', 'lt4c']);
    tryRun('ip', ['link', 'del', 'lt4a']);
  }
});

test('made with ip, read through the API: every listed link matches ip -j -d', async (t) => {
  ip('link', 'add', 'lt5br', 'type', 'bridge');
  ip('link', 'add', 'lt5a', 'type', 'veth', 'peer', 'name', 'lt5b');
  ip('link', 'set', 'lt5a', 'master', 'lt5br', 'up');
  try {
    const ours = await api.link.list();
    const theirs = ipJson<any[]>('-d', 'link', 'show');
    t.is(ours.length, theirs.length);
    for (const j of theirs) assertSameLink(t, ours.find((l) => l.ifindex === j.ifindex), j);
    t.is(ours.find((l) => l.ifname === 'lt5a')!.master, theirs.find((l) => l.ifname === 'lt5br').ifindex);
  } finally {
    ip('link', 'del', 'lt5a');
    ip('link', 'del', 'lt5br');
  }
});

test('bad input is refused before any request, and nothing changes', async (t) => {
  const before = ipJson<any[]>('link', 'show').map((l) => l.ifname).sort();
  for (const name of ['', 'x'.repeat(16), 'a/b', 'a b', 'a:b', '..']) {
    await t.throwsAsync(api.link.add({ name, type: 'veth' }), { instanceOf: InvalidArgumentError }, `name ${JSON.stringify(name)}`);
  }
  await t.throwsAsync(api.link.add({ name: 'ltbad0', type: 'veth', peer: { name: 'bad/peer' } }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(api.link.add({ name: 'ltbad0', type: 'bridge', mtu: -1 }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(api.link.add({ name: 'ltbad0', type: 'bridge', mtu: 1.5 }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(api.link.add({ name: 'ltbad0', type: 'bridge', address: 'zz:00' }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(api.link.add({ name: 'ltbad0', type: 'bridge', master: 'nosuchbr' }), { instanceOf: NoSuchDeviceError, message: 'Cannot find device "nosuchbr"' });
  await t.throwsAsync(api.link.add({ name: 'ltbad0', type: 'veth', peer: { netns: 'nosuchns' } }), { instanceOf: NoSuchNetnsError });
  const e = await t.throwsAsync(api.link.add({ name: 'ltbad0', type: 'nosuchkind' }), { instanceOf: NetlinkError });
  t.is(e!.extAck, 'Unknown device type');
  await t.throwsAsync(api.link.set('veth9', { up: true }), { instanceOf: NoSuchDeviceError, message: 'Cannot find device "veth9"' });
  await t.throwsAsync(api.link.get('veth9'), { instanceOf: NoSuchDeviceError });
  await t.throwsAsync(api.link.del('veth9'), { instanceOf: NoSuchDeviceError });
  ip('link', 'add', 'ltbad1', 'type', 'veth', 'peer', 'name', 'ltbad2');
  const big = await t.throwsAsync(api.link.set('ltbad1', { mtu: 70000 }), { instanceOf: NetlinkError });
  t.regex(big!.extAck ?? '', /mtu greater than device maximum/);
  t.is(show('ltbad1').mtu, 1500);
  ip('link', 'del', 'ltbad1');
  t.deepEqual(ipJson<any[]>('link', 'show').map((l) => l.ifname).sort(), before);
});

test('a veth pair whose peer cannot be created leaves no end behind', async (t) => {
  await api.link.add({ name: 'lt6a', type: 'veth', peer: { name: 'lt6b' } });
  try {
    const e = await t.throwsAsync(api.link.add({ name: 'lt7a', type: 'veth', peer: { name: 'lt6b' } }), { instanceOf: NetlinkError });
    t.is(e!.code, 'EEXIST');
    t.false(exists('lt7a'));
    const dup = await t.throwsAsync(api.link.add({ name: 'lt6a', type: 'bridge' }), { instanceOf: NetlinkError });
    t.is(dup!.code, 'EEXIST');
  } finally {
    await api.link.del('lt6a');
  }
});
