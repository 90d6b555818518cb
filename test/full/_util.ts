/**
 * Helpers of the full-kernel tests, which run as root inside the User-Mode Linux guest booted by
 * scripts/full-kernel-tests.js (a full 6.1 kernel, one CPU, ~16x slower than the host). Each test
 * makes its own namespace with freshNetns(t), which is deleted when the test ends.
 *
 * Importing this module also registers, for the test file that imports it, a guard (the file
 * refuses to run outside the guest) and a log line with the file's time.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import test, { type ExecutionContext } from 'ava';
import { IpRoute } from '../../src/api/iproute.js';

/** Throws unless this process runs inside the UML guest of scripts/uml-run. */
export function assertInGuest(): void {
  if (process.env.UML_RUN !== '1') {
    throw new Error('full-kernel tests run inside User-Mode Linux: npm run test:full (node scripts/full-kernel-tests.js)');
  }
}

test.before(() => assertInGuest());
test.after.always((t) => {
  // the worker process's age: node's start, the file's imports and its tests
  t.log(`file time ${(performance.now() / 1000).toFixed(1)} s`);
});

/** Run a program (no shell), return its stdout; throw with its stderr when it fails. */
export function run(cmd: string, args: readonly string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Run a program and return status, stdout and stderr without throwing. */
export function tryRun(cmd: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** Parse the output of a `-j` command ('' is an empty list). */
function json<T>(out: string): T {
  const s = out.trim();
  return (s ? JSON.parse(s) : []) as T;
}

/** `ip ...` in the guest's initial namespace; `ipJson` parses `ip -j ...`. */
export const ip = (...args: string[]): string => run('ip', args);
export const ipJson = <T = any>(...args: string[]): T => json<T>(run('ip', ['-j', ...args]));

/**
 * Load kernel modules in the guest (uml-run puts a `modprobe` for the UML kernel's modules first
 * on PATH). Creating a link or a qdisc loads its module by itself; this is for the rest.
 */
export function modprobe(...modules: string[]): void {
  for (const m of modules) run('modprobe', [m]);
}

/** A namespace of one test, and `ip`, `tc` and the API inside it. */
export interface Netns {
  name: string;
  /** `ip -n NAME ...`, stdout. */
  ip(...args: string[]): string;
  /** `ip -n NAME -j ...`, parsed. */
  ipJson<T = any>(...args: string[]): T;
  /** `tc -n NAME ...`, stdout. */
  tc(...args: string[]): string;
  /** `tc -n NAME -j ...`, parsed. */
  tcJson<T = any>(...args: string[]): T;
  /** Any program inside it (`ip netns exec NAME CMD ...`), stdout. */
  exec(cmd: string, ...args: string[]): string;
  /** An IpRoute in it; closed when the test ends. */
  open(): Promise<IpRoute>;
}

let counter = 0;

/** A fresh namespace (`ip netns add`) deleted with everything in it when the test ends. */
export function freshNetns(t: ExecutionContext, prefix = 'full'): Netns {
  const name = `${prefix}${process.pid.toString(36)}x${counter++}`;
  run('ip', ['netns', 'add', name]);
  t.teardown(() => {
    tryRun('ip', ['netns', 'del', name]);
  });
  return {
    name,
    ip: (...args) => run('ip', ['-n', name, ...args]),
    ipJson: <T>(...args: string[]) => json<T>(run('ip', ['-n', name, '-j', ...args])),
    tc: (...args) => run('tc', ['-n', name, ...args]),
    tcJson: <T>(...args: string[]) => json<T>(run('tc', ['-n', name, '-j', ...args])),
    exec: (cmd, ...args) => run('ip', ['netns', 'exec', name, cmd, ...args]),
    open: async () => {
      const api = await IpRoute.open({ netns: name });
      t.teardown(() => api.close());
      return api;
    },
  };
}

/**
 * Poll until `probe` returns something other than undefined or false, and return it; fail after
 * `timeoutMs` (default 60 s: the guest is slow) naming `what`. For waits: no fixed sleeps here.
 */
export async function waitFor<T>(
  what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, { timeoutMs = 60_000, intervalMs = 50 } = {},
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
