/**
 * Pipelined requests against the kernel: rtnetlink handles every message of one sendmsg in
 * order, answers each by its sequence number and goes on after one it refuses.
 */
import test from 'ava';
import { IpRoute } from '../../src/index.js';
import { NetlinkError } from '../../src/netlink/index.js';
import { assertSandboxed, ip, ipJson, uniq } from './_util.js';

test.before(() => assertSandboxed());

test('pipeline: 64 address adds in one sendmsg, one of them refused alone (EEXIST)', async (t) => {
  await using h = await IpRoute.open();
  const dev = uniq('pb');
  ip('link', 'add', dev, 'type', 'veth', 'peer', 'name', `${dev}p`);
  try {
    const index = ipJson<{ ifindex: number }[]>('link', 'show', dev)[0]!.ifindex;
    ip('addr', 'add', '10.77.0.5/24', 'dev', dev);
    const before = { ...h.conn.counters };
    const results = await h.conn.pipeline(() => Promise.allSettled(
      Array.from({ length: 64 }, (_, i) => h.addr.add(index, `10.77.0.${i + 1}/24`)),
    ));
    t.is(h.conn.counters.requests - before.requests, 64);
    t.is(h.conn.counters.sendmsgs - before.sendmsgs, 1);
    const refused = results.flatMap((r, i) => (r.status === 'rejected' ? [[i, r.reason]] : []));
    t.is(refused.length, 1);
    t.is(refused[0]![0], 4);
    t.true(refused[0]![1] instanceof NetlinkError && refused[0]![1].code === 'EEXIST');
    const got = ipJson<{ addr_info: { local: string }[] }[]>('-4', 'addr', 'show', 'dev', dev)[0]!.addr_info.map((a) => a.local);
    t.is(new Set(got).size, 64);
  } finally {
    ip('link', 'del', dev);
  }
});

test('sendBatch: link changes by ifindex in one sendmsg, a missing device failing alone', async (t) => {
  await using h = await IpRoute.open();
  const a = uniq('pc');
  ip('link', 'add', a, 'type', 'veth', 'peer', 'name', `${a}p`);
  try {
    const { rtnl, netlink } = await import('../../src/index.js');
    const index = ipJson<{ ifindex: number }[]>('link', 'show', a)[0]!.ifindex;
    const peer = ipJson<{ ifindex: number }[]>('link', 'show', `${a}p`)[0]!.ifindex;
    const set = (ifindex: number, mtu: number) => {
      const w = new netlink.MessageWriter(rtnl.link.RTM_NEWLINK, 0);
      rtnl.link.encodeLinkMessage(w, { ifinfo: rtnl.link.newIfInfoMsg({ index: ifindex }), attrs: { mtu } });
      return { msg: w.finish(), op: 'RTM_NEWLINK' };
    };
    const sends = h.conn.counters.sendmsgs;
    const r = await h.conn.sendBatch([set(index, 1400), set(0x7ffffff0, 1400), set(peer, 1300)]);
    t.is(h.conn.counters.sendmsgs - sends, 1);
    t.true(r[0]!.ok);
    t.false(r[1]!.ok);
    t.true(r[2]!.ok);
    t.is(ipJson<{ mtu: number }[]>('link', 'show', a)[0]!.mtu, 1400);
    t.is(ipJson<{ mtu: number }[]>('link', 'show', `${a}p`)[0]!.mtu, 1300);
  } finally {
    ip('link', 'del', a);
  }
});
