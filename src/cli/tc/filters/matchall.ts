/** The matchall filter's printer (tc/f_matchall.c matchall_print_opt). */
import { formatClassid, type MatchallOptions } from '../../../rtnl/tc/index.js';
import type { Printer } from '../../printer.js';
import { printActions } from '../actions/index.js';
import { printClsFlags, type FilterPlug, type FilterPrintEnv } from './plug.js';

function print(p: Printer, o: MatchallOptions, env: FilterPrintEnv): void {
  if (env.handle) p.uint('any', 'handle', 'handle 0x%x ', env.handle);
  if (o.classid !== undefined) p.string('any', 'flowid', 'flowid %s ', formatClassid(o.classid));
  if (o.flags !== undefined) printClsFlags(p, o.flags, (w) => `\n  ${w}`);
  if (env.stats && o.pcnt) p.uint('any', 'rule_hit', ' (rule hit %llu)', o.pcnt.rhit);
  if (o.actions) printActions(p, o.actions, env, true, env.err);
}

export const matchallPlug: FilterPlug<'matchall'> = { print };
