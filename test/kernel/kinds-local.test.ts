/**
 * The link kinds this kernel has (macvlan, macvtap, ifb, tun/tap), made and changed by `ip` and by
 * `rtnl-ts` side by side and read back by both (kinds-diff.ts), and through the API: created,
 * read back typed, changed, deleted.
 */
import test from 'ava';
import { IpRoute, InvalidArgumentError } from '../../src/index.js';
import { assertSandboxed, freshNetns, ip as ipCmd, ipJson } from './_util.js';
import { runCli, runIp } from './cli-helpers.js';
import { assertSameFailures, assertSameShow, assertTwins, buildBoth } from './kinds-diff.js';
import { renameProgram } from '../../src/cli/usage.js';

let ns: ReturnType<typeof freshNetns>;

test.before(() => {
  assertSandboxed();
  ns = freshNetns('kinds');
  ipCmd('-n', ns.name, 'link', 'add', 'd0', 'type', 'veth', 'peer', 'name', 'd1');
});
test.after.always(() => ns?.del());

test('macvlan and macvtap: every mode, flags, source MACs and bcqueuelen, made and changed by both tools', (t) => {
  buildBoth(t, ns.name, [
    'link add link d0 name {}mv1 type macvlan mode source macaddr set 00:11:22:33:44:55 00:11:22:33:44:66 bcqueuelen 100',
    'link add link d0 name {}mv2 type macvlan mode private',
    'link add link d0 name {}mv3 type macvlan mode vepa nodst',
    'link add link d0 name {}mv4 type macvlan mode bridge flag null',
    'link add {}pt0 type veth peer name {}pt1',
    'link add link {}pt0 name {}mv5 type macvlan mode passthru flag nopromisc',
    'link add link d0 name {}mt1 type macvtap mode bridge bcqueuelen 7',
    'link add link d0 name {}mt2 type macvtap mode source',
    'link add link d0 name {}mt3 type macvtap',
    'link set {}mv1 type macvlan macaddr add 00:aa:bb:cc:dd:ee',
    'link set {}mv1 type macvlan macaddr del 00:11:22:33:44:55',
    'link set {}mt2 type macvtap macaddr set 02:00:00:00:00:01 02:00:00:00:00:02',
    'link set {}mv2 type macvlan mode vepa bcqueuelen 5',
    'link set {}mv3 type macvlan flag null',
    'link set {}mt2 type macvtap macaddr flush',
    'link set {}mt2 type macvtap macaddr add 02:00:00:00:00:03',
  ]);
  assertTwins(t, ns.name, ['mv1', 'mv2', 'mv3', 'mv4', 'mv5', 'mt1', 'mt2', 'mt3']);
  for (const args of [['-d', 'link', 'show'], ['-j', '-d', 'link', 'show'], ['-d', 'link', 'show', 'type', 'macvtap'],
    ['-j', '-p', '-d', 'link', 'show', 'dev', 'ts_mv1'], ['-o', '-d', 'link', 'show', 'dev', 'ip_mt2']]) {
    assertSameShow(t, ns.name, args);
  }
});

test('macvlan: bad words fail as in ip, and nothing is made', (t) => {
  assertSameFailures(t, ns.name, [
    'link add link d0 name bad0 type macvlan mode foo',
    'link add link d0 name bad0 type macvlan flag promisc',
    'link add link d0 name bad0 type macvlan mode bridge nopromisc',
    'link add link d0 name bad0 type macvlan bcqueuelen -1',
    'link add link d0 name bad0 type macvlan macaddr add zz:11:22:33:44:55',
    'link add link d0 name bad0 type macvlan macaddr add 00:11:22',
    'link add link d0 name bad0 type macvlan macaddr drop',
    'link add link d0 name bad0 type macvtap bogus',
    'link add link d0 name bad0 type macvlan help',
    'link add link d0 name bad0 type macvlan mode',
  ]);
});

test('macvlan through the API: created, read back typed, changed, deleted', async (t) => {
  const ip = await IpRoute.open({ netns: ns.name });
  t.teardown(() => ip.close());
  const made = await ip.link.add({
    name: 'api_mv', type: 'macvlan', link: 'd0', mode: 'source', macaddr: { set: ['00:11:22:33:44:55'] }, bcqueuelen: 50,
  });
  t.like(made.linkinfo, { kind: 'macvlan', data: { mode: 16, bcQueueLen: 50, macaddrCount: 1, macaddrData: { macaddr: ['00:11:22:33:44:55'] } } });
  await ip.link.set('api_mv', { type: 'macvlan', macaddr: { add: '00:11:22:33:44:66' } });
  await ip.link.set('api_mv', { type: 'macvlan', mode: 'source', flags: ['nodst'] });
  const got = await ip.link.get('api_mv');
  t.like(got.linkinfo?.data, { mode: 16, flags: 2, macaddrCount: 2, macaddrData: { macaddr: ['00:11:22:33:44:55', '00:11:22:33:44:66'] } });
  const j = ipJson('-n', ns.name, '-d', 'link', 'show', 'dev', 'api_mv')[0];
  t.like(j.linkinfo.info_data, { mode: 'source', nodst: true, bcqueuelen: 50, macaddr_count: 2, macaddr_data: ['00:11:22:33:44:55', '00:11:22:33:44:66'] });
  await ip.link.add({ name: 'api_p0', type: 'veth', peer: { name: 'api_p1' } });
  await ip.link.add({ name: 'api_mt', type: 'macvtap', link: 'api_p0', mode: 'passthru', flags: ['nopromisc'] });
  t.like((await ip.link.get('api_mt')).linkinfo, { kind: 'macvtap', data: { mode: 8, flags: 1 } });
  await t.throwsAsync(ip.link.add({ name: 'x', type: 'macvlan', link: 'd0', mode: 'bridge', flags: ['nopromisc'] }), { instanceOf: InvalidArgumentError, message: /passthru/ });
  await t.throwsAsync(ip.link.set('api_mv', { type: 'macvlan', macaddr: { add: '00:11' } }), { instanceOf: InvalidArgumentError });
  await ip.link.del('api_mv');
  await ip.link.del('api_mt');
  await ip.link.del('api_p0');
  t.deepEqual(ipJson('-n', ns.name, 'link', 'show', 'type', 'macvlan').filter((l: any) => l.ifname.startsWith('api')), []);
});

test('vlan: bad words fail as in ip (this kernel has no 8021q: only what ip refuses itself)', (t) => {
  assertSameFailures(t, ns.name, [
    'link add link d0 name bad0 type vlan id 70000',
    'link add link d0 name bad0 type vlan id x',
    'link add link d0 name bad0 type vlan protocol 802.1x id 1',
    'link add link d0 name bad0 type vlan id 1 reorder_hdr maybe',
    'link add link d0 name bad0 type vlan id 1 gvrp',
    'link add link d0 name bad0 type vlan id 1 ingress-qos-map x:1',
    'link add link d0 name bad0 type vlan id 1 egress-qos-map 1:y',
    'link add link d0 name bad0 type vlan id 1 bogus',
    'link add link d0 name bad0 type vlan help',
    'link set d0 type vlan mvrp yes',
  ]);
});

test('ipvlan: bad words fail as in ip (this kernel has no ipvlan: only what ip refuses itself)', (t) => {
  assertSameFailures(t, ns.name, [
    'link add link d0 name bad0 type ipvlan mode l4',
    'link add link d0 name bad0 type ipvlan private vepa',
    'link add link d0 name bad0 type ipvtap bogus',
    'link add link d0 name bad0 type ipvtap help',
    'link add link d0 name bad0 type ipvlan mode',
  ]);
});

test('ifb: made and changed by both tools, read back by both; through the API', async (t) => {
  buildBoth(t, ns.name, [
    'link add {}ifb1 type ifb',
    'link add name {}ifb2 txqueuelen 5 mtu 9000 type ifb',
    'link set {}ifb1 type ifb',
    'link set {}ifb2 up',
  ]);
  assertTwins(t, ns.name, ['ifb1', 'ifb2']);
  assertSameShow(t, ns.name, ['-d', 'link', 'show', 'type', 'ifb']);
  assertSameShow(t, ns.name, ['-j', '-d', 'link', 'show', 'type', 'ifb']);
  const ip = await IpRoute.open({ netns: ns.name });
  t.teardown(() => ip.close());
  const made = await ip.link.add({ name: 'api_ifb', type: 'ifb', txqlen: 3 });
  t.like(made, { ifname: 'api_ifb', txqlen: 3, linkinfo: { kind: 'ifb' } });
  await ip.link.set('api_ifb', { type: 'ifb', up: true });
  t.is((await ip.link.get('api_ifb')).flags.includes('UP'), true);
  await ip.link.del('api_ifb');
  await t.throwsAsync(ip.link.get('api_ifb'), { code: 'ENODEV' });
});

test('vrf: bad words fail as in ip (this kernel has no vrf: only what ip refuses itself)', (t) => {
  assertSameFailures(t, ns.name, [
    'link add bad0 type vrf table nosuch',
    'link add bad0 type vrf table',
    'link add bad0 type vrf tbl 10',
    'link add bad0 type vrf help',
  ]);
});

test('bond, bond_slave: bad words fail as in ip (this kernel has no bonding: only what ip refuses itself)', (t) => {
  assertSameFailures(t, ns.name, [
    'link add bad0 type bond mode balance',
    'link add bad0 type bond mode 7',
    'link add bad0 type bond miimon -1',
    'link add bad0 type bond use_carrier 256',
    'link add bad0 type bond active_slave nosuch',
    'link add bad0 type bond primary nosuch',
    'link add bad0 type bond arp_ip_target 10.0.0.1,10.0.0.300',
    'link add bad0 type bond ns_ip6_target 2001:db8::1,zz',
    'link add bad0 type bond arp_validate some',
    'link add bad0 type bond lacp_active maybe',
    'link add bad0 type bond lacp_act on',
    'link add bad0 type bond ad_actor_system zz:11',
    'link add bad0 type bond xmit_hash_policy layer4',
    'link add bad0 type bond bogus 1',
    'link add bad0 type bond help',
    'link set d0 type bond_slave queue_id 70000',
    'link set d0 type bond_slave prio x',
    'link set d0 type bond_slave pri 1',
    'link set d0 type bond_slave help',
    'link set d0 type bond_slave bogus',
  ]);
});

test('vxlan: every option, made and changed by both tools, read back by both', (t) => {
  // Twins in one namespace would clash (a VNI and port are taken once per namespace): ip makes
  // its devices in one namespace, rtnl-ts the same in another; ip must see the same devices.
  const other = freshNetns('kinds-vx');
  t.teardown(() => other.del());
  const lines = [
    'link add vx1 type vxlan id 42 dstport 4789',
    'link add lo0 type veth peer name lp0',
    'link add vx2 type vxlan id 1 remote 10.0.0.2 local 10.0.0.1 dstport 4789 ttl 5 tos 0x10 df set srcport 1000 2000 dev lo0',
    'link add vx3 type vxlan id 2 remote 2001:db8::2 local 2001:db8::1 dstport 4790 flowlabel 0x12345 ttl inherit udp6zerocsumtx udp6zerocsumrx',
    'link add vx4 type vxlan id 3 group 239.1.1.1 dev lo0 dstport 4789 nolearning proxy rsc l2miss l3miss ageing 100 maxaddress 50',
    'link add vx5 type vxlan dstport 4789 external',
    'link add vx6 type vxlan id 4 dstport 4789 tos inherit ttl auto df inherit noudpcsum gbp ageing none',
    'link add vx7 type vxlan dstport 4792 external vnifilter',
    'link set vx1 type vxlan ttl 10 nolearning',
    'link set vx2 type vxlan ageing 20',
  ];
  const made = freshNetns('kinds-vxip');
  t.teardown(() => made.del());
  for (const line of lines) {
    const a = runIp('-n', made.name, ...line.split(' '));
    const b = runCli('-n', other.name, ...line.split(' '));
    t.is(a.status, 0, `ip ${line}: ${a.stderr}`);
    t.is(b.status, 0, `rtnl-ts ${line}: ${b.stderr}`);
  }
  const strip = (ns: string): unknown[] => ipJson('-n', ns, '-d', 'link', 'show').map(({ ifindex: _i, address: _a, broadcast: _b, link_index: _l, ...rest }: any) => rest);
  t.deepEqual(strip(other.name), strip(made.name), 'ip reads the same devices');
  for (const ns of [made.name, other.name]) {
    for (const args of [['-d', 'link', 'show', 'type', 'vxlan'], ['-j', '-d', 'link', 'show', 'type', 'vxlan'], ['-j', '-p', '-d', 'link', 'show', 'dev', 'vx4']]) {
      assertSameShow(t, ns, args);
    }
  }
});

test('vxlan: bad words fail as in ip, and nothing is made', (t) => {
  assertSameFailures(t, ns.name, [
    'link add bad0 type vxlan id 16777216',
    'link add bad0 type vxlan id 1 id 2',
    'link add bad0 type vxlan id 1 remote 239.1.1.1',
    'link add bad0 type vxlan id 1 group 10.0.0.1 dev d0',
    'link add bad0 type vxlan id 1 group 239.1.1.1',
    'link add bad0 type vxlan id 1 remote 10.0.0.1 group 239.1.1.1',
    'link add bad0 type vxlan id 1 local 10.0.0.1 remote 2001:db8::1',
    'link add bad0 type vxlan id 1 local any',
    'link add bad0 type vxlan id 1 ttl 256',
    'link add bad0 type vxlan id 1 tos xyz',
    'link add bad0 type vxlan id 1 df maybe',
    'link add bad0 type vxlan id 1 flowlabel 0x100000',
    'link add bad0 type vxlan id 1 dev nosuch',
    'link add bad0 type vxlan id 1 srcport 1',
    'link add bad0 type vxlan id 1 external',
    'link add bad0 type vxlan id 1 vnifilter',
    'link add bad0 type vxlan id 1 nolearning learning',
    'link add bad0 type vxlan id 1 bogus',
    'link add bad0 type vxlan help',
  ]);
});

test('vxlan through the API: created, read back typed, changed, deleted; bad options refused before any request', async (t) => {
  const ip = await IpRoute.open({ netns: ns.name });
  t.teardown(() => ip.close());
  const made = await ip.link.add({ name: 'api_vx', type: 'vxlan', id: 9, remote: '10.9.0.1', dstport: 4789, ttl: 'inherit', df: 'set', proxy: true });
  t.like(made.linkinfo, { kind: 'vxlan', data: { id: 9, group: '10.9.0.1', port: 4789, learning: 1, proxy: 1, df: 1, ttlInherit: 1 } });
  await ip.link.set('api_vx', { type: 'vxlan', learning: false });
  t.like((await ip.link.get('api_vx')).linkinfo?.data, { learning: 0 });
  const ext = await ip.link.add({ name: 'api_vxe', type: 'vxlan', external: true, dstport: 4791 });
  t.like(ext.linkinfo?.data, { collectMetadata: 1, learning: 0 });
  await t.throwsAsync(ip.link.add({ name: 'x', type: 'vxlan', external: true, id: 1 }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(ip.link.add({ name: 'x', type: 'vxlan', id: 1, remote: '239.1.1.1' }), { instanceOf: InvalidArgumentError, message: /dev/ });
  await t.throwsAsync(ip.link.add({ name: 'x', type: 'vxlan', id: 1, df: 'maybe' as 'set' }), { instanceOf: InvalidArgumentError });
  await ip.link.del('api_vx');
  await ip.link.del('api_vxe');
  t.deepEqual(ipJson('-n', ns.name, 'link', 'show', 'type', 'vxlan').filter((l: any) => l.ifname.startsWith('api')), []);
});

test('geneve: bad words fail as in ip (this kernel has no geneve: only what ip refuses itself)', (t) => {
  assertSameFailures(t, ns.name, [
    'link add bad0 type geneve id 1',
    'link add bad0 type geneve remote 10.0.0.1',
    'link add bad0 type geneve id 16777216 remote 10.0.0.1',
    'link add bad0 type geneve id 1 remote 239.0.0.1',
    'link add bad0 type geneve id 1 remote any',
    'link add bad0 type geneve id 1 remote 10.0.0.1 remote 10.0.0.2',
    'link add bad0 type geneve id 1 remote 10.0.0.1 ttl 300',
    'link add bad0 type geneve id 1 remote 10.0.0.1 df no',
    'link add bad0 type geneve id 1 remote 10.0.0.1 flowlabel 0x100000',
    'link add bad0 type geneve id 1 remote 10.0.0.1 dstport 70000',
    'link add bad0 type geneve id 1 external',
    'link add bad0 type geneve id 1 remote 10.0.0.1 bogus',
    'link add bad0 type geneve help',
    'link set d0 type geneve ttl 3',
  ]);
});

test('link help KIND: ip\'s usage of each kind, naming rtnl-ts', (t) => {
  for (const kind of ['macvlan', 'macvtap', 'vlan', 'ipvlan', 'ipvtap', 'vrf', 'vrf_slave', 'dummy', 'ifb', 'bond', 'bond_slave', 'vxlan', 'geneve']) {
    const a = runIp('link', 'help', kind);
    const b = runCli('link', 'help', kind);
    t.is(b.status, a.status, kind);
    t.is(b.stdout, renameProgram(a.stdout), kind);
    t.is(b.stderr, renameProgram(a.stderr), kind);
  }
});
