// Conn against a scripted fake transport: sequence matching, errors, dump interruption, loss.
import test from 'ava';
import {
  Conn, DecodeError, DumpInterruptedError, MessageWriter, NetlinkError, NLMSG_DONE, NLMSG_ERROR, NLM_F_DUMP_INTR, NLM_F_MULTI,
  decodeNlMsgHeader, encodeMessage, type Transport,
} from '../../src/netlink/index.js';

const PORT = 4242;

/** Answers each request with what `script` returns for it, queued as datagrams. */
class FakeTransport implements Transport {
  readonly portId = PORT;
  queue: (Uint8Array | number)[] = [];
  sent: Uint8Array[] = [];
  closed = false;
  constructor(private readonly script: (req: { type: number; seq: number; n: number }) => (Uint8Array | number)[]) {}
  send(buf: Uint8Array): void {
    const h = decodeNlMsgHeader(buf);
    this.sent.push(buf.slice());
    this.queue.push(...this.script({ type: h.type, seq: h.seq, n: this.sent.length }));
  }
  recv(): Uint8Array | number {
    return this.queue.shift() ?? -11;
  }
  async waitReadable(): Promise<boolean> {
    return !this.closed && this.queue.length > 0;
  }
  close(): void {
    this.closed = true;
  }
}

const msg = (type: number, flags: number, seq: number, payload = new Uint8Array(4)) =>
  encodeMessage({ type, flags, seq, pid: PORT }, payload);
const errPayload = (errno: number) => {
  const p = new Uint8Array(20);
  new DataView(p.buffer).setInt32(0, -errno, true);
  return p;
};
const req = (type = 18) => { const w = new MessageWriter(type, 0); w.skip(16); return w.finish(); };
const cat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
/** Let the event loop turn until `fake` has nothing queued (a Conn yields after YIELD_AFTER_MS of work). */
const drained = async (fake: FakeTransport) => {
  for (let i = 0; i < 100 && fake.queue.length > 0; i++) await new Promise((resolve) => setImmediate(resolve));
};

test('replies are matched by sequence number, acks end a request', async (t) => {
  const fake = new FakeTransport(({ seq }) => [cat(msg(16, 0, seq)), msg(NLMSG_ERROR, 0, seq, errPayload(0))]);
  const conn = new Conn(fake);
  const replies = await Promise.all([conn.request(req(), 'A'), conn.request(req(), 'B')]);
  t.is(replies[0]!.length, 1);
  t.not(replies[0]![0]!.header.seq, replies[1]![0]!.header.seq);
});

test('an error reply becomes NetlinkError with errno, code and operation', async (t) => {
  const fake = new FakeTransport(({ seq }) => [msg(NLMSG_ERROR, 0, seq, errPayload(17))]);
  const e = await t.throwsAsync(new Conn(fake).request(req(16), 'RTM_NEWLINK'), { instanceOf: NetlinkError });
  t.is(e!.code, 'EEXIST');
  t.is(e!.errno, 17);
  t.is(e!.operation, 'RTM_NEWLINK');
  t.regex(e!.message, /File exists/);
});

test('an interrupted dump is redone; the clean try is returned', async (t) => {
  const fake = new FakeTransport(({ seq, n }) => [
    cat(msg(16, NLM_F_MULTI | (n < 3 ? NLM_F_DUMP_INTR : 0), seq), msg(16, NLM_F_MULTI, seq)),
    msg(NLMSG_DONE, NLM_F_MULTI, seq),
  ]);
  const out = await new Conn(fake).dumpAll(req(), 'RTM_GETLINK');
  t.is(out.length, 2);
  t.is(fake.sent.length, 3);
});

test('a dump interrupted on every try throws DumpInterruptedError with the partial result', async (t) => {
  const fake = new FakeTransport(({ seq }) => [msg(16, NLM_F_MULTI | NLM_F_DUMP_INTR, seq), msg(NLMSG_DONE, NLM_F_MULTI, seq)]);
  const e = await t.throwsAsync(new Conn(fake).dumpAll(req(), 'RTM_GETLINK', { retries: 2 }), { instanceOf: DumpInterruptedError });
  t.is(e!.attempts, 3);
  t.is(e!.partial.length, 1);
  t.is(fake.sent.length, 3);
});

test('the streaming dump reports interruption at its end', async (t) => {
  const fake = new FakeTransport(({ seq }) => [msg(16, NLM_F_MULTI | NLM_F_DUMP_INTR, seq), msg(NLMSG_DONE, NLM_F_MULTI, seq)]);
  const seen: number[] = [];
  await t.throwsAsync(async () => { for await (const m of new Conn(fake).dump(req(), 'RTM_GETLINK')) seen.push(m.header.type); },
    { instanceOf: DumpInterruptedError });
  t.deepEqual(seen, [16]);
});

test('Conn.stream maps replies, skips undefined, reads a datagram only when the last is taken', async (t) => {
  // Three datagrams of two replies each (payload byte 0 = a number), then DONE.
  const fake = new FakeTransport(({ seq }) => [
    ...[0, 2, 4].map((i) => cat(msg(16, NLM_F_MULTI, seq, Uint8Array.of(i, 0, 0, 0)), msg(16, NLM_F_MULTI, seq, Uint8Array.of(i + 1, 0, 0, 0)))),
    msg(NLMSG_DONE, NLM_F_MULTI, seq),
  ]);
  const conn = new Conn(fake);
  const seen: number[] = [];
  const left: number[] = []; // datagrams still unread when each item arrives
  const where: string[] = [];
  const decode = (type: number, buf: Uint8Array, start: number, end: number): number | undefined => {
    // The reply where it lies: its header just before `start`, its payload up to `end`.
    where.push(`${type} ${end - start} ${decodeNlMsgHeader(buf, start - 16).len}`);
    return buf[start] === 3 ? undefined : buf[start]!;
  };
  for await (const v of conn.stream(req(), 'RTM_GETLINK', decode)) {
    seen.push(v);
    left.push(fake.queue.length);
  }
  t.deepEqual(seen, [0, 1, 2, 4, 5]);
  t.deepEqual(left, [3, 3, 2, 1, 1]);
  t.deepEqual(where, Array(6).fill('16 4 20'));
});

test('Conn.dumpAll with a decoder leaves out what it maps to undefined', async (t) => {
  const fake = new FakeTransport(({ seq }) => [
    cat(msg(16, NLM_F_MULTI, seq, Uint8Array.of(7, 0, 0, 0)), msg(17, NLM_F_MULTI, seq, Uint8Array.of(8, 0, 0, 0))),
    msg(NLMSG_DONE, NLM_F_MULTI, seq),
  ]);
  const out = await new Conn(fake).dumpAll(req(), 'RTM_GETLINK', { map: (type, buf, start) => (type === 16 ? buf[start] : undefined) });
  t.deepEqual(out, [7]);
});

test('Conn.stream: a break drains the rest of the dump; errors and interruption end it', async (t) => {
  const fake = new FakeTransport(({ seq, n }) => n === 1
    ? [msg(16, NLM_F_MULTI, seq), msg(16, NLM_F_MULTI, seq), msg(NLMSG_DONE, NLM_F_MULTI, seq)]
    : n === 2 ? [msg(NLMSG_ERROR, 0, seq, errPayload(16))]
    : [msg(16, NLM_F_MULTI | NLM_F_DUMP_INTR, seq), msg(NLMSG_DONE, NLM_F_MULTI, seq)]);
  const conn = new Conn(fake);
  const first = conn.stream(req(), 'RTM_GETLINK', (type) => type);
  for await (const _ of first) break;
  await drained(fake);
  t.is(fake.queue.length, 0, 'the rest of the first dump was read off the socket');
  t.deepEqual(await first.next(), { value: undefined, done: true }, 'a stopped stream stays done');
  const e = await t.throwsAsync(async () => { for await (const _ of conn.stream(req(), 'RTM_GETLINK', (type) => type)) t.fail(); },
    { instanceOf: NetlinkError });
  t.is(e!.code, 'EBUSY');
  await t.throwsAsync(async () => { for await (const _ of conn.stream(req(), 'RTM_GETLINK', (type) => type)); }, { instanceOf: DumpInterruptedError });
});

test('Conn.stream: after a break the rest of the dump is walked, neither decoded nor copied', async (t) => {
  // Datagrams that count copies of themselves: dispatch copies only messages it keeps.
  let copies = 0;
  const counted = (d: Uint8Array) => {
    const slice = d.slice.bind(d);
    return Object.assign(d, { slice: (a?: number, b?: number) => { copies++; return slice(a, b); } });
  };
  const many = (seq: number) => Array.from({ length: 5 }, () => counted(cat(msg(16, NLM_F_MULTI, seq), msg(16, NLM_F_MULTI, seq))));
  const fake = new FakeTransport(({ seq }) => [...many(seq), msg(NLMSG_DONE, NLM_F_MULTI, seq)]);
  const conn = new Conn(fake);
  let decoded = 0;
  for await (const _ of conn.stream(req(), 'RTM_GETROUTE', (type) => { decoded++; return type; })) break;
  await drained(fake);
  t.is(fake.queue.length, 0, 'the whole answer was read off the socket');
  t.is(decoded, 2, 'only the first datagram was decoded');
  t.is(copies, 0, 'nothing was copied');
});

test('ENOBUFS fails requests in flight and reaches a listener as a loss event', async (t) => {
  const fake = new FakeTransport(() => [-105]);
  const conn = new Conn(fake);
  const e = await t.throwsAsync(conn.request(req(), 'RTM_GETLINK'), { instanceOf: NetlinkError });
  t.is(e!.code, 'ENOBUFS');
  const listener = conn.notificationsIterator();
  fake.queue.push(-105, msg(16, 0, 0));
  const a = await listener.next();
  const b = await listener.next();
  t.deepEqual(a.value, { lost: true, errno: 105 });
  t.is((b.value as { header: { type: number } }).header.type, 16);
});

test('a dump error carried in NLMSG_DONE rejects the dump', async (t) => {
  const fake = new FakeTransport(({ seq }) => [msg(NLMSG_DONE, NLM_F_MULTI, seq, errPayload(22))]);
  const e = await t.throwsAsync(new Conn(fake).dumpAll(req(), 'RTM_GETROUTE'), { instanceOf: NetlinkError });
  t.is(e!.code, 'EINVAL');
});

test('get() resolves with the single reply of an un-acked request', async (t) => {
  const fake = new FakeTransport(({ seq }) => [msg(16, 0, seq)]);
  const m = await new Conn(fake).get(req(), 'RTM_GETLINK');
  t.is(m.header.type, 16);
  t.is(decodeNlMsgHeader(fake.sent[0]!).flags, 1); // NLM_F_REQUEST only
});

test('a dump ending in error keeps the kernel ext-ack text carried by NLMSG_DONE', async (t) => {
  const text = new TextEncoder().encode('Invalid target network namespace id.\0');
  const tlv = new Uint8Array(4 + ((text.length + 3) & ~3));
  new DataView(tlv.buffer).setUint16(0, 4 + text.length, true);
  new DataView(tlv.buffer).setUint16(2, 1, true); // NLMSGERR_ATTR_MSG
  tlv.set(text, 4);
  const fake = new FakeTransport(({ seq }) => [msg(NLMSG_DONE, NLM_F_MULTI | 0x200, seq, cat(errPayload(22).subarray(0, 4), tlv))]);
  const e = await t.throwsAsync(new Conn(fake).dumpAll(req(90), 'RTM_GETNSID'), { instanceOf: NetlinkError });
  t.is(e!.extAck, 'Invalid target network namespace id.');
  t.is(e!.code, 'EINVAL');
});

test('a datagram whose nlmsg_len overruns it rejects the request with DecodeError', async (t) => {
  const fake = new FakeTransport(({ seq }) => {
    const bad = msg(16, NLM_F_MULTI, seq);
    new DataView(bad.buffer).setUint32(0, bad.length + 4, true); // claims 4 bytes the datagram lacks
    return [bad];
  });
  const e = await t.throwsAsync(new Conn(fake).dumpAll(req(), 'RTM_GETLINK', { map: (type) => type }), { instanceOf: DecodeError });
  t.regex(e!.message, /nlmsg_len 24 does not fit the 20 bytes left/);
});
