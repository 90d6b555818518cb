/**
 * Bad options of the kinds vlan, macvlan/macvtap, ipvlan/ipvtap, vrf, bond, bond_slave and tun/tap:
 * each is a clear InvalidArgumentError, and nothing is sent nor looked up (the stub context
 * records both). The requests themselves are checked against iproute2's in the kernel suite
 * (test/kernel/parity-*.test.ts).
 */
import test, { type ExecutionContext } from 'ava';
import { LinkService } from '../../src/api/link.js';
import { InvalidArgumentError } from '../../src/api/errors.js';
import type { LinkChange, LinkSpec } from '../../src/api/link-types.js';
import { stubContext } from './_fixtures.js';

/** Every spec is refused with InvalidArgumentError (message matching, when given) before any request. */
async function refusedAdd(t: ExecutionContext, cases: readonly [unknown, RegExp?][]): Promise<void> {
  for (const [spec, message] of cases) {
    const { ctx, sent, lookups } = stubContext();
    const e = await t.throwsAsync(new LinkService(ctx).add(spec as LinkSpec), { instanceOf: InvalidArgumentError }, JSON.stringify(spec));
    if (message) t.regex(e?.message ?? '', message, JSON.stringify(spec));
    t.deepEqual(sent, [], JSON.stringify(spec));
    t.deepEqual(lookups, [], JSON.stringify(spec));
  }
}

async function refusedSet(t: ExecutionContext, cases: readonly [unknown, RegExp?][]): Promise<void> {
  for (const [change, message] of cases) {
    const { ctx, sent, lookups } = stubContext();
    const e = await t.throwsAsync(new LinkService(ctx).set('x0', change as LinkChange), { instanceOf: InvalidArgumentError }, JSON.stringify(change));
    if (message) t.regex(e?.message ?? '', message, JSON.stringify(change));
    t.deepEqual(sent, [], JSON.stringify(change));
    t.deepEqual(lookups, [], JSON.stringify(change));
  }
}

test('macvlan/macvtap: bad modes, flags, source MACs and queue lengths are refused before any request', async (t) => {
  const mv = { name: 'm0', type: 'macvlan', link: 'eth0' };
  await refusedAdd(t, [
    [{ name: 'm0', type: 'macvlan', mode: 'bridge' }, /needs a lower device/],
    [{ ...mv, mode: 'l2' }, /macvlan mode "l2"/],
    [{ ...mv, type: 'macvtap', mode: 'bridgE' }, /macvtap mode/],
    [{ ...mv, mode: 'bridge', flags: ['nopromisc'] }, /nopromisc flag only valid in passthru mode/],
    [{ ...mv, flags: ['nodst'], mode: 'vepa', bcqueuelen: -1 }, /bcqueuelen/],
    [{ ...mv, flags: 'nodst' }, /flags/],
    [{ ...mv, flags: ['promisc'] }, /flag "promisc"/],
    [{ ...mv, mode: 'source', macaddr: { set: ['00:11:22:33:44'] } }, /6-byte MAC/],
    [{ ...mv, mode: 'source', macaddr: { set: '00:11:22:33:44:55' } }, /macaddr set/],
    [{ ...mv, mode: 'source', macaddr: { add: '00:11:22:33:44:55', del: '00:11:22:33:44:55' } }, /one of/],
    [{ ...mv, mode: 'source', macaddr: { flush: false } }, /one of/],
    [{ ...mv, mode: 'source', macaddr: 'flush' }, /one of/],
    [{ ...mv, bcqueuelen: 2 ** 32 }, /bcqueuelen/],
  ]);
  await refusedSet(t, [
    [{ type: 'macvlan', macaddr: { del: 'zz:11:22:33:44:55' } }, /macaddr del/],
    [{ type: 'macvlan', flags: ['nopromisc'] }, /passthru/],
  ]);
});

test('vlan: bad ids, protocols, flags and QoS maps are refused before any request', async (t) => {
  const v = { name: 'v0', type: 'vlan', link: 'eth0', id: 10 };
  await refusedAdd(t, [
    [{ ...v, id: 4095 }, /vlan id "4095"/],
    [{ ...v, id: -1 }, /vlan id/],
    [{ ...v, id: 1.5 }, /vlan id/],
    [{ name: 'v0', type: 'vlan', id: 10 }, /needs a lower device/],
    [{ name: 'v0', type: 'vlan', link: 'eth0' }, /needs an id/],
    [{ ...v, protocol: '802.1x' }, /vlan protocol/],
    [{ ...v, gvrp: 'on' }, /gvrp/],
    [{ ...v, ingressQosMap: [[8, 1]] }, /ingress-qos-map from/],
    [{ ...v, egressQosMap: [[1, 8]] }, /egress-qos-map to/],
    [{ ...v, egressQosMap: [[1]] }, /pairs/],
    [{ ...v, egressQosMap: '1:2' }, /pairs/],
  ]);
  await refusedSet(t, [
    [{ type: 'vlan', id: 4095 }, /vlan id/],
    [{ type: 'vlan', reorderHdr: 2 }, /reorderHdr/],
  ]);
});

test('ipvlan/ipvtap: a missing lower device, an unknown mode or flag is refused before any request', async (t) => {
  const i = { name: 'i0', type: 'ipvlan', link: 'eth0' };
  await refusedAdd(t, [
    [{ name: 'i0', type: 'ipvlan', mode: 'l2' }, /needs a lower device/],
    [{ ...i, mode: 'l4' }, /ipvlan mode "l4"/],
    [{ ...i, type: 'ipvtap', mode: 'L2' }, /ipvtap mode/],
    [{ ...i, flag: 'passthru' }, /ipvlan flag "passthru"/],
    [{ ...i, flag: ['private'] }, /ipvlan flag/],
  ]);
  await refusedSet(t, [[{ type: 'ipvlan', mode: 3 }, /ipvlan mode/]]);
});

test('vrf: a missing or unknown table is refused before any request', async (t) => {
  await refusedAdd(t, [
    [{ name: 'vrf0', type: 'vrf' }, /needs a table/],
    [{ name: 'vrf0', type: 'vrf', table: 'nosuchtable' }, /vrf table "nosuchtable"/],
    [{ name: 'vrf0', type: 'vrf', table: -1 }, /vrf table/],
    [{ name: 'vrf0', type: 'vrf', table: 2 ** 32 }, /vrf table/],
    [{ name: 'vrf0', type: 'vrf', table: [10] }, /vrf table/],
  ]);
  await refusedSet(t, [[{ type: 'vrf_slave', table: 10 }, /unknown option "table" for a vrf_slave link/]]);
});

test('vrf: the table by number or by name', async (t) => {
  for (const [table, id] of [[10, 10], ['main', 254], ['0x20', 32]] as const) {
    const { ctx, sent } = stubContext();
    await new LinkService(ctx).add({ name: 'vrf0', type: 'vrf', table }, { echo: false });
    const bytes = sent[0]!.bytes;
    // IFLA_VRF_TABLE (len 8, type 1) closes the request
    t.deepEqual([...bytes.subarray(bytes.length - 8)], [8, 0, 1, 0, id, 0, 0, 0], String(table));
  }
});

test('bond and bond_slave: a mode that does not exist and other bad values are refused before any request', async (t) => {
  const b = { name: 'b0', type: 'bond' };
  const many = Array.from({ length: 17 }, (_, i) => `10.0.0.${i + 1}`);
  await refusedAdd(t, [
    [{ ...b, mode: 'balance' }, /bond mode "balance"/],
    [{ ...b, mode: 4 }, /bond mode/],
    [{ ...b, miimon: -1 }, /miimon/],
    [{ ...b, updelay: 2 ** 32 }, /updelay/],
    [{ ...b, arpIpTarget: many }, /at most 16/],
    [{ ...b, arpIpTarget: ['10.0.0.256'] }, /arp_ip_target address "10.0.0.256"/],
    [{ ...b, arpIpTarget: '10.0.0.1' }, /arp_ip_target/],
    [{ ...b, nsIp6Target: ['10.0.0.1'] }, /ns_ip6_target address/],
    [{ ...b, arpValidate: 'some' }, /arp_validate/],
    [{ ...b, xmitHashPolicy: 'layer4' }, /xmit_hash_policy/],
    [{ ...b, lacpRate: 'medium' }, /lacp_rate/],
    [{ ...b, lacpActive: 'on' }, /lacp_active/],
    [{ ...b, adActorSystem: '02:00:00:00:00:zz' }, /ad_actor_system/],
    [{ ...b, adUserPortKey: 0x10000 }, /ad_user_port_key/],
    [{ ...b, useCarrier: 256 }, /use_carrier/],
    [{ ...b, numGratArp: 256 }, /num_grat_arp/],
    [{ ...b, activeSlave: 'eth\u00000' }, /NUL/],
  ]);
  await refusedSet(t, [
    [{ type: 'bond_slave', queueId: 0x10000 }, /queue_id/],
    [{ type: 'bond_slave', prio: 2 ** 31 }, /prio/],
    [{ type: 'bond', primaryReselect: 'never' }, /primary_reselect/],
  ]);
});

test('bond: devices are looked up after every check, in the order the options name them', async (t) => {
  const { ctx, sent, lookups } = stubContext(7);
  await new LinkService(ctx).set('b0', { type: 'bond', primary: 'eth1', miimon: 100, activeSlave: 'eth2' });
  t.deepEqual(lookups, ['eth1', 'eth2', 'b0']);
  t.is(sent.length, 1);
  const { ctx: ctx2, sent: sent2 } = stubContext(7);
  await new LinkService(ctx2).set('b0', { type: 'bond', activeSlave: null });
  const bytes = sent2[0]!.bytes;
  // clear_active_slave: IFLA_BOND_ACTIVE_SLAVE (2) = 0 closes the request
  t.deepEqual([...bytes.subarray(bytes.length - 8)], [8, 0, 2, 0, 0, 0, 0, 0]);
});
