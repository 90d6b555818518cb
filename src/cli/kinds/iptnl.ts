/**
 * `type ipip|sit` words (ip/link_iptnl.c iptunnel_parse_opt) and their `-d` details
 * (iptunnel_print_opt).
 */
import type { IpipOptions, SitOptions } from '../../api/kinds/index.js';
import { IPPROTO_IPIP, IPPROTO_IPV6, IPPROTO_MPLS, SIT_ISATAP, type IptnlInfo } from '../../rtnl/link/index.js';
import { ipToString } from '../../rtnl/common.js';
import { CliExit, CliFailure, invarg } from '../errors.js';
import type { Names } from '../names.js';
import { parseUnsigned } from '../numbers.js';
import type { Printer } from '../printer.js';
import { getAddr, getPrefix } from '../route.js';
import { dsfieldNumber } from '../rt-names.js';
import { matches, type Words } from '../words.js';
import type { CliKind, KindWords, KindWordsEnv } from './plug.js';
import { ENCAP_USAGE, encapWord, printEncap, printEndpoint, put, tunnelDev } from './tunnel.js';

const AF_INET = 2;
const AF_INET6 = 10;

const help = (kind: string): string => `Usage: ... ${kind.padEnd(6)}\t[ remote ADDR ]
\t\t\t[ local ADDR ]
\t\t\t[ ttl TTL ]
\t\t\t[ tos TOS ]
\t\t\t[ [no]pmtudisc ]
\t\t\t[ 6rd-prefix ADDR ]
\t\t\t[ 6rd-relay_prefix ADDR ]
\t\t\t[ 6rd-reset ]
\t\t\t[ dev PHYS_DEV ]
\t\t\t[ fwmark MARK ]
\t\t\t[ external ]
${ENCAP_USAGE}\t\t\t[ mode ${kind === 'sit' ? '{ ip6ip | ipip | mplsip | any } ]\n\t\t\t[ isatap' : '{ ipip | mplsip | any }'} ]

Where:\tADDR := { IP_ADDRESS | any }
\tTOS  := { NUMBER | inherit }
\tTTL  := { 1..255 | inherit }
\tMARK := { 0x0..0xffffffff }
`;

/** An IPv4 endpoint word: "any" (and the unspecified address) is none. */
function endpoint(text: string): string {
  const a = getAddr(text, AF_INET);
  return a.any ? 'any' : a.text;
}

/** get_prefix of `family`, as "ADDR/LEN". */
function prefixWord(text: string, family: number): string {
  const p = getPrefix(text, family);
  return `${ipToString(p.bytes)}/${p.bitlen}`;
}

async function parseIptnl(words: Words, env: KindWordsEnv): Promise<KindWords<SitOptions>> {
  const r: Partial<SitOptions> = {};
  const sit = env.kind === 'sit';
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (w === 'mode') {
      const v = words.next();
      if (sit && (v === 'ipv6/ipv4' || v === 'ip6ip')) put(r, 'mode', 'ip6ip');
      else if (v === 'ipv4/ipv4' || v === 'ipip' || v === 'ip4ip4') put(r, 'mode', 'ipip');
      else if (v === 'mpls/ipv4' || v === 'mplsip') put(r, 'mode', 'mplsip');
      else if (v === 'any/ipv4' || v === 'any') put(r, 'mode', 'any');
      else throw invarg('Cannot guess tunnel mode.', v);
    } else if (w === 'remote') put(r, 'remote', endpoint(words.next()));
    else if (w === 'local') put(r, 'local', endpoint(words.next()));
    else if (matches(w, 'dev')) put(r, 'dev', await tunnelDev(env.ip, words.next()));
    else if (w === 'ttl' || w === 'hoplimit' || w === 'hlim') {
      const v = words.next();
      const n = v === 'inherit' ? 0 : parseUnsigned(v, 255);
      if (n === undefined) throw invarg('invalid TTL\n', v);
      put(r, 'ttl', n);
    } else if (w === 'tos' || w === 'tclass' || w === 'tc' || matches(w, 'dsfield')) {
      const v = words.next();
      const n = v === 'inherit' ? 1 : dsfieldNumber(v);
      if (n === undefined) throw invarg('bad TOS value', v);
      put(r, 'tos', n & 0xff);
    } else if (w === 'nopmtudisc' || w === 'pmtudisc') put(r, 'pmtudisc', w === 'pmtudisc');
    else if (sit && w === 'isatap') put(r, 'isatap', true);
    else if (encapWord(words, r)) continue;
    else if (w === 'external') put(r, 'external', true);
    else if (w === '6rd-prefix') put(r, 'prefix6rd', prefixWord(words.next(), AF_INET6));
    else if (w === '6rd-relay_prefix') put(r, 'relayPrefix6rd', prefixWord(words.next(), AF_INET));
    else if (w === '6rd-reset') {
      // the reset moves both prefixes: a later word sets them again
      delete r.prefix6rd;
      delete r.relayPrefix6rd;
      put(r, 'reset6rd', true);
    } else if (w === 'fwmark') {
      const v = words.next();
      const n = parseUnsigned(v);
      if (n === undefined) throw invarg('invalid fwmark\n', v);
      put(r, 'fwmark', n);
    } else {
      throw new CliFailure(help(env.kind).replace(/\n$/, ''), 1);
    }
  }
  // ip's check after the words, on create (a change is checked by the API against the merged tunnel)
  if (env.op === 'add' && r.ttl && r.pmtudisc === false) throw new CliExit('ttl != 0 and nopmtudisc are incompatible');
  return { options: r };
}

const PROTOS: Record<number, string> = { [IPPROTO_IPIP]: 'ipip', [IPPROTO_IPV6]: 'ip6ip', [IPPROTO_MPLS]: 'mplsip', 0: 'any' };

function printIptnl(p: Printer, d: IptnlInfo, names: Names): void {
  if (d.collectMetadata) p.bool('any', 'external', 'external ', true);
  if (d.proto !== undefined && PROTOS[d.proto] !== undefined) p.string('any', 'proto', '%s ', PROTOS[d.proto]!);
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
  if (d.pmtudisc) p.bool('any', 'pmtudisc', 'pmtudisc ', true);
  else p.bool('any', 'pmtudisc', 'nopmtudisc ', false);
  if (d.flags !== undefined && d.flags & SIT_ISATAP) p.bool('any', 'isatap', 'isatap ', true);
  if (d.prefixlen6rd) {
    const relay = d.relayPrefix6rd !== undefined && d.relayPrefix6rd !== '0.0.0.0' ? d.relayPrefix6rd : undefined;
    if (p.json) {
      p.string('json', 'prefix', null, d.prefix6rd ?? '::');
      p.int('json', 'prefixlen', null, d.prefixlen6rd);
      if (relay) {
        p.string('json', 'relay_prefix', null, relay);
        p.int('json', 'relay_prefixlen', null, d.relayPrefixlen6rd ?? 0);
      }
    } else {
      p.text(`6rd-prefix ${d.prefix6rd ?? '::'}/${d.prefixlen6rd} `);
      if (relay) p.text(`6rd-relay_prefix ${relay}/${d.relayPrefixlen6rd ?? 0} `);
    }
  }
  if (d.fwmark) p.hex0x('any', 'fwmark', 'fwmark %#llx ', d.fwmark);
  printEncap(p, d);
}

/** ipip's words: sit's without ip6ip, isatap and 6rd (parseIptnl refuses those for ipip). */
async function parseIpip(words: Words, env: KindWordsEnv): Promise<KindWords<IpipOptions>> {
  const { options } = await parseIptnl(words, env);
  // the mode only sets the protocol: its place among the words does not matter. ip reads the 6rd
  // words for ipip too and sends them only for sit: they are checked above and go no further
  const { mode, prefix6rd: _p, relayPrefix6rd: _r, reset6rd: _x, isatap: _i, ...rest } = options;
  const out: Partial<IpipOptions> = mode === undefined || mode === 'ip6ip' ? rest : { ...rest, mode };
  // ip sends its parameters whenever words follow `type ipip`: on create, its default pmtudisc
  // stands for the dropped words (a change resends nothing then: the tunnel stays as it is)
  if (Object.keys(out).length === 0 && Object.keys(options).length > 0 && env.op === 'add') out.pmtudisc = true;
  return { options: out };
}

export const ipipCli: CliKind<'ipip'> = { parse: parseIpip, print: printIptnl, help: help('ipip') };
export const sitCli: CliKind<'sit'> = { parse: parseIptnl, print: printIptnl, help: help('sit') };
