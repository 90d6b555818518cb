// The keys a watch files objects under, and applyWatchChange: what tells two objects apart is
// what the kernel tells apart.
import test from 'ava';
import {
  addrKey, applyWatchChange, linkKey, neighKey, routeKey, type Address, type Link, type Neighbor, type Route, type WatchSnapshot,
} from '../../src/index.js';

const route = (r: Partial<Route>): Route => ({ family: 'inet', type: 'unicast', dst: '10.1.0.0/24', dstLen: 24, tos: 0, table: 'main', flags: [], ...r }) as Route;

test('routes: appended routes (same prefix, other gateway) and metrics are told apart; flags are not part of the key', (t) => {
  const a = route({ gateway: '10.0.0.2', dev: 3 });
  t.not(routeKey(a), routeKey(route({ gateway: '10.0.0.3', dev: 3 })));
  t.not(routeKey(a), routeKey(route({ gateway: '10.0.0.2', dev: 3, metric: 10 })));
  t.not(routeKey(a), routeKey(route({ gateway: '10.0.0.2', dev: 3, table: '100' })));
  t.not(routeKey(a), routeKey(route({ gateway: '10.0.0.2', dev: 3, type: 'blackhole' })));
  t.not(routeKey(a), routeKey(route({ gateway: '10.0.0.2', dev: 3, from: '10.9.0.0/16' })));
  t.is(routeKey(a), routeKey(route({ gateway: '10.0.0.2', dev: 3, flags: ['linkdown'], protocol: 'static' })));
  const multipath = route({ family: 'inet6', dst: 'fd01::/64', nexthops: [{ gateway: 'fd00::2', dev: 3 }, { gateway: 'fd00::3', dev: 3 }] as Route['nexthops'] });
  t.not(routeKey(multipath), routeKey(route({ family: 'inet6', dst: 'fd01::/64', gateway: 'fd00::2', dev: 3 })));
});

test('links by ifindex, addresses by device, family, local, peer and prefix, neighbours by device, family, destination', (t) => {
  t.is(linkKey({ ifindex: 7, ifname: 'a' } as Link), linkKey({ ifindex: 7, ifname: 'b' } as Link));
  const addr = (a: Partial<Address>): Address => ({ family: 'inet', ifindex: 2, local: '10.0.0.1', prefixlen: 24, ...a }) as Address;
  t.not(addrKey(addr({})), addrKey(addr({ prefixlen: 16 })));
  t.not(addrKey(addr({})), addrKey(addr({ ifindex: 3 })));
  t.not(addrKey(addr({})), addrKey(addr({ address: '10.0.0.9' })));
  t.is(addrKey(addr({})), addrKey(addr({ flags: ['noprefixroute'] })));
  const n = (x: Partial<Neighbor>): Neighbor => ({ family: 'inet', ifindex: 2, dst: '10.0.0.2', state: ['PERMANENT'], flags: [], ...x }) as Neighbor;
  t.is(neighKey(n({})), neighKey(n({ lladdr: '02:00:00:00:00:01', state: ['STALE'] })));
  t.not(neighKey(n({})), neighKey(n({ ifindex: 3 })));
});

test('applyWatchChange sets and deletes by key, in the map of the change\'s kind', (t) => {
  const view: WatchSnapshot = { link: new Map(), addr: new Map(), route: new Map(), neigh: new Map() };
  const r = route({ gateway: '10.0.0.2', dev: 3 });
  applyWatchChange(view, { type: 'route', action: 'new', key: routeKey(r), route: r });
  t.is(view.route.get(routeKey(r)), r);
  const flagged = route({ gateway: '10.0.0.2', dev: 3, flags: ['linkdown'] });
  applyWatchChange(view, { type: 'route', action: 'new', key: routeKey(flagged), route: flagged });
  t.is(view.route.size, 1);
  t.deepEqual(view.route.get(routeKey(r))?.flags, ['linkdown']);
  applyWatchChange(view, { type: 'route', action: 'del', key: routeKey(r), route: r });
  t.is(view.route.size, 0);
  t.is(view.link.size + view.addr.size + view.neigh.size, 0);
});
