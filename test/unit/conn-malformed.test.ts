// Conn and malformed datagrams: every request settles (DecodeError) and none stays pending.
import test from 'ava';
import {
  Conn, DecodeError, MessageWriter, NLMSG_ERROR, NLM_F_MULTI, NetlinkError, decodeNlMsgHeader, encodeMessage, type LossEvent,
  type NlMessage, type Transport,
} from '../../src/netlink/index.js';

const PORT = 4242;

/** Answers each request with what `script` returns for it (datagrams or negative errnos). */
class FakeTransport implements Transport {
  readonly portId = PORT;
  queue: (Uint8Array | number)[] = [];
  constructor(private readonly script: (seq: number, n: number) => (Uint8Array | number)[]) {}
  private n = 0;
  send(buf: Uint8Array): void {
    this.queue.push(...this.script(decodeNlMsgHeader(buf).seq, ++this.n));
  }
  recv(): Uint8Array | number { return this.queue.shift() ?? -11; }
  async waitReadable(): Promise<boolean> { return this.queue.length > 0; }
  close(): void {}
}

const msg = (type: number, flags: number, seq: number, payload = new Uint8Array(4)) =>
  encodeMessage({ type, flags, seq, pid: PORT }, payload);
const ack = (seq: number) => msg(NLMSG_ERROR, 0, seq, new Uint8Array(20));
const req = () => { const w = new MessageWriter(18, 0); w.skip(16); return w.finish(); };
const cat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const pendingOf = (conn: Conn): number => (conn as unknown as { pending: Map<number, unknown> }).pending.size;
/** A message whose nlmsg_len claims `extra` bytes more than it has. */
const overrun = (m: Uint8Array, extra = 4) => { new DataView(m.buffer, m.byteOffset).setUint32(0, m.length + extra, true); return m; };

/** Each case: the datagrams answering the first request. A second request must then work. */
const cases: [string, (seq: number) => Uint8Array[]][] = [
  ['nlmsg_len past the end of the datagram', (seq) => [overrun(msg(16, 0, seq))]],
  ['nlmsg_len shorter than a header', (seq) => { const m = msg(16, 0, seq); new DataView(m.buffer).setUint32(0, 8, true); return [m]; }],
  ['a datagram shorter than a header', () => [new Uint8Array(10)]],
  ['a whole reply followed by a truncated header', (seq) => [cat(msg(16, NLM_F_MULTI, seq), new Uint8Array(8))]],
  ['a reply followed by a message whose length overruns', (seq) => [cat(msg(16, NLM_F_MULTI, seq), overrun(msg(16, NLM_F_MULTI, seq)))]],
  ['an NLMSG_ERROR too short for struct nlmsgerr', (seq) => [msg(NLMSG_ERROR, 0, seq, Uint8Array.of(0xea, 0xff, 0xff, 0xff, 1, 2))]],
];

for (const [what, bad] of cases) {
  for (const kind of ['request', 'get', 'dumpAll', 'stream'] as const) {
    test(`${kind}: ${what} settles with DecodeError and leaves nothing pending`, async (t) => {
      const fake = new FakeTransport((seq, n) => (n === 1 ? bad(seq) : kind === 'dumpAll' || kind === 'stream' ? [msg(3, NLM_F_MULTI, seq)] : [ack(seq)]));
      const conn = new Conn(fake);
      const run = (): Promise<unknown> => {
        switch (kind) {
          case 'request': return conn.request(req(), 'RTM_GETLINK');
          case 'get': return conn.get(req(), 'RTM_GETLINK');
          case 'dumpAll': return conn.dumpAll(req(), 'RTM_GETLINK', { map: (type) => type });
          case 'stream': return (async () => { for await (const _ of conn.stream(req(), 'RTM_GETLINK', (type) => type)); })();
        }
      };
      await t.throwsAsync(run(), { instanceOf: DecodeError });
      t.is(pendingOf(conn), 0);
      t.is(fake.queue.length, 0);
      if (kind === 'request' || kind === 'get') {
        // The connection still works: the next answer goes to the next request.
        if (kind === 'request') t.deepEqual(await conn.request(req(), 'RTM_GETLINK'), []);
        else await t.throwsAsync(conn.get(req(), 'RTM_GETLINK'), { instanceOf: NetlinkError }); // a bare ack: "no reply"
      } else {
        t.deepEqual(await conn.dumpAll(req(), 'RTM_GETLINK'), []);
      }
      t.is(pendingOf(conn), 0);
    });
  }
}

test('requests in flight all settle when an unattributable datagram arrives', async (t) => {
  // A stream and a request in flight (the kernel runs one dump per socket at a time), then a
  // datagram too short to name its request.
  let n = 0;
  const fake = new FakeTransport((seq) => (++n === 2 ? [new Uint8Array(6)] : [msg(16, NLM_F_MULTI, seq), msg(16, NLM_F_MULTI, seq)]));
  const conn = new Conn(fake);
  const a = conn.stream(req(), 'RTM_GETLINK', (type) => type);
  t.is((await a.next()).value, 16);
  const b = conn.request(req(), 'RTM_GETLINK');
  const rest = Promise.allSettled([(async () => { for await (const _ of a); })(), b]);
  const results = await rest;
  for (const r of results) t.true(r.status === 'rejected' && r.reason instanceof DecodeError, String((r as PromiseRejectedResult).reason));
  t.is(pendingOf(conn), 0);
});

test('a listener is told of a malformed datagram as a loss, and keeps listening', async (t) => {
  const fake = new FakeTransport(() => []);
  const conn = new Conn(fake);
  const it = conn.notificationsIterator();
  fake.queue.push(overrun(msg(16, 0, 0)), msg(16, 0, 0));
  const first = (await it.next()).value as LossEvent;
  t.true(first.lost);
  t.is(first.errno, 74); // EBADMSG
  t.is(((await it.next()).value as NlMessage).header.type, 16);
});

test('a fatal receive error fails every request in flight and leaves none pending', async (t) => {
  const fake = new FakeTransport(() => [-9]);
  const conn = new Conn(fake);
  await t.throwsAsync(conn.request(req(), 'RTM_GETLINK'), { instanceOf: NetlinkError });
  t.is(pendingOf(conn), 0);
});
