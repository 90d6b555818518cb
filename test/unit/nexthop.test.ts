/**
 * Nexthop codec: golden bytes both ways on captures of `ip nexthop add/del/show/get` from this
 * kernel (test/fixtures/nexthop), the `Nexthop` view, request building in iproute2's attribute
 * order, the NexthopService's requests, and property tests that garbage yields only DecodeError.
 */
import test from 'ava';
import fc from 'fast-check';
import { AttrWriter, DecodeError, NLM_F_ACK, NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE, NLM_F_REQUEST } from '../../src/netlink/index.js';
import {
  NHA_GROUP, NHA_RES_GROUP, RTM_DELNEXTHOP, RTM_GETNEXTHOP, RTM_NEWNEXTHOP, decodeNexthopMessage, encodeNexthopMessage,
  nexthopAttrs, toNexthop, type NexthopMessage,
} from '../../src/rtnl/nexthop/index.js';
import { RTM_NEWROUTE, decodeRouteMessage, encodeRouteMessage } from '../../src/rtnl/route/index.js';
import { buildNexthopById, buildNexthopDump, buildNexthopRequest, NexthopService, type NexthopSpec } from '../../src/api/nexthop.js';
import { buildRouteRequest } from '../../src/api/route.js';
import { InvalidArgumentError, UnknownOptionError } from '../../src/api/errors.js';
import { bytesOf, loadCapture, messages, onlyDecodeError, stubContext, toHex as hex, type Capture } from './_fixtures.js';

const fixture = (name: string): Capture => loadCapture(`nexthop/${name}.json`);
const REQ = NLM_F_REQUEST | NLM_F_ACK;
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x))) as T;
const v0 = (): number => 3;

/** [fixture, the spec rtnl-ts builds from ip's words, the decoded request]. */
const golden: [string, NexthopSpec, NexthopMessage][] = [
  ['newnexthop-via', { id: 1, via: '10.0.0.2', dev: 'v0' }, {
    header: { family: 2, scope: 0, protocol: 0, flags: 0 }, attrs: { id: 1, gateway: '10.0.0.2', oif: 3 },
  }],
  ['newnexthop-onlink', { id: 2, via: '10.0.0.3', dev: 'v0', onlink: true, protocol: 'static' }, {
    header: { family: 2, scope: 0, protocol: 4, flags: 4 }, attrs: { id: 2, gateway: '10.0.0.3', oif: 3 },
  }],
  ['newnexthop-blackhole', { id: 3, blackhole: true }, {
    header: { family: 2, scope: 0, protocol: 0, flags: 0 }, attrs: { id: 3, blackhole: true },
  }],
  ['newnexthop-group', { id: 10, group: [1, { id: 2, weight: 3 }] }, {
    header: { family: 0, scope: 0, protocol: 0, flags: 0 },
    attrs: { id: 10, group: [{ id: 1, weight: 0, weightHigh: 0 }, { id: 2, weight: 2, weightHigh: 0 }] },
  }],
  ['newnexthop-resilient', { id: 11, group: [{ id: 1, weight: 2 }, 2], type: 'resilient', resilient: { buckets: 8, idleTimer: 10, unbalancedTimer: 20 } }, {
    header: { family: 0, scope: 0, protocol: 0, flags: 0 },
    attrs: {
      id: 11, group: [{ id: 1, weight: 1, weightHigh: 0 }, { id: 2, weight: 0, weightHigh: 0 }],
      resGroup: { buckets: 8, idleTimer: 1000, unbalancedTimer: 2000 }, groupType: 1,
    },
  }],
  ['newnexthop-fdb', { id: 20, via: '10.0.0.5', fdb: true }, {
    header: { family: 2, scope: 0, protocol: 0, flags: 0 }, attrs: { id: 20, gateway: '10.0.0.5', fdb: true },
  }],
];

for (const [name, spec, expected] of golden) {
  test(`golden ${name}: both ways, and built from the spec`, (t) => {
    const fx = fixture(name);
    t.regex(fx.kernel, /^\d+\.\d+/);
    t.regex(fx.iproute2, /iproute2-6\.1/);
    const [m] = messages(fx, 'send', RTM_NEWNEXTHOP);
    t.is(m!.header.flags, REQ | NLM_F_CREATE | NLM_F_EXCL);
    const decoded = decodeNexthopMessage(m!.payload);
    t.deepEqual(plain(decoded), expected);
    t.is(hex(encodeNexthopMessage(RTM_NEWNEXTHOP, m!.header.flags, decoded)), hex(bytesOf(m!)));
    t.is(hex(encodeNexthopMessage(RTM_NEWNEXTHOP, m!.header.flags, buildNexthopRequest(spec, v0))), hex(bytesOf(m!)));
  });
}

test('golden delnexthop and getnexthop-id: requests by id, the answer', (t) => {
  const [del] = messages(fixture('delnexthop'), 'send', RTM_DELNEXTHOP);
  t.is(del!.header.flags, REQ);
  t.is(hex(buildNexthopById(RTM_DELNEXTHOP, 1).subarray(16)), hex(del!.payload));
  const fx = fixture('getnexthop-id');
  const [get] = messages(fx, 'send', RTM_GETNEXTHOP);
  t.is(get!.header.flags, NLM_F_REQUEST, 'a get is sent without NLM_F_ACK');
  t.is(hex(buildNexthopById(RTM_GETNEXTHOP, 1).subarray(16)), hex(get!.payload));
  const [ans] = messages(fx, 'recv', RTM_NEWNEXTHOP);
  const { raw: _r, ...n } = toNexthop(decodeNexthopMessage(ans!.payload));
  t.deepEqual(n, { id: 1, family: 'inet', scope: 'link', protocol: 'unspec', flags: [], gateway: '10.0.0.2', dev: 3 });
});

test('golden getnexthop-dump: the request, byte-exact replies, Nexthop objects', (t) => {
  const fx = fixture('getnexthop-dump');
  const [req] = messages(fx, 'send', RTM_GETNEXTHOP);
  t.is(hex(req!.payload.subarray(0, 8)), hex(buildNexthopDump({}, 0, 0).subarray(16)));
  const replies = messages(fx, 'recv', RTM_NEWNEXTHOP);
  t.is(replies.length, 8);
  for (const m of replies) t.is(hex(encodeNexthopMessage(m.header.type, m.header.flags, decodeNexthopMessage(m.payload))), hex(bytesOf(m)));
  const nhs = replies.map((m) => { const { raw: _r, ...rest } = toNexthop(decodeNexthopMessage(m.payload)); return rest; });
  t.deepEqual(nhs.map((n) => n.id), [1, 2, 3, 4, 5, 10, 11, 20]);
  t.like(nhs[1]!, { protocol: 'static', flags: ['onlink'], scope: 'link' });
  t.like(nhs[2]!, { blackhole: true, scope: 'global' });
  t.like(nhs[3]!, { dev: 3, scope: 'host' });
  t.like(nhs[4]!, { family: 'inet6', gateway: '2001:db8::2' });
  t.deepEqual(nhs[5]!.group, [{ id: 1, weight: 1 }, { id: 2, weight: 3 }]);
  t.is(nhs[5]!.groupType, 'mpath');
  t.deepEqual(nhs[6]!.resilient, { buckets: 8, idleTimer: 10, unbalancedTimer: 20, unbalancedTime: 0 });
  t.is(nhs[6]!.groupType, 'resilient');
  t.like(nhs[7]!, { fdb: true, gateway: '10.0.0.5' });
});

test('golden newroute-nhid: `ip route add ... nhid N` sends RTA_NH_ID', (t) => {
  const [m] = messages(fixture('newroute-nhid'), 'send', RTM_NEWROUTE);
  t.is(decodeRouteMessage(m!.payload).attrs.nhId, 1);
  t.is(hex(encodeRouteMessage(RTM_NEWROUTE, m!.header.flags, buildRouteRequest(false, { dst: '192.168.1.0/24', nhid: 1 }, v0))), hex(bytesOf(m!)));
});

test('request building: families, weights, dump filters', (t) => {
  t.is(buildNexthopRequest({ id: 1, dev: 'v0' }, v0).header.family, 2);
  t.is(buildNexthopRequest({ id: 1, via: '2001:db8::1', dev: 'v0' }, v0).header.family, 10);
  t.is(buildNexthopRequest({ id: 1, family: 'inet6', dev: 'v0' }, v0).header.family, 10);
  t.is(buildNexthopRequest({ id: 1, group: [2] }, v0).header.family, 0);
  t.deepEqual(buildNexthopRequest({ group: [{ id: 2, weight: 300 }] }, v0).attrs.group, [{ id: 2, weight: 43, weightHigh: 1 }]);
  t.deepEqual(buildNexthopRequest({ group: [2], resilient: { buckets: 4 } }, v0).attrs, { group: [{ id: 2, weight: 0, weightHigh: 0 }], resGroup: { buckets: 4 }, groupType: 1 });
  t.deepEqual(buildNexthopRequest({ group: [2], type: 'resilient' }, v0).attrs, { group: [{ id: 2, weight: 0, weightHigh: 0 }], groupType: 1 });
  t.deepEqual(buildNexthopRequest({ group: [2], type: 'resilient', resilient: {} }, v0).attrs.resGroup, {}, 'an empty nest, as ip sends when words follow `type resilient`');
  const w = encodeNexthopMessage(RTM_NEWNEXTHOP, 0, buildNexthopRequest({ group: [2], type: 'resilient', resilient: {} }, v0));
  t.is(hex(w.subarray(16 + 8 + 12, 16 + 8 + 16)), '04000c80', `NHA_RES_GROUP (${NHA_RES_GROUP}) with NLA_F_NESTED`);
  t.is(hex(buildNexthopDump({ dev: 'v0', groups: true, fdb: true, family: 'inet' }, 3, 7).subarray(16)),
    '0200000000000000' + '0800050003000000' + '04000900' + '08000a0007000000' + '04000b00');
});

test('request building: bad input is a typed error', (t) => {
  const bad = (spec: unknown): void => { t.throws(() => buildNexthopRequest(spec as NexthopSpec, v0), { instanceOf: InvalidArgumentError }, JSON.stringify(spec)); };
  bad({ id: -1 });
  bad({ id: 1, via: 'x' });
  bad({ id: 1, family: 'inet', via: '2001:db8::1' });
  bad({ id: 1, group: [] });
  bad({ id: 1, group: [{ id: 2, weight: 0 }] });
  bad({ id: 1, group: [{ id: 2, weight: 65537 }] });
  bad({ id: 1, group: ['x'] });
  bad({ id: 1, group: [2], type: 'hash' });
  bad({ id: 1, group: [2], type: 'mpath', resilient: { buckets: 2 } });
  bad({ id: 1, group: [2], resilient: { buckets: 70000 } });
  bad({ id: 1, group: [2], resilient: { idleTimer: -1 } });
  bad({ id: 1, group: [2], resilient: { idle: 1 } });
  bad({ id: 1, blackhole: 'yes' });
  bad({ id: 1, protocol: 'nosuch' });
  t.throws(() => buildNexthopRequest({ id: 1, gateway: '10.0.0.1' } as unknown as NexthopSpec, v0), { instanceOf: UnknownOptionError });
});

test('NexthopService sends what `ip nexthop` sends; bad input never reaches the kernel', async (t) => {
  const { ctx, sent, lookups } = stubContext();
  const svc = new NexthopService(ctx);
  await svc.add({ id: 1, via: '10.0.0.2', dev: 'v0' });
  t.is(hex(sent[0]!.bytes), hex(bytesOf(messages(fixture('newnexthop-via'), 'send', RTM_NEWNEXTHOP)[0]!)).replace(/^(.{12})0506/, '$10006'));
  await svc.replace({ id: 1, blackhole: true });
  t.is(new DataView(sent[1]!.bytes.buffer).getUint16(6, true), NLM_F_CREATE | NLM_F_REPLACE);
  await svc.del(1);
  t.is(hex(sent[2]!.bytes.subarray(16)), hex(messages(fixture('delnexthop'), 'send', RTM_DELNEXTHOP)[0]!.payload));
  await svc.list({ groups: true });
  t.is(hex(sent[3]!.bytes.subarray(16)), '00000000000000000400' + '0900');
  t.is(await svc.flush(), 0);
  t.is(sent.length, 6, 'a flush of everything dumps the groups, then the rest');
  const n = sent.length;
  await t.throwsAsync(svc.add({ id: 1, via: '10.0.0.300' }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(svc.list({ protocol: 'x' }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(svc.list({ dve: 'v0' } as never), { instanceOf: UnknownOptionError });
  t.is(sent.length, n);
  t.deepEqual(lookups, ['v0']);
});

test('property: random bytes decode or throw DecodeError, nothing else', (t) => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 96 }), (b) => onlyDecodeError(() => toNexthop(decodeNexthopMessage(b)))), { numRuns: 5000 });
  t.throws(() => nexthopAttrs.decode(Uint8Array.of(9, 0, NHA_GROUP, 0, 1, 0, 0, 0, 0, 0, 0, 0)), { instanceOf: DecodeError });
  t.pass();
});

test('property: well-formed attributes decode to DecodeError or a value that re-encodes stably', (t) => {
  const tlv = fc.record({ type: fc.integer({ min: 0, max: 20 }), data: fc.uint8Array({ maxLength: 24 }) });
  fc.assert(fc.property(fc.constantFrom(0, 2, 10), fc.array(tlv, { maxLength: 8 }), (family, attrs) => {
    const w = new AttrWriter();
    w.skip(8);
    w.dv.setUint8(0, family);
    for (const a of attrs) w.bytes(a.type, a.data);
    let msg: NexthopMessage;
    try {
      msg = decodeNexthopMessage(w.finish());
      toNexthop(msg);
    } catch (e) {
      if (e instanceof DecodeError) return true;
      throw e;
    }
    const again = decodeNexthopMessage(encodeNexthopMessage(RTM_NEWNEXTHOP, 0, msg).subarray(16));
    return JSON.stringify(plain(again)) === JSON.stringify(plain(msg));
  }), { numRuns: 3000 });
  t.pass();
});
