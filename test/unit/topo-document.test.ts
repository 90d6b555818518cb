/** Topology documents: count/vars expansion, and bad documents rejected with field and line:col. */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { parseTopology, TopologyError } from '../../src/topo/index.js';

const seed = readFileSync(new URL('../../../examples/seed-lab.yaml', import.meta.url), 'utf8');

test('the seed lab expands to three namespaces, a bridge and three veth pairs', (t) => {
  const doc = parseTopology(seed);
  t.deepEqual(doc.namespaces.map((n) => n.name), ['ns0', 'ns1', 'ns2']);
  t.deepEqual(doc.links.map((l) => l.name), ['docker0', 'veth0', 'veth1', 'veth2']);
  t.deepEqual(doc.links[3]!.peer, { name: 'eth0', netns: 'ns2', up: true, addresses: ['172.17.0.103/16'] });
});

function issues(text: string): string[] {
  const e = t_throws(text);
  return e.message.split('\n');
}
function t_throws(text: string): TopologyError {
  try { parseTopology(text, 'lab.yaml'); } catch (e) { if (e instanceof TopologyError) return e; throw e; }
  throw new Error('accepted');
}

test('a peer in an undeclared namespace is named with its line', (t) => {
  t.deepEqual(issues(seed.replace('netns: ns${i}', 'netns: ns9')), [
    'lab.yaml:18:5: links[1].peer.netns: namespace "ns9" is not declared',
    'lab.yaml:18:5: links[2].peer.netns: namespace "ns9" is not declared',
    'lab.yaml:18:5: links[3].peer.netns: namespace "ns9" is not declared',
  ].map((l) => l.replace('18:5', `${lineOf(seed, 'netns: ns${i}')}:${colOf(seed, 'netns: ns${i}')}`)));
});

function lineOf(text: string, s: string): number { return text.slice(0, text.indexOf(s)).split('\n').length; }
function colOf(text: string, s: string): number {
  const i = text.indexOf(s);
  return i - text.lastIndexOf('\n', i - 1) + 'netns: '.length;
}

test('unknown kind, duplicate name, bad address, undefined variable, unknown field', (t) => {
  const text = [
    'namespaces: [{name: a}]',
    'links:',
    '  - {name: x0, kind: bogus}',
    '  - {name: d0, kind: dummy, netns: a, addresses: [10.0.0.300/24]}',
    '  - {name: d0, kind: dummy, netns: a}',
    '  - {name: d1, kind: dummy, mtu: "${nope}"}',
    '  - {name: d2, kind: dummy, colour: red}',
  ].join('\n');
  const e = t_throws(text);
  const msgs = e.message.split('\n');
  t.true(msgs.some((m) => m.startsWith('lab.yaml:6:') && m.includes('links[3].mtu: variable "nope" is not defined')), e.message);
  // Substitution errors stop before the schema; fix them and the rest shows.
  const e2 = t_throws(text.replace('mtu: "${nope}"', 'mtu: 1500'));
  t.deepEqual(e2.issues.map((i) => `${i.line}: ${i.path}: ${i.message.split(',')[0]}`), [
    '3: links[0].kind: must be one of veth',
    '7: links[4].colour: unknown field',
  ]);
  const e3 = t_throws(text.replace('mtu: "${nope}"', 'mtu: 1500').replace('bogus', 'dummy').replace(', colour: red', ''));
  t.deepEqual(e3.issues.map((i) => `${i.line}: ${i.path}: ${i.message}`), [
    '5: links[2].name: duplicate device "d0" in namespace "a" (also links[1])',
    '4: links[1].addresses[0]: "10.0.0.300/24" is not an address/prefix',
  ]);
});

test('a gateway outside every prefix of its namespace is rejected', (t) => {
  const e = t_throws('links: [{name: d0, kind: dummy, addresses: [10.0.0.1/24]}]\nroutes:\n  - {dst: default, via: 10.0.1.1}\n');
  t.deepEqual(e.issues.map((i) => `${i.line}:${i.col} ${i.path}: ${i.message}`), [
    '3:25 routes[0].via: gateway 10.0.1.1 is not inside any address prefix of the root namespace',
  ]);
});

test('YAML syntax errors carry their position', (t) => {
  const e = t_throws('links: [\n');
  t.is(e.issues[0]!.line, 2);
});

test('qdiscs: an unknown kind, option or value, a bad place or handle is refused with the field named', (t) => {
  const head = [
    'namespaces: [{name: a}]',
    'links: [{name: e0, kind: veth, netns: a, peer: {name: e1, netns: a}}]',
    'qdiscs:',
  ];
  const ok = parseTopology([...head, '  - {netns: a, dev: e0, handle: "1:", kind: tbf, options: {rate: 1mbit, burst: 32kbit, latency: 400ms}}'].join('\n'));
  t.deepEqual(ok.qdiscs, [{ netns: 'a', dev: 'e0', handle: '1:', kind: 'tbf', options: { rate: '1mbit', burst: '32kbit', latency: '400ms' } }]);
  const issues = (lines: string[]): string[] => t_throws([...head, ...lines].join('\n')).issues.map((i) => `${i.line} ${i.path}: ${i.message}`);
  t.deepEqual(issues(['  - {netns: a, dev: e0, kind: bogus}']).map((l) => l.split(',')[0]), ['4 qdiscs[0].kind: must be one of pfifo']);
  t.deepEqual(issues([
    '  - {netns: a, dev: e0, kind: tbf, options: {rate: 1mbit, burst: 32kbit, latency: 400ms, colour: red}}',
    '  - {netns: a, dev: e1, kind: tbf, options: {rate: fast, burst: 32kbit, latency: 400ms}}',
    '  - {netns: a, dev: e1, kind: ingress, parent: ingress, options: {limit: 5}}',
  ]), [
    '4 qdiscs[0].options.colour: unknown option for a tbf qdisc (it takes rate, burst, limit, latency, peakrate, mtu, mpu, overhead, linklayer)',
    '5 qdiscs[1].options.rate: invalid rate "fast"',
    '6 qdiscs[2].options.limit: unknown option for a ingress qdisc (it takes none)',
  ].map((l) => l.replace('invalid rate "fast"', 'invalid rate "fast": expected bytes per second or a rate such as \'1mbit\'')));
  t.deepEqual(issues([
    '  - {netns: a, dev: e0, kind: tbf, options: {rate: 1mbit, latency: 400ms}}',
    '  - {netns: a, dev: e0, kind: pfifo, handle: "1:5"}',
    '  - {netns: a, dev: e1, kind: clsact, parent: root}',
    '  - {netns: a, dev: e9, kind: pfifo}',
    '  - {dev: e0, kind: pfifo}',
  ]), [
    '4 qdiscs[0].options.burst: tbf: the "burst" parameter is mandatory.',
    '5 qdiscs[1].parent: a second qdisc at root of e0',
    '5 qdiscs[1].handle: invalid handle "1:5": expected a qdisc handle such as \'1:\' or \'ffff:\'',
    '6 qdiscs[2].parent: a clsact qdisc sits at ingress',
    '7 qdiscs[3].dev: device "e9" is not declared in this namespace',
    '8 qdiscs[4].dev: device "e0" is not declared in this namespace',
  ]);
});
