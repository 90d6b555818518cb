/**
 * `rtnl-ts tc ...`: the tc program (tc/tc.c) — its options, its objects (qdisc, class, filter,
 * chain, actions, monitor, exec, help) matched as tc matches them, one command or a -batch file.
 * Everything a command does is an `ip.tc` call; output and errors are tc's.
 */
import type { CompletionTree } from '../commands.js';
import { closeSync, openSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { errorText } from '../../netlink/errno.js';
import { PACKAGE_ROOT } from '../../paths.js';
import { writeAll } from '../context.js';
import { CliExit } from '../errors.js';
import { report } from '../report.js';
import { batchLines, matches, splitLine, Words } from '../words.js';
import { TcContext, tcGlobals, type TcGlobals } from './context.js';

export const TC_USAGE = 'Usage:\ttc [ OPTIONS ] OBJECT { COMMAND | help }\n\ttc [-force] -batch filename\nwhere  OBJECT := { qdisc | class | filter | chain |\n\t\t    action | monitor | exec }\n       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[aw] |\n\t\t    -o[neline] | -j[son] | -p[retty] | -c[olor]\n\t\t    -b[atch] [filename] | -n[etns] name | -N[umeric] |\n\t\t     -nm | -nam[es] | { -cf | -conf } path\n\t\t     -br[ief] }';

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The objects of tc's do_cmd, in its order of matching. */
const OBJECTS: readonly [string, (ctx: TcContext, words: Words) => Promise<number>][] = [
  ['qdisc', async (ctx, w) => (await import('./qdisc.js')).doQdisc(ctx, w)],
  ['class', async (ctx, w) => (await import('./class.js')).doClass(ctx, w)],
  ['filter', async (ctx, w) => (await import('./filter.js')).doFilter(ctx, w)],
  ['chain', async () => { throw new CliExit('rtnl-ts: "tc chain" is not supported by rtnl-ts yet', 1); }],
  ['actions', async (ctx, w) => (await import('./action.js')).doAction(ctx, w)],
  ['monitor', async () => { throw new CliExit('rtnl-ts: "tc monitor" is not supported by rtnl-ts', 1); }],
  ['exec', async () => { throw new CliExit('rtnl-ts: "tc exec" is not supported by rtnl-ts', 1); }],
  ['help', async (ctx) => { ctx.err(TC_USAGE); return 0; }],
];

/** do_cmd: one command's words; resolves with its status. */
export async function runTcCommand(ctx: TcContext, words: readonly string[]): Promise<number> {
  const name = words[0]!;
  const obj = OBJECTS.find(([o]) => matches(name, o));
  if (!obj) {
    ctx.err(`Object "${name}" is unknown, try "tc help".`);
    return 255;
  }
  try {
    return await obj[1](ctx, new Words(words.slice(1)));
  } catch (e) {
    const r = report(e);
    if (r.exit) throw e instanceof CliExit ? e : new CliExit(r.message, r.status);
    if (r.message) ctx.err(r.message);
    return r.status;
  }
}

/** tc.c's option loop; returns the words after the options. */
function parseOptions(args: readonly string[], g: TcGlobals): { rest: string[]; batchFile: string | undefined; version: boolean; help: boolean } {
  let i = 0;
  let batchFile: string | undefined;
  for (; i < args.length; i++) {
    const opt = args[i]!;
    if (!opt.startsWith('-')) break;
    if (matches(opt, '-stats') || matches(opt, '-statistics')) g.stats++;
    else if (matches(opt, '-details')) g.details++;
    else if (matches(opt, '-raw')) g.raw++;
    else if (matches(opt, '-pretty')) g.pretty = true;
    else if (matches(opt, '-graph')) g.graph = true;
    else if (matches(opt, '-Version')) return { rest: [], batchFile, version: true, help: false };
    else if (matches(opt, '-iec')) g.iec = true;
    else if (matches(opt, '-help')) return { rest: [], batchFile, version: false, help: true };
    else if (matches(opt, '-force')) g.force = true;
    else if (matches(opt, '-batch')) {
      i++;
      if (i >= args.length) writeAll(2, `${TC_USAGE}\n`);
      batchFile = args[i] ?? '-';
    } else if (matches(opt, '-netns')) {
      i++;
      if (i >= args.length) throw new CliExit('Command line is not complete. Try option "help"');
      g.netns = args[i]!;
    } else if (matches(opt, '-Numeric')) g.numeric++;
    else if (matches(opt, '-names') || matches(opt, '-nm')) g.names = true;
    else if (matches(opt, '-cf') || matches(opt, '-conf')) {
      i++;
      if (i >= args.length) throw new CliExit('Command line is not complete. Try option "help"');
      g.confFile = args[i]!;
    } else if (opt === '-color' || opt.startsWith('-color=') || matches(opt, '-color')) {
      // colours are never used: the output is the same as without a terminal
    } else if (matches(opt, '-timestamp')) g.timestamp++;
    else if (matches(opt, '-tshort')) { g.timestamp++; g.timestampShort = true; }
    else if (matches(opt, '-json')) g.json = true;
    else if (matches(opt, '-oneline')) g.oneline = true;
    else if (matches(opt, '-brief')) g.brief = true;
    else throw new CliExit(`Option "${opt}" is unknown, try "tc -help".`);
  }
  return { rest: args.slice(i), batchFile, version: false, help: false };
}

/** `-n NAME`: the namespace must open (netns_switch's message otherwise). */
function checkNetns(name: string): void {
  try {
    closeSync(openSync(`/run/netns/${name}`, 'r'));
  } catch (e) {
    throw new CliExit(`Cannot open network namespace "${name}": ${errorText(e)}`);
  }
}

async function runBatch(ctx: TcContext, file: string): Promise<number> {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    ctx.err(`Cannot open file "${file}" for reading: ${errorText(e)}`);
    return 1;
  }
  ctx.g.batch = true;
  let status = 0;
  for (const { line, text: cmd } of batchLines(text)) {
    const words = splitLine(cmd);
    if (words === null) throw new CliExit('Unterminated quoted string', 1);
    if (words.length === 0) continue;
    const rc = await runTcCommand(ctx, words);
    if (rc !== 0) {
      ctx.err(`Command failed ${file}:${line}`);
      status = 1;
      if (!ctx.g.force) break;
    }
  }
  return status;
}

/** The tc program: options, then one command or a batch. Resolves with the exit status. */
export async function main(args: readonly string[]): Promise<number> {
  const g = tcGlobals();
  const ctx = new TcContext(g);
  try {
    const { rest, batchFile, version: v, help } = parseOptions(args, g);
    if (v) {
      ctx.out(`tc utility, rtnl-ts-${version()} (iproute2-6.1 grammar)\n`);
      return 0;
    }
    if (help) {
      ctx.err(TC_USAGE);
      return 0;
    }
    if (g.netns !== undefined) checkNetns(g.netns);
    if (batchFile !== undefined) return await runBatch(ctx, batchFile);
    if (rest.length === 0) {
      ctx.err(TC_USAGE);
      return 0;
    }
    return await runTcCommand(ctx, rest);
  } catch (e) {
    const r = report(e);
    if (r.message) writeAll(2, `${r.message}\n`);
    return r.status;
  } finally {
    await ctx.close();
  }
}

/** tc's verbs by object, for shell completion (each object's module matches them in this order). */
const TC_VERBS: Readonly<Record<string, readonly string[]>> = {
  qdisc: ['add', 'delete', 'change', 'replace', 'link', 'show', 'list', 'help'],
  class: ['add', 'delete', 'change', 'replace', 'show', 'list', 'help'],
  filter: ['add', 'delete', 'change', 'replace', 'show', 'list', 'get', 'help'],
  chain: ['add', 'delete', 'show', 'list', 'get', 'help'],
  actions: ['add', 'delete', 'change', 'replace', 'get', 'list', 'flush', 'help'],
};

/** tc's options in parseOptions' order and its objects, for shell completion. */
export const completion: CompletionTree = {
  options: [
    { name: '-statistics' }, { name: '-details' }, { name: '-raw' }, { name: '-pretty' }, { name: '-graph' },
    { name: '-Version' }, { name: '-iec' }, { name: '-help' }, { name: '-force' }, { name: '-batch', arg: 'file' },
    { name: '-netns', arg: 'netns' }, { name: '-Numeric' }, { name: '-names' }, { name: '-conf', arg: 'file' },
    { name: '-color' }, { name: '-timestamp' }, { name: '-tshort' }, { name: '-json' }, { name: '-oneline' }, { name: '-brief' },
  ],
  objects: Object.fromEntries(OBJECTS.map(([o]) => [o, TC_VERBS[o] ?? []])),
};
