/**
 * What the IP tunnel drivers share (iproute2's ip/tunnel.c and the words every link_gre*.c /
 * link_iptnl.c repeats): endpoints, GRE keys and flags, and the FOU/GUE encapsulation. A tunnel
 * driver keeps ip's parameters in a state object (ip's defaults on create, the link's current
 * values on a change), applies the options in the order given, and writes the attributes ip
 * writes, in ip's order.
 */
import { GRE_CSUM, GRE_KEY, GRE_SEQ, TUNNEL_ENCAP_FLAG_CSUM, TUNNEL_ENCAP_FLAG_CSUM6, TUNNEL_ENCAP_FLAG_REMCSUM,
  TUNNEL_ENCAP_FOU, TUNNEL_ENCAP_GUE, TUNNEL_ENCAP_NONE } from '../../rtnl/link/index.js';
import { parseDottedQuad, parseIpv6 } from '../../rtnl/common.js';
import { checkUint, checkWord } from '../check.js';
import { InvalidArgumentError } from '../errors.js';

/** A tunnel key: a number (u32) or a dotted quad ("0.0.0.42"). */
export type TunnelKey = number | string;

/** The GRE key and flag options (`[i|o]key KEY`, `[no][i|o]seq`, `[no][i|o]csum`); `false` is `no...`. */
export interface GreKeyOptions {
  /** Both keys; false: neither (`nokey`). */
  key?: TunnelKey | false;
  ikey?: TunnelKey | false;
  okey?: TunnelKey | false;
  /** Sequence numbers both ways (`seq` / `noseq`). */
  seq?: boolean;
  iseq?: boolean;
  oseq?: boolean;
  /** Checksums both ways (`csum` / `nocsum`). */
  csum?: boolean;
  icsum?: boolean;
  ocsum?: boolean;
}

/** Foo-over-UDP / GUE encapsulation of a tunnel (`encap`, `encap-sport`, ...). */
export interface TunnelEncapOptions {
  encap?: 'fou' | 'gue' | 'none';
  /** UDP source port, 0: auto. */
  encapSport?: number;
  encapDport?: number;
  encapCsum?: boolean;
  encapUdp6Csum?: boolean;
  encapRemcsum?: boolean;
}

/** The key and flag parameters of a GRE tunnel. */
export interface GreKeyState { iflags: number; oflags: number; ikey: number; okey: number }

/** The encapsulation parameters of a tunnel. */
export interface EncapState { encapType: number; encapFlags: number; encapSport: number; encapDport: number }

/** A tunnel key as tnl_parse_key reads it: a dotted quad or an unsigned number, as a host number of the 32 wire bits. */
export function tunnelKey(v: unknown, what: string): number {
  if (typeof v === 'string') {
    const q = parseDottedQuad(v);
    if (!q) throw new InvalidArgumentError(`invalid ${what} "${v}": expected an unsigned integer or a dotted quad`, what);
    return ((q[0]! << 24) | (q[1]! << 16) | (q[2]! << 8) | q[3]!) >>> 0;
  }
  return checkUint(v, what);
}

/** A tunnel endpoint of `family` in text; "any" (or undefined) is none. */
export function tunnelEndpoint(v: unknown, family: 4 | 6, what: string): string | undefined {
  if (v === 'any') return undefined;
  if (typeof v !== 'string' || !(family === 4 ? parseDottedQuad(v) : parseIpv6(v))) {
    throw new InvalidArgumentError(`invalid ${what} "${String(v)}": expected an IPv${family} address or "any"`, what);
  }
  return v;
}

/** Whether an endpoint in text is the unspecified address (ip leaves such an endpoint out). */
export function isUnspecified(addr: string | undefined): boolean {
  if (addr === undefined) return true;
  const b = addr.includes(':') ? parseIpv6(addr) : parseDottedQuad(addr);
  return !b || b.every((x) => x === 0);
}

/** Whether an endpoint in text is multicast. */
export function isMulticast(addr: string | undefined): boolean {
  if (addr === undefined) return false;
  const b = addr.includes(':') ? parseIpv6(addr) : parseDottedQuad(addr);
  if (!b) return false;
  return b.length === 4 ? (b[0]! & 0xf0) === 0xe0 : b[0] === 0xff;
}

/** A boolean option, else InvalidArgumentError. */
export function checkBool(v: unknown, what: string): boolean {
  if (typeof v !== 'boolean') throw new InvalidArgumentError(`invalid ${what} "${String(v)}": expected a boolean`, what);
  return v;
}

const setBit = (flags: number, bit: number, on: boolean): number => (on ? flags | bit : flags & ~bit);

/**
 * Apply one GRE key/flag option to `s` as link_gre.c applies its word; false when `name` is not
 * one of them.
 */
export function applyGreKeyOption(s: GreKeyState, name: string, v: unknown): boolean {
  switch (name) {
    case 'key': case 'ikey': case 'okey': {
      const key = v === false ? 0 : tunnelKey(v, name);
      if (name !== 'okey') { s.iflags = setBit(s.iflags, GRE_KEY, v !== false); s.ikey = key; }
      if (name !== 'ikey') { s.oflags = setBit(s.oflags, GRE_KEY, v !== false); s.okey = key; }
      return true;
    }
    case 'seq': case 'iseq': case 'oseq': case 'csum': case 'icsum': case 'ocsum': {
      const on = checkBool(v, name);
      const bit = name.endsWith('seq') ? GRE_SEQ : GRE_CSUM;
      if (name[0] !== 'o') s.iflags = setBit(s.iflags, bit, on);
      if (name[0] !== 'i') s.oflags = setBit(s.oflags, bit, on);
      return true;
    }
    default:
      return false;
  }
}

const ENCAP_TYPES = { none: TUNNEL_ENCAP_NONE, fou: TUNNEL_ENCAP_FOU, gue: TUNNEL_ENCAP_GUE } as const;

/** Apply one encapsulation option to `s`; false when `name` is not one of them. */
export function applyEncapOption(s: EncapState, name: string, v: unknown): boolean {
  switch (name) {
    case 'encap': s.encapType = ENCAP_TYPES[checkWord(v, 'encap', ['fou', 'gue', 'none'])]; return true;
    case 'encapSport': s.encapSport = checkUint(v, 'encapSport', 0xffff); return true;
    case 'encapDport': s.encapDport = checkUint(v, 'encapDport', 0xffff); return true;
    case 'encapCsum': s.encapFlags = setBit(s.encapFlags, TUNNEL_ENCAP_FLAG_CSUM, checkBool(v, name)); return true;
    case 'encapUdp6Csum': s.encapFlags = setBit(s.encapFlags, TUNNEL_ENCAP_FLAG_CSUM6, checkBool(v, name)); return true;
    case 'encapRemcsum': s.encapFlags = setBit(s.encapFlags, TUNNEL_ENCAP_FLAG_REMCSUM, checkBool(v, name)); return true;
    default: return false;
  }
}

/** The option keys of GreKeyOptions and TunnelEncapOptions, for drivers' `options` maps. */
export const GRE_KEY_OPTIONS = { key: true, ikey: true, okey: true, seq: true, iseq: true, oseq: true, csum: true, icsum: true, ocsum: true } as const;
export const ENCAP_OPTIONS = { encap: true, encapSport: true, encapDport: true, encapCsum: true, encapUdp6Csum: true, encapRemcsum: true } as const;
