/**
 * `rtnl-ts tc` against iproute2's `tc` (6.1) on this kernel, in the sandbox: shows of a state
 * made by tc print the same text, JSON and statistics; states made by either tool are the same;
 * bad words fail with tc's messages and status before anything is sent.
 */
import test from 'ava';
import { assertSandboxed, run, tryRun, uniq } from './_util.js';
import { BIN, exec, runCli, type Ran } from './cli-helpers.js';

const NS = uniq('tcc');

const runTc = (...args: string[]): Ran => exec('tc', args);
const cliTc = (...args: string[]): Ran => runCli('tc', ...args);

function sh(script: string): void {
  run('bash', ['-ec', script]);
}

/** Handles the kernel picked (8000: and up, one counter for all) differ between two runs. */
const autoHandles = (s: string): string => s.replace(/\b8[0-9a-f]{3}:/g, 'AUTO:');

/** Run tc, rtnl-ts tc, tc until tc says the same twice around rtnl-ts (counters move). */
function sandwich(args: readonly string[], tries = 8): { tc: Ran; cli: Ran } {
  let last: { tc: Ran; cli: Ran } | undefined;
  for (let i = 0; i < tries; i++) {
    const a = runTc(...args);
    const cli = cliTc(...args);
    const b = runTc(...args);
    last = { tc: a, cli };
    if (a.stdout === b.stdout && a.stderr === b.stderr && a.status === b.status) return last;
  }
  throw new Error(`tc ${args.join(' ')} never printed the same thing twice in a row: ${JSON.stringify(last?.tc.stdout)}`);
}

test.before(() => {
  assertSandboxed();
  const T = `tc -n ${NS}`;
  const I = `ip -n ${NS}`;
  sh(`
ip netns add ${NS}
ip netns exec ${NS} sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
${I} link set lo up
${I} link add d0 type veth peer name d1
${I} link add ifb0 type ifb
${I} link add ifb1 type ifb
${I} link add ifb2 type ifb
${I} link add d2 type veth peer name d3
${I} addr add 10.7.0.1/24 dev d0
${I} addr add 10.7.0.2/24 dev d1
for d in d0 d1 d2 d3 ifb0 ifb1 ifb2; do ${I} link set $d up; done
${T} qdisc add dev d0 root handle 1: tbf rate 8mbit burst 32kb latency 50ms
${T} qdisc add dev d1 clsact
${T} qdisc add dev ifb0 root handle 1: htb default 10 r2q 5
${T} class add dev ifb0 parent 1: classid 1:1 htb rate 100mbit
${T} class add dev ifb0 parent 1:1 classid 1:10 htb rate 10mbit ceil 20mbit prio 1
${T} class add dev ifb0 parent 1:1 classid 1:20 htb rate 5gbit ceil 6gbit burst 30k/8 cburst 40k mtu 9000
${T} qdisc add dev ifb0 parent 1:10 handle 10: pfifo limit 50
${T} qdisc add dev ifb0 parent 1:20 handle 20: bfifo limit 64kb
${T} qdisc add dev ifb1 ingress
${T} qdisc add dev ifb1 root handle 2: tbf rate 100gbit burst 1mb limit 10mb peakrate 200gbit mtu 64kb
${T} qdisc add dev d2 root handle 5: pfifo_head_drop limit 7
${T} qdisc add dev ifb2 root handle 3: estimator 250ms 1s pfifo
ip netns exec ${NS} ping -c 3 -i 0.2 -q 10.7.0.2 >/dev/null
`);
});

test.after.always(() => {
  tryRun('ip', ['netns', 'del', NS]);
});

const SHOW: readonly string[] = [
  'qdisc', 'qdisc show', 'qdisc list', 'qdisc ls', '-s qdisc show', '-d qdisc show', '-s -d qdisc show', '-j qdisc show',
  '-j -s qdisc', '-j -p -s -d qdisc show', '-p -j qdisc', '-r qdisc show', '-iec -s qdisc', '-s -s qdisc', 'qdisc show dev d0',
  '-j qdisc show dev d0', 'qdisc show dev ifb0 root', 'qdisc show ingress', 'qdisc show clsact', 'qdisc show handle 1:',
  'qdisc show parent 1:10', 'qdisc show dev ifb0 parent 1:20', 'qdisc show invisible', '-o qdisc', '-s -o qdisc',
  'class show dev ifb0', '-s class show dev ifb0', '-d class show dev ifb0', '-s -d class show dev ifb0',
  '-j class show dev ifb0', 'class show dev ifb0 parent 1:1', 'class show dev ifb0 classid 1:10',
  'class show dev ifb0 qdisc 1:', 'class show dev ifb0 root', 'class', 'class show dev d0', '-r -d class show dev ifb0',
];

/** Shows that print nothing here (tc lists classes of one device, under the root only those of a root class). */
const EMPTY = new Set(['class', 'class show dev d0', 'class show dev ifb0 root']);

for (const cmd of SHOW) {
  test(`same output: tc ${cmd}`, (t) => {
    const { tc, cli } = sandwich(['-n', NS, ...cmd.split(' ')]);
    t.is(cli.stderr, tc.stderr);
    t.is(cli.status, tc.status);
    t.is(cli.stdout, tc.stdout);
    if (cmd.includes('-j') && cmd.includes('qdisc')) t.deepEqual(JSON.parse(cli.stdout), JSON.parse(tc.stdout));
    t.true(tc.stdout.length > 0 || EMPTY.has(cmd), 'tc printed something');
  });
}

/** Sequences of commands each tool runs in a namespace of its own; the states must be the same. */
const BUILD: readonly (readonly string[])[] = [
  ['qdisc add dev d0 root tbf rate 1mbit burst 32kb latency 50ms'],
  ['qdisc add dev d0 root handle 1: tbf rate 10gbit burst 32kb/8 limit 100kb peakrate 20gbit mtu 2000/16 mpu 64 overhead 4 linklayer atm'],
  ['qdisc add dev d0 root handle 1: tbf rate 1mbit burst 10k latency 5ms', 'qdisc change dev d0 root handle 1: tbf rate 2mbit burst 20k latency 10ms'],
  ['qdisc add dev d0 root pfifo limit 100', 'qdisc replace dev d0 root bfifo limit 10kb'],
  ['qdisc add dev d0 root handle 1: htb default 20 r2q 7 direct_qlen 10', 'class add dev d0 parent 1: classid 1:1 htb rate 50mbit',
    'class add dev d0 parent 1:1 classid 1:20 htb rate 1mbit ceil 5mbit burst 15k cburst 20k prio 3 quantum 1500',
    'class change dev d0 parent 1:1 classid 1:20 htb rate 2mbit', 'class replace dev d0 parent 1:1 classid 1:30 htb rate 1gbit',
    'class del dev d0 classid 1:30', 'qdisc add dev d0 parent 1:20 handle 20: pfifo_head_drop limit 30'],
  ['qdisc add dev d0 clsact', 'qdisc add dev d1 ingress', 'qdisc del dev d0 clsact'],
  ['qdisc add dev d0 root handle 1: tbf rate 1mbit burst 10k latency 5ms', 'qdisc del dev d0 root'],
  ['qdisc add dev d0 root estimator 1s 8s pfifo_fast'],
  ['qdisc add dev d0 ingress_block 21 ingress'],
];

for (const seq of BUILD) {
  test(`same state: ${seq.join('; ')}`, (t) => {
    const a = uniq('tca');
    const b = uniq('tcb');
    try {
      for (const ns of [a, b]) sh(`ip netns add ${ns}; ip -n ${ns} link add d0 type veth peer name d1; ip -n ${ns} link set d0 up`);
      for (const cmd of seq) {
        const x = runTc('-n', a, ...cmd.split(' '));
        const y = cliTc('-n', b, ...cmd.split(' '));
        t.is(y.status, x.status, `${cmd}: ${y.stderr}`);
        t.is(y.stderr, x.stderr, cmd);
      }
      for (const show of ['-s -d qdisc show', '-j -d qdisc show', '-d class show dev d0']) {
        t.is(autoHandles(runTc('-n', b, ...show.split(' ')).stdout), autoHandles(runTc('-n', a, ...show.split(' ')).stdout), show);
      }
    } finally {
      tryRun('ip', ['netns', 'del', a]);
      tryRun('ip', ['netns', 'del', b]);
    }
  });
}

/** Bad words: tc's messages and status, nothing sent (the state is as it was). */
const BAD: readonly string[] = [
  'qdisc add dev d0 root tbf rate -1 burst 10k latency 1ms', 'qdisc add dev d0 root netem delay 1parsec',
  'qdisc add dev d0 root foo bar', 'qdisc add dev nope root pfifo', 'qdisc add dev d0 parent', 'qdisc add dev d0 root pfifo limit x',
  'qdisc show dev nope', 'qdisc foo', 'nosuchobject', 'qdisc add dev d0 root tbf', 'qdisc add dev d0 root tbf help',
  'qdisc add dev d0 root tbf rate 1mbit burst 10k latency 1ms limit 5', 'qdisc add dev d0 root tbf rate 1mbit rate 2mbit',
  'qdisc add dev d0 root tbf peakrate 1mbit', 'qdisc add dev d0 root tbf rate 1mbit burst 1k/3 latency 1ms',
  'qdisc add dev d0 root tbf rate 1xbit burst 1k latency 1ms', 'qdisc add dev d0 root tbf rate 1mbit burst 1k latency 1h',
  'qdisc add dev d0 root netem reorder 5%', 'qdisc add dev d0 root netem gap 5', 'qdisc add dev d0 root netem ecn',
  'qdisc add dev d0 root netem distribution nosuch', 'qdisc add dev d0 root netem distribution normal',
  'qdisc add dev d0 root netem loss 1% loss 2%', 'qdisc add dev d0 root netem loss 101%', 'qdisc add dev d0 root netem foo',
  'qdisc add dev d0 root netem help', 'qdisc add dev d0 root netem slot foo', 'qdisc add dev d0 root htb foo',
  'class add dev d0 parent 1: classid 1:1 htb', 'class add dev d0 parent 1: classid 1:1 htb rate 1mbit rate 2mbit',
  'class add dev d0 parent 1: classid 1:1 pfifo', 'class add dev d0 parent 1: handle 1:1 htb rate 1mbit',
  'class add dev d0 parent 1: classid 1:1:1 htb rate 1mbit', 'qdisc add dev d0 root handle 1x: pfifo',
  'qdisc add dev d0 root root pfifo', 'qdisc add dev d0 root ingress', 'qdisc add dev d0 handle 1: handle 2: pfifo',
  'qdisc add dev d0 dev d1 pfifo', 'qdisc show dev d0 root root', 'qdisc show handle 1: root', 'qdisc show bogus',
  'class show bogus', 'qdisc help', 'class help', 'help', '-x qdisc', 'qdisc add dev d0 root sfq limit 1',
  'qdisc add dev d0 root fq_codel ce_threshold_selector 5', 'qdisc add dev d0 root fq_codel bogus',
  'qdisc add dev d0 root fq bogus', 'qdisc add dev d0 root prio bands 3 priomap 0 1 5', 'qdisc add dev d0 root prio bogus',
  'qdisc add dev d0 root tbf rate 10% burst 10k latency 1ms', 'qdisc add root tbf rate 10% burst 10k latency 1ms',
  'qdisc add dev d0 root estimator 1s', 'qdisc add dev d0 root estimator 100s 1s pfifo', 'qdisc add dev d0 root estimator x 1s pfifo',
  'qdisc add dev d0 root pfifo_fast limit 5', 'qdisc add dev d0 ingress_block 0 ingress', 'qdisc add dev d0 clsact bogus',
  'qdisc add dev d0 root bfifo bogus', 'qdisc del dev d0 root tbf',
  // kernel refusals: tc's "Error: ..." / "RTNETLINK answers" lines and status 2
  'qdisc add dev d0 tbf rate 1mbit burst 10k latency 1ms', 'class add dev d0 classid 1:1 htb rate 1mbit',
  'qdisc add dev d0 root nosuchkind', 'qdisc del dev d0 root', 'qdisc change dev d0 root handle 7: pfifo',
];

test('bad input: tc\'s words and status, and the state stays as it was', (t) => {
  const ns = uniq('tcx');
  try {
    sh(`ip netns add ${ns}; ip -n ${ns} link add d0 type veth peer name d1`);
    const before = runTc('-n', ns, '-d', 'qdisc').stdout;
    for (const cmd of BAD) {
      const words = ['-n', ns, ...cmd.split(' ')];
      const x = runTc(...words);
      const y = cliTc(...words);
      t.is(y.stderr, x.stderr, `stderr of tc ${cmd}`);
      t.is(y.status, x.status, `status of tc ${cmd}`);
      t.is(y.stdout, x.stdout, `stdout of tc ${cmd}`);
      t.is(runTc('-n', ns, '-d', 'qdisc').stdout, before, `the state after tc ${cmd}`);
    }
  } finally {
    tryRun('ip', ['netns', 'del', ns]);
  }
});

test('a -batch file runs like tc -batch, -force going on after a failure', (t) => {
  const ns = uniq('tcb');
  try {
    sh(`ip netns add ${ns}; ip -n ${ns} link add d0 type veth peer name d1`);
    const text = 'qdisc add dev d0 root handle 1: htb default 1\n# a comment\nclass add dev d0 parent 1: classid 1:1 htb rate 1mbit\nqdisc add dev d0 root pfifo\nqdisc show dev d0\n';
    for (const force of [[], ['-force']]) {
      const x = exec('tc', ['-n', ns, ...force, '-batch', '-'], text);
      tryRun('tc', ['-n', ns, 'qdisc', 'del', 'dev', 'd0', 'root']);
      const y = exec(process.execPath, [BIN, 'tc', '-n', ns, ...force, '-batch', '-'], text);
      tryRun('tc', ['-n', ns, 'qdisc', 'del', 'dev', 'd0', 'root']);
      t.is(autoHandles(y.stdout), autoHandles(x.stdout));
      t.is(y.stderr, x.stderr);
      t.is(y.status, x.status);
    }
  } finally {
    tryRun('ip', ['netns', 'del', ns]);
  }
});
