// A program written as a user of the installed package would write it: scripts/consumer-test.js
// type-checks it (tsc --strict) against the packed package, as ESM (this file) and as CommonJS (a
// copy named app.cts, where the import compiles to require()), then runs both in a sandbox.
// It builds veth0 (10.9.0.1/24) <-> veth1 (10.9.0.2/24) in a namespace, pings across with
// `netns exec`, and prints one JSON line of what it saw. It must print nothing else: no warning.
import { IpRoute, NetlinkError, type Address, type Link } from 'rtnl-ts';

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
      await inside.addr.add('veth1', '10.9.0.2/24');
      await inside.link.set('veth1', { up: true });
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
      console.log(JSON.stringify({
        addresses: addrs.filter((a) => a.family === 'inet').map((a) => `${a.local ?? ''}/${a.prefixlen}`),
        links: links.map((l) => l.ifname).sort(),
        ping: ping.status,
        sys: sys.stdout?.trim().split('\n'),
        duplicate,
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
