/**
 * ip rule and ip nexthop on the full 6.1 kernel, where this machine's kernel lacks vrf and dummy:
 * l3mdev rules, nexthops on a VRF's port (`nexthop show vrf` / `master`), and the 6.1 kernel's
 * own dumps (older than this machine's: no NHA_OP_FLAGS), each command run by both tools and
 * compared byte for byte, text and JSON. One namespace for the file (each process costs ~2 s).
 */
import test from 'ava';
import { BIN } from '../kernel/cli-helpers.js';
import { run, tryRun } from './_util.js';

const NS = `rulnh${process.pid % 10000}`;

const both = (args: string): { ip: ReturnType<typeof tryRun>; cli: ReturnType<typeof tryRun> } => ({
  ip: tryRun('ip', ['-n', NS, ...args.split(' ')]),
  cli: tryRun(process.execPath, [BIN, '-n', NS, ...args.split(' ')]),
});

test.before(() => {
  run('ip', ['netns', 'add', NS]);
  run('ip', ['netns', 'exec', NS, 'sh', '-ec', `
ip link set lo up
ip link add d0 type dummy; ip link set d0 up; ip addr add 10.0.0.1/24 dev d0
ip link add vrf0 type vrf table 10; ip link set vrf0 up
ip link add d1 type dummy; ip link set d1 master vrf0; ip link set d1 up; ip addr add 10.1.0.1/24 dev d1
ip nexthop add id 1 via 10.0.0.2 dev d0
ip nexthop add id 2 via 10.1.0.2 dev d1
ip nexthop add id 3 group 1/2,2
ip rule add l3mdev pref 1000
ip rule add fwmark 5 table 5 pref 5`]);
});
test.after.always(() => {
  tryRun('ip', ['netns', 'del', NS]);
});

test('rtnl-ts makes rules, nexthops and nhid routes there; both tools print the same', (t) => {
  for (const cmd of ['nexthop add id 4 via 10.0.0.4 dev d0 protocol static', 'rule add iif vrf0 table 10 pref 20', 'route add 10.5.0.0/16 nhid 4']) {
    const r = tryRun(process.execPath, [BIN, '-n', NS, ...cmd.split(' ')]);
    t.is(r.status, 0, `${cmd}: ${r.stderr}`);
  }
  for (const cmd of ['rule', '-j rule', '-d rule', 'nexthop', '-j -d nexthop', 'nexthop show vrf vrf0', 'nexthop show master vrf0',
    '-d route', 'nexthop show vrf d0', 'rule add l3mdev table 7']) {
    const { ip, cli } = both(cmd);
    t.is(cli.stdout, ip.stdout, cmd);
    t.is(cli.stderr, ip.stderr, cmd);
    t.is(cli.status, ip.status, cmd);
  }
});
