// Conn lets the event loop run: rtnetlink answers inside sendmsg, so a loop of awaited requests
// would otherwise resolve as microtasks only and starve timers and other sockets.
import test from 'ava';
import { lateness, onTime } from './_lateness.js';
import { Conn, MessageWriter, YIELD_AFTER_MS, NLMSG_DONE, NLMSG_ERROR, NLM_F_MULTI, decodeNlMsgHeader, encodeMessage, type Transport } from '../../src/netlink/index.js';

const PORT = 77;
const RTM_NEWLINK = 16;

/** Spin for `us` microseconds: the time the kernel spends inside sendmsg/recvmsg. */
function spin(us: number): void {
  const end = performance.now() + us / 1000;
  while (performance.now() < end);
}

/** A transport that answers every request synchronously, as rtnetlink does, after `cost` µs. */
class SyncKernel implements Transport {
  readonly portId = PORT;
  private queue: Uint8Array[] = [];
  constructor(private readonly cost: number, private readonly replies = 1) {}
  send(buf: Uint8Array): void {
    spin(this.cost);
    const h = decodeNlMsgHeader(buf);
    const msg = (type: number, flags: number, payload = new Uint8Array(20)) => encodeMessage({ type, flags, seq: h.seq, pid: PORT }, payload);
    if (h.flags & 0x300) { // a dump: `replies` datagrams, then DONE
      for (let i = 0; i < this.replies; i++) this.queue.push(msg(RTM_NEWLINK, NLM_F_MULTI));
      this.queue.push(msg(NLMSG_DONE, NLM_F_MULTI, new Uint8Array(4)));
    } else {
      this.queue.push(msg(NLMSG_ERROR, 0));
    }
  }
  recv(): Uint8Array | number {
    const d = this.queue.shift();
    if (d && this.queue.length > 0) spin(this.cost); // a dump refilled inside recvmsg
    return d ?? -11;
  }
  async waitReadable(): Promise<boolean> { return this.queue.length > 0; }
  close(): void {}
}

const req = (flags = 0) => { const w = new MessageWriter(RTM_NEWLINK, flags); w.skip(16); return w.finish(); };

test('a timer keeps firing beside a loop of awaited requests answered synchronously', async (t) => {
  const conn = new Conn(new SyncKernel(100));
  const r = await lateness(async () => { for (let i = 0; i < 3000; i++) await conn.request(req(), 'RTM_NEWLINK'); });
  t.true(r.ms > 250, 'the loop ran long enough to measure');
  onTime(t, '3,000 requests', r);
});

test('a timer keeps firing beside one long dump and a loop of dumps', async (t) => {
  const conn = new Conn(new SyncKernel(100, 3000));
  const one = await lateness(async () => { await conn.dumpAll(req(0x300), 'RTM_GETLINK'); });
  onTime(t, 'one dump of 3,000 datagrams', one);
  const streamed = await lateness(async () => { for await (const _ of conn.stream(req(0x300), 'RTM_GETLINK', (type) => type)); });
  onTime(t, 'one streamed dump', streamed);
});

// Serial: ava runs a file's other tests beside it, and their setImmediate calls would count here.
test.serial('a Conn yields once per YIELD_AFTER_MS of work, not once per request', async (t) => {
  const conn = new Conn(new SyncKernel(10));
  let immediates = 0;
  const original = globalThis.setImmediate;
  await new Promise((resolve) => original(resolve)); // start from a fresh turn of the loop
  globalThis.setImmediate = ((fn: () => void) => { immediates++; return original(fn); }) as typeof setImmediate;
  const started = performance.now();
  try {
    for (let i = 0; i < 500; i++) await conn.request(req(), 'RTM_NEWLINK');
  } finally {
    globalThis.setImmediate = original;
  }
  const ms = performance.now() - started;
  t.log(`500 requests in ${ms.toFixed(1)} ms: ${immediates} setImmediate calls`);
  // Each stretch of work queues one setImmediate (to notice the loop turning) and one to yield.
  t.true(immediates <= 2 * (1 + ms / YIELD_AFTER_MS), `${immediates} setImmediate calls in ${ms.toFixed(1)} ms`);
  // Once per request would be 500-1,000; the bound leaves room for a loaded machine's slow clock.
  t.true(immediates < 250, `${immediates} setImmediate calls for 500 requests`);
});
