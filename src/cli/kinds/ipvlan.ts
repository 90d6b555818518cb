/**
 * `type ipvlan` / `type ipvtap` words (ip/iplink_ipvlan.c ipvlan_parse_opt) and their `-d`
 * details (ipvlan_print_opt).
 */
import type { IpvlanFlag, IpvlanMode, IpvlanOptions } from '../../api/kinds/index.js';
import { IPVLAN_F_PRIVATE, IPVLAN_F_VEPA, ipvlanModeName, type IpvlanInfo } from '../../rtnl/link/index.js';
import { CliFailure } from '../errors.js';
import type { Printer } from '../printer.js';
import { renameProgram } from '../usage.js';
import { matches, type Words } from '../words.js';
import type { CliKind, KindWords, KindWordsEnv } from './plug.js';

const help = (kind: string): string => renameProgram(`Usage: ... ${kind} [ mode MODE ] [ FLAGS ]\n\nMODE: l3 | l3s | l2\nFLAGS: bridge | private | vepa\n(first values are the defaults if nothing is specified).\n`);

/** ip reads one flag word at most; it sends IFLA_IPVLAN_FLAGS (bridge unless told) whenever it reads words. */
function parseIpvlan(words: Words, env: KindWordsEnv): KindWords<IpvlanOptions> {
  const r: KindWords<IpvlanOptions>['options'] = {};
  let flag: IpvlanFlag | undefined;
  const explain = help(env.kind).replace(/\n$/, '');
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (matches(w, 'mode')) {
      const v = words.next();
      if (v !== 'l2' && v !== 'l3' && v !== 'l3s') throw new CliFailure('Error: argument of "mode" must be either "l2", "l3" or "l3s"', 1);
      r.mode = v as IpvlanMode;
    } else if (flag === undefined && matches(w, 'private')) {
      flag = 'private';
    } else if (flag === undefined && matches(w, 'vepa')) {
      flag = 'vepa';
    } else if (flag === undefined && matches(w, 'bridge')) {
      flag = 'bridge';
    } else if (matches(w, 'help')) {
      throw new CliFailure(explain, 1);
    } else {
      throw new CliFailure(`${env.kind}: unknown option "${w}"?\n${explain}`, 1);
    }
  }
  r.flag = flag ?? 'bridge';
  return { options: r };
}

function printIpvlan(p: Printer, d: IpvlanInfo): void {
  if (d.mode !== undefined) {
    const mode = ipvlanModeName(d.mode);
    p.string('any', 'mode', ' mode %s ', typeof mode === 'string' ? mode : 'unknown');
  }
  if (d.flags !== undefined) {
    if (d.flags & IPVLAN_F_PRIVATE) p.bool('any', 'private', 'private ', true);
    else if (d.flags & IPVLAN_F_VEPA) p.bool('any', 'vepa', 'vepa ', true);
    else p.bool('any', 'bridge', 'bridge ', true);
  }
}

export const ipvlanCli: CliKind<'ipvlan'> = {
  parse: parseIpvlan,
  print: printIpvlan,
  help: help('ipvlan'),
};

export const ipvtapCli: CliKind<'ipvtap'> = {
  parse: parseIpvlan,
  print: printIpvlan,
  help: help('ipvtap'),
};
