// The npm package `netlink` (0.3, a native addon for the socket) doing each workload in process;
// run by bench/run.js inside the workload's namespace. Prints one JSON line like the floor.
// It has no namespace support, so W6 is not run with it. Its linkinfo is raw bytes: the veth
// peer is encoded here by hand, as its users have to.
'use strict';
const fs = require('node:fs');
const t0Import = performance.now();
const { createRtNetlink, FlagsNew } = require('netlink');

const AF_INET = 2;
const IFLA_IFNAME = 3;
const IFLA_INFO_KIND = 1;
const IFLA_INFO_DATA = 2;
const VETH_INFO_PEER = 1;
const IFINFOMSG_LEN = 16;

function procStatusKb(key) {
  const line = fs.readFileSync('/proc/self/status', 'latin1').split('\n').find((l) => l.startsWith(key));
  return line ? parseInt(line.slice(key.length), 10) : 0;
}

/** One netlink attribute (struct nlattr + payload, padded to 4). */
function nlattr(type, payload) {
  const len = 4 + payload.length;
  const b = Buffer.alloc((len + 3) & ~3);
  b.writeUInt16LE(len, 0);
  b.writeUInt16LE(type, 2);
  payload.copy(b, 4);
  return b;
}

function cstr(s) {
  return Buffer.concat([Buffer.from(s), Buffer.alloc(1)]);
}

/** IFLA_LINKINFO's payload for a veth whose peer is named `peer`. */
function vethLinkinfo(peer) {
  const peerMsg = Buffer.concat([Buffer.alloc(IFINFOMSG_LEN), nlattr(IFLA_IFNAME, cstr(peer))]);
  return Buffer.concat([
    nlattr(IFLA_INFO_KIND, Buffer.from('veth')),
    nlattr(IFLA_INFO_DATA, nlattr(VETH_INFO_PEER, peerMsg)),
  ]);
}

function addrBytes(i) {
  return Buffer.from([198, 18 + (i >> 16), (i >> 8) & 255, i & 255]);
}

const create = { flags: FlagsNew.CREATE | FlagsNew.EXCL };

const modes = {
  async veth(n) {
    const rt = createRtNetlink();
    for (let i = 0; i < n; i++) {
      await rt.newLink({}, { ifname: `va${i}`, linkinfo: vethLinkinfo(`vb${i}`) }, create);
    }
    rt.socket.close();
    return n;
  },
  async linkdump() {
    const rt = createRtNetlink();
    const links = await rt.getLinks();
    rt.socket.close();
    return links.filter((l) => typeof l.attrs.ifname === 'string').length;
  },
  async addradd(dev, n) {
    const rt = createRtNetlink();
    const link = (await rt.getLinks()).find((l) => l.attrs.ifname === dev);
    if (!link) throw new Error(`no device ${dev}`);
    for (let i = 0; i < Number(n); i++) {
      const a = addrBytes(i);
      await rt.newAddress({ family: AF_INET, prefixlen: 32, index: link.data.index }, { local: a, address: a }, create);
    }
    rt.socket.close();
    return Number(n);
  },
  async addrdump() {
    const rt = createRtNetlink();
    const addrs = await rt.getAddresses({ family: AF_INET });
    rt.socket.close();
    return addrs.filter((a) => a.attrs.address !== undefined).length;
  },
  async routedump() {
    // No streaming form: the whole dump is gathered, then parsed.
    const rt = createRtNetlink();
    const routes = await rt.getRoutes({ family: AF_INET });
    rt.socket.close();
    return routes.length;
  },
};

async function main() {
  const [mode, ...args] = process.argv.slice(2);
  const fn = modes[mode];
  if (!fn) throw new Error(`unknown mode ${mode}`);
  const rss0 = procStatusKb('VmRSS:');
  fs.writeFileSync('/proc/self/clear_refs', '5');
  const t0 = performance.now();
  const count = await fn(...args.map((a) => (/^\d+$/.test(a) ? Number(a) : a)));
  const ms = performance.now() - t0;
  const hwm = procStatusKb('VmHWM:');
  console.log(JSON.stringify({ ms, count, rssGrowth: Math.max(0, hwm - rss0) * 1024, importMs: t0 - t0Import }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
