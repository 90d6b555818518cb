/** `type macvlan` / `type macvtap` words (ip/iplink_macvlan.c) and their `-d` details. */
import type { MacvlanMode, MacvlanOptions } from '../../api/kinds/index.js';
import type { MacvlanInfo } from '../../rtnl/link/index.js';
import { CliFailure } from '../errors.js';
import type { Printer } from '../printer.js';
import { renameProgram } from '../usage.js';
import { matches, type Words } from '../words.js';
import type { CliKind, KindWords, KindWordsEnv } from './plug.js';

const HELP = renameProgram("Usage: ... macvlan mode MODE [flag MODE_FLAG] MODE_OPTS [bcqueuelen BC_QUEUE_LEN]\n\nMODE: private | vepa | bridge | passthru | source\nMODE_FLAG: null | nopromisc | nodst\nMODE_OPTS: for mode \"source\":\n\tmacaddr { { add | del } <macaddr> | set [ <macaddr> [ <macaddr>  ... ] ] | flush }\nBC_QUEUE_LEN: Length of the rx queue for broadcast/multicast: [0-4294967295]\n");

const MODE_WORDS = ['private', 'vepa', 'bridge', 'passthru', 'source'];

function parseMacvlan(words: Words, env: KindWordsEnv): KindWords<MacvlanOptions>['options'] {
  const r: KindWords<MacvlanOptions>['options'] = {};
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (matches(w, 'mode')) {
      const v = words.next();
      if (!MODE_WORDS.includes(v)) {
        throw new CliFailure(`Error: argument of "mode" must be "private", "vepa", "bridge", "passthru" or "source", not "${v}"`, 1);
      }
      r.mode = v as MacvlanMode;
    } else if (matches(w, 'help')) {
      throw new CliFailure((env.kind === 'macvtap' ? macvtapCli : macvlanCli).help!.replace(/\n$/, ''), 1);
    } else {
      throw new CliFailure(`macvlan: unknown command "${w}"?\n${(env.kind === 'macvtap' ? macvtapCli : macvlanCli).help!.replace(/\n$/, '')}`, 1);
    }
  }
  return r;
}

const MACVLAN_MODES: Readonly<Record<number, string>> = { 1: 'private', 2: 'vepa', 4: 'bridge', 8: 'passthru', 16: 'source' };
const MACVLAN_FLAG_NOPROMISC = 1;
const MACVLAN_FLAG_NODST = 2;
const MACVLAN_MODE_SOURCE = 16;

function printMacvlan(p: Printer, d: MacvlanInfo): void {
  if (d.mode === undefined) return;
  p.string('any', 'mode', 'mode %s ', MACVLAN_MODES[d.mode] ?? 'unknown');
  const flags = d.flags ?? 0;
  if (flags & MACVLAN_FLAG_NOPROMISC) p.bool('any', 'nopromisc', 'nopromisc ', true);
  if (flags & MACVLAN_FLAG_NODST) p.bool('any', 'nodst', 'nodst ', true);
  if (d.bcQueueLen !== undefined) p.uint('any', 'bcqueuelen', 'bcqueuelen %lu ', d.bcQueueLen);
  if (d.bcQueueLenUsed !== undefined) p.uint('any', 'usedbcqueuelen', 'usedbcqueuelen %lu ', d.bcQueueLenUsed);
  if (d.mode !== MACVLAN_MODE_SOURCE || d.macaddrCount === undefined) return;
  p.int('any', 'macaddr_count', 'remotes (%d) ', d.macaddrCount);
  if (!d.macaddrData) return;
  p.openArray('json', 'macaddr_data');
  for (const mac of d.macaddrData.macaddr ?? []) {
    p.string('any', null, '%s ', mac);
  }
  p.closeArray('json', null);
}

export const macvlanCli: CliKind<'macvlan'> = {
  parse: (words, env) => ({ options: parseMacvlan(words, env) }),
  print: printMacvlan,
  help: HELP,
};

export const macvtapCli: CliKind<'macvtap'> = {
  ...macvlanCli,
  help: renameProgram("Usage: ... macvtap mode MODE [flag MODE_FLAG] MODE_OPTS [bcqueuelen BC_QUEUE_LEN]\n\nMODE: private | vepa | bridge | passthru | source\nMODE_FLAG: null | nopromisc | nodst\nMODE_OPTS: for mode \"source\":\n\tmacaddr { { add | del } <macaddr> | set [ <macaddr> [ <macaddr>  ... ] ] | flush }\nBC_QUEUE_LEN: Length of the rx queue for broadcast/multicast: [0-4294967295]\n"),
};
