// The floor for a Node process: the C floor's creates (bench/floor.c) done from Node through
// rtnl-ts's FFI layer only (dist/src/netlink/ffi.js: koffi calls of socket/sendto/recvfrom), with
// requests prebuilt as bytes by hand and no library code around them. What this costs over the
// C floor is the runtime's share (V8, its threads, the FFI call); what rtnl-ts costs over this
// is the library's. Prints one JSON line like the floor.
//
//   node bench/tools/node-floor.js veth N          N veth pairs va<i> / vb<i>
//   node bench/tools/node-floor.js addradd DEV N   198.18.<i/256>.<i%256>/32 on DEV, N times
import { readFileSync } from 'node:fs';

const ffi = await import('../../dist/src/netlink/ffi.js');

const AF_NETLINK = 16;
const SOCK_RAW_CLOEXEC = 3 | 0x80000;
const RTM_NEWLINK = 16;
const RTM_NEWADDR = 20;
const CREATE = 0x1 | 0x4 | 0x200 | 0x400; // NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE

/** struct nlattr + payload, padded to 4. */
function attr(type, payload) {
  const out = new Uint8Array((4 + payload.length + 3) & ~3);
  new DataView(out.buffer).setUint16(0, 4 + payload.length, true);
  new DataView(out.buffer).setUint16(2, type, true);
  out.set(payload, 4);
  return out;
}
const cat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};
const cstr = (s) => cat(new TextEncoder().encode(s), new Uint8Array(1));

/** nlmsghdr (seq = i + 1) + body. */
function message(type, i, body) {
  const h = new Uint8Array(16);
  const dv = new DataView(h.buffer);
  dv.setUint32(0, 16 + body.length, true);
  dv.setUint16(4, type, true);
  dv.setUint16(6, CREATE, true);
  dv.setUint32(8, i + 1, true);
  return cat(h, body);
}

function vethRequest(i) {
  const peer = cat(new Uint8Array(16), attr(3, cstr(`vb${i}`))); // ifinfomsg + IFLA_IFNAME
  const linkinfo = cat(attr(1, new TextEncoder().encode('veth')), attr(2, attr(1, peer))); // KIND, DATA{PEER}
  return message(RTM_NEWLINK, i, cat(new Uint8Array(16), attr(3, cstr(`va${i}`)), attr(18, linkinfo)));
}

function addrRequest(i, index) {
  const ifa = new Uint8Array(8);
  ifa[0] = 2; // AF_INET
  ifa[1] = 32;
  new DataView(ifa.buffer).setUint32(4, index, true);
  const a = Uint8Array.of(198, 18 + (i >> 16), (i >> 8) & 255, i & 255);
  return message(RTM_NEWADDR, i, cat(ifa, attr(2, a), attr(1, a))); // IFA_LOCAL, IFA_ADDRESS
}

const [mode, ...args] = process.argv.slice(2);
let requests;
if (mode === 'veth') requests = Array.from({ length: Number(args[0]) }, (_, i) => vethRequest(i));
else if (mode === 'addradd') {
  const index = Number(readFileSync(`/sys/class/net/${args[0]}/ifindex`, 'utf8'));
  requests = Array.from({ length: Number(args[1]) }, (_, i) => addrRequest(i, index));
} else throw new Error(`unknown mode ${mode}`);

const reply = new Uint8Array(65536);
const t0 = performance.now();
const fd = ffi.socket(AF_NETLINK, SOCK_RAW_CLOEXEC, 0);
const sa = new Uint8Array(12);
sa[0] = AF_NETLINK;
ffi.bind(fd, sa);
for (const req of requests) {
  ffi.send(fd, req);
  // The ack of this request: NLMSG_ERROR (2) with error 0.
  const n = ffi.recv(fd, reply, 0);
  const dv = new DataView(reply.buffer);
  if (n < 20 || dv.getUint16(4, true) !== 2 || dv.getInt32(16, true) !== 0) throw new Error(`request failed (${n} bytes, error ${dv.getInt32(16, true)})`);
}
ffi.close(fd);
console.log(JSON.stringify({ ms: performance.now() - t0, count: requests.length }));
