// A half-made /run/netns entry (the empty file a killed `netns add` leaves, no mount on it) is
// cleared by `netns delete`, after which `netns add` works, as with iproute2; and a SIGKILL at
// any point of add or del leaves a state that delete and add recover from (issue 22).
import test from 'ava';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IpRoute, NoSuchNetnsError } from '../../src/index.js';
import { NETNS_RUN_DIR, isMountedNetns } from '../../src/api/netns.js';
import { assertSandboxed, tryRun, uniq } from './_util.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.resolve(here, '../../../bin/rtnl-ts.cjs');
const netnsMounts = (name: string): string[] =>
  fs.readFileSync('/proc/self/mountinfo', 'utf8').split('\n').filter((l) => l.split(' ')[4] === `${NETNS_RUN_DIR}/${name}`);

/** The entry a killed add leaves: the empty file, mode 0, nothing mounted on it. */
function halfMade(name: string): string {
  fs.mkdirSync(NETNS_RUN_DIR, { recursive: true });
  const file = `${NETNS_RUN_DIR}/${name}`;
  fs.closeSync(fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0));
  return file;
}

test.before(() => assertSandboxed());

test('netns.del clears a half-made entry, then netns.add works', async (t) => {
  await using handle = await IpRoute.open();
  const name = uniq('half');
  const file = halfMade(name);
  await handle.netns.del(name);
  t.false(fs.existsSync(file));
  await handle.netns.add(name);
  t.true(isMountedNetns(file));
  await handle.netns.del(name);
  t.false(fs.existsSync(file));
});

test('rtnl-ts netns delete clears a half-made entry as ip does (output and status)', (t) => {
  for (const tool of ['ip', 'rtnl-ts']) {
    const name = uniq('halfc');
    halfMade(name);
    const cmd = (...args: string[]) => (tool === 'ip' ? tryRun('ip', args) : tryRun(process.execPath, [CLI, ...args]));
    t.deepEqual(cmd('netns', 'delete', name), { status: 0, stdout: '', stderr: '' }, tool);
    t.deepEqual(cmd('netns', 'add', name), { status: 0, stdout: '', stderr: '' }, tool);
    t.deepEqual(cmd('netns', 'delete', name), { status: 0, stdout: '', stderr: '' }, tool);
  }
});

test('a file with content is still refused: only the empty file of a half-made entry is cleared', async (t) => {
  await using handle = await IpRoute.open();
  const name = uniq('full');
  const file = `${NETNS_RUN_DIR}/${name}`;
  fs.writeFileSync(file, 'not a namespace');
  try {
    await t.throwsAsync(handle.netns.del(name), { message: /not a mounted network namespace/ });
    t.true(fs.existsSync(file));
  } finally {
    fs.rmSync(file, { force: true });
  }
});

/**
 * A child that opens a handle, says "ready", then adds and deletes `name` in a loop until it
 * is killed: a SIGKILL after a random delay lands anywhere in add or del.
 */
const CHILD = `
const { IpRoute } = await import(${JSON.stringify(path.resolve(here, '../../src/api/iproute.js'))});
const ip = await IpRoute.open();
const name = process.argv[1];
process.stdout.write('ready\\n');
for (;;) { await ip.netns.add(name); await ip.netns.del(name); }
`;

// 100 kills in four tests of 25: each child is a Node start-up (a second or more on a loaded
// machine), and a single test of 100 could outlast ava's 5-minute inactivity timeout.
const ROUNDS = 4;
const KILLS = 25;
const states = { none: 0, mounted: 0, halfMade: 0 };

for (let round = 1; round <= ROUNDS; round++) {
test(`SIGKILL at random points of netns add/del, ${KILLS} times (${round} of ${ROUNDS}): delete and add work after each`, async (t) => {
  await using handle = await IpRoute.open();
  const name = uniq('kill');
  const file = `${NETNS_RUN_DIR}/${name}`;
  for (let i = 0; i < KILLS; i++) {
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD, name], { stdio: ['ignore', 'pipe', 'inherit'] });
    // A test that fails or times out must not leave a child adding and deleting behind it.
    t.teardown(() => child.kill('SIGKILL'));
    await new Promise<void>((resolve, reject) => {
      child.stdout.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`child exited (${code}) before it was ready`)));
    });
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 15));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    if (!fs.existsSync(file)) states.none++;
    else if (isMountedNetns(file)) states.mounted++;
    else states.halfMade++;
    // Whatever the child left: delete (nothing there is fine), then add and delete must work.
    try {
      await handle.netns.del(name);
    } catch (e) {
      if (!(e instanceof NoSuchNetnsError)) throw e;
    }
    await handle.netns.add(name);
    t.true(isMountedNetns(file));
    await handle.netns.del(name);
    t.false(fs.existsSync(file));
    t.deepEqual(netnsMounts(name), [], 'no mount left behind');
  }
  t.log('what the kills left so far:', states);
  if (round === ROUNDS) t.true(states.halfMade + states.mounted > 0, 'some kills landed inside add/del');
});
}
