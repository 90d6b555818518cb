/**
 * What every CLI command gets: the global options (iproute2's globals: -j, -d, -s, -4 ...), a
 * lazily opened IpRoute handle in the right namespace, a fresh printer, and the output sinks.
 */
import { writeSync } from 'node:fs';
import type { IpRoute } from '../api/iproute.js';
import type { BatchBuilder } from '../api/batch.js';
import { createRequire } from 'node:module';
import { Printer, type Palette } from './printer.js';

/**
 * node:tty loaded only when a color mode asks whether stdout is a terminal: loading it also
 * loads node:net and its streams, ~5 ms of every start-up that prints no color.
 */
const isatty = (fd: number): boolean => (createRequire(import.meta.url)('node:tty') as typeof import('node:tty')).isatty(fd);

/** The global options, named after ip's switches. */
export interface Globals {
  json: boolean;
  pretty: boolean;
  /** -d, repeatable. */
  details: number;
  /** -s, repeatable. */
  stats: number;
  brief: boolean;
  oneline: boolean;
  /** -h[uman-readable]: counters with k/M/G suffixes. */
  human: boolean;
  /** -iec: powers of 1024 for -h. */
  iec: boolean;
  /** -4 / -6 / -0 (link) / -f FAMILY. */
  family: 'inet' | 'inet6' | 'link' | undefined;
  /** -n NAME: every request goes to this named namespace. */
  netns: string | undefined;
  force: boolean;
  /** -t[imestamp] (and -ts): how many times given; `monitor` prints a timestamp per event. */
  timestamp: number;
  /** -ts[hort]: the short timestamp form. */
  timestampShort: boolean;
  /** -a[ll]: `netns delete` / `netns exec` on every namespace. */
  all: boolean;
  /** Running a -batch file (netns exec then forks and waits instead of replacing ip). */
  batch: boolean;
  /** -c[olor][=always|auto|never]; default (undefined) never, as Debian's ip is built. */
  color?: 'never' | 'auto' | 'always';
}

/**
 * check_enable_color: the palette when text is colored (-color=always, or auto with stdout a
 * terminal; never with -j), dark when COLORFGBG's last field is 0-6 or 8 (set_color_palette).
 */
export function colorPalette(g: Readonly<Globals>, isTty: boolean, env: NodeJS.ProcessEnv = process.env): Palette | undefined {
  if (g.json || g.color === undefined || g.color === 'never') return undefined;
  if (g.color === 'auto' && !isTty) return undefined;
  const bg = /;([0-68])$/.exec(env.COLORFGBG ?? '');
  return bg ? 'dark' : 'light';
}

/** Write all of `s` to a file descriptor, synchronously (ordered with children's output). */
export function writeAll(fd: number, s: string): void {
  if (s.length === 0) return;
  const buf = Buffer.from(s);
  for (let off = 0; off < buf.length;) {
    try {
      off += writeSync(fd, buf, off, buf.length - off);
    } catch (e) {
      const code = (e as { code?: string }).code;
      // The reader went away (`rtnl-ts link | head -1`): end quietly, as ip dies of SIGPIPE.
      if (code === 'EPIPE') process.exit(141);
      if (code !== 'EAGAIN') throw e;
    }
  }
}

/**
 * What a pipelined line of a `-force -batch` run (src/cli/batch.ts) queues its request on and
 * looks its devices up through, so that it sees the state the lines before it leave.
 */
export interface LinePipe {
  /** ll_name_to_index (0 when there is none), first sending what is queued when it may change the answer. */
  index(ip: IpRoute, name: string): Promise<number>;
  /**
   * Queue the line's one request (`fn` checks and builds it now, so bad input fails the line as
   * it would unpipelined). `link` says which devices a link request may create, rename, move or
   * delete (by name, and the index it names); lookups then wait for its answer.
   */
  queue(ip: IpRoute, fn: (b: BatchBuilder) => void, link?: { names: readonly (string | undefined)[]; index?: number; del?: boolean }): void;
  /** Send and report everything queued: the line is about to read state or send on its own. */
  barrier(): Promise<void>;
  /** Whether the line's output is being kept (until the lines before it are reported). */
  readonly reading: boolean;
  /** Keep output of the line being read. */
  write(fd: 1 | 2, text: string): void;
}

/** The per-command context handed to each object's handler. */
export class CommandContext {
  private handle: Promise<IpRoute> | undefined;
  /**
   * ip's `do_link`, which `link show` sets and nothing clears: later `addr show` commands of the
   * same -batch run print their links as `link show` does (mode, alias, counters placement).
   */
  linkShown = false;
  /** Set while a pipelined line of a `-force -batch` run is read (its handler queues through it). */
  pipe: LinePipe | undefined;

  constructor(readonly g: Globals) {}

  private paletteMemo: { value: Palette | undefined } | undefined;
  /** The palette of colored output for this run, or undefined when text is not colored. */
  get palette(): Palette | undefined {
    this.paletteMemo ??= { value: this.g.color === undefined || this.g.color === 'never' ? undefined : colorPalette(this.g, isatty(1)) };
    return this.paletteMemo.value;
  }

  /** The IpRoute handle (in the -n namespace), opened on first use and kept for the run. */
  ip(): Promise<IpRoute> {
    this.handle ??= import('../api/iproute.js').then(({ IpRoute }) =>
      IpRoute.open(this.g.netns !== undefined ? { netns: this.g.netns } : {}));
    return this.handle;
  }

  /** A printer for one command's output, in the global mode. */
  printer(): Printer {
    return new Printer({ json: this.g.json, pretty: this.g.pretty, oneline: this.g.oneline, color: this.palette });
  }

  /** Write text to stdout now. */
  out(s: string): void {
    if (this.pipe?.reading) this.pipe.write(1, s);
    else writeAll(1, s);
  }

  /** Write a printer's output so far to stdout. */
  flush(p: Printer): void {
    this.out(p.take());
  }

  /** Write a line to stderr. */
  err(line: string): void {
    const s = line.endsWith('\n') ? line : `${line}\n`;
    if (this.pipe?.reading) this.pipe.write(2, s);
    else writeAll(2, s);
  }

  /** Close the handle if one was opened. */
  async close(): Promise<void> {
    if (!this.handle) return;
    try {
      (await this.handle).close();
    } catch {
      /* it never opened */
    }
  }
}
