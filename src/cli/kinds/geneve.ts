/** `type geneve` words (ip/iplink_geneve.c geneve_parse_opt) and its `-d` details (geneve_print_opt). */
import type { GeneveOptions } from '../../api/kinds/index.js';
import { AF_INET, AF_UNSPEC } from '../../rtnl/common.js';
import type { GeneveInfo } from '../../rtnl/link/index.js';
import { CliFailure, duparg2, invarg } from '../errors.js';
import { parseUnsigned } from '../numbers.js';
import type { Printer } from '../printer.js';
import { getAddr } from '../route.js';
import { dsfieldNumber } from '../rt-names.js';
import { renameProgram } from '../usage.js';
import { matches, type Words } from '../words.js';
import type { CliKind, KindWords, KindWordsEnv } from './plug.js';

const HELP = renameProgram('Usage: ... geneve id VNI\n\t\tremote ADDR\n\t\t[ ttl TTL ]\n\t\t[ tos TOS ]\n\t\t[ df DF ]\n\t\t[ flowlabel LABEL ]\n\t\t[ dstport PORT ]\n\t\t[ [no]external ]\n\t\t[ [no]udpcsum ]\n\t\t[ [no]udp6zerocsumtx ]\n\t\t[ [no]udp6zerocsumrx ]\n\t\t[ innerprotoinherit ]\n\nWhere:\tVNI   := 0-16777215\n\tADDR  := IP_ADDRESS\n\tTOS   := { NUMBER | inherit }\n\tTTL   := { 1..255 | auto | inherit }\n\tDF    := { unset | set | inherit }\n\tLABEL := 0-1048575\n');

const explain = (): string => HELP.replace(/\n$/, '');

type Bit = 'udpCsum' | 'udp6ZeroCsumTx' | 'udp6ZeroCsumRx';
/** The [no]WORD switches, in ip's order of matching. */
const SWITCHES: readonly (readonly [string, Bit | 'external', boolean])[] = [
  ['external', 'external', true], ['noexternal', 'external', false],
  ['udpcsum', 'udpCsum', true], ['noudpcsum', 'udpCsum', false],
  ['udp6zerocsumtx', 'udp6ZeroCsumTx', true], ['noudp6zerocsumtx', 'udp6ZeroCsumTx', false],
  ['udp6zerocsumrx', 'udp6ZeroCsumRx', true], ['noudp6zerocsumrx', 'udp6ZeroCsumRx', false],
];

function parseGeneve(words: Words, env: KindWordsEnv): KindWords<GeneveOptions> {
  const r: Partial<GeneveOptions> = {};
  const seen = new Set<string>();
  const once = (attr: string, key: string, v: string): void => {
    if (seen.has(attr)) throw duparg2(key, v);
    seen.add(attr);
  };
  for (; !words.done; words.skip()) {
    const w = words.cur;
    const sw = SWITCHES.find(([word]) => matches(w, word));
    if (matches(w, 'id') || matches(w, 'vni')) {
      const v = words.next();
      once('id', 'id', v);
      const n = parseUnsigned(v);
      if (n === undefined || n >= 1 << 24) throw invarg('invalid id', v);
      r.id = n;
    } else if (matches(w, 'remote')) {
      const v = words.next();
      once('remote', 'remote', v);
      const a = getAddr(v, AF_UNSPEC);
      const multi = a.family === AF_INET ? a.bytes[0]! >= 224 && a.bytes[0]! <= 239 : a.bytes[0] === 0xff;
      if (a.any || multi) throw invarg('invalid remote address', v);
      r.remote = a.text;
    } else if (matches(w, 'ttl') || matches(w, 'hoplimit')) {
      const v = words.next();
      once('ttl', 'ttl', v);
      if (v === 'inherit' || v === 'auto') r.ttl = v;
      else {
        const n = parseUnsigned(v);
        if (n === undefined) throw invarg('invalid TTL', v);
        if (n > 255) throw invarg('TTL must be <= 255', v);
        r.ttl = n;
      }
    } else if (matches(w, 'tos') || matches(w, 'dsfield')) {
      const v = words.next();
      once('tos', 'tos', v);
      const n = v === 'inherit' ? 'inherit' : dsfieldNumber(v);
      if (n === undefined) throw invarg('bad TOS value', v);
      r.tos = n;
    } else if (matches(w, 'df')) {
      const v = words.next();
      once('df', 'df', v);
      if (v !== 'unset' && v !== 'set' && v !== 'inherit') throw invarg("DF must be 'unset', 'set' or 'inherit'", v);
      r.df = v;
    } else if (matches(w, 'label') || matches(w, 'flowlabel')) {
      const v = words.next();
      once('label', 'flowlabel', v);
      const n = parseUnsigned(v);
      if (n === undefined || n > 0xfffff) throw invarg('invalid flowlabel', v);
      r.flowlabel = n;
    } else if (matches(w, 'dstport')) {
      const v = words.next();
      once('dstport', 'dstport', v);
      const n = parseUnsigned(v, 0xffff);
      if (n === undefined) throw invarg('dstport', v);
      r.dstport = n;
    } else if (sw) {
      once(sw[1], w, w);
      r[sw[1]] = sw[2];
    } else if (w === 'innerprotoinherit') {
      once('innerprotoinherit', w, w);
      r.innerProtoInherit = true;
    } else if (matches(w, 'help')) {
      throw new CliFailure(explain(), 1);
    } else {
      throw new CliFailure(`geneve: unknown command "${w}"?\n${explain()}`, 1);
    }
  }
  if (r.external && r.id !== undefined) throw new CliFailure("geneve: both 'external' and vni cannot be specified", 1);
  if (!r.external) {
    if (r.id === undefined) throw new CliFailure('geneve: missing virtual network identifier', 1);
    if (env.op === 'add' && r.remote === undefined) throw new CliFailure('geneve: remote link partner not specified', 1);
  }
  return { options: r };
}

function printGeneve(p: Printer, d: GeneveInfo): void {
  if (d.collectMetadata) p.bool('any', 'external', 'external ', true);
  if (d.id !== undefined) p.uint('any', 'id', 'id %u ', d.id);
  if (d.remote !== undefined) {
    if (d.remote !== '0.0.0.0') p.string('any', 'remote', 'remote %s ', d.remote);
  } else if (d.remote6 !== undefined && d.remote6 !== '::' && !d.remote6.toLowerCase().startsWith('ff')) {
    p.string('any', 'remote6', 'remote %s ', d.remote6);
  }
  if (d.ttlInherit) {
    p.string('fp', null, 'ttl %s ', 'inherit');
  } else if (d.ttl !== undefined) {
    if (p.json || d.ttl) p.uint('any', 'ttl', 'ttl %u ', d.ttl);
    else p.string('fp', null, 'ttl %s ', 'auto');
  }
  const tos = d.tos ?? 0;
  if (tos) {
    if (p.json || tos !== 1) p.hex0x('any', 'tos', 'tos %#llx ', tos);
    else p.string('fp', null, 'tos %s ', 'inherit');
  }
  if (d.df !== undefined) {
    if (d.df === 0) p.string('json', 'df', 'df %s ', 'unset');
    else if (d.df === 1) p.string('any', 'df', 'df %s ', 'set');
    else if (d.df === 2) p.string('any', 'df', 'df %s ', 'inherit');
  }
  if (d.label) p.hex0x('any', 'label', 'flowlabel %#llx ', d.label);
  if (d.port !== undefined) p.uint('any', 'port', 'dstport %u ', d.port);
  const csum = (key: string, word: string, v: number | undefined): void => {
    if (v === undefined) return;
    if (p.json) p.bool('json', key, null, v !== 0);
    else p.text(`${v ? '' : 'no'}${word} `);
  };
  csum('udp_csum', 'udpcsum', d.udpCsum);
  csum('udp_zero_csum6_tx', 'udp6zerocsumtx', d.udpZeroCsum6Tx);
  csum('udp_zero_csum6_rx', 'udp6zerocsumrx', d.udpZeroCsum6Rx);
  if (d.innerProtoInherit) p.bool('any', 'inner_proto_inherit', 'innerprotoinherit ', true);
}

export const geneveCli: CliKind<'geneve'> = {
  parse: parseGeneve,
  print: printGeneve,
  help: HELP,
};
