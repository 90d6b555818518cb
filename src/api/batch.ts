/**
 * ip.batch: many changes pipelined, several requests per sendmsg, each answered on its own.
 *
 * The rule for devices named in a batch: a name is looked up (RTM_GETLINK) before the request
 * that names it is sent. A name that no earlier request of the batch creates, renames or deletes
 * is looked up once, all such lookups together before anything is sent. A name that an earlier
 * request does touch (link.add of `va0`, then addr.add on `va0`) cuts the batch there: what is
 * queued is sent and answered first, then the name is looked up (with every other unknown name
 * the next requests need, together), so it sees the kernel's state after that request. The
 * kernel handles the messages of one sendmsg in order and answers each by its sequence number,
 * going on after one it refuses; so requests that depend on each other only through the
 * kernel's state (an address, then a route through it) still go together.
 */
import { BATCH_BYTES, type Conn } from '../netlink/index.js';
import type { ApiContext, Dev } from './context.js';
import type { AddrDelOptions, AddrOptions } from './addr.js';
import type { AddrService } from './addr.js';
import type { LinkChange, LinkService, LinkSpec, PreparedRequest } from './link.js';

/** How a batch goes on after a request the kernel (or a lookup) refused. */
export interface BatchOptions {
  /**
   * Stop sending after the first failure (default false: send everything, report each). The
   * requests already in the same sendmsg as the failing one were handled by the kernel and are
   * reported as they ended; those never sent are reported `{ ok: false, skipped: true }`.
   */
  stopOnError: boolean;
}

/** How one request of a batch ended. `index` is its place in the batch; `op` its message type. */
export type BatchItemResult =
  | { index: number; op: string; ok: true }
  | { index: number; op: string; ok: false; skipped: false; error: Error }
  | { index: number; op: string; ok: false; skipped: true };

/** What a batch callback queues its requests on; each call returns the request's index. */
export interface BatchBuilder {
  readonly link: {
    /** Queue `ip.link.add(spec)`. */
    add(spec: Readonly<LinkSpec>): number;
    /** Queue `ip.link.set(dev, change)`. */
    set(dev: Dev, change: Readonly<LinkChange>): number;
    /** Queue `ip.link.del(dev)`. */
    del(dev: Dev): number;
  };
  readonly addr: {
    /** Queue `ip.addr.add(dev, cidr, opts)`. */
    add(dev: Dev, cidr: string, opts?: Readonly<AddrOptions>): number;
    /** Queue `ip.addr.change(dev, cidr, opts)`. */
    change(dev: Dev, cidr: string, opts?: Readonly<AddrOptions>): number;
    /** Queue `ip.addr.replace(dev, cidr, opts)`. */
    replace(dev: Dev, cidr: string, opts?: Readonly<AddrOptions>): number;
    /** Queue `ip.addr.del(dev, cidr, opts)`. */
    del(dev: Dev, cidr: string, opts?: Readonly<AddrDelOptions>): number;
  };
}

interface Item {
  req: PreparedRequest;
  /** The device names this request creates, renames or deletes. */
  touches: string[];
}

/**
 * Queue requests with `fn` (each checked as it is queued: bad input throws there, before anything
 * is sent), then send them pipelined. Resolves with one result per request, in order; a kernel
 * refusal is a NetlinkError with its errno, ext-ack text and the request's bytes, a missing
 * device a NoSuchDeviceError. A failure of the socket itself rejects.
 */
export async function runBatch(
  ctx: ApiContext, link: LinkService, addr: AddrService,
  fn: (b: BatchBuilder) => void, options: Readonly<Partial<BatchOptions>> = {},
): Promise<BatchItemResult[]> {
  const q = new BatchQueue(ctx, link, addr);
  try {
    fn(q.builder);
    return await q.send(options);
  } finally {
    q.close();
  }
}

/**
 * A batch filled a request at a time and sent when its owner says (the CLI's `-batch`, which
 * reads a line, queues it, and sends when a line needs the kernel's answer first). `builder`
 * checks and builds each request as it is queued; `send` sends everything queued as `ip.batch`
 * does and empties the queue.
 */
export class BatchQueue {
  private items: Item[] = [];
  /** Queue requests here; each call returns the request's index among those queued since the last send. */
  readonly builder: BatchBuilder;

  constructor(private readonly ctx: ApiContext, link: LinkService, addr: AddrService) {
    const push = (req: PreparedRequest, touches: (string | undefined)[] = []): number =>
      this.items.push({ req, touches: touches.filter((t): t is string => t !== undefined) }) - 1;
    const name = (d: Dev | undefined): string | undefined => (typeof d === 'string' ? d : undefined);
    this.builder = {
      link: {
        add: (spec) => push(link.prepareAdd(spec), [spec.name, name((spec as { peer?: { name?: string } }).peer?.name)]),
        set: (dev, change) => push(link.prepareSet(dev, change), [name(dev), change.name]),
        del: (dev) => push(link.prepareDel(dev), [name(dev)]),
      },
      addr: {
        add: (dev, cidr, opts) => push(addr.prepare('add', dev, cidr, opts)),
        change: (dev, cidr, opts) => push(addr.prepare('change', dev, cidr, opts)),
        replace: (dev, cidr, opts) => push(addr.prepare('replace', dev, cidr, opts)),
        del: (dev, cidr, opts) => push(addr.prepare('del', dev, cidr, opts)),
      },
    };
  }

  /** How many requests are queued. */
  get size(): number {
    return this.items.length;
  }

  /** Send what is queued (pipelined, see runBatch) and empty the queue; one result per request. */
  async send(options: Readonly<Partial<BatchOptions>> = {}): Promise<BatchItemResult[]> {
    const items = this.items;
    this.items = [];
    try {
      return await new BatchRun(this.ctx, items, options.stopOnError === true).run();
    } finally {
      for (const it of items) it.req.close();
    }
  }

  /** Drop whatever is queued, unsent. */
  close(): void {
    for (const it of this.items) it.req.close();
    this.items = [];
  }
}

/** How many requests ahead a lookup round looks for names. */
const PREFETCH = 4096;

/** Thrown at a cut when stopping on error: the request is left unsent (skipped). */
const STOPPED = new Error('batch stopped');

class BatchRun {
  private readonly conn: Conn;
  private readonly results: (BatchItemResult | undefined)[];
  /** Names looked up and still good. */
  private readonly known = new Map<string, number>();
  /** Names touched by requests queued but not yet answered: a lookup must wait for them. */
  private readonly dirty = new Set<string>();
  private queued: { index: number; msg: Uint8Array }[] = [];
  private failed = false;

  constructor(private readonly ctx: ApiContext, private readonly items: readonly Item[], private readonly stopOnError: boolean) {
    this.conn = ctx.conn;
    this.results = new Array<BatchItemResult | undefined>(items.length);
  }

  async run(): Promise<BatchItemResult[]> {
    await this.prefetch(0);
    for (let i = 0; i < this.items.length && !(this.stopOnError && this.failed); i++) {
      const { req, touches } = this.items[i]!;
      const indexes: number[] = [];
      try {
        for (const d of req.devs) indexes.push(await this.index(d, i));
      } catch (error) {
        if (error === STOPPED) break;
        this.fail(i, req.op, error as Error);
        continue;
      }
      if (this.stopOnError && this.failed) break;
      this.queued.push({ index: i, msg: req.encode(indexes) });
      for (const t of touches) {
        this.known.delete(t);
        this.dirty.add(t);
      }
    }
    await this.send();
    return this.items.map((it, index) => this.results[index] ?? { index, op: it.req.op, ok: false, skipped: true });
  }

  /**
   * Look up together (one sendmsg) every name not known yet that the requests from `from` on
   * name (the next PREFETCH of them), but those an earlier one of them touches. A request that touches one of them later drops it from
   * what is known, so it is looked up again after that request is answered. A failed lookup is
   * left to the request that names it, which looks it up again and fails.
   */
  private async prefetch(from: number): Promise<void> {
    const names = new Set<string>();
    const touched = new Set<string>(); // by a request before the one naming it: not now
    for (const it of this.items.slice(from, from + PREFETCH)) {
      for (const d of it.req.devs) if (typeof d === 'string' && !this.known.has(d) && !touched.has(d)) names.add(d);
      for (const n of it.touches) touched.add(n);
    }
    if (names.size === 0) return;
    await this.conn.pipeline(() => Promise.all([...names].map(async (n) => {
      try {
        this.known.set(n, await this.ctx.ifindex(n));
      } catch { /* see above */ }
    })));
  }

  private async index(d: Dev, at: number): Promise<number> {
    if (typeof d === 'number') return this.ctx.checkIndex(d);
    let k = this.known.get(d);
    if (k !== undefined) return k;
    if (this.dirty.has(d)) {
      await this.send(); // a cut: what touches the name is answered first
      if (this.stopOnError && this.failed) throw STOPPED;
      await this.prefetch(at);
      k = this.known.get(d);
      if (k !== undefined) return k;
    }
    const index = await this.ctx.ifindex(d);
    this.known.set(d, index);
    return index;
  }

  /** Send what is queued, packed, and record each answer. */
  private async send(): Promise<void> {
    const q = this.queued;
    this.queued = [];
    this.dirty.clear();
    if (q.length === 0) return;
    // Stopping on error: one sendmsg's worth at a time, so that nothing after it is sent.
    for (let i = 0; i < q.length && !(this.stopOnError && this.failed);) {
      let j = i + 1;
      if (this.stopOnError) {
        for (let bytes = q[i]!.msg.length; j < q.length && (bytes += q[j]!.msg.length + 3) <= BATCH_BYTES;) j++;
      } else {
        j = q.length;
      }
      const part = q.slice(i, j);
      const out = await this.conn.sendBatch(part.map(({ index, msg }) => ({ msg, op: this.items[index]!.req.op })));
      out.forEach((r, k) => {
        const index = part[k]!.index;
        if (r.ok) this.results[index] = { index, op: this.items[index]!.req.op, ok: true };
        else this.fail(index, this.items[index]!.req.op, r.error);
      });
      i = j;
    }
  }

  private fail(index: number, op: string, error: Error): void {
    this.results[index] = { index, op, ok: false, skipped: false, error };
    this.failed = true;
  }
}
