// Kernel tests of the netlink core: run as root inside the sandbox (scripts/kernel-tests.js).
import test from 'ava';
import { readdirSync, statSync } from 'node:fs';
import {
  Conn, MessageWriter, NetlinkError, NLM_F_CREATE, NLM_F_EXCL, readAttrs, str, currentNetnsInode, type NlMessage,
  NetlinkSocket,
} from '../../src/netlink/index.js';
import { assertSandboxed, ip, ipJson, freshNetns, tryRun } from './_util.js';

const RTM_NEWLINK = 16;
const RTM_GETLINK = 18;
const IFLA_IFNAME = 3;
const IFLA_LINKINFO = 18;
const IFLA_INFO_KIND = 1;
const RTNLGRP_LINK = 1;

function getlinkDump(): Uint8Array {
  const w = new MessageWriter(RTM_GETLINK, 0);
  w.skip(16);
  return w.finish();
}
function getlinkByIndex(index: number): Uint8Array {
  const w = new MessageWriter(RTM_GETLINK, 0);
  const at = w.skip(16);
  w.dv.setInt32(at + 4, index, true);
  w.u32(29, 1 << 3); // IFLA_EXT_MASK: RTEXT_FILTER_SKIP_STATS
  return w.finish();
}
function linkOf(m: NlMessage): { ifindex: number; ifname: string } {
  const ifindex = new DataView(m.payload.buffer, m.payload.byteOffset).getInt32(4, true);
  const name = readAttrs(m.payload, 16).find((a) => a.type === IFLA_IFNAME)!;
  return { ifindex, ifname: str.decode(name.data, 'IFLA_IFNAME') };
}
const fdCount = (): number => readdirSync('/proc/self/fd').length;

test.before(() => {
  assertSandboxed();
  for (let i = 0; i < 4; i++) ip('link', 'add', `nlt${i}a`, 'type', 'veth', 'peer', 'name', `nlt${i}b`);
});
test.after.always(() => {
  for (let i = 0; i < 4; i++) tryRun('ip', ['link', 'del', `nlt${i}a`]);
});

test('an RTM_GETLINK dump lists the same ifindex/ifname set as ip -j link show', async (t) => {
  const conn = Conn.open();
  try {
    const ours = (await conn.dumpAll(getlinkDump(), 'RTM_GETLINK')).map(linkOf);
    const theirs = ipJson<{ ifindex: number; ifname: string }[]>('link', 'show').map((l) => ({ ifindex: l.ifindex, ifname: l.ifname }));
    const key = (l: { ifindex: number; ifname: string }) => `${l.ifindex}:${l.ifname}`;
    t.deepEqual(ours.map(key).sort(), theirs.map(key).sort());
    t.true(ours.length >= 9);
    // The streaming form yields the same messages.
    const streamed: string[] = [];
    for await (const m of conn.dump(getlinkDump(), 'RTM_GETLINK')) streamed.push(key(linkOf(m)));
    t.deepEqual(streamed.sort(), ours.map(key).sort());
  } finally {
    conn.close();
  }
});

test('a refused request yields a NetlinkError with the kernel ext-ack text', async (t) => {
  const conn = Conn.open();
  try {
    const w = new MessageWriter(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
    w.skip(16);
    w.str(IFLA_IFNAME, 'nlbad0');
    w.nested(IFLA_LINKINFO, () => w.strNoNul(IFLA_INFO_KIND, 'nosuchkind'));
    const req = w.finish();
    const e = await t.throwsAsync(conn.request(req, 'RTM_NEWLINK'), { instanceOf: NetlinkError });
    t.regex(e!.message, /Unknown device type/);
    t.is(e!.extAck, 'Unknown device type');
    t.is(e!.code, 'EOPNOTSUPP');
    t.is(e!.errno, 95);
    t.is(e!.operation, 'RTM_NEWLINK');
    t.is(e!.request, req);
    t.is(ipJson('link', 'show', 'dev', 'lo').length, 1);
    t.not(tryRun('ip', ['link', 'show', 'nlbad0']).status, 0); // nothing was made
  } finally {
    conn.close();
  }
});

test('1,000 concurrent requests on one socket each get their own answer', async (t) => {
  const conn = Conn.open();
  try {
    const links = ipJson<{ ifindex: number; ifname: string }[]>('link', 'show');
    const asks = Array.from({ length: 1000 }, (_, i) => links[i % links.length]!);
    const answers = await Promise.all(asks.map((l) => conn.get(getlinkByIndex(l.ifindex), 'RTM_GETLINK')));
    answers.forEach((m, i) => t.deepEqual(linkOf(m!), { ifindex: asks[i]!.ifindex, ifname: asks[i]!.ifname }));
    // Interleaved with a streaming dump on the same socket.
    const dump = conn.dump(getlinkDump(), 'RTM_GETLINK');
    const first = await dump.next();
    const more = await Promise.all(asks.slice(0, 50).map((l) => conn.get(getlinkByIndex(l.ifindex), 'RTM_GETLINK')));
    more.forEach((m, i) => t.is(linkOf(m!).ifindex, asks[i]!.ifindex));
    let n = first.done ? 0 : 1;
    for await (const _ of dump) n++;
    t.is(n, links.length);
  } finally {
    conn.close();
  }
});

test('10,000 requests leave the fd count and the namespace unchanged; round trip measured', async (t) => {
  const conn = Conn.open();
  const fds = fdCount();
  const ns = currentNetnsInode();
  const req = getlinkByIndex(1);
  const times: number[] = [];
  for (let i = 0; i < 10_000; i++) {
    const t0 = process.hrtime.bigint();
    await conn.get(req.slice(), 'RTM_GETLINK');
    times.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  t.log(`RTM_GETLINK round trip: median ${times[5000]!.toFixed(2)} us, p99 ${times[9900]!.toFixed(2)} us (10,000 requests)`);
  t.is(fdCount(), fds);
  t.is(currentNetnsInode(), ns);
  conn.close();
  t.is(fdCount(), fds - 1);
});

test('a socket opened in another namespace sees its links; the main thread stays home', async (t) => {
  const ns = freshNetns('nlt');
  const home = currentNetnsInode();
  const fds = fdCount();
  try {
    ip('-n', ns.name, 'link', 'add', 'inside0', 'type', 'veth', 'peer', 'name', 'inside1');
    for (const target of [{ path: ns.path }, { fd: -1 }]) {
      let conn: Conn;
      if ('fd' in target) {
        const { openSync, closeSync } = await import('node:fs');
        const fd = openSync(ns.path, 'r');
        conn = Conn.open({ netns: { fd } });
        closeSync(fd);
      } else {
        conn = Conn.open({ netns: target });
      }
      t.is(currentNetnsInode(), home);
      const names = (await conn.dumpAll(getlinkDump(), 'RTM_GETLINK')).map((m) => linkOf(m).ifname).sort();
      t.deepEqual(names, ['inside0', 'inside1', 'lo']);
      conn.close();
    }
    t.is(fdCount(), fds);
    t.is(statSync('/proc/thread-self/ns/net').ino, home);
  } finally {
    ns.del();
  }
});

test('a missing namespace fails cleanly and leaves the thread home', (t) => {
  const home = currentNetnsInode();
  const e = t.throws(() => Conn.open({ netns: { path: '/run/netns/does-not-exist' } }));
  t.regex(e!.message, /ENOENT|no such file/i);
  t.is(currentNetnsInode(), home);
});

test('multicast notifications arrive, and close() ends a waiting listener at once', async (t) => {
  const sock = NetlinkSocket.open();
  sock.addMembership(RTNLGRP_LINK);
  const conn = new Conn(sock);
  const it = conn.notificationsIterator();
  const got = it.next();
  ip('link', 'add', 'mcast0', 'type', 'veth', 'peer', 'name', 'mcast1');
  const ev = await got;
  t.false(ev.done);
  t.true('header' in (ev.value as object));
  ip('link', 'del', 'mcast0');
  // Drain, then wait: close() must resolve the pending wait promptly.
  const waiting = (async () => { for await (const _ of it) { /* drain */ } return 'ended'; })();
  await new Promise((r) => setTimeout(r, 50));
  const t0 = Date.now();
  conn.close();
  t.is(await waiting, 'ended');
  t.true(Date.now() - t0 < 1000);
});

test('a flooded listener with a tiny buffer reports lost events (ENOBUFS), never a silent stop', async (t) => {
  const sock = NetlinkSocket.open({ rcvbuf: 0 });
  sock.setReceiveBuffer(256); // the kernel's floor: a handful of messages
  sock.addMembership(RTNLGRP_LINK);
  const conn = new Conn(sock);
  for (let i = 0; i < 20; i++) ip('link', 'add', `fl${i}a`, 'type', 'veth', 'peer', 'name', `fl${i}b`);
  for (let i = 0; i < 20; i++) ip('link', 'del', `fl${i}a`);
  let lost = 0;
  let msgs = 0;
  const it = conn.notificationsIterator();
  const deadline = Date.now() + 2000;
  while (Date.now() < deadline) {
    const r = await Promise.race([it.next(), new Promise<'idle'>((res) => setTimeout(() => res('idle'), 200))]);
    if (r === 'idle' || r.done) break;
    if ('lost' in r.value) lost++;
    else msgs++;
  }
  conn.close();
  t.true(lost >= 1, `expected a loss report, got ${msgs} messages and no loss`);
});
