/**
 * Link kinds built and read by both tools, for the kernel tests (this kernel) and the full-kernel
 * tests (test/full, inside User-Mode Linux): the same command lines are run by `ip` on devices
 * named `ip_...` and by `rtnl-ts` on devices named `ts_...` in one namespace, each tool in one
 * `-batch` run (a process costs ~2 s in the guest); then
 *  - each rtnl-ts-made device must look exactly like its ip-made twin to `ip -j -d link show`
 *    (made by rtnl-ts, read by ip), and
 *  - `rtnl-ts -d link show` must print what `ip -d link show` prints, text and JSON, for every
 *    device of the namespace (made by ip and by rtnl-ts, read by rtnl-ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ExecutionContext } from 'ava';
import { asIp, normalizeTimers, runCli, runIp } from './cli-helpers.js';

/** The name prefix of each side's devices: `{}` in a command line becomes it. */
export const SIDES = { ip: 'ip_', ts: 'ts_' } as const;

/** A command line for one side: `{}` replaced by the side's prefix. */
export function forSide(line: string, side: keyof typeof SIDES): string {
  return line.replaceAll('{}', SIDES[side]);
}

/**
 * Run the same command lines with both tools, each on its own devices, each tool in one -batch
 * run of the same file (-force: every line runs); both must end the same way (status, stderr
 * with rtnl-ts's program name read as ip's), and without errors unless `failures` says some
 * lines are meant to fail.
 */
export function buildBoth(t: ExecutionContext, ns: string, lines: readonly string[], opts: { failures?: boolean } = {}): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'kinds-'));
  try {
    const file = path.join(dir, 'batch');
    writeFileSync(file, `${lines.map((l) => forSide(l, 'ip')).join('\n')}\n`);
    const a = runIp('-n', ns, '-force', '-batch', file);
    writeFileSync(file, `${lines.map((l) => forSide(l, 'ts')).join('\n')}\n`);
    const b = runCli('-n', ns, '-force', '-batch', file);
    t.is(asIp(b.stderr).replaceAll(SIDES.ts, SIDES.ip), a.stderr, 'the same errors');
    t.is(b.status, a.status, `the same status\nip: ${a.stderr}\nrtnl-ts: ${b.stderr}`);
    if (!opts.failures) t.is(a.stderr, '', 'every line runs (unless failures are expected)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What differs between twins by nature: index, random MACs, names (masked to one prefix). */
function twin(link: Record<string, unknown>): string {
  const { ifindex: _i, address: _a, broadcast: _b, permaddr: _p, ...rest } = link;
  const port = (rest.linkinfo as { info_slave_data?: Record<string, unknown> } | undefined)?.info_slave_data;
  if (port) delete port.perm_hwaddr; // a bond port's own random MAC
  return JSON.stringify(rest).replaceAll(`"${SIDES.ip}`, '"X_').replaceAll(`"${SIDES.ts}`, '"X_');
}

/**
 * Every `ts_` device must be its `ip_` twin in `ip -j -d link show` (index, MAC and names set
 * aside). Returns ip's JSON of the namespace for more checks.
 */
export function assertTwins(t: ExecutionContext, ns: string, names: readonly string[]): Record<string, any>[] {
  const all = JSON.parse(runIp('-n', ns, '-j', '-d', 'link', 'show').stdout) as Record<string, any>[];
  const byName = new Map(all.map((l) => [l.ifname as string, l]));
  for (const name of names) {
    const a = byName.get(SIDES.ip + name);
    const b = byName.get(SIDES.ts + name);
    if (!a || !b) {
      t.fail(`${name}: made by ip: ${a ? 'yes' : 'no'}, made by rtnl-ts: ${b ? 'yes' : 'no'}`);
      continue;
    }
    t.is(twin(b), twin(a), `${name}: rtnl-ts made what ip made`);
  }
  return all;
}

/** `rtnl-ts ARGS` prints what `ip ARGS` prints in namespace `ns` (status, stderr, stdout; JSON parsed too). */
export function assertSameShow(t: ExecutionContext, ns: string, args: readonly string[]): void {
  const a = runIp('-n', ns, ...args);
  const b = runCli('-n', ns, ...args);
  const what = args.join(' ');
  t.is(b.status, a.status, what);
  t.is(asIp(b.stderr), a.stderr, what);
  if (args.includes('-j')) t.deepEqual(JSON.parse(normalizeTimers(b.stdout)), JSON.parse(normalizeTimers(a.stdout)), what);
  t.is(normalizeTimers(b.stdout), normalizeTimers(a.stdout), what);
}

/**
 * Bad command lines: each fails with ip's words and status through rtnl-ts, and neither tool
 * changes the namespace.
 */
export function assertSameFailures(t: ExecutionContext, ns: string, lines: readonly string[]): void {
  const state = (): string => normalizeTimers(runIp('-n', ns, '-j', '-d', 'link', 'show').stdout);
  const before = state();
  for (const line of lines) {
    const args = line.split(' ');
    const a = runIp('-n', ns, ...args);
    const b = runCli('-n', ns, ...args);
    t.not(a.status, 0, `ip ${line} fails`);
    t.is(b.status, a.status, `status: ${line}\nip: ${a.stderr}\nrtnl-ts: ${b.stderr}`);
    t.is(asIp(b.stderr), a.stderr, line);
    t.is(b.stdout, a.stdout, line);
  }
  t.is(state(), before, 'nothing changed');
}
