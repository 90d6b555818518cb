/**
 * `type ip6gre|ip6gretap|ip6erspan` words (ip/link_gre6.c gre_parse_opt) and their `-d` details
 * (gre_print_opt).
 */
import type { Gre6Options } from '../../api/kinds/index.js';
import {
  IP6_FLOWINFO_FLOWLABEL, IP6_FLOWINFO_TCLASS, IP6_TNL_F_ALLOW_LOCAL_REMOTE, IP6_TNL_F_IGN_ENCAP_LIMIT, IP6_TNL_F_RCV_DSCP_COPY,
  IP6_TNL_F_USE_ORIG_FLOWLABEL, IP6_TNL_F_USE_ORIG_FWMARK, IP6_TNL_F_USE_ORIG_TCLASS, type GreInfo,
} from '../../rtnl/link/index.js';
import { CliFailure, invarg } from '../errors.js';
import type { Names } from '../names.js';
import { parseUnsigned } from '../numbers.js';
import type { Printer } from '../printer.js';
import { getAddr } from '../route.js';
import { matches, type Words } from '../words.js';
import { printErspan } from './gre.js';
import type { CliKind, KindWords, KindWordsEnv } from './plug.js';
import { ENCAP_USAGE, encapWord, greKeyWord, parseHex, printEncap, printEndpoint, printGreKeys, put, tunnelDev } from './tunnel.js';

const AF_INET6 = 10;

const help = (kind: string): string => `Usage: ... ${kind.padEnd(9)}\t[ remote ADDR ]
\t\t\t[ local ADDR ]
\t\t\t[ [no][i|o]seq ]
\t\t\t[ [i|o]key KEY | no[i|o]key ]
\t\t\t[ [no][i|o]csum ]
\t\t\t[ hoplimit TTL ]
\t\t\t[ encaplimit ELIM ]
\t\t\t[ tclass TCLASS ]
\t\t\t[ flowlabel FLOWLABEL ]
\t\t\t[ dscp inherit ]
\t\t\t[ dev PHYS_DEV ]
\t\t\t[ fwmark MARK ]
\t\t\t[ [no]allow-localremote ]
\t\t\t[ external ]
${ENCAP_USAGE}\t\t\t[ erspan_ver version ]
\t\t\t[ erspan IDX ]
\t\t\t[ erspan_dir { ingress | egress } ]
\t\t\t[ erspan_hwid hwid ]

Where:\tADDR\t  := IPV6_ADDRESS
\tTTL\t  := { 0..255 } (default=64)
\tKEY\t  := { DOTTED_QUAD | NUMBER }
\tELIM\t  := { none | 0..255 }(default=4)
\tTCLASS\t  := { 0x0..0xff | inherit }
\tFLOWLABEL := { 0x0..0xfffff | inherit }
\tMARK\t  := { 0x0..0xffffffff | inherit }
`;

/** An IPv6 endpoint word: "any" is none. */
export function endpoint6(text: string): string {
  const a = getAddr(text, AF_INET6);
  return a.any ? 'any' : a.text;
}

/** tclass: "inherit" or a hex byte (get_u8 base 16). */
export function tclassWord(v: string): Gre6Options['tclass'] {
  if (v === 'inherit') return 'inherit';
  const n = parseHex(v, 0xff);
  if (n === undefined) throw invarg('invalid TClass', v);
  return n;
}

/** flowlabel: "inherit" or hex up to 0xfffff. */
export function flowlabelWord(v: string): Gre6Options['flowlabel'] {
  if (v === 'inherit') return 'inherit';
  const n = parseHex(v, 0xffffffff);
  if (n === undefined || n > 0xfffff) throw invarg('invalid Flowlabel', v);
  return n;
}

/** fwmark of an IPv6 tunnel: "inherit" or a number. */
export function fwmark6Word(v: string): Gre6Options['fwmark'] {
  if (v === 'inherit') return 'inherit';
  const n = parseUnsigned(v);
  if (n === undefined) throw invarg('invalid fwmark\n', v);
  return n;
}

async function parseGre6(words: Words, env: KindWordsEnv): Promise<KindWords<Gre6Options>> {
  const r: Partial<Gre6Options> = {};
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (greKeyWord(words, r)) continue;
    if (matches(w, 'remote')) put(r, 'remote', endpoint6(words.next()));
    else if (matches(w, 'local')) put(r, 'local', endpoint6(words.next()));
    else if (matches(w, 'dev')) put(r, 'dev', await tunnelDev(env.ip, words.next()));
    else if (matches(w, 'ttl') || matches(w, 'hoplimit') || matches(w, 'hlim')) {
      const v = words.next();
      const n = v === 'inherit' ? 0 : parseUnsigned(v, 255);
      if (n === undefined) throw invarg('invalid HLIM\n', v);
      put(r, 'hoplimit', n);
    } else if (matches(w, 'tos') || matches(w, 'tclass') || matches(w, 'dsfield')) {
      put(r, 'tclass', tclassWord(words.next()));
    } else if (w === 'flowlabel' || w === 'fl') {
      put(r, 'flowlabel', flowlabelWord(words.next()));
    } else if (w === 'dscp') {
      const v = words.next();
      if (v !== 'inherit') throw invarg('not inherit', v);
      put(r, 'dscp', 'inherit');
    } else if (encapWord(words, r)) {
      continue;
    } else if (w === 'external') put(r, 'external', true);
    else if (w === 'fwmark') put(r, 'fwmark', fwmark6Word(words.next()));
    else if (w === 'allow-localremote' || w === 'noallow-localremote') put(r, 'allowLocalremote', w === 'allow-localremote');
    else if (w === 'encaplimit') {
      const v = words.next();
      const n = v === 'none' ? 'none' : parseUnsigned(v, 255);
      if (n === undefined) throw invarg('invalid ELIM', v);
      put(r, 'encaplimit', n);
    } else if (w === 'erspan') {
      const v = words.next();
      const n = parseUnsigned(v);
      if (n === undefined) throw invarg('invalid erspan index\n', v);
      if (n === 0 || n > 0xfffff) throw invarg('erspan index must be > 0 and <= 20-bit\n', v);
      put(r, 'erspan', n);
    } else if (w === 'erspan_ver') {
      const v = words.next();
      const n = parseUnsigned(v, 255);
      if (n === undefined) throw invarg('invalid erspan version\n', v);
      if (n > 2) throw invarg('erspan version must be 0/1/2\n', v);
      put(r, 'erspanVer', n);
    } else if (w === 'erspan_dir') {
      const v = words.next();
      if (matches(v, 'ingress')) put(r, 'erspanDir', 'ingress');
      else if (matches(v, 'egress')) put(r, 'erspanDir', 'egress');
      else throw invarg('Invalid erspan direction.', v);
    } else if (w === 'erspan_hwid') {
      const v = words.next();
      const n = parseUnsigned(v, 0xffff);
      if (n === undefined) throw invarg('invalid erspan hwid\n', v);
      put(r, 'erspanHwid', n);
    } else {
      throw new CliFailure(help(env.kind).replace(/\n$/, ''), 1);
    }
  }
  return { options: r };
}

/** The IPv6 tunnel fields ip6gre and ip6tnl print alike: encaplimit, tclass, flowlabel, dscp. */
export function printIp6Tunnel(p: Printer, flags: number, encapLimit: number | undefined, flowinfo: number | undefined): void {
  if (flags & IP6_TNL_F_IGN_ENCAP_LIMIT) p.bool('any', 'ip6_tnl_f_ign_encap_limit', 'encaplimit none ', true);
  else if (encapLimit !== undefined) p.uint('any', 'encap_limit', 'encaplimit %u ', encapLimit);
  if (flags & IP6_TNL_F_USE_ORIG_TCLASS) p.bool('any', 'ip6_tnl_f_use_orig_tclass', 'tclass inherit ', true);
  else if (flowinfo !== undefined) {
    p.string('any', 'tclass', 'tclass %s ', `0x${((flowinfo & IP6_FLOWINFO_TCLASS) >>> 20).toString(16).padStart(2, '0')}`);
  }
  if (flags & IP6_TNL_F_USE_ORIG_FLOWLABEL) p.bool('any', 'ip6_tnl_f_use_orig_flowlabel', 'flowlabel inherit ', true);
  else if (flowinfo !== undefined) {
    p.string('any', 'flowlabel', 'flowlabel %s ', `0x${(flowinfo & IP6_FLOWINFO_FLOWLABEL).toString(16).padStart(5, '0')}`);
  }
  if (flags & IP6_TNL_F_RCV_DSCP_COPY) p.bool('any', 'ip6_tnl_f_rcv_dscp_copy', 'dscp inherit ', true);
}

/** allow-localremote and fwmark of an IPv6 tunnel. */
export function printIp6Fwmark(p: Printer, flags: number, fwmark: number | undefined): void {
  if (flags & IP6_TNL_F_ALLOW_LOCAL_REMOTE) p.bool('any', 'ip6_tnl_f_allow_local_remote', 'allow-localremote ', true);
  if (flags & IP6_TNL_F_USE_ORIG_FWMARK) p.bool('any', 'ip6_tnl_f_use_orig_fwmark', 'fwmark inherit ', true);
  else if (fwmark) p.hex0x('any', 'fwmark', 'fwmark %#llx ', fwmark);
}

function printGre6(p: Printer, d: GreInfo, names: Names): void {
  const flags = d.flags ?? 0;
  if (d.collectMetadata) p.bool('any', 'external', 'external ', true);
  printEndpoint(p, 'remote', d.remote, 6);
  printEndpoint(p, 'local', d.local, 6);
  if (d.link) p.string('any', 'link', 'dev %s ', names.name(d.link));
  const ttl = d.ttl ?? 0;
  if (p.json || ttl) p.uint('any', 'ttl', 'hoplimit %u ', ttl);
  else p.string('fp', null, 'hoplimit %s ', 'inherit');
  printIp6Tunnel(p, flags, d.encapLimit, d.flowinfo);
  printGreKeys(p, d);
  printIp6Fwmark(p, flags, d.fwmark);
  printErspan(p, d);
  printEncap(p, d);
}

export const ip6greCli: CliKind<'ip6gre'> = { parse: parseGre6, print: printGre6, help: help('ip6gre') };
export const ip6gretapCli: CliKind<'ip6gretap'> = { parse: parseGre6, print: printGre6, help: help('ip6gretap') };
export const ip6erspanCli: CliKind<'ip6erspan'> = { parse: parseGre6, print: printGre6, help: help('ip6erspan') };
