/**
 * `rtnl-ts monitor` against `ip monitor`, in the sandbox: both watch the same namespace, a fixed
 * script of link, address, route and neighbour changes runs, both are stopped (ip with SIGINT,
 * rtnl-ts with SIGINT or SIGTERM, which must end it with status 0), and their outputs must agree
 * line by line. With `all`, ip also prints [NETCONF] events, which rtnl-ts does not subscribe
 * to; those lines are left out of ip's side before comparing.
 */
import test from 'ava';
import { assertSandboxed, run, tryRun, uniq } from './_util.js';
import { BIN } from './cli-helpers.js';
import { listeners, settled, until, watch, type Watcher } from './monitor-helpers.js';

const NS = uniq('clim');

function sh(script: string): void {
  run('bash', ['-ec', script]);
}

test.before(() => {
  assertSandboxed();
  sh(`
ip netns add ${NS}
ip netns exec ${NS} sysctl -qw net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.all.accept_dad=0
ip -n ${NS} link set lo up
`);
});

test.after.always(() => {
  tryRun('ip', ['netns', 'del', NS]);
});

/** The changes both monitors watch; they undo themselves so each run starts from the same state. */
function changes(n: number): void {
  const I = `ip -n ${NS}`;
  sh(`
${I} link add va${n} type veth peer name vb${n}
${I} addr add 10.${n}.0.1/24 dev va${n}
${I} link set va${n} up; ${I} link set vb${n} up
${I} route add 10.${n + 100}.0.0/16 via 10.${n}.0.2
${I} route add 10.${n + 150}.0.0/16 nexthop via 10.${n}.0.2 dev va${n} weight 3 nexthop via 10.${n}.0.3 dev va${n}
${I} route add 10.${n + 200}.0.0/24 via 10.${n}.0.9 table 100
${I} neigh add 10.${n}.0.5 lladdr 02:00:00:00:00:05 dev va${n}
${I} -6 addr add 2001:db8:${n}::1/64 dev va${n} nodad
${I} -6 route add 2001:db8:${n + 50}::/64 via 2001:db8:${n}::2 metric 7
${I} link add br${n} type bridge
${I} link set vb${n} master br${n}
${I} link set va${n} mtu 1400
${I} route del 10.${n + 100}.0.0/16
${I} addr del 10.${n}.0.1/24 dev va${n}
${I} link del br${n}
${I} link del va${n}
`);
}

/** Both monitors started, and both listening in NS (no fixed wait: start-up is slow under load). */
async function startBoth(t: import('ava').ExecutionContext, ipArgs: string[], cliArgs: string[]): Promise<[Watcher, Watcher]> {
  const ip = watch('ip', ipArgs);
  const cli = watch(process.execPath, [BIN, ...cliArgs]);
  t.true(await until(() => listeners(ip.pid) >= 2, 60_000), 'both monitors subscribed');
  return [ip, cli];
}

/** Until both have printed what `same` wants and then nothing more for 500 ms (else the diff shows). */
async function printed(ip: Watcher, cli: Watcher, same: () => boolean): Promise<void> {
  await until(settled([ip, cli], same, 500), 20_000);
}

let run_ = 0;

async function compare(t: import('ava').ExecutionContext, objects: string[], signal: NodeJS.Signals, dropNetconf: boolean): Promise<void> {
  const n = ++run_;
  const [ip, cli] = await startBoth(t, ['-n', NS, 'monitor', ...objects], ['-n', NS, 'monitor', ...objects]);
  const want = () => ip.lines().filter((l) => !(dropNetconf && l.startsWith('[NETCONF]')));
  changes(n);
  await printed(ip, cli, () => cli.text() !== '' && JSON.stringify(cli.lines()) === JSON.stringify(want()));
  await ip.stop('SIGINT');
  t.is(await cli.stop(signal), 0, `rtnl-ts monitor ends with status 0 on ${signal}`);
  const expected = want();
  t.true(expected.length > 3, 'ip saw the changes');
  t.deepEqual(cli.lines(), expected);
}

test.serial('monitor link address route: same lines as ip monitor', async (t) => {
  await compare(t, ['link', 'address', 'route'], 'SIGINT', false);
});

test.serial('monitor (everything, no banners): same lines as ip monitor link address route neigh nsid', async (t) => {
  // Bare `ip monitor` also listens to netconf, rules, nexthops... ; name the common objects on ip's side.
  const n = ++run_;
  const [ip, cli] = await startBoth(t, ['-n', NS, 'monitor', 'link', 'address', 'route', 'neigh', 'nsid'], ['-n', NS, 'monitor']);
  changes(n);
  await printed(ip, cli, () => cli.text() !== '' && cli.text() === ip.text());
  await ip.stop('SIGINT');
  t.is(await cli.stop('SIGTERM'), 0);
  t.deepEqual(cli.lines(), ip.lines());
});

test.serial('monitor all: [LINK]-style banners, same lines as ip (netconf aside)', async (t) => {
  await compare(t, ['all'], 'SIGTERM', true);
});

test.serial('monitor neigh: same lines as ip monitor neigh', async (t) => {
  await compare(t, ['neigh'], 'SIGINT', false);
});

test.serial('monitor route label: banners with label', async (t) => {
  await compare(t, ['route', 'label'], 'SIGINT', false);
});

test.serial('monitor link dev: only the named device', async (t) => {
  sh(`ip -n ${NS} link add mdev0 type veth peer name mdev1`);
  const args = ['-n', NS, 'monitor', 'link', 'address', 'route', 'dev', 'mdev0'];
  const [ip, cli] = await startBoth(t, args, args);
  sh(`
ip -n ${NS} addr add 10.250.0.1/24 dev mdev0
ip -n ${NS} link set mdev0 up; ip -n ${NS} link set mdev1 up
ip -n ${NS} addr add 10.251.0.1/24 dev mdev1
ip -n ${NS} link del mdev0
`);
  await printed(ip, cli, () => cli.text() !== '' && cli.text() === ip.text());
  await ip.stop('SIGINT');
  t.is(await cli.stop('SIGINT'), 0);
  t.true(ip.lines().length > 3);
  t.deepEqual(cli.lines(), ip.lines());
});

test.serial('monitor -t and -ts: timestamp lines as ip prints them', async (t) => {
  for (const [opt, re] of [
    ['-t', /^Timestamp: (Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d \d{4} \d{1,6} usec$/],
    ['-ts', /^\[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\] /],
  ] as const) {
    const n = ++run_;
    const args = [opt, '-n', NS, 'monitor', 'link', 'address', 'route'];
    const [ip, cli] = await startBoth(t, args, args);
    const strip = (lines: string[]): string[] => (opt === '-t' ? lines.filter((l) => !re.test(l)) : lines.map((l) => l.replace(re, '')));
    const stamps = (lines: string[]): number => lines.filter((l) => re.test(l)).length;
    changes(n);
    await printed(ip, cli, () => cli.text() !== '' && stamps(cli.lines()) === stamps(ip.lines())
      && JSON.stringify(strip(cli.lines())) === JSON.stringify(strip(ip.lines())));
    await ip.stop('SIGINT');
    t.is(await cli.stop('SIGINT'), 0);
    t.true(stamps(cli.lines()) > 5);
    t.is(stamps(cli.lines()), stamps(ip.lines()));
    t.deepEqual(strip(cli.lines()), strip(ip.lines()));
  }
});

test.serial('monitor errors like ip', (t) => {
  for (const args of [['monitor', 'bogus'], ['monitor', 'dev', 'nosuch']]) {
    const ip = tryRun('ip', ['-n', NS, ...args]);
    const cli = tryRun(process.execPath, [BIN, '-n', NS, ...args]);
    t.is(cli.status, ip.status);
    t.is(cli.stderr.replace(/rtnl-ts/g, 'ip'), ip.stderr);
  }
});
