/**
 * The bridge kind and the bridge port options (issue 18): golden requests captured from iproute2
 * 6.1.0 (`strace -e trace=sendmsg -e write=all`, in a sandbox with br0 = 2, d1 = 3, d0 = 4 as
 * br0's port; seq and port id masked), the CLI words read into options in iproute2's order of
 * matching, and bad values refused before any request.
 */
import test from 'ava';
import type { ApiContext } from '../../src/api/context.js';
import { InvalidArgumentError } from '../../src/api/errors.js';
import { bridgeDriver } from '../../src/api/kinds/bridge.js';
import { LinkService } from '../../src/api/link.js';
import { bridgeCli } from '../../src/cli/kinds/bridge.js';
import { bridgeSlaveCli } from '../../src/cli/kinds/bridge_slave.js';
import { CliExit, CliFailure } from '../../src/cli/errors.js';
import { Words } from '../../src/cli/words.js';
import { toHex } from './_fixtures.js';

/** A context whose lookups know br0, d1 and d0 as iproute2's sandbox numbered them. */
function stub(): { ctx: ApiContext; sent: Uint8Array[] } {
  const sent: Uint8Array[] = [];
  const index: Record<string, number> = { lo: 1, br0: 2, d1: 3, d0: 4 };
  const ctx = {
    conn: { request: async (bytes: Uint8Array) => { sent.push(bytes); return []; } },
    ifindex: async (dev: string | number) => (typeof dev === 'number' ? dev : index[dev]!),
  } as unknown as ApiContext;
  return { ctx, sent };
}

/** The request as Conn sends it (NLM_F_REQUEST | NLM_F_ACK), seq and pid zeroed. */
function masked(b: Uint8Array): string {
  const m = Uint8Array.from(b);
  m[6]! |= 0x05;
  m.fill(0, 8, 16);
  return toHex(m);
}

test('bridge: the create request is iproute2\'s, boolean options last in one br_boolopt_multi', async (t) => {
  // ip link add br1 type bridge forward_delay 500 no_linklocal_learn 1 mcast_querier_interval 26000
  //   vlan_protocol 802.1ad group_address 01:80:c2:00:00:0e mcast_vlan_snooping 0 fdb_flush stp_state 1
  const { ctx, sent } = stub();
  await new LinkService(ctx).add({
    name: 'br1', type: 'bridge', forwardDelay: 500, noLinklocalLearn: 1, mcastQuerierInterval: 26000, vlanProtocol: '802.1ad',
    groupAddress: '01:80:c2:00:00:0e', mcastVlanSnooping: false, fdbFlush: true, stpState: 1,
  }, { echo: false });
  t.is(masked(sent[0]!), '7c000000100005060000000000000000000000000000000000000000000000000800030062723100540012000a00010062726964676500004400020008000100f40100000c00200090650000000000000600080088a800000a0014000180c200000e00000400150008000500010000000c002e000100000003000000');
});

test('bridge_slave: the change request is iproute2\'s, backup port looked up, nobackup_port as 0', async (t) => {
  const { ctx, sent } = stub();
  const link = new LinkService(ctx);
  // ip link set dev d0 type bridge_slave state 3 hairpin on cost 7 backup_port d1 mcast_router 2
  await link.set('d0', { type: 'bridge_slave', state: 'forwarding', hairpin: true, cost: 7, backupPort: 'd1', mcastRouter: 2 });
  t.is(masked(sent[0]!), '600000001000050000000000000000000000000004000000000000000000000040001200100001006272696467655f736c6176652c00050005000100030000000500040001000000080003000700000008002200030000000500190002000000');
  // ip link set dev d0 type bridge_slave nobackup_port
  await link.set('d0', { type: 'bridge_slave', backupPort: null });
  t.is(masked(sent[1]!), '400000001000050000000000000000000000000004000000000000000000000020001200100001006272696467655f736c6176650c0005000800220000000000');
});

test('bridge: bad values are refused before any request, naming the option', async (t) => {
  const { ctx, sent } = stub();
  const link = new LinkService(ctx);
  const bad: Record<string, unknown>[] = [
    { priority: 65536 }, { forwardDelay: -1 }, { vlanFiltering: 256 }, { vlanFiltering: 'yes' }, { vlanProtocol: '802.1x' },
    { vlanProtocol: 0x10000 }, { vlanDefaultPvid: 4095 }, { groupAddress: 'zz' }, { mcastQueryInterval: -1 },
    { mcastQueryInterval: 2 ** 64 }, { mcastQueryInterval: 1.5 }, { fdbFlush: false }, { noLinklocalLearn: 'on' },
    { mcastIgmpVersion: 300 },
  ];
  for (const o of bad) {
    const e = await t.throwsAsync(link.add({ name: 'br1', type: 'bridge', ...o } as never), { instanceOf: InvalidArgumentError }, JSON.stringify(o));
    t.is(e?.argument, Object.keys(o)[0]);
  }
  for (const o of [{ state: 'blocked' }, { state: 256 }, { hairpin: 'on' }, { cost: -1 }, { fastleave: true, mcastFastLeave: false }, { fdbFlush: 1 }]) {
    await t.throwsAsync(link.set('d0', { type: 'bridge_slave', ...o } as never), { instanceOf: InvalidArgumentError }, JSON.stringify(o));
  }
  t.deepEqual(sent, []);
});

test('bridge: u64 intervals take numbers and bigints; the protocol a word in any case or a number', (t) => {
  const b = { op: 'add', kind: 'bridge' } as never;
  t.deepEqual(bridgeDriver.build({ mcastQueryInterval: 12500, mcastMembershipInterval: 2n ** 63n }, b),
    { mcastQueryIntvl: 12500n, mcastMembershipIntvl: 2n ** 63n });
  t.deepEqual(bridgeDriver.build({ vlanProtocol: '802.1Q' }, b), { vlanProtocol: 0x8100 });
  t.deepEqual(bridgeDriver.build({ vlanProtocol: 0x88a8 }, b), { vlanProtocol: 0x88a8 });
  t.deepEqual(bridgeDriver.build({ noLinklocalLearn: true, mcastVlanSnooping: 1, stpState: 2 }, b),
    { stpState: 2, multiBoolopt: { optval: 3, optmask: 3 } });
  t.is(bridgeDriver.build({}, b), undefined);
});

async function parse(plug: typeof bridgeCli | typeof bridgeSlaveCli, words: string): Promise<unknown> {
  const env = { ip: { ctx: { ifindex: async () => 7 } }, op: 'set', kind: 'x' } as never;
  return (await plug.parse!(new Words(words.split(' ')), env)).options;
}

test('bridge words: iproute2\'s order of matching, exact words, errors in its words', async (t) => {
  t.deepEqual(await parse(bridgeCli, 'forw 1 mcast_q 1 mcast_querier 0 mcast_querier_i 5 vlan_p 802.1q group_a 1:80:c2:0:0:e fdb'), {
    forwardDelay: 1, mcastQueryUseIfaddr: 1, mcastQuerier: 0, mcastQuerierInterval: 5n, vlanProtocol: '802.1Q',
    groupAddress: '01:80:c2:00:00:0e', fdbFlush: true,
  });
  t.deepEqual(await parse(bridgeCli, 'no_linklocal_learn 1 mcast_vlan_snooping 0 vlan_protocol 0x88A8'),
    { noLinklocalLearn: 1, mcastVlanSnooping: 0, vlanProtocol: 0x88a8 });
  const unknown = await t.throwsAsync(parse(bridgeCli, 'no_linklocal_lear 1'), { instanceOf: CliFailure });
  t.regex(unknown!.message, /^bridge: unknown command "no_linklocal_lear"\?\nUsage: \.\.\. bridge \[ fdb_flush \]\n/);
  t.is((await t.throwsAsync(parse(bridgeCli, 'priority 65536'), { instanceOf: CliExit }))?.message,
    'Error: argument "65536" is wrong: invalid priority');
  t.is((await t.throwsAsync(parse(bridgeCli, 'vlan_filtering 256'), { instanceOf: CliExit }))?.message,
    'Error: argument "256" is wrong: invalid vlan_filtering');
  t.is((await t.throwsAsync(parse(bridgeCli, 'group_address zz'), { instanceOf: CliFailure }))?.message, '"zz" is invalid lladdr.');
  t.is((await t.throwsAsync(parse(bridgeCli, 'help'), { instanceOf: CliFailure }))?.status, 1);
});

test('bridge_slave words: on/off abbreviations, devices looked up, the later of fastleave and mcast_fast_leave', async (t) => {
  t.deepEqual(await parse(bridgeSlaveCli, 'hair o learn on st 2 cost 0x10 backup_port d1 nobackup_port'), {
    hairpin: false, learning: true, state: 2, cost: 16, backupPort: null,
  });
  t.deepEqual(await parse(bridgeSlaveCli, 'fastleave on mcast_fast_leave off'), { mcastFastLeave: false });
  t.is((await t.throwsAsync(parse(bridgeSlaveCli, 'hairpin x'), { instanceOf: CliFailure }))?.message,
    'Error: argument of "hairpin" must be one of "off", "on", not "x"');
  t.is((await t.throwsAsync(parse(bridgeSlaveCli, 'state 256'), { instanceOf: CliExit }))?.message,
    'Error: argument "256" is wrong: state is invalid');
  const mab = await t.throwsAsync(parse(bridgeSlaveCli, 'mab on'), { instanceOf: CliFailure });
  t.regex(mab!.message, /^bridge_slave: unknown option "mab"\?\nUsage: \.\.\. bridge_slave \[ fdb_flush \]/);
});
