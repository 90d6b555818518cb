/** `ingress`, `clsact` words and printers (tc/q_ingress.c, tc/q_clsact.c). */
import type { Words } from '../../words.js';
import { parseFailure } from '../args.js';
import type { QdiscPlug } from './plug.js';

export const ingressPlug: QdiscPlug<'ingress'> = {
  parse(words: Words) {
    // `handle X` is read and ignored: ingress is always ffff:.
    while (!words.done) {
      if (words.cur === 'handle') {
        words.next();
        words.skip();
      } else {
        throw parseFailure(`What is "${words.cur}"?`, 'Usage: ... ingress');
      }
    }
    return {};
  },
  print: (p) => { p.string('fp', null, '---------------- ', null); },
};

export const clsactPlug: QdiscPlug<'clsact'> = {
  parse(words: Words) {
    if (!words.done) throw parseFailure(`What is "${words.cur}"?`, 'Usage: ... clsact');
    return {};
  },
};
