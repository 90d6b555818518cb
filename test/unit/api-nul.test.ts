// A NUL byte in any name or word the API takes is refused before any request: the kernel would
// cut the string at the NUL and act on another object (link.set('v0\0x') changed v0).
import test from 'ava';
import { Conn, NLMSG_ERROR, decodeNlMsgHeader, encodeMessage, type Transport } from '../../src/netlink/index.js';
import { IpRoute, InvalidArgumentError } from '../../src/index.js';
import { ApiContext } from '../../src/api/context.js';

/** Records every request and answers it as if it worked (an ack; a get's reply never comes). */
class Recorder implements Transport {
  readonly portId = 9;
  sent: number[] = [];
  private queue: Uint8Array[] = [];
  send(buf: Uint8Array): void {
    const h = decodeNlMsgHeader(buf);
    this.sent.push(h.type);
    this.queue.push(encodeMessage({ type: NLMSG_ERROR, flags: 0, seq: h.seq, pid: 9 }, new Uint8Array(20)));
  }
  recv(): Uint8Array | number { return this.queue.shift() ?? -11; }
  async waitReadable(): Promise<boolean> { return this.queue.length > 0; }
  close(): void {}
}

/** An IpRoute over the recorder (its constructor is private: reached the way open() does). */
function handle(): { ip: IpRoute; sent: number[] } {
  const rec = new Recorder();
  const ctx = new ApiContext(new Conn(rec), undefined, undefined);
  const ip = new (IpRoute as unknown as new (ctx: ApiContext) => IpRoute)(ctx);
  return { ip, sent: rec.sent };
}

const BAD = 'v0\0x';
const calls: [string, (ip: IpRoute) => Promise<unknown>][] = [
  ['link.set(dev)', (ip) => ip.link.set(BAD, { mtu: 1280 })],
  ['link.set(master)', (ip) => ip.link.set(3, { master: BAD })],
  ['link.set(name)', (ip) => ip.link.set(3, { name: BAD })],
  ['link.del(dev)', (ip) => ip.link.del(BAD)],
  ['link.add(name)', (ip) => ip.link.add({ name: BAD, type: 'veth' })],
  ['link.add(peer name)', (ip) => ip.link.add({ name: 'v0', type: 'veth', peer: { name: BAD } })],
  ['link.add(master)', (ip) => ip.link.add({ name: 'v0', type: 'veth', master: BAD })],
  ['link.add(type)', (ip) => ip.link.add({ name: 'v0', type: 'veth\0x' } as never)],
  ['link.add(macvlan link)', (ip) => ip.link.add({ name: 'v0', type: 'macvlan', link: BAD })],
  ['link.list(master)', (ip) => ip.link.list({ master: BAD })],
  ['link.list(type)', (ip) => ip.link.list({ type: 'veth\0x' })],
  ['link.get(name)', (ip) => ip.link.get(BAD)],
  ['link.set(alias)', (ip) => ip.link.set(3, { alias: 'a\0b' })],
  ['link.add(alias)', (ip) => ip.link.add({ name: 'v0', type: 'veth', alias: 'a\0b' })],
  ['link.add(vxlan remote)', (ip) => ip.link.add({ name: 'v0', type: 'vxlan', id: 1, remote: '2001:db8::1\0x' })],
  ['link.add(vlan link)', (ip) => ip.link.add({ name: 'v0', type: 'vlan', id: 5, link: BAD })],
  ['addr.add(dev)', (ip) => ip.addr.add(BAD, '10.0.0.1/24')],
  ['addr.add(label)', (ip) => ip.addr.add(3, '10.0.0.1/24', { label: 'v0:\0x' })],
  ['addr.del(dev)', (ip) => ip.addr.del(BAD, '10.0.0.1/24')],
  ['addr.del(label)', (ip) => ip.addr.del(3, '10.0.0.1/24', { label: 'v0:\0x' })],
  ['addr.list(dev)', (ip) => ip.addr.list({ dev: BAD })],
  ['addr.list(label)', (ip) => ip.addr.list({ label: 'v0\0*' })],
  ['addr.flush(dev)', (ip) => ip.addr.flush({ dev: BAD })],
  ['addr.add(address)', (ip) => ip.addr.add(3, '10.0.0.1\0/24')],
  ['route.add(dev)', (ip) => ip.route.add({ dst: '10.1.0.0/16', dev: BAD })],
  ['route.add(nexthop dev)', (ip) => ip.route.add({ dst: '10.1.0.0/16', nexthops: [{ via: '10.0.0.2', dev: BAD }] })],
  ['route.add(table)', (ip) => ip.route.add({ dst: '10.1.0.0/16', dev: 3, table: 'main\0x' })],
  ['route.list(dev)', (ip) => ip.route.list({ dev: BAD })],
  ['route.get(dev)', (ip) => ip.route.get('10.0.0.1', { dev: BAD })],
  ['route.get(dst)', (ip) => ip.route.get('10.0.0.1\0')],
  ['neigh.add(dev)', (ip) => ip.neigh.add({ dst: '10.0.0.2', dev: BAD, lladdr: '02:00:00:00:00:01' })],
  ['neigh.list(dev)', (ip) => ip.neigh.list({ dev: BAD })],
  ['neigh.get(dev)', (ip) => ip.neigh.get('10.0.0.2', BAD)],
  ['netns.add', (ip) => ip.netns.add('ns\0x')],
  ['netns.del', (ip) => ip.netns.del('ns\0x')],
  ['netns.exec(name)', (ip) => ip.netns.exec('ns\0x', 'true')],
  ['netns.exec(command)', (ip) => ip.netns.exec('ns0', 'tr\0ue')],
  ['netns.exec(argument)', (ip) => ip.netns.exec('ns0', 'echo', ['a\0b'])],
  ['IpRoute.open(netns)', () => IpRoute.open({ netns: 'ns\0x' })],
];

for (const [what, call] of calls) {
  test(`${what}: a NUL is refused with InvalidArgumentError before any request`, async (t) => {
    const { ip, sent } = handle();
    const e = await t.throwsAsync(call(ip), { instanceOf: InvalidArgumentError });
    t.truthy(e);
    t.deepEqual(sent, []);
  });
}

