/**
 * ip.link: list, get, add, set, del — iproute2's `ip link` over RTM_{GET,NEW,DEL}LINK.
 * Input is checked here before anything is sent: the keys of a spec against its kind's driver
 * (src/api/kinds), the values by the common options and the driver. The kernel's refusals come
 * back as NetlinkError with its ext-ack text.
 */
import * as fs from 'node:fs';
import { MessageWriter, NLM_F_APPEND, NLM_F_CREATE, NLM_F_EXCL, NLM_F_ECHO, NetlinkError, type NlMessage } from '../netlink/index.js';
import {
  RTM_NEWLINK, RTM_DELLINK, RTM_GETLINK, RTM_NEWLINKPROP, RTM_DELLINKPROP, IFF_UP, IFF_PROMISC, IFF_NOARP, IFF_ALLMULTI, IFF_MULTICAST,
  RTEXT_FILTER_VF, RTEXT_FILTER_SKIP_STATS, newIfInfoMsg, decodeLinkMessage, encodeLinkMessage, toLink,
  type Link, type LinkInfo, type LinkMessage, type LinkAttrs,
} from '../rtnl/link/index.js';
import { checkBit, checkKeys, checkMac, checkText, checkUint, validateIfname } from './check.js';
import type { ApiContext, Dev } from './context.js';
import { InvalidArgumentError, NoSuchDeviceError } from './errors.js';
import { givesAny, KIND_DRIVERS, SLAVE_DRIVERS, type KindBuild, type KindDriver, type OptionKeys } from './kinds/index.js';
import { openTarget } from './netns.js';
import type { LinkChange, LinkFilter, LinkOptions, LinkSpec, NetnsRef } from './link-types.js';

export type * from './link-types.js';
export type * from './kinds/index.js';
export { validateIfname } from './check.js';

/** Every common option: the keys any kind accepts beside its own. */
const COMMON_OPTIONS: OptionKeys<LinkOptions> = {
  name: true, mtu: true, address: true, broadcast: true, txqlen: true, master: true, link: true, up: true, netns: true,
  group: true, alias: true, numTxQueues: true, numRxQueues: true, promisc: true, allmulticast: true, multicast: true,
  arp: true, carrier: true,
};
const COMMON = Object.keys(COMMON_OPTIONS);

/** The keys a spec of each known kind may have; computed once, never changed. */
const ADD_KEYS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries(KIND_DRIVERS).map(([kind, d]) => [kind, new Set(['type', ...COMMON, ...Object.keys(d.options)])]),
);
/** The keys of a spec of a kind without a driver: the common options and raw `data`. */
const OTHER_KEYS: ReadonlySet<string> = new Set(['type', 'data', ...COMMON]);
/** The keys `link.set` takes, with `type` and each kind's or port kind's options. */
const SET_KEYS: ReadonlySet<string> = new Set(['type', ...COMMON.filter((k) => k !== 'link')]);
const SET_KIND_KEYS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  [...Object.entries(KIND_DRIVERS), ...Object.entries(SLAVE_DRIVERS)]
    .map(([kind, d]) => [kind, new Set([...SET_KEYS, ...Object.keys(d.options)])]),
);

/** Any driver, its options erased (a driver's `build` is a method, so each one fits). */
type AnyDriver = Pick<KindDriver<object, object>, 'build' | 'changeFromCurrent' | 'options' | 'create'>;

const has = <T extends object>(o: T, key: string): key is keyof T & string => Object.prototype.hasOwnProperty.call(o, key);

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

/** Options of `ip.link.add`. */
export interface AddOptions {
  /** Resolve with the new link (default true); false: resolve with nothing, one round trip less. */
  echo?: boolean;
  /** Send RTM_NEWLINK even for a kind its driver makes otherwise (tun, tap), as `ip link add` does. */
  rtnetlink?: boolean;
}

/** `ip.link`: list, get, add, set and delete network devices (RTM_*LINK), every kind through its driver. */
export class LinkService {
  constructor(private readonly ctx: ApiContext) {}

  /** All links (ip link show), filtered by master, kind, up or group. */
  async list(filter: Readonly<LinkFilter> = {}): Promise<Link[]> {
    const w = new MessageWriter(RTM_GETLINK, 0);
    const attrs: LinkAttrs = { extMask: RTEXT_FILTER_VF | (filter.stats === false ? RTEXT_FILTER_SKIP_STATS : 0) };
    // Kernel-side filters (strict checking is on): master and kind.
    if (filter.master !== undefined) attrs.master = await this.ctx.ifindex(filter.master);
    if (filter.type !== undefined) attrs.linkinfo = { kind: checkText(filter.type, 'type') };
    encodeLinkMessage(w, { ifinfo: newIfInfoMsg(), attrs }, this.ctx.kinds);
    const links = await this.ctx.conn.dumpAll(w.finish(), 'RTM_GETLINK', {
      map: (type, buf, start, end) => (type === RTM_NEWLINK ? toLink(decodeLinkMessage(buf, this.ctx.kinds, start, end)) : undefined),
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
    else { if (checkText(dev, 'device').length === 0 || Buffer.byteLength(dev) > 15) throw new NoSuchDeviceError(dev); attrs.ifname = dev; }
    encodeLinkMessage(w, { ifinfo, attrs }, this.ctx.kinds);
    try {
      return this.decode(await this.ctx.conn.get(w.finish(), 'RTM_GETLINK'));
    } catch (e) {
      if (e instanceof NetlinkError && (e.code === 'ENODEV' || e.code === 'ENOENT')) throw new NoSuchDeviceError(dev);
      throw e;
    }
  }

  /**
   * Create a link (ip link add). Resolves with the new link as the kernel echoes it (NLM_F_ECHO),
   * so a name the kernel picked (veth0, ...) is known; with `{ echo: false }` nothing is echoed or
   * decoded (bulk creation: about a quarter of the cost of a veth pair). A key the kind does not
   * have is an UnknownOptionError and a bad value an InvalidArgumentError, both before anything
   * is sent; nothing is left behind when the kernel refuses.
   *
   * tun and tap devices are made by ioctls on /dev/net/tun (see ip.tuntap), the common options
   * then set with one `link.set` (the device is removed again if that fails); those that exist
   * only at creation (`link`, `numTxQueues`, `numRxQueues`) are refused. `{ rtnetlink: true }`
   * sends RTM_NEWLINK for them anyway, as `ip link add ... type tun` does (the kernel refuses it).
   */
  add(spec: Readonly<LinkSpec>): Promise<Link>;
  add(spec: Readonly<LinkSpec>, options: AddOptions & { echo: false }): Promise<void>;
  add(spec: Readonly<LinkSpec>, options?: AddOptions): Promise<Link | void>;
  async add(spec: Readonly<LinkSpec>, options: AddOptions = {}): Promise<Link | void> {
    const echo = options.echo !== false;
    const maker: AnyDriver | undefined = spec && typeof spec.type === 'string' && has(KIND_DRIVERS, spec.type) ? KIND_DRIVERS[spec.type] : undefined;
    if (maker?.create && options.rtnetlink !== true) return this.addMade(spec, maker, echo);
    // Everything is checked and built first; the devices the spec names become indexes last:
    // the only lookups, the only waits, and a plain create has none.
    const req = this.prepareAdd(spec, echo);
    try {
      const replies = await this.ctx.conn.request(req.encode(await this.lookupAll(req.devs)), 'RTM_NEWLINK');
      if (!echo) return;
      const echoed = replies.find((m) => m.header.type === RTM_NEWLINK);
      if (echoed) return this.decode(echoed);
      return spec.name !== undefined && spec.netns === undefined ? this.get(spec.name) : ({} as Link);
    } finally {
      req.close();
    }
  }

  /** `add` of a kind its driver makes itself (tun, tap): create, then the common options. */
  private async addMade(spec: Readonly<LinkSpec>, driver: AnyDriver, echo: boolean): Promise<Link | void> {
    checkKeys(spec, ADD_KEYS.get(spec.type)!, `a ${spec.type} link`);
    const kindOptions: Record<string, unknown> = {};
    const change: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(spec)) {
      if (v === undefined || k === 'type' || k === 'name') continue;
      if (k === 'link' || k === 'numTxQueues' || k === 'numRxQueues') {
        throw new InvalidArgumentError(`a ${spec.type} device is not made with ${k}`, k);
      }
      (Object.prototype.hasOwnProperty.call(driver.options, k) ? kindOptions : change)[k] = v;
    }
    if (spec.name !== undefined) validateIfname(spec.name);
    const changes = Object.keys(change).length > 0;
    // the common options are checked before the device is made (the name is a stand-in here)
    if (changes) this.prepareSet(spec.name ?? 'tun0', change).close();
    const name = driver.create!(kindOptions, spec.type, spec.name, this.ctx.netns);
    if (changes) {
      try {
        await this.set(name, change);
      } catch (e) {
        await this.del(name).catch(() => undefined);
        throw e;
      }
    }
    if (echo) return this.get(name);
  }

  /** Look every named device up, in order (numbers are taken as they are). */
  private async lookupAll(devs: readonly Dev[]): Promise<number[]> {
    const out: number[] = [];
    for (const d of devs) out.push(await this.ctx.ifindex(d));
    return out;
  }

  /**
   * `add` checked and built, but not sent: what `ip.batch` queues. Throws on bad input; the
   * request waits only for the indexes of the devices it names (`devs`).
   */
  prepareAdd(spec: Readonly<LinkSpec>, echo = false): PreparedRequest {
    if (!spec || typeof spec.type !== 'string' || !/^[\w.-]{1,63}$/.test(spec.type)) {
      throw new InvalidArgumentError(`invalid link type "${String(spec?.type)}"`, 'type');
    }
    const b = new RequestBuild('add', spec.type);
    try {
      const driver: AnyDriver | undefined = has(KIND_DRIVERS, spec.type) ? KIND_DRIVERS[spec.type] : undefined;
      checkKeys(spec, ADD_KEYS.get(spec.type) ?? OTHER_KEYS, `a ${spec.type} link`);
      const msg = linkMessage(spec, b);
      let data: object | undefined;
      if (driver) data = driver.build(spec, b);
      else if ('data' in spec && spec.data !== undefined) {
        if (!(spec.data instanceof Uint8Array)) throw new InvalidArgumentError('data of a kind without a driver must be bytes', 'data');
        data = spec.data;
      }
      msg.attrs.linkinfo = data === undefined ? { kind: spec.type } : { kind: spec.type, data };
      return b.prepared('RTM_NEWLINK', () => {
        const w = new MessageWriter(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL | (echo ? NLM_F_ECHO : 0));
        encodeLinkMessage(w, msg, this.ctx.kinds);
        return w.finish();
      });
    } catch (e) {
      b.close();
      throw e;
    }
  }

  /**
   * Change a link (ip link set): state, name, mtu, address, master, namespace, ...; with `type`,
   * the kind's options (`{ type: 'bridge', stpState: 1 }`) or a port's (`{ type: 'bridge_slave',
   * cost: 10 }`), as `ip link set dev X type K ...`.
   */
  async set(dev: Dev, change: Readonly<LinkChange>): Promise<void> {
    const type = change.type;
    if (type !== undefined && (typeof type !== 'string' || !/^[\w.-]{1,63}$/.test(type))) {
      throw new InvalidArgumentError(`invalid link type "${String(type)}"`, 'type');
    }
    checkKeys(change, type === undefined ? SET_KEYS : SET_KIND_KEYS.get(type) ?? SET_KEYS, type === undefined ? 'link set' : `a ${type} link`);
    const b = new RequestBuild('set', type ?? '');
    try {
      const msg = linkMessage(change, b);
      if (type !== undefined) {
        let data: object | undefined;
        let port: boolean;
        const driver: AnyDriver | undefined = has(SLAVE_DRIVERS, type) ? SLAVE_DRIVERS[type]
          : has(KIND_DRIVERS, type) ? KIND_DRIVERS[type] : undefined;
        if (driver) data = driver.build(change, b, driver.changeFromCurrent && givesAny(change, driver.options) ? await this.currentData(dev, type) : undefined);
        port = has(SLAVE_DRIVERS, type);
        const info: LinkInfo = { kind: type };
        if (data !== undefined) info[port ? 'slaveData' : 'data'] = data;
        msg.attrs.linkinfo = info;
      }
      b.lookup(dev, (index) => { msg.ifinfo.index = index; });
      await b.resolve(this.ctx);
      const w = new MessageWriter(RTM_NEWLINK, 0);
      encodeLinkMessage(w, msg, this.ctx.kinds);
      await this.ctx.conn.request(w.finish(), 'RTM_NEWLINK');
    } finally {
      b.close();
    }
  }

  /** `set` checked and built, not sent (see prepareAdd). */
  prepareSet(dev: Dev, change: Readonly<LinkChange>): PreparedRequest {
    const type = change?.type;
    if (type !== undefined && (typeof type !== 'string' || !/^[\w.-]{1,63}$/.test(type))) {
      throw new InvalidArgumentError(`invalid link type "${String(type)}"`, 'type');
    }
    checkKeys(change, type === undefined ? SET_KEYS : SET_KIND_KEYS.get(type) ?? SET_KEYS, type === undefined ? 'link set' : `a ${type} link`);
    const b = new RequestBuild('set', type ?? '');
    try {
      const msg = linkMessage(change, b);
      if (type !== undefined) {
        let data: object | undefined;
        const driver: AnyDriver | undefined = has(SLAVE_DRIVERS, type) ? SLAVE_DRIVERS[type]
          : has(KIND_DRIVERS, type) ? KIND_DRIVERS[type] : undefined;
        if (driver?.changeFromCurrent && givesAny(change, driver.options)) {
          throw new InvalidArgumentError(`these ${type} options are merged with the link's current ones: use link.set, not a batch`, 'type');
        }
        if (driver) data = driver.build(change, b);
        const port = has(SLAVE_DRIVERS, type);
        const info: LinkInfo = { kind: type };
        if (data !== undefined) info[port ? 'slaveData' : 'data'] = data;
        msg.attrs.linkinfo = info;
      }
      b.lookup(dev, (index) => { msg.ifinfo.index = index; });
      return b.prepared('RTM_NEWLINK', () => {
        const w = new MessageWriter(RTM_NEWLINK, 0);
        encodeLinkMessage(w, msg, this.ctx.kinds);
        return w.finish();
      });
    } catch (e) {
      b.close();
      throw e;
    }
  }

  /** `del` built, not sent (see prepareAdd). */
  prepareDel(dev: Dev): PreparedRequest {
    const b = new RequestBuild('set', '');
    const msg: LinkMessage = { ifinfo: newIfInfoMsg(), attrs: {} };
    b.lookup(dev, (index) => { msg.ifinfo.index = index; });
    return b.prepared('RTM_DELLINK', () => {
      const w = new MessageWriter(RTM_DELLINK, 0);
      encodeLinkMessage(w, msg);
      return w.finish();
    });
  }

  /** Delete a link (ip link del). Deleting one end of a veth pair deletes both. */
  async del(dev: Dev): Promise<void> {
    const index = await this.ctx.ifindex(dev);
    const w = new MessageWriter(RTM_DELLINK, 0);
    encodeLinkMessage(w, { ifinfo: newIfInfoMsg({ index }), attrs: {} });
    await this.ctx.conn.request(w.finish(), 'RTM_DELLINK');
  }

  /**
   * Give a device alternative names (`ip link property add dev DEV altname NAME...`,
   * RTM_NEWLINKPROP with IFLA_PROP_LIST). A name already in use anywhere is EEXIST. Each name is
   * checked as iproute2 does (not empty, no '/', whitespace or NUL); the kernel refuses one
   * longer than 127 bytes.
   */
  async addAltnames(dev: Dev, names: readonly string[]): Promise<void> {
    await this.altnames(RTM_NEWLINKPROP, NLM_F_CREATE | NLM_F_EXCL | NLM_F_APPEND, dev, names);
  }

  /** Take alternative names from a device (`ip link property del ...`, RTM_DELLINKPROP). */
  async delAltnames(dev: Dev, names: readonly string[]): Promise<void> {
    await this.altnames(RTM_DELLINKPROP, 0, dev, names);
  }

  private async altnames(type: number, flags: number, dev: Dev, names: readonly string[]): Promise<void> {
    if (!Array.isArray(names)) throw new InvalidArgumentError('altnames must be an array of names', 'altnames');
    for (const n of names) checkAltname(n);
    const index = await this.ctx.ifindex(dev);
    const w = new MessageWriter(type, flags);
    encodeLinkMessage(w, { ifinfo: newIfInfoMsg({ index }), attrs: { propList: { altIfname: [...names] } } }, this.ctx.kinds);
    await this.ctx.conn.request(w.finish(), type === RTM_NEWLINKPROP ? 'RTM_NEWLINKPROP' : 'RTM_DELLINKPROP');
  }

  /**
   * The IFLA_INFO_DATA of `dev`, which must be of a kind with the same codec as `type` (ip's
   * tunnels merge a change into it). InvalidArgumentError otherwise, before any change is sent.
   */
  private async currentData(dev: Dev, type: string): Promise<object> {
    const info = (await this.get(dev)).linkinfo;
    const codec = this.ctx.kinds.data(type);
    if (!info?.data || info.data instanceof Uint8Array || !codec || this.ctx.kinds.data(info.kind) !== codec) {
      throw new InvalidArgumentError(`Failed to get existing tunnel info: ${String(dev)} is not a ${type} link`, 'type');
    }
    return info.data;
  }

  private decode(m: NlMessage): Link {
    return toLink(decodeLinkMessage(m.payload, this.ctx.kinds));
  }
}

/** An alternative name as iproute2's check_altifname takes it: not empty, no '/', whitespace or NUL. */
function checkAltname(name: unknown): void {
  checkText(name, 'altname');
  if (name === '' || /[/\s]/.test(name as string)) throw new InvalidArgumentError(`"${String(name)}" is not a valid altname`, 'altname');
}

/**
 * A request checked and built but not sent: it waits only for the indexes of the devices it
 * names. `encode` takes them in the order of `devs`; `close` frees what building opened
 * (namespace fds), sent or not.
 */
export interface PreparedRequest {
  readonly op: string;
  readonly devs: readonly Dev[];
  /** The request's bytes, with the indexes of `devs` in their order. */
  encode(indexes: readonly number[]): Uint8Array;
  /** Free what building opened. */
  close(): void;
}

/** A device named by a spec, and where its index goes once looked up. */
type DevLookup = [Dev, (index: number) => void];

/** One request being built: the devices to look up once everything is checked, fds to close. */
class RequestBuild implements KindBuild {
  private readonly lookups: DevLookup[] = [];
  private readonly closers: (() => void)[] = [];
  constructor(readonly op: 'add' | 'set', readonly kind: string) {}

  lookup(dev: Dev, set: (index: number) => void): void {
    if (typeof dev !== 'number') checkText(dev, 'device name');
    this.lookups.push([dev, set]);
  }

  netns(ref: NetnsRef): Pick<LinkAttrs, 'netNsFd' | 'netNsPid'> {
    const n = resolveNetns(ref);
    if (n.close) this.closers.push(n.close);
    return n.fd !== undefined ? { netNsFd: n.fd } : { netNsPid: n.pid! };
  }

  linkMessage(options: Readonly<LinkOptions>, what: string): LinkMessage {
    if (options === null || typeof options !== 'object') throw new InvalidArgumentError(`${what} must be an object`, what);
    checkKeys(options, PEER_KEYS, what);
    return linkMessage(options, this, `${what} `);
  }

  /** Look every named device up, in the order they were named. */
  async resolve(ctx: ApiContext): Promise<void> {
    for (const [dev, set] of this.lookups) set(await ctx.ifindex(dev));
  }

  /** The request, waiting for the indexes of the devices named, in the order they were named. */
  prepared(op: string, encode: () => Uint8Array): PreparedRequest {
    const lookups = this.lookups;
    return {
      op,
      devs: lookups.map(([dev]) => dev),
      encode: (indexes) => {
        lookups.forEach(([, set], i) => set(indexes[i]!));
        return encode();
      },
      close: () => this.close(),
    };
  }

  close(): void {
    for (const c of this.closers) c();
  }
}

/** The keys a veth peer takes: the common options but the lower device and master. */
const PEER_KEYS: ReadonlySet<string> = new Set(COMMON.filter((k) => k !== 'link' && k !== 'master'));

/**
 * The ifinfomsg and IFLA_* attributes of the common options in `o`, in the order `o` gives them
 * (iproute2 writes its words' attributes as it reads them), then IFLA_LINK and IFLA_IFNAME,
 * which iproute2 writes after all the words. Other keys (the kind's) are left to its driver.
 */
function linkMessage(o: Readonly<LinkOptions | LinkChange>, b: RequestBuild, prefix = ''): LinkMessage {
  const ifinfo = newIfInfoMsg();
  const attrs: LinkAttrs = {};
  const flag = (bit: number, on: boolean): void => {
    ifinfo.change |= bit;
    if (on) ifinfo.flags |= bit;
    else ifinfo.flags &= ~bit;
  };
  const what = (key: string): string => `${prefix}${key}`;
  for (const key of Object.keys(o) as (keyof LinkChange & keyof LinkOptions)[]) {
    const v = (o as Record<string, unknown>)[key];
    if (v === undefined) continue;
    switch (key) {
      case 'up': flag(IFF_UP, checkBit(v, what(key)) === 1); break;
      case 'promisc': flag(IFF_PROMISC, checkBit(v, what(key)) === 1); break;
      case 'allmulticast': flag(IFF_ALLMULTI, checkBit(v, what(key)) === 1); break;
      case 'multicast': flag(IFF_MULTICAST, checkBit(v, what(key)) === 1); break;
      case 'arp': flag(IFF_NOARP, checkBit(v, what(key)) === 0); break;
      case 'mtu': attrs.mtu = checkUint(v, what('mtu'), 0x7fffffff); break;
      case 'address': attrs.address = checkMac(v, what('address')); break;
      case 'broadcast': attrs.broadcast = checkMac(v, what('broadcast')); break;
      case 'txqlen': attrs.txqlen = checkUint(v, what('txqlen')); break;
      case 'group': attrs.group = checkUint(v, what('group')); break;
      case 'alias': attrs.ifalias = checkText(v, what('alias'), 255); break;
      case 'carrier': attrs.carrier = checkBit(v, what('carrier')); break;
      case 'numTxQueues': attrs.numTxQueues = checkUint(v, what('numtxqueues')); break;
      case 'numRxQueues': attrs.numRxQueues = checkUint(v, what('numrxqueues')); break;
      case 'netns': Object.assign(attrs, b.netns(v as NetnsRef)); break;
      case 'master':
        attrs.master = 0; // its place in the request; the index comes with the lookups
        if (v !== null) b.lookup(v as Dev, (index) => { attrs.master = index; });
        break;
      default: break; // name and link below; the kind's options are its driver's
    }
  }
  const lower = (o as LinkOptions).link;
  if (lower !== undefined) {
    attrs.link = 0;
    b.lookup(lower, (index) => { attrs.link = index; });
  }
  if (o.name !== undefined) {
    validateIfname(o.name, what('name'));
    attrs.ifname = o.name;
  }
  return { ifinfo, attrs };
}
