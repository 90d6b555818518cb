/**
 * `rtnl-ts bridge monitor` against iproute2 6.1's `bridge monitor`, in the sandbox: both watch
 * the same namespace while a fixed script changes ports, fdb entries and mdb groups (router port
 * included), both are stopped, and their outputs must be the same, line for line: the default
 * (every group), `all` (banners), single objects, and -d -s. IPv6 is off in the namespace, so no
 * traffic (learning, MLD snooping) adds events one monitor might see and the other not.
 */
import test from 'ava';
import { assertSandboxed, run, tryRun, uniq } from './_util.js';
import { sameAsBridge } from './bridge-helpers.js';
import { BIN } from './cli-helpers.js';
import { listeners, settled, until, watch } from './monitor-helpers.js';

const NS = uniq('brmon');

function sh(script: string): void {
  run('bash', ['-ec', script]);
}

test.before(() => {
  assertSandboxed();
  sh(`
ip netns add ${NS}
ip netns exec ${NS} sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
`);
});

test.after.always(() => {
  tryRun('ip', ['netns', 'del', NS]);
});

/**
 * The changes both monitors watch, one command each; they undo themselves, so each run starts
 * from the same state.
 */
function changes(n: number): string[] {
  const I = `ip -n ${NS}`;
  const B = `bridge -n ${NS}`;
  return [
    `${I} link add br${n} type bridge`,
    `${I} link add p${n} type veth peer name q${n}`,
    `${I} link set p${n} master br${n}`,
    `${I} link set br${n} up`,
    `${I} link set p${n} up`,
    `${I} link set q${n} up`,
    `${B} link set dev p${n} cost 7 hairpin on`,
    `${B} fdb add 02:00:00:00:0${n}:01 dev p${n} master static`,
    `${B} fdb add 02:00:00:00:0${n}:02 dev p${n} master`,
    `${B} mdb add dev br${n} port p${n} grp 239.1.1.${n} permanent`,
    `${B} mdb add dev br${n} port p${n} grp 239.2.2.${n} src 10.0.0.${n} permanent vid 0`,
    `${B} mdb add dev br${n} port p${n} grp 01:00:5e:00:00:0${n} permanent`,
    `${B} link set dev p${n} mcast_router 2`,
    `${B} link set dev p${n} mcast_router 1`,
    `${B} mdb del dev br${n} port p${n} grp 239.1.1.${n}`,
    `${B} fdb del 02:00:00:00:0${n}:01 dev p${n} master`,
    `${I} link set p${n} nomaster`,
    `${I} link del br${n}`,
    `${I} link del p${n}`,
  ];
}

let runs = 0;

async function compare(t: import('ava').ExecutionContext, args: string[]): Promise<string> {
  const n = ++runs;
  const bridge = watch('bridge', ['-n', NS, ...args]);
  const cli = watch(process.execPath, [BIN, 'bridge', '-n', NS, ...args]);
  // Both subscribed: nothing else in the namespace listens, so two listening sockets are theirs.
  // Read through bridge's process: rtnl-ts's main thread stays outside (its socket is made inside).
  t.true(await until(() => listeners(bridge.pid) >= 2, 60_000), 'both monitors subscribed');
  // One change at a time, each printed by both before the next: a monitor names a device it has
  // not seen by asking the kernel (with its flags: M-DOWN), so one that lagged behind the changes
  // would print a later state than the other. bridge holds its mdb lines in stdio's buffer until a
  // later event flushes it, so a step whose outputs stay different goes on after 2 s.
  const same = () => bridge.text() === cli.text();
  for (const command of changes(n)) {
    sh(command);
    await until(settled([bridge, cli], same, 150), 2_000);
  }
  // The end: both printed the same, and nothing more came for 500 ms (else the diff below shows).
  const quiet = settled([bridge, cli], same, 500);
  await until(() => quiet() && bridge.text() !== '', 20_000);
  await bridge.stop();
  t.is(await cli.stop(), 0, 'rtnl-ts bridge monitor ends with status 0 on SIGTERM');
  t.is(cli.text(), bridge.text(), `bridge ${args.join(' ')}`);
  return bridge.text();
}

test.serial('monitor (every group): the same lines as bridge monitor', async (t) => {
  const out = await compare(t, ['monitor']);
  for (const want of [/^Deleted \d+: p1@/m, /^02:00:00:00:01:02 dev p1 master br1 permanent$/m, /^dev br1 port p1 grp 239.1.1.1 permanent$/m,
    /^Deleted dev br1 port p1 grp 239.1.1.1 permanent$/m, /^router port dev p1 master br1$/m]) t.regex(out, want);
});

test.serial('monitor all: banners', async (t) => {
  const out = await compare(t, ['monitor', 'all']);
  t.regex(out, /^\[LINK\]\d+: /m);
  t.regex(out, /^\[NEIGH\]02:00:00:00:02:01 /m);
  t.regex(out, /^\[MDB\]dev br2 /m);
});

test.serial('monitor fdb mdb, monitor link with -d -s, monitor all link', async (t) => {
  await compare(t, ['monitor', 'fdb', 'mdb']);
  const out = await compare(t, ['-d', '-s', 'monitor', 'link']);
  t.regex(out, /hairpin on/);
  await compare(t, ['monitor', 'all', 'l']);
});

test('bad words: bridge words and status', (t) => {
  for (const args of [['monitor', 'frob'], ['monitor', 'help'], ['monitor', 'link', 'x']]) {
    t.not(sameAsBridge(t, '-n', NS, ...args).status, 0);
  }
});
