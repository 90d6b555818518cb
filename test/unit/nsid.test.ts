import test from 'ava';
import * as fc from 'fast-check';
import {
  AttrWriter, DecodeError, NLMSG_DONE, NLM_F_ACK, NLM_F_DUMP, NLM_F_MULTI, NLM_F_REQUEST, decodeMessages,
} from '../../src/netlink/index.js';
import {
  NETNSA_FD, NETNSA_NSID, NETNSA_NSID_NOT_ASSIGNED, RTM_GETNSID, RTM_NEWNSID, RTGENMSG_LEN,
  decodeNsidMessage, encodeNsidMessage, type NsidMessage,
} from '../../src/rtnl/nsid/index.js';
import { fromHex, loadCapture, onlyDecodeError, toHex } from './_fixtures.js';

/** Datagrams of a capture, in order, as bytes. */
function datagrams(file: string): { dir: string; bytes: Uint8Array }[] {
  return loadCapture(`nsid/${file}`).datagrams.map((d) => ({ dir: d.dir, bytes: fromHex(d.hex) }));
}

/** Encode `msg` like the captured request `sent` (same type and flags), with its seq patched in. */
function reencode(sent: Uint8Array, msg: NsidMessage): string {
  const [m] = decodeMessages(sent);
  const out = encodeNsidMessage(m!.header.type, m!.header.flags, msg);
  new DataView(out.buffer).setUint32(8, m!.header.seq, true);
  return toHex(out);
}

test('golden: `ip netns set ns0 5` sends RTM_NEWNSID with NETNSA_FD then NETNSA_NSID, after a padded rtgenmsg', (t) => {
  const cap = loadCapture('nsid/newnsid-set.json');
  t.regex(cap.kernel, /^\d+\.\d+/);
  t.regex(cap.iproute2, /iproute2-/);
  const [sent] = datagrams('newnsid-set.json');
  const [m, ...rest] = decodeMessages(sent!.bytes);
  t.is(rest.length, 0);
  t.is(m!.header.type, RTM_NEWNSID);
  t.is(m!.header.flags, NLM_F_REQUEST | NLM_F_ACK);
  t.is(m!.payload.length, RTGENMSG_LEN + 8 + 8);
  const msg = decodeNsidMessage(m!.payload);
  t.deepEqual(msg, { header: { family: 0 }, attrs: { fd: 6, nsid: 5 } });
  t.deepEqual(Object.keys(msg.attrs), ['fd', 'nsid']); // wire order
  t.is(reencode(sent!.bytes, msg), toHex(sent!.bytes));
  // Built from scratch, in the same order, the bytes are the same too.
  t.is(reencode(sent!.bytes, { header: { family: 0 }, attrs: { fd: 6, nsid: 5 } }), toHex(sent!.bytes));
});

test('golden: `ip netns set ns0 auto` sends NETNSA_NSID -1 (NETNSA_NSID_NOT_ASSIGNED)', (t) => {
  const [sent] = datagrams('newnsid-auto.json');
  const [m] = decodeMessages(sent!.bytes);
  const msg = decodeNsidMessage(m!.payload);
  t.is(msg.attrs.nsid, NETNSA_NSID_NOT_ASSIGNED);
  t.is(reencode(sent!.bytes, { header: { family: 0 }, attrs: { fd: msg.attrs.fd!, nsid: -1 } }), toHex(sent!.bytes));
});

test('golden: `ip netns list` asks RTM_GETNSID by fd; replies carry the id or -1', (t) => {
  const ds = datagrams('getnsid-list.json');
  const sends = ds.filter((d) => d.dir === 'send');
  const recvs = ds.filter((d) => d.dir === 'recv');
  t.true(sends.length >= 2);
  for (const s of sends) {
    const [m] = decodeMessages(s.bytes);
    t.is(m!.header.type, RTM_GETNSID);
    t.is(m!.header.flags, NLM_F_REQUEST);
    const msg = decodeNsidMessage(m!.payload);
    t.deepEqual(msg.attrs, { fd: 6 });
    t.is(reencode(s.bytes, msg), toHex(s.bytes));
  }
  const ids = recvs.map((r) => {
    const [m] = decodeMessages(r.bytes);
    t.is(m!.header.type, RTM_NEWNSID);
    const msg = decodeNsidMessage(m!.payload);
    t.is(msg.header.family, 0);
    const back = encodeNsidMessage(m!.header.type, m!.header.flags, msg);
    back.set(r.bytes.subarray(8, 16), 8); // seq and port id
    t.is(toHex(back), toHex(r.bytes));
    return msg.attrs.nsid;
  });
  t.deepEqual([...new Set(ids)].sort(), [-1, 5]);
});

test('golden: `ip netns list-id` dump request and the multi-part answer', (t) => {
  const ds = datagrams('getnsid-list-id.json');
  const dumpReq = ds.find((d) => d.dir === 'send' && decodeMessages(d.bytes)[0]!.header.flags & NLM_F_DUMP)!;
  const [req] = decodeMessages(dumpReq.bytes);
  t.is(req!.header.type, RTM_GETNSID);
  t.is(req!.header.len, 16 + RTGENMSG_LEN); // rtgenmsg plus its 3 bytes of padding, as iproute2 sends it
  t.deepEqual(decodeNsidMessage(req!.payload), { header: { family: 0 }, attrs: {} });
  t.is(reencode(dumpReq.bytes, { header: { family: 0 }, attrs: {} }), toHex(dumpReq.bytes));

  const answer = ds.at(-1)!;
  const msgs = decodeMessages(answer.bytes);
  t.deepEqual(msgs.map((m) => m.header.type), [RTM_NEWNSID, RTM_NEWNSID, NLMSG_DONE]);
  const nsids = msgs.slice(0, 2).map((m) => {
    t.true((m.header.flags & NLM_F_MULTI) !== 0);
    return decodeNsidMessage(m.payload).attrs;
  });
  t.deepEqual(nsids, [{ nsid: 0 }, { nsid: 5 }]);
});

test('golden: list-id target-nsid sends NETNSA_TARGET_NSID; answers carry NETNSA_CURRENT_NSID', (t) => {
  const ds = datagrams('getnsid-target-nsid.json');
  const dumpReq = ds.find((d) => d.dir === 'send' && decodeMessages(d.bytes)[0]!.header.flags & NLM_F_DUMP)!;
  const [req] = decodeMessages(dumpReq.bytes);
  t.deepEqual(decodeNsidMessage(req!.payload).attrs, { targetNsid: 3 });
  t.is(reencode(dumpReq.bytes, { header: { family: 0 }, attrs: { targetNsid: 3 } }), toHex(dumpReq.bytes));
  const [first] = decodeMessages(ds.at(-1)!.bytes);
  const msg = decodeNsidMessage(first!.payload);
  t.deepEqual(msg.attrs, { nsid: 7, currentNsid: 4 });
  const back = encodeNsidMessage(first!.header.type, first!.header.flags, msg);
  new DataView(back.buffer).setUint32(8, first!.header.seq, true);
  new DataView(back.buffer).setUint32(12, first!.header.pid, true);
  t.is(toHex(back), toHex(ds.at(-1)!.bytes.subarray(0, first!.header.len)));
});

test('unknown attributes survive decode and encode, in their wire place', (t) => {
  const w = new AttrWriter();
  w.skip(RTGENMSG_LEN);
  w.u32(NETNSA_FD, 9);
  w.bytes(42, Uint8Array.of(1, 2, 3)); // not a NETNSA_* the table knows
  w.s32(NETNSA_NSID, 12);
  w.bytes(43 | 0x8000, new Uint8Array(0)); // with NLA_F_NESTED, kept too
  const payload = w.finish();
  const msg = decodeNsidMessage(payload);
  t.deepEqual(msg.attrs.unknown?.map((u) => [u.type, u.flags, [...u.data]]), [[42, 0, [1, 2, 3]], [43, 0x8000, []]]);
  t.is(msg.attrs.fd, 9);
  t.is(msg.attrs.nsid, 12);
  const out = encodeNsidMessage(RTM_NEWNSID, 0, msg);
  t.is(toHex(out.subarray(16)), toHex(payload));
});

test('a header-only payload (1 to 4 bytes) has no attributes; an empty one is a DecodeError', (t) => {
  t.deepEqual(decodeNsidMessage(Uint8Array.of(2)), { header: { family: 2 }, attrs: {} });
  t.deepEqual(decodeNsidMessage(Uint8Array.of(0, 0, 0, 0)), { header: { family: 0 }, attrs: {} });
  t.throws(() => decodeNsidMessage(new Uint8Array(0)), { instanceOf: DecodeError });
  // A NETNSA_NSID of the wrong size names the attribute.
  const w = new AttrWriter();
  w.skip(RTGENMSG_LEN);
  w.u16(NETNSA_NSID, 1);
  t.throws(() => decodeNsidMessage(w.finish()), { instanceOf: DecodeError, message: /NETNSA\.nsid/ });
});

test('property: any NETNSA_* values round-trip through encode and decode', (t) => {
  const s32 = fc.integer({ min: -0x80000000, max: 0x7fffffff });
  const u32 = fc.integer({ min: 0, max: 0xffffffff });
  const attrs = fc.record(
    { nsid: s32, pid: u32, fd: u32, targetNsid: s32, currentNsid: s32 },
    { requiredKeys: [] },
  );
  fc.assert(fc.property(fc.integer({ min: 0, max: 255 }), attrs, (family, a) => {
    const bytes = encodeNsidMessage(RTM_NEWNSID, 0, { header: { family }, attrs: a });
    const [m] = decodeMessages(bytes);
    const back = decodeNsidMessage(m!.payload);
    t.deepEqual(back, { header: { family }, attrs: a });
    t.is(toHex(encodeNsidMessage(RTM_NEWNSID, 0, back)), toHex(bytes));
  }));
});

test('property: garbage never makes the decoder throw anything but DecodeError, and it still works after', (t) => {
  const good = encodeNsidMessage(RTM_NEWNSID, 0, { header: { family: 0 }, attrs: { nsid: 3, fd: 4 } }).subarray(16);
  // Random bytes, and mutations of a good payload (more likely to get past the first length check).
  const garbage = fc.oneof(
    fc.uint8Array({ maxLength: 64 }),
    fc.tuple(fc.nat({ max: good.length - 1 }), fc.integer({ min: 0, max: 255 }), fc.nat({ max: good.length })).map(([i, v, cut]) => {
      const b = good.slice(0, Math.max(cut, 1));
      if (i < b.length) b[i] = v;
      return b;
    }),
  );
  fc.assert(fc.property(garbage, (bytes) => onlyDecodeError(() => decodeNsidMessage(bytes))), { numRuns: 2000 });
  t.deepEqual(decodeNsidMessage(good).attrs, { nsid: 3, fd: 4 });
});
