/**
 * What every CLI command gets: the global options (iproute2's globals: -j, -d, -s, -4 ...), a
 * lazily opened IpRoute handle in the right namespace, a fresh printer, and the output sinks.
 */
import { writeSync } from 'node:fs';
import type { IpRoute } from '../api/iproute.js';
import { isatty } from 'node:tty';
import { Printer, type Palette } from './printer.js';

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

/** The per-command context handed to each object's handler. */
export class CommandContext {
  private handle: Promise<IpRoute> | undefined;
  /**
   * ip's `do_link`, which `link show` sets and nothing clears: later `addr show` commands of the
   * same -batch run print their links as `link show` does (mode, alias, counters placement).
   */
  linkShown = false;

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
    writeAll(1, s);
  }

  /** Write a printer's output so far to stdout. */
  flush(p: Printer): void {
    writeAll(1, p.take());
  }

  /** Write a line to stderr. */
  err(line: string): void {
    writeAll(2, line.endsWith('\n') ? line : `${line}\n`);
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
