// IpRoute.open with a namespace that cannot be opened throws the library's typed errors, never
// a bare Error from node:fs (ENOENT). These fail before any privilege is needed.
import test from 'ava';
import { IpRoute, InvalidArgumentError, NoSuchNetnsError } from '../../src/index.js';

/** A pid no process has: pid_max is at most 2^22, so this one is free whatever runs. */
const NO_PID = (1 << 22) + 7;

test('open({ pid }) of a process that does not exist throws NoSuchNetnsError', async (t) => {
  const e = await t.throwsAsync(IpRoute.open({ pid: NO_PID }), { instanceOf: NoSuchNetnsError });
  t.is(e!.code, 'ENOENT');
  t.is(e!.message, `Cannot open network namespace of process ${NO_PID}: No such process`);
});

test('open({ pid }) with something that is not a pid throws InvalidArgumentError', async (t) => {
  for (const pid of [0, -1, 1.5, Number.NaN, 2 ** 31]) {
    await t.throwsAsync(IpRoute.open({ pid }), { instanceOf: InvalidArgumentError }, String(pid));
  }
});

test('open({ netnsPath }) of a missing file throws NoSuchNetnsError', async (t) => {
  const e = await t.throwsAsync(IpRoute.open({ netnsPath: '/nonexistent/netns' }), { instanceOf: NoSuchNetnsError });
  t.is(e!.message, 'Cannot open network namespace "/nonexistent/netns": No such file or directory');
});

test('open({ netns }) of a missing name throws NoSuchNetnsError', async (t) => {
  await t.throwsAsync(IpRoute.open({ netns: 'no-such-ns-22' }), { instanceOf: NoSuchNetnsError });
});

test('open({ netnsPath }) with a NUL in the path throws InvalidArgumentError', async (t) => {
  await t.throwsAsync(IpRoute.open({ netnsPath: '/run/netns/ns\0x' }), { instanceOf: InvalidArgumentError });
});
