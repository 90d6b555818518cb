/**
 * `rtnl-ts bridge ...`: the bridge program (bridge/bridge.c) — its options, its objects (link,
 * fdb, mdb, vlan, vni, monitor, help) matched as bridge matches them, one command or a -batch
 * file. Everything a command does is an `ip.bridge` call; output, errors and statuses are bridge's.
 */
import type { CompletionTree } from '../commands.js';
import { closeSync, openSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { errorText } from '../../netlink/errno.js';
import { PACKAGE_ROOT } from '../../paths.js';
import { writeAll } from '../context.js';
import { CliExit } from '../errors.js';
import { colorOption } from '../main.js';
import { report } from '../report.js';
import { batchLines, matches, splitLine, Words } from '../words.js';
import { BridgeContext, bridgeGlobals, type BridgeGlobals } from './context.js';

export const BRIDGE_USAGE = 'Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }\n       bridge [ -force ] -batch filename\nwhere  OBJECT := { link | fdb | mdb | vlan | monitor }\n       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] |\n                    -o[neline] | -t[imestamp] | -n[etns] name |\n                    -c[ompressvlans] -color -p[retty] -j[son] }';

/** usage(): bridge prints it and exits with status 255. */
const usage = (): CliExit => new CliExit(BRIDGE_USAGE);

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

type Run = (ctx: BridgeContext, words: Words) => Promise<number>;
const unsupported = (what: string): Run => async () => { throw new CliExit(`rtnl-ts: "bridge ${what}" is not supported by rtnl-ts yet`, 1); };

/** The objects of bridge's cmds[], in its order of matching. */
const OBJECTS: readonly [string, Run][] = [
  ['link', async (ctx, w) => (await import('./link.js')).doLink(ctx, w)],
  ['fdb', async (ctx, w) => (await import('./fdb.js')).doFdb(ctx, w)],
  ['mdb', async (ctx, w) => (await import('./mdb.js')).doMdb(ctx, w)],
  ['vlan', async (ctx, w) => (await import('./vlan.js')).doVlan(ctx, w)],
  ['vni', unsupported('vni')],
  ['monitor', async (ctx, w) => (await import('./monitor.js')).doMonitor(ctx, w)],
  ['help', async () => { throw usage(); }],
];

/** do_cmd: one command's words; resolves with its status. */
export async function runBridgeCommand(ctx: BridgeContext, words: readonly string[]): Promise<number> {
  const name = words[0]!;
  const obj = OBJECTS.find(([o]) => matches(name, o));
  if (!obj) {
    ctx.err(`Object "${name}" is unknown, try "bridge help".`);
    return 255;
  }
  try {
    return await obj[1](ctx, new Words(words.slice(1)));
  } catch (e) {
    const r = report(e, 255);
    if (r.exit) throw e instanceof CliExit ? e : new CliExit(r.message, r.status);
    if (r.out) ctx.out(r.out);
    if (r.message) ctx.err(r.message);
    return r.status;
  }
}

/** bridge.c's option loop; returns the words after the options. */
function parseOptions(args: readonly string[], g: BridgeGlobals): { rest: string[]; batchFile: string | undefined; version: boolean } {
  let i = 0;
  let batchFile: string | undefined;
  for (; i < args.length; i++) {
    let opt = args[i]!;
    if (opt === '--') { i++; break; }
    if (!opt.startsWith('-')) break;
    if (opt.startsWith('--')) opt = opt.slice(1);
    if (matches(opt, '-help')) throw usage();
    else if (matches(opt, '-Version')) return { rest: [], batchFile, version: true };
    else if (matches(opt, '-stats') || matches(opt, '-statistics')) g.stats++;
    else if (matches(opt, '-details')) g.details++;
    else if (matches(opt, '-oneline')) g.oneline = true;
    else if (matches(opt, '-timestamp')) g.timestamp++;
    else if (matches(opt, '-family')) {
      i++;
      if (i >= args.length) throw usage();
      const f = args[i]!;
      if (f === 'inet' || f === 'inet6') g.family = f;
      else if (f === 'help') throw usage();
      else throw new CliExit(`Error: argument "${f}" is wrong: invalid protocol family`);
    } else if (opt === '-4') g.family = 'inet';
    else if (opt === '-6') g.family = 'inet6';
    else if (matches(opt, '-netns')) {
      i++;
      if (i >= args.length) throw new CliExit('Command line is not complete. Try option "help"');
      g.netns = args[i]!;
      checkNetns(g.netns);
    } else if (colorOption(opt) !== undefined) g.color = colorOption(opt)!;
    else if (matches(opt, '-compressvlans')) g.compressVlans++;
    else if (matches(opt, '-force')) g.force = true;
    else if (matches(opt, '-json')) g.json = true;
    else if (matches(opt, '-pretty')) g.pretty = true;
    else if (matches(opt, '-batch')) {
      i++;
      if (i >= args.length) throw usage();
      batchFile = args[i]!;
    } else throw new CliExit(`Option "${opt}" is unknown, try "bridge help".`);
  }
  return { rest: args.slice(i), batchFile, version: false };
}

/** `-n NAME`: the namespace must open (netns_switch's message otherwise). */
function checkNetns(name: string): void {
  try {
    closeSync(openSync(`/run/netns/${name}`, 'r'));
  } catch (e) {
    throw new CliExit(`Cannot open network namespace "${name}": ${errorText(e)}`);
  }
}

async function runBatch(ctx: BridgeContext, file: string): Promise<number> {
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
    const rc = await runBridgeCommand(ctx, words);
    if (rc !== 0) {
      ctx.err(`Command failed ${file}:${line}`);
      status = 1;
      if (!ctx.g.force) break;
    }
  }
  return status;
}

/** The bridge program: options, then one command or a batch. Resolves with the exit status. */
export async function main(args: readonly string[]): Promise<number> {
  const g = bridgeGlobals();
  const ctx = new BridgeContext(g);
  try {
    const { rest, batchFile, version: v } = parseOptions(args, g);
    if (v) {
      ctx.out(`bridge utility, rtnl-ts-${version()} (iproute2-6.1 grammar)\n`);
      return 0;
    }
    if (batchFile !== undefined) return await runBatch(ctx, batchFile);
    if (rest.length === 0) throw usage();
    return await runBridgeCommand(ctx, rest);
  } catch (e) {
    const r = report(e, 255);
    if (r.message) writeAll(2, `${r.message}\n`);
    return r.status;
  } finally {
    await ctx.close();
  }
}

/** bridge's verbs by object, for shell completion (as each object's module matches them). */
const BRIDGE_VERBS: Readonly<Record<string, readonly string[]>> = {
  link: ['set', 'change', 'show', 'list', 'help'],
  fdb: ['add', 'append', 'delete', 'replace', 'show', 'list', 'flush', 'help'],
  mdb: ['add', 'delete', 'show', 'list', 'help'],
  vlan: ['add', 'delete', 'set', 'show', 'list', 'tunnelshow', 'global', 'help'],
  vni: ['add', 'delete', 'show', 'list', 'help'],
  monitor: ['link', 'fdb', 'mdb', 'vlan', 'vni', 'all', 'help'],
};

/** bridge's options in parseOptions' order and its objects, for shell completion. */
export const completion: CompletionTree = {
  options: [
    { name: '-help' }, { name: '-Version' }, { name: '-statistics' }, { name: '-details' }, { name: '-oneline' },
    { name: '-timestamp' }, { name: '-family', arg: 'family' }, { name: '-4' }, { name: '-6' }, { name: '-netns', arg: 'netns' },
    { name: '-color' }, { name: '-compressvlans' }, { name: '-force' }, { name: '-json' }, { name: '-pretty' },
    { name: '-batch', arg: 'file' },
  ],
  objects: Object.fromEntries(OBJECTS.filter(([o]) => o !== 'help').map(([o]) => [o, BRIDGE_VERBS[o] ?? []])),
};
