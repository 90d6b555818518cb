/**
 * `ip.tc.action` and `ip.tc.filter` from TypeScript on this kernel (it has clsact, u32 and mirred;
 * not matchall, flower, gact, police or skbedit: those are covered by the unit tests' byte
 * comparisons with tc's captured requests). What the API makes, tc shows as it shows its own;
 * what tc makes, the API reads typed; bad specs change nothing.
 */
import test from 'ava';
import { IpRoute, InvalidArgumentError } from '../../src/index.js';
import { filterOptions, TCA_EGRESS_MIRROR, TCA_EGRESS_REDIR, type MirredOptions, type TcAction } from '../../src/rtnl/tc/index.js';
import { actionsValue } from '../../src/api/tc/index.js';
import { assertSandboxed, run, tryRun, uniq } from './_util.js';
import { withoutAges } from './cli-helpers.js';

function fresh(t: { teardown(fn: () => void): void }): string {
  const ns = uniq('tcx');
  run('ip', ['netns', 'add', ns]);
  run('ip', ['-n', ns, 'link', 'add', 'ifb0', 'type', 'ifb']);
  run('ip', ['-n', ns, 'link', 'add', 'd0', 'type', 'veth', 'peer', 'name', 'd1']);
  run('tc', ['-n', ns, 'qdisc', 'add', 'dev', 'd0', 'clsact']);
  t.teardown(() => { tryRun('ip', ['netns', 'del', ns]); });
  return ns;
}
const tcOut = (ns: string, ...args: string[]): string => run('tc', ['-n', ns, ...args]);

test.before(() => assertSandboxed());

test('a standalone mirred made by the API shows in tc as tc\'s own; list, get, del, flush', async (t) => {
  const a = fresh(t);
  const b = fresh(t);
  await using ip = await IpRoute.open({ netns: a });
  t.deepEqual(await ip.tc.action.add([{ kind: 'mirred', direction: 'egress', mode: 'mirror', dev: 'ifb0', index: 7 }]), {});
  tcOut(b, 'actions', 'add', 'action', 'mirred', 'egress', 'mirror', 'dev', 'ifb0', 'index', '7');
  t.is(withoutAges(tcOut(a, 'actions', 'ls', 'action', 'mirred')), withoutAges(tcOut(b, 'actions', 'ls', 'action', 'mirred')));
  const [act] = await ip.tc.action.list('mirred');
  t.like(act, { kind: 'mirred', order: 0 });
  t.like((act!.options as MirredOptions).parms, { index: 7, eaction: TCA_EGRESS_MIRROR, ifindex: await ip.ctx.ifindex('ifb0') });
  const got = await ip.tc.action.get({ kind: 'mirred', index: 7 });
  t.is((got.attrs.tab![0]!.options as MirredOptions).parms!.index, 7);
  await ip.tc.action.del({ kind: 'mirred', index: 7 });
  t.deepEqual(await ip.tc.action.list('mirred'), []);
  await ip.tc.action.add([{ kind: 'mirred', direction: 'egress', mode: 'redirect', dev: 'ifb0', index: 3 }]);
  await ip.tc.action.flush('mirred');
  t.deepEqual(await ip.tc.action.list('mirred'), []);
});

test('a u32 filter with a mirred redirect made by the API equals tc\'s; tc\'s reads back typed', async (t) => {
  const a = fresh(t);
  const b = fresh(t);
  await using ip = await IpRoute.open({ netns: a });
  const ifb0 = await ip.ctx.ifindex('ifb0');
  const actions: TcAction[] = actionsValue([{ kind: 'mirred', direction: 'egress', mode: 'redirect', dev: ifb0 }], {
    op: 'add', kind: 'u32', psched: { tickInUsec: 1, clockFactor: 1, hz: 100 }, speed: () => 0, distribution: () => new Uint8Array(0),
    lookup: (dev, set) => set(Number(dev)),
  });
  await ip.tc.filter.add({
    dev: 'd0', parent: 'ingress', pref: 10, protocol: 'ip', kind: 'u32',
    options: { classid: 0x10001, actions, sel: { flags: 1, offshift: 0, offmask: 0, off: 0, offoff: 0, hoff: 0, hmask: 0, keys: [{ mask: 0xffffffff, val: 0x0a000001, off: 12, offmask: 0 }] } },
  });
  tcOut(b, 'filter', 'add', 'dev', 'd0', 'ingress', 'pref', '10', 'protocol', 'ip', 'u32', 'match', 'ip', 'src', '10.0.0.1/32', 'flowid', '1:1',
    'action', 'mirred', 'egress', 'redirect', 'dev', 'ifb0');
  t.is(withoutAges(tcOut(a, '-s', 'filter', 'show', 'dev', 'd0', 'ingress')), withoutAges(tcOut(b, '-s', 'filter', 'show', 'dev', 'd0', 'ingress')));
  await using ib = await IpRoute.open({ netns: b });
  const fs = await ib.tc.filter.list({ dev: 'd0', parent: 'ingress' });
  const key = fs.find((f) => f.kind === 'u32' && filterOptions(f, 'u32')?.sel)!;
  t.like(key, { pref: 10, protocol: 0x0800 });
  const o = filterOptions(key, 'u32')!;
  t.deepEqual(o.sel!.keys, [{ mask: 0xffffffff, val: 0x0a000001, off: 12, offmask: 0 }]);
  t.is((o.actions![0]!.options as MirredOptions).parms!.eaction, TCA_EGRESS_REDIR);
  await ip.tc.filter.del({ dev: 'd0', parent: 'ingress', pref: 10, protocol: 'ip' });
  t.is(tcOut(a, 'filter', 'show', 'dev', 'd0', 'ingress'), '');
});

test('bad action and filter specs are refused before any request, changing nothing', async (t) => {
  const ns = fresh(t);
  await using ip = await IpRoute.open({ netns: ns });
  await t.throwsAsync(ip.tc.action.add([{ kind: 'mirred', direction: 'egress', mode: 'redirect', dev: 'ifb0', control: 'explode' as never }]), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(ip.tc.action.add([{ kind: 'police', rate: '-1', burst: '10k' }]), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(ip.tc.filter.add({ dev: 'd0', kind: 'matchall', actions: [{ kind: 'gact', control: 'drop' }] } as never), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(ip.tc.filter.add({ dev: 'd0', parent: 'ingress', protocol: 'bogus', kind: 'matchall' }), { instanceOf: InvalidArgumentError });
  t.is(tcOut(ns, 'actions', 'ls', 'action', 'mirred'), '');
  t.is(tcOut(ns, 'filter', 'show', 'dev', 'd0', 'ingress'), '');
});
