/**
 * ip.batch against the kernel: requests pipelined several per sendmsg, a device created in the
 * batch then named by a later request (a cut), per-request failures with the kernel's errno and
 * ext-ack, stopOnError.
 */
import test from 'ava';
import { IpRoute, InvalidArgumentError, NoSuchDeviceError } from '../../src/index.js';
import { NetlinkError } from '../../src/netlink/index.js';
import { assertSandboxed, ip, ipJson, uniq } from './_util.js';

test.before(() => assertSandboxed());

const locals = (dev: string): string[] =>
  ipJson<{ addr_info: { local: string }[] }[]>('-4', 'addr', 'show', 'dev', dev)[0]!.addr_info.map((a) => a.local);

test('batch: veth pairs then addresses on them by name; three sendmsgs carry it all', async (t) => {
  await using h = await IpRoute.open();
  const n = uniq('bq');
  try {
    const before = { ...h.conn.counters };
    const r = await h.batch((b) => {
      for (let i = 0; i < 20; i++) b.link.add({ type: 'veth', name: `${n}a${i}`, peer: { name: `${n}b${i}` } });
      for (let i = 0; i < 20; i++) b.addr.add(`${n}a${i}`, `10.78.${i}.1/24`);
    });
    t.true(r.every((x) => x.ok), JSON.stringify(r.filter((x) => !x.ok)));
    t.is(r.length, 40);
    // The 20 creates in one sendmsg; the first address names a device they made: a cut, then
    // each new name looked up (GETs), then the 20 address adds together.
    t.is(h.conn.counters.requests - before.requests, 40);
    t.is(h.conn.counters.sendmsgs - before.sendmsgs, 3);
    t.is(h.conn.counters.gets - before.gets, 20);
    for (let i = 0; i < 20; i += 7) t.deepEqual(locals(`${n}a${i}`), [`10.78.${i}.1`]);
  } finally {
    for (let i = 0; i < 20; i++) ip('link', 'del', `${n}a${i}`);
  }
});

test('batch: names outside the batch looked up once up front; 200 adds in few sendmsgs', async (t) => {
  await using h = await IpRoute.open();
  const dev = uniq('br');
  ip('link', 'add', dev, 'type', 'veth', 'peer', 'name', `${dev}p`);
  try {
    const before = { ...h.conn.counters };
    const r = await h.batch((b) => {
      for (let i = 0; i < 200; i++) b.addr.add(dev, `10.79.${i >> 8}.${(i & 255) + 1}/32`);
    });
    t.true(r.every((x) => x.ok));
    t.is(h.conn.counters.gets - before.gets, 1);
    t.is(h.conn.counters.requests - before.requests, 200);
    t.true(h.conn.counters.sendmsgs - before.sendmsgs <= 3, `${h.conn.counters.sendmsgs - before.sendmsgs}`);
    t.is(locals(dev).length, 200);
  } finally {
    ip('link', 'del', dev);
  }
});

test('batch: each failure reported with its errno, ext-ack and request; the rest applied', async (t) => {
  await using h = await IpRoute.open();
  const dev = uniq('bs');
  ip('link', 'add', dev, 'type', 'veth', 'peer', 'name', `${dev}p`);
  ip('addr', 'add', '10.80.0.2/24', 'dev', dev);
  try {
    const r = await h.batch((b) => {
      b.addr.add(dev, '10.80.0.1/24');
      b.addr.add(dev, '10.80.0.2/24'); // exists: EEXIST
      b.addr.add(`${dev}x`, '10.80.0.9/24'); // no such device
      b.link.add({ type: 'veth', name: dev, peer: { name: `${dev}q` } }); // exists: EEXIST
      b.addr.add(dev, '10.80.0.3/24');
    });
    t.deepEqual(r.map((x) => x.ok), [true, false, false, false, true]);
    const e1 = (r[1] as { error: Error }).error;
    t.true(e1 instanceof NetlinkError && e1.code === 'EEXIST' && e1.request !== undefined);
    t.true((r[2] as { error: Error }).error instanceof NoSuchDeviceError);
    t.true((r[3] as { error: Error }).error instanceof NetlinkError);
    t.deepEqual(locals(dev).sort(), ['10.80.0.1', '10.80.0.2', '10.80.0.3']);
  } finally {
    ip('link', 'del', dev);
  }
});

test('batch: stopOnError sends nothing after the sendmsg that failed', async (t) => {
  await using h = await IpRoute.open();
  const dev = uniq('bt');
  ip('link', 'add', dev, 'type', 'veth', 'peer', 'name', `${dev}p`);
  try {
    const r = await h.batch((b) => {
      b.addr.add(dev, '10.81.0.1/24');
      b.link.add({ type: 'veth', name: dev, peer: { name: `${dev}q` } }); // EEXIST
      b.link.add({ type: 'veth', name: `${dev}n`, peer: { name: `${dev}m` } }); // same sendmsg: applied
      b.addr.add(`${dev}n`, '10.81.1.1/24'); // a cut after the failure: never sent
    }, { stopOnError: true });
    t.deepEqual(r.map((x) => x.ok), [true, false, true, false]);
    t.true(r[3]!.ok === false && r[3]!.skipped);
    t.deepEqual(ipJson<unknown[]>('-4', 'addr', 'show', 'dev', `${dev}n`), []);
    t.is(ipJson<unknown[]>('link', 'show', `${dev}n`).length, 1);
  } finally {
    ip('link', 'del', dev);
    ip('link', 'del', `${dev}n`);
  }
});

test('batch: bad input throws while queuing and nothing is sent', async (t) => {
  await using h = await IpRoute.open();
  const dev = uniq('bu');
  const before = { ...h.conn.counters };
  await t.throwsAsync(h.batch((b) => {
    b.link.add({ type: 'veth', name: dev, peer: { name: `${dev}q` } });
    b.addr.add(dev, '10.82.0.300/24');
  }), { instanceOf: InvalidArgumentError });
  t.deepEqual(h.conn.counters, before);
  t.false(ipJson<{ ifname: string }[]>('link', 'show').some((l) => l.ifname === dev));
});
