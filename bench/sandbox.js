// What the bench scripts share: the sandbox they run in, fresh named namespaces for each run,
// the C floor, and waiting for the machine to go idle.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SANDBOX_ENV = 'RTNL_TS_BENCH_SANDBOX';

/** Debian's python3 (pyroute2 is Debian's package; a python3 earlier on PATH may be another). */
export const PYTHON = '/usr/bin/python3';

/** True when this process already runs inside the bench's sandbox. */
export function inSandbox() {
  return process.env[SANDBOX_ENV] === '1';
}

/**
 * Outside the sandbox: run `script` (relative to the repo) with our argv inside the project's
 * sandbox (scripts/sandbox.js: new network and mount namespaces, tmpfs on /run/netns and
 * /etc/netns, /sys remounted, lo up), then exit with its status.
 */
export function enterSandbox(script) {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) {
    console.error('the bench needs root on Linux (it makes network namespaces in a sandbox of its own)');
    process.exit(1);
  }
  const argv = ['scripts/sandbox.js', 'env', `${SANDBOX_ENV}=1`, process.execPath, script, ...process.argv.slice(2)];
  const r = spawnSync(process.execPath, argv, { cwd: root, stdio: 'inherit' });
  if (r.error) console.error(`cannot start the sandbox: ${r.error.message}`);
  process.exit(r.status ?? 1);
}

/** Run a command, return its stdout; throw with its stderr when it fails. */
export function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${(r.stderr || r.stdout).trim().slice(0, 500)}`);
  return r.stdout;
}

/** Compile bench/floor.c into `dir`; returns the binary's path. */
export function buildFloor(dir) {
  const bin = path.join(dir, 'floor');
  sh('cc', ['-O2', '-Wall', '-o', bin, path.join(root, 'bench/floor.c')]);
  return bin;
}

let nsSeq = 0;

/** A fresh named namespace with lo up and `setup` (lines of `ip -n NS` arguments) done in it. */
export function freshNetns(setup) {
  const ns = `bench${++nsSeq}`;
  sh('ip', ['netns', 'add', ns]);
  sh('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
  for (const line of setup) sh('ip', ['-n', ns, ...line.split(' ')]);
  return ns;
}

export function delNetns(ns) {
  sh('ip', ['netns', 'del', ns]);
}

/** CPU time counters of the whole machine: [busy, total] jiffies. */
function cpuTimes() {
  const f = readFileSync('/proc/stat', 'latin1').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  const idle = (f[3] ?? 0) + (f[4] ?? 0);
  return [total - idle, total];
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Wait until the machine is idle (the kernel tears namespaces down in the background after
 * `ip netns del`): two 100 ms windows in a row under 5% busy, or 2 s at most (other work on
 * the machine). Returns the busy fraction of the last window, kept with the sample.
 */
export async function quiesce() {
  let calm = 0;
  let busy = 1;
  const deadline = Date.now() + 2_000;
  while (calm < 2 && Date.now() < deadline) {
    const [b0, t0] = cpuTimes();
    await sleep(100);
    const [b1, t1] = cpuTimes();
    busy = t1 > t0 ? (b1 - b0) / (t1 - t0) : 1;
    calm = busy < 0.05 ? calm + 1 : 0;
  }
  return busy;
}
