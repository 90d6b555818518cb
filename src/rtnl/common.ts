/**
 * Values shared by the rtnetlink families: address families, IP and MAC address payloads.
 * Text forms follow iproute2 (IPv6 compressed as inet_ntop does, MACs as lower-case hex pairs).
 * @module
 */
import { createRequire } from 'node:module';
import { codecAt, DecodeError } from '../netlink/index.js';

type IpAddrJs = typeof import('ipaddr.js');
let ipaddrModule: IpAddrJs | undefined;
/**
 * ipaddr.js, loaded on first use with require(): most commands never parse or print IPv6 text,
 * and loading it (through the ESM-CJS bridge) costs a noticeable part of CLI start-up.
 */
export function ipaddr(): IpAddrJs {
  return (ipaddrModule ??= createRequire(import.meta.url)('ipaddr.js') as IpAddrJs);
}

export const AF_UNSPEC = 0;
export const AF_INET = 2;
export const AF_BRIDGE = 7;
export const AF_INET6 = 10;
export const AF_MPLS = 28;

/** iproute2's words for address families. */
export type Family = 'inet' | 'inet6';

/** iproute2's word for an address family number (`inet`, `inet6`, `bridge`, ...), else the number. */
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

/** The AF_* number of an iproute2 family word. */
export function familyNumber(f: Family): number {
  return f === 'inet6' ? AF_INET6 : AF_INET;
}

/**
 * IPv4 addresses recently made into text, by their 32 bits: an address message carries the same
 * one twice (IFA_ADDRESS, IFA_LOCAL), routes repeat their gateway and source, and each repeat
 * then shares one string. Direct-mapped, 64 slots, each starting as key 0, 0.0.0.0.
 */
const V4_SLOTS = 64;
const v4Key = new Int32Array(V4_SLOTS);
const v4Text: string[] = Array.from({ length: V4_SLOTS }, () => '0.0.0.0');

/** The dotted quad of the 4 bytes at `o` of `b`. */
function ipv4ToString(b: Uint8Array, o: number): string {
  const key = b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24);
  const slot = Math.imul(key, 0x9e3779b1) >>> 26;
  if (v4Key[slot] === key) return v4Text[slot]!;
  const text = `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;
  v4Key[slot] = key;
  v4Text[slot] = text;
  return text;
}

/** IPv4 (4 bytes) or IPv6 (16 bytes) payload -> text. */
export function ipToString(b: Uint8Array): string {
  if (b.length === 4) return ipv4ToString(b, 0);
  if (b.length === 16) return ipv6ToString(b);
  throw new DecodeError(`an IP address is 4 or 16 bytes, got ${b.length}`);
}

/**
 * IPv6 text exactly as glibc's inet_ntop writes it (what iproute2 prints): lower-case hex words,
 * the longest run of two or more zero words as '::' (the first on a tie), and the embedded IPv4
 * forms ::a.b.c.d and ::ffff:a.b.c.d. Hand-written because it sits on the dump hot path.
 */
function ipv6ToString(b: Uint8Array): string {
  if (b.every((x) => x === 0)) return '::'; // every link's IFLA_INET6_TOKEN
  const w: number[] = [];
  for (let i = 0; i < 16; i += 2) w.push((b[i]! << 8) | b[i + 1]!);
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (w[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && w[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  if (bestLen < 2) best = -1;
  const v4 = ipv4ToString(b, 12);
  if (best === 0 && (bestLen === 6 || (bestLen === 5 && w[5] === 0xffff))) return bestLen === 6 ? `::${v4}` : `::ffff:${v4}`;
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === best) { out += i === 0 ? '::' : ':'; i += bestLen - 1; continue; }
    out += w[i]!.toString(16) + (i < 7 ? ':' : '');
  }
  return out;
}

/**
 * The bytes of an IPv4 address in strict dotted-quad form ("192.0.2.1": four decimal numbers up
 * to 255, no leading zeros; what ipaddr.js calls four-part decimal), else undefined. The common
 * case, scanned here without a regular expression or parser object: bulk address and route
 * requests parse several per call.
 */
export function parseDottedQuad(text: string): Uint8Array | undefined {
  const out = new Uint8Array(4);
  let part = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0x2e; // a final '.' closes the last part
    if (c === 0x2e) {
      if (digits === 0 || part > 3) return undefined;
      out[part++] = value;
      value = 0;
      digits = 0;
    } else if (c >= 0x30 && c <= 0x39) {
      if (digits > 0 && value === 0) return undefined; // a leading zero
      value = value * 10 + (c - 0x30);
      if (++digits > 3 || value > 255) return undefined;
    } else {
      return undefined;
    }
  }
  return part === 4 ? out : undefined;
}

/**
 * IPv6 text -> 16 bytes, or undefined when it is not IPv6 text. A trailing dotted quad is the
 * last 32 bits, as inet_pton (and so iproute2) reads it: ipaddr.js takes "::a.b.c.d" for the
 * IPv4-mapped ::ffff:a.b.c.d, so the quad is turned into two hex words before it parses.
 */
export function parseIpv6(text: string): Uint8Array | undefined {
  if (text.includes('%')) return undefined; // a zone index ("fe80::1%eth0"): not inet_pton's
  let hex = text;
  const colon = text.lastIndexOf(':');
  if (colon >= 0 && text.includes('.', colon)) {
    const q = parseDottedQuad(text.slice(colon + 1));
    if (!q) return undefined;
    hex = `${text.slice(0, colon + 1)}${((q[0]! << 8) | q[1]!).toString(16)}:${((q[2]! << 8) | q[3]!).toString(16)}`;
  }
  if (!ipaddr().IPv6.isValid(hex)) return undefined;
  return Uint8Array.from(ipaddr().IPv6.parse(hex).toByteArray());
}

/**
 * Text -> 4 or 16 bytes. Throws a TypeError for text that is not an IP address. IPv6 text is read
 * only by parseIpv6 (inet_pton's rules); IPv4 other than a dotted quad by ipaddr.js.
 */
export function ipToBytes(text: string): Uint8Array {
  const bytes = text.includes(':') ? parseIpv6(text) : (parseDottedQuad(text) ?? otherIpv4(text));
  if (!bytes) throw new TypeError(`invalid IP address "${text}"`);
  return bytes;
}

/** IPv4 text in the forms ipaddr.js reads beyond the dotted quad ("10.1", hex, octal). */
function otherIpv4(text: string): Uint8Array | undefined {
  return ipaddr().IPv4.isValid(text) ? Uint8Array.from(ipaddr().IPv4.parse(text).toByteArray()) : undefined;
}

/** An attribute holding an IPv4 or IPv6 address, decoded to text. */
export const ipAddr = codecAt<string>(
  (b, o, len, name) => {
    if (len === 4) return ipv4ToString(b, o);
    if (len !== 16) throw new DecodeError(`expected 4 or 16 bytes, got ${len}`, undefined, name);
    return ipv6ToString(b.subarray(o, o + 16));
  },
  (w, t, v) => { w.bytes(t, ipToBytes(v)); },
);

/**
 * `words(bits)` worked out once per distinct value, then copied out (callers own their array): a
 * dump repeats a few flag values over and over (every link UP|LOWER_UP, every route linkdown).
 */
export function cachedWords(words: (bits: number) => string[]): (bits: number) => string[] {
  const cache = new Map<number, readonly string[]>();
  return (bits) => {
    let known = cache.get(bits);
    if (!known) {
      if (cache.size >= 256) cache.clear(); // values come off the wire: keep it bounded
      cache.set(bits, (known = words(bits)));
    }
    return known.slice();
  };
}

/** '00'..'ff': link-layer addresses are formatted on every link of a dump. */
const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** Char codes of the two hex digits of a byte, high then low, at [2 * b] and [2 * b + 1]. */
const HEX_CODES = Array.from({ length: 512 }, (_, i) => HEX_BYTE[i >> 1]!.charCodeAt(i & 1));
/**
 * Link-layer address bytes -> "aa:bb:cc:dd:ee:ff" (any length, as iproute2 prints). A 6-byte
 * address, one per link of a dump, is made as one flat string from its 17 char codes.
 */
export function macToString(b: Uint8Array): string {
  if (b.length === 6) {
    const h = HEX_CODES;
    const x0 = 2 * b[0]!, x1 = 2 * b[1]!, x2 = 2 * b[2]!, x3 = 2 * b[3]!, x4 = 2 * b[4]!, x5 = 2 * b[5]!;
    return String.fromCharCode(
      h[x0]!, h[x0 + 1]!, 58, h[x1]!, h[x1 + 1]!, 58, h[x2]!, h[x2 + 1]!, 58,
      h[x3]!, h[x3 + 1]!, 58, h[x4]!, h[x4 + 1]!, 58, h[x5]!, h[x5 + 1]!,
    );
  }
  let s = '';
  for (let i = 0; i < b.length; i++) s += (i ? ':' : '') + HEX_BYTE[b[i]!];
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
export const lladdr = codecAt<string>(
  // Most broadcast addresses are all ones (and loopback's all zeros): one shared string each.
  (b, o, len) => {
    if (len === 6) {
      const and = b[o]! & b[o + 1]! & b[o + 2]! & b[o + 3]! & b[o + 4]! & b[o + 5]!;
      const or = b[o]! | b[o + 1]! | b[o + 2]! | b[o + 3]! | b[o + 4]! | b[o + 5]!;
      if (and === 0xff) return 'ff:ff:ff:ff:ff:ff';
      if (or === 0) return '00:00:00:00:00:00';
    }
    return macToString(b.subarray(o, o + len));
  },
  (w, t, v) => { w.bytes(t, v === '' ? new Uint8Array(0) : macToBytes(v)); },
);
