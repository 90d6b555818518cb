/**
 * ip.maddress: the multicast addresses each device listens to, as `ip maddress show` lists them.
 * The kernel offers them only as /proc/net/dev_mcast (link layer), /proc/net/igmp (IPv4) and
 * /proc/net/igmp6 (IPv6), files that show the namespace of the thread opening them: they are
 * read with the main thread switched into the handle's namespace.
 */
import * as fs from 'node:fs';
import { endianness } from 'node:os';
import { inNetns } from '../netlink/index.js';
import { ipToString, macToString } from '../rtnl/common.js';
import { checkText, checkWord } from './check.js';
import type { ApiContext } from './context.js';

/** One multicast address of a device. */
export interface MulticastAddress {
  ifindex: number;
  ifname: string;
  /** 'link' for a link-layer address (dev_mcast), else the IP family. */
  family: 'link' | 'inet' | 'inet6';
  /** "01:00:5e:00:00:01", "224.0.0.1" or "ff02::1". */
  address: string;
  /** How many times it was joined. */
  users: number;
  /** A link-layer address added by hand (`ip maddress add`), not by a protocol. */
  static?: boolean;
}

/** What `list` selects. */
export interface MulticastFilter {
  /** Only this device's addresses (by name, as the files name it). */
  dev?: string;
  /** Only this family's. */
  family?: MulticastAddress['family'];
}

const FAMILIES = ['link', 'inet', 'inet6'] as const;

/** Multicast addresses: the `ip maddress` object. Reached as `ip.maddress`. */
export class MaddressService {
  constructor(private readonly ctx: ApiContext) {}

  /**
   * Every multicast address, grouped by ifindex in ascending order and, within a device, link
   * addresses, then IPv4, then IPv6, each in the kernel's order (ip maddress show's order).
   */
  async list(filter: Readonly<MulticastFilter> = {}): Promise<MulticastAddress[]> {
    if (filter.dev !== undefined) checkText(filter.dev, 'dev');
    if (filter.family !== undefined) checkWord(filter.family, 'family', FAMILIES);
    const read = (): Record<string, string> => {
      const out: Record<string, string> = {};
      for (const f of ['dev_mcast', 'igmp', 'igmp6']) {
        try {
          out[f] = fs.readFileSync(`/proc/thread-self/net/${f}`, 'latin1');
        } catch {
          out[f] = ''; // no IPv6, no IGMP: nothing of that family
        }
      }
      return out;
    };
    const files = this.ctx.netns ? inNetns(this.ctx.netns, read) : read();
    const all = [
      ...(filter.family === undefined || filter.family === 'link' ? parseDevMcast(files.dev_mcast!) : []),
      ...(filter.family === undefined || filter.family === 'inet' ? parseIgmp(files.igmp!) : []),
      ...(filter.family === undefined || filter.family === 'inet6' ? parseIgmp6(files.igmp6!) : []),
    ].filter((m) => filter.dev === undefined || m.ifname === filter.dev);
    // A stable sort by ifindex keeps each file's order within a device, as iproute2's list does.
    return all.sort((a, b) => a.ifindex - b.ifindex);
  }
}

/** Hex text to bytes, two digits a byte (what is left of an odd digit is dropped). */
function hexBytes(hex: string): Uint8Array | undefined {
  if (!/^[0-9a-fA-F]*$/.test(hex)) return undefined;
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** /proc/net/dev_mcast: "IFINDEX NAME USERS STATIC HEXADDR" per line. */
export function parseDevMcast(text: string): MulticastAddress[] {
  const out: MulticastAddress[] = [];
  for (const line of text.split('\n')) {
    const [index, name, users, st, hex] = line.trim().split(/\s+/);
    const bytes = hex === undefined ? undefined : hexBytes(hex);
    if (!bytes || name === undefined) continue;
    const m: MulticastAddress = { ifindex: Number(index), ifname: name, family: 'link', address: linkText(bytes), users: Number(users) };
    if (Number(st)) m.static = true;
    out.push(m);
  }
  return out;
}

/**
 * /proc/net/igmp: a header line, then per device "IDX\tNAME : COUNT QUERIER" followed by its
 * groups, "\t\t\t\tGROUP USERS TIMER\t\tREPORTER", the group a u32 in host byte order.
 */
export function parseIgmp(text: string): MulticastAddress[] {
  const out: MulticastAddress[] = [];
  let ifindex = 0;
  let ifname = '';
  for (const line of text.split('\n').slice(1)) {
    if (line === '') continue;
    const [first, second] = line.trim().split(/\s+/);
    if (!line.startsWith('\t')) {
      ifindex = Number(first);
      ifname = (second ?? '').replace(/:$/, '');
      continue;
    }
    const n = parseInt(first ?? '', 16);
    if (Number.isNaN(n)) continue;
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, n, endianness() === 'LE');
    out.push({ ifindex, ifname, family: 'inet', address: ipToString(b), users: Number(second) });
  }
  return out;
}

/** /proc/net/igmp6: "IFINDEX NAME HEXADDR USERS FLAGS TIMER" per line. */
export function parseIgmp6(text: string): MulticastAddress[] {
  const out: MulticastAddress[] = [];
  for (const line of text.split('\n')) {
    const [index, name, hex, users] = line.trim().split(/\s+/);
    const bytes = hex === undefined ? undefined : hexBytes(hex);
    if (!bytes || bytes.length !== 16 || name === undefined) continue;
    out.push({ ifindex: Number(index), ifname: name, family: 'inet6', address: ipToString(bytes), users: Number(users) });
  }
  return out;
}

/** A link-layer address as ip prints it (ll_addr_n2a): hex bytes joined by ':'. */
function linkText(b: Uint8Array): string {
  return b.length === 6 ? macToString(b) : [...b].map((x) => x.toString(16).padStart(2, '0')).join(':');
}
