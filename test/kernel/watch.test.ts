// ip.watch(): a consumer that keeps a view from the snapshot and the changes, started while `ip`
// floods a namespace with changes, ends with the view `ip -j` shows: links, addresses, routes
// (both families, every table) and neighbour entries (those `ip neigh show` shows). The flood includes what the kernel does
// without a notification (routes flushed when their device goes down, linkdown flags following
// the carrier), IPv4 appended and replaced routes, IPv6 multipath routes, bridge ports and
// renames. With a tiny receive buffer the kernel drops notifications: the watch says so with a
// `resync` event and its fresh snapshot, and the view still ends right.
import test from 'ava';
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { IpRoute, applyWatchChange, type WatchEvent, type WatchSnapshot } from '../../src/index.js';
import { assertSandboxed, freshNetns, ip, ipJson } from './_util.js';

test.before(() => assertSandboxed());

/** `ip -batch` lines that build `n` veth pairs and what hangs off them. */
function buildLines(n: number): string[] {
  const l: string[] = ['link add wbr0 type bridge', 'link set wbr0 up'];
  for (let i = 0; i < n; i++) {
    l.push(
      `link add wa${i} type veth peer name wb${i}`,
      `link set wa${i} up`, `link set wb${i} up`,
      `addr add 10.${i}.0.1/24 dev wa${i}`,
      `addr add fd00:${i}::1/64 dev wa${i} nodad`,
      `route add 10.100.${i}.0/24 via 10.${i}.0.2`,
      `route append 10.100.${i}.0/24 via 10.${i}.0.3`,
      `route add fd01:${i}::/64 via fd00:${i}::2`,
      `route append fd01:${i}::/64 via fd00:${i}::3`,
      `route add 10.101.${i}.0/24 dev wa${i} table 100`,
      `neigh add 10.${i}.0.2 lladdr 02:00:00:00:${(i % 256).toString(16).padStart(2, '0')}:02 dev wa${i} nud permanent`,
      `link set wa${i} mtu ${1300 + i}`,
    );
  }
  return l;
}

/** `ip -batch` lines that churn what buildLines(n) made. */
function churnLines(n: number): string[] {
  const l: string[] = [];
  for (let i = 0; i < n; i++) {
    switch (i % 8) {
      case 0: l.push(`link set wb${i} down`); break; // carrier lost: routes via wa flagged linkdown
      case 1: l.push(`link set wa${i} down`); break; // routes via wa flushed, IPv6 addresses gone
      case 2: l.push(`link del wa${i}`); break;
      case 3: l.push(`route replace 10.100.${i}.0/24 via 10.${i}.0.4`, `route del fd01:${i}::/64 via fd00:${i}::3`); break;
      case 4: l.push(`neigh del 10.${i}.0.2 dev wa${i}`, `addr del 10.${i}.0.1/24 dev wa${i}`); break;
      case 5: l.push(`link set wb${i} master wbr0`, `link set wa${i} name wr${i}`); break;
      case 6: l.push(`link set wb${i} master wbr0`, `link set wb${i} nomaster`, `neigh change 10.${i}.0.2 lladdr 02:00:00:00:00:ee dev wa${i} nud permanent`); break;
      case 7: l.push(`link set wb${i} down`, `link set wb${i} up`, `route del 10.101.${i}.0/24 table 100`); break;
    }
  }
  return l;
}

/** Run `ip -n NS -force -batch` over `lines` in the background; resolves with its exit status. */
function flood(ns: string, lines: string[]): Promise<number | null> {
  const file = `/tmp/rtnl-ts-watch-${process.pid}-${ns}.batch`;
  writeFileSync(file, lines.join('\n') + '\n');
  const child = spawn('ip', ['-n', ns, '-force', '-batch', file], { stdio: ['ignore', 'ignore', 'inherit'] });
  return new Promise((resolve) => child.on('close', (status) => { rmSync(file, { force: true }); resolve(status); }));
}

/** A consumer's view: the last snapshot with every change since applied. */
class View {
  snap: WatchSnapshot | undefined;
  /** Links in the first snapshot. */
  firstLinks = 0;
  resyncs = 0;
  changes = 0;
  apply(ev: WatchEvent): void {
    if (ev.type === 'snapshot' || ev.type === 'resync') {
      if (ev.type === 'resync') this.resyncs++;
      else this.firstLinks = ev.snapshot.link.size;
      this.snap = ev.snapshot;
    } else {
      applyWatchChange(this.snap!, ev);
      this.changes++;
    }
  }
}

/** Feed the view from the watch until it ends; the promise settles then. */
async function consume(it: AsyncGenerator<WatchEvent>, view: View): Promise<void> {
  for await (const ev of it) view.apply(ev);
}

interface IpLink { ifindex: number; ifname: string; mtu: number; flags: string[]; operstate: string; master?: string; addr_info?: IpAddr[] }
interface IpAddr { family: string; local: string; prefixlen: number }
interface IpRoute4 { type?: string; dst: string; gateway?: string; dev?: string; table?: string; metric?: number; flags: string[]; nexthops?: { gateway?: string; dev: string; flags: string[] }[] }
interface IpNeigh { dst: string; dev: string; lladdr?: string; state: string[] }

/** What `ip -j` shows in `ns`, as sorted lines; and the same lines made from a view. */
function fromIp(ns: string): Record<string, string[]> {
  const links = ipJson<IpLink[]>('-n', ns, 'addr', 'show');
  const routes = [...ipJson<IpRoute4[]>('-n', ns, 'route', 'show', 'table', 'all'), ...ipJson<IpRoute4[]>('-n', ns, '-6', 'route', 'show', 'table', 'all')];
  return {
    // M-DOWN is ip's own word for "the peer (IFLA_LINK) is down", not a flag of this link.
    link: links.map((l) => `${l.ifname} mtu ${l.mtu} ${l.flags.filter((f) => f !== 'M-DOWN').join(',')} ${l.operstate} master ${l.master ?? '-'}`).sort(),
    addr: links.flatMap((l) => (l.addr_info ?? []).map((a) => `${l.ifname} ${a.family} ${a.local}/${a.prefixlen}`)).sort(),
    route: routes.map((r) => routeLine(r.type ?? 'unicast', r.dst, r.table ?? 'main', r.metric ?? 0, r.gateway, r.dev, r.flags,
      r.nexthops?.map((h) => `${h.gateway ?? ''}@${h.dev}:${h.flags.join(',')}`))).sort(),
    neigh: ipJson<IpNeigh[]>('-n', ns, 'neigh', 'show').map((n) => `${n.dst} dev ${n.dev} lladdr ${n.lladdr ?? '-'} ${n.state.join(',')}`).sort(),
  };
}

function routeLine(type: string, dst: string, table: string, metric: number, gw: string | undefined, dev: string | undefined, flags: string[], hops: string[] | undefined): string {
  return `${type} ${dst} table ${table} metric ${metric} via ${gw ?? '-'} dev ${dev ?? '-'} ${flags.join(',')} ${hops?.join(' ') ?? ''}`;
}

function fromView(s: WatchSnapshot): Record<string, string[]> {
  const name = (ifindex: number | undefined): string => (ifindex === undefined ? '-' : s.link.get(String(ifindex))?.ifname ?? `#${ifindex}`);
  const links = [...s.link.values()];
  return {
    link: links.map((l) => `${l.ifname} mtu ${l.mtu} ${l.flags.join(',')} ${l.operstate} master ${l.master === undefined ? '-' : name(l.master)}`).sort(),
    addr: [...s.addr.values()].map((a) => `${name(a.ifindex)} ${a.family} ${a.local}/${a.prefixlen}`).sort(),
    route: [...s.route.values()].map((r) => routeLine(r.type, r.dst, r.table, r.metric ?? 0, r.gateway, r.dev === undefined ? undefined : name(r.dev), r.flags,
      r.nexthops?.map((h) => `${h.gateway ?? ''}@${name(h.dev)}:${h.flags.join(',')}`))).sort(),
    neigh: [...s.neigh.values()].map((n) => `${n.dst} dev ${name(n.ifindex)} lladdr ${n.lladdr ?? '-'} ${n.state.join(',')}`).sort(),
  };
}

/** The kinds where `seen` and `truth` differ, with the lines only in one of them. */
function differences(seen: Record<string, string[]>, truth: Record<string, string[]>): Record<string, { onlyInView: string[]; onlyInIp: string[] }> {
  const out: Record<string, { onlyInView: string[]; onlyInIp: string[] }> = {};
  for (const kind of Object.keys(truth)) {
    const [a, b] = [seen[kind]!, truth[kind]!];
    const d = { onlyInView: a.filter((x) => !b.includes(x)), onlyInIp: b.filter((x) => !a.includes(x)) };
    if (d.onlyInView.length + d.onlyInIp.length > 0) out[kind] = d;
  }
  return out;
}

/**
 * Start a flood, start watching while it runs, wait for it to end and for a marker change to be
 * seen, then compare the view with ip -j. Some of the kernel's own changes come later (linkwatch
 * delays operstate changes by up to a second), so the comparison is retried for a few seconds.
 */
async function floodWhileWatching(t: import('ava').ExecutionContext, pairs: number, rcvbuf?: number): Promise<View> {
  const ns = freshNetns('wat');
  try {
    await using api = await IpRoute.open({ netns: ns.name });
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    // The watch starts with the building under way, so that its snapshot is taken in the middle
    // of it; the churn follows once the snapshot is out.
    const building = flood(ns.name, buildLines(pairs));
    const it = api.watch(['link', 'addr', 'route', 'neigh'], rcvbuf === undefined ? {} : { rcvbuf });
    const view = new View();
    const consuming = consume(it, view);
    t.is(await building, 0);
    for (let i = 0; i < 600 && !view.snap; i++) await sleep(50);
    t.log(`snapshot: ${view.firstLinks} links; ${view.changes} changes after it while building`);
    t.is(await flood(ns.name, churnLines(pairs)), 0);
    ip('-n', ns.name, 'link', 'add', 'wend0', 'type', 'veth', 'peer', 'name', 'wend1'); // the marker: the flood is over
    for (let i = 0; i < 600 && ![...(view.snap?.link.values() ?? [])].some((l) => l.ifname === 'wend0'); i++) await sleep(50);
    let diff = {};
    for (let i = 0; i < 10; i++) {
      await sleep(500);
      diff = differences(fromView(view.snap!), fromIp(ns.name));
      if (Object.keys(diff).length === 0) break;
    }
    await it.return();
    await consuming;
    t.deepEqual(diff, {});
    for (const lines of Object.values(fromIp(ns.name))) t.true(lines.length > 0);
    return view;
  } finally {
    ns.del();
  }
}

test('the view a consumer keeps from watch() equals ip -j after a flood of changes', async (t) => {
  const view = await floodWhileWatching(t, 48);
  t.true(view.changes > 100, `only ${view.changes} changes`);
  t.is(view.resyncs, 0);
});

test('with a tiny receive buffer the kernel drops notifications: watch resyncs and the view still ends right', async (t) => {
  const view = await floodWhileWatching(t, 48, 1);
  t.true(view.resyncs > 0, 'no resync event');
});

test('routes the kernel flushes or flags without a notification (device down, carrier lost) leave or change in the view', async (t) => {
  const ns = freshNetns('wat');
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  try {
    await using api = await IpRoute.open({ netns: ns.name });
    const run = (...lines: string[]) => { for (const l of lines) ip('-n', ns.name, ...l.split(' ')); };
    // IPv4 only: IPv6's own route notifications on link down (fe80::/64) would make the watch
    // dump routes anyway, hiding whether the link event alone leads it to.
    ip('netns', 'exec', ns.name, 'sysctl', '-qw', 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1');
    run('link add wa0 type veth peer name wb0', 'link add wa1 type veth peer name wb1',
      'link set wa0 up', 'link set wb0 up', 'link set wa1 up', 'link set wb1 up',
      'addr add 10.7.0.1/24 dev wa0', 'addr add 10.8.0.1/24 dev wa1',
      'route add 10.70.0.0/16 via 10.7.0.2', 'route add 10.80.0.0/16 via 10.8.0.2');
    const it = api.watch(['link', 'route']);
    const view = new View();
    const consuming = consume(it, view);
    for (let i = 0; i < 200 && !view.snap; i++) await sleep(20);
    run('link set wa1 down'); // its routes are flushed
    run('link set wb0 down'); // wa0 loses its carrier: its routes are flagged linkdown
    let diff = {};
    for (let i = 0; i < 10; i++) {
      await sleep(300);
      diff = differences(fromView(view.snap!), fromIp(ns.name));
      delete (diff as Record<string, unknown>).addr; // not watched
      delete (diff as Record<string, unknown>).neigh;
      if (Object.keys(diff).length === 0) break;
    }
    await it.return();
    await consuming;
    t.deepEqual(diff, {});
    const routes = fromIp(ns.name).route!;
    t.true(routes.some((r) => r.includes('10.70.0.0/16') && r.includes('linkdown')), routes.join('\n'));
    t.false(routes.some((r) => r.includes('10.80.0.0/16')));
  } finally {
    ns.del();
  }
});

test('watch yields the snapshot first, then changes made after it; the kinds are checked', async (t) => {
  const ns = freshNetns('wat');
  try {
    await using api = await IpRoute.open({ netns: ns.name });
    ip('-n', ns.name, 'link', 'add', 'wx0', 'type', 'veth', 'peer', 'name', 'wx1');
    const it = api.watch(['link']);
    const first = (await it.next()).value as WatchEvent;
    t.is(first.type, 'snapshot');
    if (first.type !== 'snapshot') return;
    t.deepEqual([...first.snapshot.link.values()].map((l) => l.ifname).sort(), ['lo', 'wx0', 'wx1']);
    t.is(first.snapshot.addr.size, 0); // not watched
    ip('-n', ns.name, 'link', 'set', 'wx0', 'mtu', '1280');
    const next = (await it.next()).value as WatchEvent;
    t.like(next, { type: 'link', action: 'new' });
    if (next.type === 'link') t.is(next.link.mtu, 1280);
    await it.return();
    t.throws(() => api.watch(['bogus' as 'link']), { message: /unknown watch kind/ });
    t.throws(() => api.watch([]), { message: /at least one/ });
    // return() ends a watch even while a next() is waiting for a change.
    const idle = api.watch(['neigh']);
    t.is((await idle.next()).value?.type, 'snapshot');
    const waiting = idle.next();
    await idle.return();
    t.deepEqual(await waiting, { value: undefined, done: true });
  } finally {
    ns.del();
  }
});
