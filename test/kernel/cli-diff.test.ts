/**
 * `rtnl-ts` against `ip`, in the sandbox. A state with veth pairs, a bridge docker0 with ports,
 * a veth end moved into another namespace, vxlan, macvlan/macvtap, ifb, IPv4 and IPv6 addresses
 * is built in a fresh namespace; then each show command is run by both tools (-n NS) and must
 * print the same: JSON deep-equal and text identical, only bridge timers (which count down)
 * blanked. Then the same commands build a state with each tool and the states must match; and
 * bad input must fail with ip's words and status, leaving the state as it was.
 */
import test from 'ava';
import { assertSandboxed, run, tryRun, uniq } from './_util.js';
import { renameProgram } from '../../src/cli/usage.js';
import { asIp, normalizeTimers, runCli, runIp, sandwich, type Ran } from './cli-helpers.js';

const NS = uniq('clid');
const PEER = uniq('clip');

function sh(script: string): void {
  run('bash', ['-ec', script]);
}

test.before(() => {
  assertSandboxed();
  const I = `ip -n ${NS}`;
  sh(`
ip netns add ${NS}; ip netns add ${PEER}
for n in ${NS} ${PEER}; do ip netns exec $n sysctl -qw net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.all.accept_dad=0; done
${I} link set lo up
${I} link add veth0 type veth peer name veth1
${I} link add veth2 type veth peer name veth3
${I} link add docker0 type bridge
${I} link set veth0 master docker0; ${I} link set veth2 master docker0
${I} link set docker0 up; ${I} link set veth0 up; ${I} link set veth2 up; ${I} link set veth3 up
${I} addr add 172.17.0.1/16 dev docker0
${I} addr add 172.17.0.2/16 dev docker0
${I} addr add 10.1.0.1/24 brd + dev docker0 label docker0:1
${I} addr add 10.2.0.1 peer 10.2.0.2/32 dev veth3
${I} addr add 2001:db8::1/64 dev docker0
${I} addr add 192.168.9.1/24 dev veth3 metric 5
${I} link set veth1 netns ${PEER}
${I} link add vx0 type vxlan id 42 dstport 4789 local 10.1.0.1
${I} link add vx1 type vxlan id 43 dstport 4789 group 239.1.1.1 dev veth3 ttl 5 nolearning
${I} link add link veth3 name mv0 type macvlan mode bridge
${I} link add link veth3 name mt0 type macvtap mode vepa
${I} link add ifb0 type ifb
${I} link set mv0 alias "my macvlan"
${I} link property add dev veth3 altname veth3-alt
${I} link set mv0 up
`);
});

test.after.always(() => {
  tryRun('ip', ['netns', 'del', NS]);
  tryRun('ip', ['netns', 'del', PEER]);
});

const SHOW: readonly string[] = [
  'link', 'link show', '-d link show', '-j link show', '-j -d link show', '-j -p -d link show', '-br link show',
  '-j -br link show', '-o link show', '-o -d link show', '-s link show', '-s -s link show', '-j -s -s link show',
  '-d -s link', 'link show master docker0', 'link show type bridge', 'link show type bridge_slave', 'link show type veth',
  'link show up', 'link show dev veth0', 'link show veth3', '-d link show dev vx1', '-j -d link show dev mt0',
  'link show nomaster', 'link show group default', 'l sh up', 'l l', 'link lst master docker0 up',
  'addr', 'addr show', 'a', 'a s', '-d addr show', '-j addr show', '-j -d addr', '-j -p addr', '-br addr', '-o addr',
  '-4 addr', '-6 addr', '-s addr', '-s -s addr', '-j -s addr', '-6 -s addr', '-j -6 addr', 'addr show dev docker0',
  '-j addr show dev docker0', 'addr show scope link', 'addr show scope global', 'addr show secondary',
  'addr show primary', 'addr show permanent', 'addr show label docker0:1', 'addr show label docker0*',
  'addr show to 172.17.0.0/16', 'addr show up', 'addr show master docker0', 'addr show type macvlan',
  '-br -4 addr', '-o -6 addr', '-j -br addr', '-j -o addr', '-0 addr', '-br -0 addr', 'netns list', '-j netns list',
];

for (const cmd of SHOW) {
  test(`same output: ${cmd}`, (t) => {
    const args = ['-n', NS, ...cmd.split(' ')];
    const { ip, cli } = sandwich(args);
    t.is(cli.status, ip.status);
    t.is(asIp(cli.stderr), ip.stderr);
    if (cmd.startsWith('-j')) t.deepEqual(JSON.parse(normalizeTimers(cli.stdout)), JSON.parse(normalizeTimers(ip.stdout)));
    t.is(normalizeTimers(cli.stdout), normalizeTimers(ip.stdout));
    t.true(ip.stdout.length > 0 || cmd.includes('netns'), 'ip printed something');
  });
}

/** The state of a namespace as ip sees it, for "nothing changed" checks. */
function snapshot(ns: string): string {
  return normalizeTimers(runIp('-n', ns, '-j', '-d', 'link', 'show').stdout + runIp('-n', ns, '-j', 'addr', 'show').stdout);
}

const BAD: readonly string[] = [
  'link set dev veth9 up', 'link set dev veth9 master docker0', 'link set dev veth0 master docker9',
  'link set veth0 mtu abc', 'link set veth0 mtu 70000', 'link set', 'link set dev', 'link foo',
  'link add docker0 type bridge', 'link add foo type nosuchkind', 'link add foo', 'link add name a dev b type veth',
  'link add type veth peer name', 'link add x type veth peer name y type veth', 'link add x type bridge bogus 1',
  'link add x type macvlan mode foo', 'link add link nosuch name mv type macvlan',
  'link add vx type vxlan id 99999999', 'link add vx type vxlan id 5 dev nosuch', 'link del veth9', 'link del',
  'link show dev veth9', 'link show master docker9', 'link show type', 'link set veth0 arp maybe',
  'link set veth0 address 11:22', 'link set veth0 address zz:11:22:33:44:55', 'link set veth0 netns nosuchns',
  'link set veth0 name veth2', 'addr add 172.17.0.1/16 dev docker0', 'addr add 1.2.3.4/40 dev docker0',
  'addr add 1.2.3.4/24 dev nosuch', 'addr add 1.2.3.4/24', 'addr add foo dev docker0', 'addr del 10.9.9.9/24 dev docker0',
  'addr del 172.17.0.1 dev docker0x', 'addr add 1.2.3.4/24 dev docker0 scope bogus',
  'addr add 1.2.3.4/24 dev docker0 valid_lft 10 preferred_lft 20', 'addr add 1.2.3.4/24 dev docker0 valid_lft 0',
  'addr show dev nosuch', 'addr flush', 'addr foo', 'addr add 1.2.3.4/24 dev docker0 brd 1.2.3.x',
  'addr add 2001:db8::5/64 dev docker0 brd +', 'netns add ../x', 'netns delete nosuch', 'netns set nosuch 5',
  'netns set a b', 'netns exec', 'netns exec nosuch true', 'netns pids', 'netns identify abc', 'netns foo',
  'route2', 'l s up',
];

for (const cmd of BAD) {
  test(`same failure, nothing changed: ${cmd}`, (t) => {
    const args = ['-n', NS, ...cmd.split(' ')];
    const before = snapshot(NS);
    const ip = runIp(...args);
    t.is(snapshot(NS), before, 'ip left the state alone');
    const cli = runCli(...args);
    t.is(snapshot(NS), before, 'rtnl-ts left the state alone');
    t.not(ip.status, 0);
    t.is(cli.status, ip.status);
    t.is(asIp(cli.stderr), ip.stderr);
    t.is(cli.stdout, ip.stdout);
  });
}

test('-n with a namespace that does not exist fails like ip', (t) => {
  const ip = runIp('-n', 'nosuchns', 'link', 'show');
  const cli = runCli('-n', 'nosuchns', 'link', 'show');
  t.is(cli.status, ip.status);
  t.is(cli.stderr, ip.stderr);
});

/** Commands applied to a fresh namespace by each tool; the resulting states must be the same. */
const BUILD: readonly string[] = [
  'link add type veth', 'link add veth001 type veth peer name veth002', 'link add docker0 type bridge',
  'link set dev docker0 up', 'addr add 172.17.0.1/16 dev docker0', 'link set dev veth0 master docker0',
  'link set dev veth0 up', 'link add vx0 type vxlan id 42 dstport 4789 local 10.0.0.1 ttl 4',
  'link add link veth001 name mv0 type macvlan mode bridge', 'link set mv0 mtu 1400 alias x',
  'link add link veth001 name mt0 type macvtap mode private', 'link add ifb7 type ifb', 'link set ifb7 txqlen 77',
  'addr add 2001:db8::1/64 dev docker0 nodad', 'addr add 10.0.0.1/24 brd + dev docker0 label docker0:1',
  'addr add 10.0.0.2/24 dev docker0', 'addr add 10.5.0.1 peer 10.5.0.2/32 dev veth1 scope link',
  'addr add 2001:db8:2::1/64 dev veth1 valid_lft forever preferred_lft forever noprefixroute',
  'addr del 10.0.0.2/24 dev docker0', 'link add br1 type bridge stp_state 0 forward_delay 300 priority 100',
  'link set veth002 master br1', 'link set veth002 nomaster', 'link set veth002 name renamed0',
  'link set renamed0 promisc on', 'link set renamed0 arp off', 'link set renamed0 multicast off',
  'link set dev veth1 netns OTHER', 'addr flush dev docker0 scope global', 'link del veth001',
];

test('the same commands through ip and rtnl-ts build the same state', (t) => {
  const byIp = uniq('bip');
  const byCli = uniq('bcl');
  const others = [uniq('oip'), uniq('ocl')];
  for (const n of [byIp, byCli, ...others]) {
    sh(`ip netns add ${n}; ip netns exec ${n} sysctl -qw net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.all.accept_dad=0`);
  }
  try {
    for (const cmd of BUILD) {
      const a = runIp('-n', byIp, ...cmd.replace('OTHER', others[0]!).split(' '));
      const b = runCli('-n', byCli, ...cmd.replace('OTHER', others[1]!).split(' '));
      t.is(a.status, 0, `ip ${cmd}: ${a.stderr}`);
      t.is(b.status, a.status, `rtnl-ts ${cmd}: ${b.stderr}`);
      t.is(asIp(b.stderr), a.stderr, cmd);
    }
    // Link-layer addresses are random per device (and the IPv6 link-local addresses and bridge
    // ids made from them), namespace names differ; everything else must be equal.
    const state = (ns: string, other: string): string => {
      const s = runIp('-n', ns, '-j', '-d', 'addr', 'show').stdout;
      return normalizeTimers(s)
        .replace(/([0-9a-f]{2}:){5}[0-9a-f]{2}/g, 'MAC')
        .replace(/fe80::[0-9a-f:]+/g, 'LL')
        .replace(/"8000\.[^"]*"/g, '"BRID"')
        .replaceAll(other, 'OTHER');
    };
    const ipState = state(byIp, others[0]!);
    t.is(state(byCli, others[1]!), ipState);
    t.regex(ipState, /"ifname":"ifb7".*"txqlen":77/);
    t.notRegex(ipState, /"ifname":"renamed0"/, "deleting veth001 took its peer with it");
    t.regex(ipState, /"info_kind":"vxlan"/);
    t.is(runIp('-n', others[1]!, '-br', 'link').stdout.replace(/([0-9a-f]{2}:){5}[0-9a-f]{2}/g, 'MAC'),
      runIp('-n', others[0]!, '-br', 'link').stdout.replace(/([0-9a-f]{2}:){5}[0-9a-f]{2}/g, 'MAC'));
  } finally {
    for (const n of [byIp, byCli, ...others]) tryRun('ip', ['netns', 'del', n]);
  }
});

test('help texts are ip\'s, naming rtnl-ts', (t) => {
  for (const args of [['link', 'help'], ['addr', 'help'], ['netns', 'help'], ['help'], ['link', 'help', 'veth'], ['link', 'help', 'bridge'], ['link', 'help', 'vxlan'], ['link', 'help', 'macvlan']]) {
    const ip: Ran = runIp(...args);
    const cli = runCli(...args);
    t.is(cli.status, ip.status, args.join(' '));
    // ip's own text with the program named rtnl-ts (lines aligned under the name move right).
    t.is(cli.stderr, renameProgram(ip.stderr), args.join(' '));
    t.is(cli.stdout, renameProgram(ip.stdout), args.join(' '));
  }
});
