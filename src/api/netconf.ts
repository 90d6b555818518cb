/**
 * ip.netconf: each device's IP configuration as the kernel reports it over rtnetlink
 * (RTM_GETNETCONF): forwarding, reverse path filter, proxy neighbour and friends, per family,
 * plus the `all` and `default` entries (net.ipv4.conf.all, .default). `ip netconf show`.
 */
import { AF_INET, AF_INET6, AF_UNSPEC, familyNumber, type Family } from '../rtnl/common.js';
import {
  NETCONFA_IFINDEX_ALL, NETCONFA_IFINDEX_DEFAULT, RTM_GETNETCONF, RTM_NEWNETCONF, decodeNetconfMessage, encodeNetconfMessage,
  type NetconfMessage,
} from '../rtnl/netconf/index.js';
import type { ApiContext, Dev } from './context.js';
import { checkWord } from './check.js';

/** AF_MPLS, <linux/socket.h>: MPLS keeps a netconf of its own (NETCONFA_INPUT). */
const AF_MPLS = 28;

/** One device's (or `all`'s, `default`'s) configuration in one family. */
export interface Netconf {
  family: Family | 'mpls' | number;
  /** The device's ifindex, or 'all' / 'default' (net.*.conf.all / net.*.conf.default). */
  ifindex: number | 'all' | 'default';
  forwarding?: boolean;
  /** Reverse path filtering (IPv4): 'off', 'strict', 'loose', or a number beyond those. */
  rpFilter?: 'off' | 'strict' | 'loose' | number;
  mcForwarding?: boolean;
  proxyNeigh?: boolean;
  ignoreRoutesWithLinkdown?: boolean;
  /** MPLS input. */
  input?: boolean;
  bcForwarding?: boolean;
  /** The message as the kernel sent it. */
  raw: NetconfMessage;
}

/** What `list` selects. */
export interface NetconfFilter {
  /** Only this family (default both IPv4 and IPv6, and MPLS where the kernel has it). */
  family?: Family;
  /** Only this device's entries. */
  dev?: Dev;
}

const RP_FILTER = ['off', 'strict', 'loose'] as const;
const FAMILIES = ['inet', 'inet6'] as const;

/** The typed view of a netconf message. */
export function toNetconf(m: NetconfMessage): Netconf {
  const a = m.attrs;
  const f = m.header.family;
  const out: Netconf = {
    family: f === AF_INET ? 'inet' : f === AF_INET6 ? 'inet6' : f === AF_MPLS ? 'mpls' : f,
    ifindex: a.ifindex === NETCONFA_IFINDEX_ALL ? 'all' : a.ifindex === NETCONFA_IFINDEX_DEFAULT ? 'default' : a.ifindex ?? 0,
    raw: m,
  };
  if (a.forwarding !== undefined) out.forwarding = a.forwarding !== 0;
  if (a.rpFilter !== undefined) out.rpFilter = RP_FILTER[a.rpFilter] ?? a.rpFilter;
  if (a.mcForwarding !== undefined) out.mcForwarding = a.mcForwarding !== 0;
  if (a.proxyNeigh !== undefined) out.proxyNeigh = a.proxyNeigh !== 0;
  if (a.ignoreRoutesWithLinkdown !== undefined) out.ignoreRoutesWithLinkdown = a.ignoreRoutesWithLinkdown !== 0;
  if (a.input !== undefined) out.input = a.input !== 0;
  if (a.bcForwarding !== undefined) out.bcForwarding = a.bcForwarding !== 0;
  return out;
}

/** Per-device IP configuration: the `ip netconf` object. Reached as `ip.netconf`. */
export class NetconfService {
  constructor(private readonly ctx: ApiContext) {}

  /**
   * Every entry of the family (default: all families), in the kernel's order: devices by
   * ifindex, then `all` and `default`, family by family. With `dev`, that device's only.
   */
  async list(filter: Readonly<NetconfFilter> = {}): Promise<Netconf[]> {
    const family = filter.family === undefined ? AF_UNSPEC : familyNumber(checkWord(filter.family, 'family', FAMILIES));
    const index = filter.dev === undefined ? undefined : await this.ctx.ifindex(filter.dev);
    const request = encodeNetconfMessage(RTM_GETNETCONF, 0, { header: { family }, attrs: {} });
    const all = await this.ctx.conn.dumpAll(request, 'RTM_GETNETCONF', {
      map: (type, buf, start, end) => (type === RTM_NEWNETCONF ? toNetconf(decodeNetconfMessage(buf.subarray(start, end))) : undefined),
    });
    return index === undefined ? all : all.filter((n) => n.ifindex === index);
  }

  /** One device's entry in one family (or 'all' / 'default'), asked for by itself. */
  async get(family: Family, dev: Dev | 'all' | 'default'): Promise<Netconf> {
    const fam = familyNumber(checkWord(family, 'family', FAMILIES));
    const ifindex = dev === 'all' ? NETCONFA_IFINDEX_ALL : dev === 'default' ? NETCONFA_IFINDEX_DEFAULT : await this.ctx.ifindex(dev);
    const reply = await this.ctx.conn.get(encodeNetconfMessage(RTM_GETNETCONF, 0, { header: { family: fam }, attrs: { ifindex } }), 'RTM_GETNETCONF');
    return toNetconf(decodeNetconfMessage(reply.payload));
  }
}
