/** `sfq` words (tc/q_sfq.c) and its printers. */
import type { SfqOptions } from '../../../api/tc/qdiscs/index.js';
import { getInteger, getU32 } from '../numbers.js';
import { parseSize, strtod } from '../../../api/tc/units.js';
import type { SfqQopt, SfqXstats } from '../../../rtnl/tc/index.js';
import { sprintf } from '../../format.js';
import type { Printer } from '../../printer.js';
import type { Words } from '../../words.js';
import { parseFailure } from '../args.js';
import type { TcPrintEnv } from '../context.js';
import type { QdiscPlug } from './plug.js';
import { size } from './tbf.js';

const USAGE = 'Usage: ... sfq\t[ limit NUMBER ] [ perturb SECS ] [ quantum BYTES ]\n\t\t[ divisor NUMBER ] [ flows NUMBER] [ depth NUMBER ]\n\t\t[ headdrop ]\n\t\t[ redflowlimit BYTES ] [ min BYTES ] [ max BYTES ]\n\t\t[ avpkt BYTES ] [ burst PACKETS ] [ probability P ]\n\t\t[ ecn ] [ harddrop ]';

function parse(words: Words): Partial<SfqOptions> {
  const o: Partial<SfqOptions> = {};
  const u32 = (what: string, msg = `Illegal "${what}"`): number => {
    const n = getU32(words.next(), 0);
    if (n === undefined) throw parseFailure(msg);
    return n;
  };
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (w === 'quantum') {
      const n = parseSize(words.next());
      if (n === undefined) throw parseFailure('Illegal "limit"');
      o.quantum = n;
    } else if (w === 'perturb') {
      const n = getInteger(words.next(), 0);
      if (n === undefined) throw parseFailure('Illegal "perturb"');
      o.perturb = n;
    } else if (w === 'limit') {
      const n = u32('limit');
      if (n < 2) throw parseFailure('Illegal "limit", must be > 1');
      o.limit = n;
    } else if (w === 'divisor') {
      o.divisor = u32('divisor');
    } else if (w === 'flows') {
      o.flows = u32('flows');
    } else if (w === 'depth') {
      o.depth = u32('depth', 'Illegal "flows"');
    } else if (w === 'headdrop') {
      o.headdrop = true;
    } else if (w === 'redflowlimit' || w === 'min' || w === 'max') {
      o[w] = u32(w);
    } else if (w === 'burst') {
      o.burst = u32('burst');
    } else if (w === 'avpkt') {
      const n = parseSize(words.next());
      if (n === undefined) throw parseFailure('Illegal "avpkt"');
      o.avpkt = n;
    } else if (w === 'probability') {
      const d = strtod(words.next());
      if (!d) throw parseFailure('Illegal "probability"');
      o.probability = d.value;
    } else if (w === 'ecn' || w === 'harddrop') {
      o[w] = true;
    } else if (w === 'help') {
      throw parseFailure(USAGE);
    } else {
      throw parseFailure(`What is "${w}"?`, USAGE);
    }
  }
  return o;
}

function print(p: Printer, q: SfqQopt, env: TcPrintEnv): void {
  p.uint('any', 'limit', 'limit %up ', q.limit);
  size(p, 'quantum', 'quantum %s ', q.quantum);
  if (q.v1 && q.depth) p.uint('any', 'depth', 'depth %u ', q.depth);
  if (q.v1 && q.headdrop) p.bool('any', 'headdrop', 'headdrop ', true);
  if (env.details) p.uint('any', 'flows', 'flows %u ', q.flows);
  p.uint('any', 'divisor', 'divisor %u ', q.divisor);
  if (q.perturbPeriod) p.int('any', 'perturb', 'perturb %dsec ', q.perturbPeriod);
  if (q.v1 && q.qthMin) {
    p.uint('any', 'ewma', 'ewma %u ', q.wlog);
    size(p, 'min', 'min %s ', q.qthMin);
    size(p, 'max', 'max %s ', q.qthMax);
    const prob = q.maxP / 2 ** 32;
    if (p.json) p.raw('probability', sprintf('%g', prob), '');
    else p.text(sprintf('probability %g ', prob));
    redFlags(p, q.flags);
    if (env.stats) {
      p.nl();
      p.uint('any', 'prob_mark', '  prob_mark %u', q.probMark);
      p.uint('any', 'prob_mark_head', ' prob_mark_head %u', q.probMarkHead);
      p.uint('any', 'prob_drop', ' prob_drop %u', q.probDrop);
      p.nl();
      p.uint('any', 'forced_mark', '  forced_mark %u', q.forcedMark);
      p.uint('any', 'forced_mark_head', ' forced_mark_head %u', q.forcedMarkHead);
      p.uint('any', 'forced_drop', ' forced_drop %u', q.forcedDrop);
    }
  }
}

/** tc_red_print_flags. */
function redFlags(p: Printer, flags: number): void {
  const names: [number, string, string][] = [[1, 'ecn', 'ecn '], [2, 'harddrop', 'harddrop '], [4, 'adaptive', 'adaptive '], [8, 'nodrop', 'nodrop ']];
  for (const [bit, key, text] of names) {
    if (flags & bit) p.bool('any', key, text, true);
    else p.bool('json', key, null, false);
  }
}

function printXstats(p: Printer, x: SfqXstats): void {
  p.int('any', 'allot', '  allot %d', x.allot);
}

export const sfqPlug: QdiscPlug<'sfq'> = { parse, print, printClassXstats: printXstats };
