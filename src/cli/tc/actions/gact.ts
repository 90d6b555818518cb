/** The gact action's printer (tc/m_gact.c print_gact). */
import { PGACT_DETERM, PGACT_NETRAND, type GactOptions } from '../../../rtnl/tc/index.js';
import type { Printer } from '../../printer.js';
import type { TcPrintEnv } from '../context.js';
import { printControl, printTm } from './control.js';
import type { ActionPlug } from './plug.js';

/** prob_n2a. */
const probName = (t: number): string => (t === PGACT_NETRAND ? 'netrand' : t === PGACT_DETERM ? 'determ' : 'none');

function print(p: Printer, o: GactOptions | undefined, env: TcPrintEnv): string | undefined {
  p.string('any', 'kind', '%s ', 'gact');
  if (!o) return undefined;
  if (!o.parms) return 'Missing gact parameters';
  printControl(p, 'action ', o.parms.action, '');
  const pp = o.prob ?? { ptype: 0, pval: 0, paction: 0 }; // tc prints a zero one to keep the output regular
  p.openObject('prob');
  p.nl();
  p.string('any', 'random_type', '\t random type %s', probName(pp.ptype));
  printControl(p, ' ', pp.paction, ' ');
  p.int('any', 'val', 'val %d', pp.pval);
  p.closeObject();
  p.nl();
  p.uint('any', 'index', '\t index %u', o.parms.index);
  p.int('any', 'ref', ' ref %d', o.parms.refcnt);
  p.int('any', 'bind', ' bind %d', o.parms.bindcnt);
  if (env.stats && o.tm) printTm(p, o.tm);
  p.nl();
  return undefined;
}

export const gactPlug: ActionPlug<'gact'> = { print };
