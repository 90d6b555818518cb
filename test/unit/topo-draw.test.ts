/**
 * The picture of a topology document: the DOT and the Mermaid flowchart of the seed lab hold every
 * namespace as a box with its devices inside, every address on its device, veth pairs as edges
 * across boxes, ports to their bridge; a device that is down is dashed, and so are its edges.
 * The vxlan overlay draws upper devices on their lower one and the tunnel between the two. The
 * WASM Graphviz renders the DOT (names that need escaping included), and the CLI prints the
 * same through the bundle.
 */
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Topology, parseTopology, pictureOfDocument, pictureToDot, pictureToMermaid, renderDotSvg, drawTopology,
} from '../../src/topo/index.js';

const example = (name: string): string => fileURLToPath(new URL(`../../../examples/${name}`, import.meta.url));
const BIN = fileURLToPath(new URL('../../../bin/rtnl-ts.cjs', import.meta.url));
const seedText = readFileSync(example('seed-lab.yaml'), 'utf8');
const seed = parseTopology(seedText);

interface DotNode { id: string; cluster: string; label: string; attrs: string }
interface DotEdge { a: string; b: string; attrs: string }
/** The DOT this module writes, read back: clusters with their label, nodes (in which cluster), edges. */
function readDot(dot: string): { clusters: Map<string, string>; nodes: Map<string, DotNode>; edges: DotEdge[] } {
  const clusters = new Map<string, string>();
  const nodes = new Map<string, DotNode>();
  const edges: DotEdge[] = [];
  let cluster = '';
  for (const line of dot.split('\n')) {
    let mm: RegExpExecArray | null;
    if ((mm = /^ {2}subgraph "(cluster_\d+)" \{$/.exec(line))) cluster = mm[1]!;
    else if (line === '  }') cluster = '';
    else if ((mm = /^ {4}label=<<b>(.*?)<\/b>>;/.exec(line))) clusters.set(cluster, mm[1]!);
    else if ((mm = /^ {2}"((?:[^"\\]|\\.)*)" -- "((?:[^"\\]|\\.)*)" \[(.*)\];$/.exec(line))) edges.push({ a: mm[1]!, b: mm[2]!, attrs: mm[3]! });
    else if ((mm = /^ +"((?:[^"\\]|\\.)*)" \[(?:label=<(.*?)>, )?(.*)\];$/.exec(line))) nodes.set(mm[1]!, { id: mm[1]!, cluster, label: mm[2] ?? '', attrs: mm[3]! });
  }
  return { clusters, nodes, edges };
}

test('seed lab DOT: every namespace a box, every device in its box with its kind and addresses', (t) => {
  const { clusters, nodes } = readDot(pictureToDot(pictureOfDocument(seed)));
  t.deepEqual([...clusters.values()], ['root namespace', 'netns ns0', 'netns ns1', 'netns ns2']);
  const boxOf = (id: string): string | undefined => clusters.get(nodes.get(id)?.cluster ?? '');
  const want: [string, string, string, string[]][] = [
    ['docker0', 'root namespace', 'bridge', ['172.17.0.1/16']],
    ['veth0', 'root namespace', 'veth', []], ['veth1', 'root namespace', 'veth', []], ['veth2', 'root namespace', 'veth', []],
    ['ns0/eth0', 'netns ns0', 'veth', ['172.17.0.101/16']],
    ['ns1/eth0', 'netns ns1', 'veth', ['172.17.0.102/16']],
    ['ns2/eth0', 'netns ns2', 'veth', ['172.17.0.103/16']],
  ];
  t.deepEqual([...nodes.keys()].sort(), want.map((w) => w[0]).sort());
  for (const [id, box, kind, addrs] of want) {
    t.is(boxOf(id), box, id);
    const lines = nodes.get(id)!.label.split('<br/>');
    t.is(lines[0], `<b>${id.split('/').pop()!}</b>`, id);
    t.regex(lines[1]!, new RegExp(`>${kind}</font>$`), id);
    t.deepEqual(lines.slice(2), addrs, id);
    t.notRegex(nodes.get(id)!.attrs, /dashed/, `${id} is up`);
  }
});

test('seed lab DOT: veth pairs join boxes, ports join the bridge, nothing dashed while all is up', (t) => {
  const { nodes, edges } = readDot(pictureToDot(pictureOfDocument(seed)));
  const veths = edges.filter((e) => /label="veth"/.test(e.attrs));
  t.deepEqual(veths.map((e) => [e.a, e.b]), [['veth0', 'ns0/eth0'], ['veth1', 'ns1/eth0'], ['veth2', 'ns2/eth0']]);
  for (const e of veths) t.not(nodes.get(e.a)!.cluster, nodes.get(e.b)!.cluster, `${e.a} -- ${e.b} crosses boxes`);
  const ports = edges.filter((e) => !/label=/.test(e.attrs));
  t.deepEqual(ports.map((e) => [e.a, e.b]), [['docker0', 'veth0'], ['docker0', 'veth1'], ['docker0', 'veth2']]);
  t.true(edges.every((e) => /style=solid/.test(e.attrs)));
});

test('a device that is down is dashed, and so is every edge that touches it', (t) => {
  // ns1's end of its veth pair down
  const edited = { ...seed, links: seed.links.map((l) => (l.peer?.netns === 'ns1' ? { ...l, peer: { ...l.peer, up: false } } : l)) };
  const { nodes, edges } = readDot(pictureToDot(pictureOfDocument(edited)));
  t.regex(nodes.get('ns1/eth0')!.attrs, /style="rounded,filled,dashed"/);
  t.regex(nodes.get('ns1/eth0')!.label, /veth, down</);
  t.notRegex(nodes.get('ns0/eth0')!.attrs, /dashed/);
  const dashed = edges.filter((e) => /style=dashed/.test(e.attrs)).map((e) => `${e.a} -- ${e.b}`);
  t.deepEqual(dashed, ['veth1 -- ns1/eth0']);
  const mermaid = pictureToMermaid(pictureOfDocument(edited));
  // devices in document order: docker0 d0, veth0 d1, ns0/eth0 d2, veth1 d3, ns1/eth0 d4, ...
  t.regex(mermaid, /^ {4}d4\["<b>eth0<\/b><br\/>veth, down<br\/>172\.17\.0\.102\/16"\]$/m);
  t.regex(mermaid, /^ {2}d3 -\.-\|"veth"\| d4$/m, 'the veth edge to the down end is dotted');
  t.regex(mermaid, /^ {2}d1 ===\|"veth"\| d2$/m, 'the others are not');
  t.regex(mermaid, /^ {2}class d4 down$/m);
});

test('seed lab Mermaid: subgraphs per namespace holding their devices, veth edges across, ports', (t) => {
  const text = pictureToMermaid(pictureOfDocument(seed));
  const lines = text.split('\n');
  t.is(lines[0], 'flowchart LR');
  // subgraph -> the node ids inside it; node id -> its label
  const inside = new Map<string, string[]>();
  const label = new Map<string, string>();
  let sub = '';
  for (const l of lines) {
    const s = /^ {2}subgraph (n\d+)\["(.*)"\]$/.exec(l);
    if (s) { sub = s[2]!; inside.set(sub, []); continue; }
    if (l === '  end') { sub = ''; continue; }
    const n = /^ {4}(d\d+)\["(.*)"\]$/.exec(l);
    if (n) { inside.get(sub)!.push(n[1]!); label.set(n[1]!, n[2]!); }
  }
  t.deepEqual([...inside.keys()], ['root namespace', 'netns ns0', 'netns ns1', 'netns ns2']);
  const names = (sg: string): string[] => inside.get(sg)!.map((id) => label.get(id)!);
  t.deepEqual(names('root namespace'), ['<b>docker0</b><br/>bridge<br/>172.17.0.1/16', '<b>veth0</b><br/>veth', '<b>veth1</b><br/>veth', '<b>veth2</b><br/>veth']);
  for (const i of [0, 1, 2]) t.deepEqual(names(`netns ns${i}`), [`<b>eth0</b><br/>veth<br/>172.17.0.${101 + i}/16`]);
  const id = (sg: string, k = 0): string => inside.get(sg)![k]!;
  for (const i of [0, 1, 2]) {
    t.true(lines.includes(`  ${id('root namespace', i + 1)} ===|"veth"| ${id(`netns ns${i}`)}`), `veth${i} -- ns${i}/eth0`);
    t.true(lines.includes(`  ${id('root namespace')} --- ${id('root namespace', i + 1)}`), `docker0 -- veth${i}`);
  }
  t.false(/^ {2}class /m.test(text), 'nothing down');
});

test('vxlan overlay: upper devices on their lower device, the tunnel between them; no empty root box', (t) => {
  const doc = Topology.load(example('vxlan-overlay.yaml')).doc;
  const { clusters, edges } = readDot(pictureToDot(pictureOfDocument(doc)));
  t.deepEqual([...clusters.values()], ['netns a', 'netns b']);
  t.deepEqual(edges.map((e) => `${e.a} -- ${e.b} ${/label="([^"]*)"/.exec(e.attrs)?.[1] ?? ''}`), [
    'a/under0 -- b/under0 veth', 'a/under0 -- a/vx0 vxlan', 'b/under0 -- b/vx0 vxlan', 'a/vx0 -- b/vx0 vni 100',
  ]);
});

test('routes with a gateway are noted in their namespace', (t) => {
  const { nodes, clusters } = readDot(pictureToDot(pictureOfDocument(Topology.load(example('routed-line.yaml')).doc)));
  const notes = [...nodes.values()].filter((n) => n.id.endsWith('//notes')).map((n) => [clusters.get(n.cluster), n.attrs.replace(/.*label=<(.*)>$/, '$1')]);
  t.deepEqual(notes, [
    ['netns h1', 'route default via 10.0.1.1<br align="left"/>'],
    ['netns r1', 'route 10.0.3.0/24 via 10.0.2.2<br align="left"/>'],
    ['netns r2', 'route 10.0.1.0/24 via 10.0.2.1<br align="left"/>'],
    ['netns h2', 'route default via 10.0.3.1<br align="left"/>'],
  ]);
});

test('the WASM Graphviz renders it: every namespace, device and address is a text of the SVG', async (t) => {
  const svg = await drawTopology(seed, 'svg');
  const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
  for (const s of ['root namespace', 'netns ns0', 'netns ns1', 'netns ns2', 'docker0', 'veth0', 'veth1', 'veth2', 'eth0', '172.17.0.1/16', '172.17.0.101/16', '172.17.0.102/16', '172.17.0.103/16']) {
    t.true(texts.includes(s), s);
  }
  t.is(texts.filter((s) => s === 'eth0').length, 3);
});

test('names that DOT and Mermaid must escape still draw', async (t) => {
  const doc = parseTopology('name: q\nnamespaces: [{name: "n\\"s"}]\nlinks:\n  - {name: "a\\"b<&>", kind: dummy, netns: "n\\"s", addresses: [10.0.0.1/24]}\n');
  const dot = pictureToDot(pictureOfDocument(doc));
  t.true(dot.includes('"n\\"s/a\\"b<&>" [label=<<b>a&quot;b&lt;&amp;&gt;</b>'), dot);
  const svg = await renderDotSvg(dot);
  t.true(svg.includes('a&quot;b&lt;&amp;&gt;') || svg.includes('a"b&lt;&amp;&gt;'), svg);
  t.true(pictureToMermaid(pictureOfDocument(doc)).includes('subgraph n0["netns n#quot;s"]'));
  await t.throwsAsync(renderDotSvg('graph { a -- }'));
});

test('rtnl-ts topo draw: --dot and --mermaid print the API\'s text, --svg writes the file; bad words fail', async (t) => {
  const run = (...args: string[]): { status: number | null; stdout: string; stderr: string } => {
    const r = spawnSync(process.execPath, [BIN, 'topo', ...args], { encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const file = example('seed-lab.yaml');
  t.deepEqual(run('draw', file, '--dot'), { status: 0, stdout: await drawTopology(seed, 'dot'), stderr: '' });
  t.deepEqual(run('draw', '--mermaid', file), { status: 0, stdout: await drawTopology(seed, 'mermaid'), stderr: '' });
  t.is(run('-n', 'lab', 'draw', file, '--dot').stdout, pictureToDot(pictureOfDocument(seed, 'lab')));
  const dir = mkdtempSync(path.join(tmpdir(), 'rtnl-ts-draw-'));
  try {
    const out = path.join(dir, 'seed.svg');
    t.deepEqual(run('draw', file, '--svg', out), { status: 0, stdout: '', stderr: '' });
    t.is(readFileSync(out, 'utf8'), await drawTopology(seed, 'svg'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const usage = /^Usage: rtnl-ts topo .*\n.*draw \{ FILE \| --live \}/;
  t.regex(run('draw', file).stderr, usage);
  t.is(run('draw', file).status, 255);
  t.regex(run('draw', file, '--dot', '--svg', 'x.svg').stderr, /^topo draw: only one of --dot, --mermaid, --svg/);
  t.regex(run('draw', file, '--svg').stderr, /^topo draw: --svg needs a file/);
  t.regex(run('draw', file, '--png').stderr, /^topo draw: unknown option "--png"/);
  t.regex(run('draw', file, file, '--dot').stderr, /^topo draw: one topology to draw/);
  t.deepEqual(run('draw', '/nonexistent.yaml', '--dot'), { status: 1, stdout: '', stderr: 'topo: cannot read "/nonexistent.yaml"\n' });
  const help = run('help');
  t.is(help.status, 0);
  t.regex(help.stderr, usage);
});

test('a device\'s qdiscs are written under its addresses', (t) => {
  const doc = parseTopology(`${seedText}qdiscs:\n  - { netns: ns1, dev: eth0, handle: "1:", kind: tbf, options: { rate: 1mbit, burst: 32kbit, latency: 400ms } }\n  - { dev: docker0, kind: ingress }\n`);
  const { nodes } = readDot(pictureToDot(pictureOfDocument(doc)));
  t.deepEqual(nodes.get('ns1/eth0')!.label.split('<br/>').slice(2), ['172.17.0.102/16', '<font point-size="9" color="#8a4b08">qdisc tbf 1:</font>']);
  t.deepEqual(nodes.get('docker0')!.label.split('<br/>').slice(2), ['172.17.0.1/16', '<font point-size="9" color="#8a4b08">qdisc ingress</font>']);
  t.deepEqual(nodes.get('ns0/eth0')!.label.split('<br/>').slice(2), ['172.17.0.101/16']);
  t.regex(pictureToMermaid(pictureOfDocument(doc)), /\["<b>eth0<\/b><br\/>veth<br\/>172\.17\.0\.102\/16<br\/>qdisc tbf 1:"\]/);
});
