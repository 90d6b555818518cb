// Topology qdiscs on the full kernel (UML 6.1), for the kinds this machine lacks: a qdisc made as a
// document says reads back with no difference (so a second apply sends nothing), and the same
// qdisc compared with a document that asks for another value shows that difference. Through
// src/topo/qdisc.js directly: the guest does not load the document layer (ajv).
import test from 'ava';
import { TC_H_INGRESS, TC_H_ROOT } from '../../src/rtnl/tc/index.js';
import { qdiscDiffs, qdiscSpec, type QdiscDoc } from '../../src/topo/qdisc.js';
import { freshNetns } from './_util.js';

type Case = [kind: string, options: Record<string, unknown>, other: Record<string, unknown>];
const CASES: Case[] = [
  ['netem', { delay: '10ms', jitter: '5ms', delayCorrelation: '25%', distribution: 'normal' }, { delay: '20ms', jitter: '5ms', delayCorrelation: '25%', distribution: 'normal' }],
  ['netem', { loss: { random: '1%', correlation: '10%' }, duplicate: '2%', corrupt: '0.1%' }, { loss: { random: '2%', correlation: '10%' }, duplicate: '2%', corrupt: '0.1%' }],
  ['netem', { delay: '10ms', reorder: '25%', reorderCorrelation: '50%', gap: 5 }, { delay: '10ms', reorder: '25%', reorderCorrelation: '50%', gap: 6 }],
  ['netem', { rate: '1mbit', packetOverhead: 20, cellSize: 100 }, { rate: '2mbit', packetOverhead: 20, cellSize: 100 }],
  ['netem', { delay: '1s', limit: 5000, ecn: true, loss: '5%' }, { delay: '1s', limit: 4000, ecn: true, loss: '5%' }],
  ['fq_codel', { target: '5ms', interval: '100ms', limit: 1000, ecn: true, ceThreshold: '3ms', quantum: 1514, flows: 2048 }, { target: '6ms', interval: '100ms', limit: 1000 }],
  ['sfq', { perturb: 10 }, { perturb: 11 }],
  ['sfq', { limit: 100, quantum: 3000, divisor: 512, depth: 64 }, { limit: 100, quantum: 3000, divisor: 256, depth: 64 }],
  ['prio', { bands: 4, priomap: [1, 2, 2, 2, 1, 2, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1] }, { bands: 5 }],
  ['fq', { limit: 1000, flowLimit: 50, quantum: 3028, maxrate: '100mbit' }, { limit: 1000, flowLimit: 60 }],
  ['htb', { default: 0x10, directQlen: 50 }, { default: 0x11 }],
  ['clsact', {}, {}],
];

test('qdiscs made as a document says read back equal; another value shows as drift', async (t) => {
  const n = freshNetns(t, 'tq');
  n.ip('link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1');
  const ip = await n.open();
  for (const [kind, options, other] of CASES) {
    const doc: QdiscDoc = { dev: 'v0', kind, options };
    const ingress = kind === 'clsact';
    await ip.tc.qdisc.del({ dev: 'v0', parent: ingress ? TC_H_INGRESS : 'root' }).catch(() => undefined);
    await ip.tc.qdisc.replace(qdiscSpec(doc));
    const have = (await ip.tc.qdisc.list({ dev: 'v0' })).find((q) => q.parent === (ingress ? TC_H_INGRESS : TC_H_ROOT));
    if (!have) { t.fail(`${kind}: not made`); continue; }
    t.deepEqual(qdiscDiffs(doc, have), [], `${kind} ${JSON.stringify(options)}`);
    if (ingress) continue;
    t.not(qdiscDiffs({ ...doc, options: other }, have).length, 0, `${kind} ${JSON.stringify(other)} differs`);
    t.deepEqual(qdiscDiffs({ ...doc, kind: kind === 'sfq' ? 'prio' : 'sfq', options: {} }, have), [`kind ${kind} -> ${kind === 'sfq' ? 'prio' : 'sfq'}`]);
  }
});
