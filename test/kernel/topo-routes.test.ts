// Routes and rules a topology adds carry TOPO_PROTOCOL: a route or rule taken out of the document
// is deleted by the next apply (a hand-made one beside it is not), and destroy removes the root
// namespace's routes and rules of the document (a route on the root's lo does not go with any
// device), leaving hand-made ones.
import test from 'ava';
import { IpRoute } from '../../src/index.js';
import { TOPO_PROTOCOL, Topology, formatChange } from '../../src/topo/index.js';
import { assertSandboxed, freshNetns, ipJson, run, tryRun, uniq } from './_util.js';

test.before(() => assertSandboxed());

const ROUTES = (p: string): string[] => [
  '  - { dst: 10.98.0.0/24, dev: lo }',
  '  - { dst: 10.97.0.0/24, via: 10.8.0.2 }',
  `  - { netns: ${p}a, dst: default, via: 10.8.0.1 }`,
  `  - { netns: ${p}a, dst: 10.96.0.0/24, via: 10.8.0.1 }`,
];
const RULES = (p: string): string[] => [
  '  - { from: 10.8.0.0/24, table: 100, priority: 1000 }',
  `  - { netns: ${p}a, to: 10.95.0.0/24, table: 100, priority: 1001 }`,
];
function doc(p: string, routes: string[], rules: string[]): string {
  return [
    `name: ${p}`,
    `namespaces: [{ name: ${p}a }]`,
    'links:',
    `  - { name: v0, kind: veth, up: true, addresses: [10.8.0.1/24], peer: { name: eth0, netns: ${p}a, up: true, addresses: [10.8.0.2/24] } }`,
    ...(routes.length ? ['routes:', ...routes] : []),
    ...(rules.length ? ['rules:', ...rules] : []),
  ].join('\n');
}

interface RouteJson { dst: string; gateway?: string; protocol?: string }
interface RuleJson { priority: number; protocol?: string }

test.serial('routes and rules: marked, deleted when they leave the document, removed by destroy', async (t) => {
  const root = freshNetns('trr');
  const p = uniq('tr');
  const ns = `${p}a`;
  try {
    run('ip', ['-n', root.name, 'link', 'set', 'lo', 'up']);
    await using ip = await IpRoute.open({ netns: root.name });
    const full = Topology.parse(doc(p, ROUTES(p), RULES(p)));
    await full.apply(ip);
    const mark = String(TOPO_PROTOCOL);
    const rootRoutes = (): RouteJson[] => ipJson<RouteJson[]>('-n', root.name, 'route', 'show');
    t.deepEqual(rootRoutes().filter((r) => r.protocol === mark).map((r) => r.dst).sort(), ['10.97.0.0/24', '10.98.0.0/24']);
    t.deepEqual(ipJson<RuleJson[]>('-n', ns, 'rule', 'show').filter((r) => r.protocol === mark).map((r) => r.priority), [1001]);
    t.deepEqual(await full.plan(ip), []);

    // Hand-made routes and rules beside the lab's.
    run('ip', ['-n', ns, 'route', 'add', '10.94.0.0/24', 'via', '10.8.0.1']);
    run('ip', ['-n', root.name, 'route', 'add', '10.93.0.0/24', 'dev', 'lo']);
    run('ip', ['-n', root.name, 'rule', 'add', 'from', '10.9.0.0/24', 'table', '100', 'priority', '900']);
    t.deepEqual(await full.plan(ip), []);

    // Out of the document: the namespace's second route and rule, the root's route through v0.
    const fewer = Topology.parse(doc(p, [ROUTES(p)[0]!, ROUTES(p)[2]!], [RULES(p)[0]!]));
    t.deepEqual((await fewer.plan(ip)).map(formatChange).sort(), [
      '- delete route 10.97.0.0/24 via 10.8.0.2',
      `- delete route 10.96.0.0/24 via 10.8.0.1 in ${ns}`,
      `- delete rule pref 1001 lookup 100 in ${ns}`,
    ].sort());
    await fewer.apply(ip);
    t.deepEqual(await fewer.plan(ip), []);
    t.deepEqual(ipJson<RouteJson[]>('-n', ns, 'route', 'show').filter((r) => r.gateway).map((r) => r.dst).sort(), ['10.94.0.0/24', 'default']);
    t.deepEqual(ipJson<RuleJson[]>('-n', ns, 'rule', 'show').filter((r) => r.protocol === mark), []);

    // A gateway changed in the document: the old route goes first, the new one is added.
    const moved = Topology.parse(doc(p, [ROUTES(p)[0]!, `  - { netns: ${ns}, dst: default, via: 10.8.0.3 }`], [RULES(p)[0]!]));
    const move = await moved.plan(ip);
    t.deepEqual(move.map(formatChange).sort(), [`+ create route default via 10.8.0.3 in ${ns}`, `- delete route default via 10.8.0.1 in ${ns}`]);
    t.true(move.find((c) => c.op === 'delete')!.phase < move.find((c) => c.op === 'create')!.phase, 'the delete runs first');

    // Destroy: the root's lo route and rule go; the hand-made ones stay.
    const gone = (await fewer.destroy(ip)).map(formatChange);
    t.true(gone.includes('- delete route 10.98.0.0/24') && gone.includes('- delete rule pref 1000 lookup 100'), gone.join('\n'));
    t.deepEqual(rootRoutes().map((r) => r.dst), ['10.93.0.0/24']);
    t.deepEqual(ipJson<RuleJson[]>('-n', root.name, 'rule', 'show').map((r) => r.priority), [0, 900, 32766, 32767]);
  } finally {
    tryRun('ip', ['netns', 'del', ns]);
    root.del();
  }
});
