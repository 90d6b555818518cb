/** `netem` words (tc/q_netem.c netem_parse_opt) and its printer (netem_print_opt). */
import type { NetemOptions } from '../../../api/tc/qdiscs/index.js';
import { psched, tick2time, time2big } from '../../../api/tc/core.js';
import { readDistribution } from '../../../api/tc/dist.js';
import { InvalidArgumentError } from '../../../api/errors.js';
import { getInteger, getU32 } from '../numbers.js';
import { parsePercent, parseSize, parseTime, parseTime64 } from '../../../api/tc/units.js';
import type { NetemOptions as NetemData } from '../../../rtnl/tc/index.js';
import { sprintf } from '../../format.js';
import type { Printer } from '../../printer.js';
import { matches, type Words } from '../../words.js';
import { parseFailure, rate64Word, type Err } from '../args.js';
import type { TcPrintEnv } from '../context.js';
import { sprintRate, sprintTicks, sprintTime64 } from '../units.js';
import type { QdiscPlug, TcWordsEnv } from './plug.js';

const USAGE = 'Usage: ... netem [ limit PACKETS ]\n                 [ delay TIME [ JITTER [CORRELATION]]]\n                 [ distribution {uniform|normal|pareto|paretonormal} ]\n                 [ corrupt PERCENT [CORRELATION]]\n                 [ duplicate PERCENT [CORRELATION]]\n                 [ loss random PERCENT [CORRELATION]]\n                 [ loss state P13 [P31 [P32 [P23 P14]]]\n                 [ loss gemodel PERCENT [R [1-H [1-K]]]\n                 [ ecn ]\n                 [ reorder PERCENT [CORRELATION] [ gap DISTANCE ]]\n                 [ rate RATE [PACKETOVERHEAD] [CELLSIZE] [CELLOVERHEAD]]\n                 [ slot MIN_DELAY [MAX_DELAY] [packets MAX_PACKETS] [bytes MAX_BYTES]]\n                 [ slot distribution {uniform|normal|pareto|paretonormal|custom}\n                   DELAY JITTER [packets MAX_PACKETS] [bytes MAX_BYTES]]';

const illegal = (arg: string, err: Err = []): Error => parseFailure(err, `Illegal "${arg}"`);
const isNumber = (w: string | undefined): boolean => w !== undefined && /^[0-9]/.test(w);
const isSigned = (w: string | undefined): boolean => w !== undefined && /^[0-9-]/.test(w);

/** get_percent: a percentage word, or undefined. */
function percent(w: string): number | undefined {
  const p = parsePercent(w);
  return typeof p === 'number' ? p : undefined;
}

/** get_ticks: a time that fits 32 bits of ticks; the time (µs) itself for the API. */
function ticks(w: string, what: string): number {
  const t = parseTime(w);
  if (t === undefined) throw illegal(what);
  if (time2big(psched(), t)) throw parseFailure(`Illegal ${t} time (too large)`, `Illegal "${what}"`);
  return t;
}

/** The distribution table's name, checked the way get_distribution reads it (tc's message if missing). */
function distribution(name: string): string {
  try {
    readDistribution(name);
  } catch (e) {
    if (e instanceof InvalidArgumentError) throw parseFailure(e.message);
    throw e;
  }
  return name;
}

function parse(words: Words, env: TcWordsEnv): Partial<NetemOptions> {
  const o: Partial<NetemOptions> = {};
  let lossType: 'random' | 'state' | 'gemodel' | undefined;
  let corr = false;
  let dupCorr: number | undefined;
  let delay = 0;
  let jitter = 0;
  let gapSet = 0;
  let reorderP = 0;
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (matches(w, 'limit')) {
      const n = parseSize(words.next());
      if (n === undefined) throw illegal('limit');
      o.limit = n;
    } else if (matches(w, 'latency') || matches(w, 'delay')) {
      delay = ticks(words.next(), 'latency');
      o.delay = delay;
      delete o.jitter;
      if (isNumber(words.peek())) {
        jitter = ticks(words.next(), 'latency');
        o.jitter = jitter;
        if (isNumber(words.peek())) {
          const c = percent(words.next());
          if (c === undefined) throw illegal('latency');
          o.delayCorrelation = c;
          corr = true;
        }
      }
    } else if (matches(w, 'loss') || matches(w, 'drop')) {
      if (lossType !== undefined) throw illegal('duplicate loss argument\n');
      const v = words.next();
      if (/^[0-9]/.test(v) || v === 'random') {
        const pw = v === 'random' ? words.next() : v;
        const p = percent(pw);
        if (p === undefined) throw illegal('loss percent');
        lossType = 'random';
        const random: { random: number; correlation?: number } = { random: p };
        if (isNumber(words.peek())) {
          const c = percent(words.next());
          if (c === undefined) throw illegal('loss correlation');
          random.correlation = c;
          corr = true;
        }
        o.loss = random;
        if (p === 0) lossType = undefined; // opt.loss stays 0: tc takes a second loss then
      } else if (v === 'state') {
        const p13 = parsePercent(words.next());
        if (typeof p13 !== 'number') throw illegal('loss p13');
        const state: { p13: number; p31?: number; p32?: number; p23?: number; p14?: number } = { p13 };
        for (const key of ['p31', 'p32', 'p23', 'p14'] as const) {
          if (!isNumber(words.peek())) break;
          const p = percent(words.next());
          if (p === undefined) throw illegal(`loss ${key}`);
          state[key] = p;
        }
        o.loss = { state };
        lossType = 'state';
      } else if (v === 'gemodel') {
        const p = parsePercent(words.next());
        if (typeof p !== 'number') throw illegal('loss gemodel p');
        const ge: { p: number; r?: number; '1-h'?: number; '1-k'?: number } = { p };
        const names = [['r', 'r'], ['1-h', 'h'], ['1-k', 'k']] as const;
        for (const [key, word] of names) {
          if (!isNumber(words.peek())) break;
          const x = percent(words.next());
          if (x === undefined) throw illegal(`loss gemodel ${word}`);
          ge[key] = x;
        }
        o.loss = { gemodel: ge };
        lossType = 'gemodel';
      } else {
        throw parseFailure(`Unknown loss parameter: ${v}`);
      }
    } else if (matches(w, 'ecn')) {
      o.ecn = true;
    } else if (matches(w, 'reorder')) {
      const p = percent(words.next());
      if (p === undefined) throw illegal('reorder');
      o.reorder = p;
      reorderP = p;
      if (isNumber(words.peek())) {
        const c = percent(words.next());
        if (c === undefined) throw illegal('reorder');
        o.reorderCorrelation = c;
        corr = true;
      }
    } else if (matches(w, 'corrupt')) {
      const p = percent(words.next());
      if (p === undefined) throw illegal('corrupt');
      o.corrupt = p;
      if (isNumber(words.peek())) {
        const c = percent(words.next());
        if (c === undefined) throw illegal('corrupt');
        o.corruptCorrelation = c;
        corr = true;
      }
    } else if (matches(w, 'gap')) {
      const n = getU32(words.next(), 0);
      if (n === undefined) throw illegal('gap');
      o.gap = n;
      gapSet = n;
    } else if (matches(w, 'duplicate')) {
      const p = percent(words.next());
      if (p === undefined) throw illegal('duplicate');
      o.duplicate = p;
      if (isNumber(words.peek())) {
        const c = percent(words.next());
        if (c === undefined) throw illegal('duplicate');
        dupCorr = c;
      }
    } else if (matches(w, 'distribution')) {
      o.distribution = distribution(words.next());
    } else if (matches(w, 'rate')) {
      const v = words.next();
      const err: Err = [];
      const r = rate64Word(v, env, err);
      if (r === undefined) throw illegal('rate', err);
      o.rate = r;
      if (isSigned(words.peek())) {
        const n = getInteger(words.next(), 0);
        if (n === undefined) throw illegal('rate');
        o.packetOverhead = n;
      }
      if (isNumber(words.peek())) {
        const n = getU32(words.next(), 0);
        if (n === undefined) throw illegal('rate');
        o.cellSize = n;
      }
      if (isSigned(words.peek())) {
        const n = getInteger(words.next(), 0);
        if (n === undefined) throw illegal('rate');
        o.cellOverhead = n;
      }
    } else if (matches(w, 'slot')) {
      let slot: NonNullable<NetemOptions['slot']>;
      if (isNumber(words.peek())) {
        const min = parseTime64(words.next());
        if (min === undefined) throw illegal('slot min_delay');
        let max = min;
        if (isNumber(words.peek())) {
          const m = parseTime64(words.next());
          if (m === undefined || m < min) throw illegal('slot max_delay');
          max = m;
        }
        slot = { min: `${min}ns`, max: `${max}ns` };
      } else {
        const v = words.next();
        if (v !== 'distribution') throw parseFailure(`Unknown slot parameter: ${v}`);
        const name = distribution(words.next());
        const d = parseTime64(words.next());
        if (d === undefined) throw illegal('slot delay');
        const j = parseTime64(words.next());
        if (j === undefined) throw illegal('slot jitter');
        if (j <= 0n) throw parseFailure('Non-positive jitter');
        slot = { distribution: name, delay: `${d}ns`, jitter: `${j}ns` };
      }
      if (words.peek() !== undefined && matches(words.peek()!, 'packets')) {
        words.skip();
        const n = words.peek() === undefined ? undefined : getInteger(words.peek()!, 0);
        if (n === undefined) throw illegal('slot packets');
        words.skip();
        slot.packets = n;
      }
      if (words.peek() !== undefined && matches(words.peek()!, 'bytes')) {
        words.skip();
        const n = words.peek() === undefined ? undefined : parseSize(words.peek()!);
        if (n === undefined) throw illegal('slot bytes');
        words.skip();
        slot.bytes = n;
      }
      o.slot = slot;
    } else {
      throw parseFailure(w === 'help' ? undefined : `What is "${w}"?`, USAGE);
    }
  }
  // tc's checks after the words, in its order.
  if (reorderP) {
    if (delay === 0) throw parseFailure('reordering not possible without specifying some delay', USAGE);
  } else if (gapSet > 0) {
    throw parseFailure('gap specified without reorder probability', USAGE);
  }
  if (o.ecn && lossType === undefined) throw parseFailure('ecn requested without loss model', USAGE);
  if (o.distribution !== undefined && (delay === 0 || jitter === 0)) {
    throw parseFailure('distribution specified but no latency and jitter values', USAGE);
  }
  // tc sends the duplicate correlation only inside a TCA_NETEM_CORR another correlation asked for.
  if (dupCorr !== undefined && corr) o.duplicateCorrelation = dupCorr;
  return o;
}

/** print_float: JSON %g, text the format. */
function float(p: Printer, out: 'any' | 'fp' | 'json', key: string | null, fmt: string | null, v: number): void {
  if (p.json) {
    if (out !== 'fp' && key !== null) p.raw(key, sprintf('%g', v), '');
  } else if (out !== 'json' && fmt !== null) {
    p.text(sprintf(fmt, v));
  }
}

const UINT32_MAX = 0xffffffff;
/** __print_percent: text in percentage points, JSON a fraction. */
function percentOut(p: Printer, key: string, fmt: string, per: number): void {
  float(p, 'fp', null, fmt, (100 * per) / UINT32_MAX);
  float(p, 'json', key, null, per / UINT32_MAX);
}
const PERCENT = (p: Printer, label: string, per: number): void => percentOut(p, label, ` ${label} %g%%`, per);

function corr(p: Printer, present: boolean, value: number): void {
  if (!p.json) {
    if (present) percentOut(p, '', ' %g%%', value);
  } else {
    PERCENT(p, 'correlation', value);
  }
}

function time64(p: Printer, key: string, fmt: string, v: bigint): void {
  p.string('fp', null, `${fmt} %s`, sprintTime64(v));
  float(p, 'json', key, null, Number(v) / 1e9);
}

function intOpt(p: Printer, label: string, v: number): void {
  p.int('json', label, null, v);
  if (v !== 0) p.int('fp', null, ` ${label} %d`, v);
}

function print(p: Printer, o: NetemData, env: TcPrintEnv): void {
  const q = o.qopt;
  const a = o.attrs;
  const cor = a.corr;
  p.uint('any', 'limit', 'limit %d', q.limit);
  if (q.latency) {
    p.openObject('delay');
    if (!p.json) {
      p.string('fp', null, ' delay %s', sprintTicks(env.psched, q.latency));
      if (q.jitter) p.string('fp', null, '  %s', sprintTicks(env.psched, q.jitter));
    } else {
      float(p, 'json', 'delay', null, tick2time(env.psched, q.latency) / 1000000);
      float(p, 'json', 'jitter', null, tick2time(env.psched, q.jitter) / 1000000);
    }
    corr(p, Boolean(q.jitter && cor && cor.delayCorr), cor ? cor.delayCorr : 0);
    p.closeObject();
  }
  if (q.loss) {
    p.openObject('loss-random');
    PERCENT(p, 'loss', q.loss);
    corr(p, Boolean(cor && cor.lossCorr), cor ? cor.lossCorr : 0);
    p.closeObject();
  }
  const gi = a.loss?.gi;
  if (gi) {
    p.openObject('loss-state');
    percentOut(p, 'p13', ' loss state p13 %g%%', gi.p13);
    PERCENT(p, 'p31', gi.p31);
    PERCENT(p, 'p32', gi.p32);
    PERCENT(p, 'p23', gi.p23);
    PERCENT(p, 'p14', gi.p14);
    p.closeObject();
  }
  const ge = a.loss?.ge;
  if (ge) {
    p.openObject('loss-gemodel');
    percentOut(p, 'p', ' loss gemodel p %g%%', ge.p);
    PERCENT(p, 'r', ge.r);
    PERCENT(p, '1-h', UINT32_MAX - ge.h);
    PERCENT(p, '1-k', ge.k1);
    p.closeObject();
  }
  if (q.duplicate) {
    p.openObject('duplicate');
    PERCENT(p, 'duplicate', q.duplicate);
    corr(p, Boolean(cor && cor.dupCorr), cor ? cor.dupCorr : 0);
    p.closeObject();
  }
  if (a.reorder && a.reorder.probability) {
    p.openObject('reorder');
    PERCENT(p, 'reorder', a.reorder.probability);
    corr(p, Boolean(a.reorder.correlation), a.reorder.correlation);
    p.closeObject();
  }
  if (a.corrupt && a.corrupt.probability) {
    p.openObject('corrupt');
    PERCENT(p, 'corrupt', a.corrupt.probability);
    corr(p, Boolean(a.corrupt.correlation), a.corrupt.correlation);
    p.closeObject();
  }
  if (a.rate && a.rate.rate) {
    p.openObject('rate');
    const rate64 = a.rate64 || BigInt(a.rate.rate);
    p.uint('json', 'rate', null, rate64);
    p.string('fp', null, ' rate %s', sprintRate(rate64, env.iec));
    intOpt(p, 'packetoverhead', a.rate.packetOverhead);
    p.uint('json', 'cellsize', null, a.rate.cellSize);
    if (a.rate.cellSize) p.uint('fp', null, ' cellsize %u', a.rate.cellSize);
    intOpt(p, 'celloverhead', a.rate.cellOverhead);
    p.closeObject();
  }
  const s = a.slot;
  if (s) {
    p.openObject('slot');
    if (s.distJitter > 0n) {
      time64(p, 'distribution', ' slot distribution', s.distDelay);
      time64(p, 'jitter', '', s.distJitter);
    } else {
      time64(p, 'min-delay', ' slot', s.minDelay);
      time64(p, 'max-delay', '', s.maxDelay);
    }
    intOpt(p, 'packets', s.maxPackets);
    intOpt(p, 'bytes', s.maxBytes);
    p.closeObject();
  }
  p.bool('json', 'ecn', null, a.ecn !== undefined);
  if (a.ecn !== undefined) p.bool('fp', null, ' ecn ', true);
  p.uint('json', 'gap', null, q.gap);
  if (q.gap) p.uint('fp', null, ' gap %lu', q.gap);
}

export const netemPlug: QdiscPlug<'netem'> = { parse, print };
