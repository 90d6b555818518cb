/** The mirred action's printer (tc/m_mirred.c print_mirred). */
import { TCA_EGRESS_MIRROR, TCA_EGRESS_REDIR, TCA_INGRESS_MIRROR, TCA_INGRESS_REDIR, type MirredOptions } from '../../../rtnl/tc/index.js';
import type { Printer } from '../../printer.js';
import type { TcPrintEnv } from '../context.js';
import { printControl, printTm } from './control.js';
import type { ActionPlug } from './plug.js';

const TEXT: Readonly<Record<number, [string, string, string]>> = {
  [TCA_EGRESS_REDIR]: ['Egress Redirect', 'redirect', 'egress'],
  [TCA_INGRESS_REDIR]: ['Ingress Redirect', 'redirect', 'ingress'],
  [TCA_EGRESS_MIRROR]: ['Egress Mirror', 'mirror', 'egress'],
  [TCA_INGRESS_MIRROR]: ['Ingress Mirror', 'mirror', 'ingress'],
};

function print(p: Printer, o: MirredOptions | undefined, env: TcPrintEnv): string | undefined {
  p.string('any', 'kind', '%s ', 'mirred');
  if (!o) return undefined;
  if (!o.parms) return 'Missing mirred parameters';
  const [text, action, direction] = TEXT[o.parms.eaction] ?? ['unknown', 'unknown', 'unknown'];
  p.string('fp', null, '(%s', text);
  p.string('json', 'mirred_action', null, action);
  p.string('json', 'direction', null, direction);
  p.string('any', 'to_dev', ' to device %s)', env.names.name(o.parms.ifindex));
  printControl(p, ' ', o.parms.action, '');
  p.nl();
  p.uint('any', 'index', '\tindex %u', o.parms.index);
  p.int('any', 'ref', ' ref %d', o.parms.refcnt);
  p.int('any', 'bind', ' bind %d', o.parms.bindcnt);
  if (env.stats && o.tm) printTm(p, o.tm);
  p.nl();
  return undefined;
}

export const mirredPlug: ActionPlug<'mirred'> = { print };
