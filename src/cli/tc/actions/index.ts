/**
 * Printing action lists as tc does (m_action.c tc_dump_action, tc_print_one_action): each action
 * under "action order N: ", its kind's printer (one plug per kind, listed here), then under -s
 * its statistics, its cookie, flags and hardware counters.
 */
import { gactTable, TCA_ACT_FLAGS_NO_PERCPU_STATS, TCA_ACT_FLAGS_SKIP_HW, TCA_ACT_FLAGS_SKIP_SW, TCA_ACT_HW_STATS_DELAYED, TCA_ACT_HW_STATS_IMMEDIATE, TCA_ACT_MAX_PRIO, type KnownActionOptions, type NlaBitfield32, type TcAction } from '../../../rtnl/tc/index.js';
import type { Printer } from '../../printer.js';
import type { TcPrintEnv } from '../context.js';
import { printStats2 } from '../stats.js';
import { gactPlug } from './gact.js';
import { mirredPlug } from './mirred.js';
import type { ActionPlug } from './plug.js';
import { policePlug } from './police.js';
import { skbeditPlug } from './skbedit.js';

/** TCA_ACT_KIND -> its CLI plug. */
export const ACTION_PLUGS: { readonly [K in keyof KnownActionOptions]: ActionPlug<K> } = {
  gact: gactPlug,
  mirred: mirredPlug,
  police: policePlug,
  skbedit: skbeditPlug,
};

type AnyPrint = (p: Printer, o: object | undefined, env: TcPrintEnv) => string | undefined;

/** The printer of `kind`; tc prints a kind it has no module for with gact's. */
function printerOf(kind: string): AnyPrint {
  const plugs: Readonly<Record<string, { print: AnyPrint }>> = ACTION_PLUGS as Readonly<Record<string, unknown>> as Readonly<Record<string, { print: AnyPrint }>>;
  return (Object.prototype.hasOwnProperty.call(plugs, kind) ? plugs[kind]! : gactPlug as unknown as { print: AnyPrint }).print;
}

/** The options of an action as its printer reads them (raw bytes of a kind without a codec read as gact's). */
function optionsOf(a: TcAction): object | undefined {
  if (!(a.options instanceof Uint8Array)) return a.options;
  try {
    return gactTable.decode(a.options, 0, a.options.length);
  } catch {
    return {};
  }
}

/** print_hw_stats. */
function printHwStats(p: Printer, bf: NlaBitfield32, used: boolean): void {
  const v = bf.value & bf.selector & 0xff;
  p.string('fp', null, '\t', null);
  p.openArray('any', used ? 'used_hw_stats' : 'hw_stats');
  if (v & TCA_ACT_HW_STATS_IMMEDIATE) p.string('any', null, ' %s', 'immediate');
  if (v & TCA_ACT_HW_STATS_DELAYED) p.string('any', null, ' %s', 'delayed');
  if (!v) p.string('any', null, ' %s', 'disabled');
  p.closeArray('json', null);
  p.nl();
}

/** tc_print_one_action; `bind`: the action belongs to a filter. Returns tc's stderr line on failure. */
export function printOneAction(p: Printer, a: TcAction, env: TcPrintEnv, bind: boolean): string | undefined {
  if (a.kind === undefined) return 'NULL Action!';
  const err = printerOf(a.kind)(p, optionsOf(a), env);
  if (err !== undefined) return err;
  if (env.brief && a.index !== undefined) {
    p.uint('any', 'index', '\t index %u', a.index);
    p.nl();
  }
  if (env.stats && a.stats) {
    p.string('fp', null, '\tAction statistics:', null);
    p.nl();
    p.openObject('stats');
    printStats2(p, a.stats, '\t', env.iec);
    p.closeObject();
    p.nl();
  }
  if (a.cookie) {
    p.string('any', 'cookie', '\tcookie %s', Buffer.from(a.cookie).toString('hex'));
    p.nl();
  }
  if (a.flags || a.inHwCount !== undefined) {
    let skipHw = false;
    let newline = false;
    const f = a.flags;
    if (f) {
      if (f.selector & TCA_ACT_FLAGS_NO_PERCPU_STATS) {
        newline = true;
        p.bool('any', 'no_percpu', '\tno_percpu', Boolean(f.value & TCA_ACT_FLAGS_NO_PERCPU_STATS));
      }
      if (!bind) {
        if (f.selector & TCA_ACT_FLAGS_SKIP_HW) {
          newline = true;
          skipHw = Boolean(f.value & TCA_ACT_FLAGS_SKIP_HW);
          p.bool('any', 'skip_hw', '\tskip_hw', skipHw);
        }
        if (f.selector & TCA_ACT_FLAGS_SKIP_SW) {
          newline = true;
          p.bool('any', 'skip_sw', '\tskip_sw', Boolean(f.value & TCA_ACT_FLAGS_SKIP_SW));
        }
      }
    }
    if (a.inHwCount !== undefined && !bind && !skipHw) {
      newline = true;
      if (a.inHwCount) {
        p.bool('any', 'in_hw', '\tin_hw', true);
        p.uint('any', 'in_hw_count', ' in_hw_count %u', a.inHwCount);
      } else p.bool('any', 'not_in_hw', '\tnot_in_hw', true);
    }
    if (newline) p.nl();
  }
  if (a.hwStats) printHwStats(p, a.hwStats, false);
  if (a.usedHwStats) printHwStats(p, a.usedHwStats, true);
  return undefined;
}

/**
 * tc_dump_action: the actions of a list in their order (a filter's with `bind`), "action order N:"
 * each. tc reads the list into a table by order (up to `maxOrder`), so it prints them sorted, the first of an order.
 */
export function printActions(
  p: Printer, list: readonly TcAction[], env: TcPrintEnv, bind: boolean, err: (line: string) => void, maxOrder = TCA_ACT_MAX_PRIO,
): void {
  const byOrder = new Map<number, TcAction>();
  for (const a of list) if (a.order !== undefined && a.order <= maxOrder && !byOrder.has(a.order)) byOrder.set(a.order, a);
  p.openArray('json', 'actions');
  for (const order of [...byOrder.keys()].sort((x, y) => x - y)) {
    p.openObject();
    p.nl();
    p.uint('any', 'order', '\taction order %u: ', order);
    const e = printOneAction(p, byOrder.get(order)!, env, bind);
    if (e !== undefined) err(`${e}\nError printing action`);
    p.closeObject();
  }
  p.closeArray('json', null);
}
