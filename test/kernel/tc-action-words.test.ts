/**
 * The action words rtnl-ts reads like tc 6.1 (m_gact.c with random, m_police.c, m_skbedit.c),
 * in a filter and in `tc actions add`. This kernel has none of the three, so: the requests are
 * tc's byte for byte (strace; the kernel refuses both alike), and bad words are refused with
 * tc's words and status before anything is sent. test/full/tc-show.test.ts shows them working.
 */
import test from 'ava';
import { assertSandboxed } from './_util.js';
import { sameTcFailures } from './cli-helpers.js';
import { assertSameRequests, requestParity } from './parity.js';

test.before(() => assertSandboxed());

const SETUP = 'ip link add d0 type veth peer name d1; tc qdisc add dev d0 clsact';
const OPTS = { setup: SETUP, types: ['RTM_NEWTFILTER', 'RTM_NEWACTION'] };

const LINES: readonly string[] = [
  'tc filter add dev d0 ingress pref 1 u32 match u32 0 0 action gact drop random netrand pass 100 index 3',
  'tc filter add dev d0 ingress pref 1 u32 match u32 0 0 action reclassify random determ drop 5',
  'tc filter add dev d0 ingress pref 1 u32 match u32 0 0 action gact goto chain 4',
  'tc filter add dev d0 ingress pref 1 u32 match u32 0 0 action gact index 9',
  'tc filter add dev d0 ingress pref 1 u32 match u32 0 0 action pipe action continue action ok',
  'tc filter add dev d0 ingress pref 1 u32 match u32 0 0 action police rate 1mbit burst 10k',
  'tc filter add dev d0 ingress pref 1 u32 match u32 0 0 action police rate 1mbit burst 10k conform-exceed drop/pipe',
  'tc filter add dev d0 ingress pref 1 u32 match u32 0 0 action police rate 10mbit burst 100k mtu 2k peakrate 20mbit conform-exceed pass/drop index 5',
  'tc filter add dev d0 ingress pref 1 u32 match u32 0 0 action police rate 5gbit burst 1m drop overhead 14 linklayer atm',
  'tc filter add dev d0 ingress pref 1 u32 match u32 0 0 action police avrate 1mbit drop',
  'tc filter add dev d0 ingress pref 1 u32 match u32 0 0 action police pkts_rate 1000 pkts_burst 100 conform-exceed drop',
  'tc filter add dev d0 ingress pref 1 matchall action police rate 1mbit burst 10k action skbedit priority 1:5 mark 7',
  'tc filter add dev d0 ingress pref 1 u32 match u32 0 0 action skbedit mark 5/0xff ptype host pass index 2',
  'tc filter add dev d0 ingress pref 1 u32 match u32 0 0 action skbedit queue_mapping 3 inheritdsfield',
  'tc actions add action gact drop random netrand pass 100 index 20',
  'tc actions add action police rate 1mbit burst 20k index 21',
  'tc actions add action skbedit priority 10 index 22 action gact pass',
  'tc actions replace action police rate 2mbit burst 20k index 21',
];

for (const line of LINES) {
  test(`same requests: ${line}`, (t) => {
    assertSameRequests(t, line, line.split(' '), OPTS);
  });
}

const BAD: readonly string[] = [
  'filter add dev d0 ingress u32 match u32 0 0 action gact explode',
  'filter add dev d0 ingress u32 match u32 0 0 action gact drop random bogus pass 5',
  'filter add dev d0 ingress u32 match u32 0 0 action gact drop random netrand pass 20000',
  'filter add dev d0 ingress u32 match u32 0 0 action gact goto 4',
  'filter add dev d0 ingress u32 match u32 0 0 action gact drop index zz',
  'filter add dev d0 ingress u32 match u32 0 0 action police rate 1mbit',
  'filter add dev d0 ingress u32 match u32 0 0 action police burst 10k',
  'filter add dev d0 ingress u32 match u32 0 0 action police rate 1mbit burst 10k peakrate 2mbit',
  'filter add dev d0 ingress u32 match u32 0 0 action police rate 1mbit avrate 1mbit burst 1k',
  'filter add dev d0 ingress u32 match u32 0 0 action police rate -1 burst 10k',
  'filter add dev d0 ingress u32 match u32 0 0 action police rate 1mbit burst 10k rate 2mbit',
  'filter add dev d0 ingress u32 match u32 0 0 action police rate 1mbit burst zz',
  'filter add dev d0 ingress u32 match u32 0 0 action police rate 1mbit burst 1k conform-exceed drop/bogus',
  'filter add dev d0 ingress u32 match u32 0 0 action police pkts_rate 10',
  'filter add dev d0 ingress u32 match u32 0 0 action police rate 1mbit burst 1k linklayer bogus',
  'filter add dev d0 ingress u32 match u32 0 0 action police',
  'filter add dev d0 ingress u32 match u32 0 0 action skbedit',
  'filter add dev d0 ingress u32 match u32 0 0 action skbedit mark zz',
  'filter add dev d0 ingress u32 match u32 0 0 action skbedit priority 1:2:3',
  'filter add dev d0 ingress u32 match u32 0 0 action skbedit ptype nowhere',
  'filter add dev d0 ingress u32 match u32 0 0 action skbedit queue_mapping 70000',
  'actions add action police rate 1mbit',
  'actions add action skbedit bogus',
];

test('bad action words: tc\'s words and status, and nothing sent', (t) => {
  sameTcFailures(t, SETUP, BAD);
});

test('bad action words send nothing (strace: no RTM_NEWTFILTER or RTM_NEWACTION from either tool)', (t) => {
  for (const cmd of BAD.slice(0, 8)) {
    const r = requestParity(`tc ${cmd}`, cmd.split(' '), { ...OPTS, allowNone: true });
    t.is(r.b.requests.length, 0, `rtnl-ts sent nothing for tc ${cmd}`);
    t.is(r.a.requests.length, 0, `tc sent nothing for tc ${cmd}`);
  }
});
