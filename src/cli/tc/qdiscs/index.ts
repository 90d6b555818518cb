/**
 * The qdisc kinds of the CLI: the kind word -> its words, printers and help (tc's qdisc_util
 * list). Adding a kind is one plug file in this folder and one line here; each entry is checked
 * against the API's driver and the rtnl codec of the same kind. A kind without a plug is printed
 * as tc prints a kind it does not know.
 */
import type { KnownQdiscOptions } from '../../../rtnl/tc/index.js';
import { bfifoPlug, pfifoHeadDropPlug, pfifoPlug } from './fifo.js';
import { fqPlug } from './fq.js';
import { fqCodelPlug } from './fq_codel.js';
import { htbPlug } from './htb.js';
import { netemPlug } from './netem.js';
import { clsactPlug, ingressPlug } from './plain.js';
import type { AnyQdiscPlug, QdiscPlug } from './plug.js';
import { pfifoFastPlug, prioPlug } from './prio.js';
import { sfqPlug } from './sfq.js';
import { tbfPlug } from './tbf.js';

/** The plug of each kind tc knows (noqueue it does not: it has none). */
export const CLI_QDISCS: { readonly [K in keyof KnownQdiscOptions]?: QdiscPlug<K> } = {
  pfifo: pfifoPlug,
  bfifo: bfifoPlug,
  pfifo_head_drop: pfifoHeadDropPlug,
  pfifo_fast: pfifoFastPlug,
  prio: prioPlug,
  ingress: ingressPlug,
  clsact: clsactPlug,
  tbf: tbfPlug,
  htb: htbPlug,
  netem: netemPlug,
  sfq: sfqPlug,
  fq_codel: fqCodelPlug,
  fq: fqPlug,
};

/** The plug of a kind, or undefined (tc's "unknown qdisc"). */
export function qdiscPlug(kind: string): AnyQdiscPlug | undefined {
  if (!Object.prototype.hasOwnProperty.call(CLI_QDISCS, kind)) return undefined;
  return CLI_QDISCS[kind as keyof KnownQdiscOptions] as AnyQdiscPlug | undefined;
}

export type { AnyQdiscPlug, QdiscPlug, TcWordsEnv } from './plug.js';
