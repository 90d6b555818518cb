/**
 * `type vti|vti6` words (ip/link_vti.c and link_vti6.c, vti_parse_opt) and their `-d` details
 * (vti_print_opt).
 */
import type { VtiOptions } from '../../api/kinds/index.js';
import type { VtiInfo } from '../../rtnl/link/index.js';
import { CliFailure, invarg } from '../errors.js';
import type { Names } from '../names.js';
import { parseUnsigned } from '../numbers.js';
import type { Printer } from '../printer.js';
import { getAddr } from '../route.js';
import { matches, type Words } from '../words.js';
import type { CliKind, KindWords, KindWordsEnv } from './plug.js';
import { parseTunnelKey, printEndpoint, put, tunnelDev } from './tunnel.js';

const AF_INET = 2;
const AF_INET6 = 10;

const help = (kind: string): string => `Usage: ... ${kind.padEnd(4)}\t[ remote ADDR ]
\t\t[ local ADDR ]
\t\t[ [i|o]key KEY ]
\t\t[ dev PHYS_DEV ]
\t\t[ fwmark MARK ]

Where:\tADDR := { ${kind === 'vti6' ? 'IPV6_ADDRESS' : 'IP_ADDRESS'} }
\tKEY  := { DOTTED_QUAD | NUMBER }
\tMARK := { 0x0..0xffffffff }
`;

async function parseVti(words: Words, env: KindWordsEnv): Promise<KindWords<VtiOptions>> {
  const r: Partial<VtiOptions> = {};
  const family = env.kind === 'vti6' ? AF_INET6 : AF_INET;
  const endpoint = (text: string): string => {
    const a = getAddr(text, family);
    return a.any ? 'any' : a.text;
  };
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (matches(w, 'key')) {
      // key sets both: a later ikey/okey overrides its half, an earlier one is overridden
      const k = parseTunnelKey('key', words.next());
      delete r.ikey;
      delete r.okey;
      put(r, 'key', k);
    } else if (matches(w, 'ikey')) put(r, 'ikey', parseTunnelKey('ikey', words.next()));
    else if (matches(w, 'okey')) put(r, 'okey', parseTunnelKey('okey', words.next()));
    else if (matches(w, 'remote')) put(r, 'remote', endpoint(words.next()));
    else if (matches(w, 'local')) put(r, 'local', endpoint(words.next()));
    else if (matches(w, 'dev')) put(r, 'dev', await tunnelDev(env.ip, words.next()));
    else if (w === 'fwmark') {
      const v = words.next();
      const n = parseUnsigned(v);
      if (n === undefined) throw invarg('invalid fwmark\n', v);
      put(r, 'fwmark', n);
    } else {
      throw new CliFailure(help(env.kind).replace(/\n$/, ''), 1);
    }
  }
  return { options: r };
}

const dotted = (n: number): string => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;

function printVti(p: Printer, d: VtiInfo, names: Names, family: 4 | 6): void {
  printEndpoint(p, 'remote', d.remote, family);
  printEndpoint(p, 'local', d.local, family);
  if (d.link) p.string('any', 'link', 'dev %s ', names.name(d.link));
  if (d.ikey) p.string('any', 'ikey', 'ikey %s ', dotted(d.ikey));
  if (d.okey) p.string('any', 'okey', 'okey %s ', dotted(d.okey));
  if (d.fwmark) p.hex0x('any', 'fwmark', 'fwmark %#llx ', d.fwmark);
}

export const vtiCli: CliKind<'vti'> = { parse: parseVti, print: (p, d, n) => printVti(p, d, n, 4), help: help('vti') };
export const vti6Cli: CliKind<'vti6'> = { parse: parseVti, print: (p, d, n) => printVti(p, d, n, 6), help: help('vti6') };
