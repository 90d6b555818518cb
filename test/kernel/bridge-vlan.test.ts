/**
 * `rtnl-ts bridge vlan add/del`: this kernel has no bridge VLAN filtering, so the requests are
 * compared with bridge 6.1's byte for byte (RTM_SETLINK/RTM_DELLINK of AF_BRIDGE with
 * IFLA_BRIDGE_FLAGS and IFLA_BRIDGE_VLAN_INFO, ranges as a BEGIN/END pair, tunnel_info as
 * IFLA_BRIDGE_VLAN_TUNNEL_INFO); `vlan show` prints the header alone, as bridge; bad input gets
 * bridge's words and status before any request; the library refuses bad specs.
 */
import test from 'ava';
import { IpRoute } from '../../src/api/iproute.js';
import { InvalidArgumentError } from '../../src/api/errors.js';
import { assertSandboxed } from './_util.js';
import { labNs, sameAsBridge } from './bridge-helpers.js';
import { assertSameRequests } from './parity.js';

test.before(() => assertSandboxed());

const LAB = ['ip link add br0 type bridge', 'ip link add d0 type veth peer name d1', 'ip link set d0 master br0'];

test('request parity: vlan add/del', (t) => {
  for (const line of ['add vid 10 dev d0', 'add vid 10 dev d0 pvid untagged', 'add vid 10-20 dev d0 untagged master',
    'add vid 1 dev br0 self', 'del vid 10 dev d0', 'del vid 100-200 dev d0 self master', 'add dev d0 vid 4095', 'a vid 7 dev d0 help x',
    'add dev d0 vid 1000 tunnel_info id 1000', 'add dev d0 vid 10-20 tunnel_info id 0x10-0x20 untagged', 'add dev d0 vid 10-20 tunnel_info id 7',
    'del dev d0 vid 30 tunnel_info id 5-9 master', 'add dev d0 vid 30 tunnel_info i 16777215 pvid']) {
    assertSameRequests(t, `bridge vlan ${line}`, `bridge vlan ${line}`, { setup: LAB.join('; '), types: ['RTM_SETLINK', 'RTM_DELLINK'] });
  }
});

test('bad input: bridge words and status', (t) => {
  const ns = labNs(t, 'bvx', LAB);
  for (const line of ['add vid 10', 'add dev d0', 'add vid 10 dev nope', 'add vid 5000 dev d0', 'add vid 20-10 dev d0',
    'add vid 10-5000 dev d0', 'add vid 10-20 dev d0 pvid', 'frob', 'add vid 10 dev d0 tunnel_info', 'add vid 10 dev d0 tunnel_info vni 5',
    'add vid 10 dev d0 tunnel_info id 16777216', 'add vid 10-11 dev d0 tunnel_info id 5-zz', 'add vid 10 dev d0 tunnel_info id -1',
    'add vid 10-20 dev d0 tunnel_info id 1-2 pvid']) {
    const r = sameAsBridge(t, '-n', ns, 'vlan', ...line.split(' '));
    t.not(r.status, 0, line);
  }
});

test('vlan show and tunnelshow without VLAN filtering: as bridge prints them', (t) => {
  const ns = labNs(t, 'bvs', LAB);
  for (const line of ['vlan', 'vlan show', 'vlan tunnelshow', 'vlan list dev d0 vid 5', 'vlan show dev nope', 'vlan show dev d0 dev d1',
    'vlan show vid 1 vid 2']) {
    sameAsBridge(t, '-n', ns, ...line.split(' '));
    sameAsBridge(t, '-n', ns, '-j', ...line.split(' '));
  }
});

test('the library checks specs before sending', async (t) => {
  const ns = labNs(t, 'bvl', LAB);
  await using ip = await IpRoute.open({ netns: ns });
  await t.throwsAsync(ip.bridge.vlan.add({ dev: 'd0', vid: 5000 }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(ip.bridge.vlan.add({ dev: 'd0', vid: 20, vidEnd: 10 }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(ip.bridge.vlan.add({ dev: 'd0', vid: 10, vidEnd: 20, pvid: true }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(ip.bridge.vlan.add({ dev: 'd0', vid: 10, tunnelId: 1 << 24 }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(ip.bridge.vlan.add({ dev: 'd0', vid: 10, tunnelId: 1, tunnelIdEnd: 2 }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(ip.bridge.vlan.add({ dev: 'd0', vid: 10, tunnelIdEnd: 2 }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(ip.bridge.vlan.list({ dev: 'd0', vid: 3 } as never), { instanceOf: InvalidArgumentError });
  t.true((await ip.bridge.vlan.list()).every((p) => p.vlans.length === 0), 'no VLAN filtering here');
});
