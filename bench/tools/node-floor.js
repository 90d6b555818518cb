// The floor for a Node process: the C floor's creates (bench/floor.c) done from Node through
// rtnl-ts's FFI layer only (dist/src/netlink/ffi.js: koffi calls of socket/sendto/recvfrom), with
// requests prebuilt as bytes by hand and no library code around them. What this costs over the
// C floor is the runtime's share (V8, its threads, the FFI call); what rtnl-ts costs over this
// is the library's. Prints one JSON line like the floor.
//
//   node bench/tools/node-floor.js veth N          N veth pairs va<i> / vb<i>
//   node bench/tools/node-floor.js addradd DEV N   198.18.<i/256>.<i%256>/32 on DEV, N times
//   node bench/tools/node-floor.js routedump       RTM_GETROUTE dump (AF_INET, every table), streaming
//
// routedump is the least an eager JavaScript decoder can spend: the C floor's dump read through
// the same FFI calls, each route message decoded by a loop written for exactly the attributes
// the bench's routes carry (no checks, no attribute tables) into the same Route object rtnl-ts
// returns (its fields, names and raw message), handed to a `for await` loop one at a time.
import { readFileSync } from 'node:fs';

const ffi = await import('../../dist/src/netlink/ffi.js');

const AF_NETLINK = 16;
const SOCK_RAW_CLOEXEC = 3 | 0x80000;
const RTM_NEWLINK = 16;
const RTM_NEWADDR = 20;
const RTM_GETROUTE = 26;
const CREATE = 0x1 | 0x4 | 0x200 | 0x400; // NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE
const DUMP = 0x1 | 0x300; // NLM_F_REQUEST | NLM_F_DUMP

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
function message(type, i, body, flags = CREATE) {
  const h = new Uint8Array(16);
  const dv = new DataView(h.buffer);
  dv.setUint32(0, 16 + body.length, true);
  dv.setUint16(4, type, true);
  dv.setUint16(6, flags, true);
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

const OCTET = Array.from({ length: 256 }, (_, i) => String(i));
const name = (table, n) => table[n] ?? String(n);
const ROUTE_TYPES = ['unspec', 'unicast', 'local', 'broadcast', 'anycast', 'multicast', 'blackhole', 'unreachable', 'prohibit'];
const PROTOCOLS = ['unspec', 'redirect', 'kernel', 'boot', 'static'];
const SCOPES = { 0: 'global', 200: 'site', 253: 'link', 254: 'host', 255: 'nowhere' };
const TABLES = { 253: 'default', 254: 'main', 255: 'local' };
const NO_FLAGS = [];
const le32 = (b, o) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
const ipv4 = (b, o) => `${OCTET[b[o]]}.${OCTET[b[o + 1]]}.${OCTET[b[o + 2]]}.${OCTET[b[o + 3]]}`;

/** One RTM_NEWROUTE at `off` (its length `len`) as rtnl-ts's Route: IPv4, the attributes ip shows. */
function route(b, off, len) {
  const p = off + 16;
  const header = {
    family: b[p], dstLen: b[p + 1], srcLen: b[p + 2], tos: b[p + 3], table: b[p + 4],
    protocol: b[p + 5], scope: b[p + 6], type: b[p + 7], flags: le32(b, p + 8),
  };
  const attrs = {};
  for (let a = p + 12; a < off + len; ) {
    const alen = b[a] | (b[a + 1] << 8);
    switch (b[a + 2] | (b[a + 3] << 8)) {
      case 1: attrs.dst = ipv4(b, a + 4); break; // RTA_DST
      case 4: attrs.oif = le32(b, a + 4); break; // RTA_OIF
      case 5: attrs.gateway = ipv4(b, a + 4); break; // RTA_GATEWAY
      case 6: attrs.priority = le32(b, a + 4); break; // RTA_PRIORITY
      case 7: attrs.prefsrc = ipv4(b, a + 4); break; // RTA_PREFSRC
      case 15: attrs.table = le32(b, a + 4); break; // RTA_TABLE
    }
    a += (alen + 3) & ~3;
  }
  const r = {
    family: 'inet', type: name(ROUTE_TYPES, header.type),
    dst: attrs.dst === undefined ? 'default' : header.dstLen === 32 ? attrs.dst : `${attrs.dst}/${header.dstLen}`,
    dstLen: header.dstLen, tos: header.tos, table: name(TABLES, attrs.table ?? header.table),
    protocol: name(PROTOCOLS, header.protocol), scope: name(SCOPES, header.scope), flags: NO_FLAGS,
    raw: { header, attrs },
  };
  if (attrs.gateway !== undefined) r.gateway = attrs.gateway;
  if (attrs.oif !== undefined) r.dev = attrs.oif;
  if (attrs.prefsrc !== undefined) r.prefsrc = attrs.prefsrc;
  if (attrs.priority !== undefined) r.metric = attrs.priority;
  return r;
}

/** The dump's routes, one datagram read at a time, as an async iterator. */
function routes(fd) {
  const buf = new Uint8Array(64 * 1024); // the C floor's receive size
  const ready = [];
  let next = 0;
  let done = false;
  const rtmsg = new Uint8Array(12);
  rtmsg[0] = 2; // AF_INET
  ffi.send(fd, message(RTM_GETROUTE, 0, rtmsg, DUMP));
  const end = { value: undefined, done: true };
  const it = {
    [Symbol.asyncIterator]: () => it,
    next() {
      while (next === ready.length && !done) {
        ready.length = 0;
        next = 0;
        const n = ffi.recv(fd, buf, 0);
        for (let off = 0; off < n; ) {
          const len = le32(buf, off);
          const type = buf[off + 4] | (buf[off + 5] << 8);
          if (type === 3) { done = true; break; } // NLMSG_DONE
          if (type === 2) throw new Error('dump failed'); // NLMSG_ERROR
          if (type === 24) ready.push(route(buf, off, len)); // RTM_NEWROUTE
          off += (len + 3) & ~3;
        }
      }
      return Promise.resolve(next < ready.length ? { value: ready[next++], done: false } : end);
    },
  };
  return it;
}

function openSocket() {
  const fd = ffi.socket(AF_NETLINK, SOCK_RAW_CLOEXEC, 0);
  const sa = new Uint8Array(12);
  sa[0] = AF_NETLINK;
  ffi.bind(fd, sa);
  return fd;
}

/** Send each request and wait for its ack, as the C floor's creates do. */
function creates(requests) {
  const reply = new Uint8Array(65536);
  const fd = openSocket();
  for (const req of requests) {
    ffi.send(fd, req);
    // The ack of this request: NLMSG_ERROR (2) with error 0.
    const n = ffi.recv(fd, reply, 0);
    const dv = new DataView(reply.buffer);
    if (n < 20 || dv.getUint16(4, true) !== 2 || dv.getInt32(16, true) !== 0) throw new Error(`request failed (${n} bytes, error ${dv.getInt32(16, true)})`);
  }
  ffi.close(fd);
  return requests.length;
}

async function routeDump() {
  const fd = openSocket();
  let count = 0;
  for await (const r of routes(fd)) if (r.table !== undefined) count++;
  ffi.close(fd);
  return count;
}

const [mode, ...args] = process.argv.slice(2);
let work;
if (mode === 'veth') {
  const requests = Array.from({ length: Number(args[0]) }, (_, i) => vethRequest(i));
  work = () => creates(requests);
} else if (mode === 'addradd') {
  const index = Number(readFileSync(`/sys/class/net/${args[0]}/ifindex`, 'utf8'));
  const requests = Array.from({ length: Number(args[1]) }, (_, i) => addrRequest(i, index));
  work = () => creates(requests);
} else if (mode === 'routedump') work = routeDump;
else throw new Error(`unknown mode ${mode}`);

const t0 = performance.now();
const count = await work();
console.log(JSON.stringify({ ms: performance.now() - t0, count }));
