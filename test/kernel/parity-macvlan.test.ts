// Request parity for macvlan and macvtap (iproute2's iplink_macvlan.c): every `link add` and
// `link set ... type macvlan|macvtap` line rtnl-ts reads sends iproute2's RTM_NEWLINK bytes.
import test from 'ava';
import { assertSandboxed } from './_util.js';
import { assertSameRequests } from './parity.js';

test.before(() => assertSandboxed());

const VETH = 'ip link add d0 type veth peer name d1';
const NEWLINK = { setup: VETH, types: ['RTM_NEWLINK'], dropProbe: true };

const ADD: readonly string[] = [
  'type macvlan',
  'type macvlan mode private',
  'type macvlan mode vepa',
  'type macvlan mode bridge',
  'type macvlan mode passthru',
  'type macvlan mode passthru flag nopromisc',
  'type macvlan mode passthru nopromisc nodst',
  'type macvlan mode bridge nodst',
  'type macvlan mode bridge flag null',
  'type macvlan flag nodst mode vepa',
  'type macvlan mode source macaddr set 00:11:22:33:44:55 00:11:22:33:44:66',
  'type macvlan mode source macaddr set',
  'type macvlan macaddr set 00:11:22:33:44:55 bcqueuelen 10 mode source',
  'type macvlan bcqueuelen 0',
  'type macvlan bcqueuelen 4294967295 mode bridge',
  'type macvtap mode bridge',
  'type macvtap mode source macaddr set 02:00:00:00:00:01 bcqueuelen 7',
  'type macvtap mode passthru flag nopromisc bcqueuelen 1',
];

for (const words of ADD) {
  test(`link add link d0 name m0 ${words}`, (t) => {
    assertSameRequests(t, `ip link add link d0 name m0 ${words}`, undefined, NEWLINK);
  });
}

const SET: readonly [string, string][] = [
  ['macvlan mode source', 'macvlan macaddr add 00:11:22:33:44:55'],
  ['macvlan mode source', 'macvlan macaddr del 00:11:22:33:44:55'],
  ['macvlan mode source', 'macvlan macaddr flush'],
  ['macvlan mode source', 'macvlan macaddr set 00:11:22:33:44:55 00:aa:bb:cc:dd:ee'],
  ['macvlan mode source', 'macvlan macaddr set 00:11:22:33:44:55 mode source'],
  ['macvlan mode bridge', 'macvlan mode vepa'],
  ['macvlan mode bridge', 'macvlan bcqueuelen 100'],
  ['macvlan mode bridge', 'macvlan nodst'],
  ['macvtap mode bridge', 'macvtap mode private flag null'],
];

for (const [made, change] of SET) {
  test(`link set m0 type ${change}`, (t) => {
    assertSameRequests(t, `ip link set m0 type ${change}`, undefined, {
      setup: `${VETH}; ip link add link d0 name m0 type ${made}`, types: ['RTM_NEWLINK'], dropProbe: true,
    });
  });
}
