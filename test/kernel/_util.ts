/** Helpers for kernel tests, which run as root inside the sandbox made by scripts/kernel-tests.js. */
import { execFileSync, spawnSync } from 'node:child_process';

/** Run a command, return its stdout; throw with its stderr when it fails. */
export function run(cmd: string, args: string[], input?: string): string {
  return execFileSync(cmd, args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Run a command and return status, stdout and stderr without throwing. */
export function tryRun(cmd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `ip` with arguments, stdout as text. */
export const ip = (...args: string[]): string => run('ip', args);

/** `ip -j ...` parsed. */
export function ipJson<T = any>(...args: string[]): T {
  const out = run('ip', ['-j', ...args]).trim();
  return (out ? JSON.parse(out) : []) as T;
}

let counter = 0;
/**
 * A unique short name for a test object (interface names must stay under 16 bytes): the whole pid
 * in base 36 (3-5 characters), as files run side by side in one sandbox and some share a prefix.
 */
export function uniq(prefix: string): string {
  return `${prefix}${process.pid.toString(36)}x${counter++}`;
}

/** Make a named namespace with `ip netns add`; `del()` removes it. */
export function freshNetns(prefix = 'tns'): { name: string; path: string; del: () => void } {
  const name = uniq(prefix);
  ip('netns', 'add', name);
  return { name, path: `/run/netns/${name}`, del: () => { tryRun('ip', ['netns', 'del', name]); } };
}

/** The sandbox guard: kernel tests refuse to run in what looks like the host namespace. */
export function assertSandboxed(): void {
  const links = ipJson<{ ifname: string }[]>('link', 'show').map((l) => l.ifname);
  if (links.includes('eth0') && !process.env.RTNL_TS_SANDBOX) {
    throw new Error('kernel tests must run inside the sandbox (npm run test:kernel), not in the host namespace');
  }
}

/**
 * Poll `ok` every 10 ms (blocking: these tests run commands synchronously) until it holds; throw
 * naming `what` after `timeoutMs`. For states the kernel reaches on its own time, never a sleep.
 */
export function waitUntil(what: string, ok: () => boolean, timeoutMs = 5_000): void {
  const tick = new Int32Array(new SharedArrayBuffer(4));
  for (const end = Date.now() + timeoutMs; !ok();) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    Atomics.wait(tick, 0, 0, 10);
  }
}

/**
 * Devices running with their carrier: operstate UP and an IPv6 link-local. Both come from
 * linkwatch a moment after `up` (up to a second for a bridge, whose carrier follows its ports), so
 * two snapshots taken across that moment differ. `netns`: where they are.
 */
export function untilRunning(devs: readonly string[], netns?: string): void {
  waitUntil(`${devs.join(', ')} running with a link-local`, () => {
    const links = ipJson<{ ifname: string; operstate: string; addr_info: { scope: string }[] }[]>(...(netns ? ['-n', netns] : []), 'addr', 'show');
    return devs.every((d) => links.some((l) => l.ifname === d && l.operstate === 'UP' && l.addr_info.some((a) => a.scope === 'link')));
  });
}
