// Datagrams not sent by the kernel are dropped: a second netlink socket that sends a forged
// answer carrying the next sequence number, or a forged notification to a multicast group,
// must not be taken for the kernel's (issue 22).
import test from 'ava';
import koffi from 'koffi';
import { AF_NETLINK, MessageWriter, NetlinkSocket, decodeNlMsgHeader, type Conn } from '../../src/netlink/index.js';
import { IpRoute } from '../../src/index.js';
import { assertSandboxed, ip, tryRun, uniq } from './_util.js';

const RTM_NEWLINK = 16;
const IFLA_IFNAME = 3;
const RTNLGRP_LINK = 1;

const libc = koffi.load('libc.so.6');
const sendto = libc.func('intptr_t sendto(int, void *, size_t, int, void *, uint32_t)');

/** A struct sockaddr_nl naming port `pid` and multicast `groups`. */
function sockaddrNl(pid: number, groups = 0): Uint8Array {
  const sa = new Uint8Array(12);
  const dv = new DataView(sa.buffer);
  dv.setUint16(0, AF_NETLINK, true);
  dv.setUint32(4, pid, true);
  dv.setUint32(8, groups, true);
  return sa;
}

/** An RTM_NEWLINK for a device that does not exist, as the kernel would word it. */
function forgedLink(name: string, index: number, seq: number, pid: number): Uint8Array {
  const w = new MessageWriter(RTM_NEWLINK, 0);
  const at = w.skip(16);
  w.dv.setInt32(at + 4, index, true);
  w.str(IFLA_IFNAME, name);
  const m = w.finish();
  const dv = new DataView(m.buffer, m.byteOffset);
  dv.setUint32(8, seq, true);
  dv.setUint32(12, pid, true);
  return m;
}

/** Send `m` from `from` to port `pid` (or to the multicast `groups`). */
function forge(from: NetlinkSocket, m: Uint8Array, pid: number, groups = 0): void {
  const sa = sockaddrNl(pid, groups);
  const n = Number(sendto(from.fd, m, m.length, 0, sa, sa.length));
  if (n !== m.length) throw new Error(`sendto: ${koffi.errno()}`);
}

test.before(() => assertSandboxed());

test('a forged answer from another socket carrying the next sequence number is dropped', async (t) => {
  await using handle = await IpRoute.open();
  const spoofer = NetlinkSocket.open();
  try {
    const conn: Conn = handle.conn;
    const next = ((conn as unknown as { seq: number }).seq + 1) >>> 0;
    forge(spoofer, forgedLink('spoofed0', 4242, next, conn.socket.portId), conn.socket.portId);
    const lo = await handle.link.get('lo');
    t.is(lo.ifname, 'lo');
    t.is(lo.ifindex, 1);
    // The connection still works, and nothing forged is left to be taken for a later answer.
    const again = ((conn as unknown as { seq: number }).seq + 1) >>> 0;
    forge(spoofer, forgedLink('spoofed1', 4243, again, conn.socket.portId), conn.socket.portId);
    t.is((await handle.link.get(1)).ifname, 'lo');
    t.deepEqual((await handle.link.list()).map((l) => l.ifname).filter((n) => n.startsWith('spoofed')), []);
    t.is((conn.socket as NetlinkSocket).foreignDropped, 2);
  } finally {
    spoofer.close();
  }
});

test('a forged notification sent to a multicast group never reaches a monitor', async (t) => {
  await using handle = await IpRoute.open();
  const spoofer = NetlinkSocket.open();
  const name = uniq('spf');
  try {
    const events = handle.monitor(['link']);
    const first = events.next(); // the monitor's socket joins its groups on this first call
    await new Promise((resolve) => setTimeout(resolve, 50));
    forge(spoofer, forgedLink('spoofed2', 4244, 0, spoofer.portId), 0, 1 << (RTNLGRP_LINK - 1));
    ip('link', 'add', name, 'type', 'veth', 'peer', 'name', `${name}p`);
    const e = (await first).value;
    t.is(e?.type, 'link');
    t.true(e?.type === 'link' && e.link.ifname !== 'spoofed2', 'the first event is the kernel\'s');
    await events.return();
  } finally {
    spoofer.close();
    tryRun('ip', ['link', 'del', name]);
  }
});

test('the forged datagrams really reach the victim socket (the test can fail)', async (t) => {
  // A plain socket reading with recvfrom(2) sees the forged datagram: what the fix drops.
  const victim = NetlinkSocket.open();
  const spoofer = NetlinkSocket.open();
  try {
    forge(spoofer, forgedLink('spoofed3', 4245, 77, victim.portId), victim.portId);
    const recvfrom = libc.func('intptr_t recvfrom(int, void *, size_t, int, void *, void *)');
    const buf = new Uint8Array(4096);
    const from = new Uint8Array(12);
    const len = new Uint32Array([12]);
    const n = Number(recvfrom(victim.fd, buf, buf.length, 0x40 /* MSG_DONTWAIT */, from, len));
    t.true(n > 0);
    t.is(decodeNlMsgHeader(buf).seq, 77);
    t.is(new DataView(from.buffer).getUint32(4, true), spoofer.portId, 'the sender\'s port id is not 0');
  } finally {
    victim.close();
    spoofer.close();
  }
});
