/**
 * The route, neighbour and monitor printers offline: routes and neighbours built from decoded
 * messages print as iproute2 6.1 prints them (lines taken from `ip route` / `ip neigh` on kernel
 * 6.18), in text and JSON from the same calls; ip's prefix reader and the monitor's timestamp.
 */
import test from 'ava';
import { toRoute, type RouteMessage } from '../../src/rtnl/route/index.js';
import { toNeighbor, type NeighMessage } from '../../src/rtnl/neigh/index.js';
import { printRoute, type RoutePrintOptions } from '../../src/cli/route-print.js';
import { printNeighbor } from '../../src/cli/neigh-print.js';
import { readPrefix } from '../../src/cli/route.js';
import { timestampText } from '../../src/cli/monitor.js';
import { NameCache } from '../../src/cli/names.js';
import { Printer } from '../../src/cli/printer.js';

const names = new NameCache();
names.remember(2, 'eth0', 0x1043);
names.remember(3, 'veth2', 0x1043);

function route(header: Partial<RouteMessage['header']>, attrs: RouteMessage['attrs']): ReturnType<typeof toRoute> {
  return toRoute({
    header: { family: 2, dstLen: 0, srcLen: 0, tos: 0, table: 254, protocol: 3, scope: 0, type: 1, flags: 0, ...header },
    attrs,
  });
}

function both(r: ReturnType<typeof toRoute>, o: Partial<RoutePrintOptions> = {}): { text: string; json: string } {
  const opts = { details: 0, stats: 0, ...o };
  const t = new Printer();
  printRoute(t, r, opts, names);
  const j = new Printer({ json: true, pretty: false, oneline: false });
  j.begin();
  printRoute(j, r, opts, names);
  j.end();
  return { text: t.take(), json: j.take() };
}

test('default route via a gateway', (t) => {
  const r = route({}, { gateway: '172.17.0.1', oif: 2 });
  t.deepEqual(both(r), {
    text: 'default via 172.17.0.1 dev eth0 \n',
    json: '[{"dst":"default","gateway":"172.17.0.1","dev":"eth0","flags":[]}]\n',
  });
});

test('kernel prefix route with preferred source', (t) => {
  const r = route({ dstLen: 16, protocol: 2, scope: 253 }, { dst: '172.17.0.0', oif: 2, prefsrc: '172.17.0.101' });
  t.deepEqual(both(r), {
    text: '172.17.0.0/16 dev eth0 proto kernel scope link src 172.17.0.101 \n',
    json: '[{"dst":"172.17.0.0/16","dev":"eth0","protocol":"kernel","scope":"link","prefsrc":"172.17.0.101","flags":[]}]\n',
  });
});

test('multipath route with metric, -d shows type, table and defaults', (t) => {
  const r = route({ dstLen: 16, protocol: 4 }, {
    dst: '10.20.0.0', priority: 50,
    multipath: [
      { flags: 0, hops: 1, ifindex: 2, attrs: { gateway: '172.17.0.2' } },
      { flags: 0, hops: 0, ifindex: 3, attrs: { gateway: '10.1.0.2' } },
    ],
  });
  t.is(both(r).text, '10.20.0.0/16 proto static metric 50 \n\tnexthop via 172.17.0.2 dev eth0 weight 2 \n\tnexthop via 10.1.0.2 dev veth2 weight 1 \n');
  t.is(both(r).json, '[{"dst":"10.20.0.0/16","protocol":"static","metric":50,"flags":[],"nexthops":[{"gateway":"172.17.0.2","dev":"eth0","weight":2,"flags":[]},{"gateway":"10.1.0.2","dev":"veth2","weight":1,"flags":[]}]}]\n');
  t.true(both(r, { details: 1 }).text.startsWith('unicast 10.20.0.0/16 table main proto static scope global metric 50 \n'));
});

test('table 100, metrics with lock, onlink, IPv6 preference', (t) => {
  const r = route({ dstLen: 24, scope: 253 }, { dst: '10.40.0.0', oif: 3, table: 100, metrics: { lock: 1 << 2, mtu: 1400, advmss: 1300 } });
  t.deepEqual(both(r), {
    text: '10.40.0.0/24 dev veth2 table 100 scope link mtu lock 1400 advmss 1300 \n',
    json: '[{"dst":"10.40.0.0/24","dev":"veth2","table":"100","scope":"link","flags":[],"metrics":[{"mtu":1400,"advmss":1300}]}]\n',
  });
  t.is(both(route({ flags: 4, dstLen: 32 }, { dst: '10.60.0.1', gateway: '10.99.0.1', oif: 3 })).text, '10.60.0.1 via 10.99.0.1 dev veth2 onlink \n');
  const v6 = route({ family: 10, dstLen: 64 }, { dst: '2001:db8:5::', gateway: '2001:db8::2', oif: 2, priority: 10, pref: 1 });
  t.is(both(v6).text, '2001:db8:5::/64 via 2001:db8::2 dev eth0 metric 10 pref high\n');
  t.is(both(v6, { tableFixed: true, oifFixed: true }).text, '2001:db8:5::/64 via 2001:db8::2 metric 10 pref high\n');
});

test('deleted routes and blackhole types', (t) => {
  t.is(both(route({ dstLen: 24, type: 6 }, { dst: '10.50.0.0' }), { deleted: true }).text, 'Deleted blackhole 10.50.0.0/24 \n');
});

function neigh(state: number, flags: number, attrs: NeighMessage['attrs']): ReturnType<typeof toNeighbor> {
  return toNeighbor({ header: { family: 2, ifindex: 2, state, flags, type: 1 }, attrs });
}

test('neighbours: text and JSON', (t) => {
  const n = neigh(0x04, 0x80, { dst: '10.0.0.2', lladdr: '02:00:00:00:00:02' });
  const text = new Printer();
  printNeighbor(text, n, { stats: 0, brief: false }, names);
  t.is(text.take(), '10.0.0.2 dev eth0 lladdr 02:00:00:00:00:02 router STALE \n');
  const json = new Printer({ json: true, pretty: false, oneline: false });
  json.begin();
  printNeighbor(json, n, { stats: 0, brief: false }, names);
  json.end();
  t.is(json.take(), '[{"dst":"10.0.0.2","dev":"eth0","lladdr":"02:00:00:00:00:02","router":null,"state":["STALE"]}]\n');
  const brief = new Printer();
  printNeighbor(brief, n, { stats: 0, brief: true, devFixed: true }, names);
  t.is(brief.take(), `${'10.0.0.2'.padEnd(39)} 02:00:00:00:00:02\n`);
  const del = new Printer();
  printNeighbor(del, neigh(0x80, 0, { dst: '10.0.0.5', lladdr: '02:00:00:00:00:05' }), { stats: 0, brief: false, deleted: true }, names);
  t.is(del.take(), 'Deleted 10.0.0.5 dev eth0 lladdr 02:00:00:00:00:05 PERMANENT \n');
});

test('readPrefix follows get_prefix: default, any, short IPv4, lengths', (t) => {
  t.like(readPrefix('default', 0, true), { family: 0, bitlen: 0, specified: true, any: true });
  t.like(readPrefix('any', 2, true), { family: 2, bitlen: 0, specified: false, any: true });
  t.like(readPrefix('10.1', 0, true), { family: 2, bitlen: 32, text: '10.1.0.0' });
  t.like(readPrefix('10.0.0.0/8', 0, true), { family: 2, bitlen: 8, specified: true });
  t.like(readPrefix('2001:db8::/64', 0, true), { family: 10, bitlen: 64 });
  t.is(readPrefix('10.0.0.0/33', 0, true), undefined);
  t.is(readPrefix('2001:db8::1', 2, true), undefined);
  t.is(readPrefix('1.2.3.4.5', 0, true), undefined);
  t.is(readPrefix('256.1.1.1', 0, false), undefined);
  // IPv6 as inet_pton reads it: the embedded dotted quad, no zone index.
  t.like(readPrefix('::1.2.3.4', 0, false), { family: 10, text: '::1.2.3.4' });
  t.is(readPrefix('fe80::1%eth0', 0, false), undefined);
  t.is(readPrefix('2001:db8::1::2', 10, false), undefined);
});

test('monitor timestamps: asctime form and -ts form', (t) => {
  const d = new Date(2026, 10, 7, 8, 5, 9);
  t.is(timestampText(d, 43916, false), 'Timestamp: Sat Nov  7 08:05:09 2026 43916 usec\n');
  t.is(timestampText(d, 43916, true), '[2026-11-07T08:05:09.043916] ');
});
