/** `tbf` words (tc/q_tbf.c tbf_parse_opt) and its printer (tbf_print_opt). */
import type { TbfOptions } from '../../../api/tc/qdiscs/index.js';
import { tick2time, xmitsize } from '../../../api/tc/core.js';
import { getU16 } from '../numbers.js';
import { parseSize, parseTime } from '../../../api/tc/units.js';
import { TC_LINKLAYER_ETHERNET, TC_LINKLAYER_MASK, type TbfOptions as TbfData } from '../../../rtnl/tc/index.js';
import { sprintf } from '../../format.js';
import type { Printer } from '../../printer.js';
import { matches, type Words } from '../../words.js';
import { linklayerWord, parseFailure, rate64Word, sizeCellWord, type Err } from '../args.js';
import type { TcPrintEnv } from '../context.js';
import { linklayerName, sprintRate, sprintSize, sprintTime } from '../units.js';
import type { QdiscPlug, TcWordsEnv } from './plug.js';

const USAGE = 'Usage: ... tbf limit BYTES burst BYTES[/BYTES] rate KBPS [ mtu BYTES[/BYTES] ]\n\t[ peakrate KBPS ] [ latency TIME ] [ overhead BYTES ] [ linklayer TYPE ]';

const illegal = (arg: string, val: string, err: Err = []): Error => parseFailure(err, `tbf: illegal value for "${arg}": "${val}"`);

function parse(words: Words, env: TcWordsEnv): Partial<TbfOptions> {
  const o: Partial<TbfOptions> = {};
  let limit = 0;
  let latency = 0;
  let buffer = 0;
  let mtu = 0;
  let mpu = 0;
  let rate64 = 0n;
  let prate64 = 0n;
  let overhead = 0;
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (matches(w, 'limit')) {
      const v = words.next();
      if (limit) throw parseFailure('tbf: duplicate "limit" specification');
      if (latency) throw parseFailure('tbf: specifying both "latency" and "limit" is not allowed');
      const n = parseSize(v);
      if (n === undefined) throw illegal('limit', v);
      limit = n;
      if (n) o.limit = n;
    } else if (matches(w, 'latency')) {
      const v = words.next();
      if (latency) throw parseFailure('tbf: duplicate "latency" specification');
      if (limit) throw parseFailure('tbf: specifying both "limit" and "/latency" is not allowed');
      const n = parseTime(v);
      if (n === undefined) throw illegal('latency', v);
      latency = n;
      if (n) o.latency = n;
    } else if (matches(w, 'burst') || w === 'buffer' || w === 'maxburst') {
      const v = words.next();
      if (buffer) throw parseFailure('tbf: duplicate "buffer/burst/maxburst" specification');
      const s = sizeCellWord(v);
      if (!s) throw illegal(w, v);
      buffer = s.size;
      if (s.size) o.burst = v;
    } else if (w === 'mtu' || w === 'minburst') {
      const v = words.next();
      if (mtu) throw parseFailure('tbf: duplicate "mtu/minburst" specification');
      const s = sizeCellWord(v);
      if (!s) throw illegal(w, v);
      mtu = s.size;
      if (s.size) o.mtu = v;
    } else if (w === 'mpu') {
      const v = words.next();
      if (mpu) throw parseFailure('tbf: duplicate "mpu" specification');
      const n = parseSize(v);
      if (n === undefined) throw illegal('mpu', v);
      mpu = n;
      if (n) o.mpu = n;
    } else if (w === 'rate' || matches(w, 'peakrate')) {
      const peak = w !== 'rate';
      const v = words.next();
      if (peak ? prate64 : rate64) throw parseFailure(`tbf: duplicate "${peak ? 'peakrate' : 'rate'}" specification`);
      const err: Err = [];
      const r = rate64Word(v, env, err);
      if (r === undefined) throw illegal(peak ? 'peakrate' : 'rate', v, err);
      if (peak) prate64 = r;
      else rate64 = r;
      if (r) o[peak ? 'peakrate' : 'rate'] = r;
    } else if (matches(w, 'overhead')) {
      const v = words.next();
      if (overhead) throw parseFailure('tbf: duplicate "overhead" specification');
      const n = getU16(v, 10);
      if (n === undefined) throw illegal('overhead', v);
      overhead = n;
      if (n) o.overhead = n;
    } else if (matches(w, 'linklayer')) {
      const v = words.next();
      const l = linklayerWord(v);
      if (!l) throw illegal('linklayer', v);
      o.linklayer = l;
    } else if (w === 'help') {
      throw parseFailure(USAGE);
    } else {
      throw parseFailure(`tbf: unknown parameter "${w}"`, USAGE);
    }
  }
  // Every missing mandatory parameter is reported in one go, then the usage.
  const missing: string[] = [];
  if (rate64 === 0n) missing.push('tbf: the "rate" parameter is mandatory.');
  if (!buffer) missing.push('tbf: the "burst" parameter is mandatory.');
  if (prate64 && !mtu) missing.push('tbf: when "peakrate" is specified, "mtu" must also be specified.');
  if (limit === 0 && latency === 0) missing.push('tbf: either "limit" or "latency" is required.');
  if (missing.length) throw parseFailure(missing, USAGE);
  return o;
}

function print(p: Printer, o: TbfData, env: TcPrintEnv): void {
  const q = o.parms;
  if (!q) return;
  const rate64 = o.rate64 ?? BigInt(q.rate.rate);
  const r = Number(rate64);
  p.uint('json', 'rate', null, rate64);
  p.string('fp', null, 'rate %s ', sprintRate(rate64, env.iec));
  const buffer = xmitsize(env.psched, rate64, q.buffer);
  if (env.details) {
    p.string('any', 'burst', 'burst %s ', `${sprintSize(buffer)}/${(1 << q.rate.cellLog) >>> 0}`);
    size(p, 'mpu', 'mpu %s ', q.rate.mpu);
  } else {
    size(p, 'burst', 'burst %s ', buffer);
  }
  if (env.raw) p.hex('any', 'burst_raw', '[%08x] ', q.buffer);
  const prate64 = o.prate64 ?? BigInt(q.peakrate.rate);
  if (prate64) {
    p.string('fp', null, 'peakrate %s ', sprintRate(prate64, env.iec));
    if (q.mtu || q.peakrate.mpu) {
      const mtu = xmitsize(env.psched, prate64, q.mtu);
      if (env.details) {
        p.string('any', 'mtu', 'mtu %s ', `${sprintSize(mtu)}/${(1 << q.peakrate.cellLog) >>> 0}`);
        size(p, 'mpu', 'mpu %s ', q.peakrate.mpu);
      } else {
        size(p, 'minburst', 'minburst %s ', mtu);
      }
      if (env.raw) p.hex('any', 'mtu_raw', '[%08x] ', q.mtu);
    }
  }
  let latency = 1000000 * (q.limit / r) - tick2time(env.psched, q.buffer);
  if (prate64) {
    const lat2 = 1000000 * (q.limit / Number(prate64)) - tick2time(env.psched, q.mtu);
    if (lat2 > latency) latency = lat2;
  }
  if (latency >= 0.0) {
    p.uint('json', 'lat', null, BigInt(Math.trunc(latency)));
    p.string('fp', null, 'lat %s ', sprintTime(latency));
  }
  if (env.raw || latency < 0.0) size(p, 'limit', 'limit %s ', q.limit);
  if (q.rate.overhead) p.int('any', 'overhead', 'overhead %d ', q.rate.overhead);
  const linklayer = q.rate.linklayer & TC_LINKLAYER_MASK;
  if (linklayer > TC_LINKLAYER_ETHERNET || env.details) p.string('any', 'linklayer', 'linklayer %s ', linklayerName(linklayer));
}

/** print_size: JSON the number, text sprint_size. */
export function size(p: Printer, key: string | null, fmt: string, v: number): void {
  if (p.json) p.uint('json', key, null, v);
  else p.text(sprintf(fmt, sprintSize(v)));
}

export const tbfPlug: QdiscPlug<'tbf'> = { parse, print };
