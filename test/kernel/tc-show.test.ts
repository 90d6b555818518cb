/**
 * `rtnl-ts tc filter show|get` and `rtnl-ts tc actions ls|get|add|del|flush` against tc 6.1 on
 * what this kernel has (u32, mirred on clsact and htb): the same stdout, stderr and status, text,
 * -j, -s (action statistics), -p (u32 keys by IP field), -r; the action ages ("installed N sec")
 * left out, as they grow between the two runs (and compared, masked, once past their first tick).
 */
import test from 'ava';
import { assertSandboxed, run, tryRun, uniq, waitUntil } from './_util.js';
import { agesMasked, exec, runCli, withoutAges, type Ran } from './cli-helpers.js';

test.before(() => assertSandboxed());

function same(t: import('ava').ExecutionContext, ns: string, line: string): void {
  const words = ['-n', ns, ...line.split(' ')];
  const x: Ran = exec('tc', words);
  const y: Ran = runCli('tc', ...words);
  t.is(withoutAges(y.stdout), withoutAges(x.stdout), `stdout of tc ${line}`);
  t.is(y.stderr, x.stderr, `stderr of tc ${line}`);
  t.is(y.status, x.status, `status of tc ${line}`);
}

const SETUP = [
  'ip link add d0 type veth peer name d1', 'ip link add ifb0 type ifb', 'tc qdisc add dev d0 clsact',
  'tc qdisc add dev d0 root handle 1: htb',
  'tc filter add dev d0 parent 1: protocol ip pref 1 u32 match ip dst 10.0.0.1/32 match ip sport 80 0xffff flowid 1:10',
  'tc filter add dev d0 parent 1: protocol ip pref 2 u32 match ip protocol 6 0xff match u32 0x1234 0xffff at 4 classid 1:20 action mirred egress redirect dev ifb0',
  'tc filter add dev d0 ingress protocol all pref 3 u32 match u8 0 0 action mirred egress mirror dev ifb0 pipe',
  'tc filter add dev d0 egress protocol ipv6 pref 3 u32 match ip6 dst fe80::/64 match ip6 sport 22 0xffff flowid 1:1',
  'tc filter add dev d0 egress protocol ip pref 4 u32 match ip src 192.168.0.0/16 match ip dport 53 0xffff match ip tos 0x10 0xff classid 1:30',
];

const SHOW = [
  'filter show dev d0 parent 1:', '-s filter show dev d0 parent 1:', '-p filter show dev d0 parent 1:', '-p filter show dev d0 egress',
  '-j filter show dev d0 ingress', '-j -s filter show dev d0 ingress', '-s -d filter show dev d0 egress', '-p -s filter show dev d0 egress',
  '-j filter show dev d0 egress', 'filter show dev d0', 'filter show dev d0 pref 2 parent 1:', 'filter show dev d0 protocol ip parent 1:',
  'filter ls dev d0 root', '-r filter show dev d0 parent 1:', 'filter', 'filter show dev d0 chain 0 egress', 'filter show dev d0 ingress handle 800::800',
  'filter get dev d0 parent 1: protocol ip pref 1 handle 800::800 u32', '-j filter get dev d0 parent 1: protocol ip pref 2 handle 801::800 u32',
  'filter get dev d0 parent 1: protocol ip pref 1 handle 800::801 u32',
  // refused, as tc refuses them
  'filter show dev d0 bogus', 'filter show dev nope', 'filter show dev d0 parent 1:2:3', 'filter show dev d0 ingress egress',
  'filter show dev d0 protocol ipx6', 'filter show dev d0 dev d1', 'filter get dev d0 parent 1: pref 1 handle 800::800 u32',
  'filter get dev d0 parent 1: protocol ip handle 800::800 u32', 'filter get dev d0 protocol ip pref 1 handle 800::800 u32',
  'filter get dev d0 parent 1: protocol ip pref 1 handle 800::800', 'filter get dev d0 parent 1: protocol ip pref 1 u32',
  'filter get dev d0 parent 1: protocol ip pref 1 handle zz u32', 'filter get dev nope parent 1: protocol ip pref 1 handle 800::800 u32',
];

test('filter show and get print what tc prints (u32 with mirred, this kernel)', (t) => {
  const ns = uniq('tcs');
  try {
    run('ip', ['netns', 'add', ns]);
    for (const l of SETUP) run('ip', ['netns', 'exec', ns, 'bash', '-ec', l]);
    for (const line of SHOW) same(t, ns, line);
  } finally {
    tryRun('ip', ['netns', 'del', ns]);
  }
});

const ACTIONS = [
  'actions ls action mirred', '-j actions ls action mirred', '-s actions ls action mirred', '-j -s actions list action mirred',
  'actions get action mirred index 7', '-j actions get action mirred index 9', '-s actions get action mirred index 9',
  'actions get action mirred index 8', 'actions get action mirred', 'actions get action foo index 1', 'actions ls action foo',
  'actions ls', 'actions', 'actions bogus', 'actions get mirred index 7', 'actions add action mirred egress redirect dev nope',
  'actions add action mirred sideways', 'actions add action mirred egress redirect dev ifb0 index 7',
  'actions add action mirred ingress mirror dev d1 pipe index 11', 'actions ls action mirred',
  'actions del action mirred index 9', 'actions ls action mirred', 'actions flush action mirred', 'actions ls action mirred',
];

test('tc actions: list, get, add, delete, flush as tc does them (mirred, this kernel)', (t) => {
  // twin namespaces: tc changes A, rtnl-ts changes B; both are read by tc after each change
  const a = uniq('tca');
  const b = uniq('tcb');
  const setup = 'ip link add d0 type veth peer name d1; ip link add ifb0 type ifb; '
    + 'tc actions add action mirred egress redirect dev ifb0 index 7; tc actions add action mirred ingress mirror dev d1 pipe index 9';
  const dump = (n: string): string => withoutAges(exec('tc', ['-n', n, '-s', 'actions', 'ls', 'action', 'mirred']).stdout);
  try {
    for (const n of [a, b]) {
      run('ip', ['netns', 'add', n]);
      run('ip', ['netns', 'exec', n, 'bash', '-ec', setup]);
    }
    // The ages themselves, once tc shows them (an age under one tick is left out): both print them.
    waitUntil('tc to show the ages', () => exec('tc', ['-n', a, '-s', 'actions', 'ls', 'action', 'mirred']).stdout.includes(' installed '));
    for (const line of ['-s actions ls action mirred', '-j -s actions ls action mirred']) {
      const words = ['-n', a, ...line.split(' ')];
      const x = exec('tc', words);
      t.regex(x.stdout, / installed \d+ sec used \d+ sec|"installed":\d+,"last_used":\d+/, `tc ${line} shows the ages`);
      t.is(agesMasked(runCli('tc', ...words).stdout), agesMasked(x.stdout), `stdout of tc ${line}, ages masked`);
    }
    for (const line of ACTIONS) {
      if (!/^actions (add|del|flush)/.test(line)) {
        same(t, a, line);
        continue;
      }
      const words = line.split(' ');
      const x = exec('tc', ['-n', a, ...words]);
      const y = runCli('tc', '-n', b, ...words);
      t.is(y.stdout, x.stdout, `stdout of tc ${line}`);
      t.is(y.stderr, x.stderr, `stderr of tc ${line}`);
      t.is(y.status, x.status, `status of tc ${line}`);
      t.is(dump(b), dump(a), `the actions after tc ${line}`);
    }
  } finally {
    tryRun('ip', ['netns', 'del', a]);
    tryRun('ip', ['netns', 'del', b]);
  }
});
