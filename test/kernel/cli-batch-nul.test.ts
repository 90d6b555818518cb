// A NUL byte in a -batch line: rtnl-ts reads the line as ip does (it ends at the NUL), so the
// same thing happens to the device, with the same output and status (issue 22).
import test from 'ava';
import { BIN, exec, type Ran } from './cli-helpers.js';
import { assertSandboxed, ip, ipJson, tryRun, uniq } from './_util.js';

const batch = (tool: 'ip' | 'rtnl-ts', text: string): Ran =>
  tool === 'ip' ? exec('ip', ['-batch', '-'], text) : exec(process.execPath, [BIN, '-batch', '-'], text);
const mtu = (dev: string): number => ipJson<{ mtu: number }[]>('link', 'show', 'dev', dev)[0]!.mtu;

test.before(() => assertSandboxed());

for (const [what, line, expected] of [
  ['link set v0\\0junk mtu 1400: nothing changes', (v: string) => `link set ${v}\0junk mtu 1400\n`, 1500],
  ['link set v0 mtu 1300\\0junk: the mtu before the NUL is set', (v: string) => `link set ${v} mtu 1300\0junk\n`, 1300],
  ['a NUL in the middle of the name', (v: string) => `link set ${v.slice(0, 2)}\0${v.slice(2)} mtu 1400\n`, 1500],
] as const) {
  test(`-batch with a NUL, ${what}; as ip`, (t) => {
    const results: Record<string, { ran: Ran; mtu: number }> = {};
    for (const tool of ['ip', 'rtnl-ts'] as const) {
      const v = uniq('bn');
      ip('link', 'add', v, 'type', 'veth', 'peer', 'name', `${v}p`);
      try {
        const ran = batch(tool, line(v));
        results[tool] = { ran: { ...ran, stderr: ran.stderr.replaceAll(v, 'V') }, mtu: mtu(v) };
      } finally {
        tryRun('ip', ['link', 'del', v]);
      }
    }
    t.deepEqual(results['rtnl-ts'], results.ip);
    t.is(results.ip!.mtu, expected);
  });
}
