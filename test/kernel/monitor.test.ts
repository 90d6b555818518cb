// ip.monitor(): typed events for changes made by `ip`, in order; loss reported when flooded.
import test from 'ava';
import { IpRoute, type MonitorEvent } from '../../src/index.js';
import { writeFileSync } from 'node:fs';
import { assertSandboxed, ip } from './_util.js';

let batches = 0;
/** Write `ip -batch` lines to a temporary file and return its path. */
function writeBatch(lines: string[]): string {
  const path = `/tmp/rtnl-ts-monitor-${process.pid}-${batches++}.batch`;
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

test.before(() => assertSandboxed());

/** Collect events until `until` says stop or `ms` pass without one. */
async function collect(it: AsyncGenerator<MonitorEvent>, until: (evs: MonitorEvent[]) => boolean, ms = 2000): Promise<MonitorEvent[]> {
  const evs: MonitorEvent[] = [];
  for (;;) {
    const r = await Promise.race([it.next(), new Promise<'idle'>((res) => setTimeout(() => res('idle'), ms))]);
    if (r === 'idle' || r.done) return evs;
    evs.push(r.value);
    if (until(evs)) return evs;
  }
}

test('monitor sees link, address, route and neighbour changes made by ip, in order', async (t) => {
  await using api = await IpRoute.open();
  const it = api.monitor(['link', 'address', 'route', 'neigh']);
  const first = it.next(); // subscribe before changing anything
  await new Promise((r) => setTimeout(r, 20));
  ip('link', 'add', 'mon0', 'type', 'veth', 'peer', 'name', 'mon1');
  ip('link', 'set', 'mon0', 'up');
  ip('link', 'set', 'mon1', 'up');
  ip('addr', 'add', '10.99.0.1/24', 'dev', 'mon0');
  ip('route', 'add', '10.98.0.0/24', 'via', '10.99.0.2');
  ip('neigh', 'add', '10.99.0.2', 'lladdr', '02:00:00:00:00:99', 'dev', 'mon0');
  ip('addr', 'del', '10.99.0.1/24', 'dev', 'mon0');
  ip('link', 'del', 'mon0');
  const head = await first;
  const evs = [head.value as MonitorEvent, ...await collect(it, (e) => e.some((x) => x.type === 'link' && x.action === 'del' && x.link.ifname === 'mon0'))];
  api.close(); // ends the generator even with a next() still pending
  const seq = evs.map((e) => {
    switch (e.type) {
      case 'link': return `${e.action} link ${e.link.ifname}`;
      case 'address': return `${e.action} addr ${e.address.local}`;
      case 'route': return `${e.action} route ${e.route.dst}`;
      case 'neigh': return `${e.action} neigh ${e.neighbor.dst}`;
      default: return `${e.type}`;
    }
  });
  const at = (s: string) => seq.indexOf(s);
  for (const s of ['new link mon0', 'new addr 10.99.0.1', 'new route 10.98.0.0/24', 'new neigh 10.99.0.2', 'del addr 10.99.0.1', 'del link mon0']) {
    t.true(at(s) >= 0, `missing "${s}" in ${JSON.stringify(seq)}`);
  }
  t.true(at('new link mon0') < at('new addr 10.99.0.1'));
  t.true(at('new addr 10.99.0.1') < at('new route 10.98.0.0/24'));
  t.true(at('new route 10.98.0.0/24') < at('new neigh 10.99.0.2'));
  t.true(at('new neigh 10.99.0.2') < at('del addr 10.99.0.1'));
  t.true(at('del addr 10.99.0.1') < at('del link mon0'));
});

test('with the default 1 MiB buffer a burst of 300 new links arrives whole, no loss', async (t) => {
  await using api = await IpRoute.open();
  const it = api.monitor(['link']);
  const first = it.next();
  await new Promise((r) => setTimeout(r, 20));
  ip('-batch', writeBatch(Array.from({ length: 300 }, (_, i) => `link add mf${i} type veth peer name mg${i}`)));
  const evs = [(await first).value as MonitorEvent, ...await collect(it, () => false, 300)];
  api.close(); // ends the generator even with a next() still pending
  ip('-batch', writeBatch(Array.from({ length: 300 }, (_, i) => `link del mf${i}`)));
  t.false(evs.some((e) => e.type === 'lost'));
  t.true(evs.filter((e) => e.type === 'link').length >= 300);
});

test('closing the handle ends a waiting monitor at once', async (t) => {
  const api = await IpRoute.open();
  const it = api.monitor(['link']);
  const pending = it.next();
  await new Promise((r) => setTimeout(r, 20));
  const t0 = Date.now();
  api.close();
  const r = await pending;
  t.true(r.done);
  t.true(Date.now() - t0 < 1000);
});

test('a monitor with a tiny receive buffer reports loss when flooded', async (t) => {
  await using api = await IpRoute.open();
  const it = api.monitor(['link'], { rcvbuf: 1 });
  const first = it.next();
  await new Promise((r) => setTimeout(r, 20));
  ip('-batch', writeBatch(Array.from({ length: 50 }, (_, i) => `link add ml${i} type veth peer name mm${i}`)));
  const evs = [(await first).value as MonitorEvent, ...await collect(it, () => false, 300)];
  api.close(); // ends the generator even with a next() still pending
  ip('-batch', writeBatch(Array.from({ length: 50 }, (_, i) => `link del ml${i}`)));
  const lost = evs.find((e) => e.type === 'lost');
  t.truthy(lost, `no loss among ${evs.length} events`);
  if (lost && lost.type === 'lost') t.regex(lost.hint, /resync/);
});
