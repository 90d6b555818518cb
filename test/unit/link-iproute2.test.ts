/**
 * toLink against iproute2: the RTM_NEWLINK replies that `ip -j -d -s link show` decoded (captured
 * with strace in the same run, test/fixtures/link/dump-all.json) must give the values that ip
 * printed from them (the fixture's `stdout`), field by field, including the kind and port data.
 */
import test from 'ava';
import { decodeMessages } from '../../src/netlink/index.js';
import {
  RTM_NEWLINK, bridgeIdToString, bridgePortStateName, decodeLinkMessage, kindData, macvlanModeName,
  slaveKindData, toLink, vxlanDfName, type Link,
} from '../../src/rtnl/link/index.js';
import { fromHex, loadCapture } from './_fixtures.js';

type IpJson = Record<string, any>;

const cap = loadCapture('link/dump-all.json') as ReturnType<typeof loadCapture> & { stdout: string };
const printed = JSON.parse(cap.stdout) as IpJson[];
const links: Link[] = cap.datagrams
  .filter((d) => d.dir === 'recv')
  .flatMap((d) => decodeMessages(fromHex(d.hex)))
  .filter((m) => m.header.type === RTM_NEWLINK)
  .map((m) => toLink(decodeLinkMessage(m.payload)));
const nameOf = new Map(links.map((l) => [l.ifindex, l.ifname]));

/** What our Link says for the keys `ip -j` printed (names for ifindexes, as ip shows them). */
function asIpPrints(l: Link): IpJson {
  const out: IpJson = {
    ifindex: l.ifindex,
    ifname: l.ifname,
    flags: l.flags,
    mtu: l.mtu,
    qdisc: l.qdisc,
    operstate: l.operstate,
    linkmode: l.linkmode,
    group: l.group === 0 ? 'default' : l.group,
    txqlen: l.txqlen,
    link_type: l.linkType,
    address: l.address,
    broadcast: l.broadcast,
    promiscuity: l.promiscuity,
    allmulti: l.allmulti,
    min_mtu: l.minMtu,
    max_mtu: l.maxMtu,
    num_tx_queues: l.numTxQueues,
    num_rx_queues: l.numRxQueues,
    gso_max_size: l.gsoMaxSize,
    gso_max_segs: l.gsoMaxSegs,
    tso_max_size: l.tsoMaxSize,
    tso_max_segs: l.tsoMaxSegs,
    gro_max_size: l.groMaxSize,
    inet6_addr_gen_mode: l.inet6AddrGenMode,
    ifalias: l.ifalias,
    altnames: l.altnames,
    master: l.master === undefined ? undefined : nameOf.get(l.master),
    link: l.link === undefined ? undefined : nameOf.get(l.link),
  };
  return out;
}

const TOP_KEYS = [
  'ifindex', 'ifname', 'flags', 'mtu', 'qdisc', 'operstate', 'linkmode', 'group', 'txqlen', 'link_type',
  'address', 'broadcast', 'promiscuity', 'allmulti', 'min_mtu', 'max_mtu', 'num_tx_queues', 'num_rx_queues',
  'gso_max_size', 'gso_max_segs', 'tso_max_size', 'tso_max_segs', 'gro_max_size', 'inet6_addr_gen_mode',
  'ifalias', 'altnames', 'master', 'link',
];

test('the capture holds the same devices, in the same order, as ip printed', (t) => {
  t.deepEqual(links.map((l) => l.ifname), printed.map((p) => p.ifname as string));
  t.true(links.length >= 9);
});

for (const p of printed) {
  const name = p.ifname as string;
  test(`toLink(${name}) matches ip -j -d -s link show`, (t) => {
    const l = links.find((x) => x.ifname === name)!;
    const ours = asIpPrints(l);
    for (const k of TOP_KEYS) t.deepEqual(ours[k], p[k], k);
    t.is(l.linkinfo?.kind, p.linkinfo?.info_kind, 'info_kind');
    t.is(l.linkinfo?.slaveKind, p.linkinfo?.info_slave_kind, 'info_slave_kind');
    for (const dir of ['rx', 'tx'] as const) {
      const ipStats = p.stats64[dir] as Record<string, number>;
      const ourStats = l.stats64![dir] as unknown as Record<string, bigint>;
      t.true(Object.keys(ipStats).length >= 6);
      for (const [k, v] of Object.entries(ipStats)) {
        const key = k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
        t.is(ourStats[key], BigInt(v), `stats64.${dir}.${k}`);
      }
    }
  });
}

const ip = (name: string): IpJson => printed.find((p) => p.ifname === name)!;
const ours = (name: string): Link => links.find((l) => l.ifname === name)!;
/** ip prints clock_t timers as seconds with two decimals. */
const secs = (ticks: bigint): number => Number(ticks) / 100;

test('bridge kind data matches ip -d (info_data of br0)', (t) => {
  const d = kindData(ours('br0').linkinfo, 'bridge')!;
  const want = ip('br0').linkinfo.info_data as IpJson;
  const got: IpJson = {
    forward_delay: d.forwardDelay, hello_time: d.helloTime, max_age: d.maxAge, ageing_time: d.ageingTime,
    stp_state: d.stpState, priority: d.priority, vlan_filtering: d.vlanFiltering,
    bridge_id: bridgeIdToString(d.bridgeId!), root_id: bridgeIdToString(d.rootId!), root_port: d.rootPort,
    root_path_cost: d.rootPathCost, topology_change: d.topologyChange,
    topology_change_detected: d.topologyChangeDetected, hello_timer: secs(d.helloTimer!),
    tcn_timer: secs(d.tcnTimer!), topology_change_timer: secs(d.topologyChangeTimer!), gc_timer: secs(d.gcTimer!),
    group_fwd_mask: d.groupFwdMask!.toString(16), group_addr: d.groupAddr,
    mcast_snooping: d.mcastSnooping, no_linklocal_learn: d.multiBoolopt!.optval & 1,
    mcast_vlan_snooping: (d.multiBoolopt!.optval >> 1) & 1, mcast_router: d.mcastRouter,
    mcast_query_use_ifaddr: d.mcastQueryUseIfaddr, mcast_querier: d.mcastQuerier,
    mcast_hash_elasticity: d.mcastHashElasticity, mcast_hash_max: d.mcastHashMax,
    mcast_last_member_cnt: d.mcastLastMemberCnt, mcast_startup_query_cnt: d.mcastStartupQueryCnt,
    mcast_last_member_intvl: Number(d.mcastLastMemberIntvl), mcast_membership_intvl: Number(d.mcastMembershipIntvl),
    mcast_querier_intvl: Number(d.mcastQuerierIntvl), mcast_query_intvl: Number(d.mcastQueryIntvl),
    mcast_query_response_intvl: Number(d.mcastQueryResponseIntvl),
    mcast_startup_query_intvl: Number(d.mcastStartupQueryIntvl), mcast_stats_enabled: d.mcastStatsEnabled,
    mcast_igmp_version: d.mcastIgmpVersion, mcast_mld_version: d.mcastMldVersion,
    nf_call_iptables: d.nfCallIptables, nf_call_ip6tables: d.nfCallIp6tables, nf_call_arptables: d.nfCallArptables,
  };
  t.deepEqual(got, want);
});

test('bridge port data matches ip -d (info_slave_data of veth1)', (t) => {
  const d = slaveKindData(ours('veth1').linkinfo, 'bridge')!;
  const want = ip('veth1').linkinfo.info_slave_data as IpJson;
  const bool = (v: number | undefined): boolean => v !== 0;
  const got: IpJson = {
    state: bridgePortStateName(d.state!), priority: d.priority, cost: d.cost, hairpin: bool(d.mode),
    guard: bool(d.guard), root_block: bool(d.protect), fastleave: bool(d.fastLeave), learning: bool(d.learning),
    flood: bool(d.unicastFlood), id: `0x${d.id!.toString(16)}`, no: `0x${d.no!.toString(16)}`,
    designated_port: d.designatedPort, designated_cost: d.designatedCost,
    bridge_id: bridgeIdToString(d.bridgeId!), root_id: bridgeIdToString(d.rootId!),
    hold_timer: secs(d.holdTimer!), message_age_timer: secs(d.messageAgeTimer!),
    forward_delay_timer: secs(d.forwardDelayTimer!), topology_change_ack: d.topologyChangeAck,
    config_pending: d.configPending, proxy_arp: bool(d.proxyarp), proxy_arp_wifi: bool(d.proxyarpWifi),
    multicast_router: d.multicastRouter, mcast_flood: bool(d.mcastFlood), bcast_flood: bool(d.bcastFlood),
    mcast_to_unicast: bool(d.mcastToUcast), neigh_suppress: bool(d.neighSuppress),
    group_fwd_mask: d.groupFwdMask!.toString(16), group_fwd_mask_str: `0x${d.groupFwdMask!.toString(16)}`,
    vlan_tunnel: bool(d.vlanTunnel), isolated: bool(d.isolated), locked: bool(d.locked),
  };
  t.deepEqual(got, want);
});

test('vxlan kind data matches ip -d (info_data of vx0)', (t) => {
  const d = kindData(ours('vx0').linkinfo, 'vxlan')!;
  t.deepEqual({
    id: d.id, local: d.local, link: nameOf.get(d.link!), port_range: d.portRange, port: d.port,
    learning: d.learning === 1, ttl: d.ttl, df: vxlanDfName(d.df!), ageing: d.ageing,
    udp_csum: d.udpCsum === 1, udp_zero_csum6_tx: d.udpZeroCsum6Tx === 1, udp_zero_csum6_rx: d.udpZeroCsum6Rx === 1,
  }, ip('vx0').linkinfo.info_data);
});

test('macvlan and macvtap kind data match ip -d', (t) => {
  for (const [name, kind] of [['mv0', 'macvlan'], ['mvt0', 'macvtap']] as const) {
    const d = kindData(ours(name).linkinfo, kind)!;
    t.deepEqual(
      { mode: macvlanModeName(d.mode!), bcqueuelen: d.bcQueueLen, usedbcqueuelen: d.bcQueueLenUsed },
      ip(name).linkinfo.info_data,
    );
  }
});

test('toLink leaves absent attributes absent and keeps the message', (t) => {
  const lo = ours('lo');
  t.false('master' in lo);
  t.false('linkinfo' in lo);
  t.false('altnames' in lo);
  t.is(lo.raw.attrs.ifname, 'lo');
  t.is(lo.ifiFlags, 0x10049);
  t.is(lo.carrier, true);
  t.is(lo.protoDown, false);
  t.is(lo.stats64!.rx.otherhost, 0n);
});
