/**
 * `rtnl-ts nexthop` against `ip nexthop`, in the sandbox: a namespace gets nexthops of every
 * kind iproute2 6.1 makes without encapsulation (gateways of both families, onlink, device-only,
 * blackhole, fdb, protocols, mpath groups with weights, resilient groups) and routes that use
 * them by nhid; each show command is run by both tools (-n NS) and must print the same bytes,
 * text and JSON, `ip -d route` with its nh_info included. The same lines through each tool in
 * twin namespaces leave the same nexthops and routes; bad input (a group naming a missing id
 * among it) fails with ip's words and status and changes nothing; the requests are ip's, byte for
 * byte; the library reads back through `ip -j` and the other way; `monitor nexthop` and
 * `monitor rule` print what `ip monitor` prints.
 */
import test from 'ava';
import { setTimeout as sleep } from 'node:timers/promises';
import { IpRoute } from '../../src/api/iproute.js';
import { InvalidArgumentError } from '../../src/api/errors.js';
import { NetlinkError } from '../../src/netlink/errors.js';
import { renameProgram } from '../../src/cli/usage.js';
import { assertSandboxed, ipJson, run, tryRun, uniq } from './_util.js';
import { asIp, BIN, runCli, runIp, sandwich } from './cli-helpers.js';
import { listeners, settled, until, watch } from './monitor-helpers.js';
import { assertSameRequests } from './parity.js';

const NS = uniq('nh');
const A = uniq('nha');
const B = uniq('nhb');

function sh(script: string): void {
  run('bash', ['-ec', script]);
}

/** Two veth pairs with addresses, up, their carrier on (nexthops need it). */
const LINKS = `ip link add v0 type veth peer name v1
ip link add v2 type veth peer name v3
for d in v0 v1 v2 v3; do ip link set $d up; done
ip addr add 10.0.0.1/24 dev v0
ip addr add 10.2.0.1/24 dev v2
ip -6 addr add 2001:db8::1/64 dev v0 nodad`;

/** LINKS, then up to 5 s for both carriers (linkwatch sets them a moment after up). */
const LINKS_UP = `${LINKS}
for i in $(seq 50); do ip link show v2 | grep -q LOWER_UP && ip link show v0 | grep -q LOWER_UP && break; sleep 0.1; done`;

function build(ns: string): void {
  sh(`ip netns add ${ns}
ip -n ${ns} link set lo up
ip netns exec ${ns} sh -ec '${LINKS_UP}'`);
}

/** The nexthops and routes both tools read. */
const NEXTHOPS: readonly string[] = [
  'nexthop add id 1 via 10.0.0.2 dev v0',
  'nexthop add id 2 via 10.0.0.3 dev v0 onlink protocol static',
  'nexthop add id 3 blackhole',
  'nexthop add id 4 dev v2',
  'nexthop add id 5 via 2001:db8::2 dev v0',
  'nexthop add id 6 via 10.2.0.9 dev v2 proto 99',
  'nexthop add id 10 group 1/2,3',
  'nexthop add id 11 group 1,2/6 type resilient buckets 8 idle_timer 10 unbalanced_timer 20',
  'nexthop add id 12 group 1/6 type mpath',
  'nexthop add id 13 group 2,256/6,1 type resilient buckets 2',
  'nexthop add id 20 via 10.0.0.5 fdb',
  'nexthop add id 21 via 10.0.0.6 fdb',
  'nexthop add id 22 group 20/21 fdb',
  'route add 192.168.1.0/24 nhid 1',
  'route add 192.168.2.0/24 nhid 10',
  'route add 192.168.3.0/24 nhid 11 metric 5',
  'route add 192.168.4.0/24 nhid 3 table 100',
  '-6 route add 2001:db8:9::/48 nhid 5',
];

test.before(() => {
  assertSandboxed();
  for (const ns of [NS, A, B]) build(ns);
  for (const l of NEXTHOPS) sh(`ip -n ${NS} ${l}`);
});

test.after.always(() => {
  for (const ns of [NS, A, B]) tryRun('ip', ['netns', 'del', ns]);
});

const SHOW: readonly string[] = [
  'nexthop', 'nexthop show', 'nexthop list', 'nexthop lst', 'nexthop ls', 'nex', '-d nexthop', '-4 nexthop', '-6 nexthop',
  'nexthop show id 1', 'nexthop show id 11', 'nexthop list id 22', 'nexthop get id 2', 'nexthop get id 13', 'nexthop show dev v0',
  'nexthop show dev v2', 'nexthop show groups', 'nexthop show fdb', 'nexthop show groups fdb', 'nexthop show protocol 4',
  'nexthop show protocol 99', 'nexthop show protocol 0', 'nexthop show master v2', '-d nexthop show id 3',
  'route', 'route show table all', '-d route', '-d route show table all', '-6 route', '-d -6 route', 'route get 192.168.1.1',
  '-d route get 192.168.2.9', '-d route get 192.168.3.9', '-o -d route', '-c nexthop', '-c -6 nexthop', '-c -d route',
];

for (const cmd of SHOW) {
  for (const j of ['', '-j ', '-j -p ']) {
    if (j === '-j -p ' && !['nexthop', '-d route'].includes(cmd)) continue;
    if (j && cmd.startsWith('-c ')) continue;
    test(`same output: ${j}${cmd}`, (t) => {
      const { ip, cli } = sandwich(['-n', NS, ...`${j}${cmd}`.split(' ')]);
      t.is(cli.stderr, ip.stderr);
      t.is(cli.status, ip.status);
      if (j && ip.stdout.startsWith('[')) t.deepEqual(JSON.parse(cli.stdout), JSON.parse(ip.stdout));
      t.is(cli.stdout, ip.stdout);
      t.true(ip.stdout.length > 0 || cmd.includes('master'), 'ip printed something');
    });
  }
}

/** The whole state: nexthops and routes, with details. */
function state(ns: string): unknown {
  const routes = ipJson<{ dst: string }[]>('-n', ns, '-d', 'route', 'show', 'table', 'all').filter((r) => !r.dst.startsWith('fe80:'));
  return { nexthops: ipJson('-n', ns, '-d', 'nexthop'), routes };
}

test.serial('nexthops made by rtnl-ts read back like those made by ip; replace, del and flush do the same', (t) => {
  for (const cmd of [
    ...NEXTHOPS,
    'nexthop replace id 1 via 10.0.0.7 dev v0',
    'nexthop replace id 30 blackhole protocol static',
    'nexthop replace id 13 group 2/6 type resilient buckets 16',
    'nexthop add id 31 via inet 10.2.0.5 dev v2',
    'nexthop add id 32 via inet6 fe80::1 dev v2',
    '-6 nexthop add id 33 dev v2',
    'nexthop add via 10.0.0.8 dev v0',
    'nexthop add id 40 via 10.0.0.9 dev v0',
    'nexthop del id 40',
    'nexthop delete id 33',
    'nexthop flush id 32',
    'nexthop flush dev v2',
    'nexthop flush protocol 4',
    'nexthop flush groups',
    'nexthop flush fdb',
    'nexthop flush',
    'nexthop flush',
  ]) {
    const ip = runIp('-n', A, ...cmd.split(' '));
    const cli = runCli('-n', B, ...cmd.split(' '));
    t.is(cli.status, ip.status, cmd);
    t.is(asIp(cli.stderr), ip.stderr, cmd);
    t.is(cli.stdout, ip.stdout, cmd);
    t.deepEqual(state(B), state(A), cmd);
  }
  t.deepEqual(ipJson('-n', B, 'nexthop'), []);
});

/** Bad input: ip's words and status, and nothing changed. */
const ERRORS: readonly string[] = [
  'nexthop add id 50 group 1/99', 'nexthop add id 50 group 99', 'nexthop replace id 10 group 1/98',
  'nexthop add id 1 via 10.0.0.2 dev v0', 'nexthop add id 50 dev v0 via 2001:db8::2', 'nexthop add id 50 via 10.0.0.2 dev nosuch',
  'nexthop add id 50 frob', 'nexthop add id x blackhole', 'nexthop add id 50 group 1,300', 'nexthop add id 50 group 1,0',
  'nexthop add id 50 group 1,x', 'nexthop add id 50 group x', 'nexthop add id 50 group 1/', 'nexthop add id 50 group 1 type foo',
  'nexthop add id 50 group 1 type resilient buckets x', 'nexthop add id 50 group 1 type resilient idle_timer 42949673',
  'nexthop add id 50 group 1 type resilient unbalanced_timer y', 'nexthop add id 50 group 1 type resilient buckets',
  'nexthop add id 50 blackhole dev v0', 'nexthop add id 50 via 10.0.0.2', 'nexthop add id 50 via 1.2.3', 'nexthop add',
  'nexthop add id 50 protocol frob', 'nexthop add id 50 via inet6 10.0.0.1 dev v0', 'nexthop add id 50 via 2001:db8::2 via 10.0.0.2',
  'nexthop add id 50 group 1 fdb', 'nexthop del id 99', 'nexthop del', 'nexthop del id 1 dev v0', 'nexthop get id 99',
  'nexthop get', 'nexthop get id 1 foo', 'nexthop get id x', 'nexthop show id 99', 'nexthop show dev nosuch',
  'nexthop show master nosuch', 'nexthop show protocol static', 'nexthop show frob', 'nexthop frob', 'nexthop help',
  'nexthop add help', 'nexthop show help', 'nexthop flush id 99', 'nexthop flush dev nosuch', 'nexthop show vrf v0',
  'route add 192.168.50.0/24 nhid 99', 'route add 192.168.50.0/24 nhid x', 'nexthop add id 50 group 20/1',
];

for (const cmd of ERRORS) {
  test(`same error: ${cmd}`, (t) => {
    const before = state(NS);
    const ip = runIp('-n', NS, ...cmd.split(' '));
    t.deepEqual(state(NS), before, 'ip changed nothing');
    const cli = runCli('-n', NS, ...cmd.split(' '));
    t.deepEqual(state(NS), before, 'rtnl-ts changed nothing');
    t.not(ip.status, 0);
    t.is(cli.status, ip.status);
    t.is(asIp(cli.stderr), asIp(renameProgram(ip.stderr)));
    t.is(cli.stdout, ip.stdout);
  });
}

test('a group naming a missing id: the kernel\'s words, status 2, nothing made', (t) => {
  const cli = runCli('-n', NS, 'nexthop', 'add', 'id', '60', 'group', '1/99');
  t.is(cli.stderr, 'Error: Invalid nexthop id.\n');
  t.is(cli.status, 2);
  t.is(runIp('-n', NS, 'nexthop', 'get', 'id', '60').status, 2);
});

/** Request parity: ip's RTM_NEWNEXTHOP / RTM_DELNEXTHOP and rtnl-ts's are the same bytes. */
const PARITY: readonly string[] = [
  ...NEXTHOPS.filter((l) => l.startsWith('nexthop')).map((l) => `ip ${l}`),
  'ip nexthop add id 50 group 1/99',
  'ip nexthop replace id 1 via 10.0.0.7 dev v0',
  'ip nexthop add id 31 via inet 10.2.0.5 dev v2',
  'ip nexthop add id 32 via inet6 fe80::1 dev v2 onlink',
  'ip -6 nexthop add id 33 dev v2',
  'ip nexthop add via 10.0.0.8 dev v0',
  'ip nexthop add id 14 group 1/2 type resilient protocol static',
  'ip nexthop add id 15 group 1/2 type resilient unbalanced_timer 5 buckets 2 fdb',
  'ip nexthop add id 16 group 1,256/2,1 type mpath',
  'ip nexthop del id 1',
  'ip -6 nexthop del id 1',
  'ip nexthop del id 1 dev v0',
  'ip nexthop del',
];

for (const line of PARITY) {
  test(`same request: ${line}`, (t) => {
    const type = / del/.test(line) ? 'RTM_DELNEXTHOP' : 'RTM_NEWNEXTHOP';
    assertSameRequests(t, line, undefined, { setup: LINKS, types: [type] });
  });
}

test('same requests: route add nhid, nexthop show/get/flush', (t) => {
  const setup = `${LINKS_UP}; ip nexthop add id 1 via 10.0.0.2 dev v0; ip nexthop add id 2 via 10.0.0.3 dev v0; ip nexthop add id 10 group 1/2`;
  assertSameRequests(t, 'ip route add 192.168.1.0/24 nhid 1', undefined, { setup, types: ['RTM_NEWROUTE'] });
  assertSameRequests(t, 'ip nexthop show dev v0 groups fdb', undefined, { setup, types: ['RTM_GETNEXTHOP'] });
  assertSameRequests(t, 'ip -6 nexthop show', undefined, { setup, types: ['RTM_GETNEXTHOP'] });
  assertSameRequests(t, 'ip nexthop get id 2', undefined, { setup, types: ['RTM_GETNEXTHOP'] });
  assertSameRequests(t, 'ip nexthop flush', undefined, { setup, types: ['RTM_GETNEXTHOP', 'RTM_DELNEXTHOP'] });
});

test.serial('the library: nexthops it adds read back through ip -j; ip\'s read back through it', async (t) => {
  const ns = uniq('nhl');
  build(ns);
  try {
    const ip = await IpRoute.open({ netns: ns });
    try {
      await ip.nexthop.add({ id: 1, via: '10.0.0.2', dev: 'v0' });
      await ip.nexthop.add({ id: 2, via: '10.2.0.2', dev: 'v2', protocol: 'static' });
      await ip.nexthop.add({ id: 5, blackhole: true });
      await ip.nexthop.add({ id: 3, group: [1, { id: 2, weight: 5 }] });
      await ip.nexthop.add({ id: 4, group: [1, 2], resilient: { buckets: 4, idleTimer: 3 } });
      t.deepEqual(ipJson('-n', ns, 'nexthop', 'show', 'id', '1'), [{ id: 1, gateway: '10.0.0.2', dev: 'v0', scope: 'link', flags: [] }]);
      t.deepEqual(ipJson('-n', ns, 'nexthop', 'show', 'id', '2'), [{ id: 2, gateway: '10.2.0.2', dev: 'v2', scope: 'link', protocol: 'static', flags: [] }]);
      t.deepEqual(ipJson('-n', ns, 'nexthop', 'show', 'id', '5'), [{ id: 5, blackhole: null, flags: [] }]);
      t.deepEqual(ipJson('-n', ns, 'nexthop', 'show', 'id', '3'), [{ id: 3, group: [{ id: 1 }, { id: 2, weight: 5 }], flags: [] }]);
      t.like(ipJson('-n', ns, 'nexthop', 'show', 'id', '4')[0], { type: 'resilient', resilient_args: { buckets: 4, idle_timer: 3 } });
      await ip.route.add({ dst: '192.168.7.0/24', nhid: 3 });
      t.like(ipJson('-n', ns, 'route', 'show', '192.168.7.0/24')[0], { dst: '192.168.7.0/24', nhid: 3 });
      sh(`ip -n ${ns} nexthop add id 9 via 10.2.0.9 dev v2 onlink proto 77`);
      const nh = await ip.nexthop.get(9);
      t.like(nh, { id: 9, family: 'inet', gateway: '10.2.0.9', scope: 'link', protocol: '77', flags: ['onlink'] });
      t.deepEqual((await ip.nexthop.list({ groups: true })).map((n) => n.id), [3, 4]);
      t.deepEqual((await ip.nexthop.list({ dev: 'v2' })).map((n) => n.id), [2, 9]);
      t.deepEqual((await ip.nexthop.list({ protocol: 'static' })).map((n) => n.id), [2]);
      const events: string[] = [];
      const mon = (async () => {
        for await (const ev of ip.monitor(['nexthop', 'rule'])) {
          if (ev.type === 'nexthop') events.push(`${ev.action} nexthop ${ev.nexthop.id}`);
          if (ev.type === 'rule') events.push(`${ev.action} rule ${ev.rule.priority}`);
          if (events.length === 4) break;
        }
      })();
      await sleep(100);
      sh(`ip -n ${ns} nexthop add id 70 blackhole; ip -n ${ns} nexthop del id 70; ip -n ${ns} rule add pref 7 table 7; ip -n ${ns} rule del pref 7`);
      await Promise.race([mon, sleep(5000)]);
      t.deepEqual(events, ['new nexthop 70', 'del nexthop 70', 'new rule 7', 'del rule 7']);
      await t.throwsAsync(ip.nexthop.add({ id: 5, group: [1, 99] }), { instanceOf: NetlinkError, message: /Invalid nexthop id/ });
      await t.throwsAsync(ip.nexthop.add({ id: -5, blackhole: true }), { instanceOf: InvalidArgumentError });
      await t.throwsAsync(ip.nexthop.get(99), { instanceOf: NetlinkError, message: /ENOENT/ });
      t.is(await ip.nexthop.flush(), 6);
      t.deepEqual(ipJson('-n', ns, 'nexthop'), []);
      t.deepEqual(ipJson('-n', ns, 'route', 'show', '192.168.7.0/24'), [], 'the route went with its nexthop');
    } finally {
      ip.close();
    }
  } finally {
    tryRun('ip', ['netns', 'del', ns]);
  }
});

/** Watch `monitor OBJECTS` with both tools while `script` runs; their lines must agree. */
async function monitorBoth(t: import('ava').ExecutionContext, ns: string, objects: string[], script: string): Promise<void> {
  const ip = watch('ip', ['-n', ns, 'monitor', ...objects]);
  const cli = watch(process.execPath, [BIN, '-n', ns, 'monitor', ...objects]);
  try {
    // both listening before the script, both done printing after it (no fixed waits: load varies)
    t.true(await until(() => listeners(ip.pid) >= 2, 60_000), 'both monitors subscribed');
    sh(script);
    await until(settled([ip, cli], () => cli.text() !== '' && cli.text() === ip.text(), 500), 20_000);
  } finally {
    await ip.stop('SIGINT');
    t.is(await cli.stop('SIGINT'), 0);
  }
  t.true(ip.lines().length >= 4, ip.lines().join('\n'));
  t.deepEqual(cli.lines(), ip.lines());
}

test.serial('monitor nexthop and monitor rule: same lines as ip monitor, with labels too', async (t) => {
  const ns = uniq('nhm');
  build(ns);
  const I = `ip -n ${ns}`;
  try {
    const script = `${I} nexthop add id 1 via 10.0.0.2 dev v0
${I} nexthop add id 2 via 10.2.0.4 dev v2 proto static
${I} nexthop add id 4 blackhole
${I} nexthop add id 3 group 1/2,4 type resilient buckets 4
${I} nexthop replace id 2 via 10.2.0.3 dev v2 onlink
${I} rule add from 10.0.0.0/8 table 5 pref 5 fwmark 3
${I} -6 rule add not to 2001:db8::/32 prohibit pref 6
${I} rule del pref 5
${I} -6 rule del pref 6
${I} nexthop del id 3
${I} nexthop flush`;
    await monitorBoth(t, ns, ['nexthop', 'rule'], script);
    await monitorBoth(t, ns, ['nexthop', 'rule', 'label'], script);
    await monitorBoth(t, ns, ['rule'], script);
  } finally {
    tryRun('ip', ['netns', 'del', ns]);
  }
});
