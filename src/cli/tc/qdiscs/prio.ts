/** `prio` words (tc/q_prio.c) and the printer prio and pfifo_fast share (prio_print_opt). */
import type { PrioOptions } from '../../../api/tc/qdiscs/index.js';
import { getInteger, getU32 } from '../numbers.js';
import type { PrioQopt } from '../../../rtnl/tc/index.js';
import type { Printer } from '../../printer.js';
import type { Words } from '../../words.js';
import { parseFailure } from '../args.js';
import type { QdiscPlug } from './plug.js';

const USAGE = 'Usage: ... prio bands NUMBER priomap P1 P2...[multiqueue]';

function parse(words: Words): Partial<PrioOptions> {
  const o: { bands?: number; priomap?: number[]; multiqueue?: boolean } = {};
  let bands = 3;
  let pmap = false;
  const usage: string[] = [];
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (w === 'bands') {
      if (pmap) usage.push(USAGE); // tc explains and goes on
      const v = words.next();
      const n = getInteger(v, 10);
      if (n === undefined) throw parseFailure(usage, 'Illegal "bands"');
      bands = n;
      o.bands = n;
    } else if (w === 'priomap') {
      if (pmap) throw parseFailure(usage, 'Error: duplicate priomap');
      pmap = true;
      o.priomap = [];
    } else if (w === 'multiqueue') {
      o.multiqueue = true;
    } else if (w === 'help') {
      throw parseFailure(usage, USAGE);
    } else {
      if (!pmap) throw parseFailure(usage, `What is "${w}"?`, USAGE);
      const band = getU32(w, 10);
      if (band === undefined) throw parseFailure(usage, 'Illegal "priomap" element');
      if (band >= bands) throw parseFailure(usage, '"priomap" element is out of bands');
      if (o.priomap!.length > 15) throw parseFailure(usage, '"priomap" index > TC_PRIO_MAX=15');
      o.priomap!.push(band);
    }
  }
  if (usage.length) process.stderr.write(`${usage.join('\n')}\n`);
  return o;
}

/** prio_print_opt. */
export function printPrio(p: Printer, o: PrioQopt): void {
  p.uint('any', 'bands', 'bands %u ', o.bands);
  p.openArray('any', 'priomap');
  for (let i = 0; i < 16; i++) p.uint('any', null, ' %d', o.priomap[i] ?? 0);
  p.closeArray('any', '');
  if (o.attrs?.mq) p.string('fp', null, ' multiqueue: %s ', 'on');
  p.bool('json', 'multiqueue', null, Boolean(o.attrs?.mq));
}

export const prioPlug: QdiscPlug<'prio'> = { parse, print: printPrio };
export const pfifoFastPlug: QdiscPlug<'pfifo_fast'> = { print: printPrio };
