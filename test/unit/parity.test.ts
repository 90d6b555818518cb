// The request parity harness's pure half (test/kernel/parity-decode.ts): strace logs to masked
// requests, selection, and the readable diff. The kernel half is in test/kernel/parity.test.ts.
import test from 'ava';
import { NLM_F_ACK, NLM_F_CREATE, NLM_F_DUMP, NLM_F_ECHO, NLM_F_EXCL, NLM_F_REQUEST } from '../../src/netlink/constants.js';
import {
  decodeRequest, diffRequests, flagNames, isNewlinkProbe, lineDiff, maskMessage, messageType, requestsFromTrace,
  sameRequests, selectRequests, splitMessages, type NlRequest,
} from '../kernel/parity-decode.js';

// Kernel numbers, by name, for building messages (linux/rtnetlink.h, if_link.h, pkt_sched.h, ...).
const RTM_NEWLINK = 16;
const RTM_GETLINK = 18;
const RTM_NEWQDISC = 36;
const RTM_NEWTFILTER = 44;
const IFLA_IFNAME = 3;
const IFLA_LINKINFO = 18;
const IFLA_INFO_KIND = 1;
const IFLA_INFO_DATA = 2;
const IFLA_VXLAN_ID = 1;
const IFLA_VXLAN_LEARNING = 7;
const VETH_INFO_PEER = 1;
const TCA_KIND = 1;
const TCA_OPTIONS = 2;
const TCA_NETEM_LOSS = 5;
const NETEM_LOSS_GI = 1;
const TCA_MATCHALL_ACT = 2;
const TCA_ACT_KIND = 1;
const TCA_ACT_OPTIONS = 2;
const TCA_MIRRED_PARMS = 2;
const NLA_F_NESTED = 0x8000;

const u32 = (n: number): Uint8Array => Uint8Array.of(n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24);
const cstr = (s: string): Uint8Array => Uint8Array.from(Buffer.from(`${s}\0`, 'latin1'));
const cat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(Buffer.concat(parts));
const pad4 = (b: Uint8Array): Uint8Array => cat(b, new Uint8Array((4 - (b.length % 4)) % 4));

/** One attribute (padded): type, payload. */
function attr(type: number, payload: Uint8Array): Uint8Array {
  const h = new Uint8Array(4);
  new DataView(h.buffer).setUint16(0, payload.length + 4, true);
  new DataView(h.buffer).setUint16(2, type, true);
  return pad4(cat(h, payload));
}
const nest = (type: number, ...attrs: Uint8Array[]): Uint8Array => attr(type, cat(...attrs));

/** One message: nlmsghdr with the given seq and pid, then the family header and attributes. */
function msg(type: number, flags: number, header: Uint8Array, attrs: Uint8Array[] = [], seq = 0x12345678, pid = 4242): Uint8Array {
  const body = cat(header, ...attrs);
  const h = new Uint8Array(16);
  const v = new DataView(h.buffer);
  v.setUint32(0, 16 + body.length, true);
  v.setUint16(4, type, true);
  v.setUint16(6, flags, true);
  v.setUint32(8, seq, true);
  v.setUint32(12, pid, true);
  return cat(h, body);
}
const ifinfomsg = (index = 0): Uint8Array => cat(new Uint8Array(4), u32(index), new Uint8Array(8));
const tcmsg = (ifindex: number, parent: number): Uint8Array => cat(new Uint8Array(4), u32(ifindex), u32(0), u32(parent), u32(0));

const vxlan = (learning: boolean, seq?: number): Uint8Array => msg(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE, ifinfomsg(), [
  attr(IFLA_IFNAME, cstr('vx0')),
  nest(IFLA_LINKINFO, attr(IFLA_INFO_KIND, Uint8Array.from(Buffer.from('vxlan'))), nest(IFLA_INFO_DATA,
    attr(IFLA_VXLAN_ID, u32(42)), ...(learning ? [attr(IFLA_VXLAN_LEARNING, Uint8Array.of(1))] : []))),
], seq);
const probe = msg(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, ifinfomsg(), [], 0, 0);
const req = (m: Uint8Array): NlRequest => ({ type: m[4]! | (m[5]! << 8), flags: m[6]! | (m[7]! << 8), bytes: maskMessage(m) });

/** A datagram as strace -e write=all dumps it: 16 bytes a row, hex in 49 columns, then ASCII. */
function dump(b: Uint8Array): string[] {
  const rows: string[] = [];
  for (let o = 0; o < b.length; o += 16) {
    const row = [...b.subarray(o, o + 16)];
    const hexes = row.map((x, i) => x.toString(16).padStart(2, '0') + (i === 7 ? '  ' : ' ')).join('').padEnd(49);
    rows.push(` | ${o.toString(16).padStart(5, '0')}  ${hexes} ${row.map((x) => (x >= 32 && x < 127 ? String.fromCharCode(x) : '.')).join('').padEnd(16)} |`);
  }
  return rows;
}

test('maskMessage zeroes nlmsg_seq and nlmsg_pid only, on a copy', (t) => {
  const m = vxlan(true);
  const masked = maskMessage(m);
  t.deepEqual([...masked.subarray(8, 16)], new Array(8).fill(0));
  t.deepEqual(masked.subarray(0, 8), m.subarray(0, 8));
  t.deepEqual(masked.subarray(16), m.subarray(16));
  t.not(m[8], 0, 'the input is untouched');
  t.true(sameRequests([req(vxlan(true, 1))], [req(vxlan(true, 99))]), 'two runs differ only in seq: same');
});

test('splitMessages splits a batch datagram and keeps a malformed tail whole', (t) => {
  const a = vxlan(true);
  const b = probe;
  t.deepEqual(splitMessages(cat(pad4(a), b)).map((m) => m.length), [a.length, b.length]);
  const bad = cat(b, Uint8Array.of(0xff, 0, 0, 0), new Uint8Array(12));
  t.deepEqual(splitMessages(bad).map((m) => m.length), [b.length, 16]);
});

test('requestsFromTrace reads every strace line form and keeps only NETLINK_ROUTE sends', (t) => {
  const a = vxlan(true, 7);
  const trace = [
    '5519 sendto(3<NETLINK:[ROUTE:5519]>, ..., 32, 0, NULL, 0) = 32',
    ...dump(probe),
    '5519 sendmsg(4<UNIX:[123->456]>, {msg_name=NULL, msg_namelen=0, msg_iov=[...], msg_iovlen=1}, 0) = 20',
    ' * 20 bytes in buffer 0',
    ...dump(new Uint8Array(20).fill(0xaa)),
    '[pid  5520] sendto(5<NETLINK:[GENERIC:5520]>, ..., 20, 0, NULL, 0) = 20',
    ...dump(new Uint8Array(20).fill(0xbb)),
    '5519 sendmsg(3<NETLINK:[ROUTE:5519]>, {msg_name={sa_family=AF_NETLINK}, msg_iov=[...]}, 0 <unfinished ...>',
    '5521 sendto(9<NETLINK:[ROUTE:5521]>, ..., 32, 0, NULL, 0) = 32',
    ...dump(probe),
    `5519 <... sendmsg resumed>) = ${a.length}`,
    ` * ${a.length} bytes in buffer 0`,
    ...dump(a),
    '5519 +++ exited with 0 +++',
  ].join('\n');
  const reqs = requestsFromTrace(trace);
  t.deepEqual(reqs.map((r) => r.type), [RTM_NEWLINK, RTM_NEWLINK, RTM_NEWLINK]);
  t.deepEqual(reqs.map((r) => r.bytes.length), [32, 32, a.length]);
  t.deepEqual(reqs[2]!.bytes, maskMessage(a));
  t.true(isNewlinkProbe(reqs[0]!));
  t.false(isNewlinkProbe(reqs[2]!));
});

test('selectRequests: types by name or number, dropProbe, ignoreFlags', (t) => {
  const get = req(msg(RTM_GETLINK, NLM_F_REQUEST, ifinfomsg(), [attr(IFLA_IFNAME, cstr('d0'))]));
  const echo = req(msg(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_ECHO | NLM_F_EXCL | NLM_F_CREATE, ifinfomsg(), [], 0, 0));
  const all = [req(probe), get, echo];
  t.deepEqual(selectRequests(all, { types: ['RTM_GETLINK'] }), [get]);
  t.deepEqual(selectRequests(all, { types: [RTM_GETLINK] }), [get]);
  t.deepEqual(selectRequests(all, { types: ['RTM_NEWLINK'], dropProbe: true }), [echo]);
  const [cleared] = selectRequests([echo], { ignoreFlags: NLM_F_ECHO });
  t.is(cleared!.flags, NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE);
  t.is(cleared!.bytes[6]! | (cleared!.bytes[7]! << 8), cleared!.flags, 'the bytes change with the flags');
  t.true(echo.flags & NLM_F_ECHO ? true : false, 'the input is untouched');
  t.throws(() => selectRequests(all, { types: ['RTM_NEWLNIK'] }), { message: /unknown netlink message type RTM_NEWLNIK/ });
  t.is(messageType('RTM_NEWQDISC'), RTM_NEWQDISC);
});

test('flagNames reads the 0x100-0x800 bits by the verb', (t) => {
  t.is(flagNames(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE), 'REQUEST|ACK|EXCL|CREATE');
  t.is(flagNames(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP), 'REQUEST|ROOT|MATCH');
  t.is(flagNames(RTM_NEWLINK, 0x8000 | NLM_F_REQUEST), 'REQUEST|0x8000');
});

test('diffRequests: undefined when equal; else counts, summaries and the attribute that differs, by name', (t) => {
  t.is(diffRequests([req(vxlan(true, 1))], [req(vxlan(true, 2))]), undefined);
  const d = diffRequests([req(probe), req(vxlan(true))], [req(vxlan(false))])!;
  t.truthy(d);
  t.regex(d, /^ip sent 2 request\(s\), rtnl-ts 1; they differ\./);
  t.regex(d, /ip:\n {2}#0 RTM_NEWLINK flags REQUEST\|ACK len 32\n {2}#1 RTM_NEWLINK flags REQUEST\|ACK\|EXCL\|CREATE len 76\n/);
  t.regex(d, /\n- {7}IFLA_VXLAN_LEARNING \(7\) len 5: 01 \(1\)$/);
  t.regex(d, /\n {8}IFLA_VXLAN_ID \(1\) len 8: 2a 00 00 00 \(u32 42\)\n/, 'the common lines are context');
  t.regex(d, /\n- {5}IFLA_INFO_DATA \(2\) len 20\n\+ {5}IFLA_INFO_DATA \(2\) len 12\n/);
  t.regex(diffRequests([req(probe)], [])!, /rtnl-ts:\n {2}\(none\)/);
});

test('decodeRequest names kind data by IFLA_INFO_KIND and walks veth\'s peer ifinfomsg', (t) => {
  const veth = msg(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, ifinfomsg(), [
    nest(IFLA_LINKINFO, attr(IFLA_INFO_KIND, Uint8Array.from(Buffer.from('veth'))),
      nest(IFLA_INFO_DATA, attr(VETH_INFO_PEER, cat(ifinfomsg(), attr(IFLA_IFNAME, cstr('p0')))))),
  ]);
  t.deepEqual(decodeRequest(req(veth)), [
    'RTM_NEWLINK flags REQUEST|ACK len 76',
    '  ifinfomsg family 0 pad 0 type 0 index 0 flags 0 change 0',
    '  IFLA_LINKINFO (18) len 44',
    '    IFLA_INFO_KIND (1) len 8: 76 65 74 68 (u32 1752458614) "veth"',
    '    IFLA_INFO_DATA (2) len 32',
    '      VETH_INFO_PEER (1) len 28',
    '        struct (16 bytes) 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
    '        IFLA_IFNAME (3) len 7: "p0\\0"',
  ]);
});

test('decodeRequest walks tc: netem\'s qopt then its attributes, a filter\'s action list', (t) => {
  const netem = msg(RTM_NEWQDISC, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, tcmsg(2, 0xffffffff), [
    attr(TCA_KIND, cstr('netem')),
    attr(TCA_OPTIONS, cat(new Uint8Array(24), nest(TCA_NETEM_LOSS, attr(NETEM_LOSS_GI, new Uint8Array(20))))),
  ]);
  const lines = decodeRequest(req(netem));
  t.is(lines[1], '  tcmsg family 0 pad1 0 pad2 0 ifindex 2 handle 0 parent 4294967295 info 0');
  t.true(lines.includes('    TCA_NETEM_LOSS (5) len 28'), lines.join('\n'));
  t.true(lines.includes('      NETEM_LOSS_GI (1) len 24: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00'), lines.join('\n'));
  const filter = msg(RTM_NEWTFILTER, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE, tcmsg(2, 0xffff0000), [
    attr(TCA_KIND, cstr('matchall')),
    nest(TCA_OPTIONS | NLA_F_NESTED, nest(TCA_MATCHALL_ACT | NLA_F_NESTED, nest(1, attr(TCA_ACT_KIND, cstr('mirred')),
      nest(TCA_ACT_OPTIONS | NLA_F_NESTED, attr(TCA_MIRRED_PARMS, new Uint8Array(4)))))),
  ]);
  const f = decodeRequest(req(filter));
  t.true(f.includes('  TCA_OPTIONS (2) NESTED len 36'), f.join('\n'));
  t.true(f.includes('      [1] (1) len 28'), f.join('\n'));
  t.true(f.includes('          TCA_MIRRED_PARMS (2) len 8: 00 00 00 00 (u32 0)'), f.join('\n'));
});

test('decodeRequest shows a message it cannot parse as bytes, never throws', (t) => {
  t.deepEqual(decodeRequest({ type: 0, flags: 0, bytes: Uint8Array.of(1, 2) }), ['short message: 01 02']);
  const odd = msg(RTM_NEWLINK, NLM_F_REQUEST, ifinfomsg(), [Uint8Array.of(0xff, 0xff, 1, 0)]);
  t.is(decodeRequest(req(odd)).at(-1), '  ff ff 01 00 (u32 131071)');
  t.is(decodeRequest(req(msg(999, NLM_F_REQUEST, Uint8Array.of(1, 2, 3, 4))))[0], 'type 999 flags REQUEST len 20');
});

test('lineDiff: deletions before insertions, context around each change, gaps elided', (t) => {
  const a = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
  const b = ['a', 'B', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'J'];
  t.is(lineDiff(a, b, ['x', 'y'], 1), ['--- x', '+++ y', '  a', '- b', '+ B', '  c', '  ...', '  i', '- j', '+ J'].join('\n'));
});
