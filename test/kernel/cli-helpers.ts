/** Helpers of the CLI kernel tests: run `ip` and `rtnl-ts` side by side and compare. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import type { ExecutionContext } from 'ava';
import { run, tryRun, uniq } from './_util.js';

/** bin/rtnl-ts.cjs of this checkout. */
export const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/rtnl-ts.cjs');

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run a program with arguments (no shell), optionally with stdin text and environment. */
export function exec(cmd: string, args: readonly string[], input?: string, env?: NodeJS.ProcessEnv): Ran {
  const r = spawnSync(cmd, [...args], { encoding: 'utf8', input, timeout: 60_000, env: env ?? process.env });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** `ip ARGS`. */
export const runIp = (...args: string[]): Ran => exec('ip', args);

/** `rtnl-ts ARGS`. */
export const runCli = (...args: string[]): Ran => exec(process.execPath, [BIN, ...args]);

/**
 * Values that change by themselves between two runs: bridge and port timers count down. Their
 * numbers are replaced (text "gc_timer  299.76", JSON "gc_timer":299.76); nothing else is touched.
 */
export function normalizeTimers(s: string): string {
  return s.replace(/(_timer) +\d+\.\d+/g, '$1 T').replace(/("[a-z_]*_timer": ?)\d+\.\d+/g, '$1"T"');
}

/**
 * tc's action ages, removed (text " installed 3 sec", JSON ',"installed":3'): they grow between two
 * reads, and tc leaves an age out while it is under one clock tick, so a read made at once after
 * an action is added may lack one that a later read has. `agesMasked` keeps them, numbers masked,
 * for reads made once every age shown is past its first tick.
 */
export function withoutAges(s: string): string {
  return s.replace(/ (installed|used|firstused|expires) \d+ sec|,\s*"(installed|last_used|first_used|expires)": ?\d+/g, '');
}

/** tc's action ages kept, their numbers masked (see withoutAges). */
export function agesMasked(s: string): string {
  return s.replace(/ (installed|used|firstused|expires) \d+ sec/g, ' $1 N sec').replace(/"(installed|last_used|first_used|expires)": ?\d+/g, '"$1":N');
}

/** What ip says, with the program's name as ip's: usage and "try ..." lines name the program. */
export function asIp(s: string): string {
  return s.replace(/rtnl-ts/g, 'ip');
}

/**
 * Run `ip ARGS`, `rtnl-ts ARGS`, `ip ARGS` until ip says the same thing twice around rtnl-ts
 * (counters of a live device may move between runs), then return ip's and rtnl-ts's results.
 */
export function sandwich(args: readonly string[], tries = 8): { ip: Ran; cli: Ran } {
  let last: { ip: Ran; cli: Ran } | undefined;
  for (let i = 0; i < tries; i++) {
    const a = runIp(...args);
    const cli = runCli(...args);
    const b = runIp(...args);
    last = { ip: a, cli };
    if (normalizeTimers(a.stdout) === normalizeTimers(b.stdout) && a.stderr === b.stderr && a.status === b.status) return last;
  }
  throw new Error(`ip ${args.join(' ')} never printed the same thing twice in a row`);
}

/**
 * Bad tc lines, in a fresh namespace prepared by `setup` (shell commands run inside it): rtnl-ts
 * prints tc's stderr with tc's status for each line and, when `state` names a tc read (`-n NS`
 * added), leaves what it shows as it was. `words` splits a line (default: on spaces).
 */
export function sameTcFailures(
  t: ExecutionContext, setup: string, lines: readonly string[],
  opts: { words?: (line: string) => string[]; state?: readonly string[] } = {},
): void {
  const ns = uniq('tcbad');
  const words = opts.words ?? ((line: string) => line.split(' '));
  const state = (): string => (opts.state ? exec('tc', ['-n', ns, ...opts.state]).stdout : '');
  try {
    run('ip', ['netns', 'add', ns]);
    run('ip', ['netns', 'exec', ns, 'bash', '-ec', setup]);
    const before = state();
    for (const line of lines) {
      const args = ['-n', ns, ...words(line)];
      const x = exec('tc', args);
      const y = runCli('tc', ...args);
      t.is(y.stderr, x.stderr, `stderr of tc ${line}`);
      t.is(y.status, x.status, `status of tc ${line}`);
      if (opts.state) t.is(state(), before, `the state after tc ${line}`);
    }
  } finally {
    tryRun('ip', ['netns', 'del', ns]);
  }
}
