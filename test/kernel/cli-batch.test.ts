/**
 * `rtnl-ts -batch FILE` against `ip -batch FILE`, in the sandbox: the same file runs in two fresh
 * namespaces, one per tool. A failing line prints its error and "Command failed FILE:LINE" and
 * stops the run with status 1; with -force the run goes on and still ends with status 1; an
 * argument error ends the run at once (status 255) as ip's exit() does. Outputs and the states
 * left behind must be the same.
 */
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { assertSandboxed, run, tryRun, uniq } from './_util.js';
import { BIN, exec, runIp, type Ran } from './cli-helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cli-batch-'));

test.before(() => assertSandboxed());

const mac = (s: string): string => s.replace(/([0-9a-f]{2}:){5}[0-9a-f]{2}/g, 'MAC');

function batchFile(name: string, text: string): string {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
}

/** The links and addresses of a namespace, with the random parts (MACs, link-locals) blanked. */
function state(ns: string): string {
  return runIp('-n', ns, '-br', 'addr').stdout.replace(/fe80::\S+/g, 'LL') + mac(runIp('-n', ns, '-br', 'link').stdout);
}

/** Run `TOOL -n NS [extra] -batch FILE` for ip and rtnl-ts in two fresh namespaces. */
function both(file: string, extra: string[] = [], input?: string): { ip: Ran; cli: Ran; ipState: string; cliState: string } {
  const a = uniq('bip');
  const b = uniq('bcl');
  run('ip', ['netns', 'add', a]);
  run('ip', ['netns', 'add', b]);
  try {
    const ip = exec('ip', ['-n', a, ...extra, '-batch', file], input);
    const cli = exec(process.execPath, [BIN, '-n', b, ...extra, '-batch', file], input);
    return { ip, cli, ipState: state(a), cliState: state(b) };
  } finally {
    tryRun('ip', ['netns', 'del', a]);
    tryRun('ip', ['netns', 'del', b]);
  }
}

const SCRIPT = [
  'link add veth0 type veth peer name veth1',
  '# a comment line',
  'link set veth0 up',
  '',
  'addr add 10.0.0.1/24 dev veth0',
  'link show dev veth0',
  'link set dev veth9 up',
  'link add veth2 type veth peer name veth3',
  'addr add 10.0.0.1/24 dev veth0',
  'link add veth4 type veth peer \\',
  '   name veth5',
  'addr show dev veth4',
].join('\n') + '\n';

test('a failing line stops the batch and is reported with its line number', (t) => {
  const f = batchFile('stop.batch', SCRIPT);
  const { ip, cli, ipState, cliState } = both(f);
  t.is(ip.status, 1);
  t.is(cli.status, ip.status);
  t.is(cli.stderr, ip.stderr);
  t.is(cli.stderr, `Cannot find device "veth9"\nCommand failed ${f}:7\n`);
  t.is(mac(cli.stdout), mac(ip.stdout));
  t.regex(cli.stdout, /veth0@veth1: <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN>/);
  t.is(cliState, ipState);
  t.notRegex(cliState, /veth2/, 'nothing after the failing line ran');
});

test('with -force the batch goes on after failures and ends with status 1', (t) => {
  const f = batchFile('force.batch', SCRIPT);
  const { ip, cli, ipState, cliState } = both(f, ['-force']);
  t.is(ip.status, 1);
  t.is(cli.status, 1);
  t.is(cli.stderr, ip.stderr);
  t.is(cli.stderr, `Cannot find device "veth9"\nCommand failed ${f}:7\nError: ipv4: Address already assigned.\nCommand failed ${f}:9\n`);
  t.is(mac(cli.stdout), mac(ip.stdout));
  // ip's do_link stays set after `link show`: the later `addr show dev veth4` prints the link alone.
  t.regex(cli.stdout, /7: veth4@veth5: .* mode DEFAULT /);
  t.is(cliState, ipState);
  t.regex(cliState, /veth2/);
  t.regex(cliState, /veth4@veth5/, 'a continued line ran as one command');
});

test('an argument error ends the batch at once, even with -force', (t) => {
  const f = batchFile('exit.batch', 'link add veth0 type veth peer name veth1\nlink set veth0 mtu abc\nlink add veth2 type veth peer name veth3\n');
  for (const extra of [[], ['-force']]) {
    const { ip, cli, ipState, cliState } = both(f, extra);
    t.is(ip.status, 255);
    t.is(cli.status, 255);
    t.is(cli.stderr, ip.stderr);
    t.is(cli.stderr, 'Error: argument "abc" is wrong: Invalid "mtu" value\n\n');
    t.is(cliState, ipState);
    t.notRegex(cliState, /veth2/);
  }
});

test('-batch - reads the commands from stdin', (t) => {
  const { ip, cli, ipState, cliState } = both('-', [], 'link add vx0 type vxlan id 7 dstport 4789\nlink show vx0\naddr add 2001:db8::1/64 dev vx0 nodad\n');
  t.is(ip.status, 0);
  t.is(cli.status, 0);
  t.is(cli.stderr, ip.stderr);
  t.is(mac(cli.stdout), mac(ip.stdout));
  t.is(cliState, ipState);
  t.regex(cliState, /2001:db8::1\/64/);
});

test('a batch file that cannot be read fails like ip', (t) => {
  const ip = exec('ip', ['-batch', '/nonexistent/file']);
  const cli = exec(process.execPath, [BIN, '-batch', '/nonexistent/file']);
  t.is(cli.status, ip.status);
  t.is(cli.stderr, ip.stderr);
});
