// Names with a NUL byte are refused before any request: the kernel cuts IFLA_IFNAME at the NUL,
// so link.set('v0\0x', { mtu }) used to change v0 (issue 22).
import test from 'ava';
import { IpRoute, InvalidArgumentError } from '../../src/index.js';
import { assertSandboxed, ip, ipJson, tryRun, uniq } from './_util.js';

test.before(() => assertSandboxed());

test('link.set, link.del and addr.add on "v0\\0x" throw and change nothing on v0', async (t) => {
  const v0 = uniq('nul');
  ip('link', 'add', v0, 'type', 'veth', 'peer', 'name', `${v0}p`);
  try {
    await using handle = await IpRoute.open();
    const before = ipJson('-d', 'link', 'show', v0);
    await t.throwsAsync(handle.link.set(`${v0}\0x`, { mtu: 1280 }), { instanceOf: InvalidArgumentError });
    await t.throwsAsync(handle.link.set(`${v0}\0x`, { up: true }), { instanceOf: InvalidArgumentError });
    await t.throwsAsync(handle.addr.add(`${v0}\0x`, '10.9.9.1/24'), { instanceOf: InvalidArgumentError });
    await t.throwsAsync(handle.link.del(`${v0}\0x`), { instanceOf: InvalidArgumentError });
    t.deepEqual(ipJson('-d', 'link', 'show', v0), before);
    t.deepEqual(ipJson('addr', 'show', 'dev', v0)[0].addr_info, []);
  } finally {
    tryRun('ip', ['link', 'del', v0]);
  }
});

test('link.get("lo\\0x") is refused rather than answered with lo', async (t) => {
  await using handle = await IpRoute.open();
  await t.throwsAsync(handle.link.get('lo\0x'), { instanceOf: InvalidArgumentError });
});
