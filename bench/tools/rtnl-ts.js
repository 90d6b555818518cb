// rtnl-ts (this library, from dist/) doing each workload in process through its public API; run
// by bench/run.js inside the workload's namespace. Prints one JSON line like the floor.
import { readFileSync, writeFileSync } from 'node:fs';
import { addrText } from '../workloads.js';

const t0Import = performance.now();
const { IpRoute } = await import('../../dist/src/api/iproute.js');
const open = () => IpRoute.open();

function procStatusKb(key) {
  const line = readFileSync('/proc/self/status', 'latin1').split('\n').find((l) => l.startsWith(key));
  return line ? parseInt(line.slice(key.length), 10) : 0;
}

const modes = {
  async veth(ip, n) {
    // Bulk creation: no echo of each new link (the API's { echo: false }), as ip and the floor do.
    for (let i = 0; i < n; i++) await ip.link.add({ name: `va${i}`, type: 'veth', peer: { name: `vb${i}` } }, { echo: false });
    return n;
  },
  async vethbatch(ip, n) {
    // W1b: the same creates through ip.batch, pipelined several per sendmsg.
    const r = await ip.batch((b) => {
      for (let i = 0; i < n; i++) b.link.add({ name: `va${i}`, type: 'veth', peer: { name: `vb${i}` } });
    });
    return r.filter((x) => x.ok).length;
  },
  async addrbatch(ip, dev, n) {
    // W3b: the same adds through ip.batch; the device named once, looked up once by the batch.
    const r = await ip.batch((b) => {
      for (let i = 0; i < n; i++) b.addr.add(dev, `${addrText(i)}/32`);
    });
    return r.filter((x) => x.ok).length;
  },
  async linkdump(ip) {
    const links = await ip.link.list();
    return links.filter((l) => typeof l.ifname === 'string').length;
  },
  async addradd(ip, dev, n) {
    // The device is looked up once, as the floor does; each add then names it by ifindex.
    const index = (await ip.link.get(dev)).ifindex;
    for (let i = 0; i < n; i++) await ip.addr.add(index, `${addrText(i)}/32`);
    return n;
  },
  async addrdump(ip) {
    const addrs = await ip.addr.list({ family: 'inet' });
    return addrs.filter((a) => typeof a.address === 'string' || typeof a.local === 'string').length;
  },
  async routedump(ip) {
    // Streaming: routes are taken one at a time and dropped, so memory must stay flat.
    let count = 0;
    for await (const r of ip.route.stream({ family: 'inet', table: 'all' })) if (r.table !== undefined) count++;
    return count;
  },
  async routelist(ip) {
    // The whole dump kept, as a list.
    const routes = await ip.route.list({ family: 'inet', table: 'all' });
    return routes.filter((r) => r.table !== undefined).length;
  },
  async netns(ip, n) {
    for (let i = 0; i < n; i++) await ip.netns.add(`rtnl${i}`);
    for (let i = 0; i < n; i++) await ip.netns.del(`rtnl${i}`);
    return n;
  },
};

/**
 * With RTNL_TS_BENCH_PROFILE=FILE (bench/profile.js sets it), V8's CPU profiler (the one behind
 * `node --cpu-prof`) samples the timed work only, every 100 us, and the profile goes to FILE.
 */
async function startProfile() {
  const file = process.env.RTNL_TS_BENCH_PROFILE;
  if (!file) return async () => {};
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

const [mode, ...args] = process.argv.slice(2);
const fn = modes[mode];
if (!fn) throw new Error(`unknown mode ${mode}`);
const rss0 = procStatusKb('VmRSS:');
writeFileSync('/proc/self/clear_refs', '5');
// With RTNL_TS_BENCH_WARM=N (bench/profile.js --warm N), a dump is first run N times untimed,
// to tell the JIT's warm-up from the steady state. The bench itself runs cold.
const warm = Number(process.env.RTNL_TS_BENCH_WARM ?? 0);
if (warm > 0 && mode.endsWith('dump')) {
  const ip = await open();
  for (let i = 0; i < warm; i++) await fn(ip, ...args);
  ip.close();
}
const stopProfile = await startProfile();
const t0 = performance.now();
const ip = await open();
const count = await fn(ip, ...args.map((a) => (/^\d+$/.test(a) ? Number(a) : a)));
ip.close();
const ms = performance.now() - t0;
await stopProfile();
const hwm = procStatusKb('VmHWM:');
console.log(JSON.stringify({ ms, count, rssGrowth: Math.max(0, hwm - rss0) * 1024, importMs: t0 - t0Import }));
