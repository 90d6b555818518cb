/**
 * `type ip6tnl` words (ip/link_ip6tnl.c ip6tunnel_parse_opt) and its `-d` details
 * (ip6tunnel_print_opt).
 */
import type { Ip6tnlOptions } from '../../api/kinds/index.js';
import { IP6_TNL_F_MIP6_DEV, IPPROTO_IPIP, IPPROTO_IPV6, type Ip6tnlInfo } from '../../rtnl/link/index.js';
import { CliFailure, invarg } from '../errors.js';
import type { Names } from '../names.js';
import { parseUnsigned } from '../numbers.js';
import type { Printer } from '../printer.js';
import { matches, type Words } from '../words.js';
import { endpoint6, flowlabelWord, fwmark6Word, printIp6Fwmark, printIp6Tunnel, tclassWord } from './gre6.js';
import type { CliKind, KindWords, KindWordsEnv } from './plug.js';
import { ENCAP_USAGE, encapWord, printEncap, printEndpoint, put, tunnelDev } from './tunnel.js';

const HELP = `Usage: ... ip6tnl\t[ remote ADDR ]
\t\t\t[ local ADDR ]
\t\t\t[ encaplimit ELIM ]
\t\t\t[ hoplimit HLIM ]
\t\t\t[ tclass TCLASS ]
\t\t\t[ flowlabel FLOWLABEL ]
\t\t\t[ dscp inherit ]
\t\t\t[ [no]allow-localremote ]
\t\t\t[ dev PHYS_DEV ]
\t\t\t[ fwmark MARK ]
\t\t\t[ external ]
${ENCAP_USAGE}\t\t\t[ mode { ip6ip6 | ipip6 | any } ]

Where:\tADDR\t  := IPV6_ADDRESS
\tELIM\t  := { none | 0..255 }(default=4)
\tHLIM\t  := 0..255 (default=64)
\tTCLASS    := { 0x0..0xff | inherit }
\tFLOWLABEL := { 0x0..0xfffff | inherit }
\tMARK\t  := { 0x0..0xffffffff | inherit }
`;

async function parseIp6tnl(words: Words, env: KindWordsEnv): Promise<KindWords<Ip6tnlOptions>> {
  const r: Partial<Ip6tnlOptions> = {};
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (w === 'mode') {
      const v = words.next();
      if (v === 'ipv6/ipv6' || v === 'ip6ip6') put(r, 'mode', 'ip6ip6');
      else if (v === 'ip/ipv6' || v === 'ipv4/ipv6' || v === 'ipip6' || v === 'ip4ip6') put(r, 'mode', 'ipip6');
      else if (v === 'any/ipv6' || v === 'any') put(r, 'mode', 'any');
      else throw invarg('Cannot guess tunnel mode.', v);
    } else if (w === 'remote') put(r, 'remote', endpoint6(words.next()));
    else if (w === 'local') put(r, 'local', endpoint6(words.next()));
    else if (matches(w, 'dev')) put(r, 'dev', await tunnelDev(env.ip, words.next()));
    else if (w === 'ttl' || w === 'hoplimit' || w === 'hlim') {
      const v = words.next();
      const n = v === 'inherit' ? 0 : parseUnsigned(v, 255);
      if (n === undefined) throw invarg('invalid HLIM\n', v);
      put(r, 'hoplimit', n);
    } else if (w === 'encaplimit') {
      const v = words.next();
      // ip 6.1 never fails here (get_u8 < -1) and sends an undefined byte: rtnl-ts refuses instead
      const n = v === 'none' ? 'none' : parseUnsigned(v, 255);
      if (n === undefined) throw invarg('invalid ELIM', v);
      put(r, 'encaplimit', n);
    } else if (w === 'tos' || w === 'tclass' || w === 'tc' || matches(w, 'dsfield')) {
      put(r, 'tclass', tclassWord(words.next()));
    } else if (w === 'flowlabel' || w === 'fl') {
      put(r, 'flowlabel', flowlabelWord(words.next()));
    } else if (w === 'dscp') {
      const v = words.next();
      if (v !== 'inherit') throw invarg('not inherit', v);
      put(r, 'dscp', 'inherit');
    } else if (w === 'fwmark') put(r, 'fwmark', fwmark6Word(words.next()));
    else if (w === 'allow-localremote' || w === 'noallow-localremote') put(r, 'allowLocalremote', w === 'allow-localremote');
    else if (encapWord(words, r)) continue;
    else if (w === 'external') put(r, 'external', true);
    else throw new CliFailure(HELP.replace(/\n$/, ''), 1);
  }
  return { options: r };
}

const PROTOS: Record<number, string> = { [IPPROTO_IPIP]: 'ipip6', [IPPROTO_IPV6]: 'ip6ip6', 0: 'any' };

function printIp6tnl(p: Printer, d: Ip6tnlInfo, names: Names): void {
  const flags = d.flags ?? 0;
  if (d.collectMetadata) p.bool('any', 'external', 'external ', true);
  if (d.proto !== undefined && PROTOS[d.proto] !== undefined) p.string('any', 'proto', '%s ', PROTOS[d.proto]!);
  printEndpoint(p, 'remote', d.remote, 6);
  printEndpoint(p, 'local', d.local, 6);
  if (d.link) p.string('any', 'link', 'dev %s ', names.name(d.link));
  const ttl = d.ttl ?? 0;
  if (p.json || ttl) p.uint('any', 'ttl', 'hoplimit %u ', ttl);
  else p.string('fp', null, 'hoplimit %s ', 'inherit');
  printIp6Tunnel(p, flags, d.encapLimit, d.flowinfo);
  if (flags & IP6_TNL_F_MIP6_DEV) p.bool('any', 'ip6_tnl_f_mip6_dev', 'mip6 ', true);
  printIp6Fwmark(p, flags, d.fwmark);
  printEncap(p, d);
}

export const ip6tnlCli: CliKind<'ip6tnl'> = { parse: parseIp6tnl, print: printIp6tnl, help: HELP };
