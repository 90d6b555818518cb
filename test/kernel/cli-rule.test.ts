/**
 * `rtnl-ts rule` against `ip rule`, in the sandbox: a namespace gets IPv4 and IPv6 rules of
 * every kind iproute2 6.1 can make (selectors, actions, goto, nat, l3mdev, realms, ranges,
 * suppressors, protocols); each show command is run by both tools (-n NS) and must print the same
 * bytes, text and JSON. The same add/del/flush lines through each tool in twin namespaces must
 * leave the same rules; bad input fails with ip's words and status and changes nothing; the
 * requests are ip's, byte for byte; the library's rules read back through `ip -j` and ip's through
 * the library; iproute2's testsuite case tests/ip/rule/dsfield.t and the kernel selftest
 * rtnetlink.sh's kci_test_polrouting pass with rtnl-ts as `ip`; table names are read from
 * /etc/iproute2/rt_tables as ip reads them.
 */
import test from 'ava';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { IpRoute } from '../../src/api/iproute.js';
import { InvalidArgumentError } from '../../src/api/errors.js';
import { renameProgram } from '../../src/cli/usage.js';
import { assertSandboxed, ipJson, run, tryRun, uniq } from './_util.js';
import { asIp, BIN, exec, runCli, runIp, sandwich, type Ran } from './cli-helpers.js';
import { assertSameRequests } from './parity.js';

const NS = uniq('rul');
const A = uniq('rula');
const B = uniq('rulb');

function sh(script: string): void {
  run('bash', ['-ec', script]);
}

/** The rules both tools read. */
const RULES: readonly string[] = [
  'rule add from 10.0.0.0/8 to 192.168.0.0/16 tos 0x10 fwmark 0x5/0xff iif lo oif lo table 100 pref 100 ipproto tcp sport 10-20 dport 80 uidrange 100-200 suppress_prefixlength 8 suppress_ifgroup 5 protocol static',
  'rule add not from 1.2.3.4 goto 100 pref 50',
  'rule add from all lookup main pref 60 blackhole',
  'rule add prohibit pref 61',
  'rule add unreachable pref 62',
  'rule add realms 3/4 table 5 pref 64',
  'rule add realms 7 table 5 pref 66',
  'rule add l3mdev pref 65',
  'rule add fwmark 7 table 7',
  'rule add fwmark 0x10/0 table 8 pref 8',
  'rule add nop pref 70',
  'rule add pref 16 goto 200',
  'rule add pref 17 table 70000 to 10.1.2.3',
  'rule add pref 18 iif veth9 oif dummy9 table local',
  'rule add pref 19 ipproto 250 sport 1000 dport 2000-3000 table default',
  'rule add pref 20 from 10.0.0.0/0 tos 0x04 suppress_ifgroup default table 9 protocol kernel',
  'rule add pref 21 uidrange 0-0 lookup 21 proto 99',
  '-6 rule add not from 2001:db8::/32 to 2001:db8:1::1 pref 200 table 1000 fwmark 3',
  '-6 rule add from 2001:db8:2::/48 iif lo prohibit pref 201',
  '-6 rule add tos 0x10 pref 202 table 7 sport 53 ipproto udp',
];

test.before(() => {
  assertSandboxed();
  for (const ns of [NS, A, B]) sh(`ip netns add ${ns}; ip -n ${ns} link set lo up`);
  for (const r of RULES) sh(`ip -n ${NS} ${r} 2>/dev/null`);
});

test.after.always(() => {
  for (const ns of [NS, A, B]) tryRun('ip', ['netns', 'del', ns]);
});

const SHOW: readonly string[] = [
  'rule', 'rule show', 'rule list', 'rule lst', 'ru', 'ru l', '-4 rule', '-6 rule', '-d rule', '-d -6 rule', '-o rule',
  'rule show pref 100', 'rule show priority 50', 'rule show order 60', 'rule show not', 'rule show tos 0x10',
  'rule show dsfield 0x10', 'rule show fwmark 5', 'rule show fwmark 5/0xff', 'rule show fwmark 0x10/0', 'rule show iif lo',
  'rule show dev lo', 'rule show oif dummy9', 'rule show l3mdev', 'rule show uidrange 100-200', 'rule show table 100',
  'rule show lookup main', 'rule show table local', 'rule show table 70000', 'rule show from 10.0.0.0/8',
  'rule show from 10.0.0.0/7', 'rule show from all', 'rule show src 1.2.3.4', 'rule show to 192.168.0.0/16',
  'rule show 10.1.2.3', 'rule show dst 10.1.2.3/32', 'rule show protocol static', 'rule show protocol all',
  'rule show ipproto tcp', 'rule show ipproto 250', 'rule show sport 10-20', 'rule show sport 1000', 'rule show dport 80',
  'rule show dport 2000-3000', 'rule show tun_id 0', 'rule show table 0', '-6 rule show from 2001:db8::/32',
  '-6 rule show not', '-6 rule show tos 0x10', '-6 rule show fwmark 3', '-6 rule show iif lo', '-6 rule show sport 53',
  '-c rule', '-c -6 rule',
];

for (const cmd of SHOW) {
  for (const j of ['', '-j ', '-j -p ']) {
    if (j === '-j -p ' && cmd !== 'rule' && cmd !== '-6 rule') continue;
    if (j && cmd.startsWith('-c ')) continue;
    test(`same output: ${j}${cmd}`, (t) => {
      const { ip, cli } = sandwich(['-n', NS, ...`${j}${cmd}`.split(' ')]);
      t.is(cli.stderr, ip.stderr);
      t.is(cli.status, ip.status);
      if (j) t.deepEqual(JSON.parse(cli.stdout), JSON.parse(ip.stdout));
      t.is(cli.stdout, ip.stdout);
      t.true(ip.stdout.length > 0, 'ip printed something');
    });
  }
}

/** ip -j -d rule of both families: the whole state. */
function rules(ns: string): unknown {
  return { inet: ipJson('-n', ns, '-d', 'rule'), inet6: ipJson('-n', ns, '-d', '-6', 'rule') };
}

/** Each line through ip in A and through rtnl-ts in B: same status, same stderr, then the same rules. */
function twins(t: import('ava').ExecutionContext, lines: readonly string[]): void {
  for (const cmd of lines) {
    const ip = runIp('-n', A, ...cmd.split(' '));
    const cli = runCli('-n', B, ...cmd.split(' '));
    t.is(cli.status, ip.status, cmd);
    t.is(asIp(cli.stderr), ip.stderr, cmd);
    t.deepEqual(rules(B), rules(A), cmd);
  }
}

test.serial('rules made by rtnl-ts read back like those made by ip; del and flush take the same ones', (t) => {
  twins(t, [
    ...RULES,
    'rule add from 10.9.0.0/16 table 9',
    'rule add to 10.9.0.0/16 table 9',
    'rule add from default table 10',
    '-4 rule add from default table 11',
    'rule add from all table 12 pref 12',
    'rule add dsfield 0x10 table 13',
    'rule add tos 10 table 14',
    'rule add from 10.1 table 15',
    'rule add table 16 type blackhole',
    'rule add table 17 goto 5 nop',
    'rule add realms 70000 table 18',
    'rule add sup_pl 0 table 19',
    'rule add order 300 lookup 20 sup_group 3',
    'rule add pri 301 tun_id 9 table 21',
    'rule add from 10.0.0.0/8 map-to 1.2.3.4 pref 302',
    'rule del pref 50',
    'rule del from 10.9.0.0/16 table 9',
    'rule del table 16',
    'rule delete pref 302',
    '-6 rule del pref 202',
    'rule flush table 9',
    'rule flush protocol static',
    'rule flush pref 12',
    '-6 rule flush',
    'rule flush',
  ]);
  // A flush leaves the rules of priority 0 (the kernel numbers a rule added before all others 0).
  t.deepEqual(ipJson<{ priority: number }[]>('-n', B, 'rule').map((r) => r.priority), [0, 0, 0]);
  t.deepEqual(ipJson('-n', B, '-6', 'rule'), [{ priority: 0, src: 'all', table: 'local' }]);
});

/** Bad input: ip's words and status, and nothing changed. */
const ERRORS: readonly string[] = [
  'rule add pref -1 table 5', 'rule add pref x', 'rule add', 'rule del', 'rule frob', 'rule add frob', 'rule add type frob',
  'rule show frob', 'rule add from 1.2.3.4/40', 'rule add to nonsense', '-6 rule add from 10.0.0.0/8',
  'rule add l3mdev table 5', 'rule add tos 0x100', 'rule add dsfield AF99', 'rule add fwmark x', 'rule add fwmark 1/y',
  'rule add realms 1/x', 'rule add protocol frob', 'rule add table frob', 'rule add lookup', 'rule add sup_pl -1',
  'rule add suppress_prefixlength x', 'rule add suppress_ifgroup frob', 'rule add iif a/b', 'rule add oif 0123456789abcdef',
  'rule add uidrange 5', 'rule add ipproto frob', 'rule add sport x', 'rule add dport -', 'rule add goto x', 'rule add nat x',
  'rule add tun_id x', 'rule show pref x', 'rule show tos 0x100', 'rule show table frob', 'rule show protocol frob',
  'rule show fwmark x', 'rule show iif a/b', 'rule show uidrange 1', 'rule show sport x', 'rule show dport x',
  'rule show ipproto frob', '-6 rule show from 10.0.0.0/8', 'rule help', 'rule add help', 'rule del pref 12345',
  'rule add dsfield AF11 table 5', 'rule add goto 1 pref 10', 'rule add pref 10 goto',
  'rule save', 'rule restore', 'rule add tos',
];

for (const cmd of ERRORS) {
  test(`same error: ${cmd}`, (t) => {
    const before = rules(NS);
    const ip = runIp('-n', NS, ...cmd.split(' '));
    const afterIp = rules(NS);
    const cli = runCli('-n', NS, ...cmd.split(' '));
    t.deepEqual(rules(NS), before, 'rtnl-ts changed nothing');
    if (cmd === 'rule save' || cmd === 'rule restore') {
      // Binary dumps to a pipe: rtnl-ts says it does not do them.
      t.is(cli.status, 1);
      t.regex(cli.stderr, /not supported by rtnl-ts/);
      return;
    }
    t.deepEqual(afterIp, before, 'ip changed nothing');
    t.not(ip.status, 0);
    t.is(cli.status, ip.status);
    t.is(asIp(cli.stderr), asIp(renameProgram(ip.stderr)));
    t.is(cli.stdout, ip.stdout);
  });
}

/** Request parity: ip's RTM_NEWRULE / RTM_DELRULE and rtnl-ts's are the same bytes. */
const PARITY: readonly string[] = [
  ...RULES.map((r) => `ip ${r}`),
  'ip rule add from all table 12 pref 12',
  'ip rule add from default table 10',
  'ip -4 rule add from default table 11',
  'ip -6 rule add from any table 11',
  'ip rule add from 10.0.0.0/8 map-to 1.2.3.4 pref 302',
  'ip rule add pri 301 tun_id 9 table 21',
  'ip rule add table 17 goto 5 nop',
  'ip rule add blackhole goto 5',
  'ip rule add nat 1.2.3.4 prohibit',
  'ip rule add type unicast table 3',
  'ip rule add b table 3',
  'ip rule add dsfield AF11 table 5',
  'ip rule del pref 100',
  'ip rule del fwmark 1 lookup 100',
  'ip rule del from 10.0.0.0/8 table 5 not',
  'ip -6 rule del from 2001:db8::/32 pref 7',
];

for (const line of PARITY) {
  test(`same request: ${line}`, (t) => {
    const type = line.includes(' del') ? 'RTM_DELRULE' : 'RTM_NEWRULE';
    assertSameRequests(t, line, undefined, { types: [type] });
  });
}

test('same requests: rule flush sends back each rule with a priority as the kernel described it', (t) => {
  assertSameRequests(t, 'ip rule flush', undefined, {
    setup: 'ip rule add fwmark 1 table 5 pref 5; ip rule add from 10.0.0.0/8 goto 5 pref 3 protocol static',
    types: ['RTM_GETRULE', 'RTM_DELRULE'],
  });
  assertSameRequests(t, 'ip -6 rule flush protocol static', undefined, {
    setup: 'ip -6 rule add fwmark 1 table 5 pref 5 protocol static; ip -6 rule add from 2001:db8::/32 table 6 pref 6',
    types: ['RTM_GETRULE', 'RTM_DELRULE'],
  });
});

test.serial('the library: rules it adds read back through ip -j; ip\'s read back through it', async (t) => {
  const ns = uniq('rull');
  sh(`ip netns add ${ns}`);
  try {
    const ip = await IpRoute.open({ netns: ns });
    try {
      await ip.rule.add({ priority: 100, from: '10.0.0.0/8', fwmark: 1, fwmask: 0xff, table: 100, protocol: 'static' });
      await ip.rule.add({ family: 'inet6', priority: 200, not: true, to: '2001:db8::/32', action: 'prohibit' });
      await ip.rule.add({ priority: 300, sport: { start: 10, end: 20 }, ipproto: 17, goto: 1000 });
      t.deepEqual(ipJson('-n', ns, 'rule', 'show', 'pref', '100'), [{ priority: 100, src: '10.0.0.0', srclen: 8, fwmark: '0x1', fwmask: '0xff', table: '100', protocol: 'static' }]);
      t.deepEqual(ipJson('-n', ns, '-6', 'rule', 'show', 'pref', '200'), [{ priority: 200, not: null, src: 'all', dst: '2001:db8::', dstlen: 32, action: 'prohibit' }]);
      t.deepEqual(ipJson('-n', ns, 'rule', 'show', 'pref', '300'), [{ priority: 300, src: 'all', ipproto: 'udp', sport_start: 10, sport_end: 20, goto: 1000, unresolved: null }]);
      sh(`ip -n ${ns} rule add iif lo uidrange 5-6 table 7 pref 400 realms 1/2`);
      const [r] = await ip.rule.list({ priority: 400 });
      t.like(r!, { family: 'inet', priority: 400, from: 'all', iif: 'lo', uidrange: { start: 5, end: 6 }, table: '7', action: 'lookup', flow: { from: 1, to: 2 }, protocol: 'unspec' });
      t.deepEqual((await ip.rule.list({ family: 'inet6' })).map((x) => x.priority), [0, 200, 32766]);
      await t.throwsAsync(ip.rule.add({ priority: -1 }), { instanceOf: InvalidArgumentError });
      await t.throwsAsync(ip.rule.add({ priority: 100, fwmark: 1, fwmask: 0xff, from: '10.0.0.0/8', table: 100, protocol: 'static' }), { message: /exists/i });
      await ip.rule.del(r!);
      t.deepEqual(ipJson('-n', ns, 'rule', 'show', 'pref', '400'), []);
      t.is(await ip.rule.flush(), 4, 'priorities 100, 300, 32766 and 32767; the local rule stays');
      t.deepEqual(ipJson('-n', ns, 'rule'), [{ priority: 0, src: 'all', table: 'local' }]);
    } finally {
      ip.close();
    }
  } finally {
    tryRun('ip', ['netns', 'del', ns]);
  }
});

/**
 * iproute2's testsuite case tests/ip/rule/dsfield.t, its steps done here with rtnl-ts as `ip`:
 * for each family and each of the words `dsfield` and `tos`, add a rule with 0x10, show the rules
 * selected by it (exactly one line, with "tos 0x10"), delete it; no step may print to stderr.
 */
test.serial('iproute2 testsuite tests/ip/rule/dsfield.t passes with rtnl-ts as ip', (t) => {
  const ns = uniq('rulds');
  sh(`ip netns add ${ns}`);
  try {
    const step = (...args: string[]): Ran => {
      const r = runCli('-n', ns, ...args);
      t.is(r.stderr, '', args.join(' '));
      t.is(r.status, 0, args.join(' '));
      return r;
    };
    for (const fam of ['-4', '-6']) {
      for (const word of ['dsfield', 'tos']) {
        step(fam, 'rule', 'add', word, '0x10');
        const shown = step(fam, 'rule', 'show', word, '0x10');
        t.regex(shown.stdout, /tos 0x10/);
        t.is(shown.stdout.split('\n').filter((l) => l !== '').length, 1, shown.stdout);
        t.is(shown.stdout.split('\n').length - 1, 1, 'wc -l counts one line');
        step(fam, 'rule', 'del', word, '0x10');
      }
    }
    t.deepEqual(ipJson('-n', ns, 'rule').map((r: { priority: number }) => r.priority), [0, 32766, 32767]);
  } finally {
    tryRun('ip', ['netns', 'del', ns]);
  }
});

/**
 * The kernel selftest tools/testing/selftests/net/rtnetlink.sh, kci_test_polrouting: a rule for
 * fwmark 1 to table 100, a local default route in that table, a dump of every table, then both
 * deleted; each step must succeed. Done here with rtnl-ts as `ip`.
 */
test.serial('kernel selftest rtnetlink.sh kci_test_polrouting passes with rtnl-ts as ip', (t) => {
  const ns = uniq('rulpr');
  sh(`ip netns add ${ns}; ip -n ${ns} link set lo up`);
  try {
    const steps = [
      'rule add fwmark 1 lookup 100',
      'route add local 0.0.0.0/0 dev lo table 100',
      'r s t all',
      'rule del fwmark 1 lookup 100',
      'route del local 0.0.0.0/0 dev lo table 100',
    ];
    for (const s of steps) {
      const r = runCli('-n', ns, ...s.split(' '));
      t.is(r.status, 0, `${s}: ${r.stderr}`);
      if (s === 'r s t all') {
        t.regex(r.stdout, /^local default dev lo table 100 scope host $/m);
        t.is(r.stdout, runIp('-n', ns, ...s.split(' ')).stdout);
      }
    }
    t.deepEqual(ipJson('-n', ns, 'route', 'show', 'table', '100'), []);
    t.deepEqual(ipJson('-n', ns, 'rule').map((r: { priority: number }) => r.priority), [0, 32766, 32767]);
  } finally {
    tryRun('ip', ['netns', 'del', ns]);
  }
});

/** Run a command with `file` bind-mounted over /etc/iproute2/rt_tables, in a mount namespace of its own. */
function withTables(file: string, cmd: string, args: readonly string[]): Ran {
  return exec('unshare', ['--mount', '--propagation', 'private', '--', 'sh', '-c', 'mount --bind "$0" /etc/iproute2/rt_tables && exec "$@"', file, cmd, ...args]);
}

test.serial('table names come from /etc/iproute2/rt_tables, for rules and routes alike', (t) => {
  const ns = uniq('rultb');
  const dir = mkdtempSync(path.join(tmpdir(), 'rt-tables-'));
  const file = path.join(dir, 'rt_tables');
  writeFileSync(file, '255\tlocal\n254\tmain\n253\tdefault\n0\tunspec\n# ours\n100\tvpn\n0x1000 big\n');
  sh(`ip netns add ${ns}; ip -n ${ns} link set lo up`);
  try {
    const both = (args: string): { ip: Ran; cli: Ran } => ({
      ip: withTables(file, 'ip', ['-n', ns, ...args.split(' ')]),
      cli: withTables(file, process.execPath, [BIN, '-n', ns, ...args.split(' ')]),
    });
    for (const add of ['rule add fwmark 1 lookup vpn pref 5', 'rule add fwmark 2 table big pref 6', 'route add 10.0.0.0/8 dev lo table vpn']) {
      const r = withTables(file, process.execPath, [BIN, '-n', ns, ...add.split(' ')]);
      t.is(r.status, 0, `${add}: ${r.stderr}`);
    }
    t.deepEqual(ipJson('-n', ns, 'rule', 'show', 'pref', '6'), [{ priority: 6, src: 'all', fwmark: '0x2', table: '4096' }]);
    for (const cmd of ['rule', '-j rule', 'rule show table vpn', 'rule show lookup big', 'route show table all', 'route show table vpn', '-j route show table vpn']) {
      const { ip, cli } = both(cmd);
      t.is(cli.stdout, ip.stdout, cmd);
      t.is(cli.stderr, ip.stderr, cmd);
      t.is(cli.status, ip.status, cmd);
    }
    t.regex(both('rule').cli.stdout, /^6:\tfrom all fwmark 0x2 lookup big\n/m);
  } finally {
    tryRun('ip', ['netns', 'del', ns]);
    rmSync(dir, { recursive: true, force: true });
  }
});
