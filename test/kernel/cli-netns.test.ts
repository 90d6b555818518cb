/**
 * `rtnl-ts netns ...` against `ip netns ...`, in the sandbox: namespaces made by one tool are
 * listed, numbered, identified, entered and deleted by the other with the same output and status.
 */
import test from 'ava';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { assertSandboxed, tryRun, uniq, waitUntil } from './_util.js';
import { runCli, runIp } from './cli-helpers.js';

const A = uniq('cna');
const B = uniq('cnb');
let sleeper: ChildProcess | undefined;

test.before(() => assertSandboxed());
test.after.always(() => {
  sleeper?.kill('SIGKILL');
  tryRun('ip', ['netns', 'del', A]);
  tryRun('ip', ['netns', 'del', B]);
});

test.serial('add, set, list and list-id agree between the tools', (t) => {
  t.is(runCli('netns', 'add', A).status, 0);
  t.is(runIp('netns', 'add', B).status, 0);
  t.true(existsSync(`/run/netns/${A}`) && existsSync(`/var/run/netns/${B}`));
  t.is(runCli('netns', 'set', A, '7').status, 0);
  t.is(runIp('netns', 'set', B, 'auto').status, 0);
  for (const args of [['netns', 'list'], ['-j', 'netns', 'list'], ['netns'], ['netns', 'list-id'], ['-j', 'netns', 'list-id'],
    ['netns', 'list-id', 'nsid', '7'], ['-n', A, 'netns', 'list-id']]) {
    const ip = runIp(...args);
    const cli = runCli(...args);
    t.is(cli.status, ip.status, args.join(' '));
    t.is(cli.stdout, ip.stdout, args.join(' '));
    t.is(cli.stderr, ip.stderr, args.join(' '));
  }
  t.regex(runCli('netns', 'list').stdout, new RegExp(`^${A} \\(id: 7\\)$`, 'm'));
  const dup = runCli('netns', 'add', B);
  t.is(dup.status, 1);
  t.is(dup.stderr, runIp('netns', 'add', B).stderr);
});

test.serial('identify, pids and exec agree between the tools', (t) => {
  sleeper = spawn('ip', ['netns', 'exec', A, 'sleep', '60'], { stdio: 'ignore' });
  const pid = String(sleeper.pid!);
  waitUntil(`pid ${pid} in ${A}`, () => runIp('netns', 'identify', pid).stdout.trim() === A);
  for (const args of [['netns', 'identify', pid], ['netns', 'identify'], ['-n', A, 'netns', 'identify'], ['netns', 'pids', A],
    ['netns', 'exec', A, 'ip', 'link', 'show', 'lo'], ['netns', 'exec', B, 'sh', '-c', 'echo out; echo err >&2; exit 3']]) {
    const ip = runIp(...args);
    const cli = runCli(...args);
    t.is(cli.status, ip.status, args.join(' '));
    t.is(cli.stdout, ip.stdout, args.join(' '));
    t.is(cli.stderr, ip.stderr, args.join(' '));
  }
  t.is(runCli('netns', 'identify', pid).stdout, `${A}\n`);
  t.is(runCli('netns', 'exec', B, 'sh', '-c', 'exit 3').status, 3);
});

test.serial('each tool deletes what the other made', (t) => {
  sleeper?.kill('SIGKILL');
  t.is(runCli('netns', 'delete', B).status, 0);
  t.is(runIp('netns', 'delete', A).status, 0);
  t.false(existsSync(`/run/netns/${A}`) || existsSync(`/run/netns/${B}`));
  const again = runCli('netns', 'delete', B);
  t.is(again.status, 1);
  t.is(again.stderr, runIp('netns', 'delete', B).stderr);
});
