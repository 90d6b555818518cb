/** `htb` words of a qdisc and of a class (tc/q_htb.c) and its printers. */
import type { HtbClassOptions, HtbOptions } from '../../../api/tc/qdiscs/index.js';
import { xmitsize } from '../../../api/tc/core.js';
import { getU16, getU32 } from '../numbers.js';
import { TC_LINKLAYER_ETHERNET, TC_LINKLAYER_MASK, type HtbOptions as HtbData, type HtbXstats } from '../../../rtnl/tc/index.js';
import { sprintf } from '../../format.js';
import type { Printer } from '../../printer.js';
import { matches, type Words } from '../../words.js';
import { linklayerWord, parseFailure, rate64Word, sizeCellWord, type Err } from '../args.js';
import type { TcPrintEnv } from '../context.js';
import { linklayerName, sprintRate, sprintSize } from '../units.js';
import type { QdiscPlug, TcWordsEnv } from './plug.js';
import { size } from './tbf.js';

const USAGE = 'Usage: ... qdisc add ... htb [default N] [r2q N]\n                      [direct_qlen P] [offload]\n default  minor id of class to which unclassified packets are sent {0}\n r2q      DRR quantums are computed as rate in Bps/r2q {10}\n debug    string of 16 numbers each 0-3 {0}\n\n direct_qlen  Limit of the direct queue {in packets}\n offload  enable hardware offload\n... class add ... htb rate R1 [burst B1] [mpu B] [overhead O]\n                      [prio P] [slot S] [pslot PS]\n                      [ceil R2] [cburst B2] [mtu MTU] [quantum Q]\n rate     rate allocated to this class (class can still borrow)\n burst    max bytes burst which can be accumulated during idle period {computed}\n mpu      minimum packet size used in rate computations\n overhead per-packet size overhead used in rate computations\n linklay  adapting to a linklayer e.g. atm\n ceil     definite upper class rate (no borrows) {rate}\n cburst   burst but for ceil {computed}\n mtu      max packet size we create rate map for {1600}\n prio     priority of leaf; lower are served first {0}\n quantum  how much bytes to serve from leaf at once {use r2q}\n\nTC HTB version 3.3';

const illegal = (arg: string, err: Err = []): Error => parseFailure(err, `Illegal "${arg}"`, USAGE);

function parse(words: Words): Partial<HtbOptions> {
  const o: Partial<HtbOptions> = {};
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (matches(w, 'r2q')) {
      const n = getU32(words.next(), 10);
      if (n === undefined) throw illegal('r2q');
      o.r2q = n;
    } else if (matches(w, 'default')) {
      const n = getU32(words.next(), 16);
      if (n === undefined) throw illegal('default');
      o.default = n;
    } else if (matches(w, 'debug')) {
      const v = words.next();
      let debug = 0;
      for (let i = 0; i < 16 && i < v.length && v[i]! >= '0' && v[i]! <= '3'; i++) debug |= (v.charCodeAt(i) - 48) << (2 * i);
      o.debug = debug >>> 0;
    } else if (matches(w, 'direct_qlen')) {
      const n = getU32(words.next(), 10);
      if (n === undefined) throw illegal('direct_qlen');
      o.directQlen = n;
    } else if (matches(w, 'offload')) {
      o.offload = true;
    } else {
      throw parseFailure(`What is "${w}"?`, USAGE);
    }
  }
  return o;
}

function parseClass(words: Words, env: TcWordsEnv): Partial<HtbClassOptions> {
  const o: Partial<HtbClassOptions> = {};
  let rate64 = 0n;
  let ceil64 = 0n;
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (matches(w, 'prio')) {
      const n = getU32(words.next(), 10);
      if (n === undefined) throw illegal('prio');
      o.prio = n;
    } else if (matches(w, 'mtu')) {
      const n = getU32(words.next(), 10);
      if (n === undefined) throw illegal('mtu');
      o.mtu = n;
    } else if (matches(w, 'mpu')) {
      const n = getU16(words.next(), 10);
      if (n === undefined) throw illegal('mpu');
      o.mpu = n;
    } else if (matches(w, 'overhead')) {
      const n = getU16(words.next(), 10);
      if (n === undefined) throw illegal('overhead');
      o.overhead = n;
    } else if (matches(w, 'linklayer')) {
      const l = linklayerWord(words.next());
      if (!l) throw illegal('linklayer');
      o.linklayer = l;
    } else if (matches(w, 'quantum')) {
      const n = getU32(words.next(), 10);
      if (n === undefined) throw illegal('quantum');
      o.quantum = n;
    } else if (matches(w, 'burst') || w === 'buffer' || w === 'maxburst') {
      const v = words.next();
      const s = sizeCellWord(v);
      if (!s) throw illegal(w);
      if (s.size) o.burst = v;
      else delete o.burst;
    } else if (matches(w, 'cburst') || w === 'cbuffer' || w === 'cmaxburst') {
      const v = words.next();
      const s = sizeCellWord(v);
      if (!s) throw illegal(w);
      if (s.size) o.cburst = v;
      else delete o.cburst;
    } else if (w === 'ceil' || w === 'rate') {
      const v = words.next();
      if (w === 'ceil' ? ceil64 : rate64) throw parseFailure(`Double "${w}" spec`);
      const err: Err = [];
      const r = rate64Word(v, env, err);
      if (r === undefined) throw illegal(w, err);
      if (w === 'ceil') ceil64 = r;
      else rate64 = r;
      if (r) o[w] = r;
    } else if (w === 'help') {
      throw parseFailure(USAGE);
    } else {
      throw parseFailure(`What is "${w}"?`, USAGE);
    }
  }
  if (!rate64) throw parseFailure('"rate" is required.');
  return o;
}

function print(p: Printer, o: HtbData, env: TcPrintEnv): void {
  const h = o.parms;
  if (h) {
    if (!h.level) {
      p.int('any', 'prio', 'prio %d ', h.prio | 0);
      if (env.details) p.int('any', 'quantum', 'quantum %d ', h.quantum | 0);
    }
    const rate64 = o.rate64 ?? BigInt(h.rate.rate);
    const ceil64 = o.ceil64 ?? BigInt(h.ceil.rate);
    p.string('fp', null, 'rate %s ', sprintRate(rate64, env.iec));
    if (h.rate.overhead) p.text(sprintf('overhead %u ', h.rate.overhead));
    const buffer = xmitsize(env.psched, rate64, h.buffer);
    p.string('fp', null, 'ceil %s ', sprintRate(ceil64, env.iec));
    const cbuffer = xmitsize(env.psched, ceil64, h.cbuffer);
    const linklayer = h.rate.linklayer & TC_LINKLAYER_MASK;
    if (linklayer > TC_LINKLAYER_ETHERNET || env.details) p.text(`linklayer ${linklayerName(linklayer)} `);
    if (env.details) {
      p.text(`burst ${sprintSize(buffer)}/`);
      p.text(`${(1 << h.rate.cellLog) >>> 0} `);
      p.text(`mpu ${sprintSize(h.rate.mpu)} `);
      p.text(`cburst ${sprintSize(cbuffer)}/`);
      p.text(`${(1 << h.ceil.cellLog) >>> 0} `);
      p.text(`mpu ${sprintSize(h.ceil.mpu)} `);
      p.text(`level ${h.level | 0} `);
    } else {
      p.text(`burst ${sprintSize(buffer)} `);
      p.text(`cburst ${sprintSize(cbuffer)} `);
    }
    if (env.raw) p.text(sprintf('buffer [%08x] cbuffer [%08x] ', h.buffer, h.cbuffer));
  }
  const g = o.init;
  if (g) {
    p.int('any', 'r2q', 'r2q %d', g.rate2quantum | 0);
    p.hex0x('any', 'default', ' default %#llx', g.defcls);
    p.uint('any', 'direct_packets_stat', ' direct_packets_stat %u', g.directPkts);
    if (env.details) p.string('any', 'ver', ' ver %s', `${g.version >>> 16}.${g.version & 0xffff}`);
  }
  if (o.directQlen !== undefined) p.uint('any', 'direct_qlen', ' direct_qlen %u', o.directQlen);
  if (o.offload) p.null('any', 'offload', ' offload', null);
}

function printClassXstats(p: Printer, x: HtbXstats): void {
  p.text(` lended: ${x.lends} borrowed: ${x.borrows} giants: ${x.giants}\n`);
  p.text(` tokens: ${x.tokens} ctokens: ${x.ctokens}\n`);
}

export const htbPlug: QdiscPlug<'htb'> = { parse, print, parseClass, printClass: print, printClassXstats };
void size;
