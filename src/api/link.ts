/**
 * ip.link: list, get, add, set, del — iproute2's `ip link` over RTM_{GET,NEW,DEL}LINK.
 * Input is checked here before anything is sent; the kernel's refusals come back as NetlinkError
 * with its ext-ack text.
 */
import * as fs from 'node:fs';
import { MessageWriter, NLM_F_CREATE, NLM_F_EXCL, NLM_F_ECHO, NetlinkError, type NlMessage } from '../netlink/index.js';
import { macToBytes } from '../rtnl/common.js';
import {
  RTM_NEWLINK, RTM_DELLINK, RTM_GETLINK, IFF_UP, IFF_PROMISC, IFF_NOARP, IFF_ALLMULTI, IFF_MULTICAST,
  RTEXT_FILTER_VF, RTEXT_FILTER_SKIP_STATS, newIfInfoMsg, decodeLinkMessage, encodeLinkMessage, toLink,
  macvlanModeValue, type Link, type LinkMessage, type LinkAttrs, type IfInfoMsg,
} from '../rtnl/link/index.js';
import type { ApiContext, Dev } from './context.js';
import { InvalidArgumentError, NoSuchDeviceError } from './errors.js';
import { openTarget } from './netns.js';
import type { LinkChange, LinkFilter, LinkSpec, NetnsRef, VethPeerSpec, BridgeSpec, VxlanSpec, MacvlanSpec } from './link-types.js';

export type * from './link-types.js';

const ETH_P_8021Q = 0x8100;
const ETH_P_8021AD = 0x88a8;

/** An interface name the kernel would accept (dev_valid_name): 1-15 bytes, no '/', ':' or space. */
export function validateIfname(name: string, what = 'name'): void {
  if (typeof name !== 'string' || name.length === 0) throw new InvalidArgumentError(`${what} must not be empty`, what);
  if (Buffer.byteLength(name) > 15) throw new InvalidArgumentError(`"${name}" is not a valid ifname: longer than 15 bytes`, what);
  if (name === '.' || name === '..' || /[/:\s\0]/.test(name)) {
    throw new InvalidArgumentError(`"${name}" is not a valid ifname: it may not contain '/', ':' or whitespace`, what);
  }
}

function checkUint(v: unknown, what: string, max = 0xffffffff): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) {
    throw new InvalidArgumentError(`invalid ${what} "${String(v)}": expected an integer from 0 to ${max}`, what);
  }
  return v;
}

function checkMac(v: string, what: string): string {
  let b: Uint8Array;
  try {
    b = macToBytes(v);
  } catch {
    throw new InvalidArgumentError(`invalid ${what} "${v}"`, what);
  }
  if (b.length < 1 || b.length > 32) throw new InvalidArgumentError(`invalid ${what} "${v}"`, what);
  return v;
}

const toBit = (v: boolean | 0 | 1 | undefined): number | undefined => (v === undefined ? undefined : v ? 1 : 0);

/** A namespace reference turned into the attribute that names it, and what to close after. */
interface NetnsAttr { fd?: number; pid?: number; close?: () => void }

function resolveNetns(ref: NetnsRef): NetnsAttr {
  if (typeof ref === 'number') return { pid: checkUint(ref, 'netns pid') };
  if (typeof ref === 'string') {
    if (/^\d+$/.test(ref) && !fs.existsSync(`/run/netns/${ref}`)) return { pid: Number(ref) };
    ref = openTarget(ref);
  }
  if ('fd' in ref) return { fd: ref.fd };
  if ('pid' in ref) return { pid: checkUint(ref.pid, 'netns pid') };
  const fd = fs.openSync(ref.path, 'r');
  return { fd, close: () => fs.closeSync(fd) };
}

export class LinkService {
  constructor(private readonly ctx: ApiContext) {}

  /** All links (ip link show), filtered by master, kind, up or group. */
  async list(filter: Readonly<LinkFilter> = {}): Promise<Link[]> {
    const w = new MessageWriter(RTM_GETLINK, 0);
    const attrs: LinkAttrs = { extMask: RTEXT_FILTER_VF | (filter.stats === false ? RTEXT_FILTER_SKIP_STATS : 0) };
    // Kernel-side filters (strict checking is on): master and kind.
    if (filter.master !== undefined) attrs.master = await this.ctx.ifindex(filter.master);
    if (filter.type !== undefined) attrs.linkinfo = { kind: filter.type };
    encodeLinkMessage(w, { ifinfo: newIfInfoMsg(), attrs });
    const links = await this.ctx.conn.dumpAll(w.finish(), 'RTM_GETLINK', {
      map: (type, buf, start, end) => (type === RTM_NEWLINK ? toLink(decodeLinkMessage(buf, undefined, start, end)) : undefined),
    });
    return links.filter((l) =>
      (filter.up === undefined || ((l.ifiFlags & IFF_UP) !== 0) === filter.up) &&
      (filter.group === undefined || l.group === filter.group) &&
      (filter.master === undefined || l.master === attrs.master) &&
      (filter.type === undefined || l.linkinfo?.kind === filter.type));
  }

  /** One link by name or index; NoSuchDeviceError when there is none. */
  async get(dev: Dev): Promise<Link> {
    const w = new MessageWriter(RTM_GETLINK, 0);
    const ifinfo = newIfInfoMsg();
    const attrs: LinkAttrs = { extMask: RTEXT_FILTER_VF };
    if (typeof dev === 'number') ifinfo.index = checkUint(dev, 'ifindex', 0x7fffffff);
    else { if (dev.length === 0 || Buffer.byteLength(dev) > 15) throw new NoSuchDeviceError(dev); attrs.ifname = dev; }
    encodeLinkMessage(w, { ifinfo, attrs });
    try {
      return decodeLink(await this.ctx.conn.get(w.finish(), 'RTM_GETLINK'));
    } catch (e) {
      if (e instanceof NetlinkError && (e.code === 'ENODEV' || e.code === 'ENOENT')) throw new NoSuchDeviceError(dev);
      throw e;
    }
  }

  /**
   * Create a link (ip link add). Resolves with the new link as the kernel echoes it (NLM_F_ECHO),
   * so a name the kernel picked (veth0, ...) is known; with `{ echo: false }` nothing is echoed or
   * decoded (bulk creation: about a quarter of the cost of a veth pair). Nothing is left behind
   * when the kernel refuses.
   */
  add(spec: Readonly<LinkSpec>): Promise<Link>;
  add(spec: Readonly<LinkSpec>, options: { echo: false }): Promise<void>;
  add(spec: Readonly<LinkSpec>, options?: { echo?: boolean }): Promise<Link | void>;
  async add(spec: Readonly<LinkSpec>, options: { echo?: boolean } = {}): Promise<Link | void> {
    if (!spec || typeof spec.type !== 'string' || !/^[\w.-]{1,63}$/.test(spec.type)) {
      throw new InvalidArgumentError(`invalid link type "${String(spec?.type)}"`, 'type');
    }
    const echo = options.echo !== false;
    const closers: (() => void)[] = [];
    try {
      // Everything is checked and built first; the devices the spec names become indexes last:
      // the only lookups, the only waits, and a plain create has none.
      const lookups: DevLookup[] = [];
      const msg = this.commonAttrs(spec, closers, lookups);
      const { data, lower } = this.kindData(spec, closers, lookups);
      msg.attrs.linkinfo = data === undefined ? { kind: spec.type } : { kind: spec.type, data: data as never };
      if (lower !== undefined) lookups.push([lower, (index) => { msg.attrs.link = index; }]);
      for (const [dev, set] of lookups) set(await this.ctx.ifindex(dev));
      const w = new MessageWriter(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL | (echo ? NLM_F_ECHO : 0));
      encodeLinkMessage(w, msg);
      const replies = await this.ctx.conn.request(w.finish(), 'RTM_NEWLINK');
      if (!echo) return;
      const echoed = replies.find((m) => m.header.type === RTM_NEWLINK);
      if (echoed) return decodeLink(echoed);
      return spec.name !== undefined && spec.netns === undefined ? this.get(spec.name) : ({} as Link);
    } finally {
      for (const c of closers) c();
    }
  }

  /** Change a link (ip link set): state, name, mtu, address, master, namespace, ... */
  async set(dev: Dev, change: Readonly<LinkChange>): Promise<void> {
    const index = await this.ctx.ifindex(dev);
    const closers: (() => void)[] = [];
    try {
      const ifinfo = newIfInfoMsg({ index });
      const attrs: LinkAttrs = {};
      const flag = (bit: number, on: boolean | undefined) => {
        if (on === undefined) return;
        ifinfo.change |= bit;
        if (on) ifinfo.flags |= bit;
      };
      flag(IFF_UP, change.up);
      flag(IFF_PROMISC, change.promisc);
      flag(IFF_ALLMULTI, change.allmulticast);
      flag(IFF_MULTICAST, change.multicast);
      if (change.arp !== undefined) flag(IFF_NOARP, !change.arp);
      if (change.name !== undefined) { validateIfname(change.name); attrs.ifname = change.name; }
      if (change.mtu !== undefined) attrs.mtu = checkUint(change.mtu, 'mtu', 0x7fffffff);
      if (change.address !== undefined) attrs.address = checkMac(change.address, 'address');
      if (change.broadcast !== undefined) attrs.broadcast = checkMac(change.broadcast, 'broadcast');
      if (change.txqlen !== undefined) attrs.txqlen = checkUint(change.txqlen, 'txqlen');
      if (change.group !== undefined) attrs.group = checkUint(change.group, 'group');
      if (change.alias !== undefined) {
        if (Buffer.byteLength(change.alias) >= 256) throw new InvalidArgumentError('alias is longer than 255 bytes', 'alias');
        attrs.ifalias = change.alias;
      }
      if (change.carrier !== undefined) attrs.carrier = change.carrier ? 1 : 0;
      if (change.master !== undefined) attrs.master = change.master === null ? 0 : await this.ctx.ifindex(change.master);
      if (change.netns !== undefined) Object.assign(attrs, netnsAttrs(resolveNetns(change.netns), closers));
      const w = new MessageWriter(RTM_NEWLINK, 0);
      encodeLinkMessage(w, { ifinfo, attrs });
      await this.ctx.conn.request(w.finish(), 'RTM_NEWLINK');
    } finally {
      for (const c of closers) c();
    }
  }

  /** Delete a link (ip link del). Deleting one end of a veth pair deletes both. */
  async del(dev: Dev): Promise<void> {
    const index = await this.ctx.ifindex(dev);
    const w = new MessageWriter(RTM_DELLINK, 0);
    encodeLinkMessage(w, { ifinfo: newIfInfoMsg({ index }), attrs: {} });
    await this.ctx.conn.request(w.finish(), 'RTM_DELLINK');
  }

  /** ifinfomsg and the attributes every kind takes, validated. */
  private commonAttrs(spec: Readonly<LinkSpec>, closers: (() => void)[], lookups: DevLookup[]): LinkMessage {
    const ifinfo: IfInfoMsg = newIfInfoMsg();
    const attrs: LinkAttrs = {};
    if (spec.name !== undefined) { validateIfname(spec.name); attrs.ifname = spec.name; }
    if (spec.up) { ifinfo.flags |= IFF_UP; ifinfo.change |= IFF_UP; }
    if (spec.mtu !== undefined) attrs.mtu = checkUint(spec.mtu, 'mtu', 0x7fffffff);
    if (spec.address !== undefined) attrs.address = checkMac(spec.address, 'address');
    if (spec.broadcast !== undefined) attrs.broadcast = checkMac(spec.broadcast, 'broadcast');
    if (spec.txqlen !== undefined) attrs.txqlen = checkUint(spec.txqlen, 'txqlen');
    if ('group' in spec && typeof spec.group === 'number') attrs.group = checkUint(spec.group, 'group');
    if (spec.numTxQueues !== undefined) attrs.numTxQueues = checkUint(spec.numTxQueues, 'numtxqueues');
    if (spec.numRxQueues !== undefined) attrs.numRxQueues = checkUint(spec.numRxQueues, 'numrxqueues');
    if (spec.alias !== undefined) attrs.ifalias = spec.alias;
    if (spec.master !== undefined) lookups.push([spec.master, (index) => { attrs.master = index; }]);
    if (spec.netns !== undefined) Object.assign(attrs, netnsAttrs(resolveNetns(spec.netns), closers));
    return { ifinfo, attrs };
  }

  /** IFLA_INFO_DATA for the kinds with options, and the lower device (IFLA_LINK) where one is named. */
  private kindData(spec: Readonly<LinkSpec>, closers: (() => void)[], lookups: DevLookup[]): { data?: object; lower?: Dev } {
    switch (spec.type) {
      case 'veth': {
        const peer = (spec as { peer?: VethPeerSpec }).peer;
        if (!peer) return {};
        const p: LinkMessage = { ifinfo: newIfInfoMsg(), attrs: {} };
        if (peer.name !== undefined) { validateIfname(peer.name, 'peer name'); p.attrs.ifname = peer.name; }
        if (peer.mtu !== undefined) p.attrs.mtu = checkUint(peer.mtu, 'peer mtu', 0x7fffffff);
        if (peer.address !== undefined) p.attrs.address = checkMac(peer.address, 'peer address');
        if (peer.txqlen !== undefined) p.attrs.txqlen = checkUint(peer.txqlen, 'peer txqlen');
        if (peer.netns !== undefined) Object.assign(p.attrs, netnsAttrs(resolveNetns(peer.netns), closers));
        return { data: { peer: p } };
      }
      case 'bridge': {
        const b = spec as BridgeSpec;
        const data: Record<string, unknown> = {};
        const put = (k: string, v: number | undefined, max?: number) => { if (v !== undefined) data[k] = checkUint(v, k, max); };
        put('forwardDelay', b.forwardDelay);
        put('helloTime', b.helloTime);
        put('maxAge', b.maxAge);
        put('ageingTime', b.ageingTime);
        put('stpState', toBit(b.stpState));
        put('priority', b.priority, 0xffff);
        put('vlanFiltering', toBit(b.vlanFiltering));
        if (b.vlanProtocol !== undefined) {
          if (b.vlanProtocol !== '802.1Q' && b.vlanProtocol !== '802.1ad') throw new InvalidArgumentError(`invalid vlan_protocol "${b.vlanProtocol}"`);
          data.vlanProtocol = b.vlanProtocol === '802.1Q' ? ETH_P_8021Q : ETH_P_8021AD;
        }
        put('vlanDefaultPvid', b.vlanDefaultPvid, 4094);
        put('groupFwdMask', b.groupFwdMask, 0xffff);
        put('mcastSnooping', toBit(b.mcastSnooping));
        put('mcastQuerier', toBit(b.mcastQuerier));
        put('nfCallIptables', toBit(b.nfCallIptables));
        put('nfCallIp6tables', toBit(b.nfCallIp6tables));
        put('nfCallArptables', toBit(b.nfCallArptables));
        return Object.keys(data).length ? { data } : {};
      }
      case 'vxlan': {
        const v = spec as VxlanSpec;
        const data: Record<string, unknown> = { id: checkUint(v.id, 'vxlan id', 0xffffff) };
        const ipOf = (s: string, what: string) => { if (!/^[\d.]+$|:/.test(s)) throw new InvalidArgumentError(`invalid ${what} "${s}"`); return s; };
        const addr = (k4: string, k6: string, s: string | undefined, what: string) => {
          if (s === undefined) return;
          ipOf(s, what);
          data[s.includes(':') ? k6 : k4] = s;
        };
        addr('group', 'group6', v.group ?? v.remote, v.group ? 'group' : 'remote');
        addr('local', 'local6', v.local, 'local');
        if (v.dev !== undefined) lookups.push([v.dev, (index) => { data.link = index; }]);
        if (v.ttl !== undefined) data.ttl = checkUint(v.ttl, 'ttl', 255);
        if (v.tos !== undefined) data.tos = checkUint(v.tos, 'tos', 255);
        if (v.learning !== undefined) data.learning = v.learning ? 1 : 0;
        if (v.ageing !== undefined) data.ageing = checkUint(v.ageing, 'ageing');
        if (v.srcport) data.portRange = { low: checkUint(v.srcport[0], 'srcport', 0xffff), high: checkUint(v.srcport[1], 'srcport', 0xffff) };
        if (v.dstport !== undefined) data.port = checkUint(v.dstport, 'dstport', 0xffff);
        if (v.udpCsum !== undefined) data.udpCsum = v.udpCsum ? 1 : 0;
        return { data };
      }
      case 'macvlan':
      case 'macvtap': {
        const m = spec as MacvlanSpec;
        if (m.link === undefined) throw new InvalidArgumentError(`${spec.type} needs a lower device (link)`, 'link');
        const data: Record<string, unknown> = {};
        if (m.mode !== undefined) {
          const mode = macvlanModeValue(m.mode);
          if (mode === undefined) throw new InvalidArgumentError(`invalid ${spec.type} mode "${m.mode}"`, 'mode');
          data.mode = mode;
        }
        // The lower device is IFLA_LINK on the new link itself.
        return Object.keys(data).length ? { data, lower: m.link } : { lower: m.link };
      }
      default:
        return {};
    }
  }
}

/** A device named by a spec, and where its index goes once looked up. */
type DevLookup = [Dev, (index: number) => void];

function netnsAttrs(n: NetnsAttr, closers: (() => void)[]): LinkAttrs {
  if (n.close) closers.push(n.close);
  return n.fd !== undefined ? { netNsFd: n.fd } : { netNsPid: n.pid! };
}

function decodeLink(m: NlMessage): Link {
  return toLink(decodeLinkMessage(m.payload));
}
