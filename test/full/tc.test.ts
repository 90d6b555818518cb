// Traffic control on the full kernel (UML 6.1), made by rtnl-ts where this machine's kernel lacks
// the pieces: netem's delay seen by ping, and the CNI bandwidth plugin's recipe (ingress qdisc,
// matchall + mirred redirect to an ifb, tbf on the ifb) carrying traffic.
import test from 'ava';
import { filterOptions, qdiscOptions, type MirredOptions } from '../../src/rtnl/tc/index.js';
import { freshNetns, waitFor } from './_util.js';

/** Two namespaces over a veth pair, 10.9.0.1 (va) and 10.9.0.2 (vb). */
function pair(t: Parameters<typeof freshNetns>[0]) {
  const a = freshNetns(t, 'pa');
  const b = freshNetns(t, 'pb');
  a.ip('link', 'add', 'va', 'type', 'veth', 'peer', 'name', 'vb', 'netns', b.name);
  a.ip('addr', 'add', '10.9.0.1/24', 'dev', 'va');
  b.ip('addr', 'add', '10.9.0.2/24', 'dev', 'vb');
  a.ip('link', 'set', 'va', 'up');
  b.ip('link', 'set', 'vb', 'up');
  return { a, b };
}

test('netem delay 50ms made by rtnl-ts: ping across the veth pair shows it', async (t) => {
  const { a } = pair(t);
  const ip = await a.open();
  await ip.tc.qdisc.add({ dev: 'va', parent: 'root', kind: 'netem', delay: '50ms' });
  const [q] = a.tcJson<any[]>('qdisc', 'show', 'dev', 'va');
  t.like(q, { kind: 'netem', root: true, options: { delay: { delay: 0.05 } } });
  t.truthy(qdiscOptions((await ip.tc.qdisc.list({ dev: 'va' }))[0]!, 'netem'));
  const out = a.exec('ping', '-c', '1', '-W', '20', '10.9.0.2');
  const rtt = Number(/time=([\d.]+) ms/.exec(out)?.[1]);
  t.true(rtt >= 50, `round trip ${rtt} ms (netem adds 50 ms one way)\n${out}`);
});

test('the CNI bandwidth recipe by rtnl-ts: ingress, matchall + mirred redirect to ifb0, tbf on ifb0', async (t) => {
  const { a, b } = pair(t);
  b.ip('link', 'add', 'ifb0', 'type', 'ifb');
  b.ip('link', 'set', 'ifb0', 'up');
  const ip = await b.open();
  await ip.tc.qdisc.add({ dev: 'ifb0', parent: 'root', handle: '1:', kind: 'tbf', rate: '1mbit', burst: '32kb', latency: '50ms' });
  await ip.tc.qdisc.add({ dev: 'vb', kind: 'ingress' });
  await ip.tc.filter.add({
    dev: 'vb', parent: 'ffff:', kind: 'matchall', actions: [{ kind: 'mirred', direction: 'egress', mode: 'redirect', dev: 'ifb0' }],
  });
  const [f] = (await ip.tc.filter.list({ dev: 'vb', parent: 'ffff:' })).filter((x) => x.kind === 'matchall' && x.options);
  const mirred = filterOptions(f!, 'matchall')!.actions![0]!;
  t.is((mirred.options as MirredOptions).parms!.ifindex, await ip.ctx.ifindex('ifb0'));
  t.like(b.tcJson<any[]>('filter', 'show', 'dev', 'vb', 'parent', 'ffff:')[1], { kind: 'matchall', options: { actions: [{ kind: 'mirred', to_dev: 'ifb0' }] } });
  a.exec('ping', '-c', '3', '-i', '0.2', '-W', '20', '10.9.0.2');
  const sent = await waitFor('tbf on ifb0 to see the redirected packets', () => {
    const q = b.tcJson<any[]>('-s', 'qdisc', 'show', 'dev', 'ifb0')[0];
    return q?.packets > 0 ? (q.packets as number) : undefined;
  });
  t.true(sent >= 3, `tbf on ifb0 saw ${sent} packets`);
});
