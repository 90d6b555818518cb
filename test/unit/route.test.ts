/**
 * Route codec: golden bytes both ways on captures of `ip route add/show/get` from this kernel,
 * the `Route` view, request defaults (iproute2's), the RouteService's requests, and property
 * tests that garbage yields only DecodeError.
 */
import test from 'ava';
import fc from 'fast-check';
import {
  AttrWriter, DecodeError, NLM_F_ACK, NLM_F_CREATE, NLM_F_EXCL, NLM_F_REQUEST, type NlMessage,
} from '../../src/netlink/index.js';
import {
  decodeRouteMessage, encodeRouteMessage, metricsAttrs, multipath, routeAttrs, RTA_DST, RTA_METRICS, RTA_MULTIPATH,
  RTM_DELROUTE, RTM_GETROUTE, RTM_NEWROUTE, toRoute, type RouteMessage,
} from '../../src/rtnl/route/index.js';
import { buildRouteDump, buildRouteGet, buildRouteRequest, RouteService, type RouteSpec } from '../../src/api/route.js';
import { InvalidArgumentError } from '../../src/api/errors.js';
import { loadCapture, onlyDecodeError, stubContext, toHex as hex, type Capture, messages, bytesOf } from './_fixtures.js';

const fixture = (name: string): Capture => loadCapture(`route/${name}.json`);



const ADD = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v, (_k, x: unknown) => (x instanceof Uint8Array ? hex(x) : x))) as T;
const d0 = (): number => 3;

const golden: [string, RouteSpec][] = [
  ['newroute-v4', { dst: '192.168.5.0/24', via: '10.0.0.254', metric: 10, mtu: 1400, metrics: { locked: ['mtu'] } }],
  ['newroute-v4-default', { dst: 'default', via: '10.0.0.254' }],
  ['newroute-v4-dev-table', { dst: '192.168.6.0/24', src: '10.0.0.1', dev: 'd0', proto: 'static', table: 1000 }],
  ['newroute-v4-multipath', { dst: '192.168.7.0/24', nexthops: [{ via: '10.0.0.253', dev: 'd0', weight: 2 }, { via: '10.0.0.252', dev: 'd0' }] }],
  ['newroute-v4-via-inet6', { dst: '192.168.8.0/24', via: 'fe80::1', dev: 'd0' }],
  ['newroute-v6', { dst: '2001:db8:5::/48', via: '2001:db8::ff', dev: 'd0', pref: 'high', expires: 300 }],
  ['newroute-v6-default', { dst: 'default', family: 'inet6', via: '2001:db8::fe', dev: 'd0', metric: 5 }],
];

for (const [name, spec] of golden) {
  test(`golden ${name}: our request equals ip's bytes, and decodes back`, (t) => {
    const fx = fixture(name);
    t.regex(fx.kernel, /^\d+\.\d+/);
    t.regex(fx.iproute2, /iproute2/);
    const [m] = messages(fx, 'send', RTM_NEWROUTE);
    t.is(m!.header.flags, ADD);
    const ours = buildRouteRequest(false, spec, d0);
    t.is(hex(encodeRouteMessage(RTM_NEWROUTE, ADD, ours)), hex(bytesOf(m!)));
    t.deepEqual(plain(decodeRouteMessage(m!.payload)), plain(ours));
  });
}

test('golden newroute-v4: the decoded object, field by field', (t) => {
  const [m] = messages(fixture('newroute-v4'), 'send', RTM_NEWROUTE);
  t.deepEqual(plain(decodeRouteMessage(m!.payload)), {
    header: { family: 2, dstLen: 24, srcLen: 0, tos: 0, table: 254, protocol: 3, scope: 0, type: 1, flags: 0 },
    attrs: { dst: '192.168.5.0', gateway: '10.0.0.254', priority: 10, metrics: { mtu: 1400, lock: 4 } },
  });
});

test('golden dumps: requests equal ip\'s (family, RTA_TABLE), replies re-encode to the same bytes', (t) => {
  const cases: [string, Parameters<typeof buildRouteDump>[0], number][] = [
    ['getroute-dump-v4', {}, 5], ['getroute-dump-v6', { family: 'inet6' }, 5], ['getroute-all', { table: 'all' }, 14],
  ];
  for (const [name, filter, count] of cases) {
    const fx = fixture(name);
    const [req] = messages(fx, 'send', RTM_GETROUTE);
    t.is(hex(buildRouteDump(filter, 0).request.subarray(16)), hex(req!.payload), name);
    const replies = messages(fx, 'recv', RTM_NEWROUTE);
    t.is(replies.length, count, name);
    for (const m of replies) {
      t.is(hex(encodeRouteMessage(m.header.type, m.header.flags, decodeRouteMessage(m.payload))), hex(bytesOf(m)));
    }
  }
});

const view = (m: NlMessage): Record<string, unknown> => {
  const { raw: _raw, ...rest } = toRoute(decodeRouteMessage(m.payload));
  return plain(rest);
};

test('golden getroute-dump-v4: Route objects carry what `ip -j route show` prints', (t) => {
  const rs = messages(fixture('getroute-dump-v4'), 'recv', RTM_NEWROUTE).map(view);
  t.deepEqual(rs[0], { family: 'inet', type: 'unicast', dst: 'default', dstLen: 0, tos: 0, gateway: '10.0.0.254', dev: 3, table: 'main', protocol: 'boot', scope: 'global', flags: [] });
  t.deepEqual(rs[1], { family: 'inet', type: 'unicast', dst: '10.0.0.0/24', dstLen: 24, tos: 0, dev: 3, table: 'main', protocol: 'kernel', scope: 'link', prefsrc: '10.0.0.1', flags: [] });
  t.deepEqual(rs[2], {
    family: 'inet', type: 'unicast', dst: '192.168.5.0/24', dstLen: 24, tos: 0, gateway: '10.0.0.254', dev: 3, table: 'main',
    protocol: 'boot', scope: 'global', metric: 10, flags: [], metrics: { mtu: 1400, advmss: 1300, locked: ['mtu'] },
  });
  t.deepEqual(rs[3]!.nexthops, [
    { gateway: '10.0.0.253', dev: 3, weight: 2, flags: [], raw: { flags: 0, hops: 1, ifindex: 3, attrs: { gateway: '10.0.0.253' } } },
    { gateway: '10.0.0.252', dev: 3, weight: 1, flags: [], raw: { flags: 0, hops: 0, ifindex: 3, attrs: { gateway: '10.0.0.252' } } },
  ]);
  t.is(rs[3]!.dev, undefined);
  t.like(rs[4]!, { type: 'blackhole', dst: '192.168.9.0/24' });
});

test('golden getroute-dump-v6 and table all: pref, expires, local table, host routes', (t) => {
  const v6 = messages(fixture('getroute-dump-v6'), 'recv', RTM_NEWROUTE).map(view);
  t.like(v6[0]!, { family: 'inet6', dst: '2001:db8::/64', metric: 256, pref: 'medium', protocol: 'kernel', table: 'main' });
  t.like(v6[1]!, { dst: '2001:db8:5::/48', gateway: '2001:db8::ff', metric: 1024, pref: 'high', expires: 299 });
  t.is(v6[0]!.expires, undefined);
  const all = messages(fixture('getroute-all'), 'recv', RTM_NEWROUTE).map(view);
  t.like(all[0]!, { dst: '192.168.6.0/24', table: '1000', protocol: 'static', scope: 'link' });
  t.like(all[2]!, { type: 'local', dst: '10.0.0.1', table: 'local', scope: 'host' });
  t.like(all[3]!, { type: 'broadcast', dst: '10.0.0.255', scope: 'link' });
  t.like(all[10]!, { family: 'inet6', type: 'local', dst: '::1', metric: 0 });
  t.like(all[12]!, { type: 'multicast', dst: 'ff00::/8', table: 'local' });
});

test('golden getroute-get-v4: the request and the answer', (t) => {
  const fx = fixture('getroute-get-v4');
  const [req] = messages(fx, 'send', RTM_GETROUTE);
  t.is(hex(buildRouteGet('192.168.5.3', {}, 0, 0).subarray(16)), hex(req!.payload));
  const [ans] = messages(fx, 'recv', RTM_NEWROUTE);
  t.is(hex(encodeRouteMessage(ans!.header.type, ans!.header.flags, decodeRouteMessage(ans!.payload))), hex(bytesOf(ans!)));
  t.deepEqual(view(ans!), {
    family: 'inet', type: 'unicast', dst: '192.168.5.3', dstLen: 32, tos: 0, gateway: '10.0.0.254', dev: 3, table: 'main',
    protocol: 'unspec', scope: 'global', prefsrc: '10.0.0.1', flags: [], uid: 0, cache: [], metrics: { mtu: 1400 },
  });
});

test('defaults follow iproute2: scope, table, protocol, type', (t) => {
  const h = (del: boolean, s: RouteSpec): RouteMessage['header'] => buildRouteRequest(del, s, d0).header;
  t.like(h(false, { dst: '10.0.0.0/8', dev: 'x' }), { scope: 253, table: 254, protocol: 3, type: 1 });
  t.like(h(false, { dst: '10.0.0.0/8', via: '1.2.3.4' }), { scope: 0 });
  t.like(h(false, { dst: '10.0.0.0/8', nhid: 4 }), { scope: 0 });
  t.like(h(false, { dst: '2001:db8::/32', dev: 'x' }), { family: 10, scope: 0 });
  t.like(h(false, { dst: '10.0.0.1', type: 'local', dev: 'x' }), { scope: 254, table: 255, type: 2, dstLen: 32 });
  t.like(h(false, { dst: '10.0.0.255', type: 'broadcast', dev: 'x' }), { scope: 253, table: 255, type: 3 });
  t.like(h(false, { dst: '10.9.0.0/16', type: 'blackhole' }), { scope: 0, table: 254, type: 6 });
  t.like(h(false, { dst: '10.9.0.0/16', type: 'unreachable', table: 'local' }), { table: 255, type: 7 });
  t.like(h(false, { dst: '10.9.0.0/16', dev: 'x', table: 100, proto: 'dhcp', scope: 'host', onlink: true }), { table: 100, protocol: 16, scope: 254, flags: 4 });
  t.like(h(true, { dst: '10.9.0.0/16' }), { scope: 255, table: 254, protocol: 0, type: 0 });
  t.like(h(true, { dst: '10.9.0.0/16', via: '1.2.3.4' }), { scope: 255 });
  const big = buildRouteRequest(false, { dst: '10.0.0.0/8', dev: 'x', table: 70000 }, d0);
  t.is(big.header.table, 0);
  t.is(big.attrs.table, 70000);
  t.is(buildRouteRequest(false, { dst: 'default', via: '2001:db8::1' }, d0).header.family, 10);
  t.is(buildRouteRequest(false, { dst: 'default', via: '2001:db8::1' }, d0).attrs.dst, undefined);
  const m = buildRouteRequest(false, { dst: '10.0.0.0/8', dev: 'x', metrics: { rtt: 100, rttvar: 10, rtoMin: 50, hoplimit: 64, congctl: 'cubic', locked: ['hoplimit'] } }, d0);
  t.deepEqual(plain(m.attrs.metrics), { rtt: 800, rttvar: 40, hoplimit: 64, rtoMin: 50, ccAlgo: 'cubic', lock: (1 << 10) | (1 << 13) | 0 });
});

test('bad route input is rejected with InvalidArgumentError', (t) => {
  const bad: RouteSpec[] = [
    { dst: '10.0.0.0/33' }, { dst: '300.0.0.0/8' }, { dst: 'defaultx' }, { dst: '10.0.0.0/8', via: 'x' },
    { dst: '10.0.0.0/8', table: 'nosuch' }, { dst: '10.0.0.0/8', table: -1 }, { dst: '10.0.0.0/8', type: 'teleport' },
    { dst: '10.0.0.0/8', proto: 256 }, { dst: '10.0.0.0/8', scope: 'moon' }, { dst: '10.0.0.0/8', metric: 1.5 },
    { dst: '10.0.0.0/8', src: '2001:db8::1' }, { dst: '10.0.0.0/8', nexthops: [] },
    { dst: '10.0.0.0/8', nexthops: [{ via: '10.0.0.1', weight: 0 }] }, { dst: '10.0.0.0/8', nexthops: [{ via: '10.0.0.1', weight: 257 }] },
    { dst: '10.0.0.0/8', metrics: { hoplimit: 256 } }, { dst: '10.0.0.0/8', metrics: { locked: ['nosuch' as 'mtu'] } },
    { dst: '2001:db8::/32', family: 'inet' }, { dst: '10.0.0.0/8', pref: 'sky' as 'low' },
  ];
  for (const s of bad) t.throws(() => buildRouteRequest(false, s, d0), { instanceOf: InvalidArgumentError }, JSON.stringify(s));
  t.throws(() => buildRouteDump({ table: 'nosuch' }, 0), { instanceOf: InvalidArgumentError });
  t.throws(() => buildRouteDump({ to: '10.0.0.0/99' }, 0), { instanceOf: InvalidArgumentError });
  t.throws(() => buildRouteGet('10.0.0.1/40', {}, 0, 0), { instanceOf: InvalidArgumentError });
});

test('unknown attributes survive a round trip, at the top, in metrics and in next hops', (t) => {
  const w = new AttrWriter();
  w.skip(12);
  w.dv.setUint8(0, 2);
  w.dv.setUint8(1, 24);
  w.bytes(RTA_DST, Uint8Array.from([10, 0, 0, 0]));
  w.bytes(200, Uint8Array.from([9, 9]));
  w.nested(RTA_METRICS, () => { w.u32(2, 1500); w.bytes(99, Uint8Array.from([1, 2, 3, 4, 5])); });
  w.nested(RTA_MULTIPATH, () => {
    const at = w.skip(8);
    w.dv.setInt32(at + 4, 7, true);
    w.bytes(5, Uint8Array.from([10, 0, 0, 1]));
    w.bytes(77, Uint8Array.from([7]));
    w.dv.setUint16(at, w.len - at, true);
  });
  const bytes = w.finish();
  const msg = decodeRouteMessage(bytes);
  t.deepEqual(plain(msg.attrs.unknown), [{ type: 200, flags: 0, data: '0909' }]);
  t.deepEqual(plain(msg.attrs.metrics!.unknown), [{ type: 99, flags: 0, data: '0102030405' }]);
  t.deepEqual(plain(msg.attrs.multipath![0]!.attrs.unknown), [{ type: 77, flags: 0, data: '07' }]);
  t.is(hex(encodeRouteMessage(RTM_NEWROUTE, 0, msg).subarray(16)), hex(bytes));
});

test('property: random bytes decode or throw DecodeError, nothing else', (t) => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => onlyDecodeError(() => toRoute(decodeRouteMessage(b)))), { numRuns: 3000 });
  const mp = multipath(() => routeAttrs);
  fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), (b) => onlyDecodeError(() => mp.decode(b, 'RTA.multipath'))), { numRuns: 3000 });
  fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), (b) => onlyDecodeError(() => metricsAttrs.decode(b))), { numRuns: 1000 });
  t.pass();
});

test('property: well-formed attributes decode to DecodeError or a value that re-encodes stably', (t) => {
  const tlv = fc.record({ type: fc.integer({ min: 0, max: 33 }), data: fc.uint8Array({ maxLength: 40 }) });
  fc.assert(fc.property(fc.constantFrom(2, 10, 28, 128), fc.array(tlv, { maxLength: 8 }), (family, attrs) => {
    const w = new AttrWriter();
    w.skip(12);
    w.dv.setUint8(0, family);
    for (const a of attrs) w.bytes(a.type, a.data);
    let msg: RouteMessage;
    try {
      msg = decodeRouteMessage(w.finish());
      toRoute(msg);
    } catch (e) {
      if (e instanceof DecodeError) return true;
      throw e;
    }
    const again = decodeRouteMessage(encodeRouteMessage(RTM_NEWROUTE, 0, msg).subarray(16));
    return JSON.stringify(plain(again)) === JSON.stringify(plain(msg));
  }), { numRuns: 3000 });
  t.pass();
});

test('RouteService sends what `ip route` sends; bad input never reaches the kernel', async (t) => {
  const { ctx, sent, lookups } = stubContext();
  const svc = new RouteService(ctx);
  await svc.add({ dst: '192.168.7.0/24', nexthops: [{ via: '10.0.0.253', dev: 'd0', weight: 2 }, { via: '10.0.0.252', dev: 'd0' }] });
  const [m] = messages(fixture('newroute-v4-multipath'), 'send', RTM_NEWROUTE);
  const want = bytesOf(m!);
  new DataView(want.buffer).setUint16(6, NLM_F_CREATE | NLM_F_EXCL, true);
  t.is(hex(sent[0]!.bytes), hex(want));
  t.deepEqual(lookups, ['d0']);
  await svc.del('10.1.0.0/16');
  t.is(new DataView(sent[1]!.bytes.buffer).getUint16(4, true), RTM_DELROUTE);
  await svc.list({ dev: 'd0', table: 100, protocol: 'static', type: 'unicast' });
  t.is(hex(sent[2]!.bytes.subarray(16)), hex(Uint8Array.from([2, 0, 0, 0, 0, 4, 0, 1, 0, 0, 0, 0, 8, 0, 15, 0, 100, 0, 0, 0, 8, 0, 4, 0, 3, 0, 0, 0])));
  for await (const _ of svc.stream({ family: 'inet6', table: 'all', cloned: true })) t.fail();
  t.is(hex(sent[3]!.bytes.subarray(16)), '0a00000000000000' + '00020000');
  const n = sent.length;
  await t.throwsAsync(svc.add({ dst: '10.0.0.0/33', dev: 'd0' }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(svc.get('10.0.0.300'), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(svc.list({ dev: 'd0', to: 'x' }), { instanceOf: InvalidArgumentError });
  t.is(sent.length, n);
  t.is(lookups.length, 2);
});
