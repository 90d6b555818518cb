/**
 * `rtnl-ts tc filter add|replace|change|del ... u32` (tc/f_u32.c's words through ip.tc.filter's
 * u32 driver) against tc 6.1 on this kernel, which has cls_u32 and act_mirred: the requests are
 * tc's byte for byte (strace), the filters they make print the same in tc's own show, and bad
 * words are refused with tc's words and status, nothing changed.
 */
import test from 'ava';
import { assertSandboxed, run, tryRun, uniq } from './_util.js';
import { exec, runCli, sameTcFailures } from './cli-helpers.js';
import { assertSameRequests } from './parity.js';

test.before(() => assertSandboxed());

const SETUP = 'ip link add d0 type veth peer name d1; ip link add ifb0 type ifb; tc qdisc add dev d0 clsact; tc qdisc add dev d0 root handle 1: htb';
const FILTER = { setup: SETUP, types: ['RTM_NEWTFILTER', 'RTM_DELTFILTER'] };

const LINES: readonly string[] = [
  'tc filter add dev d0 parent 1: protocol ip pref 1 u32 match ip dst 10.0.0.1/32 match ip sport 80 0xffff flowid 1:10',
  'tc filter add dev d0 parent 1: protocol ip prio 2 u32 match ip src 192.168.0.0/16 match ip dport 53 0xffff match ip protocol 17 0xff classid 1:20',
  'tc filter add dev d0 parent 1: protocol ip pref 3 u32 match ip tos 0x10 0xff match ip ihl 5 0xf match ip icmp_type 8 0xff flowid 1:30',
  'tc filter add dev d0 parent 1: protocol all pref 4 u32 match u32 0x1234 0xffff at 4 match u16 0x800 0xffff at 12 match u8 6 0xff at 23 classid 1:1',
  'tc filter add dev d0 parent 1: protocol ip pref 5 u32 match u8 0x45 0xff at nexthdr+0 match u16 1 0xff at 2 flowid 1:5',
  'tc filter add dev d0 ingress protocol ip pref 6 u32 match ip dst 10.9.0.0/24 action mirred egress redirect dev ifb0',
  'tc filter add dev d0 ingress protocol ip pref 7 u32 match ip src 10.1.0.0/16 classid 1:7 action mirred egress mirror dev ifb0 pipe action drop',
  'tc filter add dev d0 parent 1: protocol ip pref 8 handle 2: u32 divisor 16',
  'tc filter add dev d0 parent 1: protocol ip pref 9 u32 ht 800: order 5 match ip dst 1.2.3.4 link 2: skip_sw',
  'tc filter add dev d0 parent 1: protocol ip pref 10 handle 800::7 u32 match u32 0 0 indev d1 skip_hw flowid 1:2',
  'tc filter replace dev d0 parent 1: protocol ip pref 1 handle 800::800 u32 match ip dst 10.0.0.2/32 flowid 1:11',
  'tc filter change dev d0 parent 1: protocol ip pref 1 handle 800::800 u32 match ip dst 10.0.0.3 flowid 1:12',
  'tc filter del dev d0 parent 1: protocol ip pref 1 handle 800::800 u32',
];

for (const line of LINES) {
  test(`same requests: ${line}`, (t) => {
    assertSameRequests(t, line, line.split(' '), FILTER);
  });
}

test('the filters made by tc and by rtnl-ts read the same in tc filter show', (t) => {
  const a = uniq('tua');
  const b = uniq('tub');
  const show = (n: string): string => exec('tc', ['-n', n, 'filter', 'show', 'dev', 'd0', 'parent', '1:']).stdout
    + exec('tc', ['-n', n, 'filter', 'show', 'dev', 'd0', 'ingress']).stdout;
  try {
    for (const n of [a, b]) {
      run('ip', ['netns', 'add', n]);
      run('ip', ['netns', 'exec', n, 'bash', '-ec', SETUP]);
    }
    for (const line of LINES.slice(0, 10)) {
      const words = line.split(' ').slice(1);
      const x = exec('tc', ['-n', a, ...words]);
      const y = runCli('tc', '-n', b, ...words);
      t.is(y.stderr, x.stderr, `stderr of ${line}`);
      t.is(y.status, x.status, `status of ${line}`);
    }
    const shown = show(a);
    t.true(shown.includes('match 0a000001/ffffffff at 16'), shown);
    t.is(show(b), shown);
  } finally {
    tryRun('ip', ['netns', 'del', a]);
    tryRun('ip', ['netns', 'del', b]);
  }
});

const BAD: readonly string[] = [
  'filter add dev d0 parent 1: u32 bogus', 'filter add dev d0 parent 1: u32 help', 'filter add dev d0 parent 1: u32 match ip src 1.2.3.4/40',
  'filter add dev d0 parent 1: u32 match ip src', 'filter add dev d0 parent 1: u32 match', 'filter add dev d0 parent 1: handle zz u32',
  'filter add dev d0 parent 1: u32 match u8 300 0xff', 'filter add dev d0 parent 1: u32 match u16 1 0xfffff at 2',
  'filter add dev d0 parent 1: u32 match u32 1 zz', 'filter add dev d0 parent 1: u32 match ip sport 80', 'filter add dev d0 parent 1: u32 match ip bogus 1 1',
  'filter add dev d0 parent 1: u32 match ip dst 10.0.0.1 match ip dst 10.0.0.2', 'filter add dev d0 parent 1: u32 match u32 1 1 at 2',
  'filter add dev d0 parent 1: u32 classid zz', 'filter add dev d0 parent 1: u32 divisor 3', 'filter add dev d0 parent 1: u32 divisor 512',
  'filter add dev d0 parent 1: u32 link 1:2:3', 'filter add dev d0 parent 1: u32 link zz', 'filter add dev d0 parent 1: u32 ht 1:2:3 match u8 0 0',
  'filter add dev d0 parent 1: handle 1:: u32 ht 800::1', 'filter add dev d0 parent 1: u32 order zz', 'filter add dev d0 parent 1: handle 800::5 u32 order 6',
  'filter add dev d0 parent 1: u32 skip_hw skip_sw', 'filter add dev d0 parent 1: u32 indev', 'filter add dev d0 parent 1: u32 action mirred egress redirect dev nope',
  'filter add dev d0 parent 1: u32 match ip dst 10.0.0.1 action bogus', 'filter del dev d0 parent 1: pref 1 handle 8:8:8:8 u32',
];

test('bad u32 words: tc\'s words and status, and nothing sent', (t) => {
  sameTcFailures(t, SETUP, BAD, { state: ['filter', 'show', 'dev', 'd0', 'parent', '1:'] });
});

test('the API\'s typed u32 (match list, classid, actions) makes the filter tc makes from words', async (t) => {
  const a = uniq('tuc');
  const b = uniq('tud');
  try {
    for (const n of [a, b]) {
      run('ip', ['netns', 'add', n]);
      run('ip', ['netns', 'exec', n, 'bash', '-ec', SETUP]);
    }
    run('tc', ['-n', a, ...'filter add dev d0 parent 1: protocol ip pref 1 u32 match ip dst 10.0.0.1/32 match ip sport 80 0xffff match u8 6 0xff at 9 flowid 1:10 action mirred egress mirror dev ifb0'.split(' ')]);
    const { IpRoute } = await import('../../src/api/iproute.js');
    const ip = await IpRoute.open({ netns: b });
    try {
      await ip.tc.filter.add({
        dev: 'd0', parent: '1:', protocol: 'ip', pref: 1, kind: 'u32',
        match: [{ ip: 'dst', prefix: '10.0.0.1/32' }, { ip: 'sport', value: 80, mask: 0xffff }, { size: 8, value: 6, mask: 0xff, at: 9 }],
        classid: '1:10', actions: [{ kind: 'mirred', direction: 'egress', mode: 'mirror', dev: 'ifb0' }],
      });
      await t.throwsAsync(ip.tc.filter.add({ dev: 'd0', parent: '1:', kind: 'u32', match: [{ ip: 'dst', prefix: '10.0.0.1' }, { ip: 'dst', prefix: '10.0.0.2' }] }), { message: /conflicts/ });
      await t.throwsAsync(ip.tc.filter.add({ dev: 'd0', parent: '1:', kind: 'u32', handle: '1:2:3:4:5', divisor: 3 }), { message: /divisor/ });
      const [f] = (await ip.tc.filter.list({ dev: 'd0', parent: '1:' })).filter((x) => x.handle === 0x80000800);
      t.truthy(f, 'the API lists the key node 800::800');
    } finally {
      ip.close();
    }
    const show = (n: string): string => exec('tc', ['-n', n, 'filter', 'show', 'dev', 'd0', 'parent', '1:']).stdout;
    t.is(show(b), show(a));
  } finally {
    tryRun('ip', ['netns', 'del', a]);
    tryRun('ip', ['netns', 'del', b]);
  }
});
