/**
 * The seed tutorial's bridge lab, built through the library: three namespaces, each joined to a
 * bridge docker0 by a veth pair, addresses in 172.17.0.0/16, every namespace pinging the others
 * and the bridge. Runs inside its own sandbox (a fresh network + mount namespace) so the host's
 * network is never touched, prints a summary and tears everything down.
 *
 *     sudo npm run example:seed
 */
import { IpRoute } from '../src/index.js';

const NAMESPACES = ['ns0', 'ns1', 'ns2'];

async function main(): Promise<void> {
  await using ip = await IpRoute.open();
  await ip.link.add({ name: 'docker0', type: 'bridge' });
  await ip.link.set('docker0', { up: true });
  await ip.addr.add('docker0', '172.17.0.1/16');

  for (const [i, ns] of NAMESPACES.entries()) {
    await ip.netns.add(ns);
    const host = `veth${2 * i}`;
    // The container end goes straight into its namespace, named eth0 there.
    await ip.link.add({ name: host, type: 'veth', peer: { name: 'eth0', netns: ns } });
    await ip.link.set(host, { master: 'docker0', up: true });
    await using inside = await IpRoute.open({ netns: ns });
    await inside.addr.add('eth0', `172.17.0.${101 + i}/16`);
    await inside.link.set('eth0', { up: true });
    await inside.link.set('lo', { up: true });
  }

  const ports = await ip.link.list({ master: 'docker0' });
  console.log(`bridge docker0 ports: ${ports.map((l) => l.ifname).join(', ')}`);
  const targets = ['172.17.0.1', '172.17.0.101', '172.17.0.102', '172.17.0.103'];
  let failures = 0;
  for (const ns of NAMESPACES) {
    for (const dst of targets) {
      const r = await ip.netns.exec(ns, 'ping', ['-c1', '-W2', dst], { stdio: 'pipe' });
      const ok = r.status === 0;
      if (!ok) failures++;
      console.log(`${ns} -> ${dst}: ${ok ? 'reply' : 'NO REPLY'}`);
    }
  }

  for (const ns of NAMESPACES) await ip.netns.del(ns);
  await ip.link.del('docker0');
  console.log(failures === 0 ? 'all pings answered; torn down' : `${failures} pings unanswered; torn down`);
  process.exitCode = failures === 0 ? 0 : 1;
}

await main();
