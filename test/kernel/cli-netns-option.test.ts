// `-n NAME` checks the name before it opens anything, and opens what it does open without
// blocking: `-n ../fifo` hung on a FIFO (ip itself hangs there) (issue 22).
import test from 'ava';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { BIN, exec, runIp, type Ran } from './cli-helpers.js';
import { assertSandboxed, uniq } from './_util.js';

/** rtnl-ts ARGS, killed after 10 s: a hang fails the test instead of stalling the suite. */
const cli = (...args: string[]): Ran => {
  const r = exec('timeout', ['10', process.execPath, BIN, ...args]);
  if (r.status === 124) throw new Error(`rtnl-ts ${args.join(' ')} hung`);
  return r;
};

test.before(() => {
  assertSandboxed();
  fs.mkdirSync('/run/netns', { recursive: true });
});

test('-n ../fifo: refused as an invalid name at once, nothing opened', (t) => {
  const fifo = `/run/${uniq('fifo')}`;
  execFileSync('mkfifo', [fifo]);
  try {
    const name = `../${fifo.slice('/run/'.length)}`;
    t.deepEqual(cli('-n', name, 'link', 'show'), { status: 255, stdout: '', stderr: `Invalid netns name "${name}"\n` });
  } finally {
    fs.rmSync(fifo, { force: true });
  }
});

test('-n with a name that is not one entry of /run/netns: ip\'s "Invalid netns name", status 255', (t) => {
  for (const name of ['.', '..', '', 'a/b', '../../etc/passwd']) {
    t.deepEqual(cli('-n', name, 'link', 'show'), { status: 255, stdout: '', stderr: `Invalid netns name "${name}"\n` }, name);
  }
});

test('-n NAME where /run/netns/NAME is a FIFO or a plain file: ip\'s setns words, no hang', (t) => {
  const fifo = uniq('nsfifo');
  const plain = uniq('nsplain');
  execFileSync('mkfifo', [`/run/netns/${fifo}`]);
  fs.writeFileSync(`/run/netns/${plain}`, '');
  try {
    t.deepEqual(cli('-n', fifo, 'link', 'show'), { status: 255, stdout: '', stderr: `setting the network namespace "${fifo}" failed: Invalid argument\n` });
    // ip hangs on the FIFO; on the plain file it says the same as rtnl-ts.
    const theirs = runIp('-n', plain, 'link', 'show');
    t.deepEqual(cli('-n', plain, 'link', 'show'), theirs);
    t.is(theirs.status, 255);
    // `netns delete` of a FIFO entry does not hang either: refused as not a namespace.
    const del = cli('netns', 'delete', fifo);
    t.is(del.status, 1);
    t.regex(del.stderr, /is not a mounted network namespace/);
  } finally {
    fs.rmSync(`/run/netns/${fifo}`, { force: true });
    fs.rmSync(`/run/netns/${plain}`, { force: true });
  }
});

test('-n NAME of a missing entry: the same words and status as ip', (t) => {
  const name = uniq('nope');
  t.deepEqual(cli('-n', name, 'link', 'show'), runIp('-n', name, 'link', 'show'));
});
