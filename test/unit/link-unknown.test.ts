/**
 * What the codec does not know survives: unknown IFLA_* ids, unknown kinds' IFLA_INFO_DATA,
 * unknown attributes inside a known kind, unknown address families and flag bits are kept and
 * re-encoded byte for byte. Also the per-instance kind registry and the odd attribute forms.
 */
import test from 'ava';
import {
  AttrTable, AttrWriter, DecodeError, NLA_F_NESTED, u32,
} from '../../src/netlink/index.js';
import {
  IFLA_AF_SPEC, IFLA_BR_FORWARD_DELAY, IFLA_BR_STP_STATE, IFLA_IFNAME, IFLA_INFO_DATA, IFLA_INFO_KIND,
  IFLA_INFO_SLAVE_DATA, IFLA_INFO_SLAVE_KIND, IFLA_LINKINFO, IFLA_MAX_PACING_OFFLOAD_HORIZON, IFLA_MTU,
  IFLA_STATS64, IFLA_VXLAN_ID, IFLA_VXLAN_TTL_INHERIT, VETH_INFO_PEER, LinkKindRegistry, BUILTIN_LINK_KINDS, LINK_KINDS, decodeLinkMessage,
  bridgeIdToString, encodeIfInfoMsg, encodeLinkMessage, newIfInfoMsg, tableKind, toLink, type LinkMessage,
} from '../../src/rtnl/link/index.js';
import { toHex } from './_fixtures.js';

const IFF_UNKNOWN_BIT = 1 << 30;

function reencode(payload: Uint8Array, registry?: LinkKindRegistry): string {
  const w = new AttrWriter();
  encodeLinkMessage(w, decodeLinkMessage(payload, registry), registry);
  return toHex(w.finish());
}

/** A payload written by hand: ifinfomsg then whatever `fill` writes. */
function payload(fill: (w: AttrWriter) => void, flags = 0): Uint8Array {
  const w = new AttrWriter();
  encodeIfInfoMsg(w, newIfInfoMsg({ index: 3, type: 1, flags }));
  fill(w);
  return w.finish();
}

test('unknown IFLA ids (plain and NLA_F_NESTED) and unknown ifi_flags bits round-trip', (t) => {
  const p = payload((w) => {
    w.str(IFLA_IFNAME, 'x0');
    w.u32(250, 0xdeadbeef);
    w.nested(251 | NLA_F_NESTED, () => w.u16(1, 7));
    w.u32(IFLA_MTU, 1400);
  }, 0x1 | IFF_UNKNOWN_BIT);
  const m = decodeLinkMessage(p);
  t.is(m.attrs.mtu, 1400);
  t.deepEqual(m.attrs.unknown!.map((u) => [u.type, u.flags]), [[250, 0], [251, NLA_F_NESTED]]);
  t.is(reencode(p), toHex(p));
  t.deepEqual(toLink(m).flags, ['NO-CARRIER', 'UP', '40000000']);
  t.is(toLink(m).ifiFlags, (0x1 | IFF_UNKNOWN_BIT) >>> 0);
});

test("an unknown kind's IFLA_INFO_DATA stays raw bytes and re-encodes unchanged", (t) => {
  let data = new Uint8Array();
  const p = payload((w) => {
    w.nested(IFLA_LINKINFO, () => {
      w.str(IFLA_INFO_KIND, 'nosuchkind');
      const at = w.len;
      w.nested(IFLA_INFO_DATA, () => { w.u32(1, 7); w.str(2, 'bar'); w.flag(3); });
      data = w.buf.slice(at + 4, w.len);
      w.u32(9, 1); // an unknown IFLA_INFO_* id as well
    });
  });
  const m = decodeLinkMessage(p);
  t.is(m.attrs.linkinfo!.kind, 'nosuchkind');
  t.true(m.attrs.linkinfo!.data instanceof Uint8Array);
  t.is(toHex(m.attrs.linkinfo!.data as Uint8Array), toHex(data));
  t.deepEqual(m.attrs.linkinfo!.unknown!.map((u) => u.type), [9]);
  t.is(reencode(p), toHex(p));
});

test('an unknown IFLA_BR attribute inside bridge data is kept in place', (t) => {
  const p = payload((w) => {
    w.nested(IFLA_LINKINFO, () => {
      w.str(IFLA_INFO_KIND, 'bridge');
      w.nested(IFLA_INFO_DATA, () => {
        w.u32(IFLA_BR_FORWARD_DELAY, 1500);
        w.bytes(99, Uint8Array.of(1, 2, 3));
        w.u32(IFLA_BR_STP_STATE, 1);
      });
    });
  });
  const m = decodeLinkMessage(p);
  t.like(m.attrs.linkinfo!.data, { forwardDelay: 1500, stpState: 1 });
  t.deepEqual((m.attrs.linkinfo!.data as { unknown: unknown }).unknown, [{ type: 99, flags: 0, data: Uint8Array.of(1, 2, 3) }]);
  t.is(reencode(p), toHex(p));
});

test('an unknown slave kind and an unknown IFLA_AF_SPEC family stay raw', (t) => {
  const p = payload((w) => {
    w.nested(IFLA_LINKINFO, () => {
      w.str(IFLA_INFO_SLAVE_KIND, 'team'); // a port kind rtnl-ts has no codec for
      w.nested(IFLA_INFO_SLAVE_DATA, () => w.u8(1, 1));
    });
    w.nested(IFLA_AF_SPEC, () => w.nested(7 /* AF_BRIDGE */, () => w.u16(1, 2)));
  });
  const m = decodeLinkMessage(p);
  t.true(m.attrs.linkinfo!.slaveData instanceof Uint8Array);
  t.deepEqual(m.attrs.afSpec!.unknown!.map((u) => u.type), [7]);
  t.is(reencode(p), toHex(p));
});

test('unknown attributes inside a veth peer (a nested link message) survive too', (t) => {
  const p = payload((w) => {
    w.nested(IFLA_LINKINFO, () => {
      w.str(IFLA_INFO_KIND, 'veth');
      w.nested(IFLA_INFO_DATA, () => w.nested(VETH_INFO_PEER, () => {
        encodeIfInfoMsg(w, newIfInfoMsg());
        w.str(IFLA_IFNAME, 'peer0');
        w.u32(240, 5);
      }));
    });
  });
  const m = decodeLinkMessage(p);
  const peer = (m.attrs.linkinfo!.data as { peer: LinkMessage }).peer;
  t.is(peer.attrs.ifname, 'peer0');
  t.deepEqual(peer.attrs.unknown!.map((u) => u.type), [240]);
  t.is(reencode(p), toHex(p));
});

test('registries are per instance: a registered kind decodes typed only where registered', (t) => {
  const foo = new AttrTable<{ x?: number }>('FOO', [{ id: 1, name: 'x', codec: u32 }]);
  const mine = new LinkKindRegistry().register('foo', tableKind(foo));
  const p = payload((w) => w.nested(IFLA_LINKINFO, () => {
    w.str(IFLA_INFO_KIND, 'foo');
    w.nested(IFLA_INFO_DATA, () => w.u32(1, 42));
  }));
  t.deepEqual(decodeLinkMessage(p, mine).attrs.linkinfo!.data, { x: 42 });
  t.true(decodeLinkMessage(p).attrs.linkinfo!.data instanceof Uint8Array);
  t.is(reencode(p, mine), toHex(p));
  const bare = new LinkKindRegistry({ builtins: false });
  const br = payload((w) => w.nested(IFLA_LINKINFO, () => {
    w.str(IFLA_INFO_KIND, 'bridge');
    w.nested(IFLA_INFO_DATA, () => w.u32(IFLA_BR_FORWARD_DELAY, 1500));
  }));
  t.true(decodeLinkMessage(br, bare).attrs.linkinfo!.data instanceof Uint8Array);
  t.like(decodeLinkMessage(br).attrs.linkinfo!.data, { forwardDelay: 1500 });
  t.deepEqual(new LinkKindRegistry().knownKinds().kinds.sort(), Object.keys(LINK_KINDS).sort());
  t.throws(() => BUILTIN_LINK_KINDS.register('foo', tableKind(foo)), { instanceOf: TypeError });
});

test('raw bytes given as data of a known kind are written as they are', (t) => {
  const raw = new AttrWriter().u32(IFLA_VXLAN_ID, 42).finish();
  const w = new AttrWriter();
  encodeLinkMessage(w, { ifinfo: newIfInfoMsg(), attrs: { linkinfo: { kind: 'vxlan', data: raw } } });
  const m = decodeLinkMessage(w.finish());
  t.deepEqual(m.attrs.linkinfo!.data, { id: 42 });
});

test('vxlan ttl inherit: a flag in requests, a u8 in dumps, both kept as sent', (t) => {
  for (const [fill, want] of [
    [(w: AttrWriter) => w.flag(IFLA_VXLAN_TTL_INHERIT), true],
    [(w: AttrWriter) => w.u8(IFLA_VXLAN_TTL_INHERIT, 1), 1],
  ] as const) {
    const p = payload((w) => w.nested(IFLA_LINKINFO, () => {
      w.str(IFLA_INFO_KIND, 'vxlan');
      w.nested(IFLA_INFO_DATA, () => fill(w));
    }));
    t.like(decodeLinkMessage(p).attrs.linkinfo!.data, { ttlInherit: want });
    t.is(reencode(p), toHex(p));
  }
});

test('NLA_UINT takes 4 or 8 bytes; a grown stats64 struct keeps its tail', (t) => {
  for (const big of [false, true]) {
    const p = payload((w) => {
      if (big) w.u64(IFLA_MAX_PACING_OFFLOAD_HORIZON, 1n << 40n);
      else w.u32(IFLA_MAX_PACING_OFFLOAD_HORIZON, 5);
    });
    t.is(decodeLinkMessage(p).attrs.maxPacingOffloadHorizon, big ? 1n << 40n : 5n);
    t.is(reencode(p), toHex(p));
  }
  const stats = new Uint8Array(27 * 8).map((_, i) => i);
  const p = payload((w) => w.bytes(IFLA_STATS64, stats));
  const s = decodeLinkMessage(p).attrs.stats64!;
  t.is(s.rxOtherhostDropped, new DataView(stats.buffer).getBigUint64(24 * 8, true));
  t.is(s.tail!.length, 16);
  t.is(reencode(p), toHex(p));
  const old = payload((w) => w.bytes(IFLA_STATS64, new Uint8Array(24 * 8)));
  t.false('rxOtherhostDropped' in decodeLinkMessage(old).attrs.stats64!);
  t.is(reencode(old), toHex(old));
  const short = payload((w) => w.bytes(IFLA_STATS64, new Uint8Array(22 * 8)));
  t.throws(() => decodeLinkMessage(short), { instanceOf: DecodeError, message: /IFLA\.stats64/ });
});

test('veth peers nested without end are refused with a DecodeError, not a stack overflow', (t) => {
  const w = new AttrWriter();
  const nest = (depth: number): void => {
    encodeIfInfoMsg(w, newIfInfoMsg());
    if (depth === 0) return;
    w.nested(IFLA_LINKINFO, () => {
      w.str(IFLA_INFO_KIND, 'veth');
      w.nested(IFLA_INFO_DATA, () => w.nested(VETH_INFO_PEER, () => nest(depth - 1)));
    });
  };
  nest(40);
  t.throws(() => decodeLinkMessage(w.finish()), { instanceOf: DecodeError });
  const ok = decodeLinkMessage(payload((x) => x.str(IFLA_IFNAME, 'fine')));
  t.is(ok.attrs.ifname, 'fine');
});

test('IFLA_AF_SPEC of an AF_BRIDGE message (IFLA_BRIDGE_* inside) is kept raw, not read per family', (t) => {
  const w = new AttrWriter();
  encodeIfInfoMsg(w, newIfInfoMsg({ family: 7, index: 2 }));
  w.nested(IFLA_AF_SPEC, () => {
    w.u16(0 /* IFLA_BRIDGE_FLAGS */, 0);
    w.bytes(2 /* IFLA_BRIDGE_VLAN_INFO: struct bridge_vlan_info */, Uint8Array.of(2, 0, 1, 0));
  });
  const p = w.finish();
  const m = decodeLinkMessage(p);
  t.is(m.attrs.afSpec, undefined);
  t.deepEqual(m.attrs.unknown!.map((u) => u.type), [IFLA_AF_SPEC]);
  t.is(reencode(p), toHex(p));
  // Read as per-family nests (family AF_UNSPEC), the same bytes are malformed.
  const unspec = p.slice();
  unspec[0] = 0;
  t.throws(() => decodeLinkMessage(unspec), { instanceOf: DecodeError });
});

test('bridgeIdToString writes the id like iproute2 (ether_ntoa: no zero padding)', (t) => {
  t.is(bridgeIdToString({ priority: 0x8000, address: '02:00:0a:bb:cc:0d' }), '8000.2:0:a:bb:cc:d');
  t.is(bridgeIdToString({ priority: 7, address: 'ae:48:95:79:2f:f1' }), '0007.ae:48:95:79:2f:f1');
});
