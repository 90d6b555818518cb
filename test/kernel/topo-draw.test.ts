// `rtnl-ts topo draw --live` after the seed lab is applied (in a withTopology sandbox): the
// picture of what the kernel holds is the picture of the document (the same boxes, devices with
// their kinds and addresses, veth pairs followed across namespaces through IFLA_LINK_NETNSID,
// ports on docker0); an end set down by hand is dashed with its edge; with -n the picture is
// seen from that namespace, and a peer outside what it covers is a dashed stub.
import test from 'ava';
import { fileURLToPath } from 'node:url';
import { pictureOfDocument, pictureToDot, parseTopology, withTopology, type Picture } from '../../src/topo/index.js';
import { readFileSync } from 'node:fs';
import { BIN } from './cli-helpers.js';
import { assertSandboxed } from './_util.js';

const seedFile = fileURLToPath(new URL('../../../examples/seed-lab.yaml', import.meta.url));
const seed = parseTopology(readFileSync(seedFile, 'utf8'));

test.before(() => assertSandboxed());

/** A DOT's statements, without its order (the kernel lists devices by ifindex). */
const statements = (dot: string): string[] => dot.split('\n').map((l) => l.trim()).filter((l) => l !== '' && l !== '}' && !l.startsWith('subgraph')).sort();
/** Each node's cluster label, from the DOT. */
function boxes(dot: string): Map<string, string> {
  const out = new Map<string, string>();
  let label = '';
  for (const l of dot.split('\n')) {
    const m = /label=<<b>(.*)<\/b>>;/.exec(l);
    if (m) label = m[1]!;
    const n = /^ {4}"([^"]+)" \[/.exec(l);
    if (n) out.set(n[1]!, label);
  }
  return out;
}

test('--live draws the seed lab as the document does; a device set down is dashed', async (t) => {
  await withTopology(seedFile, async (lab) => {
    const draw = async (...args: string[]): Promise<string> => {
      const r = await lab.exec('', process.execPath, [BIN, 'topo', ...args]);
      t.is(r.status, 0, r.stderr);
      t.is(r.stderr, '');
      return r.stdout;
    };
    const live = await draw('draw', '--live', '--dot');
    const intended = pictureToDot(pictureOfDocument(seed));
    // The graph's own name aside ("live" / "seed-lab"), the same statements.
    t.deepEqual(statements(live).filter((l) => !l.startsWith('graph "')), statements(intended).filter((l) => !l.startsWith('graph "')));
    t.deepEqual(boxes(live), boxes(intended));

    // By hand: ns1's eth0 down.
    await lab.ns('ns1').link.set('eth0', { up: false });
    const down = await draw('draw', '--live', '--dot');
    t.regex(down, /^ {4}"ns1\/eth0" \[.*style="rounded,filled,dashed"\];$/m);
    t.regex(down, /^ {2}"veth1" -- "ns1\/eth0" \[label="veth", penwidth=2, style=dashed\];$/m);
    t.regex(down, /^ {2}"veth0" -- "ns0\/eth0" \[label="veth", penwidth=2, style=solid\];$/m);
    const mermaid = await draw('draw', '--live', '--mermaid');
    t.regex(mermaid, /^ {4}d\d+\["<b>eth0<\/b><br\/>veth, down<br\/>172\.17\.0\.102\/16"\]$/m);
    const svg = await draw('draw', '--live', '--svg', '-');
    for (const s of ['netns ns1', 'docker0', '172.17.0.103/16']) t.true(svg.includes(`>${s}</text>`), s);

    // From ns0: its box is the root; ns1 and ns2 are named, the sandbox's namespace is not, so
    // the peer of ns0's eth0 is a stub (its ifindex in the nsid ns0 has for the sandbox's).
    const fromNs0 = await draw('-n', 'ns0', 'draw', '--live', '--dot');
    t.deepEqual([...new Set(boxes(fromNs0).values())], ['netns ns0', 'netns ns1', 'netns ns2']);
    const stub = /^ {2}"eth0" -- "(peer ifindex \d+ in nsid \d+)" \[label="veth", penwidth=2, style=dashed\];$/m.exec(fromNs0);
    t.truthy(stub, fromNs0);
    const veth0 = (await lab.ns().link.get('veth0')).ifindex;
    t.true(stub![1]!.startsWith(`peer ifindex ${veth0} in nsid `));
  });
});

test('readPicture through the API: namespaces chosen, the root named, nsids resolved', async (t) => {
  await withTopology(seedFile, async (lab) => {
    // Run inside the lab (its /run/netns), as a library user would.
    const script = `
      import { IpRoute, readPicture } from ${JSON.stringify(new URL('../../src/index.js', import.meta.url).href)};
      const ip = await IpRoute.open();
      console.log(JSON.stringify(await readPicture(ip, { namespaces: ['ns2'], rootName: 'lab' })));
      ip.close();`;
    const r = await lab.exec('', process.execPath, ['--input-type=module', '-e', script]);
    t.is(r.status, 0, r.stderr);
    const p = JSON.parse(r.stdout) as Picture;
    t.deepEqual(p.namespaces.map((n) => n.label), ['netns lab', 'netns ns2']);
    const peer = async (i: number): Promise<string> => `peer ifindex ${(await lab.ns(`ns${i}`).link.get('eth0')).ifindex} in nsid ${(await lab.ns().link.get(`veth${i}`)).linkNetnsid}`;
    t.deepEqual(p.edges.filter((e) => e.type === 'veth').map((e) => [e.a, e.b]), [
      [['', 'veth0'], ['?', await peer(0)]],
      [['', 'veth1'], ['?', await peer(1)]],
      [['', 'veth2'], ['ns2', 'eth0']],
    ]);
    t.deepEqual(p.devices.find((d) => d.netns === 'ns2'), { netns: 'ns2', name: 'eth0', kind: 'veth', up: true, addresses: ['172.17.0.103/16'] });
  });
});
