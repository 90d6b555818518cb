/**
 * Neighbour codec: golden bytes both ways on captures of `ip neigh add/replace/show` from this
 * kernel, the `Neighbor` view, request building, the NeighService's requests, and property tests
 * that garbage yields only DecodeError.
 */
import test from 'ava';
import fc from 'fast-check';
import {
  AttrWriter, DecodeError, NLM_F_ACK, NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE, NLM_F_REQUEST,
} from '../../src/netlink/index.js';
import {
  decodeNeighMessage, encodeNeighMessage, NDA_LLADDR, RTM_DELNEIGH, RTM_GETNEIGH, RTM_NEWNEIGH, toNeighbor,
  type NeighMessage,
} from '../../src/rtnl/neigh/index.js';
import { buildNeighRequest, NeighService, parseNud, type NeighSpec } from '../../src/api/neigh.js';
import { InvalidArgumentError } from '../../src/api/errors.js';
import { loadCapture, onlyDecodeError, stubContext, toHex as hex, type Capture, messages, bytesOf } from './_fixtures.js';

const fixture = (name: string): Capture => loadCapture(`neigh/${name}.json`);



const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v, (_k, x: unknown) => (x instanceof Uint8Array ? hex(x) : x))) as T;
const REQ = NLM_F_REQUEST | NLM_F_ACK;

const golden: [string, number, NeighSpec, NeighMessage][] = [
  ['newneigh-v4', NLM_F_CREATE | NLM_F_EXCL, { dst: '10.0.0.7', lladdr: '00:11:22:33:44:55', dev: 'd0' }, {
    header: { family: 2, ifindex: 3, state: 0x80, flags: 0, type: 0 }, attrs: { dst: '10.0.0.7', lladdr: '00:11:22:33:44:55' },
  }],
  ['newneigh-v6-router', NLM_F_CREATE | NLM_F_REPLACE, { dst: '2001:db8::7', lladdr: '00:11:22:33:44:57', dev: 'd0', nud: 'reachable', router: true }, {
    header: { family: 10, ifindex: 3, state: 0x02, flags: 0x80, type: 0 }, attrs: { dst: '2001:db8::7', lladdr: '00:11:22:33:44:57' },
  }],
  ['newneigh-proxy', NLM_F_CREATE | NLM_F_EXCL, { dst: '10.0.0.9', dev: 'd0', proxy: true }, {
    header: { family: 2, ifindex: 3, state: 0x80, flags: 0x08, type: 0 }, attrs: { dst: '10.0.0.9' },
  }],
];

for (const [name, flags, spec, expected] of golden) {
  test(`golden ${name}: both ways`, (t) => {
    const fx = fixture(name);
    t.regex(fx.kernel, /^\d+\.\d+/);
    t.regex(fx.iproute2, /iproute2/);
    const [m] = messages(fx, 'send', RTM_NEWNEIGH);
    t.is(m!.header.flags, REQ | flags);
    t.deepEqual(plain(decodeNeighMessage(m!.payload)), expected);
    t.is(hex(encodeNeighMessage(RTM_NEWNEIGH, REQ | flags, buildNeighRequest(3, spec))), hex(bytesOf(m!)));
  });
}

test('golden getneigh-dump: the request, byte-exact replies, Neighbor objects', (t) => {
  const fx = fixture('getneigh-dump');
  const [req] = messages(fx, 'send', RTM_GETNEIGH);
  t.is(hex(req!.payload), '000000000000000000000000');
  const replies = messages(fx, 'recv', RTM_NEWNEIGH);
  t.is(replies.length, 7);
  for (const m of replies) t.is(hex(encodeNeighMessage(m.header.type, m.header.flags, decodeNeighMessage(m.payload))), hex(bytesOf(m)));
  const ns = replies.map((m) => { const { raw: _r, ...rest } = toNeighbor(decodeNeighMessage(m.payload)); return rest; });
  t.deepEqual(ns[1], {
    family: 'inet', ifindex: 3, dst: '10.0.0.7', lladdr: '00:11:22:33:44:55', state: ['PERMANENT'], flags: [],
    refcnt: 0, used: 0, confirmed: 0, updated: 0, probes: 0,
  });
  t.deepEqual(ns[2], {
    family: 'inet', ifindex: 3, dst: '10.0.0.10', state: ['FAILED'], flags: [], refcnt: 0, used: 0, confirmed: 60, updated: 0, probes: 0,
  });
  t.like(ns[3]!, { dst: '10.0.0.8', state: ['STALE'], flags: ['router'], router: true });
  t.like(ns[0]!, { dst: '10.0.0.11', state: ['NOARP'] });
  t.like(ns[5]!, { family: 'inet6', dst: '2001:db8::7', state: ['REACHABLE'], refcnt: 1 });
});

test('golden getneigh-proxy-dump: NTF_PROXY asks for proxy entries', (t) => {
  const fx = fixture('getneigh-proxy-dump');
  const [req] = messages(fx, 'send', RTM_GETNEIGH);
  t.is(hex(req!.payload), '000000000000000000000800');
  const ns = messages(fx, 'recv', RTM_NEWNEIGH).map((m) => toNeighbor(decodeNeighMessage(m.payload)));
  t.deepEqual(ns.map((n) => [n.dst, n.proxy, n.state, n.flags]), [['10.0.0.9', true, [], ['proxy']], ['2001:db8::9', true, [], ['proxy']]]);
});

test('request building: states, flags, extended flags, protocol, lladdr', (t) => {
  t.like(buildNeighRequest(2, { dst: '10.0.0.1', dev: 'x' }).header, { state: 0x80, flags: 0 });
  t.like(buildNeighRequest(2, { dst: '10.0.0.1', dev: 'x', nud: 'STALE' as 'stale' }).header, { state: 0x04 });
  t.like(buildNeighRequest(2, { dst: '10.0.0.1', dev: 'x', nud: 0x10 }).header, { state: 0x10 });
  const m = buildNeighRequest(2, { dst: '10.0.0.1', dev: 'x', managed: true, externLearn: true, use: true, protocol: 'static' });
  t.like(m.header, { state: 0, flags: 0x11 });
  t.deepEqual(plain(m.attrs), { protocol: 4, dst: '10.0.0.1', flagsExt: 1 });
  t.is(buildNeighRequest(2, { dst: '10.0.0.1', dev: 'x', lladdr: 'null' }).attrs.lladdr, undefined);
  t.is(buildNeighRequest(2, { dst: '10.0.0.1', dev: 'x', lladdr: 'AA:b:0c:0:0:1' }).attrs.lladdr, 'aa:0b:0c:00:00:01');
  for (const bad of [
    { dst: '10.0.0.256', dev: 'x' }, { dst: '10.0.0.1/24', dev: 'x' }, { dst: '10.0.0.1', dev: 'x', lladdr: 'zz:00' },
    { dst: '10.0.0.1', dev: 'x', nud: 'lost' }, { dst: '10.0.0.1', dev: 'x', nud: 3 }, { dst: '10.0.0.1', dev: 'x', protocol: 'nope' },
  ] as NeighSpec[]) t.throws(() => buildNeighRequest(2, bad), { instanceOf: InvalidArgumentError }, JSON.stringify(bad));
  t.is(parseNud('none'), 0);
  t.is(parseNud('Permanent'), 0x80);
});

test('unknown attributes survive a round trip', (t) => {
  const w = new AttrWriter();
  w.skip(12);
  w.dv.setUint8(0, 2);
  w.bytes(1, Uint8Array.from([10, 0, 0, 1]));
  w.bytes(99, Uint8Array.from([1, 2, 3]));
  w.bytes(NDA_LLADDR, Uint8Array.from([1, 2, 3, 4, 5, 6]));
  const bytes = w.finish();
  const msg = decodeNeighMessage(bytes);
  t.deepEqual(plain(msg.attrs.unknown), [{ type: 99, flags: 0, data: '010203' }]);
  t.is(hex(encodeNeighMessage(RTM_NEWNEIGH, 0, msg).subarray(16)), hex(bytes));
});

test('an empty NDA_LLADDR (a device without a hardware address) round-trips', (t) => {
  const w = new AttrWriter();
  w.skip(12);
  w.bytes(NDA_LLADDR, new Uint8Array(0));
  const bytes = w.finish();
  const msg = decodeNeighMessage(bytes);
  t.is(msg.attrs.lladdr, '');
  t.is(hex(encodeNeighMessage(RTM_NEWNEIGH, 0, msg).subarray(16)), hex(bytes));
});

test('property: random bytes decode or throw DecodeError, nothing else', (t) => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => onlyDecodeError(() => toNeighbor(decodeNeighMessage(b)))), { numRuns: 3000 });
  t.pass();
});

test('property: well-formed attributes decode to DecodeError or a value that re-encodes stably', (t) => {
  const tlv = fc.record({ type: fc.integer({ min: 0, max: 19 }), data: fc.uint8Array({ maxLength: 24 }) });
  fc.assert(fc.property(fc.array(tlv, { maxLength: 8 }), (attrs) => {
    const w = new AttrWriter();
    w.skip(12);
    for (const a of attrs) w.bytes(a.type, a.data);
    let msg: NeighMessage;
    try {
      msg = decodeNeighMessage(w.finish());
    } catch (e) {
      if (e instanceof DecodeError) return true;
      throw e;
    }
    const again = decodeNeighMessage(encodeNeighMessage(RTM_NEWNEIGH, 0, msg).subarray(16));
    return JSON.stringify(plain(again)) === JSON.stringify(plain(msg));
  }), { numRuns: 3000 });
  t.pass();
});

test('NeighService sends what `ip neigh` sends; bad input never reaches the kernel', async (t) => {
  const { ctx, sent, lookups } = stubContext();
  const svc = new NeighService(ctx);
  await svc.add({ dst: '10.0.0.7', lladdr: '00:11:22:33:44:55', dev: 'd0' });
  const [m] = messages(fixture('newneigh-v4'), 'send', RTM_NEWNEIGH);
  const want = bytesOf(m!);
  new DataView(want.buffer).setUint16(6, NLM_F_CREATE | NLM_F_EXCL, true);
  t.is(hex(sent[0]!.bytes), hex(want));
  await svc.del({ dst: '10.0.0.9', dev: 'd0', proxy: true });
  t.is(new DataView(sent[1]!.bytes.buffer).getUint16(4, true), RTM_DELNEIGH);
  t.is(sent[1]!.bytes[16 + 10], 0x08);
  await svc.list({ dev: 'd0', family: 'inet6', proxy: true });
  t.is(hex(sent[2]!.bytes.subarray(16)), '0a0000000000000000000800' + '0800080003000000');
  const n = sent.length;
  await t.throwsAsync(svc.add({ dst: '10.0.0.300', dev: 'd0' }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(svc.replace({ dst: '10.0.0.3', dev: 'd0', lladdr: 'nope' }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(svc.flush({}), { instanceOf: InvalidArgumentError });
  t.is(sent.length, n);
  t.is(lookups.length, 3);
});
