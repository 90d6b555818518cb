/**
 * `rtnl-ts [-force] -batch FILE` (ip.c's batch()): the commands of FILE, one per line; a failing
 * line prints its error and "Command failed FILE:LINE", and stops the run unless -force.
 *
 * With -force, address changes (add / change / replace / del) and link add / set / del are
 * pipelined through ip.batch: each such line is read, checked and queued, and its error, if the
 * kernel refuses it, is printed when the queue is sent, in line order, with everything the line
 * printed while it was read. The queue is sent before any other line runs, before a line looks
 * up a device that a queued link request may change, before anything that ends the run, and at
 * the end, so every line sees the kernel's state as ip's would. Without -force nothing is
 * pipelined: ip runs nothing after a failing line, and the kernel handles every message of a
 * sendmsg even after refusing one, so only sending one line at a time keeps that rule.
 */
import type { IpRoute } from '../api/iproute.js';
import { BatchQueue, type BatchBuilder } from '../api/batch.js';
import type { CommandContext, LinePipe } from './context.js';
import { CliExit } from './errors.js';
import { findObject, findVerb, IP_OBJECTS } from './commands.js';
import { report } from './report.js';
import { nameToIndex } from './resolve.js';
import { batchLines, splitLine } from './words.js';

/** A line of the run: what it printed while it was read, and how it ended (`queued`: not known yet). */
interface LineRecord {
  line: number;
  /** stdout (1) and stderr (2) writes, in order. */
  chunks: { fd: 1 | 2; text: string }[];
  /** The status the line's command returned, or the index of its queued request. */
  status?: number;
  queued?: number;
}

/** The verbs of each object whose lines are pipelined (their handlers queue through ctx.pipe). */
const PIPELINED: Readonly<Record<string, readonly string[]>> = {
  address: ['add', 'change', 'replace', 'del'],
  link: ['add', 'set', 'del'],
};

/** Whether a line's words name a pipelined command. */
function pipelined(words: readonly string[]): boolean {
  const obj = findObject(IP_OBJECTS, words[0]!);
  if (!obj || words.length < 2) return false;
  const verb = findVerb(obj, words[1]!);
  return verb !== undefined && (PIPELINED[obj.name] ?? []).includes(verb.run);
}

/** Queue at most this many lines before sending (memory; the kernel's answers come per sendmsg anyway). */
const MAX_QUEUED = 4096;

/** The pipeline of one -force -batch run. */
export class BatchPipe implements LinePipe {
  private requests: BatchQueue | undefined;
  private records: LineRecord[] = [];
  /** Device names looked up since the last change of links (hits only: a miss may be created). */
  private readonly known = new Map<string, number>();
  /** A queued request may create, rename, move or delete links. */
  private linksQueued = false;
  private current: LineRecord | undefined;
  /** Whether any line failed. */
  failed = false;

  constructor(private readonly ctx: CommandContext, private readonly file: string) {}

  /** Start reading a line: what it prints is kept until the lines before it are reported. */
  begin(line: number): void {
    this.current = { line, chunks: [] };
  }

  /** Output of the line being read. */
  write(fd: 1 | 2, text: string): void {
    this.current!.chunks.push({ fd, text });
  }

  /** The line being read ended with `status` (0 when it queued its request). */
  end(status: number): void {
    const rec = this.current!;
    this.current = undefined;
    if (rec.queued === undefined) rec.status = status;
    this.records.push(rec);
  }

  /** Whether output is being kept for the line being read. */
  get reading(): boolean {
    return this.current !== undefined;
  }

  async index(ip: IpRoute, name: string): Promise<number> {
    const hit = this.known.get(name);
    if (hit !== undefined) return hit;
    if (this.linksQueued) await this.drain();
    const index = await nameToIndex(ip, name);
    if (index) this.known.set(name, index);
    return index;
  }

  queue(ip: IpRoute, fn: (b: BatchBuilder) => void, link?: { names: readonly (string | undefined)[]; index?: number; del?: boolean }): void {
    this.requests ??= new BatchQueue(ip.ctx, ip.link, ip.addr);
    const at = this.requests.size;
    fn(this.requests.builder); // checks and builds now: bad input fails this line, as it would unpipelined
    this.current!.queued = at;
    if (link) {
      this.linksQueued = true;
      if (link.del) this.known.clear(); // a veth's peer goes with it
      for (const n of link.names) if (n !== undefined) this.known.delete(n);
      if (link.index !== undefined) for (const [n, i] of this.known) if (i === link.index) this.known.delete(n);
    }
  }

  /** Before a line that is not pipelined: everything sent and reported, nothing remembered. */
  async barrier(): Promise<void> {
    await this.drain();
    this.known.clear();
  }

  /** Whether requests wait to be sent. */
  get queued(): boolean {
    return (this.requests?.size ?? 0) > 0;
  }

  /** Whether the queue is long enough to send. */
  get full(): boolean {
    return (this.requests?.size ?? 0) >= MAX_QUEUED;
  }

  async drain(): Promise<void> {
    const records = this.records;
    this.records = [];
    const results = this.requests && this.requests.size > 0 ? await this.requests.send() : [];
    this.linksQueued = false;
    const saved = this.current;
    this.current = undefined; // write through
    try {
      for (const rec of records) {
        for (const c of rec.chunks) (c.fd === 1 ? this.ctx.out(c.text) : this.ctx.err(c.text));
        let status = rec.status ?? 0;
        const r = rec.queued === undefined ? undefined : results[rec.queued];
        if (r && !r.ok) {
          const rep = r.skipped ? { message: '', status: 1, exit: false } : report(r.error);
          if (rep.out !== undefined) this.ctx.out(rep.out);
          if (rep.message) this.ctx.err(rep.message);
          if (rep.exit) throw new CliExit('', rep.status);
          status = rep.status;
        }
        if (status !== 0) {
          this.ctx.err(`Command failed ${this.file}:${rec.line}`);
          this.failed = true;
        }
      }
    } finally {
      this.current = saved;
    }
  }
}

/** Run the commands of a -batch text; resolves with ip's status (1 when any line failed). */
export async function runBatchText(
  ctx: CommandContext, file: string, text: string,
  runCommand: (ctx: CommandContext, words: readonly string[]) => Promise<number>,
): Promise<number> {
  ctx.g.batch = true;
  const family = ctx.g.family;
  const pipe = ctx.g.force ? new BatchPipe(ctx, file) : undefined;
  let status = 0;
  for (const { line, text: cmd } of batchLines(text)) {
    const words = splitLine(cmd);
    if (words === null) {
      await pipe?.drain();
      throw new CliExit('Unterminated quoted string', 1);
    }
    if (words.length === 0) continue;
    ctx.g.family = family;
    if (!pipe || !pipelined(words)) {
      await pipe?.barrier();
      const rc = await runCommand(ctx, words);
      if (rc !== 0) {
        ctx.err(`Command failed ${file}:${line}`);
        status = 1;
        if (!ctx.g.force) break;
      }
      continue;
    }
    if (pipe.full) await pipe.drain();
    ctx.pipe = pipe;
    pipe.begin(line);
    let rc: number;
    try {
      rc = await runCommand(ctx, words);
    } catch (e) {
      // It ends the run (ip's exit()): the lines before it are sent and reported first.
      pipe.end(0);
      ctx.pipe = undefined;
      await pipe.drain();
      throw e;
    }
    ctx.pipe = undefined;
    pipe.end(rc);
    if (!pipe.queued) await pipe.drain(); // nothing waits: write through now
  }
  await pipe?.drain();
  return status || (pipe?.failed ? 1 : 0);
}
