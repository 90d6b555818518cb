/**
 * `type macvlan` / `type macvtap` words (ip/iplink_macvlan.c macvlan_parse_opt) and their `-d`
 * details (macvlan_print_opt).
 */
import type { MacvlanFlag, MacvlanMode, MacvlanOptions } from '../../api/kinds/index.js';
import { MACVLAN_FLAG_NODST, MACVLAN_FLAG_NOPROMISC, MACVLAN_MODE_SOURCE, macvlanModeName, type MacvlanInfo } from '../../rtnl/link/index.js';
import { CliFailure, duparg } from '../errors.js';
import { parseUnsigned } from '../numbers.js';
import type { Printer } from '../printer.js';
import { renameProgram } from '../usage.js';
import { matches, type Words } from '../words.js';
import type { CliKind, KindWords, KindWordsEnv } from './plug.js';

const help = (kind: string): string => renameProgram(`Usage: ... ${kind} mode MODE [flag MODE_FLAG] MODE_OPTS [bcqueuelen BC_QUEUE_LEN]\n\nMODE: private | vepa | bridge | passthru | source\nMODE_FLAG: null | nopromisc | nodst\nMODE_OPTS: for mode "source":\n\tmacaddr { { add | del } <macaddr> | set [ <macaddr> [ <macaddr>  ... ] ] | flush }\nBC_QUEUE_LEN: Length of the rx queue for broadcast/multicast: [0-4294967295]\n`);

const MODE_WORDS: readonly MacvlanMode[] = ['private', 'vepa', 'bridge', 'passthru', 'source'];

/** sscanf("%x") of one byte word: leading blanks, a sign, an optional 0x, hex digits. */
function hexByte(part: string): number | undefined {
  const m = /^\s*([+-]?)(?:0[xX](?=[0-9a-fA-F]))?([0-9a-fA-F]+)/.exec(part);
  if (!m) return undefined;
  const v = parseInt(m[2]!.slice(-9), 16) * (m[1] === '-' ? -1 : 1);
  return v < 0 || v > 255 ? undefined : v;
}

/**
 * ll_addr_a2n (lib/ll_addr.c) into at most 6 bytes: how many bytes the word names (7 when it
 * has more parts), the address when it has six, and the part ip names in `"X" is invalid
 * lladdr.` when it is no address at all (len -1).
 */
export function lladdr(word: string): { len: number; mac?: string; bad?: string } {
  if (word.includes('.')) {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(word);
    return m && m.slice(1).every((x) => Number(x) <= 255) ? { len: 4 } : { len: -1, bad: word };
  }
  const bytes: string[] = [];
  let rest = word;
  for (let i = 0; i < 6; i++) {
    const colon = rest.indexOf(':');
    const part = colon < 0 ? rest : rest.slice(0, colon);
    const v = hexByte(part);
    if (v === undefined) return { len: -1, bad: part };
    bytes.push(v.toString(16).padStart(2, '0'));
    if (colon < 0) return bytes.length === 6 ? { len: 6, mac: bytes.join(':') } : { len: bytes.length };
    rest = rest.slice(colon + 1);
  }
  return { len: 7 };
}

/** One MAC after `macaddr add|del`: ip fails (status 1) on anything but a 6-byte address. */
function oneMac(word: string): string {
  const { mac, bad } = lladdr(word);
  if (mac) return mac;
  throw new CliFailure(bad !== undefined ? `"${bad}" is invalid lladdr.` : '', 1);
}

function parseMacvlan(words: Words, env: KindWordsEnv): KindWords<MacvlanOptions> {
  const r: KindWords<MacvlanOptions>['options'] = {};
  const flags = new Set<MacvlanFlag>();
  let hasFlags = false;
  const explain = help(env.kind).replace(/\n$/, '');
  let warning = '';
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (matches(w, 'mode')) {
      const v = words.next();
      if (!(MODE_WORDS as readonly string[]).includes(v)) {
        throw new CliFailure(`Error: argument of "mode" must be "private", "vepa", "bridge", "passthru" or "source", not "${v}"`, 1);
      }
      r.mode = v as MacvlanMode;
    } else if (matches(w, 'flag')) {
      const v = words.next();
      if (v === 'nopromisc' || v === 'nodst') flags.add(v);
      else if (v !== 'null') throw new CliFailure(`Error: argument of "flag" must be "nopromisc", "nodst" or "null", not "${v}"`, 1);
      hasFlags = true;
    } else if (matches(w, 'macaddr')) {
      const op = words.next();
      // rtnl-ts sends one MAC list change per request; the kernel acts on the last one anyway.
      if (r.macaddr !== undefined) throw duparg('macaddr', op);
      if (op === 'add') r.macaddr = { add: oneMac(words.next()) };
      else if (op === 'del') r.macaddr = { del: oneMac(words.next()) };
      else if (op === 'flush') r.macaddr = { flush: true };
      else if (op === 'set') {
        const set: string[] = [];
        for (let next = words.peek(); next !== undefined; next = words.peek()) {
          const { mac, bad } = lladdr(next);
          if (!mac) {
            // ip tried the word as an address, and said so when it was none at all
            if (bad !== undefined) warning += `"${bad}" is invalid lladdr.\n`;
            break;
          }
          set.push(mac);
          words.skip();
        }
        r.macaddr = { set };
      } else {
        throw new CliFailure(explain, 1);
      }
    } else if (matches(w, 'nopromisc')) {
      flags.add('nopromisc');
      hasFlags = true;
    } else if (matches(w, 'nodst')) {
      flags.add('nodst');
      hasFlags = true;
    } else if (matches(w, 'bcqueuelen')) {
      const v = words.next();
      const n = parseUnsigned(v);
      if (n === undefined) throw new CliFailure(`Error: argument of "bcqueuelen" must be a positive integer [0-4294967295], not "${v}"`, 1);
      r.bcqueuelen = n;
    } else if (matches(w, 'help')) {
      throw new CliFailure(explain, 1);
    } else {
      throw new CliFailure(`${env.kind}: unknown option "${w}"?\n${explain}`, 1);
    }
  }
  if (hasFlags) {
    if (flags.has('nopromisc') && r.mode !== 'passthru') {
      throw new CliFailure(`${env.kind}: nopromisc flag only valid in passthru mode\n${explain}`, 1);
    }
    r.flags = (['nopromisc', 'nodst'] as const).filter((f) => flags.has(f));
  }
  return warning ? { options: r, warning: warning.replace(/\n$/, '') } : { options: r };
}

function printMacvlan(p: Printer, d: MacvlanInfo): void {
  if (d.mode === undefined) return;
  const mode = macvlanModeName(d.mode);
  p.string('any', 'mode', 'mode %s ', typeof mode === 'string' ? mode : 'unknown');
  const flags = d.flags ?? 0;
  if (flags & MACVLAN_FLAG_NOPROMISC) p.bool('any', 'nopromisc', 'nopromisc ', true);
  if (flags & MACVLAN_FLAG_NODST) p.bool('any', 'nodst', 'nodst ', true);
  if (d.bcQueueLen !== undefined) p.uint('any', 'bcqueuelen', 'bcqueuelen %lu ', d.bcQueueLen);
  if (d.bcQueueLenUsed !== undefined) p.uint('any', 'usedbcqueuelen', 'usedbcqueuelen %lu ', d.bcQueueLenUsed);
  if (d.mode !== MACVLAN_MODE_SOURCE || d.macaddrCount === undefined) return;
  p.int('any', 'macaddr_count', 'remotes (%d) ', d.macaddrCount | 0);
  if (!d.macaddrData) return;
  p.openArray('json', 'macaddr_data');
  for (const mac of d.macaddrData.macaddr ?? []) p.string('any', null, '%s ', mac);
  p.closeArray('json', null);
}

export const macvlanCli: CliKind<'macvlan'> = {
  parse: parseMacvlan,
  print: printMacvlan,
  help: help('macvlan'),
};

export const macvtapCli: CliKind<'macvtap'> = {
  parse: parseMacvlan,
  print: printMacvlan,
  help: help('macvtap'),
};
