// Kinds this machine's kernel lacks (dummy, vlan), made with `ip` in the full kernel and read back
// through the API, compared with `ip -j -d link show` on the same state.
import test, { type ExecutionContext } from 'ava';
import type { Link } from '../../src/index.js';
import { freshNetns } from './_util.js';

// <linux/if_link.h> IFLA_VLAN_*, <linux/if_vlan.h> VLAN_FLAG_*, <linux/if_ether.h> ETH_P_8021Q
const IFLA_VLAN_ID = 1;
const IFLA_VLAN_FLAGS = 2;
const IFLA_VLAN_PROTOCOL = 5;
const VLAN_FLAG_REORDER_HDR = 1;
const ETH_P_8021Q = 0x8100;

/** The fields both sides print for any link (M-DOWN is ip's view of the lower device's state). */
function assertSameLink(t: ExecutionContext, link: Link, j: any): void {
  t.is(link.ifindex, j.ifindex);
  t.is(link.ifname, j.ifname);
  t.deepEqual(link.flags, j.flags.filter((f: string) => f !== 'M-DOWN'));
  t.is(link.mtu, j.mtu);
  t.is(link.qdisc, j.qdisc);
  t.is(link.operstate, j.operstate);
  t.is(link.txqlen, j.txqlen);
  t.is(link.linkType, j.link_type);
  t.is(link.address, j.address);
  t.is(link.broadcast, j.broadcast);
  t.is(link.minMtu, j.min_mtu);
  t.is(link.maxMtu, j.max_mtu);
  t.is(link.linkinfo?.kind, j.linkinfo?.info_kind);
}

/** IFLA_VLAN_* of raw kind data (rtnl-ts has no vlan codec yet): id, protocol, flags. */
function rawVlan(data: Uint8Array): { id?: number; protocol?: number; flags?: number } {
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out: { id?: number; protocol?: number; flags?: number } = {};
  for (let off = 0; off + 4 <= data.length;) {
    const len = v.getUint16(off, true);
    const type = v.getUint16(off + 2, true);
    if (len < 4) break;
    if (type === IFLA_VLAN_ID) out.id = v.getUint16(off + 4, true);
    if (type === IFLA_VLAN_PROTOCOL) out.protocol = v.getUint16(off + 4, false);
    if (type === IFLA_VLAN_FLAGS) out.flags = v.getUint32(off + 4, true);
    off += (len + 3) & ~3;
  }
  return out;
}

test('a dummy made by ip reads back the same through link.get and link.list', async (t) => {
  const ns = freshNetns(t);
  ns.ip('link', 'add', 'd0', 'type', 'dummy');
  const api = await ns.open();
  const j = ns.ipJson('-d', 'link', 'show', 'dev', 'd0')[0];
  assertSameLink(t, await api.link.get('d0'), j);
  t.is(j.linkinfo.info_kind, 'dummy');
  const all = await api.link.list();
  t.deepEqual(all.map((l) => l.ifname), ns.ipJson<any[]>('link', 'show').map((l) => l.ifname));
});

test('a vlan over a dummy made by ip reads back the same: lower device, id, protocol, flags', async (t) => {
  const ns = freshNetns(t);
  ns.ip('link', 'add', 'd0', 'type', 'dummy');
  ns.ip('link', 'add', 'link', 'd0', 'name', 'v10', 'type', 'vlan', 'id', '10');
  const api = await ns.open();
  const d0 = await api.link.get('d0');
  const v10 = await api.link.get('v10');
  const j = ns.ipJson('-d', 'link', 'show', 'dev', 'v10')[0];
  assertSameLink(t, v10, j);
  t.is(j.link, 'd0');
  t.is(v10.link, d0.ifindex);
  t.like(j.linkinfo.info_data, { protocol: '802.1Q', id: 10, flags: ['REORDER_HDR'] });
  const data = v10.linkinfo?.data;
  if (data instanceof Uint8Array) {
    t.deepEqual(rawVlan(data), { id: 10, protocol: ETH_P_8021Q, flags: VLAN_FLAG_REORDER_HDR });
  } else {
    // the typed vlan data of the vlan kind (issue 18): the same facts under its own names
    t.like(data, { id: 10 });
  }
});
