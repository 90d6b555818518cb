/**
 * `route flush`, `neigh flush` and IPv6 multipath routes beside iproute2 6.1 (issue 22): the
 * same setup in two fresh namespaces, the command through ip in one and rtnl-ts in the other;
 * stdout, stderr, status and the routes and neighbours left behind must be the same.
 */
import test from 'ava';
import { BIN, exec, type Ran } from './cli-helpers.js';
import { assertSandboxed, run, tryRun, uniq } from './_util.js';

test.before(() => assertSandboxed());

// No link-locals (addrgenmode none): their fe80 routes come when DAD ends, 1-2 s after up, so a
// twin read later than the other would count more routes in a flush of table all.
const BASE = [
  'link add v0 type veth peer name v1', 'link set v0 addrgenmode none', 'link set v1 addrgenmode none', 'link set v0 up', 'link set v1 up',
  'addr add 10.0.0.1/24 dev v0', 'addr add 2001:db8::1/64 dev v0 nodad',
  'route add 10.9.0.0/16 via 10.0.0.2 table 100', 'route add 10.8.0.0/16 via 10.0.0.2 table 100',
  'route add 10.7.0.0/16 via 10.0.0.2', 'route add 2001:db8:7::/48 via 2001:db8::2 table 100',
  'neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev v0', 'neigh add 10.0.0.6 lladdr 02:00:00:00:00:06 dev v0 nud stale',
  'neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev v0 nud reachable', 'neigh add 2001:db8::5 lladdr 02:00:00:00:00:08 dev v0 nud stale',
];
const MULTIPATH6 = 'route add 2001:db8:9::/48 nexthop via 2001:db8::2 dev v0 nexthop via 2001:db8::3 dev v0';

/** Routes and neighbours of a namespace, sorted, without what autoconfiguration adds. */
function state(ns: string): string {
  const lines = [
    ['route', 'show', 'table', 'all'], ['-6', 'route', 'show', 'table', 'all'], ['neigh', 'show'], ['-6', 'neigh', 'show', 'nud', 'all'],
  ].flatMap((a) => exec('ip', ['-n', ns, ...a]).stdout.split('\n'));
  return lines.filter((l) => l && !/ff02::|33:33:|fe80::|ff00::/.test(l)).sort().join('\n');
}

/**
 * Output with each run of entry lines sorted: two namespaces built alike list neighbours (a
 * hash table) and link-local routes (whichever device came up first) in their own orders. The
 * round and summary lines keep their places.
 */
function entriesSorted(text: string): string {
  try {
    const list = JSON.parse(text) as unknown[];
    if (Array.isArray(list)) return list.map((e) => JSON.stringify(e)).sort().join('\n');
  } catch { /* text */ }
  const out: string[] = [];
  let run: string[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('***') || line.startsWith('[') || line.startsWith('{')) {
      out.push(...run.sort(), line);
      run = [];
    } else {
      run.push(line);
    }
  }
  return [...out, ...run.sort()].join('\n');
}

function twin(t: import('ava').ExecutionContext, setup: string[], args: string[]): void {
  const a = uniq('fa');
  const b = uniq('fb');
  try {
    for (const ns of [a, b]) {
      run('ip', ['netns', 'add', ns]);
      run('ip', ['-n', ns, '-batch', '-'], setup.join('\n') + '\n');
    }
    const ip: Ran = exec('ip', ['-n', a, ...args]);
    const cli: Ran = exec(process.execPath, [BIN, '-n', b, ...args]);
    const norm = (r: Ran): Ran => ({ ...r, stdout: entriesSorted(r.stdout), stderr: r.stderr.replaceAll('rtnl-ts', 'ip') });
    t.deepEqual(norm(cli), norm(ip), args.join(' '));
    t.is(state(b), state(a), `state after ${args.join(' ')}`);
  } finally {
    tryRun('ip', ['netns', 'del', a]);
    tryRun('ip', ['netns', 'del', b]);
  }
}

const CASES: [string[], string[]][] = [
  [BASE, ['route', 'flush', 'table', '100']],
  [BASE, ['-s', 'route', 'flush', 'table', '100']],
  [BASE, ['-s', '-s', 'route', 'flush', 'table', '100']],
  [BASE, ['-6', '-s', '-s', 'route', 'flush', 'table', '100']],
  [BASE, ['route', 'flush', 'table', '101']],
  [BASE, ['-s', 'route', 'flush', 'table', '101']],
  [BASE, ['-6', 'route', 'flush', 'table', '101']],
  [BASE, ['route', 'show', 'table', '101']],
  [BASE, ['-j', 'route', 'show', 'table', '101']],
  [BASE, ['-j', '-p', 'route', 'show', 'table', '101']],
  [BASE, ['-s', 'route', 'flush', 'table', 'all']],
  [BASE, ['-s', '-s', 'route', 'flush', '10.7.0.0/16']],
  [BASE, ['route', 'flush']],
  [BASE, ['neigh', 'flush', 'all']],
  [BASE, ['-s', 'neigh', 'flush', 'all']],
  [BASE, ['-s', '-s', 'neigh', 'flush', 'all']],
  [BASE, ['-4', 'neigh', 'flush', 'all']],
  [BASE, ['-6', 'neigh', 'flush', 'all']],
  [BASE, ['neigh', 'flush', 'any']],
  [BASE, ['neigh', 'flush', 'to', 'default']],
  [BASE, ['-s', '-s', 'neigh', 'flush', 'all', 'nud', 'all']],
  [BASE, ['-s', 'neigh', 'flush', 'dev', 'v0']],
  [BASE, ['neigh', 'show', 'all']],
  [BASE, ['-6', 'route', 'add', '2001:db8:9::/48', 'nexthop', 'via', '2001:db8::2', 'dev', 'v0', 'nexthop', 'via', '2001:db8::3', 'dev', 'v0']],
  [BASE, ['-6', 'route', 'add', '2001:db8:9::/48', 'nexthop', 'via', '2001:db8::2', 'dev', 'v0', 'weight', '2', 'nexthop', 'via', '2001:db8::3', 'dev', 'v0', 'weight', '3']],
  [[...BASE, MULTIPATH6], ['-6', 'route', 'show']],
  [[...BASE, MULTIPATH6], ['-j', '-6', 'route', 'show']],
  [[...BASE, MULTIPATH6], ['-6', 'route', 'get', '2001:db8:9::1']],
  [[...BASE, MULTIPATH6], ['-6', 'route', 'append', '2001:db8:9::/48', 'nexthop', 'via', '2001:db8::4', 'dev', 'v0']],
  [[...BASE, MULTIPATH6], ['-6', 'route', 'replace', '2001:db8:9::/48', 'nexthop', 'via', '2001:db8::4', 'dev', 'v0', 'nexthop', 'via', '2001:db8::2', 'dev', 'v0']],
  [[...BASE, MULTIPATH6], ['-6', 'route', 'del', '2001:db8:9::/48', 'nexthop', 'via', '2001:db8::2', 'dev', 'v0']],
  [[...BASE, MULTIPATH6], ['-6', 'route', 'del', '2001:db8:9::/48']],
  [[...BASE, MULTIPATH6], ['-6', '-s', 'route', 'flush', '2001:db8:9::/48']],
];

for (const [setup, args] of CASES) test(`ip ${args.join(' ')}`, (t) => twin(t, setup, args));
