/**
 * `rtnl-ts -force -batch FILE` pipelines address and link changes (src/cli/batch.ts). Against
 * `ip -force -batch FILE` in two fresh namespaces: stdout and stderr taken together on one
 * stream (2>&1), so the order of every line's output, error and "Command failed FILE:LINE" is
 * compared, the status, and the state left behind. The failures sit in the middle of runs of
 * queued lines: kernel refusals (an address already there, one that is not), a missing device
 * found while the line is read, a warning printed while reading, and lines that are not
 * pipelined (show) between them. Then that the lines really went several to a sendmsg.
 */
import test from 'ava';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { assertSandboxed, run, tryRun, uniq } from './_util.js';
import { BIN, exec, runIp, type Ran } from './cli-helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cli-batch-pipe-'));

test.before(() => assertSandboxed());
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

const mac = (s: string): string => s.replace(/([0-9a-f]{2}:){5}[0-9a-f]{2}/g, 'MAC');

function state(ns: string): string {
  return mac(runIp('-n', ns, 'addr').stdout).replace(/fe80::\S+/g, 'LL').replace(/valid_lft.*/g, '');
}

/** `TOOL -n NS ARGS` with stderr on stdout, in a fresh namespace; the state it leaves. */
function inNs(tool: string[], args: string[], prefix: string): { ran: Ran; state: string } {
  const ns = uniq(prefix);
  run('ip', ['netns', 'add', ns]);
  try {
    const cmd = [...tool, '-n', ns, ...args].map((w) => `'${w}'`).join(' ');
    const ran = exec('sh', ['-c', `${cmd} 2>&1`]);
    return { ran, state: state(ns) };
  } finally {
    tryRun('ip', ['netns', 'del', ns]);
  }
}

const SCRIPT = [
  'link add d0 type veth peer name e0',
  'addr add 10.0.0.1/24 dev d0',
  'addr add 10.0.0.2/24 dev d0',
  'addr add 10.0.0.1/24 dev d0',
  'addr add 10.0.0.3/24 dev d0 home',
  'addr add 10.0.0.4/24 dev nosuch',
  'addr del 10.9.9.9/24 dev d0',
  'addr add 10.0.0.5/24 dev d0',
  'link set d0 up mtu 1400',
  'link add d0 type veth peer name e0',
  'link add d1 type veth peer name e1',
  'addr add 10.1.0.1/24 dev d1',
  'addr show dev d0',
  'addr change 10.0.0.5/24 dev d0 valid_lft 100 preferred_lft 50',
  'addr replace 10.0.0.9/24 dev d0',
  'link set d1 name d2',
  'addr add 10.2.0.1/24 dev d2',
  'addr add 10.2.0.2/24 dev d1',
  'link del d2',
  'addr add 10.2.0.3/24 dev d2',
  'addr add 10.0.0.10/24 dev d0',
].join('\n') + '\n';

test('a pipelined -force run reports every failure in the middle of it as ip -force -batch does', (t) => {
  const f = path.join(dir, 'pipe.batch');
  writeFileSync(f, SCRIPT);
  const ip = inNs(['ip'], ['-force', '-batch', f], 'pip');
  const cli = inNs([process.execPath, BIN], ['-force', '-batch', f], 'pcl');
  t.is(ip.ran.status, 1);
  t.is(cli.ran.status, ip.ran.status);
  t.is(mac(cli.ran.stdout), mac(ip.ran.stdout));
  for (const line of [4, 6, 7, 10, 18, 20]) t.regex(cli.ran.stdout, new RegExp(`Command failed ${f}:${line}\\n`));
  t.regex(cli.ran.stdout, /Warning: home option can be set only for IPv6 addresses\n/);
  t.regex(cli.ran.stdout, /inet 10\.0\.0\.5\/24/, 'the show in the middle saw the lines before it');
  t.is(cli.state, ip.state);
  t.regex(cli.state, /10\.0\.0\.10\/24/);
});

test('an argument error in a pipelined run sends the lines before it, then ends the run', (t) => {
  const f = path.join(dir, 'exit.batch');
  writeFileSync(f, 'link add d0 type veth peer name e0\naddr add 10.0.0.1/24 dev d0\naddr add 10.0.0.1/24 dev d0\naddr add 10.0.0.300/24 dev d0\naddr add 10.0.0.2/24 dev d0\n');
  const ip = inNs(['ip'], ['-force', '-batch', f], 'pip');
  const cli = inNs([process.execPath, BIN], ['-force', '-batch', f], 'pcl');
  t.is(cli.ran.status, ip.ran.status);
  t.is(cli.ran.stdout, ip.ran.stdout);
  t.is(cli.ran.stdout, `Error: ipv4: Address already assigned.\nCommand failed ${f}:3\nError: any valid prefix is expected rather than "10.0.0.300/24".\n`);
  t.is(cli.state, ip.state);
});

test('address lines go several to a sendmsg with -force, one at a time without', (t) => {
  const f = path.join(dir, 'many.batch');
  const lines = ['link add d0 type veth peer name e0'];
  for (let i = 1; i <= 200; i++) lines.push(`addr add 10.3.${i >> 8}.${i & 255}/32 dev d0`);
  writeFileSync(f, lines.join('\n') + '\n');
  const sends = (force: boolean): number => {
    const trace = path.join(dir, `trace-${force}`);
    const r = inNs(['strace', '-f', '-qq', '-e', 'trace=sendto,sendmsg', '-o', trace, process.execPath, BIN],
      [...(force ? ['-force'] : []), '-batch', f], 'pcl');
    t.is(r.ran.status, 0, r.ran.stdout);
    t.regex(r.state, /10\.3\.0\.200\/32/);
    return readFileSync(trace, 'utf8').split('\n').filter((l) => /send(to|msg)\(/.test(l)).length;
  };
  const piped = sends(true);
  const one = sends(false);
  t.true(one >= 200, `${one} sends without -force`);
  t.true(piped < 20, `${piped} sends with -force`);
});
