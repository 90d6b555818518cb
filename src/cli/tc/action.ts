/**
 * `rtnl-ts tc actions ...` (tc/m_action.c do_action): add, change/replace, get, delete, list/show
 * and flush of standalone actions, through `ip.tc.action`; get and list print as print_action
 * ("total acts N", then each action as in a filter, unbound).
 */
import type { ActionSpec } from '../../api/tc/index.js';
import { NetlinkError } from '../../netlink/index.js';
import { ACTION_KINDS, type ActionMessage } from '../../rtnl/tc/index.js';
import { CliExit, CliFailure } from '../errors.js';
import { kernelErrorText } from '../report.js';
import { nameToIndex } from '../resolve.js';
import { linkNames } from '../route.js';
import type { Printer } from '../printer.js';
import { matches, type Words } from '../words.js';
import { printActions } from './actions/index.js';
import type { TcContext, TcPrintEnv } from './context.js';
import { parseActions, type ActionTarget } from './filter.js';
import { getU32 } from './numbers.js';
import { printEnv } from './qdisc.js';

export const ACTION_USAGE = 'usage: tc actions <ACTSPECOP>*\nWhere: \tACTSPECOP := ACR | GD | FL\n\tACR := add | change | replace <ACTSPEC>*\n\tGD := get | delete | <ACTISPEC>*\n\tFL := ls | list | flush | <ACTNAMESPEC>\n\tACTNAMESPEC :=  action <ACTNAME>\n\tACTISPEC := <ACTNAMESPEC> <INDEXSPEC>\n\tACTSPEC := action <ACTDETAIL> [INDEXSPEC] [HWSTATSSPEC] [SKIPSPEC]\n\tINDEXSPEC := index <32 bit indexvalue>\n\tHWSTATSSPEC := hw_stats [ immediate | delayed | disabled ]\n\tSKIPSPEC := [ skip_sw | skip_hw ]\n\tACTDETAIL := <ACTNAME> <ACTPARAMS>\n\t\tExample ACTNAME is gact, mirred, bpf, etc\n\t\tEach action has its own parameters (ACTPARAMS)\n';

/** The action kinds tc has modules for (m_*.c) besides those rtnl-ts reads. */
const TC_ACTION_KINDS = new Set([
  'bpf', 'connmark', 'csum', 'ct', 'ctinfo', 'gate', 'ife', 'ipt', 'xt', 'mpls', 'nat', 'pedit', 'sample', 'simple', 'skbmod',
  'tunnel_key', 'vlan',
]);

/** print_action: one action message. */
export function printActionMessage(p: Printer, m: ActionMessage, env: TcPrintEnv, err: (line: string) => void): boolean {
  const count = m.attrs.count ?? 0;
  p.openObject();
  p.uint('any', 'total acts', 'total acts %u', count);
  p.nl();
  p.closeObject();
  if (!m.attrs.tab) return false;
  p.openObject();
  printActions(p, m.attrs.tab, env, false, err, count || undefined);
  p.closeObject();
  return true;
}

/** A kernel refusal as tc reports it after rtnl_talk. */
function talkFailure(e: unknown, status: number): never {
  if (!(e instanceof NetlinkError)) throw e;
  throw new CliFailure(`${kernelErrorText(e)}\nWe have an error talking to the kernel`, status);
}

/** tc_action_modify: the actions of `add`/`replace`, devices looked up, then one RTM_NEWACTION. */
async function modify(ctx: TcContext, words: Words, op: 'add' | 'replace'): Promise<void> {
  const out: ActionSpec[] = [];
  const targets: ActionTarget[] = [];
  try {
    parseActions(words, { targets }, out);
  } catch (e) {
    if (e instanceof CliFailure) throw new CliFailure(`${e.message.replace(/\nIllegal "action"$/, '')}\nIllegal "action"`, 255);
    throw e;
  }
  if (!out.length) throw new CliFailure('Illegal "action"', 255);
  const ip = await ctx.ip();
  for (const t of targets) {
    const i = await nameToIndex(ip, t.name);
    if (!i) throw new CliFailure(`Cannot find device "${t.name}"\nbad action parsing\nparse_action: bad value (${t.argc}:mirred)!\nIllegal "action"`, 255);
    t.action.dev = i;
  }
  try {
    ctx.warn(await ip.tc.action[op](out));
  } catch (e) {
    talkFailure(e, 255);
  }
}

/** get_action_kind's answer for a kind word: tc reads a kind it has no module for as gact. */
const tcKind = (w: string): string => (w in ACTION_KINDS || TC_ACTION_KINDS.has(w) ? w : 'gact');

/**
 * tc_action_gd: `action KIND index N` (tc skips the first word unread), then get (printed) or
 * delete. After a kernel refusal tc goes on reading the line from that first word, and stops there.
 */
async function getOrDelete(ctx: TcContext, words: Words, del: boolean): Promise<void> {
  const first = words.done ? undefined : words.cur;
  if (!words.done) words.skip();
  const refs: { kind: string; index: number }[] = [];
  while (!words.done) {
    const w = words.cur;
    if (w === 'action') { words.skip(); continue; }
    if (w === 'help') throw new CliExit(ACTION_USAGE, 255);
    const kind = tcKind(w.slice(0, 15));
    words.skip();
    if (words.done || !matches(words.cur, 'index')) throw new CliFailure(`Error: no index specified action: ${kind}`, 255);
    if (words.left < 2) throw new CliExit('Command line is not complete. Try option "help"');
    const n = getU32(words.next(), 10);
    if (n === undefined) throw new CliFailure('Illegal "index"', 255);
    words.skip();
    refs.push({ kind, index: n });
  }
  if (refs.length > 1) throw new CliExit(`rtnl-ts: "tc actions ${del ? 'delete' : 'get'}" takes one action (action KIND index N)`, 1);
  const ip = await ctx.ip();
  const refused = (e: unknown): never => {
    if (!(e instanceof NetlinkError)) throw e;
    const again = first === undefined ? '' : `\nCommand "${first}" is unknown, try "tc actions help".`;
    throw new CliFailure(`${kernelErrorText(e)}\nWe have an error talking to the kernel${again}`, first === undefined ? 1 : 255);
  };
  const ref = refs[0] ?? { kind: '', index: 0 };
  if (del) {
    try {
      ctx.warn(await ip.tc.action.del(ref));
    } catch (e) {
      refused(e);
    }
    return;
  }
  let m: ActionMessage | undefined;
  try {
    m = await ip.tc.action.get(ref);
  } catch (e) {
    refused(e);
  }
  const p = ctx.printer();
  p.begin();
  const ok = m !== undefined && printActionMessage(p, m, printEnv(ctx, await linkNames(ip)), (l) => ctx.err(l));
  if (!ok) {
    ctx.flush(p);
    throw new CliFailure('Dump terminated', 1);
  }
  p.end();
  ctx.flush(p);
}

/** tc_act_list_or_flush: `action KIND [since MSEC]`. */
async function listOrFlush(ctx: TcContext, words: Words, flush: boolean): Promise<number> {
  const kind = tcKind(words.cur.slice(0, 15));
  words.skip();
  let since = 0;
  if (!words.done && words.cur === 'since') {
    if (words.left < 2) throw new CliExit('Command line is not complete. Try option "help"');
    const v = words.next();
    const n = getU32(v);
    if (n === undefined) throw new CliExit(`Error: argument "${v}" is wrong: dump time "since" is invalid`);
    since = n;
    words.skip();
  }
  const ip = await ctx.ip();
  if (flush) {
    if (since) throw new CliExit('rtnl-ts: "tc actions flush ... since" is not supported by rtnl-ts', 1);
    try {
      ctx.warn(await ip.tc.action.flush(kind));
    } catch (e) {
      if (!(e instanceof NetlinkError)) throw e;
      throw new CliFailure(`${kernelErrorText(e)}\nWe have an error flushing`, 1);
    }
    return 0;
  }
  const msgs = await ip.tc.action.dump(kind, { ...(ctx.tg.brief ? { terse: true } : {}), ...(since ? { since } : {}) });
  const env = printEnv(ctx, await linkNames(ip));
  const p = ctx.printer();
  p.begin();
  for (const m of msgs) {
    printActionMessage(p, m, env, (l) => ctx.err(l));
    ctx.flush(p);
  }
  p.end();
  ctx.flush(p);
  return 0;
}

/** do_action: one or more commands on the line. */
export async function doAction(ctx: TcContext, words: Words): Promise<number> {
  while (!words.done) {
    const w = words.cur;
    words.skip();
    if (matches(w, 'add')) await modify(ctx, words, 'add');
    else if (matches(w, 'change') || matches(w, 'replace')) await modify(ctx, words, 'replace');
    else if (matches(w, 'delete')) await getOrDelete(ctx, words, true);
    else if (matches(w, 'get')) await getOrDelete(ctx, words, false);
    else if (matches(w, 'list') || matches(w, 'show') || matches(w, 'lst') || matches(w, 'flush')) {
      if (words.left < 2) throw new CliExit(ACTION_USAGE, 255);
      words.skip(); // tc skips the word after the verb ("action") unread
      return listOrFlush(ctx, words, matches(w, 'flush'));
    } else if (matches(w, 'help')) throw new CliExit(ACTION_USAGE, 255);
    else throw new CliExit(`Command "${w}" is unknown, try "tc actions help".`, 255);
  }
  return 0;
}
