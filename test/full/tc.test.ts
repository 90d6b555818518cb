// Qdiscs this machine's kernel lacks, made by `tc` in the full kernel. rtnl-ts has no tc yet
// (issue 19): these prove the kernel has them and show what `tc -j` prints, for its tests to come.
import test from 'ava';
import { freshNetns } from './_util.js';

test('tc qdisc add ... netem delay 100ms 10ms loss 1% shows in tc -j qdisc show', (t) => {
  const ns = freshNetns(t);
  ns.ip('link', 'add', 'd0', 'type', 'dummy');
  ns.tc('qdisc', 'add', 'dev', 'd0', 'root', 'netem', 'delay', '100ms', '10ms', 'loss', '1%');
  const [q] = ns.tcJson<any[]>('qdisc', 'show', 'dev', 'd0');
  t.like(q, {
    kind: 'netem', root: true,
    options: { limit: 1000, delay: { delay: 0.1, jitter: 0.01 }, 'loss-random': { loss: 0.01 } },
  });
});

test('netem delays a ping across a veth pair between two namespaces', (t) => {
  const a = freshNetns(t, 'pa');
  const b = freshNetns(t, 'pb');
  a.ip('link', 'add', 'va', 'type', 'veth', 'peer', 'name', 'vb', 'netns', b.name);
  a.ip('addr', 'add', '10.9.0.1/24', 'dev', 'va');
  b.ip('addr', 'add', '10.9.0.2/24', 'dev', 'vb');
  a.ip('link', 'set', 'va', 'up');
  b.ip('link', 'set', 'vb', 'up');
  a.tc('qdisc', 'add', 'dev', 'va', 'root', 'netem', 'delay', '50ms');
  const out = a.exec('ping', '-c', '1', '-W', '20', '10.9.0.2');
  const rtt = Number(/time=([\d.]+) ms/.exec(out)?.[1]);
  t.true(rtt >= 50, `round trip ${rtt} ms (netem adds 50 ms one way)\n${out}`);
});
