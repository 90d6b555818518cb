// Bridge and bridge port options (issue 18) made by rtnl-ts, through the API and the CLI, read
// back with `ip -j -d link show` (and `-d link show` text compared with rtnl-ts's); bad words
// fail as ip fails, with nothing changed. Each test works in a namespace of its own. This
// kernel has no bridge VLAN filtering: the vlan_* options are in parity-bridge.test.ts and
// test/full instead.
import test from 'ava';
import { IpRoute } from '../../src/index.js';
import { assertSandboxed, freshNetns, ipJson, tryRun } from './_util.js';
import { untilForwarding } from './bridge-helpers.js';
import { asIp, normalizeTimers, runCli, runIp } from './cli-helpers.js';

test.before(() => assertSandboxed());

/** A namespace with a bridge br0 and the veths d0 (peer d1) and d2 (peer d3) as its ports. */
function lab(t: { teardown(fn: () => void): void }): string {
  const ns = freshNetns('brk');
  t.teardown(ns.del);
  for (const line of ['link add br0 type bridge', 'link add d0 type veth peer name d1', 'link set d0 master br0',
    'link add d2 type veth peer name d3', 'link set d2 master br0']) {
    const r = runIp('-n', ns.name, ...line.split(' '));
    if (r.status !== 0) throw new Error(`${line}: ${r.stderr}`);
  }
  return ns.name;
}

const dataOf = (ns: string, dev: string): any => ipJson('-n', ns, '-d', 'link', 'show', 'dev', dev)[0].linkinfo;

/** The rtnl-ts line must succeed. */
function cli(t: { is(a: unknown, b: unknown, m?: string): void }, ...args: string[]): void {
  const r = runCli(...args);
  t.is(`${r.status} ${r.stderr}`, '0 ', args.join(' '));
}

test('the API creates a bridge with every option this kernel keeps and changes them', async (t) => {
  const ns = lab(t);
  await using api = await IpRoute.open({ netns: ns });
  await api.link.add({
    name: 'br1', type: 'bridge', forwardDelay: 500, helloTime: 300, maxAge: 2500, ageingTime: 1000, stpState: true,
    priority: 100, groupFwdMask: 0x4000, groupAddress: '01:80:c2:00:00:0e', noLinklocalLearn: true, mcastRouter: 2,
    mcastSnooping: 0, mcastVlanSnooping: false, mcastQueryUseIfaddr: true, mcastQuerier: 1, mcastHashElasticity: 16,
    mcastHashMax: 1024, mcastLastMemberCount: 3, mcastStartupQueryCount: 4, mcastLastMemberInterval: 200,
    mcastMembershipInterval: 30000n, mcastQuerierInterval: 26000, mcastQueryInterval: 13000,
    mcastQueryResponseInterval: 1100, mcastStartupQueryInterval: 3000, mcastStatsEnabled: true, mcastIgmpVersion: 3,
    mcastMldVersion: 2, nfCallIptables: true, nfCallIp6tables: 1, nfCallArptables: true,
  }, { echo: false });
  const want = {
    forward_delay: 500, hello_time: 300, max_age: 2500, ageing_time: 1000, stp_state: 1, priority: 100,
    group_fwd_mask: '0x4000', group_addr: '01:80:c2:00:00:0e', no_linklocal_learn: 1, mcast_vlan_snooping: 0,
    mcast_router: 2, mcast_snooping: 0, mcast_query_use_ifaddr: 1, mcast_querier: 1, mcast_hash_elasticity: 16,
    mcast_hash_max: 1024, mcast_last_member_cnt: 3, mcast_startup_query_cnt: 4, mcast_last_member_intvl: 200,
    mcast_membership_intvl: 30000, mcast_querier_intvl: 26000, mcast_query_intvl: 13000,
    mcast_query_response_intvl: 1100, mcast_startup_query_intvl: 3000, mcast_stats_enabled: 1, mcast_igmp_version: 3,
    mcast_mld_version: 2, nf_call_iptables: 1, nf_call_ip6tables: 1, nf_call_arptables: 1,
  };
  t.like(dataOf(ns, 'br1').info_data, want);
  // Read back typed: the same numbers under the codec's names.
  const data = (await api.link.get('br1')).linkinfo?.data as Record<string, unknown>;
  t.like(data, { forwardDelay: 500, priority: 100, groupAddr: '01:80:c2:00:00:0e', mcastMembershipIntvl: 30000n, mcastIgmpVersion: 3 });

  // A change (br_changelink): only what is given moves.
  await api.link.set('br1', { type: 'bridge', fdbFlush: true, stpState: false, mcastIgmpVersion: 2, noLinklocalLearn: 0, groupFwdMask: 0 });
  t.like(dataOf(ns, 'br1').info_data, { ...want, stp_state: 0, mcast_igmp_version: 2, no_linklocal_learn: 0, group_fwd_mask: '0' });
  // The kernel's own refusal comes back as its error, nothing changed.
  await t.throwsAsync(api.link.set('br1', { type: 'bridge', mcastIgmpVersion: 5 }), { code: 'EINVAL' });
  t.is(dataOf(ns, 'br1').info_data.mcast_igmp_version, 2);
});

test('the API sets every port option this kernel keeps, backup port (another port) by name, then none', async (t) => {
  const ns = lab(t);
  await using api = await IpRoute.open({ netns: ns });
  await api.link.set('d0', {
    type: 'bridge_slave', priority: 5, cost: 7, guard: true, hairpin: true, fastleave: true, rootBlock: true,
    learning: false, flood: false, proxyArp: true, proxyArpWifi: true, mcastRouter: 2, mcastFlood: false,
    bcastFlood: false, mcastToUnicast: true, groupFwdMask: 0x4, neighSuppress: true, vlanTunnel: false, isolated: true,
    locked: true, backupPort: 'd2',
  });
  t.like(dataOf(ns, 'd0').info_slave_data, {
    state: 'disabled', priority: 5, cost: 7, hairpin: true, guard: true, root_block: true, fastleave: true,
    learning: false, flood: false, proxy_arp: true, proxy_arp_wifi: true, multicast_router: 2, mcast_flood: false,
    bcast_flood: false, mcast_to_unicast: true, neigh_suppress: true, group_fwd_mask: '0x4', group_fwd_mask_str: 'lacp',
    vlan_tunnel: false, isolated: true, locked: true, backup_port: 'd2',
  });
  await api.link.set('d0', { type: 'bridge_slave', backupPort: null, mcastFastLeave: false, fdbFlush: true });
  const port = dataOf(ns, 'd0').info_slave_data;
  t.is(port.backup_port, undefined);
  t.is(port.fastleave, false);
  // The port state needs the port running with a carrier (ENETDOWN before).
  await t.throwsAsync(api.link.set('d0', { type: 'bridge_slave', state: 'blocking' }), { code: 'ENETDOWN' });
  for (const dev of ['br0', 'd1', 'd0']) await api.link.set(dev, { up: true });
  untilForwarding(ns, 'd0'); // its carrier, then forwarding, come a moment after up
  // Without STP the bridge puts a port with a carrier back to forwarding, whatever was set, as
  // it does for ip: the request is accepted, and the state is what ip's request leaves.
  await api.link.set('d0', { type: 'bridge_slave', state: 'disabled' });
  const after = dataOf(ns, 'd0').info_slave_data.state;
  await api.link.set('d0', { type: 'bridge_slave', state: 3 });
  runIp('-n', ns, 'link', 'set', 'dev', 'd0', 'type', 'bridge_slave', 'state', '0');
  t.is(dataOf(ns, 'd0').info_slave_data.state, after);
});

test('the CLI: link add/set type bridge and bridge_slave, shown as ip shows them', (t) => {
  const ns = lab(t);
  cli(t, '-n', ns, 'link', 'add', 'br1', 'type', 'bridge', ...('forward_delay 500 hello_time 300 max_age 2500 ageing_time 1000 ' +
    'stp_state 1 priority 100 group_fwd_mask 0x4000 group_address 01:80:c2:00:00:0e no_linklocal_learn 1 mcast_router 2 ' +
    'mcast_snooping 0 mcast_vlan_snooping 0 mcast_query_use_ifaddr 1 mcast_querier 1 mcast_hash_max 1024 ' +
    'mcast_last_member_count 3 mcast_startup_query_count 4 mcast_last_member_interval 200 mcast_membership_interval 30000 ' +
    'mcast_querier_interval 26000 mcast_query_interval 13000 mcast_query_response_interval 1100 ' +
    'mcast_startup_query_interval 3000 mcast_stats_enabled 1 mcast_igmp_version 3 mcast_mld_version 2 ' +
    'nf_call_iptables 1 nf_call_ip6tables 1 nf_call_arptables 1').split(' '));
  t.like(dataOf(ns, 'br1').info_data, { forward_delay: 500, stp_state: 1, group_fwd_mask: '0x4000', mcast_mld_version: 2, nf_call_arptables: 1 });
  cli(t, '-n', ns, 'link', 'set', 'dev', 'br1', 'type', 'bridge', 'fdb_flush', 'stp_state', '0', 'mcast_hash_max', '512');
  t.like(dataOf(ns, 'br1').info_data, { stp_state: 0, mcast_hash_max: 512 });
  cli(t, '-n', ns, 'link', 'set', 'dev', 'd0', 'type', 'bridge_slave', ...('priority 5 cost 7 guard on hairpin on fastleave on ' +
    'root_block on learning off flood off proxy_arp on proxy_arp_wifi on mcast_router 2 mcast_flood off bcast_flood off ' +
    'mcast_to_unicast on group_fwd_mask 0x4001 neigh_suppress on vlan_tunnel off isolated on locked on backup_port d2').split(' '));
  t.like(dataOf(ns, 'd0').info_slave_data, { priority: 5, cost: 7, hairpin: true, learning: false, group_fwd_mask_str: 'stp,lldp', backup_port: 'd2' });
  for (const show of [['-d', 'link', 'show'], ['-j', '-d', 'link', 'show'], ['-d', 'link', 'show', 'dev', 'd0'], ['-j', '-p', '-d', 'link', 'show', 'br1']]) {
    const ip = runIp('-n', ns, ...show);
    const mine = runCli('-n', ns, ...show);
    t.is(normalizeTimers(mine.stdout), normalizeTimers(ip.stdout), show.join(' '));
  }
  cli(t, '-n', ns, 'link', 'set', 'dev', 'd0', 'type', 'bridge_slave', 'nobackup_port', 'mcast_fast_leave', 'off');
  t.like(dataOf(ns, 'd0').info_slave_data, { fastleave: false });
  t.is(dataOf(ns, 'd0').info_slave_data.backup_port, undefined);
});

/** Bad words: ip's words on stderr, ip's status, stdout alike, and the state as it was. */
const BAD = [
  'link set dev br0 type bridge forward_delay x', 'link set dev br0 type bridge priority 70000',
  'link set dev br0 type bridge group_address zz', 'link set dev br0 type bridge vlan_protocol foo',
  'link set dev br0 type bridge mcast_query_interval 0x', 'link set dev br0 type bridge bogus 1',
  'link set dev br0 type bridge help', 'link set dev br0 type bridge mcast_igmp_version 5',
  'link set dev br0 type bridge no_linklocal_lear 1', 'link add br9 type bridge hello_time',
  'link set dev d0 type bridge_slave hairpin x', 'link set dev d0 type bridge_slave cost -1',
  'link set dev d0 type bridge_slave state 5', 'link set dev d0 type bridge_slave backup_port nosuch',
  'link set dev d0 type bridge_slave mab on', 'link set dev d0 type bridge_slave help',
  'link set dev d0 type bridge_slave mcast_router 256', 'link set dev d0 type bridge_slave group_fwd_mask x',
];

for (const line of BAD) {
  test(`same failure, nothing changed: ${line}`, (t) => {
    const ns = lab(t);
    const snap = (): string => normalizeTimers(runIp('-n', ns, '-j', '-d', 'link', 'show').stdout);
    const before = snap();
    const ip = runIp('-n', ns, ...line.split(' '));
    t.is(snap(), before, 'ip left the state alone');
    const mine = runCli('-n', ns, ...line.split(' '));
    t.is(snap(), before, 'rtnl-ts left the state alone');
    t.not(ip.status, 0);
    t.is(mine.status, ip.status);
    t.is(asIp(mine.stderr), ip.stderr);
    t.is(mine.stdout, ip.stdout);
  });
}

test('help texts: link help bridge and bridge_slave print ip\'s', (t) => {
  for (const kind of ['bridge', 'bridge_slave']) {
    const ip = runIp('link', 'help', kind);
    const mine = runCli('link', 'help', kind);
    t.is(mine.status, ip.status);
    t.is(asIp(mine.stdout), ip.stdout);
  }
  t.is(tryRun('ip', ['link', 'help', 'bridge_slave']).status, 0);
});
