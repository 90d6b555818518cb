/**
 * The everyday CLI surface beside iproute2 6.1 (issue 22): help and usage texts, unknown
 * objects, verbs and options, `route get` with no route, -batch files with syntax errors. Each
 * line runs through ip and rtnl-ts; stdout, stderr and the exit status must be the same (ip's
 * texts with the program named rtnl-ts, see renameProgram).
 */
import test from 'ava';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { renameProgram } from '../../src/cli/usage.js';
import { asIp, runCli, runIp, type Ran } from './cli-helpers.js';
import { assertSandboxed, ip, tryRun, uniq } from './_util.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cli-surface-'));
const dev = uniq('sf');

test.before(() => {
  assertSandboxed();
  ip('link', 'add', dev, 'type', 'veth', 'peer', 'name', `${dev}p`);
});
test.after.always(() => {
  tryRun('ip', ['link', 'del', dev]);
  rmSync(dir, { recursive: true, force: true });
});

/** ip's result as rtnl-ts must print it: ip's words naming rtnl-ts, compared with "ip" put back. */
const expected = (r: Ran): Ran => ({ status: r.status, stdout: asIp(renameProgram(r.stdout)), stderr: asIp(renameProgram(r.stderr)) });
const got = (r: Ran): Ran => ({ status: r.status, stdout: asIp(r.stdout), stderr: asIp(r.stderr) });

function same(t: import('ava').ExecutionContext, args: string[]): void {
  t.deepEqual(got(runCli(...args)), expected(runIp(...args)), args.join(' '));
}

const HELP: string[][] = [
  ['help'], ['-h'], [], ['-help'], ['help', 'link'],
  ...['link', 'address', 'addr', 'a', 'route', 'r', 'neigh', 'neighbour', 'netns', 'monitor', 'maddress', 'maddr', 'netconf'].map((o) => [o, 'help']),
  ...['veth', 'bridge', 'bridge_slave', 'vxlan', 'macvlan', 'macvtap', 'vlan', 'nosuchkind'].map((k) => ['link', 'help', k]),
  ['link', 'add', 'help'],
  // Not dummy and ifb: ip has no module for them and ignores the words after the kind (it
  // creates an ifb named x0 on `type ifb help`); rtnl-ts prints the kind's usage instead.
  ...['veth', 'bridge', 'vxlan', 'macvlan', 'macvtap', 'vlan'].map((k) => ['link', 'add', 'name', 'x0', 'type', k, 'help']),
  ['link', 'add', 'type', 'veth', 'frob'], ['link', 'add', 'type', 'vxlan', 'frob'], ['link', 'set', 'help'], ['address', 'add', 'help'],
  ['route', 'add', 'help'], ['route', 'get', 'help'], ['neigh', 'add', 'help'],
];

for (const args of HELP) test(`help: ip ${args.join(' ')}`, (t) => same(t, args));

const UNKNOWN: string[][] = [
  ['lnk'], ['xyzzy', 'show'], ['addr', 'frob'], ['link', 'frob'], ['route', 'frob'], ['neigh', 'frob'], ['netns', 'frob'],
  ['-foo', 'link'], ['-', 'link'], ['--', 'link'], ['-4', '-foo', 'link'], ['-color=bogus', 'link'], ['-n'], ['-batch'],
  ['link', 'show', 'dev'], ['link', 'show', 'nosuch0'], ['addr', 'show', 'dev', 'nosuch0'], ['route', 'show', 'frob'],
];
for (const args of UNKNOWN) test(`unknown words: ip ${args.join(' ')}`, (t) => same(t, args));

test('route get for an address with no route, v4 and v6', (t) => {
  same(t, ['route', 'get', '203.0.113.1']);
  same(t, ['-6', 'route', 'get', '2001:db8:77::1']);
  same(t, ['route', 'get', '203.0.113.1', 'from', '198.51.100.1']);
});

/** Batch files with syntax errors: a bad line in each place, continuation and quoting slips. */
const BATCHES: Record<string, string> = {
  'unknown verb': 'link show lo\nlink frob\nlink show lo\n',
  'unknown object': 'link show lo\nlnk show\nlink show lo\n',
  'unterminated quote mid-file': `link show lo\nlink set ${dev} mtu "1400\nlink show lo\n`,
  'unterminated quote last': 'link show "lo\n',
  'unterminated single quote': "link show 'lo\nlink show lo\n",
  'bad number': `link show lo\nlink set ${dev} mtu 99999999999\nlink show lo\n`,
  'missing continuation line': 'link show lo\nlink show lo \\',
  'bad prefix': `link show lo\naddr add 10.0.0.1/33 dev ${dev}\nlink show lo\n`,
  'missing device after comments and blank lines': '# comment\n\nlink show dev nosuch\nlink show lo\n',
  'duplicate argument': `link set ${dev} mtu 1400 mtu 1300\nlink show lo\n`,
  'an option on a batch line': '-j link show lo\nlink show lo\n',
  'help on a batch line': 'link help\nlink show lo\n',
  'continuations down to an empty line': 'link show lo \\\n\\\n\n',
  'unknown option inside a command': 'link show lo -x\nlink show lo\n',
};
for (const [what, text] of Object.entries(BATCHES)) {
  test(`-batch with a syntax error (${what}), with and without -force`, (t) => {
    const file = path.join(dir, what.replace(/\W+/g, '-'));
    writeFileSync(file, text);
    same(t, ['-batch', file]);
    same(t, ['-force', '-batch', file]);
  });
}
