/**
 * `rtnl-ts route` and `rtnl-ts neigh` against `ip`, in the sandbox. A namespace gets veth pairs,
 * IPv4 and IPv6 addresses, a default route, a multipath route, routes with metrics, onlink,
 * blackhole/unreachable types, a table 100 route and permanent, stale, router, proxy and noarp
 * neighbours; each show command is then run by both tools (-n NS) and must print the same bytes
 * (JSON and text). Routes and neighbours made by rtnl-ts must read back through `ip -j` as the
 * ones `ip` makes, and bad input must fail with ip's words and exit status.
 */
import test from 'ava';
import { assertSandboxed, ipJson, run, tryRun, uniq } from './_util.js';
import { renameProgram } from '../../src/cli/usage.js';
import { asIp, runCli, runIp, sandwich } from './cli-helpers.js';

const NS = uniq('clir');
const A = uniq('clia');
const B = uniq('clib');

function sh(script: string): void {
  run('bash', ['-ec', script]);
}

/** The state both tools read: built with ip in namespace `ns`. */
function build(ns: string): void {
  const I = `ip -n ${ns}`;
  sh(`
ip netns add ${ns}
ip netns exec ${ns} sysctl -qw net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.all.accept_dad=0
${I} link set lo up
${I} link add veth0 type veth peer name veth1
${I} link add veth2 type veth peer name veth3
${I} link add br0 type bridge
for d in veth0 veth1 veth2 veth3 br0; do ${I} link set $d up; done
${I} addr add 172.17.0.101/16 dev veth0
${I} addr add 10.1.0.1/24 dev veth2
${I} addr add 2001:db8::1/64 dev veth0 nodad
${I} addr add 10.2.0.1/24 dev br0
`);
}

test.before(() => {
  assertSandboxed();
  build(NS);
  const I = `ip -n ${NS}`;
  sh(`
${I} route add default via 172.17.0.1
${I} route add 10.20.0.0/16 proto static metric 50 nexthop via 172.17.0.2 dev veth0 weight 2 nexthop via 10.1.0.2 dev veth2
${I} route add 10.30.0.0/24 via 10.1.0.254 table 100
${I} route add 10.40.0.0/24 dev veth2 mtu lock 1400 advmss 1300 src 10.1.0.1
${I} route add blackhole 10.50.0.0/24
${I} route add unreachable 10.51.0.0/24 metric 9
${I} route add 10.60.0.1 via 10.99.0.1 dev veth2 onlink
${I} -6 route add default via 2001:db8::ff
${I} -6 route add 2001:db8:5::/64 via 2001:db8::2 metric 10 pref high
${I} neigh add 172.17.0.5 lladdr 02:00:00:00:00:05 dev veth0
${I} neigh add 10.1.0.6 lladdr 02:00:00:00:00:06 dev veth2 nud stale router
${I} neigh add 10.1.0.7 lladdr 02:00:00:00:00:07 dev veth2 nud noarp
${I} neigh add 10.1.0.8 lladdr 02:00:00:00:00:08 dev veth2 protocol static
${I} neigh add 2001:db8::5 lladdr 02:00:00:00:00:09 dev veth0 router
${I} neigh add proxy 172.17.0.99 dev veth0
`);
  build(A);
  build(B);
});

test.after.always(() => {
  for (const ns of [NS, A, B]) tryRun('ip', ['netns', 'del', ns]);
});

const SHOW: readonly string[] = [
  'route', 'route show', 'r', 'route list', '-d route', '-4 route', '-6 route', 'route show table all',
  '-6 route show table all', '-4 route show table all', 'route show table 100', 'route show table local',
  'route show table main', 'route show dev veth2', 'route show table 100 dev veth2', 'route show proto static',
  'route show proto kernel', 'route show type blackhole', 'route show type unicast', 'route show scope link',
  'route show default', 'route show all', 'route show 10.20.0.0/16', 'route show exact 10.40.0.0/24',
  'route show root 10.0.0.0/8', 'route show match 10.40.0.5', 'route show via 172.17.0.1', 'route show src 10.1.0.1',
  'route show metric 50', 'route list metric 9', '-6 route show default', '-6 route show 2001:db8:5::/64',
  'route get 10.40.0.9', 'route get 172.17.0.5', 'route get 10.1.0.1', 'route get 8.8.8.8', '-6 route get 2001:db8::5',
  'route get 10.20.0.1', 'route get 10.40.0.9 from 10.1.0.1',
  'neigh', 'neigh show', 'n', '-4 neigh', '-6 neigh', 'neigh show dev veth2', 'neigh show nud stale',
  'neigh show nud all', 'neigh show nud noarp', 'neigh show nud permanent', 'neigh show proxy',
  'neigh show 10.1.0.0/24', 'neigh show to 172.17.0.5', '-br neigh', 'neigh show protocol static',
  'neigh show unused', 'neigh get 172.17.0.5 dev veth0', 'neigh get proxy 172.17.0.99 dev veth0',
];

for (const cmd of SHOW) {
  for (const j of ['', '-j ']) {
    test(`same output: ${j}${cmd}`, (t) => {
      const args = ['-n', NS, ...`${j}${cmd}`.split(' ')];
      const { ip, cli } = sandwich(args);
      t.is(cli.stderr, ip.stderr);
      t.is(cli.status, ip.status);
      // `ip -j neigh get` prints text (ip never opens its JSON writer there), and so does rtnl-ts.
      if (j && ip.stdout.startsWith('[')) t.deepEqual(JSON.parse(cli.stdout), JSON.parse(ip.stdout));
      t.is(cli.stdout, ip.stdout);
      t.true(ip.stdout.length > 0, 'ip printed something');
    });
  }
}

/** Errors: same stderr (ip's usage texts renamed) and status from both tools. */
const ERRORS: readonly string[] = [
  'route add 10.30.0.0/24 via 10.1.0.254 table 100', 'route add 10.31.0.0/24 via 10.1.0.254 dev nosuch',
  'route add', 'route add 10.7.0.0/16 foo', 'route del 10.8.0.0/16', 'route bogus', 'route flush', 'route help',
  'route show table foo', 'route show dev nosuch', 'route get', 'route add 10.9.0.0/33', 'route add 10.9.0.0/16 via 1.2.3.4.5',
  'route add 10.9.0.0/16 metric x', 'route add 10.9.0.0/16 via 10.1.0.9 via 10.1.0.8', 'route add 10.9.0.0/16 nexthop',
  'route add 10.9.0.0/16 nexthop via 10.1.0.9 weight 0', 'route add 10.9.0.0/16 via 10.77.0.1',
  'route add 10.9.0.0/16 scope bogus', 'route get 10.1.0.1 iif nosuch',
  'neigh add 172.17.0.5 lladdr 02:00:00:00:00:05 dev veth0', 'neigh add 10.0.0.6 lladdr zz dev veth0',
  'neigh add 10.0.0.6', 'neigh add 10.0.0.6 lladdr 02:00:00:00:00:01 dev nosuch', 'neigh del 10.9.9.9 dev veth0',
  'neigh get 10.9.9.9 dev veth0', 'neigh get 10.9.9.9', 'neigh show nud foo', 'neigh flush', 'neigh bogus',
  'neigh show dev nosuch', 'neigh help',
];

for (const cmd of ERRORS) {
  test(`same error: ${cmd}`, (t) => {
    const args = ['-n', NS, ...cmd.split(' ')];
    const ip = runIp(...args);
    const cli = runCli(...args);
    t.not(ip.status, 0);
    t.is(cli.status, ip.status);
    t.is(asIp(cli.stderr), asIp(renameProgram(ip.stderr)));
    t.is(cli.stdout, ip.stdout);
  });
}

/** The same commands through each tool in twin namespaces must leave the same routes and neighbours. */
const BUILD: readonly string[] = [
  'route add default via 172.17.0.1',
  'route add 10.20.0.0/16 proto static metric 50 nexthop via 172.17.0.2 dev veth0 weight 2 nexthop via 10.1.0.2 dev veth2',
  'route add 10.30.0.0/24 via 10.1.0.254 table 100',
  'route add 10.40.0.0/24 dev veth2 mtu lock 1400 advmss 1300 src 10.1.0.1',
  'route add blackhole 10.50.0.0/24',
  'route add unreachable 10.51.0.0/24 metric 9',
  'route add 10.60.0.1 via 10.99.0.1 dev veth2 onlink',
  'route add 10.61.0.0/24 via 10.2.0.9 proto 77 scope global',
  '-6 route add default via 2001:db8::ff',
  'route add 2001:db8:5::/64 via 2001:db8::2 metric 10 pref high',
  'route append 10.70.0.0/24 dev veth2',
  'route prepend 10.71.0.0/24 dev veth2',
  'route change 10.71.0.0/24 dev veth0',
  'route replace 10.72.0.0/24 dev br0 metric 3',
  'route replace 10.72.0.0/24 dev br0 metric 3 src 10.2.0.1',
  'route add 10.80.0.0/24 dev veth2',
  'route del 10.80.0.0/24',
  'route add 10.81.0.0/24 table 100 dev veth2',
  'route add 10.82.0.0/24 table 100 dev veth0',
  'route flush table 100 dev veth2',
  'neigh add 172.17.0.5 lladdr 02:00:00:00:00:05 dev veth0',
  'neigh add 10.1.0.6 lladdr 02:00:00:00:00:06 dev veth2 nud stale router',
  'neigh add proxy 172.17.0.99 dev veth0',
  'neigh replace 172.17.0.50 lladdr 02:00:00:00:00:50 dev veth0',
  'neigh change 172.17.0.50 lladdr 02:00:00:00:00:51 dev veth0 nud reachable',
  'neigh add 172.17.0.60 lladdr 02:00:00:00:00:60 dev veth0',
  'neigh del 172.17.0.60 dev veth0',
  'neigh add 10.1.0.9 lladdr 02:00:00:00:00:09 dev veth2 nud stale',
  'neigh flush dev veth2',
];

/** What a route or neighbour table looks like, without the counters that move with time. */
function state(ns: string): unknown {
  // Counters move with time, multicast entries come and go with IGMP/MLD, and the dump order
  // follows a hash: compare the unicast entries, sorted, without counters.
  type N = { dst: string; dev: string };
  const clean = (v: N[]): unknown => JSON.parse(JSON.stringify(v
    .filter((n) => !n.dst.startsWith('ff02:') && !n.dst.startsWith('224.'))
    .sort((x, y) => `${x.dst} ${x.dev}`.localeCompare(`${y.dst} ${y.dev}`))), (k, x) => (['used', 'confirmed', 'updated', 'refcnt', 'probes'].includes(k) ? undefined : x));
  // Link-local addresses derive from random MACs, so their routes differ between the twins.
  const routes = ipJson<{ dst: string }[]>('-n', ns, '-d', 'route', 'show', 'table', 'all').filter((r) => !r.dst.startsWith('fe80:'));
  return {
    routes,
    neigh: clean(ipJson<N[]>('-n', ns, 'neigh', 'show', 'nud', 'all')),
    proxy: ipJson('-n', ns, 'neigh', 'show', 'proxy'),
  };
}

test.serial('routes and neighbours made by rtnl-ts read back like those made by ip', (t) => {
  for (const cmd of BUILD) {
    const ip = runIp('-n', A, ...cmd.split(' '));
    const cli = runCli('-n', B, ...cmd.split(' '));
    t.is(cli.status, ip.status, cmd);
    t.is(cli.stderr, ip.stderr, cmd);
  }
  t.deepEqual(state(B), state(A));
  const routes = ipJson<{ dst: string; table?: string }[]>('-n', B, 'route', 'show', 'table', '100');
  // 10.30.0.0/24 goes out of veth2 too, so the flush took it, in both namespaces.
  t.deepEqual(routes.map((r) => r.dst), ['10.82.0.0/24']);
});
