/** The u32 filter's printer (tc/f_u32.c u32_print_opt, its key printers and sprint_u32_handle). */
import {
  ETH_P_IP, ETH_P_IPV6, formatClassid, TC_U32_EAT, TC_U32_HASH, TC_U32_HTID, TC_U32_NODE, TC_U32_OFFSET, TC_U32_TERMINAL,
  TC_U32_VAROFFSET, type TcU32Key, type U32Options,
} from '../../../rtnl/tc/index.js';
import type { Printer } from '../../printer.js';
import { printActions } from '../actions/index.js';
import { printClsFlags, type FilterPlug, type FilterPrintEnv } from './plug.js';

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

/** get_u32_handle: `HT:[BKT[:NODE]]` in hex, or `0x...`; undefined when tc says "Illegal filter ID". */
export function parseU32Handle(text: string): number | undefined {
  const hexPart = (s: string, max: number): number | undefined => {
    const m = /^[0-9a-fA-F]*/.exec(s)![0];
    const n = m ? parseInt(m, 16) : 0;
    return n < max ? n : undefined;
  };
  if (!text.includes(':')) return /^0x[0-9a-fA-F]+$/i.test(text) && text.length <= 10 ? parseInt(text, 16) : undefined;
  const parts = text.split(':');
  if (parts.length > 3) return undefined;
  // strtoul stops at the first non-hex character; tc refuses only a part that is neither empty nor hex
  const [a = '', b = '', c = ''] = parts;
  for (const part of [a, b, c]) if (part && !/^[0-9a-fA-F]/.test(part)) return undefined;
  for (const part of [a, b]) if (part && !/^[0-9a-fA-F]+$/.test(part)) return undefined;
  const ht = hexPart(a, 0x1000);
  const bkt = hexPart(b, 0x100);
  const node = hexPart(c, 0x1000);
  if (ht === undefined || bkt === undefined || node === undefined) return undefined;
  return ((ht << 20) | (bkt << 12) | node) >>> 0;
}
