/**
 * Helpers of the monitor comparisons (`ip monitor`, `bridge monitor` beside rtnl-ts's): a watched
 * process, the number of sockets listening in its namespace, and polling in place of fixed sleeps,
 * which a loaded machine outlasts (a monitor that subscribes late misses the first events; one
 * stopped early has not printed the last).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Watcher {
  pid: number;
  /** All it printed so far, stderr lines marked "STDERR ". */
  text: () => string;
  lines: () => string[];
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

export function watch(cmd: string, args: readonly string[]): Watcher {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => { out += s; });
  child.stderr.setEncoding('utf8').on('data', (s: string) => { out += `STDERR ${s}`; });
  const done = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    pid: child.pid ?? 0,
    text: () => out,
    lines: () => out.split('\n').filter((l) => l !== ''),
    stop: async (signal = 'SIGTERM') => {
      child.kill(signal);
      return done;
    },
  };
}

/**
 * The rtnetlink sockets that listen to a group in the namespace of process `pid`
 * (/proc/PID/net/netlink; only the first 32 groups are shown, which every monitor here uses).
 */
export function listeners(pid: number): number {
  try {
    const rows = readFileSync(`/proc/${pid}/net/netlink`, 'utf8').trim().split('\n').slice(1);
    return rows.map((r) => r.trim().split(/\s+/)).filter((c) => c[1] === '0' && c[3] !== '00000000').length;
  } catch {
    return 0; // the process has not entered the namespace yet, or is gone
  }
}

/** Poll `ok` every 50 ms until it holds or `ms` pass. */
export async function until(ok: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (ok()) return true;
  return ok();
}

/**
 * A check for `until`: the watchers' outputs are `same` and none has printed anything for
 * `quietMs`.
 */
export function settled(watchers: readonly Watcher[], same: () => boolean, quietMs: number): () => boolean {
  let last = '';
  let since = Date.now();
  return () => {
    const now = watchers.map((w) => w.text()).join('\0');
    if (now !== last) [last, since] = [now, Date.now()];
    return same() && Date.now() - since >= quietMs;
  };
}
