/**
 * `rtnl-ts netns ...` (ip/ipnetns.c's do_netns): list, list-id, add, attach, set, delete
 * [-all], identify, pids, exec [-all], monitor, help — each an `ip.netns` call, with ip's
 * messages (naming /run/netns, as Debian's iproute2 does).
 */
import type { ExecResult } from '../api/netns.js';
import type { Handler, Handlers } from './commands.js';
import type { CommandContext } from './context.js';
import { CliExit, CliFailure, duparg, invarg } from './errors.js';
import { parseInteger } from './numbers.js';
import { errorText } from '../netlink/errno.js';
import { privilegeHint, report } from './report.js';
import { NETNS_USAGE } from './usage.js';
import { matches, type Words } from './words.js';

/** NETNS_RUN_DIR as Debian's iproute2 prints it in messages. */
const RUN_DIR = '/run/netns';

/** A mount or unshare refused for lack of privilege, in ip's words plus which capability is missing. */
function mountFailure(e: unknown): unknown {
  const syscall = (e as { syscall?: string }).syscall;
  const code = (e as { code?: string }).code;
  if (syscall === undefined || (code !== 'EPERM' && code !== 'EACCES')) return e;
  const what = syscall.startsWith('mount') ? `mount --make-shared ${RUN_DIR} failed` : syscall.startsWith('unshare') ? 'Failed to create a new network namespace' : syscall;
  return new CliFailure(`${what}: ${why(e)}\n${privilegeHint('CAP_SYS_ADMIN')}`, 1);
}

const why = errorText;

/** invalid_name: empty, too long, with '/', '.' or '..'. */
function invalidName(name: string): boolean {
  return name === '' || Buffer.byteLength(name) > 255 || name.includes('/') || name === '.' || name === '..';
}

async function listNetns(ctx: CommandContext): Promise<number> {
  const ip = await ctx.ip();
  const p = ctx.printer();
  p.begin();
  for (const e of await ip.netns.list()) {
    p.openObject();
    p.string('any', 'name', '%s', e.name);
    if (e.id !== undefined) p.int('any', 'id', ' (id: %d)', e.id);
    p.string('fp', null, '\n', null);
    p.closeObject();
  }
  p.end();
  ctx.flush(p);
  return 0;
}

async function listId(ctx: CommandContext, words: Words): Promise<number> {
  let target: number | undefined;
  let nsid: number | undefined;
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (w === 'target-nsid' || w === 'nsid') {
      const isTarget = w === 'target-nsid';
      if (isTarget ? target !== undefined : nsid !== undefined) throw duparg(w, w);
      const v = words.next();
      const n = parseInteger(v);
      if (n === undefined) throw invarg(`"${w}" value is invalid`, v);
      if (n < 0) throw invarg(`"${w}" value should be >= 0`, words.peek() ?? '(null)');
      if (isTarget) target = n;
      else nsid = n;
    } else {
      throw new CliExit(NETNS_USAGE);
    }
  }
  const ip = await ctx.ip();
  let entries: Awaited<ReturnType<typeof ip.netns.listIds>>;
  try {
    entries = await ip.netns.listIds(target !== undefined ? { targetNsid: target } : {});
  } catch (e) {
    // A failed dump: the kernel's words, then ip's "Dump terminated", status 1.
    const r = report(e);
    if (r.exit) throw e;
    throw new CliFailure(`${r.message}\nDump terminated`, 1);
  }
  const p = ctx.printer();
  p.begin();
  for (const e of entries) {
    if (nsid !== undefined && e.nsid !== nsid) continue;
    p.openObject();
    if (e.nsid < 0) p.string('fp', null, 'nsid unassigned ', null);
    else p.int('any', 'nsid', 'nsid %d ', e.nsid);
    if (e.currentNsid !== undefined) {
      if (e.currentNsid < 0) p.string('fp', null, 'current-nsid unassigned ', null);
      else p.int('any', 'current-nsid', 'current-nsid %d ', e.currentNsid);
    }
    if (e.name !== undefined) p.string('any', 'name', '(iproute2 netns name: %s)', e.name);
    p.string('fp', null, '\n', null);
    p.closeObject();
  }
  p.end();
  ctx.flush(p);
  return 0;
}

async function add(ctx: CommandContext, words: Words): Promise<number> {
  if (words.done) throw new CliFailure('No netns name specified', 1);
  const name = words.cur;
  const ip = await ctx.ip();
  try {
    await ip.netns.add(name);
  } catch (e) {
    if ((e as { code?: string }).code === 'EEXIST' || (e as Error).name === 'NetnsError') {
      throw new CliFailure(`Cannot create namespace file "${RUN_DIR}/${name}": ${why(e)}`, 1);
    }
    throw mountFailure(e);
  }
  return 0;
}

async function attach(ctx: CommandContext, words: Words): Promise<number> {
  if (words.left < 2) throw new CliFailure('No netns name and PID specified', 1);
  const name = words.cur;
  const pidText = words.peek()!;
  const pid = parseInteger(pidText);
  if (!pid) throw new CliFailure(`Invalid PID: ${pidText}`, 1);
  const ip = await ctx.ip();
  try {
    await ip.netns.attach(name, pid);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'EEXIST') throw new CliFailure(`Cannot create namespace file "${RUN_DIR}/${name}": ${why(e)}`, 1);
    if (code === 'ENOENT' || code === 'ESRCH') throw new CliFailure(`Bind /proc/${pid}/ns/net -> ${RUN_DIR}/${name} failed: No such file or directory`, 1);
    throw e;
  }
  return 0;
}

async function set(ctx: CommandContext, words: Words): Promise<number> {
  if (words.done) throw new CliFailure('No netns name specified', 1);
  if (words.left < 2) throw new CliFailure('No nsid specified', 1);
  const name = words.cur;
  const v = words.peek()!;
  let id: number | 'auto';
  if (v === 'auto') id = 'auto';
  else {
    const n = parseInteger(v);
    if (n === undefined) throw invarg('Invalid "netnsid" value', v);
    if (n < 0) throw invarg('"netnsid" value should be >= 0', v);
    id = n;
  }
  const ip = await ctx.ip();
  try {
    await ip.netns.set(name, id);
  } catch (e) {
    if ((e as Error).name === 'NoSuchNetnsError') throw new CliFailure(`Cannot open network namespace "${name}": No such file or directory`, 1);
    throw e;
  }
  return 0;
}

async function del(ctx: CommandContext, words: Words): Promise<number> {
  const ip = await ctx.ip();
  if (ctx.g.all) {
    try {
      await ip.netns.delAll();
    } catch (e) {
      if (e instanceof AggregateError) {
        throw new CliFailure(e.errors.map((x: Error) => x.message).join('\n'), 1);
      }
      throw e;
    }
    return 0;
  }
  if (words.done) throw new CliFailure('No netns name specified', 1);
  const name = words.cur;
  try {
    await ip.netns.del(name);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') throw new CliFailure(`Cannot remove namespace file "${RUN_DIR}/${name}": No such file or directory`, 1);
    throw e;
  }
  return 0;
}

function isPid(s: string): boolean {
  return /^\d*$/.test(s);
}

async function identify(ctx: CommandContext, words: Words): Promise<number> {
  if (words.left > 1) throw new CliFailure('extra arguments specified', 1);
  let pid: number | undefined;
  if (!words.done) {
    if (!isPid(words.cur)) throw new CliFailure(`Specified string '${words.cur}' is not a pid`, 1);
    pid = Number(words.cur);
  }
  const ip = await ctx.ip();
  let names: string[];
  try {
    names = await ip.netns.identify(pid);
  } catch (e) {
    throw new CliFailure(`Cannot open network namespace: ${why(e)}`, 1);
  }
  // iproute2 keeps the last match of the directory walk.
  ctx.out(`${names[names.length - 1] ?? ''}\n`);
  return 0;
}

async function pids(ctx: CommandContext, words: Words): Promise<number> {
  if (words.done) throw new CliFailure('No netns name specified', 1);
  if (words.left > 1) throw new CliFailure('extra arguments specified', 1);
  const ip = await ctx.ip();
  let list: number[];
  try {
    list = await ip.netns.pids(words.cur);
  } catch (e) {
    throw new CliFailure(`Cannot open network namespace: ${why(e)}`, 1);
  }
  ctx.out(list.map((p) => `${p}\n`).join(''));
  return 0;
}

/** The exit status of an exec'd command; a signal is re-raised on ourselves after cleanup. */
function execStatus(ctx: CommandContext, r: ExecResult, cmd: string): number {
  if (r.error) {
    ctx.err(`exec of "${cmd}" failed: ${why(r.error)}`);
    return 1;
  }
  if (r.signal) {
    process.once('exit', () => process.kill(process.pid, r.signal!));
    return 128;
  }
  return r.status ?? 1;
}

async function exec(ctx: CommandContext, words: Words): Promise<number> {
  const ip = await ctx.ip();
  const rest = words.rest();
  if (ctx.g.all) {
    if (rest.length < 1) throw new CliFailure('No command specified', 1);
    const [cmd, ...args] = rest as [string, ...string[]];
    for (const e of await ip.netns.list()) {
      ctx.out(`\nnetns: ${e.name}\n`);
      await ip.netns.exec(e.name, cmd, args, { failures: 'iproute2' });
    }
    return 0;
  }
  if (rest.length < 1) throw new CliFailure('No netns name specified', 1);
  if (rest.length < 2) throw new CliFailure('No command specified', 1);
  const [name, cmd, ...args] = rest as [string, string, ...string[]];
  let r: ExecResult;
  try {
    r = await ip.netns.exec(name, cmd, args, { failures: 'iproute2' });
  } catch (e) {
    // ip's own status here is -1 from its command handler, i.e. 255.
    if ((e as Error).name === 'NoSuchNetnsError') throw new CliFailure(`Cannot open network namespace "${name}": No such file or directory`, 255);
    throw e;
  }
  return execStatus(ctx, r, cmd);
}

async function monitorNetns(ctx: CommandContext): Promise<number> {
  const ip = await ctx.ip();
  const m = ip.netns.monitor();
  for await (const ev of m) ctx.out(`${ev.event} ${ev.name}\n`);
  return 0;
}

/** `ip netns VERB NAME`: the name is checked before anything else (unless -all). */
const checkName: Handler = async (ctx, words) => {
  const next = words.peek();
  if (!ctx.g.all && next !== undefined && invalidName(next)) throw new CliExit(`Invalid netns name "${next}"`);
  return 0;
};

/** The handlers of `rtnl-ts netns VERB` (see commands.ts). */
const list: Handler = (ctx) => listNetns(ctx);
const monitor: Handler = (ctx) => monitorNetns(ctx);
const help: Handler = async () => { throw new CliExit(NETNS_USAGE); };

export const handlers = { checkName, list, listId, add, set, del, identify, pids, exec, monitor, attach, help } satisfies Handlers;
