/**
 * `type gre|gretap|erspan` words (ip/link_gre.c gre_parse_opt) and their `-d` details
 * (gre_print_opt).
 */
import type { ErspanOptions } from '../../api/kinds/index.js';
import type { GreInfo } from '../../rtnl/link/index.js';
import { CliFailure, invarg } from '../errors.js';
import type { Names } from '../names.js';
import { parseUnsigned } from '../numbers.js';
import type { Printer } from '../printer.js';
import { getAddr } from '../route.js';
import { dsfieldNumber } from '../rt-names.js';
import { matches, type Words } from '../words.js';
import type { CliKind, KindWords, KindWordsEnv } from './plug.js';
import { ENCAP_USAGE, encapWord, greKeyWord, printEncap, printEndpoint, printGreKeys, put, tunnelDev } from './tunnel.js';

const AF_INET = 2;

const help = (kind: string): string => `Usage: ... ${kind.padEnd(9)}\t[ remote ADDR ]
\t\t\t[ local ADDR ]
\t\t\t[ [no][i|o]seq ]
\t\t\t[ [i|o]key KEY | no[i|o]key ]
\t\t\t[ [no][i|o]csum ]
\t\t\t[ ttl TTL ]
\t\t\t[ tos TOS ]
\t\t\t[ [no]pmtudisc ]
\t\t\t[ [no]ignore-df ]
\t\t\t[ dev PHYS_DEV ]
\t\t\t[ fwmark MARK ]
\t\t\t[ external ]
${ENCAP_USAGE}${kind === 'erspan' ? '\t\t\t[ erspan_ver version ]\n\t\t\t[ erspan IDX ]\n\t\t\t[ erspan_dir { ingress | egress } ]\n\t\t\t[ erspan_hwid hwid ]\n' : ''}
Where:\tADDR := { IP_ADDRESS | any }
\tTOS  := { NUMBER | inherit }
\tTTL  := { 1..255 | inherit }
\tKEY  := { DOTTED_QUAD | NUMBER }
\tMARK := { 0x0..0xffffffff }
`;

/** An IPv4 endpoint word: "any" (and the unspecified address) is none. */
function endpoint(text: string): string {
  const a = getAddr(text, AF_INET);
  return a.any ? 'any' : a.text;
}

async function parseGre(words: Words, env: KindWordsEnv): Promise<KindWords<ErspanOptions>> {
  const r: Partial<ErspanOptions> = {};
  const erspan = env.kind === 'erspan';
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (greKeyWord(words, r)) continue;
    if (matches(w, 'nopmtudisc')) put(r, 'pmtudisc', false);
    else if (matches(w, 'pmtudisc')) put(r, 'pmtudisc', true);
    else if (matches(w, 'remote')) put(r, 'remote', endpoint(words.next()));
    else if (matches(w, 'local')) put(r, 'local', endpoint(words.next()));
    else if (matches(w, 'dev')) put(r, 'dev', await tunnelDev(env.ip, words.next()));
    else if (matches(w, 'ttl') || matches(w, 'hoplimit') || matches(w, 'hlim')) {
      const v = words.next();
      const n = v === 'inherit' ? 0 : parseUnsigned(v, 255);
      if (n === undefined) throw invarg('invalid TTL\n', v);
      put(r, 'ttl', n);
    } else if (matches(w, 'tos') || matches(w, 'tclass') || matches(w, 'dsfield')) {
      const v = words.next();
      const n = v === 'inherit' ? 1 : dsfieldNumber(v);
      if (n === undefined) throw invarg('bad TOS value', v);
      put(r, 'tos', n);
    } else if (encapWord(words, r)) {
      continue;
    } else if (w === 'external') put(r, 'external', true);
    else if (w === 'ignore-df' || w === 'noignore-df') put(r, 'ignoreDf', w === 'ignore-df');
    else if (w === 'fwmark') {
      const v = words.next();
      const n = parseUnsigned(v);
      if (n === undefined) throw invarg('invalid fwmark\n', v);
      put(r, 'fwmark', n);
    } else if (erspan && w === 'erspan') {
      const v = words.next();
      const n = parseUnsigned(v);
      if (n === undefined) throw invarg('invalid erspan index\n', v);
      if (n === 0 || n > 0xfffff) throw invarg('erspan index must be > 0 and <= 20-bit\n', v);
      put(r, 'erspan', n);
    } else if (erspan && w === 'erspan_ver') {
      const v = words.next();
      const n = parseUnsigned(v, 255);
      if (n === undefined) throw invarg('invalid erspan version\n', v);
      if (n > 2) throw invarg('erspan version must be 0/1/2\n', v);
      put(r, 'erspanVer', n);
    } else if (erspan && w === 'erspan_dir') {
      const v = words.next();
      if (matches(v, 'ingress')) put(r, 'erspanDir', 'ingress');
      else if (matches(v, 'egress')) put(r, 'erspanDir', 'egress');
      else throw invarg('Invalid erspan direction.', v);
    } else if (erspan && w === 'erspan_hwid') {
      const v = words.next();
      const n = parseUnsigned(v, 0xffff);
      if (n === undefined) throw invarg('invalid erspan hwid\n', v);
      put(r, 'erspanHwid', n);
    } else {
      throw new CliFailure(help(env.kind).replace(/\n$/, ''), 1);
    }
  }
  // ip's check after the words, on create (a change is checked by the API against the merged tunnel)
  if (env.op === 'add' && r.remote !== undefined && r.remote !== 'any' && isMulticast4(r.remote)
    && (r.local === undefined || r.local === 'any' || r.local === '0.0.0.0')) {
    throw new CliFailure('A broadcast tunnel requires a source address.', 1);
  }
  return { options: r };
}

const isMulticast4 = (a: string): boolean => (Number(a.split('.')[0]) & 0xf0) === 0xe0;

function printGre(p: Printer, d: GreInfo, names: Names): void {
  if (d.collectMetadata) p.bool('any', 'external', 'external ', true);
  printEndpoint(p, 'remote', d.remote, 4);
  printEndpoint(p, 'local', d.local, 4);
  if (d.link) p.string('any', 'link', 'dev %s ', names.name(d.link));
  const ttl = d.ttl ?? 0;
  if (p.json || ttl) p.uint('any', 'ttl', 'ttl %u ', ttl);
  else p.string('fp', null, 'ttl %s ', 'inherit');
  const tos = d.tos ?? 0;
  if (tos) {
    if (p.json || tos !== 1) p.hex0x('any', 'tos', 'tos %#llx ', tos);
    else p.string('fp', null, 'tos %s ', 'inherit');
  }
  if (d.pmtudisc !== undefined) {
    if (!d.pmtudisc) p.bool('any', 'pmtudisc', 'nopmtudisc ', false);
    else p.bool('json', 'pmtudisc', null, true);
  }
  if (d.ignoreDf) p.bool('any', 'ignore_df', 'ignore-df ', true);
  printGreKeys(p, d);
  if (d.fwmark) p.hex0x('any', 'fwmark', 'fwmark %#llx ', d.fwmark);
  printErspan(p, d);
  printEncap(p, d);
}

/** The ERSPAN fields of link_gre*.c's printers. */
export function printErspan(p: Printer, d: GreInfo): void {
  if (d.erspanIndex !== undefined) p.uint('any', 'erspan_index', 'erspan_index %u ', d.erspanIndex);
  if (d.erspanVer !== undefined) p.uint('any', 'erspan_ver', 'erspan_ver %u ', d.erspanVer);
  if (d.erspanDir !== undefined) p.string('any', 'erspan_dir', 'erspan_dir %s ', d.erspanDir === 0 ? 'ingress' : 'egress');
  if (d.erspanHwid !== undefined) p.hex0x('any', 'erspan_hwid', 'erspan_hwid %#llx ', d.erspanHwid);
}

export const greCli: CliKind<'gre'> = { parse: parseGre, print: printGre, help: help('gre') };
export const gretapCli: CliKind<'gretap'> = { parse: parseGre, print: printGre, help: help('gretap') };
export const erspanCli: CliKind<'erspan'> = { parse: parseGre, print: printGre, help: help('erspan') };
