/**
 * Link kinds this machine's kernel lacks, on the full kernel: vlan, ipvlan/ipvtap, vrf, dummy, bond.
 * Each kind is made and changed by `ip` and by `rtnl-ts` side by side (devices ip_* and ts_*),
 * then read back by both tools (kinds-diff.ts: `ip -j -d` of each twin, `rtnl-ts -d link show`
 * text and JSON against ip's), and driven through the API: created, read back typed, changed,
 * deleted. One namespace for the whole file (every process costs ~2 s in the guest).
 */
import test from 'ava';
import { IpRoute } from '../../src/index.js';
import { assertSameShow, assertTwins, buildBoth } from '../kernel/kinds-diff.js';
import { run, tryRun, waitFor } from './_util.js';

const NS = `kinds1x${process.pid % 10000}`;
let api: IpRoute;

test.before(async () => {
  run('ip', ['netns', 'add', NS]);
  run('ip', ['-n', NS, 'link', 'add', 'd0', 'type', 'dummy']);
  run('ip', ['-n', NS, 'link', 'add', 'd1', 'type', 'dummy']);
  api = await IpRoute.open({ netns: NS });
});
test.after.always(() => {
  api?.close();
  tryRun('ip', ['netns', 'del', NS]);
});

test('vlan: protocol, flags and QoS maps, made and changed by both tools, read back by both', (t) => {
  buildBoth(t, NS, [
    'link add {}d0 type dummy',
    'link add {}d1 type dummy',
    'link add link {}d0 name {}v10 type vlan id 10',
    'link add link {}d0 name {}v11 type vlan protocol 802.1ad id 11 reorder_hdr off gvrp on mvrp on loose_binding on bridge_binding on ingress-qos-map 0:1 1:2 egress-qos-map 1:2 3:4',
    'link add link {}d1 name {}v12 type vlan id 12 egress-qos-map 0x10:7',
    'link set {}v10 type vlan reorder_hdr off loose_binding on',
    'link set {}v10 type vlan egress-qos-map 2:5 ingress-qos-map 3:6',
    'link set {}v11 type vlan gvrp off bridge_binding off',
    'link set {}v12 type vlan egress-qos-map 0x10:0',
  ]);
  assertTwins(t, NS, ['d0', 'd1', 'v10', 'v11', 'v12']);
});

test('vlan through the API: created with every option, read back typed, changed, deleted', async (t) => {
  const made = await api.link.add({
    name: 'api_v20', type: 'vlan', link: 'd0', id: 20, protocol: '802.1ad', reorderHdr: false, gvrp: true, looseBinding: true,
    ingressQosMap: [[1, 5]], egressQosMap: [[4, 3]],
  });
  t.deepEqual(made.linkinfo?.data, {
    protocol: 0x88a8, id: 20, flags: { flags: 0x6, mask: 0xffffffff },
    egressQos: { mapping: [{ from: 4, to: 3 }] }, ingressQos: { mapping: [{ from: 1, to: 5 }] },
  });
  await api.link.set('api_v20', { type: 'vlan', gvrp: false, mvrp: true, egressQosMap: [[4, 0], [6, 1]] });
  const got = await api.link.get('api_v20');
  t.like(got.linkinfo?.data, { id: 20, flags: { flags: 0xc }, egressQos: { mapping: [{ from: 6, to: 1 }] } });
  t.is(got.link, (await api.link.get('d0')).ifindex);
  await api.link.del('api_v20');
  await t.throwsAsync(api.link.get('api_v20'), { code: 'ENODEV' });
});

test('ipvlan and ipvtap: modes and flags, made and changed by both tools, read back by both', (t) => {
  buildBoth(t, NS, [
    'link add {}d2 type dummy',
    'link add link {}d2 name {}i1 type ipvlan',
    'link add link {}d2 name {}i2 type ipvlan mode l2 private',
    'link add link {}d2 name {}i3 type ipvlan mode l3s vepa',
    'link add link {}d2 name {}t1 type ipvtap mode l2',
    'link set {}i1 type ipvlan mode l2 vepa',
    'link set {}i2 type ipvlan bridge',
    'link set {}t1 type ipvtap private',
  ]);
  assertTwins(t, NS, ['d2', 'i1', 'i2', 'i3', 't1']);
});

test('ipvlan through the API: created, read back typed, changed, deleted', async (t) => {
  // mode and flags belong to the lower device's port: one lower device each
  await api.link.add({ name: 'api_d3', type: 'dummy' });
  await api.link.add({ name: 'api_d4', type: 'dummy' });
  const made = await api.link.add({ name: 'api_i1', type: 'ipvlan', link: 'api_d3', mode: 'l2', flag: 'private' });
  t.deepEqual(made.linkinfo?.data, { mode: 0, flags: 1 });
  await api.link.add({ name: 'api_t1', type: 'ipvtap', link: 'api_d4', flag: 'vepa' });
  t.deepEqual((await api.link.get('api_t1')).linkinfo, { kind: 'ipvtap', data: { mode: 1, flags: 2 } });
  await api.link.set('api_i1', { type: 'ipvlan', mode: 'l3s' });
  t.deepEqual((await api.link.get('api_i1')).linkinfo?.data, { mode: 2, flags: 1 });
  await api.link.set('api_i1', { type: 'ipvlan', flag: 'bridge' });
  t.deepEqual((await api.link.get('api_i1')).linkinfo?.data, { mode: 2, flags: 0 });
  await api.link.del('api_i1');
  await api.link.del('api_t1');
  await api.link.del('api_d3');
  await api.link.del('api_d4');
  t.false((await api.link.list()).some((l) => l.ifname.startsWith('api_')));
});

test('vrf and dummy: tables, ports (vrf_slave), made and changed by both tools, read back by both', (t) => {
  buildBoth(t, NS, [
    'link add {}vrf1 type vrf table 10',
    'link add {}vrf2 type vrf table 0x200',
    'link add {}dm1 type dummy',
    'link add name {}dm2 mtu 9000 txqueuelen 10 type dummy',
    'link set {}dm1 master {}vrf1',
    'link set {}dm2 master {}vrf2',
    'link set {}dm1 type vrf_slave',
    'link set {}dm2 type dummy',
    'link set {}vrf1 up',
  ]);
  const all = assertTwins(t, NS, ['vrf1', 'vrf2', 'dm1', 'dm2']);
  t.like(all.find((l) => l.ifname === 'ts_dm1'), { master: 'ts_vrf1', linkinfo: { info_kind: 'dummy', info_slave_kind: 'vrf', info_slave_data: { table: 10 } } });
});

test('vrf and dummy through the API: created, enslaved, read back typed, deleted', async (t) => {
  const vrf = await api.link.add({ name: 'api_vrf', type: 'vrf', table: 'main' });
  t.deepEqual(vrf.linkinfo, { kind: 'vrf', data: { table: 254 } });
  await api.link.add({ name: 'api_vrf2', type: 'vrf', table: 30 });
  await api.link.add({ name: 'api_dm', type: 'dummy', master: 'api_vrf2', mtu: 1400 });
  const dm = await api.link.get('api_dm');
  t.like(dm, { mtu: 1400, master: (await api.link.get('api_vrf2')).ifindex });
  t.deepEqual(dm.linkinfo, { kind: 'dummy', slaveKind: 'vrf', slaveData: { table: 30 } });
  await api.link.set('api_dm', { type: 'vrf_slave' });
  await api.link.set('api_dm', { type: 'dummy', master: null, txqlen: 7 });
  t.like(await api.link.get('api_dm'), { txqlen: 7, master: undefined, linkinfo: { kind: 'dummy' } });
  for (const name of ['api_dm', 'api_vrf', 'api_vrf2']) await api.link.del(name);
  t.false((await api.link.list()).some((l) => l.ifname.startsWith('api_')));
});

test('bond and bond_slave: every kind of option, ports, made and changed by both tools, read back by both', async (t) => {
  buildBoth(t, NS, [
    // b1 reselects only on failure: the active slave set last stays, rather than the miimon timer
    // racing the comparison (with 'better' it may go back to the primary at any tick).
    'link add {}b1 type bond mode active-backup miimon 100 updelay 200 downdelay 300 peer_notify_delay 100 use_carrier 1 primary_reselect failure fail_over_mac active num_grat_arp 3 resend_igmp 2 all_slaves_active 1 min_links 1 lp_interval 5',
    'link add {}b2 type bond mode 802.3ad lacp_rate fast xmit_hash_policy layer3+4 ad_select count ad_actor_sys_prio 100 ad_user_port_key 7 ad_actor_system 02:00:00:00:00:01 lacp_active off',
    'link add {}b3 type bond mode balance-xor arp_interval 100 arp_ip_target 10.0.0.1,10.0.0.2 arp_validate all arp_all_targets all arp_missed_max 3 ns_ip6_target 2001:db8::1',
    'link add {}b4 type bond mode balance-tlb tlb_dynamic_lb 0 xmit_hash_policy encap3+4',
    'link add {}b5 type bond packets_per_slave 3 primary_reselect better',
    'link add {}s1 type dummy',
    'link add {}s2 type dummy',
    'link set {}s1 master {}b1',
    'link set {}s2 master {}b1',
    'link set {}b1 up',
    'link set {}b1 type bond primary {}s2',
  ]);
  // The ports come up after updelay (two miimon ticks), and the bond then makes the primary
  // active: until both twins have, which port `active_slave` finds usable depends on the timer.
  await waitFor('both b1 twins to make their primary active', () => {
    const links = JSON.parse(run('ip', ['-n', NS, '-j', '-d', 'link', 'show'])) as { ifname: string; linkinfo?: { info_data?: { active_slave?: string } } }[];
    const active = (side: string) => links.find((l) => l.ifname === `${side}b1`)?.linkinfo?.info_data?.active_slave;
    return active('ip_') === 'ip_s2' && active('ts_') === 'ts_s2';
  }, { timeoutMs: 20_000 });
  buildBoth(t, NS, [
    'link set {}b1 type bond active_slave {}s1',
    'link set {}s1 type bond_slave queue_id 1 prio 5',
    'link set {}s2 type bond_slave prio -3',
    'link set {}b3 type bond arp_ip_target 10.0.0.9 arp_validate filter_backup',
    'link set {}b2 type bond lacp_rate slow',
    'link set {}b4 type bond mode balance-rr',
  ]);
  const all = assertTwins(t, NS, ['b1', 'b2', 'b3', 'b4', 'b5', 's1', 's2']);
  t.like(all.find((l) => l.ifname === 'ts_s1'), { master: 'ts_b1', linkinfo: { info_slave_kind: 'bond', info_slave_data: { queue_id: 1, prio: 5 } } });
  t.like(all.find((l) => l.ifname === 'ts_b1'), { linkinfo: { info_data: { mode: 'active-backup', primary: 'ts_s2', active_slave: 'ts_s1', miimon: 100 } } });
});

test('bond through the API: created, ports enslaved and changed, read back typed, deleted', async (t) => {
  const made = await api.link.add({
    name: 'api_b', type: 'bond', mode: '802.3ad', miimon: 50, lacpRate: 'fast', xmitHashPolicy: 'layer2+3', arpIpTarget: [],
    adActorSystem: '02:00:00:00:00:02', lacpActive: true, useCarrier: true,
  });
  t.like(made.linkinfo?.data, { mode: 4, miimon: 50, adLacpRate: 1, xmitHashPolicy: 2, adActorSystem: '02:00:00:00:00:02', adLacpActive: 1, useCarrier: 1 });
  await api.link.add({ name: 'api_s', type: 'dummy', master: 'api_b' });
  await api.link.set('api_s', { type: 'bond_slave', queueId: 3 });
  t.like((await api.link.get('api_s')).linkinfo, { kind: 'dummy', slaveKind: 'bond', slaveData: { queueId: 3, state: 1 } });
  await api.link.set('api_b', { type: 'bond', miimon: 0, lacpRate: 'slow', adSelect: 'bandwidth' });
  t.like((await api.link.get('api_b')).linkinfo?.data, { miimon: 0, adLacpRate: 0, adSelect: 1 });
  await api.link.add({ name: 'api_b2', type: 'bond', mode: 'balance-xor' });
  await api.link.set('api_b2', { type: 'bond', arpInterval: 200, arpIpTarget: ['10.1.1.1', '10.1.1.2'], nsIp6Target: ['2001:db8::5'] });
  t.like((await api.link.get('api_b2')).linkinfo?.data, { mode: 2, arpInterval: 200, arpIpTarget: ['10.1.1.1', '10.1.1.2'], nsIp6Target: ['2001:db8::5'] });
  await api.link.del('api_b2');
  await api.link.del('api_b');
  t.is((await api.link.get('api_s')).master, undefined, 'the port left the deleted bond');
  await api.link.del('api_s');
});

test('vlan, ipvlan, ipvtap, vrf, dummy, bond: rtnl-ts -d link show prints what ip prints, text and JSON', (t) => {
  assertSameShow(t, NS, ['-d', 'link', 'show']);
  assertSameShow(t, NS, ['-j', '-d', 'link', 'show']);
});
