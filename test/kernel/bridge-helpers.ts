/** Helpers of the `rtnl-ts bridge` kernel tests: run iproute2's `bridge` and `rtnl-ts bridge` side by side. */
import type { ExecutionContext } from 'ava';
import { freshNetns, waitUntil } from './_util.js';
import { BIN, exec, type Ran } from './cli-helpers.js';

/** `bridge ARGS` (iproute2 6.1). */
export const runBridge = (...args: string[]): Ran => exec('bridge', args);

/** `rtnl-ts bridge ARGS`. */
export const runCliBridge = (...args: string[]): Ran => exec(process.execPath, [BIN, 'bridge', ...args]);

/** Both tools on the same words must say the same thing: stdout, stderr and status. */
export function sameAsBridge(t: ExecutionContext, ...args: string[]): Ran {
  const want = runBridge(...args);
  const got = runCliBridge(...args);
  t.deepEqual(got, want, `bridge ${args.join(' ')}`);
  return got;
}

/** Run shell lines (ip / bridge) in namespace `ns`; throws on the first that fails. */
export function inNs(ns: string, lines: readonly string[]): void {
  for (const line of lines) {
    const [prog, ...rest] = line.split(' ');
    const r = exec(prog!, ['-n', ns, ...rest]);
    if (r.status !== 0) throw new Error(`${line}: ${r.stderr}`);
  }
}

/** A namespace holding `lines` (ip/bridge lines run with -n); removed when the test ends. */
export function labNs(t: { teardown(fn: () => void): void }, prefix: string, lines: readonly string[]): string {
  const ns = freshNetns(prefix);
  t.teardown(ns.del);
  inNs(ns.name, lines);
  return ns.name;
}

/**
 * Bridge port `dev` of namespace `ns` forwarding. A port whose carrier comes after `up` (a veth
 * whose peer is up) is set forwarding by linkwatch, a moment later, on a kernel worker: a read or
 * a port state set in between would race it.
 */
export function untilForwarding(ns: string, dev: string): void {
  waitUntil(`bridge port ${dev} in ${ns} forwarding`, () =>
    (JSON.parse(runBridge('-n', ns, '-j', 'link', 'show', 'dev', dev).stdout || '[]') as { state?: string }[])[0]?.state === 'forwarding');
}
