/** The skbedit action's printer (tc/m_skbedit.c print_skbedit). */
import { formatClassid, SKBEDIT_F_INHERITDSFIELD, type SkbeditOptions } from '../../../rtnl/tc/index.js';
import type { Printer } from '../../printer.js';
import type { TcPrintEnv } from '../context.js';
import { printControl, printTm } from './control.js';
import type { ActionPlug } from './plug.js';

/** PACKET_* (<linux/if_packet.h>) as skbedit's ptype words. */
const PTYPES: Readonly<Record<number, string>> = { 0: 'host', 1: 'broadcast', 2: 'multicast', 3: 'otherhost' };

function print(p: Printer, o: SkbeditOptions | undefined, env: TcPrintEnv): string | undefined {
  p.string('any', 'kind', '%s ', 'skbedit');
  if (!o) return undefined;
  if (!o.parms) return 'Missing skbedit parameters';
  if (o.queueMapping !== undefined) p.uint('any', 'queue_mapping', 'queue_mapping %u', o.queueMapping);
  if (o.priority !== undefined) p.string('any', 'priority', ' priority %s', formatClassid(o.priority));
  if (o.mark !== undefined) p.uint('any', 'mark', ' mark %u', o.mark);
  if (o.mask !== undefined) p.hex('any', 'mask', '/%#x', o.mask);
  if (o.ptype !== undefined) {
    const name = PTYPES[o.ptype];
    if (name) p.string('any', 'ptype', ' ptype %s', name);
    else p.uint('any', 'ptype', ' ptype %u', o.ptype);
  }
  if (o.flags !== undefined && o.flags & BigInt(SKBEDIT_F_INHERITDSFIELD)) p.null('any', 'inheritdsfield', ' %s', 'inheritdsfield');
  printControl(p, ' ', o.parms.action, '');
  p.nl();
  p.uint('any', 'index', '\t index %u', o.parms.index);
  p.int('any', 'ref', ' ref %d', o.parms.refcnt);
  p.int('any', 'bind', ' bind %d', o.parms.bindcnt);
  if (env.stats && o.tm) printTm(p, o.tm);
  p.nl();
  return undefined;
}

export const skbeditPlug: ActionPlug<'skbedit'> = { print };
