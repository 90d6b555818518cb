/** The u32 filter's printer (tc/f_u32.c u32_print_opt, its key printers and sprint_u32_handle). */
import {
  ETH_P_IP, ETH_P_IPV6, formatClassid, TC_U32_EAT, TC_U32_HASH, TC_U32_HTID, TC_U32_NODE, TC_U32_OFFSET, TC_U32_TERMINAL,
  TC_U32_VAROFFSET, type TcU32Key, type U32Options,
} from '../../../rtnl/tc/index.js';
import type { Printer } from '../../printer.js';
import { printActions } from '../actions/index.js';
import { printClsFlags, type FilterPlug, type FilterPrintEnv } from './plug.js';
import { parseU32Handle, u32Selector, type U32FilterOptions, type U32Match } from '../../../api/tc/filters/u32.js';
import type { ActionSpec } from '../../../api/tc/index.js';
import { parseClassid } from '../../../rtnl/tc/index.js';
import { CliExit, CliFailure } from '../../errors.js';
import { matches, type Words } from '../../words.js';
import { getInteger, getU32 } from '../numbers.js';

export { parseU32Handle };

/** sprint_u32_handle: `HT:BKT:NODE` with empty parts left out ("800:", "800::800"), "none" for 0. */
export function formatU32Handle(h: number, raw = false): string {
  h >>>= 0;
  if (h === 0) return 'none';
  let s = '';
  const htid = TC_U32_HTID(h);
  const hash = TC_U32_HASH(h);
  const node = TC_U32_NODE(h);
  if (htid) s += `${(htid >>> 20).toString(16)}:`;
  if (node | hash) {
    if (hash) s += hash.toString(16);
    if (node) s += `:${node.toString(16)}`;
  }
  if (raw) s += `[${h.toString(16).padStart(8, '0')}]`;
  return s;
}

/** mask2bits: the prefix length of a contiguous netmask, -1 otherwise. */
function maskBits(mask: number): number {
  const host = ~mask >>> 0;
  if (((host & (host + 1)) >>> 0) !== 0) return -1;
  let bits = 0;
  for (let m = mask >>> 0; m; m = (m << 1) >>> 0) bits++;
  return bits;
}

const ipv4 = (v: number): string => [v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff].join('.');

/** print_raw: `match VAL/MASK at [nexthdr+]OFF`. */
function printRaw(p: Printer, k: TcU32Key): void {
  p.openObject('match');
  p.nl();
  p.hex('any', 'value', '  match %08x', k.val >>> 0);
  p.hex('any', 'mask', '/%08x ', k.mask >>> 0);
  p.string('any', 'offmask', 'at %s', k.offmask ? 'nexthdr+' : '');
  p.int('any', 'off', '%d', k.off);
  p.closeObject();
}

/** print_ipv4 / print_ipv6 (-p): IP header fields by name; a key of no known field prints nothing. */
function printIp(p: Printer, k: TcU32Key, v6: boolean): void {
  const mask = k.mask >>> 0;
  const val = k.val >>> 0;
  p.openObject('match');
  if (k.off === 0 && mask === 0x0f000000) {
    p.nl();
    p.uint('any', 'ip_ihl', '  match IP ihl %u', val >>> 24);
  } else if (k.off === 0 && mask === 0x00ff0000) {
    p.nl();
    p.hex0x('any', 'ip_dsfield', '  match IP dsfield %#x', val >>> 16);
  } else if (k.off === 8 && mask === 0x00ff0000) {
    p.nl();
    p.int('any', 'ip_protocol', '  match IP protocol %d', val >>> 16);
  } else if ((k.off === 12 || k.off === 16) && maskBits(mask) >= 0) {
    p.nl();
    p.null('fp', null, k.off === 12 ? '  match IP src ' : '  match IP dst ', null);
    p.openObject(k.off === 12 ? 'src' : 'dst');
    p.string('any', 'address', '%s', ipv4(val));
    p.int('any', 'prefixlen', '/%d', maskBits(mask));
    p.closeObject();
  } else if (k.off === 20 && mask === 0x0000ffff) {
    if (v6) p.nl();
    p.uint('any', v6 ? 'sport' : 'dport', v6 ? '  match sport %u' : 'match dport %u', val & 0xffff);
  } else if (k.off === 20 && mask === 0xffff0000) {
    if (!v6) p.nl();
    p.uint('any', v6 ? 'dport' : 'sport', v6 ? 'match dport %u' : '  match sport %u', val >>> 16);
  } else if (k.off === 20 && mask === 0xffffffff) {
    p.nl();
    if (v6) {
      p.uint('any', 'sport', '  match sport %u, ', val & 0xffff);
      p.uint('any', 'dport', 'match dport %u', val >>> 16);
    } else {
      p.uint('any', 'dport', '  match dport %u, ', val & 0xffff);
      p.uint('any', 'sport', 'match sport %u', val >>> 16);
    }
  }
  p.closeObject();
}

function print(p: Printer, o: U32Options, env: FilterPrintEnv): void {
  const h = env.handle >>> 0;
  const sel = o.sel;
  if (h) p.string('any', 'fh', 'fh %s ', formatU32Handle(h, env.raw > 0));
  if (TC_U32_NODE(h)) p.int('any', 'order', 'order %d ', TC_U32_NODE(h));
  if (o.divisor !== undefined) p.int('any', 'ht_divisor', 'ht divisor %d ', o.divisor);
  else if (o.hash !== undefined) {
    p.hex('any', 'key_ht', 'key ht %x ', TC_U32_HTID(o.hash) >>> 20);
    p.hex('any', 'bkt', 'bkt %x ', TC_U32_HASH(o.hash));
  } else env.err('divisor and hash missing ');
  if (o.classid !== undefined) {
    if (sel && sel.flags & TC_U32_TERMINAL) p.string('fp', null, '*', null);
    p.string('any', 'flowid', 'flowid %s ', formatClassid(o.classid));
  } else if (sel && sel.flags & TC_U32_TERMINAL) p.string('fp', null, 'terminal flowid ', null);
  if (o.link !== undefined) p.string('any', 'link', 'link %s ', formatU32Handle(o.link, env.raw > 0));
  if (o.flags !== undefined) printClsFlags(p, o.flags, (w) => `${w} `);
  const pf = o.pcnt;
  if (sel && env.stats && pf) {
    p.uint('any', 'rule_hit', '(rule hit %llu ', pf.rcnt);
    p.uint('any', 'success', 'success %llu)', pf.rhit);
  }
  if (o.mark) {
    p.nl();
    p.hex0x('any', 'fwmark_value', '  mark 0x%04x ', o.mark.val);
    p.hex0x('any', 'fwmark_mask', '0x%04x ', o.mark.mask);
    p.int('any', 'fwmark_success', '(success %d)', o.mark.success | 0);
  }
  if (sel) {
    const pretty = env.pretty && (env.protocol === ETH_P_IP || env.protocol === ETH_P_IPV6);
    sel.keys.forEach((k, i) => {
      if (pretty) printIp(p, k, env.protocol === ETH_P_IPV6);
      else printRaw(p, k);
      if (env.stats && pf) p.uint('any', 'success', ' (success %llu ) ', pf.kcnts[i] ?? 0n);
    });
    if (sel.flags & (TC_U32_VAROFFSET | TC_U32_OFFSET)) {
      p.nl();
      p.string('any', null, '%s', '    offset ');
      if (sel.flags & TC_U32_VAROFFSET) {
        p.hex('any', 'offset_mask', '%04x', sel.offmask);
        p.int('any', 'offset_shift', '>>%d ', sel.offshift);
        p.int('any', 'offset_off', 'at %d ', sel.offoff);
      }
      if (sel.off) p.int('any', 'plus', 'plus %d ', sel.off);
    }
    if (sel.flags & TC_U32_EAT) p.string('any', null, '%s', ' eat ');
    if (sel.hmask) {
      p.nl();
      p.hex('any', 'hash_mask', '    hash mask %08x ', sel.hmask >>> 0);
      p.int('any', 'hash_off', 'at %d ', sel.hoff);
    }
  }
  if (o.police) env.err('rtnl-ts: an old-style u32 police is not printed');
  if (o.indev !== undefined) {
    p.nl();
    p.string('any', 'input_dev', '  input dev %s', o.indev);
    p.nl();
  }
  if (o.actions) printActions(p, o.actions, env, true, env.err);
}

export const u32Plug: FilterPlug<'u32'> = { print };

const USAGE = 'Usage: ... u32 [ match SELECTOR ... ] [ link HTID ] [ classid CLASSID ]\n               [ action ACTION_SPEC ] [ offset OFFSET_SPEC ]\n               [ ht HTID ] [ hashkey HASHKEY_SPEC ]\n               [ sample SAMPLE ] [skip_hw | skip_sw]\nor         u32 divisor DIVISOR\n\nWhere: SELECTOR := SAMPLE SAMPLE ...\n       SAMPLE := { ip | ip6 | udp | tcp | icmp | u{32|16|8} | mark }\n                 SAMPLE_ARGS [ divisor DIVISOR ]\n       FILTERID := X:Y:Z\n\nNOTE: CLASSID is parsed at hexadecimal input.';

/** Not one of tc's u32 selectors rtnl-ts reads (ip6, tcp, udp, icmp, mark, ether). */
const OTHER_SAMPLES = ['ip6', 'udp', 'tcp', 'icmp', 'mark', 'ether'];

/**
 * parse_selector for the samples the API types: `u32|u16|u8 VAL MASK [at [nexthdr+]OFF]` and
 * `ip src|dst PREFIX`, `ip tos|dsfield|precedence|ihl|protocol|sport|dport|icmp_type|icmp_code VAL MASK`.
 * The cursor is on the sample word; returns undefined where tc says 'Illegal "match"'.
 */
function selector(words: Words): U32Match | undefined {
  const w = words.cur;
  const sized = (size: 32 | 16 | 8): U32Match | undefined => {
    if (words.left < 3) return undefined; // parse_u32: argc < 2 after NEXT_ARG
    const value = getU32(words.next());
    const mask = getU32(words.next(), 16);
    words.skip();
    if (value === undefined || mask === undefined) return undefined;
    const m: U32Match = { size, value, mask };
    if (!words.done && words.cur === 'at') {
      let t = words.next();
      let nexthdr = false;
      if (t.length > 8 && t.startsWith('nexthdr+')) {
        nexthdr = true;
        t = t.slice(8);
      } else if (matches(t, 'nexthdr+')) {
        nexthdr = true;
        t = words.next();
      }
      const at = getInteger(t);
      if (at === undefined) return undefined;
      words.skip();
      m.at = at;
      if (nexthdr) m.nexthdr = true;
    }
    if ((size === 16 && (value > 0xffff || mask > 0xffff)) || (size === 8 && (value > 0xff || mask > 0xff))) return undefined;
    return m;
  };
  if (matches(w, 'u32')) return sized(32);
  if (matches(w, 'u16')) return sized(16);
  if (matches(w, 'u8')) return sized(8);
  if (matches(w, 'ip')) {
    const f = words.next();
    if (words.left < 2) return undefined;
    if (f === 'src' || f === 'dst') {
      const prefix = words.next();
      words.skip();
      if (!words.done && words.cur === 'at') throw new CliFailure('rtnl-ts: u32 "match ip src|dst PREFIX at OFFSET" is not supported by rtnl-ts', 1);
      const r = /^\d{1,3}(\.\d{1,3}){3}(?:\/(\d{1,2}))?$/.exec(prefix);
      if (!r || prefix.split(/[./]/).slice(0, 4).some((x) => Number(x) > 255) || Number(r[2] ?? 32) > 32) return undefined;
      return { ip: f, prefix };
    }
    const field = f === 'tos' || matches(f, 'dsfield') || matches(f, 'precedence') ? 'tos'
      : (['ihl', 'protocol', 'dport', 'sport', 'icmp_type', 'icmp_code'] as const).find((x) => x === f);
    if (field === undefined) return undefined;
    const m = sized(field === 'sport' || field === 'dport' ? 16 : 8);
    if (!m || 'ip' in m || m.at !== undefined) return undefined;
    return { ip: field, value: m.value, mask: m.mask };
  }
  if (OTHER_SAMPLES.some((s) => matches(w, s))) throw new CliFailure(`rtnl-ts: u32 "match ${w}" is not supported by rtnl-ts (match ip, u32, u16, u8)`, 1);
  return undefined;
}

/** u32_parse_opt: the words after `u32` into the API's options, in tc's order and with its messages. */
export function parseU32(words: Words, handleWord: string | undefined, actions: (out: ActionSpec[]) => void): { handle?: number; options: Partial<U32FilterOptions> } {
  const o: Partial<U32FilterOptions> = {};
  let handle: number | undefined;
  if (handleWord !== undefined) {
    handle = parseU32Handle(handleWord);
    if (handle === undefined) throw new CliFailure('Illegal filter ID', 1);
  }
  const need = (): string => {
    if (words.left < 2) throw new CliExit('Command line is not complete. Try option "help"');
    return words.next();
  };
  while (!words.done) {
    const w = words.cur;
    if (matches(w, 'match')) {
      need();
      const m = selector(words);
      if (!m) throw new CliFailure('Illegal "match"', 1);
      (o.match ??= []).push(m);
      try {
        u32Selector(o.match); // pack_key refuses a key that conflicts with an earlier one
      } catch {
        throw new CliFailure('Illegal "match"', 1);
      }
      continue;
    } else if (matches(w, 'classid') || w === 'flowid') {
      const h = parseClassid(need());
      if (h === undefined) throw new CliFailure('Illegal "classid"', 1);
      o.classid = h;
    } else if (matches(w, 'divisor')) {
      const d = getU32(need());
      if (d === undefined || d === 0 || d > 0x100 || (d - 1) & d) throw new CliFailure('Illegal "divisor"', 1);
      o.divisor = d;
    } else if (matches(w, 'order')) {
      const n = getU32(need());
      if (n === undefined) throw new CliFailure('Illegal "order"', 1);
      if (n > 0xfff) throw new CliFailure(`rtnl-ts: u32 order ${n} is more than a node number (0xfff)`, 1);
      o.order = n;
    } else if (w === 'link') {
      const l = parseU32Handle(need());
      if (l === undefined) throw new CliFailure('Illegal "link"', 1);
      if (l && l & 0xfff) throw new CliFailure('"link" must be a hash table.', 1);
      o.link = l;
    } else if (w === 'ht') {
      const ht = parseU32Handle(need());
      if (ht === undefined) throw new CliFailure('Illegal "ht"', 1);
      if (handleWord !== undefined && ht & 0xfff) throw new CliFailure('"ht" must be a hash table.', 1);
      o.ht = ht;
    } else if (w === 'indev') {
      if (words.left < 2) throw new CliFailure('Illegal indev', 1);
      o.indev = words.next().slice(0, 16);
    } else if (matches(w, 'action')) {
      need();
      actions((o.actions ??= []));
      continue;
    } else if (w === 'skip_hw') o.skipHw = true;
    else if (w === 'skip_sw') o.skipSw = true;
    else if (w === 'help') throw new CliFailure(USAGE, 1);
    else if (matches(w, 'offset') || matches(w, 'hashkey') || w === 'sample' || matches(w, 'police')) {
      throw new CliFailure(`rtnl-ts: u32 "${w}" is not supported by rtnl-ts`, 1);
    } else throw new CliFailure(`What is "${w}"?\n${USAGE}`, 1);
    words.skip();
  }
  if (o.skipHw && o.skipSw) throw new CliFailure('skip_hw and skip_sw are mutually exclusive', 1);
  if (o.order !== undefined && handle !== undefined && handle & 0xfff && o.order !== (handle & 0xfff)) throw new CliFailure('"order" contradicts "handle"', 1);
  return { ...(handle !== undefined ? { handle } : {}), options: o };
}
