/**
 * The `rtnl-ts` command: `rtnl-ts [OPTIONS] OBJECT { COMMAND | help }`, iproute2's grammar
 * (ip/ip.c). Options are read here; each object's module is loaded only when its object is
 * named, so start-up stays small. Everything a command does is an IpRoute call.
 */
import { readFileSync } from 'node:fs';
import { isNetnsFile, netnsPath } from '../api/netns.js';
import { InvalidArgumentError } from '../api/errors.js';
import * as path from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';
import { CommandContext, writeAll, type Globals } from './context.js';
import { errorText } from '../netlink/errno.js';
import { findObject, findVerb, IP_OBJECTS, PROGRAMS, type CommandObject, type Handler, type Handlers } from './commands.js';
import { CliExit, CliFailure } from './errors.js';
import { report } from './report.js';
import { matches, Words } from './words.js';
import { MAIN_USAGE } from './usage.js';

function usage(): never {
  throw new CliExit(MAIN_USAGE);
}

function defaultGlobals(): Globals {
  return {
    json: false, pretty: false, details: 0, stats: 0, brief: false, oneline: false, human: false, iec: false,
    family: undefined, netns: undefined, force: false, all: false, batch: false, timestamp: 0, timestampShort: false,
    color: 'never',
  };
}

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Read the leading options (ip.c's loop). Returns the rest of the words and the batch file. */
/** matches_color: -c[olor] alone or =always is 'always'; =auto, =never; anything else is no color option. */
export function colorOption(opt: string): 'never' | 'auto' | 'always' | undefined {
  const eq = opt.indexOf('=');
  if (!matches(eq < 0 ? opt : opt.slice(0, eq), '-color')) return undefined;
  const value = eq < 0 ? '' : opt.slice(eq + 1);
  if (value === '' || value === 'always') return 'always';
  return value === 'auto' || value === 'never' ? value : undefined;
}

export function parseOptions(args: readonly string[], g: Globals): { rest: string[]; batchFile: string | undefined; version: boolean } {
  let i = 0;
  let batchFile: string | undefined;
  const arg = (): string => {
    i++;
    if (i >= args.length) usage();
    return args[i]!;
  };
  for (; i < args.length; i++) {
    let opt = args[i]!;
    if (opt === '--') { i++; break; }
    if (!opt.startsWith('-')) break;
    if (opt[1] === '-') opt = opt.slice(1);
    if (matches(opt, '-loops')) {
      arg(); // accepted for compatibility; flush rounds are the API's business
    } else if (matches(opt, '-family')) {
      const f = arg();
      if (f === 'help') usage();
      if (f === 'inet' || f === 'inet6') g.family = f;
      else if (f === 'link') g.family = 'link';
      else throw new CliExit(`Error: argument "${f}" is wrong: invalid protocol family`);
    } else if (opt === '-4') {
      g.family = 'inet';
    } else if (opt === '-6') {
      g.family = 'inet6';
    } else if (opt === '-0') {
      g.family = 'link';
    } else if (matches(opt, '-human') || matches(opt, '-human-readable')) {
      g.human = true;
    } else if (matches(opt, '-iec')) {
      g.iec = true;
    } else if (matches(opt, '-stats') || matches(opt, '-statistics')) {
      g.stats++;
    } else if (matches(opt, '-details')) {
      g.details++;
    } else if (matches(opt, '-resolve')) {
      // names are never resolved through DNS by rtnl-ts
    } else if (matches(opt, '-oneline')) {
      g.oneline = true;
    } else if (matches(opt, '-timestamp')) {
      g.timestamp++;
    } else if (matches(opt, '-tshort')) {
      g.timestamp++;
      g.timestampShort = true;
    } else if (matches(opt, '-Version')) {
      return { rest: [], batchFile: undefined, version: true };
    } else if (matches(opt, '-force')) {
      g.force = true;
    } else if (matches(opt, '-batch')) {
      batchFile = arg();
    } else if (matches(opt, '-brief')) {
      g.brief = true;
    } else if (matches(opt, '-json')) {
      g.json = true;
    } else if (matches(opt, '-pretty')) {
      g.pretty = true;
    } else if (colorOption(opt) !== undefined) {
      g.color = colorOption(opt)!;
    } else if (matches(opt, '-help')) {
      usage();
    } else if (matches(opt, '-netns')) {
      i++;
      // ip reads the name without checking it is there: netns_switch(NULL).
      if (i >= args.length) throw new CliExit('Cannot open network namespace "(null)": No such file or directory');
      g.netns = args[i]!;
    } else if (matches(opt, '-Numeric')) {
      // numbers are already printed as numbers where ip would
    } else if (matches(opt, '-all')) {
      g.all = true;
    } else {
      throw new CliExit(`Option "${args[i]!}" is unknown, try "rtnl-ts -help".`);
    }
  }
  return { rest: args.slice(i), batchFile, version: false };
}

/** The object an (abbreviated) word names, in ip's order of precedence, or undefined. */
export function objectFor(word: string): string | undefined {
  return findObject(IP_OBJECTS, word)?.name;
}

/** Run the words after an object through its verb table (commands.ts). */
async function dispatch(ctx: CommandContext, obj: CommandObject, h: Handlers, words: Words): Promise<number> {
  const run = (name: string | undefined): Handler => {
    const handler = name === undefined ? undefined : h[name];
    if (!handler) throw new Error(`commands.ts: object "${obj.name}" names handler "${String(name)}", which its module lacks`);
    return handler;
  };
  if (obj.guard) await run(obj.guard)(ctx, words);
  if (words.done) return run(obj.bare)(ctx, words);
  const word = words.cur;
  const verb = findVerb(obj, word);
  if (verb) {
    words.skip();
    if (verb.run === 'unsupported') throw new CliFailure(`rtnl-ts: "${obj.name} ${word}" is not supported by rtnl-ts`, 1);
    return run(verb.run)(ctx, words);
  }
  if (obj.other) return run(obj.other)(ctx, words);
  throw new CliExit(`Command "${word}" is unknown, try "rtnl-ts ${obj.helpName ?? obj.name} help".`);
}

/** Run one command (OBJECT COMMAND ...) and return its status; CliExit propagates. */
export async function runCommand(ctx: CommandContext, words: readonly string[]): Promise<number> {
  const name = words[0]!;
  const obj = findObject(IP_OBJECTS, name);
  if (!obj) {
    ctx.err(`Object "${name}" is unknown, try "rtnl-ts help".`);
    return 1;
  }
  if (!obj.load) {
    ctx.err(`Object "${obj.name}" is not implemented by rtnl-ts.`);
    return 1;
  }
  const handlers = await obj.load();
  try {
    return await dispatch(ctx, obj, handlers, new Words(words.slice(1)));
  } catch (e) {
    const r = report(e);
    if (r.exit) throw e instanceof CliExit ? e : new CliExit(r.message, r.status);
    if (r.out !== undefined) ctx.out(r.out);
    if (r.message) ctx.err(r.message);
    return r.status;
  }
}

/**
 * `-n NAME` must name one entry of /run/netns (checked before anything is opened: "../fifo"
 * would reach outside it, and ip hangs there) holding a network namespace, in ip's words:
 * netns_switch's messages, and `ip netns`'s for a bad name.
 */
function checkNetns(name: string): void {
  let isNetns: boolean;
  try {
    isNetns = isNetnsFile(netnsPath(name));
  } catch (e) {
    if (e instanceof InvalidArgumentError) throw new CliExit(`Invalid netns name "${name}"`);
    throw new CliExit(`Cannot open network namespace "${name}": ${errorText(e)}`);
  }
  if (!isNetns) throw new CliExit(`setting the network namespace "${name}" failed: Invalid argument`);
}

function readBatch(file: string): string {
  return readFileSync(file === '-' ? 0 : file, 'utf8');
}

async function runBatch(ctx: CommandContext, file: string): Promise<number> {
  let text: string;
  try {
    text = readBatch(file);
  } catch (e) {
    ctx.err(`Cannot open file "${file}" for reading: ${errorText(e)}`);
    return 1;
  }
  const { runBatchText } = await import('./batch.js');
  return runBatchText(ctx, file, text, runCommand);
}

/** The whole program: options, then one command or a batch. Resolves with the exit status. */
export async function main(args: readonly string[]): Promise<number> {
  const program = args[0] !== undefined && Object.prototype.hasOwnProperty.call(PROGRAMS, args[0]) ? PROGRAMS[args[0]] : undefined;
  if (program) return (await program()).main(args.slice(1));
  const g = defaultGlobals();
  const ctx = new CommandContext(g);
  try {
    const { rest, batchFile, version: v } = parseOptions(args, g);
    if (v) {
      ctx.out(`rtnl-ts utility, rtnl-ts-${version()} (iproute2-6.1 grammar)\n`);
      return 0;
    }
    if (g.netns !== undefined) checkNetns(g.netns);
    if (batchFile !== undefined) return await runBatch(ctx, batchFile);
    if (rest.length === 0) usage();
    return await runCommand(ctx, rest);
  } catch (e) {
    const r = report(e);
    if (r.message) writeAll(2, `${r.message}\n`);
    return r.status;
  } finally {
    await ctx.close();
  }
}
