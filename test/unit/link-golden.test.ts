/**
 * Golden tests of the LINK family codec on bytes captured from kernel 6.18 and iproute2 6.1
 * (test/fixtures/link/*.json record the versions and commands; capture.mjs re-creates them):
 * decode(bytes) equals the expected object, and encoding gives the captured bytes back.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AttrWriter, MessageWriter, NLA_F_NESTED, NLM_F_ACK, NLM_F_CREATE, NLM_F_DUMP, NLM_F_EXCL, NLM_F_REQUEST, decodeMessages,
  type NlMessage,
} from '../../src/netlink/index.js';
import {
  RTM_GETLINK, RTM_NEWLINK, decodeLinkMessage, encodeLinkMessage, newIfInfoMsg, type LinkMessage,
} from '../../src/rtnl/link/index.js';
import { InvalidArgumentError } from '../../src/api/errors.js';
import { LinkService } from '../../src/api/link.js';
import { fromHex, loadCapture, stubContext, toHex } from './_fixtures.js';

const CREATE = NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE;

/** The RTM_*LINK messages of one direction of a capture. */
function linkMessages(file: string, dir: 'send' | 'recv'): { bytes: Uint8Array; msg: NlMessage }[] {
  const out: { bytes: Uint8Array; msg: NlMessage }[] = [];
  for (const d of loadCapture(`link/${file}`).datagrams.filter((x) => x.dir === dir)) {
    const bytes = fromHex(d.hex);
    for (const msg of decodeMessages(bytes)) {
      if (msg.header.type >= RTM_NEWLINK && msg.header.type <= RTM_GETLINK) out.push({ bytes, msg });
    }
  }
  return out;
}

/** The last request of a capture: the one the command is about. */
function request(file: string): { bytes: Uint8Array; msg: NlMessage } {
  return linkMessages(file, 'send').at(-1)!;
}

/** Encode `m` as a whole request with the captured header's type, flags and seq. */
function encodeRequest(type: number, flags: number, seq: number, m: LinkMessage): string {
  const w = new MessageWriter(type, flags);
  encodeLinkMessage(w, m);
  const out = w.finish();
  new DataView(out.buffer).setUint32(8, seq, true);
  return toHex(out);
}

function encodePayload(m: LinkMessage): string {
  const w = new AttrWriter();
  encodeLinkMessage(w, m);
  return toHex(w.finish());
}

const zero = newIfInfoMsg();

const requests: { file: string; expected: LinkMessage }[] = [
  {
    file: 'newlink-veth.json', // ip link add veth0 type veth peer name veth1
    expected: {
      ifinfo: zero,
      attrs: {
        ifname: 'veth0',
        linkinfo: { kind: 'veth', data: { peer: { ifinfo: zero, attrs: { ifname: 'veth1' } } } },
      },
    },
  },
  {
    file: 'newlink-bridge.json', // ip link add br0 type bridge
    expected: { ifinfo: zero, attrs: { ifname: 'br0', linkinfo: { kind: 'bridge' } } },
  },
  {
    file: 'newlink-vxlan.json', // ip link add vx0 type vxlan id 42 dstport 4789 local 10.0.0.1 dev lower0
    expected: {
      ifinfo: zero,
      attrs: {
        ifname: 'vx0',
        linkinfo: { kind: 'vxlan', data: { link: 6, id: 42, local: '10.0.0.1', learning: 1, port: 4789 } },
      },
    },
  },
  {
    file: 'newlink-macvlan.json', // ip link add mv0 link lower0 type macvlan mode bridge
    expected: { ifinfo: zero, attrs: { link: 6, ifname: 'mv0', linkinfo: { kind: 'macvlan', data: { mode: 4 } } } },
  },
  {
    file: 'newlink-macvtap.json', // ip link add mvt0 link lower0 type macvtap mode vepa
    expected: { ifinfo: zero, attrs: { link: 6, ifname: 'mvt0', linkinfo: { kind: 'macvtap', data: { mode: 2 } } } },
  },
];

for (const { file, expected } of requests) {
  test(`golden request ${file}: decode equals the object, encode equals ip's bytes`, (t) => {
    const { bytes, msg } = request(file);
    t.is(msg.header.type, RTM_NEWLINK);
    t.is(msg.header.flags, CREATE);
    t.deepEqual(decodeLinkMessage(msg.payload), expected);
    t.is(encodeRequest(RTM_NEWLINK, CREATE, msg.header.seq, expected), toHex(bytes));
    t.is(encodePayload(decodeLinkMessage(msg.payload)), toHex(msg.payload));
  });
}

test('golden request: RTM_GETLINK by name, as ip sends it to resolve "dev lower0"', (t) => {
  const [, get] = linkMessages('newlink-vxlan.json', 'send');
  const expected: LinkMessage = { ifinfo: zero, attrs: { extMask: 9, ifname: 'lower0' } };
  t.is(get!.msg.header.flags, NLM_F_REQUEST);
  t.deepEqual(decodeLinkMessage(get!.msg.payload), expected);
  t.is(encodeRequest(RTM_GETLINK, NLM_F_REQUEST, get!.msg.header.seq, expected), toHex(get!.bytes));
});

test('golden request: the RTM_GETLINK dump request of ip link show', (t) => {
  const [, dump] = linkMessages('dump-all.json', 'send');
  t.is(dump!.msg.header.flags, NLM_F_REQUEST | NLM_F_DUMP);
  const expected: LinkMessage = { ifinfo: newIfInfoMsg({ family: 17 }), attrs: { extMask: 1 } };
  t.deepEqual(decodeLinkMessage(dump!.msg.payload), expected);
  t.is(encodeRequest(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, dump!.msg.header.seq, expected), toHex(dump!.bytes));
});

// --- dump replies -------------------------------------------------------------------------------

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/link');

/** dump-all.decoded.json with its tagged values ({"$bigint"}, {"$bytes"}) revived. */
function expectedDump(): LinkMessage[] {
  return JSON.parse(readFileSync(path.join(fixtures, 'dump-all.decoded.json'), 'utf8'), (_k, v: unknown) => {
    if (v && typeof v === 'object' && '$bigint' in v) return BigInt((v as { $bigint: string }).$bigint);
    if (v && typeof v === 'object' && '$bytes' in v) return fromHex((v as { $bytes: string }).$bytes);
    return v;
  }) as LinkMessage[];
}

const replies = linkMessages('dump-all.json', 'recv');
const expected = expectedDump();
const names = ['lo', 'veth1', 'veth0', 'br0', 'lower1', 'lower0', 'vx0', 'mv0', 'mvt0'];

test('golden dump: ip -d -s link show received one RTM_NEWLINK per device', (t) => {
  t.deepEqual(replies.map((r) => decodeLinkMessage(r.msg.payload).attrs.ifname), names);
  t.is(expected.length, replies.length);
});

names.forEach((name, i) => {
  test(`golden dump reply ${name}: decode equals the expected object, re-encode equals the bytes`, (t) => {
    const payload = replies[i]!.msg.payload;
    const decoded = decodeLinkMessage(payload);
    t.deepEqual(decoded, expected[i]!);
    t.is(encodePayload(decoded), toHex(payload));
    t.is(decoded.attrs.unknown, undefined, 'every attribute this kernel sends has a field');
  });
});

test('golden dump reply lo: hand-checked values', (t) => {
  const lo = decodeLinkMessage(replies[0]!.msg.payload);
  t.deepEqual(lo.ifinfo, { family: 0, type: 772, index: 1, flags: 0x10049, change: 0 });
  t.like(lo.attrs, {
    ifname: 'lo', mtu: 65536, txqlen: 1000, operstate: 0, linkmode: 0, qdisc: 'noqueue',
    address: '00:00:00:00:00:00', broadcast: '00:00:00:00:00:00', numTxQueues: 1, numRxQueues: 1,
    gsoMaxSize: 65536, gsoMaxSegs: 65535, tsoMaxSize: 524280, tsoMaxSegs: 65535, carrier: 1,
    maxPacingOffloadHorizon: 0n, netnsImmutable: 1, xdp: { attached: 0 },
  });
  t.is(lo.attrs.stats64!.rxOtherhostDropped, 0n);
  t.is(lo.attrs.stats!.rxNohandler, 0);
  t.is(lo.attrs.afSpec!.inet!.conf!.length, 33);
  t.is(lo.attrs.afSpec!.inet6!.conf!.length, 60);
  t.is(lo.attrs.afSpec!.inet6!.addrGenMode, 0);
  t.is(lo.attrs.afSpec!.inet6!.token, '::');
  t.deepEqual(lo.attrs.map, { memStart: 0n, memEnd: 0n, baseAddr: 0n, irq: 0, dma: 0, port: 0 });
});

test('golden dump reply: kind and port data of the bridge, its port, the vxlan and the macvlan', (t) => {
  const byName = new Map(replies.map((r) => {
    const m = decodeLinkMessage(r.msg.payload);
    return [m.attrs.ifname!, m] as const;
  }));
  t.like(byName.get('br0')!.attrs.linkinfo, {
    kind: 'bridge',
    data: {
      forwardDelay: 1500, helloTime: 200, maxAge: 2000, ageingTime: 30000, stpState: 0, priority: 32768,
      groupAddr: '01:80:c2:00:00:00', mcastHashMax: 4096, mcastQueryIntvl: 12500n,
      multiBoolopt: { optval: 0, optmask: 0x1f },
    },
  });
  t.like(byName.get('veth1')!.attrs.linkinfo, {
    kind: 'veth', slaveKind: 'bridge', slaveData: { state: 3, priority: 32, cost: 2, id: 0x8001, no: 1 },
  });
  t.like(byName.get('vx0')!.attrs.linkinfo, {
    kind: 'vxlan',
    data: { id: 42, link: 6, local: '10.0.0.1', port: 4789, ageing: 300, portRange: { low: 0, high: 0 } },
  });
  t.like(byName.get('mv0')!.attrs.linkinfo, { kind: 'macvlan', data: { mode: 4, bcQueueLen: 1000 } });
  t.like(byName.get('mvt0')!.attrs.linkinfo, { kind: 'macvtap', data: { mode: 2 } });
  t.deepEqual(byName.get('lower0')!.attrs.propList, { altIfname: ['lower-alt'] });
  t.is(byName.get('veth0')!.attrs.ifalias, 'test veth');
});

test('golden reply: the single RTM_NEWLINK ip got for "dev lower0" re-encodes exactly', (t) => {
  const [reply] = linkMessages('newlink-vxlan.json', 'recv');
  const m = decodeLinkMessage(reply!.msg.payload);
  t.like(m, { ifinfo: { index: 6, type: 1 }, attrs: { ifname: 'lower0', link: 5, linkinfo: { kind: 'veth' } } });
  t.is(m.attrs.propList, undefined);
  t.is(encodePayload(m), toHex(reply!.msg.payload));
});

test('golden dump reply of family AF_BRIDGE (bridge -d link show): IFLA_PROTINFO kept raw, exact', (t) => {
  const [dump] = linkMessages('dump-bridge-family.json', 'send').filter((m) => m.msg.payload[0] === 7);
  t.deepEqual(decodeLinkMessage(dump!.msg.payload), { ifinfo: newIfInfoMsg({ family: 7 }), attrs: {} });
  const replies = linkMessages('dump-bridge-family.json', 'recv').filter((m) => m.msg.payload[0] === 7);
  t.is(replies.length, 1);
  const port = decodeLinkMessage(replies[0]!.msg.payload);
  t.like(port, { ifinfo: { family: 7, index: 2 }, attrs: { ifname: 'veth1', master: 4, mtu: 1500, operstate: 6, link: 3 } });
  t.deepEqual(port.attrs.unknown!.map((u) => [u.type, u.flags]), [[12 /* IFLA_PROTINFO */, NLA_F_NESTED]]);
  t.is(encodePayload(port), toHex(replies[0]!.msg.payload));
});

test('LinkService.add: a veth pair is sent as `ip link add` sends it, with no device lookup', async (t) => {
  const { ctx, sent, lookups } = stubContext(6); // lower0 is ifindex 6 in the captures
  await new LinkService(ctx).add({ name: 'veth0', type: 'veth', peer: { name: 'veth1' } }, { echo: false });
  const want = request('newlink-veth.json').bytes.slice();
  new DataView(want.buffer).setUint16(6, NLM_F_EXCL | NLM_F_CREATE, true); // Conn adds REQUEST | ACK
  new DataView(want.buffer).setUint32(8, 0, true); // and the seq
  t.deepEqual(lookups, []);
  t.is(sent.length, 1);
  t.is(toHex(sent[0]!.bytes), toHex(want));
});

test('LinkService.add: named devices are looked up once everything is checked, and land where ip puts them', async (t) => {
  const { ctx, sent, lookups } = stubContext(6); // lower0 is ifindex 6 in the captures
  const links = new LinkService(ctx);
  await links.add({ name: 'vx0', type: 'vxlan', id: 42, dev: 'lower0', master: 'br0' }, { echo: false });
  await links.add({ name: 'mv0', type: 'macvlan', link: 'lower0', mode: 'bridge' }, { echo: false });
  t.deepEqual(lookups, ['br0', 'lower0', 'lower0']);
  const [vx, mv] = sent.map((s) => decodeLinkMessage(decodeMessages(s.bytes)[0]!.payload));
  t.like(vx!.attrs, { ifname: 'vx0', master: 6, linkinfo: { kind: 'vxlan', data: { id: 42, link: 6 } } });
  t.like(mv!.attrs, { ifname: 'mv0', link: 6, linkinfo: { kind: 'macvlan', data: { mode: 4 } } });
});

test('LinkService.add: bad input is rejected before any request or device lookup', async (t) => {
  const { ctx, sent, lookups } = stubContext(6); // lower0 is ifindex 6 in the captures
  const links = new LinkService(ctx);
  await t.throwsAsync(links.add({ name: 'v0', type: 'veth', master: 'br0', peer: { name: 'bad/name' } }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(links.add({ name: 'vx0', type: 'vxlan', id: 1 << 24, dev: 'lower0' }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(links.add({ name: 'mv0', type: 'macvlan', link: 'lower0', mode: 'sideways' as never }), { instanceOf: InvalidArgumentError });
  t.deepEqual(sent, []);
  t.deepEqual(lookups, []);
});
