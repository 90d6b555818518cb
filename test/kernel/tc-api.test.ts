/**
 * `ip.tc` from TypeScript on this kernel, in the sandbox: qdiscs and classes made through the API
 * read back typed, equal to what tc makes from the same words; misspelt keys and bad values are
 * refused before any request; kernel warnings come back with the ack.
 */
import test from 'ava';
import { IpRoute, InvalidArgumentError, UnknownOptionError } from '../../src/index.js';
import { classOptions, classXstats, qdiscOptions, TC_H_INGRESS, TC_H_ROOT } from '../../src/rtnl/tc/index.js';
import type { QdiscSpec } from '../../src/api/tc/index.js';
import { assertSandboxed, run, tryRun, uniq } from './_util.js';

function fresh(t: { teardown(fn: () => void): void }): string {
  const ns = uniq('tca');
  run('ip', ['netns', 'add', ns]);
  run('ip', ['-n', ns, 'link', 'add', 'd0', 'type', 'veth', 'peer', 'name', 'd1']);
  run('ip', ['-n', ns, 'link', 'set', 'd0', 'up']);
  t.teardown(() => { tryRun('ip', ['netns', 'del', ns]); });
  return ns;
}

const tcOut = (ns: string, ...args: string[]): string => run('tc', ['-n', ns, ...args]);
/** Kernel-picked handles (8000: up) differ between namespaces. */
const auto = (s: string): string => s.replace(/\b8[0-9a-f]{3}:/g, 'AUTO:');

test.before(() => assertSandboxed());

test('a tbf added with tc units reads back typed, as tc adds it', async (t) => {
  const a = fresh(t);
  const b = fresh(t);
  await using ip = await IpRoute.open({ netns: a });
  const r = await ip.tc.qdisc.add({ dev: 'd0', parent: 'root', handle: '1:', kind: 'tbf', rate: '1mbit', burst: '32kb', latency: '50ms' });
  t.deepEqual(r, {});
  tcOut(b, 'qdisc', 'add', 'dev', 'd0', 'root', 'handle', '1:', 'tbf', 'rate', '1mbit', 'burst', '32kb', 'latency', '50ms');
  t.is(tcOut(a, '-s', '-d', 'qdisc', 'show', 'dev', 'd0'), tcOut(b, '-s', '-d', 'qdisc', 'show', 'dev', 'd0'));
  const [q] = await ip.tc.qdisc.list({ dev: 'd0' });
  t.like(q, { kind: 'tbf', handle: 0x10000, parent: TC_H_ROOT, refcnt: 3 });
  const o = qdiscOptions(q!, 'tbf')!;
  t.is(o.parms!.rate.rate, 125000);
  t.is(o.burst, undefined, 'the kernel does not echo TCA_TBF_BURST');
  t.is(q!.stats!.bytes, 0n);
  t.is((await ip.tc.qdisc.get('d0', { handle: '1:' })).kind, 'tbf');
  t.is(qdiscOptions(q!, 'htb'), undefined, 'typed only for its own kind');
});

test('numbers are bytes/s, bytes and microseconds; the same qdisc as from tc units', async (t) => {
  const a = fresh(t);
  const b = fresh(t);
  await using ia = await IpRoute.open({ netns: a });
  await using ib = await IpRoute.open({ netns: b });
  await ia.tc.qdisc.add({ dev: 'd0', parent: 'root', kind: 'tbf', rate: 125000, burst: 32768, latency: 50000 });
  await ib.tc.qdisc.add({ dev: 'd0', parent: 'root', kind: 'tbf', rate: '1mbit', burst: '32kb', latency: '50ms' });
  t.is(auto(tcOut(a, '-d', 'qdisc', 'show', 'dev', 'd0')), auto(tcOut(b, '-d', 'qdisc', 'show', 'dev', 'd0')));
});

test('htb with classes: typed class options and xstats; the kernel\'s warning comes back', async (t) => {
  const ns = fresh(t);
  await using ip = await IpRoute.open({ netns: ns });
  await ip.tc.qdisc.add({ dev: 'd0', parent: 'root', handle: '1:', kind: 'htb', default: 0x10 });
  const w = await ip.tc.klass.add({ dev: 'd0', parent: '1:', classid: '1:1', kind: 'htb', rate: '1gbit' });
  t.regex(w.warning ?? '', /quantum of class 10001 is big/);
  t.deepEqual(await ip.tc.klass.add({ dev: 'd0', parent: '1:1', classid: '1:10', kind: 'htb', rate: '10mbit', ceil: '20mbit', prio: 1 }), {});
  const classes = await ip.tc.klass.list({ dev: 'd0' });
  const c = classes.find((x) => x.handle === 0x10010)!;
  t.like(c, { kind: 'htb', parent: 0x10001, leaf: 0 });
  t.is(classOptions(c, 'htb')!.parms!.ceil.rate, 2500000);
  t.is(classOptions(c, 'htb')!.parms!.prio, 1);
  t.is(typeof classXstats(c, 'htb')!.tokens, 'number');
  t.regex(tcOut(ns, 'class', 'show', 'dev', 'd0'), /class htb 1:10 parent 1:1 prio 1 rate 10Mbit ceil 20Mbit burst 1600b cburst 1600b/);
  await ip.tc.klass.del({ dev: 'd0', classid: '1:10' });
  t.is((await ip.tc.klass.list({ dev: 'd0' })).length, 1);
});

test('clsact and ingress sit at ffff: under TC_H_INGRESS by default; del needs only the kind', async (t) => {
  const ns = fresh(t);
  await using ip = await IpRoute.open({ netns: ns });
  await ip.tc.qdisc.add({ dev: 'd0', kind: 'clsact' });
  await ip.tc.qdisc.add({ dev: 'd1', kind: 'ingress', ingressBlock: 7 });
  const qs = (await ip.tc.qdisc.list({ parent: 'ingress' })).sort((x, y) => x.kind.localeCompare(y.kind));
  t.deepEqual(qs.map((q) => [q.kind, q.handle, q.parent]), [['clsact', 0xffff0000, TC_H_INGRESS], ['ingress', 0xffff0000, TC_H_INGRESS]]);
  t.is(qs[1]!.ingressBlock, 7);
  await ip.tc.qdisc.del({ dev: 'd0', kind: 'clsact' });
  t.deepEqual((await ip.tc.qdisc.list({ parent: 'ingress' })).map((q) => q.kind), ['ingress']);
});

test('a misspelt key or a bad value is refused before any request', async (t) => {
  const ns = fresh(t);
  await using ip = await IpRoute.open({ netns: ns });
  const before = tcOut(ns, 'qdisc');
  const bad: [QdiscSpec, new (...args: never[]) => Error, RegExp][] = [
    [{ dev: 'd0', parent: 'root', kind: 'tbf', rate: '1mbit', burst: '32kb', latency: '50ms', rat: 5 } as unknown as QdiscSpec, UnknownOptionError, /unknown option "rat" for a tbf qdisc/],
    [{ dev: 'd0', parent: 'root', kind: 'tbf', rate: 'fast', burst: '32kb', latency: '50ms' }, InvalidArgumentError, /invalid rate "fast"/],
    [{ dev: 'd0', parent: 'root', kind: 'tbf', burst: '32kb', latency: '50ms' } as unknown as QdiscSpec, InvalidArgumentError, /the "rate" parameter is mandatory/],
    [{ dev: 'd0', parent: 'root', kind: 'tbf', rate: '1mbit', burst: '32kb' } as unknown as QdiscSpec, InvalidArgumentError, /either "limit" or "latency"/],
    [{ dev: 'd0', parent: 'root', kind: 'netem', delay: '1parsec' }, InvalidArgumentError, /invalid delay "1parsec"/],
    [{ dev: 'd0', parent: 'root', kind: 'netem', loss: '120%' }, InvalidArgumentError, /between 0 and 100%/],
    [{ dev: 'd0', parent: 'root', kind: 'netem', reorder: '5%' }, InvalidArgumentError, /without specifying some delay/],
    [{ dev: 'd0', parent: 'root', kind: 'netem', delay: '10ms', jitter: '1ms', distribution: 'nosuch' }, InvalidArgumentError, /No distribution data for nosuch/],
    [{ dev: 'd0', parent: '1:2:3', kind: 'pfifo' }, InvalidArgumentError, /invalid parent "1:2:3"/],
    [{ dev: 'd0', parent: 'root', handle: '1:5', kind: 'pfifo' }, InvalidArgumentError, /invalid handle "1:5"/],
    [{ dev: 'd0', parent: 'root', kind: 'pfifo', limit: -1 }, InvalidArgumentError, /invalid limit "-1"/],
    [{ dev: 'd0', parent: 'root', kind: 'sfq', limit: 1 }, InvalidArgumentError, /must be > 1/],
    [{ dev: 'd0', parent: 'root', kind: 'pfifo', estimator: { interval: '100s', timeConstant: '1s' } }, InvalidArgumentError, /out of range/],
    [{ dev: 'd0', parent: 'root', kind: 'no such kind!' }, InvalidArgumentError, /invalid kind/],
    [{ dev: 'nosuchdev', parent: 'root', kind: 'pfifo' }, Error, /Cannot find device "nosuchdev"/],
  ];
  for (const [spec, type, message] of bad) {
    const e = await t.throwsAsync(ip.tc.qdisc.add(spec), { message }, JSON.stringify(spec));
    t.true(e instanceof type, `${e?.name} for ${JSON.stringify(spec)}`);
  }
  await t.throwsAsync(ip.tc.klass.add({ dev: 'd0', parent: '1:', classid: '1:1', kind: 'htb', rate: '1mbit', cieling: '2mbit' } as never), { instanceOf: UnknownOptionError });
  await t.throwsAsync(ip.tc.klass.add({ dev: 'd0', parent: '1:', classid: '1:1', kind: 'htb' } as never), { message: /"rate" is required/ });
  t.is(tcOut(ns, 'qdisc'), before);
});

test('a kind without a driver: its options as raw bytes, or none; raw options re-emitted', async (t) => {
  const ns = fresh(t);
  await using ip = await IpRoute.open({ netns: ns });
  // mq (no driver here) takes no options: its kind alone is sent.
  await ip.tc.qdisc.add({ dev: 'd0', parent: 'root', handle: '4:', kind: 'mq' });
  t.like((await ip.tc.qdisc.get('d0', { parent: 'root' })), { kind: 'mq', handle: 0x40000, parent: TC_H_ROOT });
  t.like((await ip.tc.qdisc.get('d0', { handle: '4:' })), { kind: 'mq', handle: 0x40000, parent: 0 }, 'the kernel echoes the parent asked for');
  await ip.tc.qdisc.replace({ dev: 'd0', parent: 'root', kind: 'pfifo', limit: 5 });
  // A kind rtnl-ts has no driver for takes its options as bytes; this kernel lacks red, and says so.
  await t.throwsAsync(ip.tc.qdisc.replace({ dev: 'd0', parent: 'root', kind: 'red', options: Uint8Array.of(1, 2, 3, 4) }), {
    message: /Specified qdisc kind is unknown/,
  });
  // A kind with a driver takes only the driver's options.
  await t.throwsAsync(ip.tc.qdisc.replace({ dev: 'd0', parent: 'root', kind: 'bfifo', options: Uint8Array.of(9, 0, 0, 0) } as QdiscSpec), {
    instanceOf: UnknownOptionError,
  });
  t.regex(tcOut(ns, 'qdisc', 'show', 'dev', 'd0'), /qdisc pfifo \w+: root refcnt \d+ limit 5p/);
});
