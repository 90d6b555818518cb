/** `type vxlan` words (ip/iplink_vxlan.c vxlan_parse_opt) and its `-d` details (vxlan_print_opt). */
import type { VxlanOptions } from '../../api/kinds/index.js';
import type { VxlanInfo } from '../../rtnl/link/index.js';
import { AF_INET, AF_UNSPEC } from '../../rtnl/common.js';
import { CliExit, CliFailure, duparg2, invarg } from '../errors.js';
import { dsfieldNumber } from '../rt-names.js';
import { getAddr } from '../route.js';
import type { Names } from '../names.js';
import { parseUnsigned } from '../numbers.js';
import type { Printer } from '../printer.js';
import { nameToIndex } from '../resolve.js';
import { renameProgram } from '../usage.js';
import { matches, type Words } from '../words.js';
import type { CliKind, KindWords, KindWordsEnv } from './plug.js';

const HELP = renameProgram("Usage: ... vxlan id VNI\n\t\t[ { group | remote } IP_ADDRESS ]\n\t\t[ local ADDR ]\n\t\t[ ttl TTL ]\n\t\t[ tos TOS ]\n\t\t[ df DF ]\n\t\t[ flowlabel LABEL ]\n\t\t[ dev PHYS_DEV ]\n\t\t[ dstport PORT ]\n\t\t[ srcport MIN MAX ]\n\t\t[ [no]learning ]\n\t\t[ [no]proxy ]\n\t\t[ [no]rsc ]\n\t\t[ [no]l2miss ]\n\t\t[ [no]l3miss ]\n\t\t[ ageing SECONDS ]\n\t\t[ maxaddress NUMBER ]\n\t\t[ [no]udpcsum ]\n\t\t[ [no]udp6zerocsumtx ]\n\t\t[ [no]udp6zerocsumrx ]\n\t\t[ [no]remcsumtx ] [ [no]remcsumrx ]\n\t\t[ [no]external ] [ gbp ] [ gpe ]\n\t\t[ [no]vnifilter ]\n\nWhere:\tVNI\t:= 0-16777215\n\tADDR\t:= { IP_ADDRESS | any }\n\tTOS\t:= { NUMBER | inherit }\n\tTTL\t:= { 1..255 | auto | inherit }\n\tDF\t:= { unset | set | inherit }\n\tLABEL := 0-1048575\n");

type Bit = 'proxy' | 'rsc' | 'l2miss' | 'l3miss' | 'udpCsum' | 'udp6ZeroCsumTx' | 'udp6ZeroCsumRx' | 'remcsumTx' | 'remcsumRx';

/** The [no]WORD switches after `learning`, in ip's order of matching: word, option, value. */
const SWITCHES: readonly (readonly [string, Bit, boolean])[] = [
  ['noproxy', 'proxy', false], ['proxy', 'proxy', true], ['norsc', 'rsc', false], ['rsc', 'rsc', true],
  ['nol2miss', 'l2miss', false], ['l2miss', 'l2miss', true], ['nol3miss', 'l3miss', false], ['l3miss', 'l3miss', true],
  ['udpcsum', 'udpCsum', true], ['noudpcsum', 'udpCsum', false],
  ['udp6zerocsumtx', 'udp6ZeroCsumTx', true], ['noudp6zerocsumtx', 'udp6ZeroCsumTx', false],
  ['udp6zerocsumrx', 'udp6ZeroCsumRx', true], ['noudp6zerocsumrx', 'udp6ZeroCsumRx', false],
  ['remcsumtx', 'remcsumTx', true], ['noremcsumtx', 'remcsumTx', false],
  ['remcsumrx', 'remcsumRx', true], ['noremcsumrx', 'remcsumRx', false],
];

const explain = (): string => HELP.replace(/\n$/, '');

/**
 * vxlan's words (vxlan_parse_opt), into options in word order: the API writes them in ip's
 * order. `dev` is looked up as it is read, as ip does (its error comes before the dstport
 * warning); addresses are read as get_addr reads them, each in the other's family once one is known.
 */
async function parseVxlan(words: Words, env: KindWordsEnv): Promise<KindWords<VxlanOptions>> {
  const r: Partial<VxlanOptions> = {};
  const seen = new Set<string>();
  // check_duparg: one bit per attribute, named by the word of the second use
  const once = (attr: string, key: string, v: string): void => {
    if (seen.has(attr)) throw duparg2(key, v);
    seen.add(attr);
  };
  // get_addr(&daddr, word, saddr.family) and the reverse: one family once either is known
  let localFamily = AF_UNSPEC;
  let peerFamily = AF_UNSPEC;
  let peer: 'group' | 'remote' | undefined;
  const addr = (v: string, family: number): { text: string; family: number; multi: boolean } | undefined => {
    const a = getAddr(v, family);
    if (a.any) return undefined; // no address type: ip refuses it as invalid
    return { text: a.text, family: a.family, multi: a.family === AF_INET ? a.bytes[0]! >= 224 && a.bytes[0]! <= 239 : a.bytes[0] === 0xff };
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
    } else if (matches(w, 'group') || matches(w, 'remote')) {
      const group = matches(w, 'group');
      if (peer !== undefined && (peer === 'group') !== group) throw new CliFailure('vxlan: both group and remote cannot be specified', 1);
      const v = words.next();
      once('group', group ? 'group' : 'remote', v);
      const a = addr(v, localFamily);
      if (!a || a.multi !== group) throw invarg(group ? 'invalid group address' : 'invalid remote address', v);
      peerFamily = a.family;
      peer = group ? 'group' : 'remote';
      r.remote = a.text;
    } else if (matches(w, 'local')) {
      const v = words.next();
      once('local', 'local', v);
      const a = addr(v, peerFamily);
      if (!a || a.multi) throw invarg('invalid local address', v);
      localFamily = a.family;
      r.local = a.text;
    } else if (matches(w, 'dev')) {
      const v = words.next();
      once('dev', 'dev', v);
      const idx = await nameToIndex(env.ip, v);
      if (!idx) throw new CliExit(`Cannot find device "${v}"`);
      r.dev = idx;
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
    } else if (matches(w, 'ageing')) {
      const v = words.next();
      once('ageing', 'ageing', v);
      const n = v === 'none' ? 0 : parseUnsigned(v);
      if (n === undefined) throw invarg('ageing timer', v);
      r.ageing = n;
    } else if (matches(w, 'maxaddress')) {
      const v = words.next();
      once('limit', 'maxaddress', v);
      const n = v === 'unlimited' ? 0 : parseUnsigned(v);
      if (n === undefined) throw invarg('max addresses', v);
      r.maxaddress = n;
    } else if (matches(w, 'port') || matches(w, 'srcport')) {
      const lo = words.next();
      once('srcport', 'srcport', lo);
      const low = parseUnsigned(lo, 0xffff);
      if (low === undefined) throw invarg('min port', lo);
      const hi = words.next();
      const high = parseUnsigned(hi, 0xffff);
      if (high === undefined) throw invarg('max port', hi);
      r.srcport = [low, high];
    } else if (matches(w, 'dstport')) {
      const v = words.next();
      once('dstport', 'dstport', v);
      const n = parseUnsigned(v, 0xffff);
      if (n === undefined) throw invarg('dst port', v);
      r.dstport = n;
    } else if (matches(w, 'nolearning') || matches(w, 'learning')) {
      once('learning', w, w);
      r.learning = !matches(w, 'nolearning');
    } else if (sw) {
      once(sw[1], w, w);
      r[sw[1]] = sw[2];
    } else if (matches(w, 'external') || matches(w, 'noexternal')) {
      once('external', w, w);
      r.external = matches(w, 'external');
      // ip turns learning off as it reads `external`: a `learning` before it is undone
      if (r.external && r.learning !== undefined) r.learning = false;
    } else if (matches(w, 'gbp')) {
      once('gbp', w, w);
      r.gbp = true;
    } else if (matches(w, 'gpe')) {
      once('gpe', w, w);
      r.gpe = true;
    } else if (w === 'vnifilter' || w === 'novnifilter') {
      once('vnifilter', w, w);
      r.vnifilter = w === 'vnifilter';
    } else if (matches(w, 'help')) {
      throw new CliFailure(explain(), 1);
    } else {
      throw new CliFailure(`vxlan: unknown command "${w}"?\n${explain()}`, 1);
    }
  }
  if (!r.external && r.vnifilter) throw new CliFailure("vxlan: vnifilter is valid only when 'external' is set", 1);
  if (r.external && r.id !== undefined) throw new CliFailure("vxlan: both 'external' and vni cannot be specified", 1);
  if (!r.external && !r.vnifilter && r.id === undefined && env.op === 'add') throw new CliFailure('vxlan: missing virtual network identifier', 1);
  if (peer === 'group' && r.dev === undefined) throw new CliFailure("vxlan: 'group' requires 'dev' to be specified", 1);
  if (r.dstport === undefined && !r.gpe && env.op === 'add') {
    return {
      options: r,
      warning: 'vxlan: destination port not specified\nWill use Linux kernel default (non-standard value)\n'
        + "Use 'dstport 4789' to get the IANA assigned value\nUse 'dstport 0' to get default and quiet this message",
    };
  }
  return { options: r };
}

function isMulticast4(a: string): boolean {
  const first = Number(a.split('.')[0]);
  return first >= 224 && first <= 239;
}

function printVxlan(p: Printer, d: VxlanInfo, names: Names): void {
  if (d.collectMetadata) p.bool('any', 'external', 'external ', true);
  if (d.vnifilter) p.bool('any', 'vnifilter', 'vnifilter', true);
  if (d.id !== undefined) p.uint('any', 'id', 'id %u ', d.id);
  if (d.group !== undefined) {
    if (d.group !== '0.0.0.0') {
      if (isMulticast4(d.group)) p.string('any', 'group', 'group %s ', d.group);
      else p.string('any', 'remote', 'remote %s ', d.group);
    }
  } else if (d.group6 !== undefined && d.group6 !== '::') {
    if (d.group6.toLowerCase().startsWith('ff')) p.string('any', 'group6', 'group %s ', d.group6);
    else p.string('any', 'remote6', 'remote %s ', d.group6);
  }
  if (d.local !== undefined) {
    if (d.local !== '0.0.0.0') p.string('any', 'local', 'local %s ', d.local);
  } else if (d.local6 !== undefined && d.local6 !== '::') {
    p.string('any', 'local6', 'local %s ', d.local6);
  }
  if (d.link) p.string('any', 'link', 'dev %s ', names.name(d.link));
  if (d.portRange) {
    if (p.json) {
      p.openObject('port_range');
      p.uint('json', 'low', null, d.portRange.low);
      p.uint('json', 'high', null, d.portRange.high);
      p.closeObject();
    } else {
      p.text('srcport %u %u ', d.portRange.low, d.portRange.high);
    }
  }
  if (d.port !== undefined) p.uint('any', 'port', 'dstport %u ', d.port);
  if (d.learning !== undefined) {
    p.bool('json', 'learning', null, d.learning !== 0);
    if (!d.learning) p.bool('fp', null, 'nolearning ', true);
  }
  if (d.proxy) p.bool('any', 'proxy', 'proxy ', true);
  if (d.rsc) p.bool('any', 'rsc', 'rsc ', true);
  if (d.l2miss) p.bool('any', 'l2miss', 'l2miss ', true);
  if (d.l3miss) p.bool('any', 'l3miss', 'l3miss ', true);
  const tos = d.tos ?? 0;
  if (tos) {
    if (p.json || tos !== 1) p.hex0x('any', 'tos', 'tos %#llx ', tos);
    else p.string('fp', null, 'tos %s ', 'inherit');
  }
  if (d.ttlInherit) {
    p.string('fp', null, 'ttl %s ', 'inherit');
  } else if (d.ttl !== undefined) {
    if (p.json || d.ttl) p.uint('any', 'ttl', 'ttl %u ', d.ttl);
    else p.string('fp', null, 'ttl %s ', 'auto');
  }
  if (d.df !== undefined) {
    if (d.df === 0) p.string('json', 'df', 'df %s ', 'unset');
    else if (d.df === 1) p.string('any', 'df', 'df %s ', 'set');
    else if (d.df === 2) p.string('any', 'df', 'df %s ', 'inherit');
  }
  if (d.label) p.hex0x('any', 'label', 'flowlabel %#llx ', d.label);
  if (d.ageing !== undefined) {
    if (d.ageing === 0) p.uint('any', 'ageing', 'ageing none ', 0);
    else p.uint('any', 'ageing', 'ageing %u ', d.ageing);
  }
  if (d.limit) p.uint('any', 'limit', 'maxaddr %u ', d.limit);
  const csum = (key: string, word: string, v: number | undefined): void => {
    if (v === undefined) return;
    if (p.json) p.bool('any', key, null, v !== 0);
    else p.text(`${v ? '' : 'no'}${word} `);
  };
  csum('udp_csum', 'udpcsum', d.udpCsum);
  csum('udp_zero_csum6_tx', 'udp6zerocsumtx', d.udpZeroCsum6Tx);
  csum('udp_zero_csum6_rx', 'udp6zerocsumrx', d.udpZeroCsum6Rx);
  if (d.remcsumTx) p.bool('any', 'remcsum_tx', 'remcsumtx ', true);
  if (d.remcsumRx) p.bool('any', 'remcsum_rx', 'remcsumrx ', true);
  if (d.gbp) p.bool('any', 'gbp', 'gbp ', true);
  if (d.gpe) p.bool('any', 'gpe', 'gpe ', true);
}

export const vxlanCli: CliKind<'vxlan'> = {
  parse: parseVxlan,
  print: printVxlan,
  help: HELP,
};
