/**
 * TUN/TAP on this kernel: `tuntap add|del|show` by ip and by rtnl-ts side by side in one
 * namespace (rtnl-ts's ioctls run in the -n namespace), the devices read back by both tools
 * (`ip -j -d link show` twins, `rtnl-ts tuntap show` and `-d link show` as ip prints them), bad
 * lines failing as in ip with nothing made, and the API: ip.link.add of tun/tap (ioctls, then the
 * common options), ip.tuntap.add/del, ip.link.del, in the handle's namespace only.
 */
import test from 'ava';
import { IpRoute, InvalidArgumentError, SyscallError, UnknownOptionError } from '../../src/index.js';
import * as fs from 'node:fs';
import { inNetns } from '../../src/netlink/index.js';
import { ioctlPtr } from '../../src/netlink/ffi.js';
import { encodeIfreq, IFF_NO_PI, IFF_TAP, IFF_TUN, TUNSETIFF } from '../../src/rtnl/link/index.js';
import { assertSandboxed, freshNetns, ip as ipCmd, ipJson, tryRun } from './_util.js';
import { runCli, runIp } from './cli-helpers.js';
import { assertSameFailures, assertSameShow, assertTwins, buildBoth } from './kinds-diff.js';

let ns: ReturnType<typeof freshNetns>;

test.before(() => {
  assertSandboxed();
  ns = freshNetns('tuntap');
  ipCmd('-n', ns.name, 'link', 'add', 'd0', 'type', 'veth', 'peer', 'name', 'd1');
});
test.after.always(() => ns?.del());

const NAMES = ['tp0', 'tn0', 'tp1', 'tn1', 'tn2', 'tp2', 'tp3'];

test.serial('tuntap add/del by both tools make the same devices, shown alike by both', (t) => {
  buildBoth(t, ns.name, [
    'tuntap add dev {}tp0 mode tap',
    'tuntap add dev {}tn0 mode tun',
    'tuntap add {}tp1 mode tap user nobody group nogroup multi_queue vnet_hdr',
    'tuntap add dev {}tn1 mode tun pi one_queue user 0 group 0',
    'tuntap add name {}tn2 mode tun user -5 group 4294967295',
    'tuntap a d {}tp2 m ta p v o mu',
    'tap add dev {}tp3 mode tap',
    'tuntap add dev {}del0 mode tap',
    'tuntap del dev {}del0 mode tap',
    'tuntap add dev {}del1 mode tun multi_queue',
    'tuntap delete {}del1 mode tun multi_queue',
    'tuntap del dev {}gone mode tap',
  ]);
  const all = assertTwins(t, ns.name, NAMES);
  t.false(all.some((l) => /del[01]|gone/.test(l.ifname)), 'the deleted devices are gone');
  t.like(all.find((l) => l.ifname === 'ts_tp1')?.linkinfo, {
    info_kind: 'tun', info_data: { type: 'tap', pi: false, vnet_hdr: true, multi_queue: true, persist: true, user: 'nobody', group: 'nogroup' },
  });
  for (const args of [['tuntap', 'show'], ['tuntap'], ['-j', 'tuntap', 'list'], ['-j', '-p', 'tap', 'lst'], ['tuntap', 'show', 'foo'],
    ['-d', 'link', 'show'], ['-j', '-d', 'link', 'show'], ['-d', 'link', 'show', 'type', 'tun'], ['-j', '-d', 'link', 'show', 'dev', 'ts_tn1']]) {
    assertSameShow(t, ns.name, args);
  }
  // -d adds the processes attached: the same lines (stderr holds readlink failures on the host's
  // processes, which change between runs)
  t.is(runCli('-n', ns.name, '-d', 'tuntap').stdout, runIp('-n', ns.name, '-d', 'tuntap').stdout);
});

test.serial('-d lists the processes attached to a device, text and JSON as ip prints them', (t) => {
  // this test's process attaches to ts_tp0 (each command leaves its own process out)
  const fd = inNetns({ path: ns.path }, () => fs.openSync('/dev/net/tun', 'r+'));
  try {
    ioctlPtr(fd, TUNSETIFF, encodeIfreq('ts_tp0', IFF_TAP | IFF_NO_PI), 'ioctl(TUNSETIFF)');
    for (const args of [['-d', 'tuntap'], ['-j', '-d', 'tuntap']]) {
      const a = runIp('-n', ns.name, ...args);
      t.regex(a.stdout, new RegExp(`\\(${process.pid}\\)|"pid":${process.pid}`), 'ip lists this process');
      t.is(runCli('-n', ns.name, ...args).stdout, a.stdout, args.join(' '));
    }
  } finally {
    fs.closeSync(fd);
  }
});

test.serial('bad tuntap lines fail with ip\'s words and status, and nothing is made', (t) => {
  assertSameFailures(t, ns.name, [
    'tuntap add dev bad0',
    'tuntap add dev bad0 mode foo',
    'tuntap add dev bad0 mode tun mode tap',
    'tuntap add dev bad0 mode tap user nosuchuser',
    'tuntap add dev bad0 mode tap group nosuchgroup',
    'tuntap add dev bad0 mode tap user 12x',
    'tuntap add dev bad0 mode tap user',
    'tuntap add dev bad0 mode tap name bad1',
    'tuntap add bad0 bad1 mode tap',
    'tuntap add dev 0123456789abcdefgh mode tap',
    'tuntap add dev a/b mode tap',
    'tuntap add dev a:b mode tap',
    'tuntap add dev ip_tp0 mode tap',
    'tuntap del dev ip_tp0 mode tun',
    'tuntap del dev ip_tp0',
    'tuntap del dev ip_tp0 mode tap user 5',
    'tuntap foo',
    'tuntap help',
    'tuntap add help',
    'link add bad0 type tun',
    'link add bad0 type tap',
  ]);
});

test.serial('the API: tun and tap through ip.link.add and ip.tuntap, in the handle\'s namespace', async (t) => {
  const ip = await IpRoute.open({ netns: ns.name });
  t.teardown(() => ip.close());
  const tap = await ip.link.add({ type: 'tap', name: 'api_tp', user: 'nobody', ownerGroup: 65534, multiQueue: true, vnetHdr: true, mtu: 1400, up: true });
  t.like(tap, { ifname: 'api_tp', mtu: 1400, linkinfo: { kind: 'tun', data: { type: IFF_TAP, pi: 0, vnetHdr: 1, multiQueue: 1, persist: 1, owner: 65534, group: 65534 } } });
  t.true(tap.flags.includes('UP'));
  t.like(ipJson('-n', ns.name, '-d', 'link', 'show', 'dev', 'api_tp')[0].linkinfo.info_data, { type: 'tap', multi_queue: true, user: 'nobody', group: 'nogroup' });
  t.not(tryRun('ip', ['link', 'show', 'dev', 'api_tp']).status, 0, 'made in the handle\'s namespace, not the caller\'s');
  // no name: the kernel picks one
  const tun = await ip.link.add({ type: 'tun', pi: true });
  t.regex(tun.ifname, /^tun\d+$/);
  t.like(tun.linkinfo, { kind: 'tun', data: { type: IFF_TUN, pi: 1 } });
  await ip.link.del(tun.ifname);
  t.is(await ip.tuntap.add({ mode: 'tap', name: 'api_tt', oneQueue: true }), 'api_tt');
  await t.throwsAsync(ip.tuntap.del({ mode: 'tun', name: 'api_tt' }), { instanceOf: SyscallError, code: 'EINVAL', message: /TUNSETIFF/ });
  await ip.tuntap.del({ mode: 'tap', name: 'api_tt', oneQueue: true });
  await ip.link.del('api_tp');
  // bad input: refused before anything is made
  const before = JSON.stringify(ipJson('-n', ns.name, 'link', 'show').map((l: { ifname: string }) => l.ifname));
  await t.throwsAsync(ip.link.add({ type: 'tap', name: 'bad0', user: 'nosuchuser' }), { instanceOf: InvalidArgumentError, message: /invalid user "nosuchuser"/ });
  await t.throwsAsync(ip.link.add({ type: 'tap', name: 'bad0', ownerGroup: 'nosuchgroup' }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(ip.link.add({ type: 'tap', name: 'bad0', link: 'd0' }), { instanceOf: InvalidArgumentError, message: /link/ });
  await t.throwsAsync(ip.link.add({ type: 'tap', name: 'bad0', mtu: -1 }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(ip.link.add({ type: 'tap', name: 'bad0', bogus: 1 } as never), { instanceOf: UnknownOptionError });
  await t.throwsAsync(ip.tuntap.add({ mode: 'foo' as 'tun', name: 'bad0' }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(ip.tuntap.add({ name: 'bad0' } as never), { instanceOf: InvalidArgumentError, message: /mode/ });
  await t.throwsAsync(ip.link.add({ type: 'tap', name: 'ip_tp0' }), { instanceOf: SyscallError, code: 'EBUSY' });
  // a common option the kernel refuses after the ioctls: the device is removed again
  await t.throwsAsync(ip.link.add({ type: 'tap', name: 'bad0', master: 'd1' }));
  await t.throwsAsync(ip.link.set('ip_tp0', { type: 'tap', pi: true }), { instanceOf: InvalidArgumentError });
  t.is(JSON.stringify(ipJson('-n', ns.name, 'link', 'show').map((l: { ifname: string }) => l.ifname)), before, 'nothing made');
});
