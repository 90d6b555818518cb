// A program written as a user of the installed package would write it: scripts/consumer-test.js
// type-checks it (tsc --strict) against the packed package, as ESM (this file) and as CommonJS (a
// copy named app.cts, where the import compiles to require()), then runs both in a sandbox.
// It builds veth0 (10.9.0.1/24) <-> veth1 (10.9.0.2/24) in a namespace, pings across with
// `netns exec`, watches the namespace's links and addresses while it sets veth1 up, and prints
// one JSON line of what it saw, and whether the SVG of a small topology document (rendered by the
// WASM Graphviz the package depends on) names its namespace and devices. It must print nothing
// else: no warning.
import { IpRoute, NetlinkError, Topology, applyWatchChange, type Address, type Link, type WatchSnapshot } from 'rtnl-ts';

async function main(): Promise<void> {
  const ns = `consumer${process.pid}`;
  const ip = await IpRoute.open();
  try {
    await ip.netns.add(ns);
    await ip.link.add({ name: 'veth0', type: 'veth', peer: { name: 'veth1', netns: ns } });
    await ip.addr.add('veth0', '10.9.0.1/24');
    await ip.link.set('veth0', { up: true });

    const inside = await IpRoute.open({ netns: ns });
    try {
      // A view kept from the watch: the snapshot, then each change applied, until veth1 is up
      // with its address.
      const watching = inside.watch(['link', 'addr']);
      const first = await watching.next();
      let view: WatchSnapshot | undefined = first.value?.type === 'snapshot' ? first.value.snapshot : undefined;
      const before = view ? [...view.link.values()].map((l) => l.ifname).sort() : [];
      await inside.addr.add('veth1', '10.9.0.2/24');
      await inside.link.set('veth1', { up: true });
      const ready = (v: WatchSnapshot): boolean => [...v.addr.values()].some((a) => a.local === '10.9.0.2')
        && [...v.link.values()].some((l) => l.ifname === 'veth1' && l.flags.includes('UP'));
      for await (const ev of watching) {
        if (ev.type === 'snapshot' || ev.type === 'resync') view = ev.snapshot;
        else if (view) applyWatchChange(view, ev);
        if (view && ready(view)) break;
      }

      const addrs: Address[] = await inside.addr.list({ dev: 'veth1' });
      const links: Link[] = await inside.link.list();

      const ping = await ip.netns.exec(ns, 'ping', ['-c1', '-W5', '10.9.0.1'], { stdio: 'pipe' });
      // Only the helper remounts /sys: through the fallback the sandbox's veth0 would show here.
      const sys = await ip.netns.exec(ns, 'ls', ['/sys/class/net'], { stdio: 'pipe' });
      let duplicate = '';
      try {
        await ip.link.add({ name: 'veth0', type: 'veth', peer: { name: 'veth2' } });
      } catch (e) {
        if (e instanceof NetlinkError) duplicate = e.code;
      }
      const topo = Topology.parse('name: c\nnamespaces: [{name: n1}]\nlinks: [{name: v0, kind: veth, peer: {name: v1, netns: n1}}]\n');
      const svg = await topo.draw('svg');
      console.log(JSON.stringify({
        addresses: addrs.filter((a) => a.family === 'inet').map((a) => `${a.local ?? ''}/${a.prefixlen}`),
        links: links.map((l) => l.ifname).sort(),
        ping: ping.status,
        sys: sys.stdout?.trim().split('\n'),
        duplicate,
        watched: { before, after: [...(view?.addr.values() ?? [])].filter((a) => a.family === 'inet').map((a) => a.local) },
        drawn: ['netns n1', 'v0', 'v1'].filter((text) => svg.includes(`>${text}</text>`)),
      }));
    } finally {
      inside.close();
    }
  } finally {
    await ip.link.del('veth0').catch(() => undefined);
    await ip.netns.del(ns).catch(() => undefined);
    ip.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
