/**
 * The seed tutorial (../shared/seed-tutorial.md), parts 1 to 3, through the `rtnl-ts` command,
 * in the sandbox. The tutorial's "host" is a namespace of its own (entered with nsenter) so the
 * kernel names veth0, veth1... as the tutorial says whatever else the sandbox holds; ns0..ns2 are
 * real /run/netns names. Pings go only to addresses inside these namespaces. The tutorial's slip
 * (`link set dev veth1 master docker0` after veth1 moved away) must fail like ip and change
 * nothing.
 */
import test from 'ava';
import { chmodSync, existsSync, lstatSync, mkdtempSync, readdirSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { assertSandboxed, run, tryRun, untilRunning, waitUntil } from './_util.js';
import { BIN, exec, normalizeTimers, type Ran } from './cli-helpers.js';

const HOST = 'seedhost';
const bin = mkdtempSync(path.join(tmpdir(), 'seed-bin-'));
const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` };

test.before(() => {
  assertSandboxed();
  // `rtnl-ts` on the PATH, as the tutorial types it (also inside `netns exec`).
  writeFileSync(path.join(bin, 'rtnl-ts'), `#!/bin/sh\nexec ${process.execPath} ${BIN} "$@"\n`);
  chmodSync(path.join(bin, 'rtnl-ts'), 0o755);
  for (const n of [HOST, 'ns0', 'ns1', 'ns2', 'symns']) tryRun('ip', ['netns', 'del', n]);
  run('ip', ['netns', 'add', HOST]);
  run('ip', ['-n', HOST, 'link', 'set', 'lo', 'up']);
});

test.after.always(() => {
  for (const n of [HOST, 'ns0', 'ns1', 'ns2', 'symns']) tryRun('ip', ['netns', 'del', n]);
});

/** Run a tutorial line (`rtnl-ts ...` or another program) in the tutorial's host namespace. */
function host(line: string): Ran {
  const words = line.split(/\s+/).filter(Boolean);
  return exec('nsenter', [`--net=/run/netns/${HOST}`, ...words], undefined, env);
}

/** Run a line that must succeed; returns its stdout. */
function ok(t: { is: (a: unknown, b: unknown, m?: string) => void }, line: string): string {
  const r = host(line);
  t.is(r.status, 0, `${line}\n${r.stderr}`);
  return r.stdout;
}

const links = (ns?: string): string[] => {
  const args = ns ? ['-n', ns, '-j', 'link'] : ['-j', 'link'];
  const r = ns ? exec('ip', args) : host(`ip ${args.join(' ')}`);
  return (JSON.parse(r.stdout) as { ifname: string }[]).map((l) => l.ifname);
};

test.serial('part 1: one namespace', (t) => {
  const help = host('rtnl-ts netns help');
  t.is(help.status, 255);
  for (const usage of ['netns list', 'netns add NAME', 'netns set NAME NETNSID', '[-all] netns delete [NAME]',
    'netns identify [PID]', 'netns pids NAME', '[-all] netns exec [NAME] cmd ...', 'netns monitor', 'netns list-id']) {
    t.true(help.stderr.includes(`rtnl-ts ${usage}`), usage);
  }
  ok(t, 'rtnl-ts netns add ns0');
  t.true(ok(t, 'rtnl-ts netns list').split('\n').includes('ns0'));
  t.is(host('rtnl-ts netns list').stdout, host('ip netns list').stdout);
  t.true(readdirSync('/var/run/netns').includes('ns0'));

  const inside = ok(t, 'rtnl-ts netns exec ns0 ip addr');
  t.regex(inside, /^1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN /);
  t.notRegex(inside, /inet/);
  t.is(inside.match(/^\d+: /gm)?.length, 1, 'only lo');

  ok(t, 'rtnl-ts netns exec ns0 rtnl-ts link set lo up');
  const addr = ok(t, 'rtnl-ts -n ns0 addr');
  t.is(addr, exec('ip', ['-n', 'ns0', 'addr']).stdout);
  t.regex(addr, /lo: <LOOPBACK,UP,LOWER_UP>/);
  t.regex(addr, /inet 127\.0\.0\.1\/8 scope host lo/);
  t.regex(addr, /inet6 ::1\/128 scope host/);
  t.is(ok(t, 'rtnl-ts netns exec ns0 rtnl-ts link show lo'), ok(t, 'rtnl-ts -n ns0 link show lo'));

  // A namespace not made by `netns add`: a symlink to its nsfs file in /var/run/netns.
  const holder = spawn('unshare', ['--net', 'sleep', '60'], { stdio: 'ignore' });
  try {
    // unshare(1) enters its new namespace and execs sleep in the same process: wait for it.
    const nsfile = `/proc/${holder.pid!}/ns/net`;
    const own = readlinkSync('/proc/self/ns/net');
    waitUntil('unshare to enter its namespace', () => readlinkSync(nsfile) !== own);
    t.not(readlinkSync(nsfile), own);
    symlinkSync(nsfile, '/var/run/netns/symns');
    t.true(lstatSync('/var/run/netns/symns').isSymbolicLink());
    ok(t, 'rtnl-ts -n symns link set lo up');
    t.regex(ok(t, 'rtnl-ts -n symns link show lo'), /<LOOPBACK,UP,LOWER_UP>/);
    ok(t, 'rtnl-ts netns delete symns');
    t.false(existsSync('/var/run/netns/symns'));
  } finally {
    holder.kill('SIGKILL');
  }
});

test.serial('part 2: two namespaces joined by a veth pair', (t) => {
  ok(t, 'rtnl-ts link add type veth');
  t.true(links().includes('veth0') && links().includes('veth1'), 'the kernel named the pair veth0 / veth1');
  ok(t, 'rtnl-ts link add veth001 type veth peer name veth002');
  t.regex(ok(t, 'rtnl-ts link show veth001'), /^\d+: veth001@veth002: /);
  ok(t, 'rtnl-ts netns add ns1');
  ok(t, 'rtnl-ts link set veth0 netns ns0');
  ok(t, 'rtnl-ts link set veth1 netns ns1');
  ok(t, 'rtnl-ts -n ns0 addr add 192.168.1.1/24 dev veth0');
  ok(t, 'rtnl-ts -n ns0 link set veth0 up');
  ok(t, 'rtnl-ts -n ns1 addr add 192.168.1.2/24 dev veth1');
  ok(t, 'rtnl-ts -n ns1 link set veth1 up');
  // The link-local comes with the carrier (linkwatch, after up) and is tentative until DAD ends
  // (1-2 s): both tools read it once it has settled.
  const v6 = (): string => exec('ip', ['-n', 'ns0', '-6', 'addr', 'show', 'dev', 'veth0']).stdout;
  waitUntil('veth0\'s link-local past DAD', () => { const a = v6(); return /scope link/.test(a) && !/tentative/.test(a); }, 10_000);
  t.is(ok(t, 'rtnl-ts -n ns0 addr show dev veth0'), exec('ip', ['-n', 'ns0', 'addr', 'show', 'dev', 'veth0']).stdout);
  t.regex(ok(t, 'rtnl-ts -n ns0 link show veth0'), /veth0@if\d+: .* link-netns ns1/s);
  const ping = host('rtnl-ts netns exec ns0 ping -c1 -W2 192.168.1.2');
  t.is(ping.status, 0, ping.stdout + ping.stderr);
  t.regex(ping.stdout, /1 received/);
  // Deleting one end of a veth pair deletes both.
  ok(t, 'rtnl-ts link del veth001');
  const gone = host('rtnl-ts link show dev veth002');
  t.is(gone.status, 1);
  t.is(gone.stderr, 'Device "veth002" does not exist.\n');
});

test.serial('part 3: three namespaces on a bridge, and the slip', (t) => {
  ok(t, 'rtnl-ts netns delete ns0');
  ok(t, 'rtnl-ts netns delete ns1');
  t.false(existsSync('/var/run/netns/ns0') || existsSync('/var/run/netns/ns1'));
  for (const n of ['ns0', 'ns1', 'ns2']) ok(t, `rtnl-ts netns add ${n}`);
  for (let i = 0; i < 3; i++) ok(t, 'rtnl-ts link add type veth');
  for (const v of ['veth0', 'veth1', 'veth2', 'veth3', 'veth4', 'veth5']) t.true(links().includes(v), v);
  ok(t, 'rtnl-ts link add docker0 type bridge');
  ok(t, 'rtnl-ts link set dev docker0 up');
  ok(t, 'rtnl-ts addr add 172.17.0.1/16 dev docker0');
  for (let i = 0; i < 3; i++) {
    const h = `veth${2 * i}`;
    const c = `veth${2 * i + 1}`;
    ok(t, `rtnl-ts link set dev ${c} netns ns${i}`);
    ok(t, `rtnl-ts -n ns${i} link set dev ${c} name eth0`);
    ok(t, `rtnl-ts -n ns${i} addr add 172.17.0.10${i + 1}/16 dev eth0`);
    ok(t, `rtnl-ts -n ns${i} link set dev eth0 up`);
    ok(t, `rtnl-ts link set dev ${h} master docker0`);
    ok(t, `rtnl-ts link set dev ${h} up`);
  }

  // The tutorial's slip: veth1 is in ns0 (and renamed) by now.
  // IPv6 duplicate address detection finishes on its own time: its "tentative" mark is not a change.
  const snap = (): string => normalizeTimers(host('ip -d -j link show').stdout + host('ip -j addr show').stdout).replace(/"tentative":true,/g, '');
  untilRunning(['docker0', 'veth0', 'veth2', 'veth4'], HOST); // carriers and link-locals come from linkwatch
  const before = snap();
  const slip = host('rtnl-ts link set dev veth1 master docker0');
  t.is(slip.status, 1);
  t.is(slip.stderr, 'Cannot find device "veth1"\n');
  t.is(slip.stdout, '');
  t.is(snap(), before, 'nothing changed');
  const ipSlip = host('ip link set dev veth1 master docker0');
  t.is(slip.stderr, ipSlip.stderr);
  t.is(slip.status, ipSlip.status);

  const ports = ok(t, 'rtnl-ts link show master docker0');
  t.is(ports, host('ip link show master docker0').stdout);
  t.deepEqual(ports.match(/^\d+: (veth\d)@/gm)?.map((l) => l.replace(/^\d+: /, '').replace('@', '')), ['veth0', 'veth2', 'veth4']);
  for (const target of ['172.17.0.1', '172.17.0.102', '172.17.0.103']) {
    const ping = host(`rtnl-ts netns exec ns0 ping -c1 -W2 ${target}`);
    t.is(ping.status, 0, `${target}: ${ping.stdout}${ping.stderr}`);
  }
  t.is(ok(t, 'rtnl-ts -n ns1 addr show dev eth0'), exec('ip', ['-n', 'ns1', 'addr', 'show', 'dev', 'eth0']).stdout);
});
