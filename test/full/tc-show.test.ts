/**
 * `rtnl-ts tc filter show|get` and `rtnl-ts tc actions ls|get` on the full kernel (UML 6.1), for
 * what this machine's kernel lacks: matchall and flower filters, gact (with random), police
 * (conform-exceed, peakrate) and skbedit (priority, mark/mask) actions, made by tc. Every show line
 * runs in one -batch per option set (-s, -j, -j -s, -d), each tool once: the same stdout, stderr
 * and status, action ages ("installed N sec") left out.
 */
import test from 'ava';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { exec, runCli, withoutAges } from '../kernel/cli-helpers.js';
import { freshNetns, modprobe } from './_util.js';

const SETUP = [
  'qdisc add dev d0 clsact',
  'filter add dev d0 ingress pref 1 matchall action gact drop',
  'filter add dev d0 ingress pref 2 handle 5 matchall skip_hw classid 1:2 action mirred egress mirror dev ifb0 action gact pass index 4',
  'filter add dev d0 ingress pref 3 matchall action police rate 1mbit burst 10k conform-exceed drop/pipe action skbedit priority 1:5 mark 7',
  'filter add dev d0 egress pref 4 protocol ip flower ip_proto tcp src_ip 10.0.0.0/8 dst_ip 192.168.1.1 dst_port 80 src_port 1024 skip_hw classid 1:1 action gact reclassify random determ drop 5',
  'filter add dev d0 egress pref 5 protocol 802.1Q flower vlan_id 100 vlan_prio 3 vlan_ethtype ip dst_mac 02:00:00:00:00:01 src_mac 02:00:00:00:00:00/24 action skbedit mark 5/0xff',
  'filter add dev d0 egress pref 6 protocol ipv6 flower ip_proto udp dst_ip fe80::1/64 dst_port 53 ip_tos 0x10/0xf0 ip_flags frag/nofirstfrag action police rate 10mbit burst 100k mtu 2k peakrate 20mbit conform-exceed pass/drop',
  'filter add dev d0 egress pref 7 protocol ip flower ip_proto icmp dst_mac 02:00:00:00:00:09/ff:00:00:00:00:ff ip_ttl 64 action gact continue',
  'actions add action gact drop random netrand pass 100 index 20',
  'actions add action police rate 1mbit burst 20k index 21',
  'actions add action skbedit priority 10 index 22',
];

const SHOW = [
  'filter show dev d0 ingress', 'filter show dev d0 egress', 'filter show dev d0 egress pref 5',
  'filter get dev d0 ingress protocol all pref 2 handle 5 matchall', 'filter get dev d0 egress protocol ip pref 4 handle 1 flower',
  'actions ls action gact', 'actions ls action police', 'actions ls action skbedit', 'actions ls action mirred',
  'actions get action gact index 20', 'actions get action police index 21',
];

test('matchall, flower and the gact, police, skbedit and mirred actions print as tc prints them', (t) => {
  modprobe('cls_matchall', 'cls_flower', 'act_gact', 'act_police', 'act_skbedit', 'act_mirred', 'ifb');
  const ns = freshNetns(t, 'tcs');
  ns.ip('link', 'add', 'd0', 'type', 'veth', 'peer', 'name', 'd1');
  ns.ip('link', 'add', 'ifb0', 'type', 'ifb');
  for (const l of SETUP) ns.tc(...l.split(' '));
  const dir = mkdtempSync(path.join(tmpdir(), 'tcshow'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'show');
  writeFileSync(file, `${SHOW.join('\n')}\n`);
  for (const opts of [[], ['-s'], ['-j'], ['-j', '-s'], ['-d']]) {
    const x = exec('tc', ['-n', ns.name, ...opts, '-batch', file]);
    const y = runCli('tc', '-n', ns.name, ...opts, '-batch', file);
    t.is(withoutAges(y.stdout), withoutAges(x.stdout), `stdout of tc ${opts.join(' ')} -batch`);
    t.is(y.stderr, x.stderr, `stderr of tc ${opts.join(' ')} -batch`);
    t.is(y.status, x.status, `status of tc ${opts.join(' ')} -batch`);
    t.true(x.stdout.length > 1000, 'tc printed the filters and actions');
  }
});

test('the same filters and actions made by rtnl-ts tc (one -batch) read the same in tc as tc\'s own', (t) => {
  modprobe('cls_matchall', 'cls_flower', 'act_gact', 'act_police', 'act_skbedit', 'act_mirred', 'ifb');
  const a = freshNetns(t, 'tca');
  const b = freshNetns(t, 'tcb');
  for (const n of [a, b]) {
    n.ip('link', 'add', 'd0', 'type', 'veth', 'peer', 'name', 'd1');
    n.ip('link', 'add', 'ifb0', 'type', 'ifb');
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'tcmake'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'make');
  writeFileSync(file, `${SETUP.join('\n')}\n`);
  const x = exec('tc', ['-n', a.name, '-batch', file]);
  const y = runCli('tc', '-n', b.name, '-batch', file);
  t.is(y.stderr, x.stderr);
  t.is(y.status, x.status);
  t.is(x.status, 0, x.stderr);
  for (const args of [['-s', 'filter', 'show', 'dev', 'd0', 'ingress'], ['-s', 'filter', 'show', 'dev', 'd0', 'egress'],
    ['-s', 'actions', 'ls', 'action', 'gact'], ['-s', 'actions', 'ls', 'action', 'police'], ['-s', 'actions', 'ls', 'action', 'skbedit']]) {
    t.is(withoutAges(b.tc(...args)), withoutAges(a.tc(...args)), `tc ${args.join(' ')}`);
  }
});
