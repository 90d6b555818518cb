/**
 * A netlink connection: requests matched to their answers by sequence number, dumps as async
 * iterables, multicast notifications as an async iterable with loss reports.
 *
 * rtnetlink answers inside the sender's sendmsg, so every request is sent and its answer read at
 * once with MSG_DONTWAIT; only EAGAIN (a dump larger than the socket buffer, or a listener with
 * nothing queued yet) waits asynchronously for readability. Answers that arrive that way resolve
 * as microtasks, which never let timers or other I/O run: a Conn that has kept the event loop
 * busy for YIELD_AFTER_MS lets it turn once (setImmediate) before going on.
 */
import { EBADF, EBADMSG, ENODATA } from './errno.js';
import {
  NLMSG_DONE, NLMSG_ERROR, NLMSG_NOOP, NLMSG_OVERRUN, NLM_F_ACK, NLM_F_DUMP, NLM_F_DUMP_INTR, NLM_F_MULTI,
  NLM_F_REQUEST, NLM_F_ACK_TLVS, NLMSGERR_ATTR_MSG, EAGAIN, EINTR, ENOBUFS,
} from './constants.js';
import { str } from './codecs.js';
import { align4, le16, le32, readAttrs } from './nlattr.js';
import { DecodeError, DumpInterruptedError, NetlinkError } from './errors.js';
import { NLMSG_HDRLEN, decodeNlMsgErr, messageAt, messageLength, type NlMessage, type NlMsgErr } from './message.js';
import { NetlinkSocket, type SocketOptions } from './socket.js';

/**
 * How long (ms) a Conn may complete requests synchronously, without the event loop turning,
 * before it lets the loop turn once: a timer beside a loop of awaited requests is late by about
 * this much plus one request, and a yield (one setImmediate) costs some microseconds.
 */
export const YIELD_AFTER_MS = 2;

/**
 * The most bytes of requests one sendmsg carries when requests are pipelined (sendBatch,
 * pipeline): well under the socket's send buffer, and the acks of that many fit in its receive
 * buffer with room to spare. A single larger message goes alone.
 */
export const BATCH_BYTES = 32 * 1024;

/** What a Conn has sent since it was opened: messages by kind, and the sendmsg calls that carried them. */
export interface ConnCounters {
  /** Requests sent with NLM_F_ACK (`request`, `sendBatch`): the changes a caller makes. */
  requests: number;
  /** Single-object GETs (`get`): name lookups and reads of one object. */
  gets: number;
  /** Dump requests (each retry of an interrupted one counts). */
  dumps: number;
  /** sendmsg calls; fewer than the messages when requests are pipelined. */
  sendmsgs: number;
}

/** One request of a batch: an encoded message (see MessageWriter) and the operation's name for errors. */
export interface BatchRequest {
  msg: Uint8Array;
  op: string;
}

/** How one request of a batch ended: its replies (empty for a bare ack), or the kernel's refusal. */
export type BatchResult = { ok: true; replies: NlMessage[] } | { ok: false; error: Error };

/** A lost-notifications marker: the kernel dropped messages (ENOBUFS); resync your view. */
export interface LossEvent {
  lost: true;
  errno: number;
}

interface Pending {
  seq: number;
  op: string;
  request: Uint8Array;
  /** Messages received so far (replies of a request, a dump's queue). */
  queue: NlMessage[];
  done: boolean;
  error: Error | undefined;
  interrupted: boolean;
  isDump: boolean;
  /** Held for the next pipelined flush: resolves once the message has been sent (see pipeline). */
  held?: Promise<void>;
  /** For dumpAll with `map` and stream: each reply is mapped as its datagram arrives, into `mapped`. */
  map?: ReplyDecoder<unknown>;
  mapped?: unknown[];
  /** The ext-ack message of a successful ack: a warning (tc's "Warning: ..."). */
  warning?: string;
}

/** Options for `Conn.dump`. */
export interface DumpOptions {
  /** How many times a dump interrupted by concurrent changes (NLM_F_DUMP_INTR) is redone. Default 5. */
  retries: number;
}

/**
 * Decodes one reply of a dump where it lies in the receive buffer: its nlmsg_type and its
 * payload, `buf[start, end)`, valid only during the call (copy what is kept). The header is at
 * `start - NLMSG_HDRLEN`. Returning undefined skips the reply.
 */
export type ReplyDecoder<T> = (type: number, buf: Uint8Array, start: number, end: number) => T | undefined;

/** Skips every reply: the decoder of a dump whose consumer has stopped. */
const skipReply: ReplyDecoder<never> = () => undefined;

/** What a Conn needs from a socket; NetlinkSocket in production, a scripted fake in tests. */
export interface Transport {
  readonly portId: number;
  /** Send one datagram (one or more netlink messages) to the kernel. */
  send(buf: Uint8Array): void;
  /**
   * One datagram the kernel sent (a view valid until the next call) or a negative errno. Only
   * the kernel's: datagrams from other sockets are dropped here, never seen by the Conn.
   */
  recv(): Uint8Array | number;
  /** Resolves true when readable, false once closed. */
  waitReadable(): Promise<boolean>;
  /** Close the socket; a pending receive ends. */
  close(): void;
}

/**
 * A netlink connection: requests numbered by sequence and answered by the kernel's replies
 * (acks, gets, dumps one at a time), pipelined batches, and counters of what was sent.
 */
export class Conn {
  readonly socket: Transport;
  private seq = Math.floor(Math.random() * 0x7fffffff);
  private readonly pending = new Map<number, Pending>();
  /** The dump in progress on the socket, if any (see startDump). */
  private dumping: Pending | undefined;
  /** Notifications (seq 0, or foreign port) for a listener; undefined when nobody listens. */
  private notifications: (NlMessage | LossEvent)[] | undefined;
  /** How many pipeline() calls are running: while any is, requests are held and sent together. */
  private pipelining = 0;
  /** The requests held for the next flush, and the flush that will send them. */
  private held: Pending[] = [];
  private heldFlush: Promise<void> | undefined;

  /** What this Conn has sent: read it to count the requests an operation made. */
  readonly counters: ConnCounters = { requests: 0, gets: 0, dumps: 0, sendmsgs: 0 };

  /**
   * When (performance.now()) the current run of synchronous work began, or -1 when the event
   * loop has turned since: a setImmediate queued at the start of each run resets it.
   */
  private busySince = -1;
  private readonly loopTurned = (): void => { this.busySince = -1; };

  constructor(socket: Transport) {
    this.socket = socket;
  }

  /** Whether this Conn has kept the event loop from turning for YIELD_AFTER_MS. */
  private overdue(): boolean {
    const now = performance.now();
    if (this.busySince < 0) {
      this.busySince = now;
      setImmediate(this.loopTurned);
      return false;
    }
    return now - this.busySince >= YIELD_AFTER_MS;
  }

  /** Let the event loop turn once: timers, other sockets and immediates queued before run. */
  private breathe(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }

  /** Open a NETLINK_ROUTE socket (in a namespace when `options.netns` says so) and a connection over it. */
  static open(options: Readonly<Partial<SocketOptions>> = {}): Conn {
    return new Conn(NetlinkSocket.open(options));
  }

  /** Close the socket; every pending request fails with EBADF. */
  close(): void {
    this.socket.close();
    this.failAll((p) => new NetlinkError({ errno: EBADF, operation: `${p.op} (connection closed)` }));
  }

  /** End every request in flight with the error `why` gives it (unless it already has one). */
  private failAll(why: (p: Pending) => Error): void {
    for (const p of this.pending.values()) {
      p.error ??= why(p);
      p.done = true;
    }
    this.pending.clear();
  }

  private nextSeq(): number {
    this.seq = (this.seq + 1) >>> 0 || 1;
    return this.seq;
  }

  /**
   * Start a dump once no other dump is in progress on this socket: the kernel runs one at a time
   * and answers a second with EBUSY. One still running (a stream being read, or the rest of one
   * stopped early) is read to its end first; a stream's rest is then held until it is taken.
   */
  private async startDump(msg: Uint8Array, op: string, map: ReplyDecoder<unknown> | undefined): Promise<Pending> {
    while (this.dumping && !this.dumping.done) await this.pump(this.dumping);
    // Requests held before the dump go first, as they were made first.
    if (this.held.length > 0) this.flushHeld();
    const p = this.start(msg, op, NLM_F_REQUEST | NLM_F_DUMP, true);
    // Its decoder goes on before anything can read its answer (a dump waiting its turn pumps it).
    if (map) {
      p.map = map;
      p.mapped = [];
    }
    this.dumping = p;
    return p;
  }

  /**
   * Stamp seq/flags onto an encoded message, register it and send it; while pipelining, a
   * request or GET is held for the next flush instead (`hold`).
   */
  private start(msg: Uint8Array, op: string, flags: number, isDump: boolean, hold = false): Pending {
    const p = this.stamp(msg, op, flags, isDump);
    if (hold && this.pipelining > 0) {
      this.held.push(p);
      p.held = this.heldFlush ??= new Promise((resolve, reject) => setImmediate(() => {
        try {
          this.flushHeld();
          resolve();
        } catch (e) {
          reject(e as Error);
        }
      }));
      return p;
    }
    try {
      this.send(msg);
    } catch (e) {
      this.pending.delete(p.seq);
      throw e;
    }
    return p;
  }

  /** One sendmsg; counted. */
  private send(buf: Uint8Array): void {
    this.socket.send(buf);
    this.counters.sendmsgs++;
  }

  /** Stamp seq/flags onto an encoded message and register it (not sent). */
  private stamp(msg: Uint8Array, op: string, flags: number, isDump: boolean): Pending {
    if (isDump) this.counters.dumps++;
    else if (flags & NLM_F_ACK) this.counters.requests++;
    else this.counters.gets++;
    const seq = this.nextSeq();
    // nlmsg_flags |= flags, nlmsg_seq = seq, nlmsg_pid = 0 (little-endian, in place).
    const f = msg[6]! | (msg[7]! << 8) | flags;
    msg[6] = f & 0xff;
    msg[7] = f >> 8;
    for (let i = 0; i < 4; i++) msg[8 + i] = (seq >>> (8 * i)) & 0xff;
    msg.fill(0, 12, 16);
    const p: Pending = { seq, op, request: msg, queue: [], done: false, error: undefined, interrupted: false, isDump };
    this.pending.set(seq, p);
    return p;
  }

  /**
   * Send `ps` (registered, not yet sent) packed into as few sendmsg calls as BATCH_BYTES allows,
   * reading the answers queued after each one. The kernel handles every message of a sendmsg in
   * order and answers each by its sequence number, going on after one it refuses. A send that
   * fails fails the requests it carried, and those not sent yet.
   */
  private sendPacked(ps: readonly Pending[]): void {
    for (let i = 0; i < ps.length;) {
      let bytes = align4(ps[i]!.request.length);
      let j = i + 1;
      while (j < ps.length && bytes + align4(ps[j]!.request.length) <= BATCH_BYTES) bytes += align4(ps[j++]!.request.length);
      const chunk = ps.slice(i, j);
      let buf: Uint8Array;
      if (chunk.length === 1) {
        buf = chunk[0]!.request;
      } else {
        buf = new Uint8Array(bytes);
        let off = 0;
        for (const p of chunk) {
          buf.set(p.request, off);
          off += align4(p.request.length);
        }
      }
      try {
        this.send(buf);
      } catch (e) {
        for (const p of ps.slice(i)) {
          p.error ??= e as Error;
          this.finish(p);
        }
        return;
      }
      // Read the acks now, so that those of many chunks never pile up in the receive buffer.
      // Each ack is a datagram of its own: the check before each read resumes where the last one
      // stopped (rescanning the chunk each time made a chunk of n requests cost n^2/2 checks).
      let acked = 0;
      this.drain(() => {
        while (acked < chunk.length && chunk[acked]!.done) acked++;
        return acked === chunk.length;
      });
      i = j;
    }
  }

  /** Send every held request now (pipelining). */
  private flushHeld(): void {
    const ps = this.held;
    this.held = [];
    this.heldFlush = undefined;
    this.sendPacked(ps);
  }

  /**
   * Send several requests at once (NLM_F_REQUEST | NLM_F_ACK are added to each), packed into as
   * few sendmsg calls as fit, and resolve with each one's outcome, in order: its replies, or the
   * error the kernel answered it with. The kernel goes on after a request it refuses, so one
   * failure never loses the others; requests that depend on each other belong in separate
   * batches. A failure of the socket itself rejects.
   */
  async sendBatch(requests: readonly BatchRequest[]): Promise<BatchResult[]> {
    if (this.held.length > 0) this.flushHeld();
    const ps = requests.map((r) => this.stamp(r.msg, r.op, NLM_F_REQUEST | NLM_F_ACK, false));
    this.sendPacked(ps);
    for (const p of ps) if (!p.done) await this.pump(p);
    return ps.map((p) => (p.error ? { ok: false, error: p.error } : { ok: true, replies: p.queue }));
  }

  /**
   * Run `fn` with its requests pipelined: each `request` and `get` made while it runs (through
   * any service of a handle on this Conn) is held until the event loop turns, then sent with
   * the others held by then, several per sendmsg, and each still resolves with its own answer.
   * Requests made together (`Promise.all`) thus cost one system call; requests made one after
   * another each wait for the loop to turn. Dumps are sent at once, after what was held.
   */
  async pipeline<T>(fn: () => Promise<T>): Promise<T> {
    this.pipelining++;
    try {
      return await fn();
    } finally {
      this.pipelining--;
    }
  }

  /**
   * Read everything queued on the socket now and hand each message to its pending request.
   * Returns false when the socket had nothing (EAGAIN).
   */
  private drain(stopWhen: () => boolean): boolean {
    for (;;) {
      if (stopWhen()) return true;
      const r = this.socket.recv();
      if (typeof r === 'number') {
        if (r === -EAGAIN) return false;
        if (r === -EINTR) continue;
        if (r === -ENOBUFS) { this.lose(-r); continue; }
        const e = new NetlinkError({ errno: -r, operation: 'recvfrom' });
        this.failAll(() => e);
        throw e;
      }
      this.dispatch(r); // a view of the receive buffer: dispatch copies what it keeps
    }
  }

  /** The kernel dropped messages: requests in flight may never be answered, listeners resync. */
  private lose(errno: number): void {
    if (this.notifications) this.notifications.push({ lost: true, errno });
    this.failAll((p) => new NetlinkError({ errno, operation: `${p.op} (answer lost: socket receive buffer overrun)` }));
  }

  /**
   * A message whose nlmsg_len fails the check at `off`: the rest of the datagram cannot be
   * walked. The request it answers (named by its own header when that is whole, else by the
   * datagram's first) fails with `error`. When it names none, listeners are told of a loss, and
   * if no header can be read at all every request in flight fails too: its answer may be what
   * was lost, and nothing else would ever end it.
   */
  private malformed(d: Uint8Array, off: number, error: DecodeError): void {
    const at = d.length - off >= NLMSG_HDRLEN ? off : d.length >= NLMSG_HDRLEN ? 0 : -1;
    const seq = at < 0 ? 0 : le32(d, at + 8);
    const p = seq !== 0 && le32(d, at + 12) === this.socket.portId ? this.pending.get(seq) : undefined;
    if (p) {
      p.error ??= error;
      this.finish(p);
      return;
    }
    if (this.notifications) this.notifications.push({ lost: true, errno: EBADMSG });
    if (at < 0) this.failAll(() => error);
  }

  /**
   * Hand each message of a datagram to its request. `datagram` is the socket's receive buffer,
   * overwritten by the next read, and is walked in place: acks (one per created object in bulk
   * work) and errors are read where they lie, mapped dump replies decoded where they lie
   * (decoders copy what they keep; no message object or view is made for them), and only
   * messages queued as they are get copied.
   */
  private dispatch(d: Uint8Array): void {
    // Messages kept as they are share one copy of the datagram, made when the first is kept.
    let copy: Uint8Array | undefined;
    for (let off = 0, len = 0; off < d.length; off += align4(len)) {
      try {
        len = messageLength(d, off);
      } catch (e) {
        this.malformed(d, off, e as DecodeError);
        return;
      }
      const type = le16(d, off + 4);
      const flags = le16(d, off + 6);
      const seq = le32(d, off + 8);
      const p = seq !== 0 && le32(d, off + 12) === this.socket.portId ? this.pending.get(seq) : undefined;
      if (!p) {
        if (this.notifications && type !== NLMSG_NOOP) this.notifications.push(messageAt((copy ??= d.slice()), off, len));
        continue;
      }
      if (flags & NLM_F_DUMP_INTR) p.interrupted = true;
      if (type === NLMSG_ERROR) {
        // error 0 is a plain ack: nothing more to decode, unless it carries a warning
        if (len >= NLMSG_HDRLEN + 4 && le32(d, off + NLMSG_HDRLEN) === 0 && flags & NLM_F_ACK_TLVS) {
          try {
            const w = decodeNlMsgErr(messageAt(d, off, len)).message;
            if (w) p.warning = w;
          } catch (err) {
            p.error ??= err as DecodeError;
          }
        } else if (len < NLMSG_HDRLEN + 4 || le32(d, off + NLMSG_HDRLEN) !== 0) {
          let e: NlMsgErr;
          try {
            e = decodeNlMsgErr(messageAt(d, off, len));
          } catch (err) {
            p.error ??= err as DecodeError;
            this.finish(p);
            continue;
          }
          if (e.error < 0) {
            p.error = new NetlinkError({ errno: -e.error, operation: p.op, message: e.message, offset: e.offset, request: p.request });
          }
        }
        this.finish(p);
      } else if (type === NLMSG_DONE) {
        const err = len >= NLMSG_HDRLEN + 4 ? le32(d, off + NLMSG_HDRLEN) | 0 : 0;
        if (err < 0) {
          const ack = decodeNlMsgErrTlvs(messageAt(d, off, len));
          p.error = new NetlinkError({ errno: -err, operation: p.op, message: ack, request: p.request });
        }
        this.finish(p);
      } else if (type === NLMSG_NOOP || type === NLMSG_OVERRUN) {
        continue;
      } else if (p.map) {
        // A decoder's error is the dump's error; the rest of the dump is still read off the socket.
        if (!p.error) {
          try {
            const v = p.map(type, d, off + NLMSG_HDRLEN, off + len);
            if (v !== undefined) p.mapped!.push(v);
          } catch (e) { p.error = e as Error; }
        }
      } else {
        p.queue.push(messageAt((copy ??= d.slice()), off, len));
        // A plain reply (not part of a multi-part answer) to a request sent without ACK ends it.
        if (!p.isDump && !(flags & NLM_F_MULTI) && !(ackWanted(p.request))) this.finish(p);
      }
    }
  }

  private finish(p: Pending): void {
    p.done = true;
    this.pending.delete(p.seq);
  }

  /** Wait (asynchronously) until `p` is complete, or `enough()` (a stream has items to hand out). */
  private async pump(p: Pending, enough: () => boolean = () => false): Promise<void> {
    while (!p.done && !enough()) {
      if (this.drain(() => p.done || enough() || this.overdue())) {
        if (!p.done && !enough()) await this.breathe();
      } else if (!(await this.socket.waitReadable())) {
        p.error ??= new NetlinkError({ errno: EBADF, operation: `${p.op} (connection closed)` });
        this.finish(p);
      }
    }
  }

  /**
   * Complete `p`: undefined when its answer was already queued and the event loop may wait,
   * else a promise (the answer is awaited, or the loop is let turn first).
   */
  private settle(p: Pending): Promise<void> | undefined {
    if (!this.drain(() => p.done)) return this.pump(p);
    return this.overdue() ? this.breathe() : undefined;
  }

  /**
   * Send a request (NLM_F_REQUEST | NLM_F_ACK are added) and resolve with the kernel's replies,
   * if any, once it has acknowledged. Rejects with NetlinkError when the kernel refuses.
   * `msg` is an encoded message (see MessageWriter); its seq and pid are filled in here.
   */
  async request(msg: Uint8Array, op: string): Promise<NlMessage[]> {
    const p = this.start(msg, op, NLM_F_REQUEST | NLM_F_ACK, false, true);
    if (p.held) await p.held;
    const wait = this.settle(p);
    if (wait) await wait;
    if (p.error) throw p.error;
    return p.queue;
  }

  /**
   * The same as `request`, resolving also with the ext-ack text the kernel attached to a
   * successful ack (a warning, such as sch_htb's "quantum of class 10001 is big").
   */
  async requestAck(msg: Uint8Array, op: string): Promise<{ replies: NlMessage[]; warning?: string }> {
    const p = this.start(msg, op, NLM_F_REQUEST | NLM_F_ACK, false);
    const wait = this.settle(p);
    if (wait) await wait;
    if (p.error) throw p.error;
    return p.warning === undefined ? { replies: p.queue } : { replies: p.queue, warning: p.warning };
  }

  /** Send a request and resolve with its first reply, or undefined for a bare ack. */
  async requestOne(msg: Uint8Array, op: string): Promise<NlMessage | undefined> {
    return (await this.request(msg, op))[0];
  }

  /**
   * A GET of one object (RTM_GETLINK by index, RTM_GETROUTE ...): sent without NLM_F_ACK, since
   * the single reply (or an NLMSG_ERROR) already ends the exchange — one message less each way.
   */
  async get(msg: Uint8Array, op: string): Promise<NlMessage> {
    const p = this.start(msg, op, NLM_F_REQUEST, false, true);
    if (p.held) await p.held;
    const wait = this.settle(p);
    if (wait) await wait;
    if (p.error) throw p.error;
    const reply = p.queue[0];
    if (!reply) throw new NetlinkError({ errno: ENODATA, operation: `${op} (no reply)`, request: msg });
    return reply;
  }

  /**
   * Stream a dump (NLM_F_REQUEST | NLM_F_DUMP are added): its messages, each its own copy, as they
   * arrive, reading no further ahead than the consumer. An interrupted dump (NLM_F_DUMP_INTR) throws
   * DumpInterruptedError at its end, since what was yielded cannot be taken back; use `dumpAll`
   * for the retrying form.
   */
  dump(msg: Uint8Array, op: string): AsyncIterableIterator<NlMessage> {
    return this.stream(msg, op, (_type, buf, start, end) => messageAt(buf.slice(start - NLMSG_HDRLEN, end), 0, end - start + NLMSG_HDRLEN));
  }

  /**
   * A dump as an iterator of its replies mapped by `map` (undefined results are skipped), for
   * consumers that take one object at a time: each datagram is decoded as it is read, and the
   * next one is read only once the consumer has taken everything before it. A plain object
   * iterator rather than an async generator: the generator's per-item cost (a suspended frame
   * resumed through the microtask queue) is most of what streaming 100,000 routes costs beyond
   * decoding them. Errors and interruption end it as in `dump` (an error `quiet` accepts ends it
   * without one); `return()` (a `break`) drains the rest of the answer off the socket.
   */
  stream<T>(
    msg: Uint8Array, op: string, map: ReplyDecoder<T>, quiet?: (e: Error) => boolean,
  ): AsyncIterableIterator<T> {
    let p: Pending | undefined;
    let next = 0; // index of the next item of p.mapped to hand out
    let stopped = false; // return() was called
    const hasItems = (q: Pending): boolean => next < q.mapped!.length;
    // Items already decoded are handed out without entering an async function: one promise
    // each, not an async frame as well.
    const take = (): Promise<IteratorResult<T>> =>
      p && !stopped && hasItems(p)
        ? Promise.resolve({ value: p.mapped![next++] as T, done: false })
        : refill();
    const refill = async (): Promise<IteratorResult<T>> => {
      if (stopped) return { value: undefined, done: true };
      if (!p) {
        p = await this.startDump(msg, op, map);
      }
      const q = p;
      for (;;) {
        if (hasItems(q)) return { value: q.mapped![next++] as T, done: false };
        q.mapped!.length = 0; // all handed out: only now is the next datagram read
        next = 0;
        if (q.done) {
          if (q.error && !quiet?.(q.error)) throw q.error;
          if (q.interrupted) throw new DumpInterruptedError(op, 1, []);
          return { value: undefined, done: true };
        }
        await this.pump(q, () => hasItems(q));
      }
    };
    const it: AsyncIterableIterator<T> = {
      [Symbol.asyncIterator]: () => it,
      next: take,
      return: async (): Promise<IteratorResult<T>> => {
        if (!stopped && p && !p.done) this.abandon(p);
        stopped = true;
        return { value: undefined, done: true };
      },
    };
    return it;
  }

  /** A consumer stopped a dump early: drain its remaining answers so they do not linger. */
  private abandon(p: Pending): void {
    // The rest of the answer is only walked, never copied or decoded: a no-op decoder.
    p.map = skipReply;
    p.mapped = [];
    const drop = (): void => {
      try {
        if (!this.drain(() => p.done || this.overdue())) void this.socket.waitReadable().then((ok) => (ok ? drop() : this.finish(p)), () => this.finish(p));
        else if (!p.done) setImmediate(drop);
      } catch {
        // A failed read has already ended every request in flight, this one included.
      }
    };
    drop();
  }

  /**
   * Run a dump to completion and return all its messages. Redone when interrupted by concurrent
   * changes; after `retries` interrupted tries, DumpInterruptedError carries the last partial result.
   */
  async dumpAll(msg: Uint8Array, op: string, options?: Readonly<Partial<DumpOptions>>): Promise<NlMessage[]>;
  /**
   * The same, with each reply mapped (decoded) as its datagram arrives: the datagrams can then be
   * dropped right away instead of being held until the end. Replies mapped to undefined are left
   * out. An error thrown by `map` ends the dump with that error (the rest of the answer is still
   * read off the socket).
   */
  async dumpAll<T>(msg: Uint8Array, op: string, options: Readonly<Partial<DumpOptions>> & { map: ReplyDecoder<T> }): Promise<T[]>;
  async dumpAll(
    msg: Uint8Array, op: string, options: Readonly<Partial<DumpOptions>> & { map?: ReplyDecoder<unknown> } = {},
  ): Promise<unknown[]> {
    const retries = options.retries ?? 5;
    let last: unknown[] = [];
    for (let attempt = 1; attempt <= retries + 1; attempt++) {
      const p = await this.startDump(msg.slice(), op, options.map);
      await this.pump(p);
      if (p.error) throw p.error;
      const got = p.mapped ?? p.queue;
      if (!p.interrupted) return got;
      last = got;
    }
    throw new DumpInterruptedError(op, retries + 1, last);
  }

  /**
   * Notifications from the multicast groups this socket joined, until `close()`. A LossEvent is
   * yielded where the kernel dropped messages (ENOBUFS): the view must be resynced by a dump.
   */
  async *notificationsIterator(): AsyncGenerator<NlMessage | LossEvent, void, undefined> {
    this.notifications ??= [];
    const q = this.notifications;
    try {
      for (;;) {
        if (q.length === 0) {
          if (!this.drain(() => q.length > 0 || this.overdue())) {
            if (!(await this.socket.waitReadable())) return;
          } else if (q.length === 0) {
            await this.breathe();
          }
          continue;
        }
        while (q.length > 0) yield q.shift()!;
      }
    } finally {
      this.notifications = undefined;
    }
  }
}

function ackWanted(req: Uint8Array): boolean {
  return (le16(req, 6) & NLM_F_ACK) !== 0;
}

/**
 * Ext-ack message of an NLMSG_DONE that ends a dump in error: the 4-byte errno is followed
 * directly by the TLVs (no echoed request header, unlike NLMSG_ERROR).
 */
function decodeNlMsgErrTlvs(m: NlMessage): string | undefined {
  if (!(m.header.flags & NLM_F_ACK_TLVS) || m.payload.length <= 4) return undefined;
  try {
    const msg = readAttrs(m.payload, 4).find((a) => a.type === NLMSGERR_ATTR_MSG);
    return msg ? str.decode(msg.data, 'NLMSGERR_ATTR_MSG') : undefined;
  } catch (e) {
    if (e instanceof DecodeError) return undefined;
    throw e;
  }
}
