/** `pfifo`, `bfifo`, `pfifo_head_drop` words and printer (tc/q_fifo.c). */
import type { FifoOptions } from '../../../api/tc/qdiscs/index.js';
import { parseSize } from '../../../api/tc/units.js';
import type { FifoQopt } from '../../../rtnl/tc/index.js';
import type { Printer } from '../../printer.js';
import type { Words } from '../../words.js';
import { parseFailure } from '../args.js';
import type { QdiscPlug, TcWordsEnv } from './plug.js';
import { size } from './tbf.js';

const USAGE = 'Usage: ... <[p|b]fifo | pfifo_head_drop> [ limit NUMBER ]';

function parse(words: Words, env: TcWordsEnv): Partial<FifoOptions> {
  const o: Partial<FifoOptions> = {};
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (w === 'limit') {
      const v = words.next();
      const n = parseSize(v);
      if (n === undefined) throw parseFailure(`${env.kind}: Illegal value for "limit": "${v}"`);
      o.limit = n;
    } else if (w === 'help') {
      throw parseFailure(USAGE);
    } else {
      throw parseFailure(`${env.kind}: unknown parameter "${w}"`, USAGE);
    }
  }
  return o;
}

function printer(bytes: boolean) {
  return (p: Printer, o: FifoQopt): void => {
    if (bytes) size(p, 'limit', 'limit %s', o.limit);
    else p.uint('any', 'limit', 'limit %up', o.limit);
  };
}

export const pfifoPlug: QdiscPlug<'pfifo'> = { parse, print: printer(false) };
export const bfifoPlug: QdiscPlug<'bfifo'> = { parse, print: printer(true) };
export const pfifoHeadDropPlug: QdiscPlug<'pfifo_head_drop'> = { parse, print: printer(false) };
