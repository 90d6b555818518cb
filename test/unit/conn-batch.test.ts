// Pipelined requests on a Conn (sendBatch, pipeline) against a fake kernel that, like rtnetlink,
// handles every message of a datagram in order and answers each by its sequence number.
import test from 'ava';
import {
  BATCH_BYTES, Conn, MessageWriter, NetlinkError, NLMSG_DONE, NLMSG_ERROR, NLM_F_ACK, NLM_F_DUMP, NLM_F_MULTI,
  decodeMessages, encodeMessage, type Transport,
} from '../../src/netlink/index.js';

const PORT = 4242;

const errPayload = (errno: number) => {
  const p = new Uint8Array(20);
  new DataView(p.buffer).setInt32(0, -errno, true);
  return p;
};

/** A kernel that refuses requests of type `refuse` with EEXIST and acks the others; dumps answer one object. */
class BatchKernel implements Transport {
  readonly portId = PORT;
  queue: Uint8Array[] = [];
  /** Each sendmsg, as the messages it carried (type, seq, flags). */
  sends: { type: number; seq: number; flags: number }[][] = [];
  constructor(private readonly refuse = -1) {}
  send(buf: Uint8Array): void {
    const msgs = decodeMessages(buf);
    this.sends.push(msgs.map((m) => ({ type: m.header.type, seq: m.header.seq, flags: m.header.flags })));
    for (const m of msgs) {
      const { type, seq, flags } = m.header;
      if (flags & NLM_F_DUMP) {
        this.queue.push(encodeMessage({ type: type - 2, flags: NLM_F_MULTI, seq, pid: PORT }, new Uint8Array(16)));
        this.queue.push(encodeMessage({ type: NLMSG_DONE, flags: NLM_F_MULTI, seq, pid: PORT }, new Uint8Array(4)));
      } else if (!(flags & NLM_F_ACK)) {
        this.queue.push(encodeMessage({ type: type - 2, flags: 0, seq, pid: PORT }, new Uint8Array(16))); // a GET's reply
      } else {
        this.queue.push(encodeMessage({ type: NLMSG_ERROR, flags: 0, seq, pid: PORT }, errPayload(type === this.refuse ? 17 : 0)));
      }
    }
  }
  recv(): Uint8Array | number {
    return this.queue.shift() ?? -11;
  }
  async waitReadable(): Promise<boolean> {
    return this.queue.length > 0;
  }
  close(): void {}
}

const req = (type: number, bytes = 16) => { const w = new MessageWriter(type, 0); w.skip(bytes); return w.finish(); };

test('sendBatch: many requests in one sendmsg, each answered by its own sequence number', async (t) => {
  const kernel = new BatchKernel();
  const conn = new Conn(kernel);
  const results = await conn.sendBatch([16, 20, 24, 28].map((type) => ({ msg: req(type), op: `T${type}` })));
  t.is(kernel.sends.length, 1);
  t.deepEqual(kernel.sends[0]!.map((m) => m.type), [16, 20, 24, 28]);
  t.true(kernel.sends[0]!.every((m) => (m.flags & NLM_F_ACK) !== 0));
  t.true(results.every((r) => r.ok));
  t.deepEqual(conn.counters, { requests: 4, gets: 0, dumps: 0, sendmsgs: 1 });
});

test('sendBatch: a refused request fails alone, with its operation; the others are answered', async (t) => {
  const kernel = new BatchKernel(20);
  const results = await new Conn(kernel).sendBatch([16, 20, 24].map((type) => ({ msg: req(type), op: `T${type}` })));
  t.deepEqual(results.map((r) => r.ok), [true, false, true]);
  const failed = results[1]!;
  if (failed.ok) return t.fail();
  t.true(failed.error instanceof NetlinkError);
  t.is((failed.error as NetlinkError).code, 'EEXIST');
  t.is((failed.error as NetlinkError).operation, 'T20');
});

test('sendBatch: a batch larger than BATCH_BYTES goes in several sendmsg calls, in order', async (t) => {
  const kernel = new BatchKernel();
  const conn = new Conn(kernel);
  const n = Math.ceil((3 * BATCH_BYTES) / 1024);
  const results = await conn.sendBatch(Array.from({ length: n }, () => ({ msg: req(16, 1024 - 16), op: 'T' })));
  t.is(results.length, n);
  t.true(results.every((r) => r.ok));
  t.true(kernel.sends.length >= 3 && kernel.sends.length <= 4);
  const seqs = kernel.sends.flat().map((m) => m.seq);
  t.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
  t.is(conn.counters.sendmsgs, kernel.sends.length);
});

test('pipeline: requests and GETs made together go out in one sendmsg, each with its own answer', async (t) => {
  const kernel = new BatchKernel(24);
  const conn = new Conn(kernel);
  const out = await conn.pipeline(() => Promise.allSettled([
    conn.request(req(16), 'A'), conn.get(req(18), 'B'), conn.request(req(24), 'C'), conn.request(req(28), 'D'),
  ]));
  t.is(kernel.sends.length, 1);
  t.deepEqual(out.map((r) => r.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  t.is((out[1] as PromiseFulfilledResult<{ header: { type: number } }>).value.header.type, 16);
  t.deepEqual(conn.counters, { requests: 3, gets: 1, dumps: 0, sendmsgs: 1 });
});

test('pipeline: a dump goes after what was held, then later requests form a new batch', async (t) => {
  const kernel = new BatchKernel();
  const conn = new Conn(kernel);
  await conn.pipeline(async () => {
    const a = conn.request(req(16), 'A');
    const dumped = await conn.dumpAll(req(18), 'DUMP');
    t.is(dumped.length, 1);
    await a;
    await Promise.all([conn.request(req(20), 'B'), conn.request(req(24), 'C')]);
  });
  t.deepEqual(kernel.sends.map((s) => s.map((m) => m.type)), [[16], [18], [20, 24]]);
  t.deepEqual(conn.counters, { requests: 3, gets: 0, dumps: 1, sendmsgs: 3 });
});

test('outside pipeline each request is its own sendmsg, and is counted', async (t) => {
  const kernel = new BatchKernel();
  const conn = new Conn(kernel);
  await Promise.all([conn.request(req(16), 'A'), conn.request(req(20), 'B')]);
  t.is(kernel.sends.length, 2);
  t.deepEqual(conn.counters, { requests: 2, gets: 0, dumps: 0, sendmsgs: 2 });
});
