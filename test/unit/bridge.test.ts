/**
 * The bridge family's codecs and request builders, without privilege: the AF_BRIDGE IFLA_AF_SPEC
 * table both ways (VLAN infos repeated in wire order, unknown children kept), a port's
 * IFLA_PROTINFO read nested or bare, `bridge link set`'s RTM_SETLINK bytes, VLAN and tunnel
 * ranges joined from their BEGIN/END entries, `bridge vlan add ... tunnel_info`'s IFLA_AF_SPEC, and
 * the mdb's request bytes and dump messages.
 */
import test from 'ava';
import { AttrWriter, MessageWriter, NLA_F_NESTED } from '../../src/netlink/index.js';
import { AF_BRIDGE } from '../../src/rtnl/common.js';
import {
  bridgeAfSpecTable, bridgeVlans, bridgeVlanTunnels, toBridgeLink, BRIDGE_VLAN_INFO_PVID, BRIDGE_VLAN_INFO_RANGE_BEGIN,
  BRIDGE_VLAN_INFO_RANGE_END, BRIDGE_VLAN_INFO_UNTAGGED, ETH_P_IP, MDB_PERMANENT, MDB_RTR_TYPE_PERM, MDBA_MDB, MDBA_MDB_EATTR_TIMER,
  MDBA_MDB_ENTRY, MDBA_MDB_ENTRY_INFO, MDBA_ROUTER, MDBA_ROUTER_PATTR_TYPE, MDBA_ROUTER_PORT, RTM_GETMDB, RTM_NEWMDB, brPortMsg,
  decodeMdbMessage, encodeBrMdbEntry, encodeMdbRequest, mdbGroupText,
} from '../../src/rtnl/bridge/index.js';
import { buildBridgeVlanSpec } from '../../src/api/bridge-vlan.js';
import { IFLA_AF_SPEC, IFLA_PROTINFO, decodeLinkMessage, encodeLinkMessage, newIfInfoMsg } from '../../src/rtnl/link/index.js';
import { buildBridgeLinkRequest, encodeBridgeSetLink } from '../../src/api/bridge-link.js';
import { InvalidArgumentError } from '../../src/api/errors.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

test('IFLA_AF_SPEC of AF_BRIDGE: repeated VLAN infos in wire order, unknown children kept, both ways', (t) => {
  // IFLA_BRIDGE_VLAN_INFO {flags PVID|UNTAGGED, vid 1}, {flags 0, vid 10}, then an unknown type 99
  const bytes = Buffer.from('080002000600010008000200000' + '00a00' + '0800630001020304', 'hex');
  const v = bridgeAfSpecTable.decode(bytes, 0, bytes.length);
  t.deepEqual(v.vlanInfo, [{ flags: BRIDGE_VLAN_INFO_PVID | BRIDGE_VLAN_INFO_UNTAGGED, vid: 1 }, { flags: 0, vid: 10 }]);
  t.is(v.unknown?.[0]?.type, 99);
  const w = new AttrWriter();
  bridgeAfSpecTable.encode(w, v);
  t.is(hex(w.buf.subarray(0, w.len)), hex(bytes));
});

test('toBridgeLink reads IFLA_PROTINFO nested (port settings) or bare (an STP state)', (t) => {
  const msg = (nested: boolean): Uint8Array => {
    const w = new MessageWriter(16, 0);
    encodeLinkMessage(w, { ifinfo: newIfInfoMsg({ family: AF_BRIDGE, index: 4 }), attrs: { ifname: 'd0', master: 3 } });
    if (nested) w.nested(IFLA_PROTINFO | NLA_F_NESTED, () => { w.u8(1, 3); w.u16(2, 32); w.u32(3, 2); w.u8(4, 1); });
    else w.u8(IFLA_PROTINFO, 4);
    w.nested(IFLA_AF_SPEC, () => { w.u16(1, 1); });
    return w.finish().subarray(16);
  };
  const a = toBridgeLink(decodeLinkMessage(msg(true)));
  t.like(a, { ifindex: 4, ifname: 'd0', master: 3, protinfo: { state: 3, priority: 32, cost: 2, mode: 1 }, bridgeAfSpec: { mode: 1 } });
  const b = toBridgeLink(decodeLinkMessage(msg(false)));
  t.is(b.protinfoState, 4);
  t.is(b.protinfo, undefined);
});

test('bridge link set: the request is bridge\'s, attributes in its order; bad values are refused', (t) => {
  const { port, flags, mode } = buildBridgeLinkRequest({ cost: 7, hairpin: true, guard: false, state: 'learning', hwmode: 'vepa', master: true }, 0);
  t.deepEqual(Object.keys(port), ['guard', 'mode', 'cost', 'state', 'backupPort']);
  const bytes = encodeBridgeSetLink(4, port, flags, mode);
  // nlmsghdr (len 0x44, RTM_SETLINK), ifinfomsg AF_BRIDGE index 4, PROTINFO|NESTED {GUARD 0, MODE 1, COST 7, STATE 2, BACKUP_PORT 0}, AF_SPEC {FLAGS 3, MODE 1}
  t.is(hex(bytes), ['60000000', '1300', '0000', '00000000', '00000000', // nlmsghdr: RTM_SETLINK
    '07', '00', '0000', '04000000', '00000000', '00000000', // ifinfomsg: AF_BRIDGE, index 4
    '2c00', '0c80', '0500050000000000', '0500040001000000', '0800030007000000', '0500010002000000', '0800220000000000',
    '1400', '1a00', '0600000003000000', '0600010001000000'].join(''));
  t.is(bytes[16], AF_BRIDGE);
  for (const bad of [{ cost: 0 }, { state: 'sleeping' }, { priority: 70000 }, { hwmode: 'vebb' }, { learning: 'yes' }, { flod: true }]) {
    t.throws(() => buildBridgeLinkRequest(bad as Parameters<typeof buildBridgeLinkRequest>[0]), { instanceOf: InvalidArgumentError }, JSON.stringify(bad));
  }
});

test('bridgeVlans / bridgeVlanTunnels join RANGE_BEGIN and RANGE_END entries; singles stay single', (t) => {
  const B = BRIDGE_VLAN_INFO_RANGE_BEGIN;
  const E = BRIDGE_VLAN_INFO_RANGE_END;
  const U = BRIDGE_VLAN_INFO_UNTAGGED;
  t.deepEqual(bridgeVlans({ vlanInfo: [{ flags: BRIDGE_VLAN_INFO_PVID, vid: 1 }, { flags: B | U, vid: 10 }, { flags: E | U, vid: 20 }, { flags: 0, vid: 30 }] }), [
    { vid: 1, pvid: true, untagged: false, flags: BRIDGE_VLAN_INFO_PVID },
    { vid: 10, vidEnd: 20, pvid: false, untagged: true, flags: E | U },
    { vid: 30, pvid: false, untagged: false, flags: 0 },
  ]);
  t.deepEqual(bridgeVlanTunnels({ vlanTunnelInfo: [{ id: 100, vid: 10, flags: B }, { id: 110, vid: 20, flags: E }, { id: 7, vid: 30 }, { id: 9 }] }), [
    { vid: 10, vidEnd: 20, tunnelId: 100, tunnelIdEnd: 110, flags: E },
    { vid: 30, tunnelId: 7, flags: 0 },
  ]);
});

test('bridge vlan add ... tunnel_info: one IFLA_BRIDGE_VLAN_TUNNEL_INFO, or a BEGIN/END pair for a range', (t) => {
  t.deepEqual(buildBridgeVlanSpec({ dev: 'd0', vid: 5, tunnelId: 50, master: true }), { flags: 1, vlanTunnelInfo: [{ id: 50, vid: 5, flags: 0 }] });
  t.deepEqual(buildBridgeVlanSpec({ dev: 'd0', vid: 5, vidEnd: 6, tunnelId: 50 }), {
    vlanTunnelInfo: [{ id: 50, vid: 5, flags: BRIDGE_VLAN_INFO_RANGE_BEGIN }, { id: 0, vid: 6, flags: BRIDGE_VLAN_INFO_RANGE_END }],
  });
  t.throws(() => buildBridgeVlanSpec({ dev: 'd0', vid: 5, tunnelId: 1 << 24 }), { instanceOf: InvalidArgumentError });
});

test('mdb: a RTM_NEWMDB request is br_port_msg + MDBA_SET_ENTRY (+ nested source); a dump message decodes back', (t) => {
  const entry = { ifindex: 5, state: MDB_PERMANENT, flags: 0, vid: 7, addr: Uint8Array.from([239, 1, 1, 1, ...new Array<number>(12).fill(0)]), proto: ETH_P_IP };
  const req = encodeMdbRequest(RTM_NEWMDB, 0, { family: AF_BRIDGE, ifindex: 3 }, entry, Uint8Array.from([10, 0, 0, 1]));
  // nlmsghdr (16, seq/pid 0), br_port_msg {7, pad, 3}, MDBA_SET_ENTRY (4 + 28), MDBA_SET_ENTRY_ATTRS|NESTED { MDBE_ATTR_SOURCE 10.0.0.1 }
  t.is(hex(req.subarray(16)), '0700000003000000' + '20000100' + '05000000' + '01000700' + 'ef010101' + '00'.repeat(12) + '08000000'
    + '0c000280' + '080001000a000001');
  // the kernel's dump message: the same entry in MDBA_MDB / MDBA_MDB_ENTRY / MDBA_MDB_ENTRY_INFO, a timer, and a router port with its type
  const w = new MessageWriter(RTM_GETMDB, 0);
  brPortMsg.encode(w, { family: AF_BRIDGE, ifindex: 3 });
  w.nested(MDBA_MDB, () => w.nested(MDBA_MDB_ENTRY, () => w.nested(MDBA_MDB_ENTRY_INFO, () => {
    const e = encodeBrMdbEntry(entry);
    w.buf.set(e, w.skip(e.length));
    w.u32(MDBA_MDB_EATTR_TIMER, 250);
    w.u8(99, 1);
  })));
  w.nested(MDBA_ROUTER, () => w.nested(MDBA_ROUTER_PORT, () => {
    w.buf.set([6, 0, 0, 0], w.skip(4));
    w.u8(MDBA_ROUTER_PATTR_TYPE, MDB_RTR_TYPE_PERM);
  }));
  const msg = w.finish();
  const m = decodeMdbMessage(msg, 16, msg.length);
  t.like(m, { family: AF_BRIDGE, ifindex: 3, routers: [{ ifindex: 6, type: MDB_RTR_TYPE_PERM }] });
  t.like(m.entries[0], { bridge: 3, ifindex: 5, vid: 7, state: MDB_PERMANENT, group: '239.1.1.1', timer: 250 });
  t.is(m.entries[0]!.unknown?.[0]?.type, 99);
  t.is(hex(encodeBrMdbEntry(m.entries[0]!)), hex(encodeBrMdbEntry(entry)));
  t.is(mdbGroupText({ ...entry, proto: 0, addr: Uint8Array.from([1, 0, 0x5e, 0, 0, 9, ...new Array<number>(10).fill(0)]) }), '01:00:5e:00:00:09');
});
