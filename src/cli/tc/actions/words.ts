/**
 * The words of the actions rtnl-ts types (tc/m_gact.c, m_police.c, m_skbedit.c parse_* and
 * tc_util.c parse_action_control), read into the API's action specs with tc's messages. A
 * reader leaves the cursor on the first word that is not its action's.
 */
import type { ActionControl, ActionSpec, ActionSpecOf } from '../../../api/tc/index.js';
import { parseRate, parseRate64, parseSize } from '../../../api/tc/units.js';
import { parseClassid } from '../../../rtnl/tc/index.js';
import { CliExit, CliFailure, duparg, invarg } from '../../errors.js';
import { matches, type Words } from '../../words.js';
import { linklayerWord, sizeCellWord } from '../args.js';
import { getU32 } from '../numbers.js';

/** A failure inside an action: tc's lines, then parse_action's own (its `bad` closure). */
export type Bad = (lines: string) => CliFailure;

export const GACT_USAGE = 'Usage: ... gact <ACTION> [RAND] [INDEX]\nWhere: \tACTION := reclassify | drop | continue | pass | pipe |\n       \t          goto chain <CHAIN_INDEX> | jump <JUMP_COUNT>\n\tRAND := random <RANDTYPE> <ACTION> <VAL>\n\tRANDTYPE := netrand | determ\n\tVAL : = value not exceeding 10000\n\tJUMP_COUNT := Absolute jump from start of action list\n\tINDEX := index value used\n';
const POLICE_USAGE = 'Usage: ... police [ rate BPS burst BYTES[/BYTES] ] \n\t\t[ pkts_rate RATE pkts_burst PACKETS ] [ mtu BYTES[/BYTES] ]\n\t\t[ peakrate BPS ] [ avrate BPS ] [ overhead BYTES ]\n\t\t[ linklayer TYPE ] [ CONTROL ]\nWhere: CONTROL := conform-exceed <EXCEEDACT>[/NOTEXCEEDACT]\n\t\t  Define how to handle packets which exceed (<EXCEEDACT>)\n\t\t  or conform (<NOTEXCEEDACT>) the configured bandwidth limit.\n       EXCEEDACT/NOTEXCEEDACT := { pipe | ok | reclassify | drop | continue |\n\t\t\t\t   goto chain <CHAIN_INDEX> }\n';
const SKBEDIT_USAGE = 'Usage: ... skbedit <[QM] [PM] [MM] [PT] [IF]>\nQM = queue_mapping QUEUE_MAPPING\nPM = priority PRIORITY\nMM = mark MARK[/MASK]\nPT = ptype PACKETYPE\nIF = inheritdsfield\nPACKETYPE = is one of:\n  host, otherhost, broadcast, multicast\nQUEUE_MAPPING = device transmit queue to use\nPRIORITY = classID to assign to priority field\nMARK = firewall mark to set\nMASK = mask applied to firewall mark (0xffffffff by default)\nnote: inheritdsfield maps DS field to skb->priority';

/** action_a2n's words (matched as prefixes, in its order). */
const A2N: readonly [string, ActionControl | 'goto' | 'jump'][] = [
  ['continue', 'continue'], ['drop', 'drop'], ['shot', 'drop'], ['pass', 'pass'], ['ok', 'pass'], ['reclassify', 'reclassify'],
  ['pipe', 'pipe'], ['goto', 'goto'], ['jump', 'jump'], ['trap', 'trap'],
];

/** action_a2n: the control a word names, if any. */
export function controlName(w: string): ActionControl | 'goto' | 'jump' | undefined {
  return A2N.find(([a]) => matches(w, a))?.[1];
}

/**
 * __parse_action_control on the current word (`goto chain N`, `jump N` included): the control,
 * the cursor past it; undefined (nothing read) when the word names none, after tc's message
 * unless `quiet`.
 */
export function controlWords(words: Words, err: string[], quiet = false): ActionControl | undefined {
  if (words.done) return undefined;
  const c = controlName(words.cur);
  if (c === undefined) {
    if (!quiet) err.push(`Bad action type ${words.cur}`);
    return undefined;
  }
  if (c === 'goto') {
    if (!matches(words.next(), 'chain')) return void err.push('"chain index" expected');
    const n = getU32(words.next(), 10);
    if (n === undefined || n > 0x0fffffff) return void err.push('Illegal "chain index"');
    words.skip();
    return { goto: n };
  }
  if (c === 'jump') {
    const v = words.next();
    const n = getU32(v, 10);
    if (n === undefined || n > 0x0fffffff) return void err.push(`Invalid "jump count" (${v})`);
    words.skip();
    return { jump: n };
  }
  words.skip();
  return c;
}

/** parse_gact: `[gact] CONTROL [random netrand|determ CONTROL VAL] [index N]`, or `[gact] index N` (bind). */
export function parseGact(words: Words, bad: Bad): ActionSpec {
  if (matches(words.cur, 'gact')) words.next();
  const a: ActionSpecOf<'gact'> = { kind: 'gact' };
  const index = (): void => {
    const n = getU32(words.next(), 10);
    if (n === undefined) throw bad('Illegal "index"\n');
    a.index = n;
    words.skip();
  };
  if (matches(words.cur, 'index')) {
    index();
    return a;
  }
  const err: string[] = [];
  const control = controlWords(words, err);
  if (control === undefined) throw new CliExit(`${err.join('\n')}\n${GACT_USAGE}`);
  a.control = control;
  if (!words.done && matches(words.cur, 'random')) {
    const t = words.next();
    let type: 'netrand' | 'determ';
    if (matches(t, 'netrand')) type = 'netrand';
    else if (matches(t, 'determ')) type = 'determ';
    else throw bad('Illegal "random type"\n');
    words.next();
    const e2: string[] = [];
    const pc = controlWords(words, e2);
    if (pc === undefined) throw new CliExit(`${e2.join('\n')}\n${GACT_USAGE}`);
    const v = words.done ? undefined : getU32(words.cur, 10);
    if (v === undefined || v > 0xffff) throw bad('Illegal probability val 0x0\n');
    if (v > 10000) throw bad(`Illegal probability val  0x${v.toString(16)}\n`);
    words.skip();
    a.random = { type, control: pc, value: v };
  } else if (!words.done && matches(words.cur, 'help')) throw new CliExit(GACT_USAGE);
  if (!words.done && matches(words.cur, 'index')) index();
  else if (!words.done && matches(words.cur, 'help')) throw new CliExit(GACT_USAGE);
  return a;
}

/** act_parse_police: the words after `police` until one it does not know. */
export function parsePolice(words: Words, bad: Bad): ActionSpec {
  words.next();
  const a: ActionSpecOf<'police'> = { kind: 'police' };
  let ok = 0;
  let rate = 0n;
  let avrate = 0;
  let burst = 0;
  let mtu = 0;
  let pps = 0n;
  let ppsBurst = 0n;
  const u64 = (v: string, what: string): bigint => {
    if (!/^[0-9]+$/.test(v) || BigInt(v) >= 1n << 64n) throw invarg(what, v);
    return BigInt(v);
  };
  while (!words.done) {
    const w = words.cur;
    if (matches(w, 'index')) {
      const v = words.next();
      const n = getU32(v, 10);
      if (n === undefined) throw invarg('index', v);
      a.index = n;
    } else if (matches(w, 'burst') || w === 'buffer' || w === 'maxburst') {
      const v = words.next();
      if (burst) throw duparg('buffer/burst', v);
      const s = sizeCellWord(v);
      if (!s) throw invarg('buffer', v);
      burst = s.size;
      a.burst = v;
    } else if (w === 'mtu' || w === 'minburst') {
      const v = words.next();
      if (mtu) throw duparg('mtu/minburst', v);
      const s = sizeCellWord(v);
      if (!s) throw invarg('mtu', v);
      mtu = s.size;
      a.mtu = v;
    } else if (w === 'mpu') {
      const v = words.next();
      if (a.mpu) throw duparg('mpu', v);
      const n = parseSize(v);
      if (n === undefined) throw invarg('mpu', v);
      if (n) a.mpu = n;
    } else if (w === 'rate') {
      const v = words.next();
      if (rate) throw duparg('rate', v);
      const r = parseRate64(v);
      if (r === undefined) throw invarg('rate', v);
      rate = r;
      if (r) a.rate = r;
    } else if (w === 'avrate') {
      const v = words.next();
      if (avrate) throw duparg('avrate', v);
      const r = parseRate(v);
      if (r === undefined) throw invarg('avrate', v);
      avrate = r;
      if (r) a.avrate = r;
    } else if (matches(w, 'peakrate')) {
      const v = words.next();
      if (a.peakrate) throw duparg('peakrate', v);
      const r = parseRate64(v);
      if (r === undefined) throw invarg('peakrate', v);
      if (r) a.peakrate = r;
    } else if (['reclassify', 'drop', 'shot', 'continue', 'pass', 'ok', 'pipe', 'goto'].some((x) => matches(w, x))) {
      const err: string[] = [];
      const c = controlWords(words, err);
      if (c === undefined) throw bad(err.map((l) => `${l}\n`).join(''));
      a.exceed = c;
      ok++;
      continue;
    } else if (w === 'conform-exceed') {
      words.next();
      const slash = words.cur.indexOf('/');
      const err: string[] = [];
      if (slash < 0) {
        const c = controlWords(words, err);
        if (c === undefined) throw bad(err.map((l) => `${l}\n`).join(''));
        a.exceed = c;
      } else {
        const [x, y] = [words.cur.slice(0, slash), words.cur.slice(slash + 1)];
        // action_a2n alone: no message, and goto/jump without their number
        const bare = (c: ActionControl | 'goto' | 'jump'): ActionControl => (c === 'goto' ? { goto: 0 } : c === 'jump' ? { jump: 0 } : c);
        const cx = controlName(x);
        const cy = controlName(y);
        if (cx === undefined || cy === undefined) throw bad('');
        a.exceed = bare(cx);
        a.conform = bare(cy);
        words.skip();
      }
      ok++;
      continue;
    } else if (matches(w, 'overhead')) {
      const v = words.next();
      const n = getU32(v, 10);
      if (n === undefined || n > 0xffff) throw invarg('overhead', v);
      a.overhead = n;
    } else if (matches(w, 'linklayer')) {
      const v = words.next();
      const l = linklayerWord(v);
      if (!l) throw invarg('linklayer', v);
      a.linklayer = l;
    } else if (matches(w, 'pkts_rate')) {
      const v = words.next();
      if (pps) throw duparg('pkts_rate', v);
      pps = u64(v, 'pkts_rate');
      if (pps) a.pktsRate = pps;
    } else if (matches(w, 'pkts_burst')) {
      const v = words.next();
      if (ppsBurst) throw duparg('pkts_burst', v);
      ppsBurst = u64(v, 'pkts_burst');
      if (ppsBurst) a.pktsBurst = ppsBurst;
    } else if (w === 'help') {
      throw new CliExit(POLICE_USAGE);
    } else break;
    words.skip();
    ok++;
  }
  if (!ok || (rate && avrate)) throw bad('');
  if (!rate && !avrate && !a.index && !mtu && !pps) throw bad('\'rate\' or \'avrate\' or \'mtu\' or \'pkts_rate\' MUST be specified.\n');
  if (rate && !burst && !avrate) throw bad('\'burst\' requires \'rate\'.\n');
  if (pps && !ppsBurst) throw bad('\'pkts_burst\' requires \'pkts_rate\'.\n');
  if (pps && rate) throw bad('\'rate\' and \'pkts_rate\' are not allowed in same action.\n');
  if (a.peakrate !== undefined) {
    if (!rate) throw bad('\'peakrate\' requires \'rate\'.\n');
    if (!mtu) throw bad('\'mtu\' is required, if \'peakrate\' is requested.\n');
  }
  return a;
}

/** parse_skbedit: `skbedit [queue_mapping Q] [priority P] [mark M[/MASK]] [ptype T] [inheritdsfield] [CONTROL] [index N]`. */
export function parseSkbedit(words: Words, bad: Bad): ActionSpec {
  words.next();
  const a: ActionSpecOf<'skbedit'> = { kind: 'skbedit' };
  let ok = 0;
  while (!words.done) {
    const w = words.cur;
    if (matches(w, 'queue_mapping')) {
      const n = getU32(words.next(), 10);
      if (n === undefined || n > 65535) throw bad('Illegal queue_mapping\n');
      a.queueMapping = n;
    } else if (matches(w, 'priority')) {
      const h = parseClassid(words.next());
      if (h === undefined) throw bad('Illegal priority\n');
      a.priority = h;
    } else if (matches(w, 'mark')) {
      const v = words.next();
      const slash = v.indexOf('/');
      const mark = getU32(slash < 0 ? v : v.slice(0, slash));
      if (mark === undefined) throw bad('Illegal mark\n');
      a.mark = mark;
      if (slash >= 0) {
        const mask = getU32(v.slice(slash + 1));
        if (mask === undefined) throw bad('Illegal mask\n');
        a.mask = mask;
      }
    } else if (matches(w, 'ptype')) {
      const v = words.next();
      const t = (['host', 'broadcast', 'multicast', 'otherhost'] as const).find((x) => matches(v, x));
      if (!t) throw bad(`Illegal ptype (${v})\n`);
      a.ptype = t;
    } else if (matches(w, 'inheritdsfield')) {
      a.inheritDsfield = true;
    } else if (matches(w, 'help')) {
      throw new CliExit(SKBEDIT_USAGE);
    } else break;
    ok++;
    words.skip();
  }
  const c = controlWords(words, [], true);
  if (c !== undefined) a.control = c;
  if (!words.done && matches(words.cur, 'index')) {
    const n = getU32(words.next(), 10);
    if (n === undefined) throw bad('skbedit: Illegal "index"\n');
    a.index = n;
    words.skip();
    ok++;
  }
  if (!ok) throw bad(`${SKBEDIT_USAGE}\n`);
  return a;
}
