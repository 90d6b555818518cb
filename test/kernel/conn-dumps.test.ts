/**
 * The kernel runs one dump per netlink socket at a time and answers a second one with EBUSY.
 * A Conn queues dumps: concurrent dumps on one handle, and a dump started right after a stream
 * was stopped early (its rest still being drained), both complete.
 */
import test from 'ava';
import { IpRoute } from '../../src/index.js';
import { assertSandboxed, run } from './_util.js';

test.before(() => {
  assertSandboxed();
  const lines = Array.from({ length: 3000 }, (_, i) => `route add 10.${(i >> 8) & 255}.${i & 255}.0/24 dev lo table 1234`);
  run('ip', ['-batch', '-'], lines.join('\n'));
});

test.after.always(() => {
  run('ip', ['route', 'flush', 'table', '1234']);
});

test('concurrent dumps on one handle all complete', async (t) => {
  await using ip = await IpRoute.open();
  const [links, addrs, routes, again] = await Promise.all([
    ip.link.list(), ip.addr.list(), ip.route.list({ table: 1234 }), ip.link.list(),
  ]);
  t.true(links.length >= 1);
  t.true(addrs.length >= 1);
  t.is(routes.length, 3000);
  t.deepEqual(again.map((l) => l.ifname), links.map((l) => l.ifname));
});

test('a dump right after a stream was stopped early completes', async (t) => {
  await using ip = await IpRoute.open();
  for (let round = 0; round < 20; round++) {
    let n = 0;
    for await (const r of ip.route.stream({ table: 1234 })) {
      void r;
      if (++n === 5) break;
    }
    t.is((await ip.route.list({ table: 1234 })).length, 3000);
  }
});
