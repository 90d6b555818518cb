/**
 * AddrService against the kernel, inside the sandbox: addresses made through the API read back
 * with `ip -j addr show` field by field, addresses made with `ip` read through the API, errors.
 */
import test from 'ava';
import { Conn, NetlinkError } from '../../src/netlink/index.js';
import { ApiContext } from '../../src/api/context.js';
import { AddrService } from '../../src/api/addr.js';
import { InvalidArgumentError, NoSuchDeviceError } from '../../src/api/errors.js';
import type { Address } from '../../src/rtnl/addr/index.js';
import { assertSandboxed, ip, ipJson, uniq } from './_util.js';

let ctx: ApiContext;
let addr: AddrService;

test.before(() => {
  assertSandboxed();
  ctx = new ApiContext(Conn.open(), undefined, undefined);
  addr = new AddrService(ctx);
});
test.after.always(() => ctx?.close());

/** A veth pair, both ends up; returns the first end's name and ifindex. */
function veth(): { dev: string; peer: string; index: number } {
  const dev = uniq('ad');
  const peer = uniq('ap');
  ip('link', 'add', dev, 'type', 'veth', 'peer', 'name', peer);
  ip('link', 'set', dev, 'up');
  ip('link', 'set', peer, 'up');
  const index = ipJson<{ ifindex: number }[]>('link', 'show', dev)[0]!.ifindex;
  return { dev, peer, index };
}

type IpAddrInfo = Record<string, unknown>;

/** `ip -j addr show dev X` addr_info entries. */
function ipAddrs(dev: string, ...extra: string[]): IpAddrInfo[] {
  return ipJson<{ addr_info?: IpAddrInfo[] }[]>(...extra, 'addr', 'show', 'dev', dev)[0]?.addr_info ?? [];
}

/** An Address as `ip -j` 6.1 spells it (the CLI's mapping, restated here to compare field by field). */
function asIpJson(a: Address): IpAddrInfo {
  const out: IpAddrInfo = { family: a.family };
  if (a.local !== undefined) out.local = a.local;
  if (a.address !== undefined) out.address = a.address;
  out.prefixlen = a.prefixlen;
  if (a.metric !== undefined) out.metric = a.metric;
  if (a.broadcast !== undefined) out.broadcast = a.broadcast;
  if (a.anycast !== undefined) out.anycast = a.anycast;
  out.scope = a.scope;
  for (const w of a.flags) out[w] = true;
  // (`protocol` is left out: iproute2 6.1 does not print IFA_PROTO yet.)
  if (a.label !== undefined) out.label = a.label;
  if (a.validLifeTime !== undefined) out.valid_life_time = a.validLifeTime;
  if (a.preferredLifeTime !== undefined) out.preferred_life_time = a.preferredLifeTime;
  return out;
}

/** Lifetimes tick down between two reads: allow a couple of seconds. */
function sameModuloLifetimes(t: import('ava').ExecutionContext, ours: IpAddrInfo, theirs: IpAddrInfo | undefined, what: string): void {
  t.truthy(theirs, `ip shows ${what}`);
  const o = { ...ours };
  const i = { ...theirs };
  for (const k of ['valid_life_time', 'preferred_life_time']) {
    const a = o[k] as number;
    const b = i[k] as number;
    t.true(Math.abs(a - b) <= 2, `${what} ${k}: ${a} vs ${b}`);
    delete o[k];
    delete i[k];
  }
  t.deepEqual(o, i, what);
}

test('IPv4 addresses made through the API match `ip -j addr show`', async (t) => {
  const { dev, index } = veth();
  await addr.add(dev, '10.1.0.1/24', { broadcast: '+' });
  await addr.add(dev, '10.1.0.2/24', { label: `${dev.slice(0, 8)}:x` });
  await addr.add(index, '10.9.0.1', { peer: '10.9.0.2/32', metric: 77 });
  await addr.add(dev, '192.168.77.1/16', { scope: 'link', broadcast: '192.168.255.254', noprefixroute: true });
  const theirs = ipAddrs(dev, '-4');
  const ours = (await addr.list({ dev, family: 'inet' })).map(asIpJson);
  t.is(ours.length, 4);
  t.deepEqual(ours, theirs);
  t.is(theirs.find((a) => a.local === '10.1.0.1')!.broadcast, '10.1.0.255');
  t.true(theirs.some((a) => a.secondary === true && a.local === '10.1.0.2'));
  t.true(theirs.some((a) => a.address === '10.9.0.2' && a.metric === 77));
});

test('IPv6 addresses made through the API match `ip -j addr show`', async (t) => {
  const { dev } = veth();
  await addr.add(dev, '2001:db8:10::1/64', { nodad: true });
  await addr.add(dev, '2001:db8:11::1/64', { nodad: true, noprefixroute: true, validLft: 600, preferredLft: 300 });
  await addr.add(dev, 'fd00::5/128', { nodad: true, metric: 1000 });
  const theirs = ipAddrs(dev, '-6').filter((a) => a.scope !== 'link');
  const ours = (await addr.list({ dev, family: 'inet6', scope: 'global' })).map(asIpJson);
  t.is(ours.length, 3);
  for (const o of ours) sameModuloLifetimes(t, o, theirs.find((i) => i.local === o.local), o.local as string);
  const lft = ours.find((o) => o.local === '2001:db8:11::1')!;
  t.true(lft.dynamic);
  t.true(lft.noprefixroute);
});

test('addresses made with `ip` read through the API', async (t) => {
  const { dev, index } = veth();
  ip('addr', 'add', '172.16.5.1/24', 'brd', '+', 'dev', dev, 'label', `${dev.slice(0, 8)}:a`);
  ip('addr', 'add', '172.16.5.9/24', 'dev', dev);
  ip('addr', 'add', '172.16.6.1', 'peer', '172.16.6.2/31', 'dev', dev, 'metric', '5');
  ip('addr', 'add', '127.9.9.9/8', 'dev', dev);
  ip('addr', 'add', '2001:db8:20::1/64', 'dev', dev, 'nodad', 'valid_lft', '900', 'preferred_lft', '0');
  ip('addr', 'add', '2001:db8:21::1/64', 'dev', dev, 'nodad', 'home', 'mngtmpaddr');
  // Without the link-local: it comes with the carrier and leaves "tentative" on the kernel's time.
  const theirs = ipAddrs(dev).filter((a) => a.scope !== 'link');
  const ours = (await addr.list({ dev })).filter((a) => a.scope !== 'link');
  t.true(ours.every((a) => a.ifindex === index));
  t.is(ours.length, theirs.length);
  for (const o of ours) sameModuloLifetimes(t, asIpJson(o), theirs.find((i) => i.local === o.local), o.local!);
  const dep = ours.find((a) => a.local === '2001:db8:20::1')!;
  t.true(dep.deprecated);
  t.is(ours.find((a) => a.local === '127.9.9.9')!.scope, 'host');
});

test('list filters: family, scope, label, prefix', async (t) => {
  const { dev } = veth();
  ip('addr', 'add', '10.30.0.1/24', 'dev', dev, 'label', `${dev.slice(0, 8)}:q`);
  ip('addr', 'add', '10.31.0.1/24', 'dev', dev);
  ip('addr', 'add', '2001:db8:30::1/64', 'dev', dev, 'nodad');
  t.deepEqual((await addr.list({ dev, family: 'inet' })).map((a) => a.local), ['10.30.0.1', '10.31.0.1']);
  t.deepEqual((await addr.list({ dev, to: '10.31.0.0/16' })).map((a) => a.local), ['10.31.0.1']);
  t.deepEqual((await addr.list({ dev, label: '*:q' })).map((a) => a.local), ['10.30.0.1']);
  t.deepEqual((await addr.list({ dev, family: 'inet6', scope: 'global' })).map((a) => a.local), ['2001:db8:30::1']);
  const all = await addr.list();
  t.true(all.some((a) => a.local === '127.0.0.1'));
  t.true(all.some((a) => a.local === '10.30.0.1'));
});

test('delete, replace, change and flush', async (t) => {
  const { dev } = veth();
  await addr.add(dev, '10.40.0.1/24');
  await addr.add(dev, '10.40.0.2/24');
  await addr.del(dev, '10.40.0.2/24');
  t.deepEqual(ipAddrs(dev, '-4').map((a) => a.local), ['10.40.0.1']);
  // Wildcard delete of an IPv4 address given without a length, as iproute2 keeps it.
  await addr.del(dev, '10.40.0.1');
  t.deepEqual(ipAddrs(dev, '-4'), []);

  await addr.add(dev, '2001:db8:40::1/64', { nodad: true, validLft: 1000, preferredLft: 1000 });
  await addr.replace(dev, '2001:db8:40::1/64', { nodad: true, validLft: 2000, preferredLft: 500 });
  let a = ipAddrs(dev, '-6').find((x) => x.local === '2001:db8:40::1')!;
  t.true(Math.abs((a.valid_life_time as number) - 2000) <= 2);
  t.true(Math.abs((a.preferred_life_time as number) - 500) <= 2);
  await addr.change(dev, '2001:db8:40::1/64', { nodad: true });
  a = ipAddrs(dev, '-6').find((x) => x.local === '2001:db8:40::1')!;
  t.is(a.valid_life_time, 4294967295);
  // The kernel creates an address on REPLACE without CREATE too (it says userspace relies on it).
  await addr.change(dev, '2001:db8:41::1/64', { nodad: true });
  t.true(ipAddrs(dev, '-6').some((x) => x.local === '2001:db8:41::1'));

  ip('addr', 'add', '10.41.0.1/24', 'dev', dev);
  ip('addr', 'add', '10.41.0.2/24', 'dev', dev);
  ip('addr', 'add', '10.41.0.3/24', 'dev', dev);
  ip('addr', 'add', '10.42.0.1/24', 'dev', dev);
  // Deleting the primary takes the secondaries with it; flush copes and reports what it did.
  const n = await addr.flush({ dev, family: 'inet', to: '10.41.0.0/16' });
  t.true(n >= 1 && n <= 3);
  t.deepEqual(ipAddrs(dev, '-4').map((x) => x.local), ['10.42.0.1']);
  await addr.flush({ dev });
  t.deepEqual(ipAddrs(dev), []);
  await t.throwsAsync(addr.flush({}), { instanceOf: InvalidArgumentError });
});

test('errors: EEXIST from the kernel, unknown devices, bad text', async (t) => {
  const { dev } = veth();
  await addr.add(dev, '10.50.0.1/24');
  const e = await t.throwsAsync(addr.add(dev, '10.50.0.1/24'), { instanceOf: NetlinkError });
  t.is(e!.code, 'EEXIST');
  t.is(e!.errno, 17);
  t.is(e!.operation, 'RTM_NEWADDR');
  const e6 = await t.throwsAsync(addr.del(dev, '10.50.0.9/24'), { instanceOf: NetlinkError });
  t.is(e6!.code, 'EADDRNOTAVAIL');
  const nd = await t.throwsAsync(addr.add('nosuchdev0', '10.50.0.2/24'), { instanceOf: NoSuchDeviceError });
  t.is(nd!.message, 'Cannot find device "nosuchdev0"');
  // An ifindex is passed to the kernel as it is (no lookup); the kernel refuses an unknown one.
  const ne = await t.throwsAsync(addr.add(999_999, '10.50.0.2/24'), { instanceOf: NetlinkError });
  t.is(ne!.code, 'ENODEV');
  await t.throwsAsync(addr.list({ dev: 'nosuchdev0' }), { instanceOf: NoSuchDeviceError });
  await t.throwsAsync(addr.add(dev, '10.0.0.300/24'), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(addr.add(dev, '10.0.0.1/33'), { instanceOf: InvalidArgumentError });
  // Bad text is reported even when the device does not exist: it is checked first.
  await t.throwsAsync(addr.add('nosuchdev0', '10.0.0.1/33'), { instanceOf: InvalidArgumentError });
  t.deepEqual(ipAddrs(dev, '-4').map((a) => a.local), ['10.50.0.1']);
});
