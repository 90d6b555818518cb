import test from 'ava';
import * as fc from 'fast-check';
import {
  AttrTable, AttrWriter, DecodeError, MessageWriter, NLMSG_DONE, NLMSG_ERROR, NLM_F_ACK, NLM_F_CREATE,
  NLM_F_EXCL, NLM_F_MULTI, NLM_F_REQUEST, decodeMessages, decodeNlMsgErr, encodeMessage, nested, readAttrs,
  str, u8, u16, u32, u64, s32, be16, flag, bytes, NLA_F_NESTED,
} from '../../src/netlink/index.js';
import { ipAddr } from '../../src/rtnl/common.js';
import { fromHex, loadCapture, onlyDecodeError, toHex } from './_fixtures.js';

const IFLA_IFNAME = 3;
const IFLA_LINKINFO = 18;
const IFLA_INFO_KIND = 1;

test('golden: RTM_NEWLINK request as ip sends it, decoded and re-encoded byte for byte', (t) => {
  const cap = loadCapture('netlink/newlink-nosuchkind.json');
  const sent = cap.datagrams.find((d) => d.dir === 'send')!;
  const bytes = fromHex(sent.hex);
  const [msg, ...rest] = decodeMessages(bytes);
  t.is(rest.length, 0);
  t.is(msg!.header.len, 60);
  t.is(msg!.header.type, 16);
  t.is(msg!.header.flags, NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE);
  const attrs = readAttrs(msg!.payload, 16);
  t.deepEqual(attrs.map((a) => a.type), [IFLA_IFNAME, IFLA_LINKINFO]);
  t.is(str.decode(attrs[0]!.data, 'IFLA_IFNAME'), 'x0');
  const info = readAttrs(attrs[1]!.data);
  t.is(str.decode(info[0]!.data, 'IFLA_INFO_KIND'), 'nosuchkind');

  // Encode the same request with our writer: identical bytes.
  const w = new MessageWriter(16, NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE);
  w.skip(16);
  w.str(IFLA_IFNAME, 'x0');
  w.nested(IFLA_LINKINFO, () => w.strNoNul(IFLA_INFO_KIND, 'nosuchkind'));
  const out = w.finish();
  new DataView(out.buffer).setUint32(8, msg!.header.seq, true);
  t.is(toHex(out), sent.hex);
});

test('golden: NLMSG_ERROR with extended ack names the kernel text and the echoed request', (t) => {
  const cap = loadCapture('netlink/newlink-nosuchkind.json');
  const reply = fromHex(cap.datagrams.filter((d) => d.dir === 'recv').at(-1)!.hex);
  const [msg] = decodeMessages(reply);
  t.is(msg!.header.type, NLMSG_ERROR);
  const err = decodeNlMsgErr(msg!);
  t.is(err.error, -95); // EOPNOTSUPP
  t.is(err.message, 'Unknown device type');
  t.is(err.request.type, 16);
  t.is(err.request.len, 60);
  // Re-encoding the header and payload reproduces the datagram.
  t.is(toHex(encodeMessage(msg!.header, msg!.payload)), toHex(reply));
});

test('golden: a dump datagram holds several NLM_F_MULTI messages; attributes re-emit identically', (t) => {
  const cap = loadCapture('netlink/getlink-dump.json');
  const recvs = cap.datagrams.filter((d) => d.dir === 'recv').map((d) => fromHex(d.hex));
  const dump = recvs.find((b) => b.length > 1000)!;
  const msgs = decodeMessages(dump);
  t.is(msgs.length, 3); // lo, veth1, veth0
  const names: string[] = [];
  for (const m of msgs) {
    t.truthy(m.header.flags & NLM_F_MULTI);
    const attrs = readAttrs(m.payload, 16);
    names.push(str.decode(attrs.find((a) => a.type === IFLA_IFNAME)!.data, 'IFLA_IFNAME'));
    const w2 = new AttrWriter();
    for (const a of attrs) w2.raw(a);
    t.is(toHex(w2.finish()), toHex(m.payload.subarray(16)));
  }
  t.deepEqual(names.sort(), ['lo', 'veth0', 'veth1']);
  const done = decodeMessages(recvs.at(-1)!);
  t.is(done[0]!.header.type, NLMSG_DONE);
});

test('golden: request encoding of RTM_GETLINK for a name (ip link show lo)', (t) => {
  // ip 6.1: nlmsghdr{48, RTM_GETLINK, NLM_F_REQUEST}, ifinfomsg{0}, IFLA_EXT_MASK=9, IFLA_IFNAME="lo"
  const expected = '300000001200010001000000000000000000000000000000000000000000000008001d0009000000070003006c6f0000';
  const w = new MessageWriter(18, NLM_F_REQUEST);
  w.skip(16);
  w.u32(29, 9);
  w.str(IFLA_IFNAME, 'lo');
  const out = w.finish();
  new DataView(out.buffer).setUint32(8, 1, true);
  t.is(toHex(out), expected);
  const [m] = decodeMessages(fromHex(expected));
  t.deepEqual(m!.header, { len: 48, type: 18, flags: NLM_F_REQUEST, seq: 1, pid: 0 });
});

test('attribute writer: every scalar form, network order, flags, nesting and padding', (t) => {
  const w = new AttrWriter(8); // small start: exercises growth
  w.u8(1, 0xab).u16(2, 0x1234).u32(3, 0xdeadbeef).s32(4, -2).u64(5, 0x0102030405060708n)
    .be16(6, 4789).be32(7, 0x0a000001).flag(8).bytes(9, Uint8Array.of(1, 2, 3)).str(10, 'eth0');
  w.nested(11 | NLA_F_NESTED, () => { w.u32(1, 7); });
  const b = w.finish();
  t.is(toHex(b), [
    '0500010' + '0ab000000', '06000200' + '34120000', '08000300' + 'efbeadde', '08000400' + 'feffffff',
    '0c000500' + '0807060504030201', '06000600' + '12b50000', '08000700' + '0a000001', '04000800',
    '07000900' + '01020300', '09000a00' + '6574683000000000', '0c000b80' + '0800010007000000',
  ].join(''));
  const a = readAttrs(b);
  t.is(u8.decode(a[0]!.data, 'x'), 0xab);
  t.is(u16.decode(a[1]!.data, 'x'), 0x1234);
  t.is(u32.decode(a[2]!.data, 'x'), 0xdeadbeef);
  t.is(s32.decode(a[3]!.data, 'x'), -2);
  t.is(u64.decode(a[4]!.data, 'x'), 0x0102030405060708n);
  t.is(be16.decode(a[5]!.data, 'x'), 4789);
  t.is(flag.decode(a[7]!.data, 'x'), true);
  t.deepEqual(bytes.decode(a[8]!.data, 'x'), Uint8Array.of(1, 2, 3));
  t.is(str.decode(a[9]!.data, 'x'), 'eth0');
  t.is(a[10]!.type, 11);
  t.is(a[10]!.flags, NLA_F_NESTED);
});

test('exact-length getters name the attribute', (t) => {
  const e = t.throws(() => u32.decode(Uint8Array.of(1, 2), 'IFLA_MTU'), { instanceOf: DecodeError });
  t.regex(e!.message, /IFLA_MTU: expected 4 bytes, got 2/);
  t.is(e!.attr, 'IFLA_MTU');
});

const inner = new AttrTable('INNER', [{ id: 1, name: 'kind', codec: str }, { id: 2, name: 'n', codec: u32 }]);
const table = new AttrTable('OUTER', [
  { id: 3, name: 'ifname', codec: str },
  { id: 4, name: 'mtu', codec: u32 },
  { id: 18, name: 'info', codec: nested(inner) },
  { id: 53, name: 'altname', codec: str, multi: true },
]);

test('attribute table: unknown attributes survive decode/encode in their wire order', (t) => {
  const w = new AttrWriter();
  w.u32(4, 1500).u16(99, 7).str(3, 'br0').str(53, 'a').nested(18, () => { w.str(1, 'bridge').u8(42, 1).u32(2, 9); }).str(53, 'b');
  const wire = w.finish();
  const v = table.decode(wire) as any;
  t.is(v.mtu, 1500);
  t.is(v.ifname, 'br0');
  t.deepEqual(v.altname, ['a', 'b']);
  t.is(v.info.kind, 'bridge');
  t.is(v.unknown.length, 1);
  t.is(v.unknown[0].type, 99);
  t.is(v.info.unknown[0].type, 42);
  const w2 = new AttrWriter();
  table.encode(w2, v);
  t.is(toHex(w2.finish()), toHex(wire));
});

test('attribute table: a plain object encodes in key order, fields added to a decoded one are appended', (t) => {
  const w = new AttrWriter();
  table.encode(w, { ifname: 'x', mtu: 9000 } as any);
  t.deepEqual(readAttrs(w.finish()).map((a) => a.type), [3, 4]);
  const v = table.decode(w.finish()) as any;
  v.info = { kind: 'veth' };
  const w2 = new AttrWriter();
  table.encode(w2, v);
  t.deepEqual(readAttrs(w2.finish()).map((a) => a.type), [3, 4, 18]);
});

test('attribute table: a repeat wins or appends in every id range, and its wire order is kept', (t) => {
  // Ids 0-31 and 32-63 are tracked as bits while decoding, higher ids by name: all three alike.
  const wide = new AttrTable('WIDE', [
    { id: 31, name: 'low', codec: u32 }, { id: 32, name: 'mid', codec: u32 }, { id: 64, name: 'high', codec: u32 },
    { id: 63, name: 'midList', codec: u32, multi: true }, { id: 95, name: 'highList', codec: u32, multi: true },
    { id: 1, name: 'one', codec: u32 }, { id: 33, name: 'thirtyThree', codec: u32 }, { id: 65, name: 'list65', codec: u32, multi: true },
  ]);
  const w = new AttrWriter();
  w.u32(31, 1).u32(32, 2).u32(64, 3).u32(63, 4).u32(95, 5).u32(31, 6).u32(32, 7).u32(64, 8).u32(63, 9).u32(95, 10);
  const wire = w.finish();
  const v = wide.decode(wire) as any;
  t.deepEqual({ ...v }, { low: 6, mid: 7, high: 8, midList: [4, 9], highList: [5, 10] });
  // Re-encoded in the recorded wire order: a single value once, where it first came; each item
  // of a list where it came.
  const w2 = new AttrWriter();
  wide.encode(w2, v);
  t.deepEqual(readAttrs(w2.finish()).map((a) => [a.type, u32.decode(a.data, '')]), [[31, 6], [32, 7], [64, 8], [63, 4], [95, 5], [63, 9], [95, 10]]);
  // Each id seen once (ids 32 apart are different attributes): no repeat, keys in wire order.
  const once = wide.decode(new AttrWriter().u32(64, 1).u32(1, 2).u32(33, 3).u32(65, 4).u32(32, 5).finish()) as any;
  t.deepEqual({ ...once }, { high: 1, one: 2, thirtyThree: 3, list65: [4], mid: 5 });
  t.deepEqual(Object.keys(once).filter((k) => once[k] !== undefined), ['high', 'one', 'thirtyThree', 'list65', 'mid']);
});

const decoders = [
  (b: Uint8Array) => decodeMessages(b),
  (b: Uint8Array) => readAttrs(b),
  (b: Uint8Array) => table.decode(b),
  (b: Uint8Array) => { for (const m of decodeMessages(b)) if (m.header.type === NLMSG_ERROR) decodeNlMsgErr(m); },
];

test('property: random bytes produce only DecodeError, and decoding still works afterwards', (t) => {
  const good = fromHex(loadCapture('netlink/getlink-dump.json').datagrams.find((d) => d.hex.length > 2000)!.hex);
  fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), (b) => decoders.every((d) => onlyDecodeError(() => d(b)))), { numRuns: 2000 });
  t.is(decodeMessages(good).length, 3);
});

test('property: mutated captured datagrams produce only DecodeError', (t) => {
  const caps = [...loadCapture('netlink/getlink-dump.json').datagrams, ...loadCapture('netlink/newlink-nosuchkind.json').datagrams]
    .map((d) => fromHex(d.hex));
  fc.assert(fc.property(
    fc.constantFrom(...caps), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), fc.nat(),
    (orig, flips, cut) => {
      const b = orig.slice(0, Math.max(0, orig.length - (cut % 24)));
      for (const [i, v] of flips) if (b.length) b[i % b.length] = v;
      return decoders.every((d) => onlyDecodeError(() => d(b)));
    },
  ), { numRuns: 3000 });
  t.pass();
});

test('property: attribute write/read round trip is identity', (t) => {
  const attr = fc.record({
    type: fc.integer({ min: 0, max: 0x3fff }),
    flags: fc.constantFrom(0, NLA_F_NESTED),
    data: fc.uint8Array({ maxLength: 64 }),
  });
  fc.assert(fc.property(fc.array(attr, { maxLength: 20 }), (attrs) => {
    const w = new AttrWriter(4);
    for (const a of attrs) w.raw(a);
    const back = readAttrs(w.finish());
    return back.length === attrs.length && back.every((b, i) =>
      b.type === attrs[i]!.type && b.flags === attrs[i]!.flags && toHex(b.data) === toHex(attrs[i]!.data));
  }));
  t.pass();
});

test('property: message encode/decode round trip is identity, several per datagram', (t) => {
  const msg = fc.record({
    type: fc.integer({ min: 0, max: 0xffff }), flags: fc.integer({ min: 0, max: 0xffff }),
    seq: fc.nat(), pid: fc.nat(), payload: fc.uint8Array({ maxLength: 100 }),
  });
  fc.assert(fc.property(fc.array(msg, { minLength: 1, maxLength: 5 }), (ms) => {
    const parts = ms.map((m) => encodeMessage(m, m.payload));
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let off = 0;
    for (const p of parts) { all.set(p, off); off += p.length; }
    const back = decodeMessages(all);
    return back.length === ms.length && back.every((b, i) =>
      b.header.type === ms[i]!.type && b.header.flags === ms[i]!.flags && b.header.seq === ms[i]!.seq &&
      toHex(b.payload) === toHex(ms[i]!.payload));
  }));
  t.pass();
});

test('strict lengths: nlmsg_len past the datagram and attribute lengths below the header are rejected', (t) => {
  const m = encodeMessage({ type: 16, flags: 0, seq: 1, pid: 0 }, new Uint8Array(8));
  new DataView(m.buffer).setUint32(0, 100, true);
  t.throws(() => decodeMessages(m), { instanceOf: DecodeError, message: /nlmsg_len 100/ });
  t.throws(() => readAttrs(Uint8Array.of(2, 0, 1, 0)), { instanceOf: DecodeError, message: /bad length 2/ });
  t.throws(() => readAttrs(Uint8Array.of(8, 0)), { instanceOf: DecodeError, message: /truncated/ });
});

test('IPv6 text follows inet_ntop, embedded IPv4 forms included', async (t) => {
  const { ipToString, ipToBytes } = await import('../../src/rtnl/common.js');
  for (const s of ['::ffff:1.2.3.4', '::1', '::', 'fe80::1', '2001:db8::1:0:0:1', '2001:db8:0:1:1:1:1:1']) {
    t.is(ipToString(ipToBytes(s)), s);
  }
  t.is(ipToString(Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4)), '::1.2.3.4');
  t.is(ipToString(Uint8Array.of(10, 0, 0, 1)), '10.0.0.1');
});

test('property: IPv6 text round-trips through ipaddr.js parsing and matches its RFC 5952 form', async (t) => {
  const { ipToString, ipToBytes, ipaddr } = await import('../../src/rtnl/common.js');
  fc.assert(fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.integer({ min: 0, max: 255 }), (b, zeros) => {
    for (let i = 0; i < 16; i++) if ((zeros >> (i >> 1)) & 1) b[i] = 0; // long zero runs are common
    const text = ipToString(b);
    // ipaddr.js writes the embedded IPv4 forms as hex words; those are checked by the test above.
    if (!text.includes('.') && text !== ipaddr().fromByteArray(Array.from(b)).toString()) return false;
    return toHex(ipToBytes(text)) === toHex(b);
  }), { numRuns: 5000 });
  t.pass();
});

test('IPv6 text ending in a dotted quad reads as inet_pton reads it (::1.2.3.4 is not ::ffff:1.2.3.4)', async (t) => {
  const { ipToBytes, ipToString } = await import('../../src/rtnl/common.js');
  const { parseInetAddress } = await import('../../src/api/addr.js');
  t.is(toHex(ipToBytes('::1.2.3.4')), '00000000000000000000000001020304');
  t.is(toHex(ipToBytes('::ffff:1.2.3.4')), '00000000000000000000ffff01020304');
  t.is(toHex(ipToBytes('64:ff9b::1.2.3.4')), '0064ff9b000000000000000001020304');
  t.is(ipToString(ipToBytes('::1.2.3.4')), '::1.2.3.4');
  t.is(parseInetAddress('::1.2.3.4').text, '::1.2.3.4');
  t.is(parseInetAddress('2001:DB8::1').text, '2001:db8::1');
  t.throws(() => ipToBytes('::1.2.3.400'), { instanceOf: TypeError });
  // A zone index is not inet_pton's either, wherever IPv6 text is read.
  t.throws(() => ipToBytes('fe80::1%eth0'), { instanceOf: TypeError });
  t.is(toHex(ipToBytes('10.1')), '0a000001');
});

test('property: names and IPv4 addresses read through the decoders\' caches equal a fresh decode, repeats and collisions included', (t) => {
  // Random names and addresses, and ones that share all but a few bytes: names their first four,
  // addresses all but one (a cache comparing less than the whole key would mix them up). Up to
  // 300 values per run across 64 slots, read twice (forwards, then backwards): repeats come from a
  // slot, and slots change owner.
  const name = fc.oneof(
    fc.uint8Array({ minLength: 0, maxLength: 10 }).map((b) => b.map((x) => 1 + (x % 127))),
    fc.array(fc.constantFrom(...'abcdefgh'), { minLength: 0, maxLength: 4 }).map((s) => Uint8Array.from(`veth${s.join('')}`, (c) => c.charCodeAt(0))),
  );
  const v4 = fc.oneof(
    fc.uint8Array({ minLength: 4, maxLength: 4 }),
    fc.tuple(fc.nat(3), fc.nat(255)).map(([i, x]) => Uint8Array.from([10, 1, 2, 3], (v, j) => (j === i ? x : v))),
  );
  fc.assert(fc.property(fc.array(fc.tuple(name, v4), { minLength: 1, maxLength: 300 }), (pairs) =>
    [...pairs, ...[...pairs].reverse()].every(([n, a]) => {
      const payload = new Uint8Array([9, ...n, 0, 9]); // text at offset 1, NUL, then a byte past it
      return str.decodeAt(payload, 1, n.length + 2, 'IFLA_IFNAME') === String.fromCharCode(...n)
        && ipAddr.decode(a, 'IFA_LOCAL') === [...a].join('.');
    })), { numRuns: 200 });
  t.pass();
});
