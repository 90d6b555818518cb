/**
 * Property tests of the LINK codec (fast-check): garbage and mutated kernel messages make
 * decodeLinkMessage throw DecodeError and nothing else (and decoding works afterwards), and
 * encode/decode is the identity on generated link messages, kind data included.
 */
import test from 'ava';
import { deepStrictEqual } from 'node:assert/strict';
import * as fc from 'fast-check';
import { AttrWriter, NLA_F_NESTED, decodeMessages } from '../../src/netlink/index.js';
import { macToString } from '../../src/rtnl/common.js';
import {
  RTM_GETLINK, RTM_NEWLINK, decodeLinkMessage, encodeLinkMessage,
  type BridgeInfo, type BridgePortInfo, type LinkAttrs, type LinkInfo, type LinkMessage, type MacvlanInfo,
  type RtnlLinkStats64, type VxlanInfo,
} from '../../src/rtnl/link/index.js';
import { fromHex, loadCapture, onlyDecodeError, toHex } from './_fixtures.js';

/** Every RTM_*LINK payload of the captures: dump replies and ip's requests. */
const samples: Uint8Array[] = ['dump-all', 'newlink-veth', 'newlink-bridge', 'newlink-vxlan', 'newlink-macvlan', 'newlink-macvtap']
  .flatMap((f) => loadCapture(`link/${f}.json`).datagrams)
  .flatMap((d) => decodeMessages(fromHex(d.hex)))
  .filter((m) => m.header.type >= RTM_NEWLINK && m.header.type <= RTM_GETLINK && m.payload.length > 16)
  .map((m) => m.payload.slice());

/** Decode; any exception but DecodeError fails the property. */
function decodeOnlyDecodeError(bytes: Uint8Array): void {
  onlyDecodeError(() => decodeLinkMessage(bytes));
}

function stillWorks(t: { is: (a: unknown, b: unknown) => void }): void {
  const p = samples[1]!;
  const w = new AttrWriter();
  encodeLinkMessage(w, decodeLinkMessage(p));
  t.is(toHex(w.finish()), toHex(p));
}

test('garbage payloads throw only DecodeError', (t) => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (b) => { decodeOnlyDecodeError(b); }), { numRuns: 3000 });
  stillWorks(t);
});

test('garbage after a valid ifinfomsg, and garbage nested in IFLA_LINKINFO of each kind, throw only DecodeError', (t) => {
  const kinds = ['veth', 'bridge', 'vxlan', 'macvlan', 'macvtap', 'other'];
  fc.assert(fc.property(
    fc.uint8Array({ maxLength: 300 }), fc.constantFrom(...kinds), fc.boolean(), fc.uint8Array({ maxLength: 80 }),
    (tail, kind, slave, data) => {
      const w = new AttrWriter();
      w.skip(16);
      w.nested(18, () => {
        w.str(slave ? 4 : 1, kind === 'veth' && slave ? 'bridge' : kind);
        w.bytes(slave ? 5 : 2, data);
      });
      const head = w.finish();
      const all = new Uint8Array(head.length + tail.length);
      all.set(head);
      all.set(tail, head.length);
      decodeOnlyDecodeError(head);
      decodeOnlyDecodeError(all);
    },
  ), { numRuns: 3000 });
  stillWorks(t);
});

test('mutated kernel messages (bytes changed, truncated, extended) throw only DecodeError', (t) => {
  const mutation = fc.record({
    sample: fc.nat({ max: samples.length - 1 }),
    edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
    cut: fc.option(fc.nat(), { nil: undefined }),
    extra: fc.uint8Array({ maxLength: 12 }),
  });
  fc.assert(fc.property(mutation, ({ sample, edits, cut, extra }) => {
    const src = samples[sample]!;
    let b = new Uint8Array(src.length + extra.length);
    b.set(src);
    b.set(extra, src.length);
    for (const [pos, v] of edits) b[pos % b.length] = v;
    if (cut !== undefined) b = b.subarray(0, cut % (b.length + 1));
    decodeOnlyDecodeError(b);
  }), { numRuns: 5000 });
  stillWorks(t);
});

// --- generated messages round trip -------------------------------------------------------------

const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const s32 = fc.integer({ min: -0x80000000, max: 0x7fffffff });
const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const name = fc.string({ minLength: 1, maxLength: 15, unit: 'grapheme' }).filter((s) => !s.includes('\0'));
const mac = fc.uint8Array({ minLength: 6, maxLength: 6 }).map(macToString);
const ipv4 = fc.tuple(u8, u8, u8, u8).map((p) => p.join('.'));
const bridgeId = fc.record({ priority: u16, address: mac });

/** Keys from `model` that may each be present or absent. */
const some = <T extends object>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> =>
  fc.record(model, { requiredKeys: [] }) as unknown as fc.Arbitrary<T>;

const unknownAttrs = (from: number) => fc.array(fc.record({
  type: fc.integer({ min: from, max: from + 50 }),
  flags: fc.constantFrom(0, NLA_F_NESTED),
  data: fc.uint8Array({ maxLength: 12 }),
}), { minLength: 1, maxLength: 2 });

const bridgeData = some<BridgeInfo>({
  forwardDelay: u32, helloTime: u32, stpState: u32, priority: u16, vlanFiltering: u8, vlanProtocol: u16,
  groupFwdMask: u16, rootId: bridgeId, bridgeId, rootPort: u16, gcTimer: u64, groupAddr: mac,
  fdbFlush: fc.constant(true as const), mcastSnooping: u8, mcastQueryIntvl: u64,
  multiBoolopt: fc.record({ optval: u32, optmask: u32 }), fdbMaxLearned: u32,
  mcastQuerierState: some({ ipAddress: ipv4, ipPort: u32, ipOtherTimer: u64 }), unknown: unknownAttrs(60),
});

const vxlanData = some<VxlanInfo>({
  id: u32, group: ipv4, link: u32, local: ipv4, ttl: u8, learning: u8, portRange: fc.record({ low: u16, high: u16 }),
  port: u16, group6: fc.constantFrom('ff02::1', '2001:db8::5', '::'), udpCsum: u8, gbp: fc.constant(true as const),
  label: u32, ttlInherit: fc.oneof(fc.constant(true as const), u8), df: u8,
  reservedBits: fc.uint8Array({ minLength: 8, maxLength: 8 }), unknown: unknownAttrs(40),
});

const macvlanData = some<MacvlanInfo>({
  mode: u32, flags: u16, macaddrData: fc.record({ macaddr: fc.array(mac, { minLength: 1, maxLength: 3 }) }),
  macaddrCount: u32, bcQueueLen: u32, bcCutoff: s32,
});

const portData = some<BridgePortInfo>({
  state: u8, priority: u16, cost: u32, learning: u8, rootId: bridgeId, id: u16, holdTimer: u64, backupPort: u32,
  flush: fc.constant(true as const), unknown: unknownAttrs(60),
});

const stats64: fc.Arbitrary<RtnlLinkStats64> = fc.tuple(fc.array(u64, { minLength: 25, maxLength: 25 }), fc.nat({ max: 2 }))
  .map(([v, extra]) => {
    const names = ['rxPackets', 'txPackets', 'rxBytes', 'txBytes', 'rxErrors', 'txErrors', 'rxDropped', 'txDropped',
      'multicast', 'collisions', 'rxLengthErrors', 'rxOverErrors', 'rxCrcErrors', 'rxFrameErrors', 'rxFifoErrors',
      'rxMissedErrors', 'txAbortedErrors', 'txCarrierErrors', 'txFifoErrors', 'txHeartbeatErrors', 'txWindowErrors',
      'rxCompressed', 'txCompressed', 'rxNohandler', 'rxOtherhostDropped'];
    return Object.fromEntries(names.slice(0, 23 + extra).map((n, i) => [n, v[i]])) as unknown as RtnlLinkStats64;
  });

// Family AF_BRIDGE (7) is left out: its IFLA_AF_SPEC decodes raw (see message.ts), by design.
const ifinfo = fc.record({ family: u8.filter((f) => f !== 7), type: u16, index: s32, flags: u32, change: u32 });

const baseAttrs = {
  ifname: name, mtu: u32, link: u32, qdisc: name, master: u32, txqlen: u32, operstate: u8, linkmode: u8,
  group: u32, address: mac, broadcast: mac, permAddress: mac, promiscuity: u32, numTxQueues: u32,
  carrier: u8, linkNetnsid: s32, protoDown: u8, ifalias: name, extMask: u32, newIfindex: s32,
  propList: fc.record({ altIfname: fc.array(name, { minLength: 1, maxLength: 3 }) }),
  stats64, maxPacingOffloadHorizon: u64, xdp: some({ attached: u8, progId: u32, fd: s32 }),
  afSpec: some({
    inet: fc.record({ conf: fc.array(u32, { maxLength: 40 }) }),
    inet6: some({
      flags: u32, conf: fc.array(s32, { maxLength: 70 }), addrGenMode: u8, token: fc.constantFrom('::', 'fe80::1'),
      cacheinfo: fc.record({ maxReasmLen: u32, tstamp: u32, reachableTime: u32, retransTime: u32 }),
      stats: fc.array(u64, { maxLength: 40 }),
    }),
  }),
  devlinkPort: fc.uint8Array({ maxLength: 8 }), headroom: u16, unknown: unknownAttrs(200),
};

const peer: fc.Arbitrary<LinkMessage> = fc.record({ ifinfo, attrs: some<LinkAttrs>(baseAttrs) });

const linkinfo: fc.Arbitrary<LinkInfo> = fc.oneof(
  fc.record({ kind: fc.constant('bridge'), data: bridgeData }),
  fc.record({ kind: fc.constant('vxlan'), data: vxlanData }),
  fc.record({ kind: fc.constantFrom('macvlan', 'macvtap'), data: macvlanData }),
  fc.record({ kind: fc.constant('veth'), data: some({ peer }) }),
  fc.record({ kind: fc.constant('veth'), slaveKind: fc.constant('bridge'), slaveData: portData }),
  fc.record({ kind: fc.constant('foo'), data: fc.uint8Array({ maxLength: 20 }), slaveKind: fc.constant('bar'), slaveData: fc.uint8Array({ maxLength: 8 }) }),
  fc.record({ kind: name }),
);

const message: fc.Arbitrary<LinkMessage> = fc.record({
  ifinfo,
  attrs: some<LinkAttrs>({ ...baseAttrs, linkinfo }),
});

function encode(m: LinkMessage): Uint8Array {
  const w = new AttrWriter();
  encodeLinkMessage(w, m);
  return w.finish();
}

test('encode then decode is the identity on generated link messages', (t) => {
  fc.assert(fc.property(message, (generated) => {
    const m = structuredClone(generated); // plain prototypes (fast-check makes null-prototype records)
    const bytes = encode(m);
    const back = decodeLinkMessage(bytes);
    deepStrictEqual(back, m);
    if (toHex(encode(back)) !== toHex(bytes)) throw new Error('re-encoding the decoded message changed its bytes');
  }), { numRuns: 1500 });
  t.pass();
});
