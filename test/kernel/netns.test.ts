// Kernel tests of named network namespaces (NetnsService): run as root inside the sandbox made by
// scripts/kernel-tests.js, where /run/netns is a fresh tmpfs.
import test from 'ava';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Conn, MessageWriter, NetlinkError, currentNetnsInode, readAttrs, str } from '../../src/netlink/index.js';
import { ApiContext } from '../../src/api/context.js';
import { InvalidArgumentError, NoSuchNetnsError } from '../../src/api/errors.js';
import { NETNS_RUN_DIR, NetnsError, NetnsService, isMountedNetns, openTarget, type NetnsEvent } from '../../src/api/netns.js';
import { assertSandboxed, freshNetns, ip, ipJson, run, tryRun, uniq } from './_util.js';

const RTM_GETLINK = 18;
const IFLA_IFNAME = 3;

let conn: Conn;
let ns: NetnsService;

test.before(() => {
  assertSandboxed();
  conn = Conn.open();
  ns = new NetnsService(new ApiContext(conn, undefined, undefined));
});
test.after.always(() => conn?.close());

/** Lines of /proc/self/mountinfo that mount something under /run/netns/. */
const netnsMounts = (): string[] => fs.readFileSync('/proc/self/mountinfo', 'utf8').split('\n').filter((l) => l.includes(`${NETNS_RUN_DIR}/`));
const runDir = (): string[] => (fs.existsSync(NETNS_RUN_DIR) ? fs.readdirSync(NETNS_RUN_DIR) : []);
const threadNetnsIno = (): number => fs.statSync('/proc/thread-self/ns/net').ino;

/** Names of the links a connection sees (RTM_GETLINK dump). */
async function linkNames(c: Conn): Promise<string[]> {
  const w = new MessageWriter(RTM_GETLINK, 0);
  w.skip(16);
  const msgs = await c.dumpAll(w.finish(), 'RTM_GETLINK');
  return msgs.map((m) => str.decode(readAttrs(m.payload, 16).find((a) => a.type === IFLA_IFNAME)!.data, 'IFLA_IFNAME')).sort();
}

/** A child process parked in a namespace (via `ip netns exec`), killed by `stop()`. */
function sleeperIn(name: string): { pid: number; stop: () => void } {
  const child = spawn('ip', ['netns', 'exec', name, 'sleep', '60'], { stdio: 'ignore' });
  return { pid: child.pid!, stop: () => { child.kill('SIGKILL'); } };
}

/** Wait until `cond` holds (polling), failing after `ms`. */
async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('a namespace made by NetnsService is seen and usable by ip netns list / ip -n NAME', async (t) => {
  const name = uniq('ours');
  await ns.add(name);
  t.true(isMountedNetns(`${NETNS_RUN_DIR}/${name}`));
  t.true(ipJson<{ name: string }[]>('netns', 'list').some((e) => e.name === name));
  ip('-n', name, 'link', 'add', 'd0', 'type', 'veth', 'peer', 'name', 'd0p');
  t.deepEqual(ipJson<{ ifname: string }[]>('-n', name, 'link', 'show').map((l) => l.ifname).sort(), ['d0', 'd0p', 'lo']);
  // It is a different namespace from the sandbox's own.
  t.false(ipJson<{ ifname: string }[]>('link', 'show').some((l) => l.ifname === 'd0'));
  // iproute2 can delete it, and then it is gone for us too.
  ip('netns', 'del', name);
  t.false((await ns.list()).some((e) => e.name === name));
  t.deepEqual(netnsMounts().filter((l) => l.includes(name)), []);
});

test('a namespace made by ip netns add is seen by list() and usable through a Conn opened inside it', async (t) => {
  const theirs = freshNetns('ipn');
  ip('-n', theirs.name, 'link', 'add', 'd1', 'type', 'veth', 'peer', 'name', 'd1p');
  t.true((await ns.list()).some((e) => e.name === theirs.name));
  const before = threadNetnsIno();
  const inside = Conn.open({ netns: openTarget(theirs.name) });
  try {
    t.is(threadNetnsIno(), before); // the main thread came back home
    t.is(currentNetnsInode(), before);
    t.deepEqual(await linkNames(inside), ['d1', 'd1p', 'lo']);
    const home = await linkNames(conn);
    t.false(home.includes('d1'));
    t.is(threadNetnsIno(), before);
  } finally {
    inside.close();
  }
  await ns.del(theirs.name);
  t.false(ipJson<{ name: string }[]>('netns', 'list').some((e) => e.name === theirs.name));
  t.false(fs.existsSync(theirs.path));
  t.deepEqual(netnsMounts().filter((l) => l.includes(theirs.name)), []);
});

test('list() matches `ip -j netns list` entry for entry, in directory order, with ids', async (t) => {
  const names = [uniq('lo'), uniq('lo'), uniq('lo')];
  await ns.add(names[0]!);
  ip('netns', 'add', names[1]!);
  await ns.add(names[2]!);
  try {
    await ns.set(names[0]!, 'auto');
    ip('netns', 'set', names[1]!, '77');
    const theirs = ipJson<{ name: string; id?: number }[]>('netns', 'list');
    t.deepEqual(await ns.list(), theirs);
    t.deepEqual((await ns.list()).filter((e) => names.includes(e.name)).map((e) => e.name), [...names].reverse()); // tmpfs: newest first
    t.is(await ns.getId(names[1]!), 77);
    t.is(await ns.getId(names[2]!), undefined);
  } finally {
    for (const n of names) await ns.del(n);
  }
});

test('100 add/del cycles leave nothing in /proc/self/mountinfo or /run/netns (timed against ip netns add/del)', async (t) => {
  const mountsBefore = netnsMounts();
  const filesBefore = runDir();
  const name = uniq('cyc');
  const t0 = performance.now();
  for (let i = 0; i < 100; i++) {
    await ns.add(name);
    await ns.del(name);
  }
  const ours = performance.now() - t0;
  t.deepEqual(netnsMounts(), mountsBefore);
  t.deepEqual(runDir(), filesBefore);
  const t1 = performance.now();
  for (let i = 0; i < 100; i++) {
    run('ip', ['netns', 'add', name]);
    run('ip', ['netns', 'del', name]);
  }
  const theirs = performance.now() - t1;
  t.deepEqual(netnsMounts(), mountsBefore);
  t.log(`100 add+del cycles: rtnl-ts ${ours.toFixed(0)} ms (${(ours / 100).toFixed(2)} ms/cycle), ip netns ${theirs.toFixed(0)} ms (${(theirs / 100).toFixed(2)} ms/cycle), ratio ${(theirs / ours).toFixed(1)}x`);
});

test('every unsafe name is rejected before anything is touched', async (t) => {
  const files = runDir();
  const mounts = netnsMounts();
  const etc = fs.readdirSync('/etc').sort();
  const unsafe = ['', '.', '..', '/', 'a/b', '../x', '../../etc/passwd', 'x\0y', 'n'.repeat(256)];
  for (const name of unsafe) {
    await t.throwsAsync(ns.add(name), { instanceOf: InvalidArgumentError });
    await t.throwsAsync(ns.attach(name, process.pid), { instanceOf: InvalidArgumentError });
    await t.throwsAsync(ns.del(name), { instanceOf: InvalidArgumentError });
    await t.throwsAsync(ns.set(name, 1), { instanceOf: InvalidArgumentError });
    await t.throwsAsync(ns.pids(name), { instanceOf: InvalidArgumentError });
    await t.throwsAsync(ns.exec(name, 'true', [], { stdio: 'ignore' }), { instanceOf: InvalidArgumentError });
  }
  t.deepEqual(runDir(), files);
  t.deepEqual(netnsMounts(), mounts);
  t.deepEqual(fs.readdirSync('/etc').sort(), etc);
});

test('add refuses a name in use; del refuses a plain file or a non-nsfs mount and a missing name', async (t) => {
  const name = uniq('dup');
  await ns.add(name);
  const e = await t.throwsAsync(ns.add(name), { instanceOf: NetnsError });
  t.is(e!.code, 'EEXIST');
  t.regex(e!.message, /Cannot create namespace file ".*": File exists/);
  t.true(isMountedNetns(`${NETNS_RUN_DIR}/${name}`)); // the first one is intact
  await ns.del(name);

  const plain = `${NETNS_RUN_DIR}/${uniq('plain')}`;
  fs.writeFileSync(plain, 'not a namespace');
  const name2 = plain.slice(NETNS_RUN_DIR.length + 1);
  t.is((await t.throwsAsync(ns.del(name2), { instanceOf: NetnsError }))!.code, 'EINVAL');
  t.true(fs.existsSync(plain));
  // A file with something other than a net namespace mounted on it is refused too.
  run('mount', ['--bind', '/proc/self/ns/uts', plain]);
  try {
    t.is((await t.throwsAsync(ns.del(name2), { instanceOf: NetnsError }))!.code, 'EINVAL');
  } finally {
    run('umount', [plain]);
  }
  t.true(fs.existsSync(plain));
  t.true((await ns.list()).some((x) => x.name === name2 && x.id === undefined)); // listed like ip does
  fs.rmSync(plain);
  await t.throwsAsync(ns.del(name2), { instanceOf: NoSuchNetnsError });
  await t.throwsAsync(ns.exec(name2, 'true'), { instanceOf: NoSuchNetnsError });
  await t.throwsAsync(ns.set(name2, 3), { instanceOf: NoSuchNetnsError });
});

test('a Conn opened in a namespace sees its links while the main thread stays home', async (t) => {
  const name = uniq('conn');
  await ns.add(name);
  const before = threadNetnsIno();
  try {
    ip('-n', name, 'link', 'add', 'inside0', 'type', 'veth', 'peer', 'name', 'inside1');
    const c = Conn.open({ netns: openTarget(name) });
    t.is(threadNetnsIno(), before);
    try {
      t.deepEqual(await linkNames(c), ['inside0', 'inside1', 'lo']);
      t.false((await linkNames(conn)).includes('inside0'));
    } finally {
      c.close();
    }
    t.is(threadNetnsIno(), before);
  } finally {
    await ns.del(name);
  }
  t.is(threadNetnsIno(), before);
});

test('set() and listIds() agree with ip netns list-id (also with target-nsid)', async (t) => {
  const [a, b, c] = [uniq('id'), uniq('id'), uniq('id')];
  await ns.add(a);
  await ns.add(b);
  ip('netns', 'add', c);
  try {
    t.is(await ns.set(a, 40), 40);
    const auto = await ns.set(b, 'auto');
    t.true(auto >= 0);
    ip('netns', 'set', c, '41');
    const theirs = ipJson<{ nsid: number; name?: string }[]>('netns', 'list-id');
    t.deepEqual(await ns.listIds(), theirs);
    t.true(theirs.some((e) => e.nsid === 40 && e.name === a));
    // Ids are per namespace: the kernel refuses a second id for a, or id 40 for another one.
    t.is((await t.throwsAsync(ns.set(a, 42), { instanceOf: NetlinkError }))!.code, 'EEXIST');
    t.is((await t.throwsAsync(ns.set(c, 40), { instanceOf: NetlinkError }))!.code, 'EEXIST');
    // Seen from inside a, c gets its own id; the dump with a target says so.
    ip('-n', a, 'netns', 'set', c, '7');
    const fromA = await ns.listIds({ targetNsid: 40 });
    const ipFromA = ipJson<{ nsid: number; 'current-nsid'?: number; name?: string }[]>('netns', 'list-id', 'target-nsid', '40');
    t.deepEqual(fromA.map((e) => [e.nsid, e.currentNsid, e.name]), ipFromA.map((e) => [e.nsid, e['current-nsid'], e.name]));
    t.true(fromA.some((e) => e.nsid === 7 && e.currentNsid === 41 && e.name === c));
    await t.throwsAsync(ns.set(a, -5), { instanceOf: InvalidArgumentError });
  } finally {
    for (const n of [a, b, c]) await ns.del(n);
  }
});

test('identify() and pids() agree with ip netns identify / pids; attach() names a process namespace', async (t) => {
  const name = uniq('pid');
  await ns.add(name);
  const sleeper = sleeperIn(name);
  const alias = uniq('att');
  try {
    await until(() => fs.statSync(`/proc/${sleeper.pid}/ns/net`).ino === fs.statSync(`${NETNS_RUN_DIR}/${name}`).ino);
    t.true((await ns.pids(name)).includes(sleeper.pid));
    t.deepEqual(await ns.pids(name), run('ip', ['netns', 'pids', name]).split('\n').filter(Boolean).map(Number));
    t.deepEqual(await ns.identify(sleeper.pid), [name]);
    await ns.attach(alias, sleeper.pid);
    t.deepEqual((await ns.identify(sleeper.pid)).sort(), [alias, name].sort());
    // iproute2 >= 4.x prints only the last match in directory order; we return every match in that order.
    t.deepEqual((await ns.identify(sleeper.pid)).slice(-1), run('ip', ['netns', 'identify', String(sleeper.pid)]).split('\n').filter(Boolean));
    t.deepEqual(await ns.identify(), []); // this process is in the sandbox's namespace, which has no name
    // A handle opened inside the namespace identifies it by default.
    const inside = Conn.open({ netns: openTarget(name) });
    try {
      t.deepEqual((await new NetnsService(new ApiContext(inside, openTarget(name), name)).identify()).sort(), [alias, name].sort());
    } finally {
      inside.close();
    }
    await ns.del(alias);
    t.true(fs.existsSync(`/proc/${sleeper.pid}/ns/net`)); // detaching a name does not touch the process
    await t.throwsAsync(ns.attach(uniq('att'), 0x3fffffff), { instanceOf: NetnsError });
    await t.throwsAsync(ns.identify(-1), { instanceOf: InvalidArgumentError });
  } finally {
    sleeper.stop();
    if (fs.existsSync(`${NETNS_RUN_DIR}/${alias}`)) await ns.del(alias);
    await ns.del(name);
  }
});

test('a user symlink to an nsfs file in /run/netns is listed, identified and removable', async (t) => {
  const name = uniq('sym');
  await ns.add(name);
  const sleeper = sleeperIn(name);
  const link = uniq('lnk');
  try {
    await until(() => fs.statSync(`/proc/${sleeper.pid}/ns/net`).ino === fs.statSync(`${NETNS_RUN_DIR}/${name}`).ino);
    await ns.set(name, 'auto');
    fs.symlinkSync(`/proc/${sleeper.pid}/ns/net`, `${NETNS_RUN_DIR}/${link}`);
    const listed = await ns.list();
    t.deepEqual(listed, ipJson('netns', 'list'));
    t.is(listed.find((e) => e.name === link)?.id, listed.find((e) => e.name === name)?.id);
    t.deepEqual((await ns.identify(sleeper.pid)).sort(), [link, name].sort());
    await ns.del(link);
    t.false(fs.existsSync(`${NETNS_RUN_DIR}/${link}`));
    t.true(isMountedNetns(`${NETNS_RUN_DIR}/${name}`));
    // A symlink to something that is not a network namespace is refused.
    fs.symlinkSync('/etc/hostname', `${NETNS_RUN_DIR}/${link}`);
    await t.throwsAsync(ns.del(link), { instanceOf: NetnsError });
    t.true(fs.existsSync('/etc/hostname'));
    fs.rmSync(`${NETNS_RUN_DIR}/${link}`);
  } finally {
    sleeper.stop();
    await ns.del(name);
  }
});

test('monitor() sees add and delete, from us and from ip, and ends on close()', async (t) => {
  const mon = ns.monitor();
  const seen: NetnsEvent[] = [];
  const reading = (async () => { for await (const ev of mon) seen.push(ev); })();
  const [a, b] = [uniq('mon'), uniq('mon')];
  await ns.add(a);
  ip('netns', 'add', b);
  await ns.del(a);
  ip('netns', 'del', b);
  await until(() => seen.length >= 4);
  t.deepEqual(seen, [
    { event: 'add', name: a }, { event: 'add', name: b }, { event: 'delete', name: a }, { event: 'delete', name: b },
  ]);
  mon.close();
  await reading; // the loop ends
  // After close nothing more arrives.
  await ns.add(a);
  await ns.del(a);
  await new Promise((r) => setTimeout(r, 50));
  t.is(seen.length, 4);
});

test('delAll() removes every namespace, like ip -all netns del', async (t) => {
  const names = [uniq('all'), uniq('all')];
  await ns.add(names[0]!);
  ip('netns', 'add', names[1]!);
  const removed = await ns.delAll();
  for (const n of names) t.true(removed.includes(n));
  t.deepEqual(runDir(), []);
  t.deepEqual(netnsMounts(), []);
  t.deepEqual(tryRun('ip', ['netns', 'list']).stdout, '');
});

test('with no /run/netns at all, add() creates it and makes it a shared mount point, as ip does', (t) => {
  // In a nested private mount namespace with an empty tmpfs on /run, so /run/netns does not exist.
  const api = fileURLToPath(new URL('../../src/', import.meta.url));
  const script = `
    import { Conn } from '${api}netlink/index.js';
    import { ApiContext } from '${api}api/context.js';
    import { NetnsService } from '${api}api/netns.js';
    import { execFileSync } from 'node:child_process';
    import * as fs from 'node:fs';
    const conn = Conn.open();
    const ns = new NetnsService(new ApiContext(conn, undefined, undefined));
    const existed = fs.existsSync('/run/netns');
    await ns.add('first');
    const mode = (fs.statSync('/run/netns').mode & 0o777).toString(8);
    const lines = fs.readFileSync('/proc/self/mountinfo', 'utf8').split('\\n');
    const dir = lines.filter((l) => l.split(' ')[4] === '/run/netns');
    execFileSync('ip', ['netns', 'add', 'second']);
    const links = execFileSync('ip', ['netns', 'exec', 'first', 'ls', '/sys/class/net'], { encoding: 'utf8' });
    const listed = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
    await ns.del('first');
    await ns.del('second');
    conn.close();
    console.log(JSON.stringify({ existed, mode, dir, links, listed, left: fs.readdirSync('/run/netns') }));
  `;
  const out = run('unshare', ['--mount', '--propagation', 'private', '--', 'sh', '-c',
    'umask 022; mount -t tmpfs -o mode=0755 rtnl-ts-run /run && exec node --input-type=module -e "$0"', script]);
  const r = JSON.parse(out) as { existed: boolean; mode: string; dir: string[]; links: string; listed: string; left: string[] };
  t.false(r.existed);
  t.is(r.mode, '755');
  // The top mount on /run/netns (earlier ones are the sandbox's, hidden under the new /run) is the
  // directory of the new /run tmpfs bound onto itself, and shared.
  const top = r.dir.at(-1)!.split(' ');
  t.is(top[3], '/netns');
  t.true(top.slice(6).some((f) => /^shared:\d+$/.test(f)));
  t.is(top[top.indexOf('-') + 2], 'rtnl-ts-run');
  t.is(r.links, 'lo\n');
  t.is(r.listed, 'second\nfirst\n');
  t.deepEqual(r.left, []);
});
