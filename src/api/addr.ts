/**
 * `ip.addr`: list, add, change, replace, delete and flush interface addresses, with iproute2's
 * semantics (`ip addr add 10.0.0.1/24 dev x` = RTM_NEWADDR, CREATE|EXCL, IFA_LOCAL + IFA_ADDRESS).
 * Text input (CIDRs, addresses, options) is checked before any request is sent.
 */
import { NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE, MessageWriter, NetlinkError } from '../netlink/index.js';
import { AF_INET, AF_INET6, AF_UNSPEC, familyNumber, ipToString, parseDottedQuad, parseIpv6, type Family } from '../rtnl/common.js';
import {
  IFA_F_MCAUTOJOIN, IFA_F_HOMEADDRESS, IFA_F_MANAGETEMPADDR, IFA_F_NODAD, IFA_F_NOPREFIXROUTE, IFA_F_OPTIMISTIC,
  INFINITY_LIFE_TIME, RTM_DELADDR, RTM_GETADDR, RTM_NEWADDR, decodeAddrMessage, encodeAddrMessage, encodeIfAddrMsg,
  toAddress, type AddrAttrs, type AddrMessage, type Address,
} from '../rtnl/addr/index.js';
import { addrProtocols, RT_SCOPE_HOST, RT_SCOPE_UNIVERSE, scopes } from '../rtnl/route/names.js';
import type { ApiContext, Dev } from './context.js';
import { checkText } from './check.js';
import { InvalidArgumentError } from './errors.js';
import type { PreparedRequest } from './link.js';

// ---------------------------------------------------------------------------------------------
// Address and prefix text (shared by the route and neigh services)

/** An IP address parsed from text. */
export interface InetAddress {
  family: Family;
  /** 4 or 16 bytes, network order. */
  bytes: Uint8Array;
  /** Canonical text (dotted quad, compressed IPv6). */
  text: string;
}

/** An IP prefix parsed from "addr/len" or "addr" (then len is the full width). */
export interface InetPrefix extends InetAddress {
  len: number;
  /** Whether the text had an explicit "/len". */
  hasLen: boolean;
}

const bitsOf = (f: Family): number => (f === 'inet6' ? 128 : 32);

function tryAddress(text: string): InetAddress | undefined {
  // Strict four-part decimal (what ipaddr.js calls it; property-tested against it): canonical as it is.
  const quad = parseDottedQuad(text);
  if (quad) return { family: 'inet', bytes: quad, text };
  const v6 = text.includes(':') ? parseIpv6(text) : undefined;
  // Canonical text as inet_ntop writes it, which is what iproute2 prints.
  return v6 ? { family: 'inet6', bytes: v6, text: ipToString(v6) } : undefined;
}

/**
 * Parse an IPv4 (strict dotted quad) or IPv6 address; `family`, when given, must match.
 * Throws InvalidArgumentError in iproute2's words.
 */
export function parseInetAddress(text: unknown, family?: Family, what = 'address'): InetAddress {
  const a = typeof text === 'string' ? tryAddress(text) : undefined;
  if (!a) throw new InvalidArgumentError(`${family ?? 'inet'} address is expected rather than "${String(text)}".`, what);
  if (family && a.family !== family) throw new InvalidArgumentError(`${family} address is expected rather than "${text as string}".`, what);
  return a;
}

/**
 * Parse "addr/len" or "addr" (a host prefix); `family`, when given, must match. A length above
 * 32 (IPv4) or 128 (IPv6), or anything that is not a number, is rejected.
 */
export function parseInetPrefix(text: unknown, family?: Family, what = 'prefix'): InetPrefix {
  const bad = (): InvalidArgumentError => new InvalidArgumentError(`any valid prefix is expected rather than "${String(text)}".`, what);
  if (typeof text !== 'string') throw bad();
  const slash = text.indexOf('/');
  const a = tryAddress(slash < 0 ? text : text.slice(0, slash));
  if (!a) throw bad();
  if (family && a.family !== family) throw bad();
  if (slash < 0) return { family: a.family, bytes: a.bytes, text: a.text, len: bitsOf(a.family), hasLen: false };
  const lenText = text.slice(slash + 1);
  if (!/^[0-9]{1,3}$/.test(lenText) || Number(lenText) > bitsOf(a.family)) throw bad();
  return { family: a.family, bytes: a.bytes, text: a.text, len: Number(lenText), hasLen: true };
}

/** Whether `addr` lies in the prefix `net`/`len` (both byte arrays of the same family). */
export function prefixContains(net: Uint8Array, len: number, addr: Uint8Array): boolean {
  if (net.length !== addr.length) return false;
  let bits = len;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((net[i]! ^ addr[i]!) & mask) !== 0) return false;
  }
  return true;
}

/** Parse a scope name or number ('global', 'link', 'host', 'site', 'nowhere', 0..255). */
export function parseScope(v: string | number): number {
  const n = scopes.number(v);
  if (n === undefined) throw new InvalidArgumentError(`invalid scope value "${v}"`, 'scope');
  return n;
}

function u32Arg(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) {
    throw new InvalidArgumentError(`"${what}" value is invalid: ${String(v)}`, what);
  }
  return v;
}

function lifetime(v: number | 'forever' | undefined, what: string): number | undefined {
  if (v === undefined) return undefined;
  if (v === 'forever') return INFINITY_LIFE_TIME;
  return u32Arg(v, what);
}

// ---------------------------------------------------------------------------------------------
// The service

/** What `addr.list` and `addr.flush` select. */
export interface AddrFilter {
  /** Only this device (filtered by the kernel). */
  dev?: Dev;
  /** Only this family (filtered by the kernel). */
  family?: Family;
  /** Only this scope (name or number). */
  scope?: string | number;
  /** Only addresses whose IFA_LABEL matches this shell pattern ('*' and '?' wildcards). */
  label?: string;
  /** Only addresses whose local address lies in this prefix. */
  to?: string;
}

/** Options of `addr.add` / `change` / `replace`, named after iproute2's keywords. */
export interface AddrOptions {
  /** Broadcast address, or '+' (host bits set) / '-' (host bits cleared) computed from the prefix. IPv4 only. */
  broadcast?: string;
  /** Anycast address (IFA_ANYCAST). */
  anycast?: string;
  /** IPv4 label, e.g. "eth0:1" (IFA_LABEL). */
  label?: string;
  /** Scope name or number; default 'host' for 127/8, else 'global'. */
  scope?: string | number;
  /** Peer address of a point-to-point link, "addr" or "addr/len" (its length becomes the prefix length). */
  peer?: string;
  /** Valid lifetime in seconds, or 'forever' (the default). */
  validLft?: number | 'forever';
  /** Preferred lifetime in seconds, or 'forever' (the default). */
  preferredLft?: number | 'forever';
  /** Do not create the prefix route (IFA_F_NOPREFIXROUTE). */
  noprefixroute?: boolean;
  /** IPv6: skip duplicate address detection (IFA_F_NODAD). */
  nodad?: boolean;
  /** IPv6: optimistic DAD (IFA_F_OPTIMISTIC). */
  optimistic?: boolean;
  /** IPv6: home address (IFA_F_HOMEADDRESS). */
  home?: boolean;
  /** IPv6: manage temporary addresses from this one (IFA_F_MANAGETEMPADDR). */
  mngtmpaddr?: boolean;
  /** Join the multicast group of a multicast address (IFA_F_MCAUTOJOIN). */
  autojoin?: boolean;
  /** Metric of the prefix route (IFA_RT_PRIORITY). */
  metric?: number;
  /** Address protocol (IFA_PROTO), a name ('kernel_lo', ...) or a number. */
  proto?: string | number;
}

/** Options of `addr.del`. */
export interface AddrDelOptions {
  peer?: string;
  label?: string;
}

const FLAG_OPTIONS: readonly [keyof AddrOptions, number, boolean][] = [
  ['nodad', IFA_F_NODAD, true],
  ['optimistic', IFA_F_OPTIMISTIC, true],
  ['home', IFA_F_HOMEADDRESS, true],
  ['mngtmpaddr', IFA_F_MANAGETEMPADDR, true],
  ['noprefixroute', IFA_F_NOPREFIXROUTE, false],
  ['autojoin', IFA_F_MCAUTOJOIN, false],
];

/** The address message `ip addr add/change/replace` would send; InvalidArgumentError where `ip` refuses. */
export function buildAddrRequest(ifindex: number, cidr: string, opts: Readonly<AddrOptions>): AddrMessage {
  const local = parseInetPrefix(cidr, undefined, 'local');
  const family = local.family;
  const attrs: AddrAttrs = { local: local.text };
  let prefixlen = local.len;
  let peerPrefix: InetPrefix = local;
  if (opts.peer !== undefined) {
    peerPrefix = parseInetPrefix(opts.peer, family, 'peer');
    attrs.address = peerPrefix.text;
    prefixlen = peerPrefix.len;
  }
  const brd = opts.broadcast;
  if (brd !== undefined && brd !== '+' && brd !== '-') {
    if (family !== 'inet') throw new InvalidArgumentError('Broadcast can be set only for IPv4 addresses', 'broadcast');
    attrs.broadcast = parseInetAddress(brd, family, 'broadcast').text;
  }
  if (opts.anycast !== undefined) attrs.anycast = parseInetAddress(opts.anycast, family, 'anycast').text;
  if (opts.label !== undefined) {
    if (typeof opts.label !== 'string' || opts.label.length === 0) throw new InvalidArgumentError('invalid label', 'label');
    attrs.label = checkText(opts.label, 'label');
  }
  if (opts.metric !== undefined) attrs.rtPriority = u32Arg(opts.metric, 'metric');
  if (opts.proto !== undefined) {
    const p = addrProtocols.number(opts.proto);
    if (p === undefined) throw new InvalidArgumentError(`"proto" value is invalid: ${String(opts.proto)}`, 'proto');
    attrs.proto = p;
  }
  let flags = 0;
  for (let i = 0; i < FLAG_OPTIONS.length; i++) {
    const option = FLAG_OPTIONS[i]!; // indexed, not destructured: this runs once per address added
    const key = option[0];
    if (!opts[key]) continue;
    const mask = option[1];
    const v6only = option[2];
    if (v6only && family !== 'inet6') throw new InvalidArgumentError(`${key} option can be set only for IPv6 addresses`, key);
    flags |= mask;
  }
  if (flags > 0xff) attrs.flags = flags;
  if (opts.peer === undefined) attrs.address = local.text;
  if (brd === '+' || brd === '-') {
    if (family !== 'inet') throw new InvalidArgumentError('Broadcast can be set only for IPv4 addresses', 'broadcast');
    if (peerPrefix.len <= 30) attrs.broadcast = broadcastOf(peerPrefix.bytes, peerPrefix.len, brd === '+');
  }
  let scope = family === 'inet' && local.bytes[0] === 127 ? RT_SCOPE_HOST : RT_SCOPE_UNIVERSE;
  if (opts.scope !== undefined) scope = parseScope(opts.scope);
  const valid = lifetime(opts.validLft, 'valid_lft');
  const preferred = lifetime(opts.preferredLft, 'preferred_lft');
  if (valid !== undefined || preferred !== undefined) {
    const v = valid ?? INFINITY_LIFE_TIME;
    const p = preferred ?? INFINITY_LIFE_TIME;
    if (v === 0) throw new InvalidArgumentError('valid_lft is zero', 'validLft');
    if (v < p) throw new InvalidArgumentError('preferred_lft is greater than valid_lft', 'preferredLft');
    attrs.cacheinfo = { preferred: p, valid: v, cstamp: 0, tstamp: 0 };
  }
  if (opts.autojoin && !isMulticast(local)) throw new InvalidArgumentError('autojoin needs multicast address', 'autojoin');
  return {
    header: { family: familyNumber(family), prefixlen, flags: flags <= 0xff ? flags : 0, scope, index: ifindex },
    attrs,
  };
}

/** `ip addr del` semantics: IFA_LOCAL, IFA_ADDRESS (unless an IPv4 address was given without a length). */
export function buildAddrDelRequest(ifindex: number, cidr: string, opts: Readonly<AddrDelOptions> = {}): AddrMessage {
  const local = parseInetPrefix(cidr, undefined, 'local');
  const attrs: AddrAttrs = { local: local.text };
  let prefixlen = local.len;
  if (opts.peer !== undefined) {
    const peer = parseInetPrefix(opts.peer, local.family, 'peer');
    attrs.address = peer.text;
    prefixlen = peer.len;
  }
  if (opts.label !== undefined) attrs.label = checkText(opts.label, 'label');
  // iproute2 keeps a wildcard delete for IPv4 without a prefix length: match on IFA_LOCAL only.
  if (opts.peer === undefined && !(local.family === 'inet' && !local.hasLen)) attrs.address = local.text;
  return { header: { family: familyNumber(local.family), prefixlen, flags: 0, scope: 0, index: ifindex }, attrs };
}

function broadcastOf(net: Uint8Array, len: number, set: boolean): string {
  const b = Uint8Array.from(net);
  for (let bit = len; bit < 32; bit++) {
    const i = bit >> 3;
    const m = 0x80 >> (bit & 7);
    b[i] = set ? b[i]! | m : b[i]! & ~m;
  }
  return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
}

function isMulticast(a: InetAddress): boolean {
  return a.family === 'inet' ? (a.bytes[0]! & 0xf0) === 0xe0 : a.bytes[0] === 0xff;
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** Interface addresses: `ip addr` as a service. */
export class AddrService {
  constructor(private readonly ctx: ApiContext) {}

  /**
   * The addresses, dumped with the kernel filtering by device and family (strict checking),
   * then by scope, label and prefix here. Order is the kernel's (IPv4 first).
   */
  async list(filter: Readonly<AddrFilter> = {}): Promise<Address[]> {
    const match = this.matcher(filter);
    const w = new MessageWriter(RTM_GETADDR, 0, 32);
    const index = filter.dev !== undefined ? await this.ctx.ifindex(filter.dev) : 0;
    encodeIfAddrMsg(w, { family: filter.family ? familyNumber(filter.family) : AF_UNSPEC, prefixlen: 0, flags: 0, scope: 0, index });
    // Decoded as each datagram arrives, in place; what the filter drops is left out.
    return await this.ctx.conn.dumpAll(w.finish(), 'RTM_GETADDR', {
      map: (type, buf, start, end) => {
        if (type !== RTM_NEWADDR) return undefined;
        const a = toAddress(decodeAddrMessage(buf, start, end));
        return match(a) ? a : undefined;
      },
    });
  }

  /** `ip addr add CIDR dev DEV ...`: RTM_NEWADDR with CREATE|EXCL; EEXIST if it is there. */
  async add(dev: Dev, cidr: string, opts: Readonly<AddrOptions> = {}): Promise<void> {
    await this.modify(NLM_F_CREATE | NLM_F_EXCL, dev, cidr, opts);
  }

  /** `ip addr change`: RTM_NEWADDR with REPLACE (the address must exist). */
  async change(dev: Dev, cidr: string, opts: Readonly<AddrOptions> = {}): Promise<void> {
    await this.modify(NLM_F_REPLACE, dev, cidr, opts);
  }

  /** `ip addr replace`: RTM_NEWADDR with CREATE|REPLACE. */
  async replace(dev: Dev, cidr: string, opts: Readonly<AddrOptions> = {}): Promise<void> {
    await this.modify(NLM_F_CREATE | NLM_F_REPLACE, dev, cidr, opts);
  }

  /** `ip addr del CIDR dev DEV`: RTM_DELADDR. */
  async del(dev: Dev, cidr: string, opts: Readonly<AddrDelOptions> = {}): Promise<void> {
    const msg = buildAddrDelRequest(0, cidr, opts); // checked before any request
    msg.header.index = await this.ctx.ifindex(dev);
    await this.ctx.conn.request(encodeAddrMessage(RTM_DELADDR, 0, msg), 'RTM_DELADDR');
  }

  /**
   * `ip addr flush ...`: delete every address the filter selects, in rounds until none is left
   * (deleting a primary IPv4 address may remove or promote its secondaries). Like iproute2 it
   * needs at least one selector. Resolves with the number of addresses deleted.
   */
  async flush(filter: Readonly<AddrFilter>): Promise<number> {
    if (!Object.values(filter).some((v) => v !== undefined)) throw new InvalidArgumentError('Flush requires arguments.');
    let deleted = 0;
    for (let round = 0; round < 10; round++) {
      const found = await this.list(filter);
      if (found.length === 0) return deleted;
      for (const a of found) {
        try {
          await this.ctx.conn.request(encodeAddrMessage(RTM_DELADDR, 0, a.raw), 'RTM_DELADDR');
          deleted++;
        } catch (e) {
          // Already gone with its primary.
          if (!(e instanceof NetlinkError && (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOENT'))) throw e;
        }
      }
    }
    return deleted;
  }

  private async modify(flags: number, dev: Dev, cidr: string, opts: Readonly<AddrOptions>): Promise<void> {
    const msg = buildAddrRequest(0, cidr, opts); // checked before any request
    msg.header.index = typeof dev === 'number' ? this.ctx.checkIndex(dev) : await this.ctx.ifindex(dev);
    await this.ctx.conn.request(encodeAddrMessage(RTM_NEWADDR, flags, msg), 'RTM_NEWADDR');
  }

  /**
   * add / change / replace / del checked and built, not sent: what `ip.batch` queues. Throws on
   * bad input; the request waits only for the index of `dev`.
   */
  prepare(verb: 'add' | 'change' | 'replace' | 'del', dev: Dev, cidr: string, opts: Readonly<AddrOptions & AddrDelOptions> = {}): PreparedRequest {
    const del = verb === 'del';
    const msg = del ? buildAddrDelRequest(0, cidr, opts) : buildAddrRequest(0, cidr, opts);
    if (typeof dev === 'number') this.ctx.checkIndex(dev);
    else checkText(dev, 'device');
    const flags = verb === 'add' ? NLM_F_CREATE | NLM_F_EXCL : verb === 'change' ? NLM_F_REPLACE : verb === 'replace' ? NLM_F_CREATE | NLM_F_REPLACE : 0;
    return {
      op: del ? 'RTM_DELADDR' : 'RTM_NEWADDR',
      devs: [dev],
      encode: ([index]) => {
        msg.header.index = index!;
        return encodeAddrMessage(del ? RTM_DELADDR : RTM_NEWADDR, flags, msg);
      },
      close: () => undefined,
    };
  }

  private matcher(filter: Readonly<AddrFilter>): (a: Address) => boolean {
    const scope = filter.scope !== undefined ? parseScope(filter.scope) : undefined;
    const label = filter.label !== undefined ? globToRegExp(checkText(filter.label, 'label')) : undefined;
    const to = filter.to !== undefined ? parseInetPrefix(filter.to, filter.family, 'to') : undefined;
    const toAf = to ? (to.family === 'inet' ? AF_INET : AF_INET6) : 0;
    return (a) => {
      if (scope !== undefined && a.raw.header.scope !== scope) return false;
      if (label && !label.test(a.label ?? '')) return false;
      if (to) {
        if (a.raw.header.family !== toAf || a.local === undefined) return false;
        if (!prefixContains(to.bytes, to.len, parseInetAddress(a.local).bytes)) return false;
      }
      return true;
    };
  }
}
