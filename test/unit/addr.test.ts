/**
 * Address codec: golden bytes both ways on captures of `ip addr add` requests and an `ip addr
 * show` dump from this kernel, the `Address` view, request building (iproute2 semantics), and
 * property tests that garbage yields only DecodeError.
 */
import test from 'ava';
import fc from 'fast-check';
import {
  AttrWriter, DecodeError, NLM_F_ACK, NLM_F_CREATE, NLM_F_EXCL, NLM_F_REQUEST,
} from '../../src/netlink/index.js';
import {
  addrAttrs, decodeAddrMessage, encodeAddrMessage, IFA_LOCAL, RTM_GETADDR, RTM_NEWADDR, toAddress, type AddrMessage,
} from '../../src/rtnl/addr/index.js';
import ipaddr from 'ipaddr.js';
import { AddrService, buildAddrDelRequest, buildAddrRequest, parseInetPrefix, prefixContains } from '../../src/api/addr.js';
import { parseDottedQuad } from '../../src/rtnl/common.js';
import { InvalidArgumentError } from '../../src/api/errors.js';
import { loadCapture, onlyDecodeError, stubContext, toHex as hex, type Capture as Fixture, messages, bytesOf } from './_fixtures.js';

const fixture = (name: string): Fixture => loadCapture(`addr/${name}.json`);



const ADD = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

test('fixtures record kernel, iproute2 and command', (t) => {
  for (const name of ['newaddr-v4', 'newaddr-v4-brd-label', 'newaddr-v6', 'newaddr-v6-lft', 'getaddr-dump']) {
    const fx = fixture(name);
    t.regex(fx.kernel, /^\d+\.\d+/);
    t.regex(fx.iproute2, /iproute2/);
    t.regex(fx.command, /^ip /);
  }
});

const golden: [string, string, Parameters<typeof buildAddrRequest>[2], AddrMessage][] = [
  ['newaddr-v4', '10.0.0.1/24', {}, {
    header: { family: 2, prefixlen: 24, flags: 0, scope: 0, index: 3 },
    attrs: { local: '10.0.0.1', address: '10.0.0.1' },
  }],
  ['newaddr-v4-brd-label', '10.0.0.1/24', { broadcast: '+', label: 'd0:one' }, {
    header: { family: 2, prefixlen: 24, flags: 0, scope: 0, index: 3 },
    attrs: { local: '10.0.0.1', label: 'd0:one', address: '10.0.0.1', broadcast: '10.0.0.255' },
  }],
  ['newaddr-v6', '2001:db8::1/64', { nodad: true }, {
    header: { family: 10, prefixlen: 64, flags: 2, scope: 0, index: 3 },
    attrs: { local: '2001:db8::1', address: '2001:db8::1' },
  }],
  ['newaddr-v6-lft', '2001:db8:1::1/64', { noprefixroute: true, validLft: 300, preferredLft: 100 }, {
    header: { family: 10, prefixlen: 64, flags: 0, scope: 0, index: 3 },
    attrs: { local: '2001:db8:1::1', flags: 0x200, address: '2001:db8:1::1', cacheinfo: { preferred: 100, valid: 300, cstamp: 0, tstamp: 0 } },
  }],
];

for (const [name, cidr, opts, expected] of golden) {
  test(`golden ${name}: decode(ip's request) equals the object`, (t) => {
    const [m] = messages(fixture(name), 'send', RTM_NEWADDR);
    t.truthy(m);
    t.is(m!.header.flags, ADD);
    t.deepEqual(plain(decodeAddrMessage(m!.payload)), expected);
  });
  test(`golden ${name}: our request equals ip's bytes`, (t) => {
    const [m] = messages(fixture(name), 'send', RTM_NEWADDR);
    t.is(hex(encodeAddrMessage(RTM_NEWADDR, ADD, buildAddrRequest(3, cidr, opts))), hex(bytesOf(m!)));
    t.is(hex(encodeAddrMessage(RTM_NEWADDR, ADD, expected)), hex(bytesOf(m!)));
  });
}

test('golden getaddr-dump: the dump request equals ip\'s', (t) => {
  const [m] = messages(fixture('getaddr-dump'), 'send', RTM_GETADDR);
  const w = new AttrWriter();
  w.skip(8);
  t.is(hex(m!.payload), hex(w.finish()));
});

test('golden getaddr-dump: every reply re-encodes to the same bytes', (t) => {
  const replies = messages(fixture('getaddr-dump'), 'recv', RTM_NEWADDR);
  t.is(replies.length, 9);
  for (const m of replies) {
    const out = encodeAddrMessage(m.header.type, m.header.flags, decodeAddrMessage(m.payload));
    t.is(hex(out), hex(bytesOf(m)));
  }
});

test('golden getaddr-dump: Address objects match `ip -j addr show`', (t) => {
  const addrs = messages(fixture('getaddr-dump'), 'recv', RTM_NEWADDR).map((m) => toAddress(decodeAddrMessage(m.payload)));
  const view = addrs.map(({ raw: _raw, ...rest }) => rest);
  t.deepEqual(view[0], {
    family: 'inet', ifindex: 1, local: '127.0.0.1', prefixlen: 8, scope: 'host', ifaFlags: 0x80, flags: [],
    label: 'lo', validLifeTime: 4294967295, preferredLifeTime: 4294967295,
  });
  t.deepEqual(view[1], {
    family: 'inet', ifindex: 3, local: '10.0.0.1', prefixlen: 24, broadcast: '10.0.0.255', scope: 'global', ifaFlags: 0x80,
    flags: [], label: 'd0', validLifeTime: 4294967295, preferredLifeTime: 4294967295,
  });
  t.deepEqual(view[2], {
    family: 'inet', ifindex: 3, local: '10.9.0.1', address: '10.9.0.2', prefixlen: 32, metric: 50, scope: 'global', ifaFlags: 0x80,
    flags: [], label: 'd0', validLifeTime: 4294967295, preferredLifeTime: 4294967295,
  });
  t.deepEqual(view[3]!.flags, ['secondary']);
  t.true(view[3]!.secondary);
  t.is(view[3]!.label, 'd0:x');
  t.deepEqual(view[4], {
    family: 'inet6', ifindex: 1, local: '::1', prefixlen: 128, scope: 'host', ifaFlags: 0x80, flags: [],
    protocol: 'kernel_lo', validLifeTime: 4294967295, preferredLifeTime: 4294967295,
  });
  t.deepEqual(view[6], {
    family: 'inet6', ifindex: 3, local: '2001:db8:1::1', prefixlen: 64, scope: 'global', ifaFlags: 2, flags: ['nodad', 'dynamic'],
    dynamic: true, nodad: true, validLifeTime: 300, preferredLifeTime: 100,
  });
  t.deepEqual(view[7]!.flags, ['nodad', 'noprefixroute']);
  t.is(view[7]!.ifaFlags, 0x282);
  t.deepEqual(view[8]!.flags, ['tentative']);
  t.is(view[8]!.protocol, 'kernel_ll');
});

test('secondary on IPv6 is "temporary"', (t) => {
  const a = toAddress({ header: { family: 10, prefixlen: 64, flags: 0x81, scope: 0, index: 2 }, attrs: { address: '2001:db8::5' } });
  t.deepEqual(a.flags, ['temporary']);
  t.true(a.temporary);
  t.is(a.secondary, undefined);
});

test('unknown attributes survive a round trip in place', (t) => {
  const [m] = messages(fixture('newaddr-v4'), 'send', RTM_NEWADDR);
  // Insert an unknown attribute (type 99) between IFA_LOCAL and IFA_ADDRESS.
  const p = m!.payload;
  const extra = Uint8Array.from([8, 0, 99, 0, 1, 2, 3, 4]);
  const payload = new Uint8Array(p.length + 8);
  payload.set(p.subarray(0, 16), 0);
  payload.set(extra, 16);
  payload.set(p.subarray(16), 24);
  const msg = decodeAddrMessage(payload);
  t.deepEqual(msg.attrs.unknown, [{ type: 99, flags: 0, data: Uint8Array.from([1, 2, 3, 4]) }]);
  const out = encodeAddrMessage(RTM_NEWADDR, ADD, msg);
  t.is(hex(out.subarray(16)), hex(payload));
});

test('request building follows iproute2', (t) => {
  // 127/8 gets host scope; peer sets the prefix length and IFA_ADDRESS.
  t.is(buildAddrRequest(1, '127.0.0.2/8', {}).header.scope, 254);
  const p = buildAddrRequest(2, '10.9.0.1', { peer: '10.9.0.2/32' });
  t.deepEqual(plain(p), { header: { family: 2, prefixlen: 32, flags: 0, scope: 0, index: 2 }, attrs: { local: '10.9.0.1', address: '10.9.0.2' } });
  // brd + and brd - on short prefixes; none on /31 and /32.
  t.is(buildAddrRequest(2, '192.168.1.77/20', { broadcast: '+' }).attrs.broadcast, '192.168.15.255');
  t.is(buildAddrRequest(2, '192.168.1.77/20', { broadcast: '-' }).attrs.broadcast, '192.168.0.0');
  t.is(buildAddrRequest(2, '192.168.1.77/31', { broadcast: '+' }).attrs.broadcast, undefined);
  t.is(buildAddrRequest(2, '10.0.0.1/24', { broadcast: '10.0.0.200' }).attrs.broadcast, '10.0.0.200');
  // Flags above 0xff go to IFA_FLAGS, below stay in ifa_flags.
  const f = buildAddrRequest(2, '2001:db8::1/64', { nodad: true, noprefixroute: true });
  t.is(f.header.flags, 0);
  t.is(f.attrs.flags, 0x202);
  // Lifetimes: forever by default, checked against each other.
  t.deepEqual(buildAddrRequest(2, '10.0.0.1/24', { validLft: 60, preferredLft: 30 }).attrs.cacheinfo, { preferred: 30, valid: 60, cstamp: 0, tstamp: 0 });
  t.throws(() => buildAddrRequest(2, '10.0.0.1/24', { validLft: 0 }), { instanceOf: InvalidArgumentError, message: 'valid_lft is zero' });
  t.throws(() => buildAddrRequest(2, '10.0.0.1/24', { validLft: 10, preferredLft: 20 }), { instanceOf: InvalidArgumentError });
  // As in iproute2, a finite valid_lft needs a preferred_lft no greater than it (the default is forever).
  t.throws(() => buildAddrRequest(2, '10.0.0.1/24', { validLft: 60 }), { message: 'preferred_lft is greater than valid_lft' });
  t.is(buildAddrRequest(2, '10.0.0.1/24', { metric: 7, scope: 'link', proto: 'kernel_ll' }).attrs.rtPriority, 7);
  t.is(buildAddrRequest(2, '10.0.0.1/24', { scope: 'link' }).header.scope, 253);
  t.is(buildAddrRequest(2, '10.0.0.1/24', { scope: 200 }).header.scope, 200);
});

test('delete requests: IFA_ADDRESS unless an IPv4 address comes without a length', (t) => {
  t.deepEqual(plain(buildAddrDelRequest(3, '10.0.0.1/24')), { header: { family: 2, prefixlen: 24, flags: 0, scope: 0, index: 3 }, attrs: { local: '10.0.0.1', address: '10.0.0.1' } });
  t.deepEqual(plain(buildAddrDelRequest(3, '10.0.0.1')), { header: { family: 2, prefixlen: 32, flags: 0, scope: 0, index: 3 }, attrs: { local: '10.0.0.1' } });
  t.is(buildAddrDelRequest(3, '2001:db8::1').attrs.address, '2001:db8::1');
});

test('bad input is rejected with InvalidArgumentError', (t) => {
  for (const bad of ['10.0.0.300/24', '10.0.0.1/33', '2001:db8::1/129', '10.1/8', '010.0.0.1/8', '10.0.0.1/', '10.0.0.1/2x',
    'fe80::1%eth0', '', 'default', '10.0.0.1/24/1', ' 10.0.0.1']) {
    t.throws(() => buildAddrRequest(1, bad, {}), { instanceOf: InvalidArgumentError }, bad);
  }
  t.throws(() => buildAddrRequest(1, '10.0.0.1/24', { nodad: true }), { instanceOf: InvalidArgumentError });
  t.throws(() => buildAddrRequest(1, '2001:db8::1/64', { broadcast: '+' }), { instanceOf: InvalidArgumentError });
  t.throws(() => buildAddrRequest(1, '10.0.0.1/24', { peer: '2001:db8::1' }), { instanceOf: InvalidArgumentError });
  t.throws(() => buildAddrRequest(1, '10.0.0.1/24', { scope: 'galaxy' }), { instanceOf: InvalidArgumentError });
  t.throws(() => buildAddrRequest(1, '10.0.0.1/24', { scope: 256 }), { instanceOf: InvalidArgumentError });
  t.throws(() => buildAddrRequest(1, '10.0.0.1/24', { metric: -1 }), { instanceOf: InvalidArgumentError });
  t.throws(() => buildAddrRequest(1, '10.0.0.1/24', { autojoin: true }), { instanceOf: InvalidArgumentError });
  t.notThrows(() => buildAddrRequest(1, '239.1.1.1/32', { autojoin: true }));
});

test('prefix parsing and matching', (t) => {
  const p = parseInetPrefix('10.1.2.3/16');
  t.deepEqual([p.family, p.text, p.len, p.hasLen], ['inet', '10.1.2.3', 16, true]);
  const q = parseInetPrefix('2001:DB8:0:0::1');
  t.deepEqual([q.family, q.text, q.len, q.hasLen], ['inet6', '2001:db8::1', 128, false]);
  t.true(prefixContains(p.bytes, 16, parseInetPrefix('10.1.200.1').bytes));
  t.false(prefixContains(p.bytes, 16, parseInetPrefix('10.2.0.1').bytes));
  t.true(prefixContains(p.bytes, 0, parseInetPrefix('1.2.3.4').bytes));
  t.true(prefixContains(q.bytes, 121, parseInetPrefix('2001:db8::7f').bytes));
  t.false(prefixContains(q.bytes, 121, parseInetPrefix('2001:db8::80').bytes));
});

test('property: random bytes decode or throw DecodeError, nothing else', (t) => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => onlyDecodeError(() => decodeAddrMessage(b))), { numRuns: 3000 });
  t.pass();
});

/** Well-formed TLVs of IFA_* ids (plus unknown ones) with random payloads. */
const tlvs = fc.array(fc.record({ type: fc.integer({ min: 0, max: 14 }), data: fc.uint8Array({ maxLength: 20 }) }), { maxLength: 8 });

test('property: well-formed attributes decode to DecodeError or a stable value', (t) => {
  fc.assert(fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), tlvs, (hdr, attrs) => {
    const w = new AttrWriter();
    w.buf.set(hdr, w.skip(8));
    for (const a of attrs) w.bytes(a.type, a.data);
    const bytes = w.finish();
    let msg: AddrMessage;
    try {
      msg = decodeAddrMessage(bytes);
    } catch (e) {
      if (e instanceof DecodeError) return true;
      throw e;
    }
    // Decoding what we encode gives the same value back.
    const again = decodeAddrMessage(encodeAddrMessage(RTM_NEWADDR, 0, msg).subarray(16));
    return JSON.stringify(plain(again)) === JSON.stringify(plain(msg));
  }), { numRuns: 3000 });
  t.pass();
});

test('attribute length errors name the attribute', (t) => {
  const w = new AttrWriter();
  w.skip(8);
  w.bytes(IFA_LOCAL, Uint8Array.from([1, 2, 3]));
  const e = t.throws(() => decodeAddrMessage(w.finish()), { instanceOf: DecodeError });
  t.regex(e!.message, /IFA\.local/);
  t.is(addrAttrs.byId.get(IFA_LOCAL)!.name, 'local');
});

test('AddrService.add sends what `ip addr add` sends (less REQUEST|ACK, which Conn adds)', async (t) => {
  const { ctx, sent, lookups } = stubContext();
  await new AddrService(ctx).add('d0', '10.0.0.1/24', { broadcast: '+', label: 'd0:one' });
  const [m] = messages(fixture('newaddr-v4-brd-label'), 'send', RTM_NEWADDR);
  const want = bytesOf(m!);
  new DataView(want.buffer).setUint16(6, NLM_F_CREATE | NLM_F_EXCL, true);
  t.deepEqual(lookups, ['d0']);
  t.is(sent.length, 1);
  t.is(sent[0]!.op, 'RTM_NEWADDR');
  t.is(hex(sent[0]!.bytes), hex(want));
});

test('AddrService.list asks the kernel to filter by device and family', async (t) => {
  const { ctx, sent } = stubContext();
  await new AddrService(ctx).list({ dev: 'd0', family: 'inet6' });
  t.is(hex(sent[0]!.bytes.subarray(4, 6)), '1600'); // RTM_GETADDR
  t.is(hex(sent[0]!.bytes.subarray(16)), '0a00000003000000');
});

test('bad input is rejected before any request or device lookup', async (t) => {
  const { ctx, sent, lookups } = stubContext();
  const svc = new AddrService(ctx);
  await t.throwsAsync(svc.add('d0', '10.0.0.300/24'), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(svc.add('d0', '10.0.0.1/33'), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(svc.replace('d0', '10.0.0.1/24', { validLft: 'soon' as unknown as number }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(svc.del('d0', '::g/64'), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(svc.list({ to: '10.0.0.0/40' }), { instanceOf: InvalidArgumentError });
  t.deepEqual(sent, []);
  t.deepEqual(lookups, []);
});

test('property: the hand-written dotted-quad parser accepts exactly what ipaddr.js calls four-part decimal', (t) => {
  const octet = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom('00', '01', '007', '', '1a', ' 1', '-1', '+1'));
  const text = fc.oneof(
    fc.array(octet, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.')),
    fc.string({ maxLength: 20 }),
  );
  fc.assert(fc.property(text, (s) => {
    const mine = parseDottedQuad(s);
    const theirs = ipaddr.IPv4.isValidFourPartDecimal(s) ? Uint8Array.from(ipaddr.IPv4.parse(s).toByteArray()) : undefined;
    return (mine === undefined) === (theirs === undefined) && (!mine || mine.every((b, i) => b === theirs![i]));
  }), { numRuns: 5000 });
  t.pass();
});
