// Decoder speed without the kernel: a dump's datagrams recorded once, then replayed in process
// through rtnl-ts's own Conn and services against a fake socket, so what is timed (or counted
// with callgrind) is only rtnl-ts reading bytes into objects, and the machine's load moves it
// far less than a live dump.
//
//   node scripts/sandbox.js node bench/replay.js capture W2|W4|W5 FILE   (root: builds the state)
//   node bench/replay.js run FILE [--rounds N]                            (no privilege)
//   valgrind --tool=callgrind --smc-check=all-non-file node bench/replay.js run FILE --rounds 1
//
// `run` prints the objects per dump, the first (cold) dump's time, and the median of the later
// ones, each also per 10,000 objects. --rounds 0 loads everything and decodes nothing: subtract
// its instruction count from a --rounds 1 run's to get the decoder's.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// RTNL_TS_DIST: another build's dist/ (to compare two versions of the decoder on the same bytes).
const dist = (p) => import(path.join(process.env.RTNL_TS_DIST ?? path.join(root, 'dist'), 'src', p));

/** What each workload dumps, as bench/tools/rtnl-ts.js does. */
const DUMPS = {
  W2: async (ip) => (await ip.link.list()).length,
  W4: async (ip) => (await ip.addr.list({ family: 'inet' })).length,
  W5: async (ip) => {
    let n = 0;
    for await (const r of ip.route.stream({ family: 'inet', table: 'all' })) if (r.table !== undefined) n++;
    return n;
  },
};

const addrText = (i) => `198.${18 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`;
const range = (n, f) => Array.from({ length: n }, (_, i) => f(i));
/** The workloads' states (bench/workloads.js), made with ip -batch. */
const SETUPS = {
  W2: () => range(1000, (i) => `link add va${i} type veth peer name vb${i}`),
  W4: () => ['link add va0 type veth peer name vb0', 'link set va0 up', ...range(10000, (i) => `addr add ${addrText(i)}/32 dev va0`)],
  W5: () => ['link add va0 type veth peer name vb0', 'link set va0 up', ...range(100000, (i) => `route add ${addrText(i)}/32 dev va0`)],
};

/** File: u32 port id, u32 workload name length, the name, then (u32 length, bytes) per datagram. */
function save(file, id, portId, dgrams) {
  const name = Buffer.from(id);
  const parts = [Buffer.alloc(8), name];
  parts[0].writeUInt32LE(portId, 0);
  parts[0].writeUInt32LE(name.length, 4);
  for (const d of dgrams) {
    const len = Buffer.alloc(4);
    len.writeUInt32LE(d.length);
    parts.push(len, Buffer.from(d));
  }
  writeFileSync(file, Buffer.concat(parts));
}

function load(file) {
  const b = readFileSync(file);
  const portId = b.readUInt32LE(0);
  const nameLen = b.readUInt32LE(4);
  const id = b.subarray(8, 8 + nameLen).toString();
  const dgrams = [];
  for (let off = 8 + nameLen; off < b.length;) {
    const len = b.readUInt32LE(off);
    dgrams.push(new Uint8Array(b.buffer, b.byteOffset + off + 4, len));
    off += 4 + len;
  }
  return { id, portId, dgrams };
}

async function capture(id, file) {
  if (!process.env.RTNL_TS_SANDBOX) throw new Error('capture builds the workload state: run it through node scripts/sandbox.js');
  execFileSync('ip', ['-batch', '-'], { input: SETUPS[id]().join('\n') + '\n' });
  const { IpRoute } = await dist('api/iproute.js');
  const ip = await IpRoute.open();
  const sock = ip.conn.socket;
  const recv = sock.recv.bind(sock);
  const dgrams = [];
  sock.recv = () => {
    const d = recv();
    if (typeof d !== 'number') dgrams.push(Uint8Array.from(d));
    return d;
  };
  const n = await DUMPS[id](ip);
  save(file, id, sock.portId, dgrams);
  console.log(`${id}: ${n} objects, ${dgrams.length} datagrams saved to ${file}`);
  ip.close();
}

/** A socket that answers every request with the recorded datagrams, sequence numbers rewritten. */
class ReplaySocket {
  constructor(portId, dgrams) {
    this.portId = portId;
    this.dgrams = dgrams;
    this.i = dgrams.length;
    this.seq = 0;
  }

  send(buf) {
    this.seq = new DataView(buf.buffer, buf.byteOffset).getUint32(8, true);
    this.i = 0;
  }

  recv() {
    if (this.i >= this.dgrams.length) return -11; // EAGAIN
    const d = this.dgrams[this.i++];
    const v = new DataView(d.buffer, d.byteOffset, d.length);
    for (let off = 0; off + 16 <= d.length;) {
      v.setUint32(off + 8, this.seq, true);
      off += (v.getUint32(off, true) + 3) & ~3;
    }
    return d;
  }

  waitReadable() {
    return Promise.resolve(true);
  }

  close() {}
}

async function replay(file, rounds) {
  const { id, portId, dgrams } = load(file);
  const { Conn } = await dist('netlink/conn.js');
  const { ApiContext } = await dist('api/context.js');
  const { IpRoute } = await dist('api/iproute.js');
  const ip = new IpRoute(new ApiContext(new Conn(new ReplaySocket(portId, dgrams)), undefined, undefined));
  const times = [];
  let n = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    n = await DUMPS[id](ip);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  if (rounds === 0) return console.log(`${id}: loaded, nothing decoded`);
  const per = (ms) => `${ms.toFixed(2)} ms (${((ms * 10000) / n).toFixed(2)} ms per 10,000)`;
  const warm = times.slice(1).sort((a, b) => a - b);
  console.log(`${id}: ${n} objects; first ${per(times[0])}` +
    (warm.length ? `; median of the other ${warm.length} ${per(warm[warm.length >> 1])}` : ''));
}

const [cmd, ...args] = process.argv.slice(2);
if (cmd === 'capture' && DUMPS[args[0]] && args[1]) await capture(args[0], args[1]);
else if (cmd === 'run' && args[0]) {
  const i = args.indexOf('--rounds');
  await replay(args[0], i >= 0 ? Number(args[i + 1]) : 21);
} else {
  console.error('usage: bench/replay.js capture W2|W4|W5 FILE | run FILE [--rounds N]');
  process.exit(2);
}
