/**
 * `rtnl-ts tc filter` against tc 6.1 in the sandbox. This kernel has no classifiers and no
 * actions, so: request parity (strace of both tools on the same line, netlink bytes compared),
 * and bad words refused with tc's messages and status, nothing changed. Shows await a kernel
 * with cls_matchall (test/full).
 */
import test from 'ava';
import { assertSandboxed } from './_util.js';
import { sameTcFailures } from './cli-helpers.js';
import { assertSameRequests } from './parity.js';

test.before(() => assertSandboxed());

const SETUP = 'ip link add d0 type veth peer name d1; ip link add ifb0 type ifb; tc qdisc add dev d0 clsact';
const FILTER = { setup: SETUP, types: ['RTM_NEWTFILTER', 'RTM_DELTFILTER'] };

const LINES: readonly string[] = [
  'tc filter add dev d0 parent ffff: matchall action mirred egress redirect dev ifb0',
  'tc filter add dev d0 ingress pref 10 handle 5 matchall skip_hw classid 1:2 action gact drop',
  'tc filter add dev d0 ingress pref 1 matchall action mirred ingress mirror dev ifb0 action gact pass',
  'tc filter replace dev d0 egress pref 2 protocol ip matchall action drop',
  'tc filter change dev d0 egress pref 2 handle 1 matchall action pass index 4',
  'tc filter add dev d0 egress protocol 802.1Q chain 3 matchall skip_sw flowid 1:1',
  'tc filter del dev d0 ingress pref 10',
  'tc filter del dev d0 ingress',
  'tc filter del dev d0 egress pref 2 handle 1 protocol ip matchall',
];

for (const line of LINES) {
  test(`same requests: ${line}`, (t) => {
    assertSameRequests(t, line, line.split(' '), FILTER);
  });
}

const BAD: readonly string[] = [
  'filter add dev d0 ingress matchall action foo',
  'filter add dev d0 ingress matchall action gact explode',
  'filter add dev d0 ingress matchall action mirred egress redirect dev nope',
  'filter add dev d0 ingress matchall action mirred sideways',
  'filter add dev d0 ingress matchall bogus',
  'filter add dev d0 ingress matchall classid zz',
  'filter add dev d0 ingress matchall action',
  'filter add dev d0 ingress handle 5',
  'filter add dev d0 ingress protocol ipx6 matchall',
  'filter add dev d0 ingress pref 70000 matchall',
  'filter add dev nope ingress matchall action drop',
  'filter add dev d0 ingress egress matchall',
  'filter add dev d0 parent 1:2:3 matchall',
];

test('bad input: tc\'s words and status, and nothing sent', (t) => {
  sameTcFailures(t, 'ip link add d0 type veth peer name d1; ip link add ifb0 type ifb', BAD, { state: ['qdisc'] });
});
