/**
 * Filter and action codecs without a kernel: the requests `tc filter add` and `tc actions add`
 * sent (test/fixtures/tc/filter-requests.json, captured by capture-filters.mjs) decode to what the
 * words said and re-encode to tc's bytes; unknown kinds stay raw; garbage is only DecodeError.
 */
import test from 'ava';
import fc from 'fast-check';
import { decodeMessages, type NlMessage } from '../../src/netlink/index.js';
import {
  decodeActionMessage, decodeTcMessage, encodeActionMessage, encodeTcMessage, PGACT_DETERM, RTM_NEWACTION, RTM_NEWTFILTER,
  BUILTIN_TC_KINDS, TC_U32_TERMINAL, TCA_CLS_FLAGS_SKIP_HW, TCA_CLS_FLAGS_SKIP_SW, TCA_EGRESS_REDIR, TCA_INGRESS_MIRROR, TcKindRegistry,
  type BpfOptions, type FlowerOptions, type GactOptions, type MatchallOptions, type MirredOptions, type PoliceOptions,
  type SkbeditOptions, type TcAction, type U32Options,
} from '../../src/rtnl/tc/index.js';
import { TcService } from '../../src/api/tc/index.js';
import type { ApiContext } from '../../src/api/context.js';
import { fromHex, loadCapture, onlyDecodeError, toHex, type Capture } from './_fixtures.js';

const FX = loadCapture('tc/filter-requests.json') as Capture & { commands: string[] };
const REQS: NlMessage[] = FX.datagrams.map((d) => decodeMessages(fromHex(d.hex))[0]!);
const TC_ACT_OK = 0;
const TC_ACT_SHOT = 2;
const TC_ACT_PIPE = 3;
const TC_ACT_STOLEN = 4;
const TC_ACT_UNSPEC = -1;

/** The request of the command that starts with `prefix`. */
function req(prefix: string): NlMessage {
  const i = FX.commands.findIndex((c) => c.startsWith(prefix));
  if (i < 0) throw new Error(`no capture for ${prefix}`);
  return REQS[i]!;
}
function filter<T>(prefix: string): { kind?: string; opts: T; m: ReturnType<typeof decodeTcMessage> } {
  const m = decodeTcMessage(RTM_NEWTFILTER, req(prefix).payload);
  return { kind: m.attrs.kind, opts: m.attrs.options as T, m };
}
const act = <O>(a: TcAction | undefined): O => a!.options as O;

for (const [i, command] of FX.commands.entries()) {
  test(`decoded and re-encoded to tc's bytes: ${command}`, (t) => {
    const m = REQS[i]!;
    const back = m.header.type === RTM_NEWACTION
      ? encodeActionMessage(m.header.type, m.header.flags, decodeActionMessage(m.payload))
      : encodeTcMessage(m.header.type, m.header.flags, decodeTcMessage(m.header.type, m.payload));
    t.is(toHex(back.subarray(16)), toHex(m.payload));
  });
}

test('matchall + mirred: the CNI bandwidth recipe', (t) => {
  const { kind, opts, m } = filter<MatchallOptions>('tc filter add dev d0 parent ffff: matchall');
  t.is(kind, 'matchall');
  t.is(m.header.parent, 0xffff0000);
  const [a] = opts.actions!;
  t.is(a!.kind, 'mirred');
  t.like(act<MirredOptions>(a).parms, { eaction: TCA_EGRESS_REDIR, action: TC_ACT_STOLEN });
  const two = filter<MatchallOptions>('tc filter add dev d0 ingress pref 1 matchall').opts.actions!;
  t.deepEqual(two.map((x) => [x.order, x.kind]), [[1, 'mirred'], [2, 'gact']]);
  t.is(act<MirredOptions>(two[0]).parms!.eaction, TCA_INGRESS_MIRROR);
  t.is(act<GactOptions>(two[1]).parms!.action, TC_ACT_OK);
});

test('matchall flags and classid; gact random', (t) => {
  const { opts, m } = filter<MatchallOptions>('tc filter add dev d0 ingress pref 10 handle 5');
  t.is(m.header.handle, 5);
  t.is(m.header.info >>> 16, 10, 'pref in tcm_info\'s upper half');
  t.is(opts.classid, 0x10002);
  t.is(opts.flags, TCA_CLS_FLAGS_SKIP_HW);
  t.is(act<GactOptions>(opts.actions![0]).parms!.action, TC_ACT_SHOT);
  const g = act<GactOptions>(filter<MatchallOptions>('tc filter add dev d0 ingress pref 7').opts.actions![0]);
  t.deepEqual(g.prob, { ptype: PGACT_DETERM, pval: 10, paction: TC_ACT_OK });
});

test('u32: keys of match ip, terminal flag, flowid', (t) => {
  const { kind, opts } = filter<U32Options>('tc filter add dev d0 ingress pref 2 protocol ip u32');
  t.is(kind, 'u32');
  t.true((opts.sel!.flags & TC_U32_TERMINAL) !== 0);
  t.deepEqual(opts.sel!.keys.map((k) => [k.off, k.mask >>> 0, k.val >>> 0]),
    [[12, 0xffffffff, 0x0a000001], [20, 0x0000ffff, 80]], 'masks and values in host order');
  t.is(filter<U32Options>('tc filter add dev d0 parent 1: protocol ip prio 3 u32').opts.classid, 0x10010);
});

test('flower: keys and two actions (police, skbedit)', (t) => {
  const { opts, m } = filter<FlowerOptions>('tc filter add dev d0 ingress pref 3');
  t.is(m.header.info & 0xffff, 0x0008, 'protocol ip, network order');
  t.like(opts, { ipProto: 6, tcpDst: 22 });
  t.is(act<PoliceOptions>(opts.actions![0]).result, TC_ACT_PIPE, 'conform-exceed drop/pipe: drop over the rate, pipe under it');
  const [p, s] = opts.actions!;
  t.is(p!.kind, 'police');
  t.like(act<PoliceOptions>(p).tbf, { action: TC_ACT_SHOT });
  t.is(act<SkbeditOptions>(s).mark, 5);
  const v6 = filter<FlowerOptions>('tc filter add dev d0 ingress protocol ipv6').opts;
  t.is(v6.flags, TCA_CLS_FLAGS_SKIP_SW);
  t.is(v6.udpSrc, 53);
});

test('bpf classic bytecode; skbedit and police words', (t) => {
  const b = filter<BpfOptions>('tc filter add dev d0 egress pref 4 bpf').opts;
  t.is(b.opsLen, 1);
  t.is(b.classid, 0x10001);
  const s = act<SkbeditOptions>(filter<MatchallOptions>('tc filter add dev d0 ingress pref 5').opts.actions![0]);
  t.like(s, { priority: 0x10001, queueMapping: 2, ptype: 0 });
  const p = act<PoliceOptions>(filter<MatchallOptions>('tc filter add dev d0 ingress pref 6').opts.actions![0]);
  t.is(p.tbf!.action, TC_ACT_PIPE);
  t.is(p.result, TC_ACT_UNSPEC, 'continue');
  t.true(p.peakrateTable!.length > 0, 'a peakrate sends its rate table');
});

test('tc actions add: a standalone action with its index', (t) => {
  const m = decodeActionMessage(req('tc actions add action gact').payload);
  t.like(m.attrs.tab![0], { kind: 'gact', index: undefined });
  t.is(act<GactOptions>(m.attrs.tab![0]).parms!.index, 7);
  const r = decodeActionMessage(req('tc actions add action mirred').payload);
  t.is(act<MirredOptions>(r.attrs.tab![0]).parms!.index, 3);
});

test('without codecs, filter options and action options stay raw and re-encode', (t) => {
  const empty = new TcKindRegistry({ builtins: false });
  for (const m of REQS) {
    if (m.header.type === RTM_NEWACTION) {
      const a = decodeActionMessage(m.payload, empty);
      t.true(a.attrs.tab![0]!.options instanceof Uint8Array);
      t.is(toHex(encodeActionMessage(m.header.type, m.header.flags, a, empty).subarray(16)), toHex(m.payload));
    } else {
      const f = decodeTcMessage(m.header.type, m.payload, empty);
      t.true(f.attrs.options instanceof Uint8Array);
      t.is(toHex(encodeTcMessage(m.header.type, m.header.flags, f, empty).subarray(16)), toHex(m.payload));
    }
  }
});

test('filter and action decoders meet garbage with DecodeError only', (t) => {
  const payloads = REQS.map((m) => m.payload);
  fc.assert(fc.property(fc.integer({ min: 0, max: payloads.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
    fc.integer({ min: 0, max: 4 }), (i, edits, cut) => {
      const b = payloads[i]!.slice(0, payloads[i]!.length - cut);
      for (const [at, v] of edits) if (b.length) b[at % b.length] = v;
      return onlyDecodeError(() => {
        decodeTcMessage(RTM_NEWTFILTER, b);
        decodeActionMessage(b);
      });
    }), { numRuns: 3000 });
  t.pass();
});

/** An ApiContext recording requestAck's bytes; devices by name from the capture's namespace. */
function recorder(devs: Record<string, number>): { api: ApiContext; sent: Uint8Array[] } {
  const sent: Uint8Array[] = [];
  const conn = { requestAck: async (bytes: Uint8Array) => { sent.push(bytes); return {}; } };
  const api = { conn, tcKinds: BUILTIN_TC_KINDS, ifindex: async (d: string) => devs[d] ?? 0 } as unknown as ApiContext;
  return { api, sent };
}

/** Request bytes as the wire has them: REQUEST|ACK added, seq and pid zeroed. */
function wire(b: Uint8Array): string {
  const c = b.slice();
  new DataView(c.buffer).setUint16(6, new DataView(c.buffer).getUint16(6, true) | 0x05, true);
  c.fill(0, 8, 16);
  return toHex(c);
}

/** The capture's device numbers: d0 from the requests' header, ifb0 from the mirred target. */
function captureDevs(): Record<string, number> {
  const { m, opts } = filter<MatchallOptions>('tc filter add dev d0 parent ffff: matchall');
  return { d0: m.header.ifindex, ifb0: act<MirredOptions>(opts.actions![0]).parms!.ifindex };
}

const API_LINES: [string, (tc: TcService) => Promise<unknown>][] = [
  ['tc filter add dev d0 parent ffff: matchall', (tc) => tc.filter.add({
    dev: 'd0', parent: 'ffff:', kind: 'matchall', actions: [{ kind: 'mirred', direction: 'egress', mode: 'redirect', dev: 'ifb0' }],
  })],
  ['tc filter add dev d0 ingress pref 10 handle 5', (tc) => tc.filter.add({
    dev: 'd0', parent: 'ingress', pref: 10, handle: 5, kind: 'matchall', skipHw: true, classid: '1:2', actions: [{ kind: 'gact', control: 'drop' }],
  })],
  ['tc filter add dev d0 ingress pref 1 matchall', (tc) => tc.filter.add({
    dev: 'd0', parent: 'ingress', pref: 1, kind: 'matchall',
    actions: [{ kind: 'mirred', direction: 'ingress', mode: 'mirror', dev: 'ifb0' }, { kind: 'gact', control: 'pass' }],
  })],
  ['tc actions add action gact', (tc) => tc.action.add([{ kind: 'gact', control: 'pass', index: 7 }])],
  ['tc actions add action mirred', (tc) => tc.action.add([{ kind: 'mirred', direction: 'egress', mode: 'redirect', dev: 'ifb0', index: 3 }])],
];

for (const [prefix, run] of API_LINES) {
  test(`ip.tc sends tc's request: ${prefix}`, async (t) => {
    const { api, sent } = recorder(captureDevs());
    await run(new TcService(api));
    t.is(sent.length, 1);
    t.is(wire(sent[0]!), wire(fromHex(FX.datagrams[FX.commands.findIndex((c) => c.startsWith(prefix))]!.hex)));
  });
}

test('ip.tc.filter checks before sending: missing parent, unknown action, bad protocol, bad control', async (t) => {
  const { api, sent } = recorder(captureDevs());
  const tc = new TcService(api);
  await t.throwsAsync(tc.filter.add({ dev: 'd0', kind: 'matchall' } as never), { message: /needs a parent/ });
  await t.throwsAsync(tc.filter.add({ dev: 'd0', parent: 'ingress', kind: 'matchall', actions: [{ kind: 'mirred', direction: 'up' } as never] }), { message: /direction/ });
  await t.throwsAsync(tc.filter.add({ dev: 'd0', parent: 'ingress', kind: 'matchall', protocol: 'ipx6' }), { message: /invalid protocol/ });
  await t.throwsAsync(tc.filter.add({ dev: 'd0', parent: 'ingress', kind: 'matchall', actions: [{ kind: 'gact', control: 'explode' as never }] }), { message: /invalid control/ });
  await t.throwsAsync(tc.filter.add({ dev: 'd0', parent: 'ingress', kind: 'matchall', actions: [] }), { message: /non-empty/ });
  t.is(sent.length, 0, 'nothing sent');
});
