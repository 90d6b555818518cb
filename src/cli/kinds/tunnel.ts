/**
 * What the IP tunnel plugs share (iproute2's ip/tunnel.c and the words link_gre*.c and
 * link_iptnl.c repeat): key and flag words, encapsulation words, the endpoint, key and encap
 * printers. Words become API options in word order: a word given again moves to the end, so the
 * driver applies them as ip does.
 */
import type { IpRoute } from '../../api/iproute.js';
import type { GreKeyOptions, TunnelEncapOptions } from '../../api/kinds/index.js';
import { GRE_CSUM, GRE_KEY, GRE_SEQ, TUNNEL_ENCAP_FLAG_CSUM, TUNNEL_ENCAP_FLAG_CSUM6, TUNNEL_ENCAP_FLAG_REMCSUM,
  TUNNEL_ENCAP_FOU, TUNNEL_ENCAP_GUE, TUNNEL_ENCAP_NONE } from '../../rtnl/link/index.js';
import { CliExit, invarg } from '../errors.js';
import { parseUnsigned } from '../numbers.js';
import type { Printer } from '../printer.js';
import { nameToIndex } from '../resolve.js';
import { getAddr } from '../route.js';
import type { Words } from '../words.js';
import { matches } from '../words.js';

/** The encapsulation lines every IP tunnel's usage text has (ip/link_gre*.c, link_iptnl.c, link_ip6tnl.c). */
export const ENCAP_USAGE = `\t\t\t[ noencap ]
\t\t\t[ encap { fou | gue | none } ]
\t\t\t[ encap-sport PORT ]
\t\t\t[ encap-dport PORT ]
\t\t\t[ [no]encap-csum ]
\t\t\t[ [no]encap-csum6 ]
\t\t\t[ [no]encap-remcsum ]
`;

const AF_INET = 2;

/** Set `key` of `r` to `v`, moving it last (the options' order is the words' order). */
export function put<O extends object, K extends keyof O>(r: Partial<O>, key: K, v: O[K]): void {
  delete r[key];
  r[key] = v;
}

/** get_u8/get_u16/get_u32 with base 16 (strtoul(.., 16): an optional 0x, hex digits). */
export function parseHex(text: string, max: number): number | undefined {
  const m = /^(?:0[xX])?([0-9a-fA-F]+)$/.exec(text);
  if (!m) return undefined;
  const v = parseInt(m[1]!, 16);
  return v > max ? undefined : v;
}

/** tnl_parse_key: a dotted quad (get_addr32) or an unsigned number, as the key's 32 bits. */
export function parseTunnelKey(name: string, text: string): number {
  if (text.includes('.')) {
    let b: Uint8Array;
    try {
      b = getAddr(text, AF_INET).bytes;
    } catch {
      throw new CliExit(`Error: an IP address is expected rather than "${text}"`, 1);
    }
    return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  }
  const n = parseUnsigned(text);
  if (n === undefined) throw new CliExit(`invalid value for "${name}": "${text}"; it should be an unsigned integer`);
  return n;
}

/**
 * The GRE key and flag words at the cursor (link_gre.c's first eighteen, all abbreviable), into
 * `r`; false when the word is none of them.
 */
export function greKeyWord(words: Words, r: Partial<GreKeyOptions>): boolean {
  const w = words.cur;
  for (const k of ['key', 'ikey', 'okey'] as const) {
    if (matches(w, k)) { put(r, k, parseTunnelKey(k, words.next())); return true; }
    if (matches(w, `no${k}`)) { put(r, k, false); return true; }
  }
  for (const k of ['seq', 'iseq', 'oseq', 'csum', 'icsum', 'ocsum'] as const) {
    if (matches(w, k)) { put(r, k, true); return true; }
    if (matches(w, `no${k}`)) { put(r, k, false); return true; }
  }
  return false;
}

/** The encapsulation words at the cursor (exact words, as ip compares them), into `r`; false when none. */
export function encapWord(words: Words, r: Partial<TunnelEncapOptions>): boolean {
  const w = words.cur;
  switch (w) {
    case 'noencap': put(r, 'encap', 'none'); return true;
    case 'encap': {
      const v = words.next();
      if (v !== 'fou' && v !== 'gue' && v !== 'none') throw invarg('Invalid encap type.', v);
      put(r, 'encap', v);
      return true;
    }
    case 'encap-sport': {
      const v = words.next();
      const n = v === 'auto' ? 0 : parseUnsigned(v, 0xffff);
      if (n === undefined) throw invarg('Invalid source port.', v);
      put(r, 'encapSport', n);
      return true;
    }
    case 'encap-dport': {
      const v = words.next();
      const n = parseUnsigned(v, 0xffff);
      if (n === undefined) throw invarg('Invalid destination port.', v);
      put(r, 'encapDport', n);
      return true;
    }
    case 'encap-csum': case 'noencap-csum': put(r, 'encapCsum', w === 'encap-csum'); return true;
    case 'encap-udp6-csum': case 'noencap-udp6-csum': put(r, 'encapUdp6Csum', w === 'encap-udp6-csum'); return true;
    case 'encap-remcsum': case 'noencap-remcsum': put(r, 'encapRemcsum', w === 'encap-remcsum'); return true;
    default: return false;
  }
}

/** tnl_print_endpoint: "remote ADDR " ("any" for none or the unspecified address). */
export function printEndpoint(p: Printer, name: string, addr: string | undefined, family: 4 | 6): void {
  let value: string;
  if (addr === undefined) value = 'any';
  else if ((family === 4) !== !addr.includes(':')) value = 'unknown';
  else value = addr === '0.0.0.0' || addr === '::' ? 'any' : addr;
  p.string('any', name, `${name} %s`, value);
  p.text(' ');
}

const dotted = (n: number): string => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;

/** link_gre*.c's keys and GRE flags: "ikey K okey K iseq oseq icsum ocsum ". */
export function printGreKeys(p: Printer, d: { iflags?: number; oflags?: number; ikey?: number; okey?: number }): void {
  const iflags = d.iflags ?? 0;
  const oflags = d.oflags ?? 0;
  if (iflags & GRE_KEY && d.ikey !== undefined) p.string('any', 'ikey', 'ikey %s ', dotted(d.ikey));
  if (oflags & GRE_KEY && d.okey !== undefined) p.string('any', 'okey', 'okey %s ', dotted(d.okey));
  if (iflags & GRE_SEQ) p.bool('any', 'iseq', 'iseq ', true);
  if (oflags & GRE_SEQ) p.bool('any', 'oseq', 'oseq ', true);
  if (iflags & GRE_CSUM) p.bool('any', 'icsum', 'icsum ', true);
  if (oflags & GRE_CSUM) p.bool('any', 'ocsum', 'ocsum ', true);
}

/** tnl_encap_str: "[no]encap-NAME [PORT|auto ]". */
function encapStr(name: string, enabled: boolean, port: number): string {
  const val = !port ? 'auto ' : port < 0 ? '' : `${port - 1} `;
  return `${enabled ? '' : 'no'}encap-${name} ${val}`;
}

/** tnl_print_encap: the FOU/GUE encapsulation, nothing when there is none. */
export function printEncap(p: Printer, d: { encapType?: number; encapFlags?: number; encapSport?: number; encapDport?: number }): void {
  if (d.encapType === undefined || d.encapType === TUNNEL_ENCAP_NONE) return;
  const flags = d.encapFlags ?? 0;
  const sport = d.encapSport ?? 0;
  const dport = d.encapDport ?? 0;
  if (p.json) p.openObject('encap');
  p.text('encap ');
  if (d.encapType === TUNNEL_ENCAP_FOU) p.string('any', 'type', '%s ', 'fou');
  else if (d.encapType === TUNNEL_ENCAP_GUE) p.string('any', 'type', '%s ', 'gue');
  else p.null('any', 'type', '%s ', 'unknown');
  if (p.json) {
    p.uint('json', 'sport', null, sport);
    p.uint('json', 'dport', null, dport);
    p.bool('json', 'csum', null, (flags & TUNNEL_ENCAP_FLAG_CSUM) !== 0);
    p.bool('json', 'csum6', null, (flags & TUNNEL_ENCAP_FLAG_CSUM6) !== 0);
    p.bool('json', 'remcsum', null, (flags & TUNNEL_ENCAP_FLAG_REMCSUM) !== 0);
    p.closeObject();
  } else {
    p.text(encapStr('sport', true, sport ? sport + 1 : 0));
    p.text(encapStr('dport', true, dport + 1));
    p.text(encapStr('csum', (flags & TUNNEL_ENCAP_FLAG_CSUM) !== 0, -1));
    p.text(encapStr('csum6', (flags & TUNNEL_ENCAP_FLAG_CSUM6) !== 0, -1));
    p.text(encapStr('remcsum', (flags & TUNNEL_ENCAP_FLAG_REMCSUM) !== 0, -1));
  }
}

/** A device word of a tunnel (`dev NAME`): ip looks it up at once and exits when it is missing. */
export async function tunnelDev(ip: IpRoute, name: string): Promise<number> {
  const idx = await nameToIndex(ip, name);
  if (!idx) throw new CliExit(`Cannot find device "${name}"`);
  return idx;
}
