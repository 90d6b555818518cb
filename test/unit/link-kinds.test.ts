/**
 * Link kinds as plugs: every kind's spec is checked key by key before anything is sent, and
 * vlan's requests are iproute2's bytes. Golden requests were captured from iproute2 6.1.0
 * (`strace -e trace=sendmsg -e write=all ip link add ...` in a sandbox where lo is ifindex 1);
 * seq and port id are masked.
 */
import test from 'ava';
import { LinkService } from '../../src/api/link.js';
import { UnknownOptionError, InvalidArgumentError } from '../../src/api/errors.js';
import { KIND_DRIVERS, SLAVE_DRIVERS } from '../../src/api/kinds/index.js';
import { CLI_KINDS } from '../../src/cli/kinds/index.js';
import { EncodeError } from '../../src/netlink/index.js';
import { LINK_KINDS, SLAVE_KINDS, encodeLinkMessage, newIfInfoMsg } from '../../src/rtnl/link/index.js';
import { AttrWriter } from '../../src/netlink/index.js';
import { stubContext, toHex } from './_fixtures.js';

/**
 * The request as Conn sends it (NLM_F_REQUEST | NLM_F_ACK added to the writer's flags), with
 * nlmsg_seq and nlmsg_pid zeroed.
 */
function masked(b: Uint8Array): string {
  const m = Uint8Array.from(b);
  m[6]! |= 0x05;
  m.fill(0, 8, 16);
  return toHex(m);
}

test('a misspelt option of any kind is refused before any request or lookup', async (t) => {
  for (const kind of Object.keys(KIND_DRIVERS)) {
    const { ctx, sent, lookups } = stubContext();
    const e = await t.throwsAsync(new LinkService(ctx).add({ name: 'x0', type: kind, link: 'eth0', lerning: 1 } as never), { instanceOf: UnknownOptionError });
    t.is(e?.key, 'lerning', kind);
    t.regex(e?.message ?? '', new RegExp(`"lerning".*${kind}`));
    t.deepEqual(sent, [], kind);
    t.deepEqual(lookups, [], kind);
  }
  const { ctx, sent } = stubContext();
  const link = new LinkService(ctx);
  await t.throwsAsync(link.set('eth0', { type: 'bridge', stp_state: 1 } as never), { instanceOf: UnknownOptionError });
  await t.throwsAsync(link.set('eth0', { type: 'bridge_slave', hairpinn: true } as never), { instanceOf: UnknownOptionError });
  await t.throwsAsync(link.set('eth0', { mtuu: 1400 } as never), { instanceOf: UnknownOptionError });
  await t.throwsAsync(link.add({ type: 'veth', peer: { name: 'p', mttu: 1 } } as never), { instanceOf: UnknownOptionError });
  await t.throwsAsync(link.add({ type: 'nlmon', id: 3 } as never), { instanceOf: UnknownOptionError });
  t.deepEqual(sent, []);
});

test('the compiler holds each layer to the same kinds', (t) => {
  // Every API driver has a CLI plug (the CLI table is typed over the drivers), and every rtnl
  // codec a driver: a kind missing in one layer shows here as well as in the types.
  t.deepEqual(Object.keys(CLI_KINDS).sort(), Object.keys(KIND_DRIVERS).sort());
  for (const kind of Object.keys(LINK_KINDS)) t.true(kind in KIND_DRIVERS, kind);
  for (const kind of Object.keys(SLAVE_KINDS)) t.true(`${kind}_slave` in SLAVE_DRIVERS, `${kind}_slave`);
});

test('an attribute object with a field its table lacks is an EncodeError, not dropped', (t) => {
  const w = new AttrWriter();
  const e = t.throws(() => encodeLinkMessage(w, { ifinfo: newIfInfoMsg(), attrs: { linkinfo: { kind: 'vxlan', data: { id: 42, lerning: 1 } as never } } }), { instanceOf: EncodeError });
  t.is(e?.attr, 'lerning');
  t.is(e?.set, 'IFLA_VXLAN');
});

test('vlan: the request is iproute2\'s, option for option', async (t) => {
  const cases: [object, string][] = [
    // ip link add link lo name v10 type vlan id 10
    [{ link: 1, name: 'v10', type: 'vlan', id: 10 },
      '4800000010000506000000000000000000000000000000000000000000000000080005000100000008000300763130001800120008000100766c616e0c000200060001000a000000'],
    // ip link add link lo name v10 type vlan protocol 802.1ad id 10 gvrp on egress-qos-map 1:2 3:4 reorder_hdr off
    [{ link: 1, name: 'v10', type: 'vlan', protocol: '802.1ad', id: 10, gvrp: true, egressQosMap: [[1, 2], [3, 4]], reorderHdr: false },
      '7800000010000506000000000000000000000000000000000000000000000000080005000100000008000300763130004800120008000100766c616e3c0002000600050088a80000060001000a0000001c0003000c00010001000000020000000c00010003000000040000000c0002000200000003000000'],
  ];
  for (const [spec, want] of cases) {
    const { ctx, sent } = stubContext(1);
    await new LinkService(ctx).add(spec as never, { echo: false });
    t.is(masked(sent[0]!.bytes), want);
  }
});

test('vlan: a bad id, a missing lower device or protocol is refused before any request', async (t) => {
  const { ctx, sent } = stubContext();
  const link = new LinkService(ctx);
  await t.throwsAsync(link.add({ name: 'v', type: 'vlan', link: 'eth0', id: 4095 }), { instanceOf: InvalidArgumentError, message: /vlan id "4095"/ });
  await t.throwsAsync(link.add({ name: 'v', type: 'vlan', id: 10 } as never), { message: 'a vlan link needs a lower device (link)' });
  await t.throwsAsync(link.add({ name: 'v', type: 'vlan', link: 'eth0' } as never), { message: 'a vlan link needs an id' });
  await t.throwsAsync(link.add({ name: 'v', type: 'vlan', link: 'eth0', id: 1, protocol: '802.1x' as never }), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(link.add({ name: 'v', type: 'vlan', link: 'eth0', id: 1, egressQosMap: [[1, 9]] }), { instanceOf: InvalidArgumentError });
  t.deepEqual(sent, []);
});
