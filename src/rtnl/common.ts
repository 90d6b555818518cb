/**
 * Values shared by the rtnetlink families: address families, IP and MAC address payloads.
 * Text forms follow iproute2 (IPv6 compressed as inet_ntop does, MACs as lower-case hex pairs).
 */
import ipaddr from 'ipaddr.js';
import { DecodeError, type AttrCodec } from '../netlink/index.js';

export const AF_UNSPEC = 0;
export const AF_INET = 2;
export const AF_BRIDGE = 7;
export const AF_INET6 = 10;
export const AF_MPLS = 28;

/** iproute2's words for address families. */
export type Family = 'inet' | 'inet6';

export function familyName(af: number): string {
  switch (af) {
    case AF_INET: return 'inet';
    case AF_INET6: return 'inet6';
    case AF_BRIDGE: return 'bridge';
    case AF_MPLS: return 'mpls';
    case AF_UNSPEC: return 'unspec';
    default: return String(af);
  }
}

export function familyNumber(f: Family): number {
  return f === 'inet6' ? AF_INET6 : AF_INET;
}

/** IPv4 (4 bytes) or IPv6 (16 bytes) payload -> text. */
export function ipToString(b: Uint8Array): string {
  if (b.length === 4) return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
  if (b.length === 16) {
    // inet_ntop writes an embedded IPv4 address for ::a.b.c.d and ::ffff:a.b.c.d; iproute2 prints that.
    const zeros10 = b.subarray(0, 10).every((x) => x === 0);
    if (zeros10 && b[10] === 0xff && b[11] === 0xff) return `::ffff:${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
    if (zeros10 && b[10] === 0 && b[11] === 0 && (b[12] !== 0 || b[13] !== 0)) return `::${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
    return ipaddr.fromByteArray(Array.from(b)).toString();
  }
  throw new DecodeError(`an IP address is 4 or 16 bytes, got ${b.length}`);
}

/** Text -> 4 or 16 bytes. Throws a TypeError for text that is not an IP address. */
export function ipToBytes(text: string): Uint8Array {
  if (!ipaddr.isValid(text)) throw new TypeError(`invalid IP address "${text}"`);
  const a = ipaddr.parse(text);
  return Uint8Array.from(a.toByteArray());
}

/** An attribute holding an IPv4 or IPv6 address, decoded to text. */
export const ipAddr: AttrCodec<string> = {
  decode: (d, name) => {
    if (d.length !== 4 && d.length !== 16) throw new DecodeError(`expected 4 or 16 bytes, got ${d.length}`, undefined, name);
    return ipToString(d);
  },
  encode: (w, t, v) => { w.bytes(t, ipToBytes(v)); },
};

/** Link-layer address bytes -> "aa:bb:cc:dd:ee:ff" (any length, as iproute2 prints). */
export function macToString(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += (i ? ':' : '') + (b[i]! < 16 ? '0' : '') + b[i]!.toString(16);
  return s;
}

/** "aa:bb:..." -> bytes. Throws TypeError for malformed text. */
export function macToBytes(text: string): Uint8Array {
  const parts = text.split(':');
  if (parts.length < 1 || parts.some((p) => !/^[0-9a-fA-F]{1,2}$/.test(p))) {
    throw new TypeError(`invalid link-layer address "${text}"`);
  }
  return Uint8Array.from(parts.map((p) => parseInt(p, 16)));
}

/** A link-layer address attribute (IFLA_ADDRESS, NDA_LLADDR, ...), decoded to text ('' when empty). */
export const lladdr: AttrCodec<string> = {
  decode: (d) => macToString(d),
  encode: (w, t, v) => { w.bytes(t, v === '' ? new Uint8Array(0) : macToBytes(v)); },
};
