/**
 * The fault suite: kernel answers captured in test/fixtures, mutated (seeded, reproducible) and
 * fed through Conn as the answers of requests, gets, dumps and streams, then through every
 * rtnetlink decoder. What may come out: a result, DecodeError, NetlinkError (a mutated
 * NLMSG_ERROR carries any errno; an answer whose seq was mutated away never arrives, and the
 * fake transport then reports the connection closed) or DumpInterruptedError (a mutated
 * NLM_F_DUMP_INTR). Nothing else may be thrown, and no request may stay pending.
 *
 * FAULT_DATAGRAMS sets the count (default below); FAULT_SEED the seed. A failure names both and
 * the datagram, so it can be replayed. CI runs the full million (.ci/run).
 */
import test, { type ExecutionContext } from 'ava';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Conn, DecodeError, DumpInterruptedError, MessageWriter, NLMSG_DONE, NLMSG_ERROR, NLM_F_MULTI, NetlinkError, decodeMessages, decodeNlMsgHeader,
  encodeMessage, type NlMessage, type Transport,
} from '../../src/netlink/index.js';
import { decodeLinkMessage, toLink } from '../../src/rtnl/link/index.js';
import { decodeAddrMessage, toAddress } from '../../src/rtnl/addr/index.js';
import { decodeRouteMessage, toRoute } from '../../src/rtnl/route/index.js';
import { decodeNeighMessage, toNeighbor } from '../../src/rtnl/neigh/index.js';
import { decodeNsidMessage } from '../../src/rtnl/nsid/index.js';
import { fromHex, loadCapture, toHex } from './_fixtures.js';

/**
 * How many datagrams: 200,000 by default (~7 s on the 2-core test machine; the million takes
 * ~35 s), the full million in CI (.ci/run sets FAULT_DATAGRAMS=1000000).
 */
const COUNT = Number(process.env.FAULT_DATAGRAMS ?? 200_000);
const CHUNK = 100_000;
/** Chunk k runs from seed FAULT_SEED + k; a failure names its seed, replay it with FAULT_DATAGRAMS=100000 FAULT_SEED=that. */
const SEED = Number(process.env.FAULT_SEED ?? 22);
// Stack traces are a third of the time of a run where most decodes fail; FAULT_STACK=1 keeps them for a replay.
if (!process.env.FAULT_STACK) Error.stackTraceLimit = 0;
const PORT = 4242;

/** mulberry32: a small seeded PRNG, so that a failure can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/**
 * Every datagram the kernel sent in the captures, cut into datagrams of at most three messages
 * (whole kernel datagrams are up to 32 KiB of link dumps: decoding them a million times would
 * measure the decoders' speed, not their faults), with duplicates left out.
 */
function samples(): Uint8Array[] {
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures');
  const seen = new Set<string>();
  const out: Uint8Array[] = [];
  for (const family of readdirSync(dir)) {
    let files: string[];
    try { files = readdirSync(path.join(dir, family)).filter((f) => f.endsWith('.json') && !f.includes('decoded')); } catch { continue; }
    for (const f of files) {
      for (const d of loadCapture(`${family}/${f}`).datagrams) {
        if (d.dir !== 'recv') continue;
        const msgs = decodeMessages(fromHex(d.hex));
        for (let i = 0; i < msgs.length; i += 3) {
          const parts = msgs.slice(i, i + 3).map((m) => encodeMessage(m.header, m.payload));
          const b = Uint8Array.from(parts.flatMap((p) => [...p]));
          const key = toHex(b);
          if (!seen.has(key)) { seen.add(key); out.push(b); }
        }
      }
    }
  }
  return out;
}

/** Values that break length and type checks. */
const INTERESTING = [0, 1, 2, 3, 4, 5, 7, 8, 12, 15, 16, 17, 20, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xfffe, 0xffff, 0x10000, 0x7fffffff, 0xffffffff];
/** Message types the decoders know: a reply re-typed to another family reaches another decoder. */
const TYPES = [NLMSG_ERROR, NLMSG_DONE, 1, 4, 16, 17, 20, 21, 24, 25, 28, 29, 88, 89, 0xffff];

/** Restamp each message of `d` to answer `seq`, with `flags` set or cleared as asked. */
function stamp(d: Uint8Array, seq: number, clearMulti: boolean): Uint8Array {
  const b = d.slice();
  const dv = new DataView(b.buffer);
  for (let off = 0; off + 16 <= b.length;) {
    const len = dv.getUint32(off, true);
    dv.setUint32(off + 8, seq, true);
    dv.setUint32(off + 12, PORT, true);
    if (clearMulti) dv.setUint16(off + 6, dv.getUint16(off + 6, true) & ~NLM_F_MULTI, true);
    if (len < 16) break;
    off += (len + 3) & ~3;
  }
  return b;
}

/** 1 to 4 mutations of `b`: bytes, bits, interesting values, header fields, cuts, growth, splices. */
function mutate(b: Uint8Array, r: () => number): Uint8Array {
  for (let n = 1 + (r() % 4); n > 0; n--) {
    if (b.length === 0) return b;
    const at = r() % b.length;
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    switch (r() % 10) {
      case 0: b[at] = r() & 0xff; break;
      case 1: b[at]! ^= 1 << (r() % 8); break;
      case 2: { // an interesting u16 where an attribute's nla_len or nla_type may be
        const o = at & ~1;
        if (o + 2 <= b.length) dv.setUint16(o, INTERESTING[r() % INTERESTING.length]! & 0xffff, true);
        break;
      }
      case 3: { // an interesting u32, often 4-aligned: lengths, counters, ifindexes
        const o = r() % 2 ? at & ~3 : at;
        if (o + 4 <= b.length) dv.setUint32(o, INTERESTING[r() % INTERESTING.length]! >>> 0, true);
        break;
      }
      case 4: if (b.length >= 4) dv.setUint32(0, (dv.getUint32(0, true) + (r() % 9) - 4) >>> 0, true); break; // nlmsg_len ± 4
      case 5: if (b.length >= 6) dv.setUint16(4, TYPES[r() % TYPES.length]!, true); break; // nlmsg_type
      case 6: if (b.length >= 8) dv.setUint16(6, r() & 0xffff, true); break; // nlmsg_flags
      case 7: b = b.slice(0, at); break; // cut
      case 8: { // grow by random bytes
        const g = new Uint8Array(b.length + 1 + (r() % 32));
        g.set(b);
        for (let i = b.length; i < g.length; i++) g[i] = r() & 0xff;
        b = g;
        break;
      }
      case 9: { // splice a slice of itself elsewhere
        const from = r() % b.length;
        const len = Math.min(1 + (r() % 64), b.length - from);
        b.copyWithin(at, from, from + len);
        break;
      }
    }
  }
  return b;
}

/** Answers each request with the datagrams `next` makes for its seq. */
class ScriptedKernel implements Transport {
  readonly portId = PORT;
  queue: Uint8Array[] = [];
  next: (seq: number) => Uint8Array[] = () => [];
  send(buf: Uint8Array): void { this.queue.push(...this.next(decodeNlMsgHeader(buf).seq)); }
  recv(): Uint8Array | number { return this.queue.shift() ?? -11; }
  async waitReadable(): Promise<boolean> { return this.queue.length > 0; }
  close(): void {}
}

/** Decode a reply where it lies, as the services do, by its type. */
function decodeByType(type: number, buf: Uint8Array, start: number, end: number): unknown {
  switch (type) {
    case 16: case 17: return toLink(decodeLinkMessage(buf, undefined, start, end));
    case 20: case 21: return toAddress(decodeAddrMessage(buf, start, end));
    case 24: case 25: return toRoute(decodeRouteMessage(buf, start, end));
    case 28: case 29: return toNeighbor(decodeNeighMessage(buf.subarray(start, end)));
    case 88: case 89: return decodeNsidMessage(buf.subarray(start, end));
    default: return undefined;
  }
}

/** Every decoder on one payload: each decodes it or throws DecodeError. */
function everyDecoder(p: Uint8Array): void {
  const all: (() => unknown)[] = [
    () => toLink(decodeLinkMessage(p)), () => toAddress(decodeAddrMessage(p)), () => toRoute(decodeRouteMessage(p)),
    () => toNeighbor(decodeNeighMessage(p)), () => decodeNsidMessage(p),
  ];
  for (const f of all) {
    try { f(); } catch (e) { if (!(e instanceof DecodeError)) throw e; }
  }
}

const request = (type = 18) => { const w = new MessageWriter(type, 0); w.skip(16); return w.finish(); };
const ack = (seq: number) => encodeMessage({ type: NLMSG_ERROR, flags: 0, seq, pid: PORT }, new Uint8Array(20));
const done = (seq: number) => encodeMessage({ type: NLMSG_DONE, flags: NLM_F_MULTI, seq, pid: PORT }, new Uint8Array(4));

/**
 * One run of `count` mutated datagrams from seed `seed` through one Conn; fails at the first
 * exception that is not the library's, or request left pending, naming the datagram.
 */
async function run(t: ExecutionContext, seed: number, count: number): Promise<void> {
  const pool = samples();
  t.true(pool.length > 100, `${pool.length} samples`);
  const r = prng(seed);
  const kernel = new ScriptedKernel();
  const conn = new Conn(kernel);
  const pending = (conn as unknown as { pending: Map<number, unknown> }).pending;
  const outcomes = { ok: 0, DecodeError: 0, NetlinkError: 0, DumpInterruptedError: 0 };
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const sample = pool[r() % pool.length]!;
    const kind = i % 4;
    let sent: Uint8Array | undefined;
    kernel.next = (seq) => {
      sent = mutate(stamp(sample, seq, kind === 1), r);
      return kind === 0 ? [sent, ack(seq)] : kind === 1 ? [sent] : [sent, done(seq)];
    };
    const where = () => `datagram ${i} (FAULT_SEED=${seed}, request kind ${kind})`;
    try {
      if (kind === 0) for (const m of await conn.request(request(), 'RTM_NEWLINK')) everyDecoder(m.payload);
      else if (kind === 1) everyDecoder((await conn.get(request(), 'RTM_GETLINK')).payload);
      else if (kind === 2) await conn.dumpAll(request(), 'RTM_GETLINK', { map: decodeByType, retries: 0 });
      else for await (const _ of conn.stream(request(), 'RTM_GETROUTE', decodeByType));
      outcomes.ok++;
    } catch (e) {
      if (e instanceof DecodeError) outcomes.DecodeError++;
      else if (e instanceof NetlinkError) outcomes.NetlinkError++;
      else if (e instanceof DumpInterruptedError) outcomes.DumpInterruptedError++; // NLM_F_DUMP_INTR set by a mutation
      else return t.fail(`${where()}: ${(e as Error).stack ?? String(e)}\n${sent ? toHex(sent) : ''}`);
    }
    if (pending.size !== 0) return t.fail(`${where()} left ${pending.size} requests pending\n${sent ? toHex(sent) : ''}`);
  }
  const ms = performance.now() - started;
  t.log(`${count} datagrams from ${pool.length} samples in ${(ms / 1000).toFixed(1)} s:`, outcomes);
  // Mutations must reach every outcome, or the suite tests less than it claims.
  t.true(outcomes.ok > 0 && outcomes.DecodeError > 0 && outcomes.NetlinkError > 0);
  // The connection still works after all that.
  kernel.queue.length = 0;
  kernel.next = (seq) => [ack(seq)];
  t.deepEqual(await conn.request(request(), 'RTM_NEWLINK'), []);
}

// Runs of CHUNK datagrams each, one test each (so ava sees progress), one after the other.
for (let chunk = 0, left = COUNT; left > 0; chunk++, left -= CHUNK) {
  const count = Math.min(CHUNK, left);
  test.serial(`mutated kernel datagrams through Conn and every decoder, ${chunk * CHUNK + 1}-${chunk * CHUNK + count} of ${COUNT}: only typed errors, nothing pending`,
    (t) => run(t, SEED + chunk, count));
}

test('the mutated datagrams reach the decoders: most are not rejected by the header check alone', (t) => {
  const pool = samples();
  const r = prng(SEED);
  let whole = 0;
  const n = 10_000;
  for (let i = 0; i < n; i++) {
    try {
      const msgs: NlMessage[] = decodeMessages(mutate(stamp(pool[r() % pool.length]!, 1, false), r));
      if (msgs.length > 0) whole++;
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
    }
  }
  t.log(`${whole} of ${n} mutated datagrams pass the header checks`);
  t.true(whole > n / 3);
});
