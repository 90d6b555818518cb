/** `type vrf` words (ip/iplink_vrf.c vrf_parse_opt), its `-d` details and its ports' (vrf_slave). */
import type { VrfOptions } from '../../api/kinds/index.js';
import type { VrfInfo, VrfPortInfo } from '../../rtnl/link/index.js';
import { tables } from '../../rtnl/route/index.js';
import { CliFailure, invarg } from '../errors.js';
import type { Printer } from '../printer.js';
import { renameProgram } from '../usage.js';
import { matches, type Words } from '../words.js';
import type { CliKind, CliSlaveKind, KindWords } from './plug.js';

const HELP = renameProgram('Usage: ... vrf table TABLEID\n');
const explain = (): string => HELP.replace(/\n$/, '');

function parseVrf(words: Words): KindWords<VrfOptions> {
  const r: KindWords<VrfOptions>['options'] = {};
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (matches(w, 'table')) {
      const v = words.next();
      const n = tables.number(v);
      if (n === undefined) throw invarg('invalid table ID\n', v);
      r.table = n;
    } else if (matches(w, 'help')) {
      throw new CliFailure(explain(), 1);
    } else {
      throw new CliFailure(`vrf: unknown option "${w}"?\n${explain()}`, 1);
    }
  }
  return { options: r };
}

function printTable(p: Printer, d: VrfInfo | VrfPortInfo): void {
  if (d.table !== undefined) p.uint('any', 'table', 'table %u ', d.table);
}

export const vrfCli: CliKind<'vrf'> = {
  parse: parseVrf,
  print: printTable,
  help: HELP,
};

/** A VRF port's `-d` details; ip has no words or help for vrf_slave. */
export const vrfSlaveCli: CliSlaveKind<'vrf_slave'> = {
  print: printTable,
};
