/**
 * `maddress show` beside ip 6.1 (issue 22): every form, text, -o, -j, -p, families, a device,
 * another namespace; and ip.maddress.list in a namespace of its own.
 */
import test from 'ava';
import { IpRoute } from '../../src/index.js';
import { asIp, BIN, exec, runIp, type Ran } from './cli-helpers.js';
import { assertSandboxed, freshNetns, ip, tryRun, uniq } from './_util.js';

const v = uniq('mc');
let ns: { name: string; del: () => void };

test.before(() => {
  assertSandboxed();
  ip('link', 'add', v, 'type', 'veth', 'peer', 'name', `${v}p`);
  ip('link', 'set', v, 'up');
  ip('link', 'set', `${v}p`, 'up');
  ip('maddress', 'add', '01:00:5e:01:02:03', 'dev', v); // a static link-layer address
  ns = freshNetns('mcn');
  ip('-n', ns.name, 'link', 'set', 'lo', 'up');
});
test.after.always(() => {
  tryRun('ip', ['link', 'del', v]);
  ns?.del();
});

const cli = (...args: string[]): Ran => {
  const r = exec(process.execPath, [BIN, ...args]);
  return { ...r, stdout: asIp(r.stdout), stderr: asIp(r.stderr) };
};

for (const args of [
  ['maddress', 'show'], ['maddress'], ['maddr', 'list'], ['maddr', 'lst'], ['maddr', 'l'], ['-j', 'maddr'], ['-j', '-p', 'maddr'],
  ['-4', 'maddr'], ['-6', 'maddr'], ['-0', 'maddr'], ['-f', 'link', 'maddr'], ['-o', 'maddr'], ['-o', '-6', 'maddr'],
  ['maddr', 'show', 'dev', v], ['maddr', 'show', v], ['-j', 'maddr', 'show', 'dev', v], ['maddr', 'show', 'nosuch0'],
  ['-j', 'maddr', 'show', 'nosuch0'], ['maddr', 'show', 'dev', v, 'dev', 'lo'], ['maddr', 'show', 'help'], ['maddr', 'help'],
  ['maddr', 'frob'], ['maddr', 'show', 'dev'],
]) {
  test(`ip ${args.join(' ')}`, (t) => {
    // ip first, then rtnl-ts, on the same state (nothing here changes the lists).
    const theirs = runIp(...args);
    t.deepEqual(cli(...args), theirs);
  });
}

test('-n NS maddr: the namespace\'s own lists', (t) => {
  for (const args of [['-n', ns.name, 'maddr'], ['-n', ns.name, '-j', 'maddr']]) t.deepEqual(cli(...args), runIp(...args));
});

test('ip.maddress.list in another namespace: its lo only, in ip\'s order', async (t) => {
  await using handle = await IpRoute.open({ netns: ns.name });
  const list = await handle.maddress.list();
  t.deepEqual([...new Set(list.map((m) => m.ifname))], ['lo']);
  t.deepEqual(list.map((m) => `${m.family} ${m.address}`), ['inet 224.0.0.1', 'inet6 ff02::1', 'inet6 ff01::1']);
  await using home = await IpRoute.open();
  const mine = await home.maddress.list({ dev: v, family: 'link' });
  t.true(mine.some((m) => m.address === '01:00:5e:01:02:03' && m.static === true));
});
