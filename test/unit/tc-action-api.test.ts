/**
 * The action drivers of the API without a kernel: the action lists of the requests tc 6.1 sent
 * (test/fixtures/tc/filter-requests.json), rebuilt from the same facts through `actionsValue` and
 * `tc.action.build`, equal tc's bytes (kernel 6.18's psched clock, as in the fixture); bad specs
 * are refused before anything is built.
 */
import test from 'ava';
import { AttrWriter, decodeMessages } from '../../src/netlink/index.js';
import {
  actionList, BUILTIN_TC_KINDS, decodeActionMessage, decodeTcMessage, encodeActionMessage, RTM_NEWACTION, RTM_NEWTFILTER,
  type TcAction,
} from '../../src/rtnl/tc/index.js';
import { actionsValue, type ActionBuild, type ActionSpec } from '../../src/api/tc/actions/index.js';
import { ActionService } from '../../src/api/tc/action.js';
import { parsePsched } from '../../src/api/tc/core.js';
import type { ApiContext, Dev } from '../../src/api/context.js';
import { InvalidArgumentError } from '../../src/api/errors.js';
import { fromHex, loadCapture, toHex, type Capture } from './_fixtures.js';

const FX = loadCapture('tc/filter-requests.json') as Capture & { commands: string[] };
const PSCHED = parsePsched('000003e8 00000040 000f4240 3b9aca00')!;
const IFB0 = 2; // ifb0 is made first in the capture's fresh namespace (lo is 1)

/** A build that knows ifb0 and the capture's clock. */
function build(): ActionBuild & { resolve(): void } {
  const lookups: [Dev, (i: number) => void][] = [];
  return {
    op: 'add', kind: 'action', psched: PSCHED, speed: () => 1000, distribution: () => new Uint8Array(0),
    lookup: (dev, set) => { lookups.push([dev, set]); },
    resolve: () => { for (const [d, set] of lookups) set(d === 'ifb0' ? IFB0 : Number(d)); },
  };
}

/** The bytes of an action list as a filter sends it (under attribute type 1). */
function listBytes(list: TcAction[]): string {
  const w = new AttrWriter(256);
  actionList({ registry: BUILTIN_TC_KINDS }).encode(w, 1, list);
  return toHex(w.finish());
}

/** tc's action list of the captured filter line starting with `prefix`. */
function tcList(prefix: string): TcAction[] {
  const i = FX.commands.findIndex((c) => c.startsWith(prefix));
  const m = decodeMessages(fromHex(FX.datagrams[i]!.hex))[0]!;
  t0(m.header.type === RTM_NEWTFILTER, prefix);
  return (decodeTcMessage(m.header.type, m.payload).attrs.options as { actions: TcAction[] }).actions;
}
function t0(ok: boolean, what: string): void {
  if (!ok) throw new Error(`not a filter request: ${what}`);
}

const CASES: readonly [string, ActionSpec[]][] = [
  ['tc filter add dev d0 parent ffff: matchall', [{ kind: 'mirred', direction: 'egress', mode: 'redirect', dev: 'ifb0' }]],
  ['tc filter add dev d0 ingress pref 10', [{ kind: 'gact', control: 'drop' }]],
  ['tc filter add dev d0 ingress pref 1 ', [{ kind: 'mirred', direction: 'ingress', mode: 'mirror', dev: 'ifb0' }, { kind: 'gact', control: 'pass' }]],
  ['tc filter add dev d0 ingress pref 3 ', [
    { kind: 'police', rate: '1mbit', burst: '10k', exceed: 'drop', conform: 'pipe' }, { kind: 'skbedit', mark: 5 },
  ]],
  ['tc filter add dev d0 ingress pref 5 ', [{ kind: 'skbedit', priority: '1:1', queueMapping: 2, ptype: 'host' }]],
  ['tc filter add dev d0 ingress pref 6 ', [
    { kind: 'police', rate: '2mbit', burst: '20k', mtu: '2k', peakrate: '4mbit', exceed: 'pipe', conform: 'continue' },
  ]],
  ['tc filter add dev d0 ingress pref 7 ', [{ kind: 'gact', control: 'drop', random: { type: 'determ', control: 'pass', value: 10 } }]],
];

for (const [prefix, specs] of CASES) {
  test(`the API's actions equal tc's: ${prefix}…`, (t) => {
    const b = build();
    const list = actionsValue(specs, b);
    b.resolve();
    t.is(listBytes(list), listBytes(tcList(prefix)));
  });
}

test('tc.action.build: the standalone add requests are tc\'s', (t) => {
  const svc = new ActionService({ tcKinds: BUILTIN_TC_KINDS } as unknown as ApiContext);
  const lines: [string, ActionSpec[]][] = [
    ['tc actions add action gact pass index 7', [{ kind: 'gact', control: 'pass', index: 7 }]],
    ['tc actions add action mirred egress redirect dev ifb0 index 3', [{ kind: 'mirred', direction: 'egress', mode: 'redirect', dev: IFB0, index: 3 }]],
  ];
  for (const [line, specs] of lines) {
    const i = FX.commands.indexOf(line);
    const m = decodeMessages(fromHex(FX.datagrams[i]!.hex))[0]!;
    t.is(m.header.type, RTM_NEWACTION);
    const { msg } = svc.build(specs);
    msg.attrs.tab!.forEach((a) => { if (a.kind === 'mirred') (a.options as { parms: { ifindex: number } }).parms.ifindex = IFB0; });
    t.is(toHex(encodeActionMessage(RTM_NEWACTION, m.header.flags, msg).subarray(16)), toHex(m.payload), line);
    t.truthy(decodeActionMessage(m.payload).attrs.tab);
  }
});

test('bad action specs are refused before anything is built', (t) => {
  const bad: unknown[] = [
    [], [{ kind: 'gact', control: 'explode' }], [{ kind: 'gact', colour: 'red' }], [{ kind: 'mirred', direction: 'sideways', mode: 'redirect', dev: 'x' }],
    [{ kind: 'mirred', direction: 'egress', mode: 'redirect' }], [{ kind: 'police', rate: '-1' }], [{ kind: 'police', rate: '1mbit' }],
    [{ kind: 'police', rate: '1mbit', burst: '10k', peakrate: '2mbit' }], [{ kind: 'skbedit', mask: 1 }],
    [{ kind: 'gact', random: { type: 'netrand', control: 'pass', value: 10001 } }], [{ kind: 'gact', cookie: 'xyz' }],
    Array.from({ length: 33 }, () => ({ kind: 'gact' })),
  ];
  for (const specs of bad) t.throws(() => actionsValue(specs, build()), { instanceOf: InvalidArgumentError }, JSON.stringify(specs).slice(0, 80));
});
