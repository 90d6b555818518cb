/**
 * What every `rtnl-ts tc` command gets: tc's global options (tc.c: -s -d -r -p -g -j -o -iec
 * -force -b -n ...), the IpRoute handle (in the -n namespace), printers, and the clock tc reads.
 */
import type { TcAck } from '../../api/tc/index.js';
import { psched, type Psched } from '../../api/tc/core.js';
import { errorText } from '../../netlink/errno.js';
import { readSpeedFile, type SpeedRead } from './args.js';
import { CommandContext, type Globals } from '../context.js';
import type { Names } from '../names.js';
import type { Shown } from './filter.js';

/** tc's global options, beside the ones ip shares. */
export interface TcGlobals extends Globals {
  /** -r[aw]: raw handles and tables. */
  raw: number;
  /** -g[raph]: class trees. */
  graph: boolean;
  /** -N[umeric]. */
  numeric: number;
  /** -nm / -names, with -cf FILE: class names from a file. */
  names: boolean;
  confFile: string | undefined;
}

/** The default tc globals. */
export function tcGlobals(): TcGlobals {
  return {
    json: false, pretty: false, details: 0, stats: 0, brief: false, oneline: false, human: false, iec: false,
    family: undefined, netns: undefined, force: false, all: false, batch: false, timestamp: 0, timestampShort: false,
    raw: 0, graph: false, numeric: 0, names: false, confFile: undefined,
  };
}

/** The per-command context of `rtnl-ts tc`. */
export class TcContext extends CommandContext {
  /** tc_filter.c's filter_* globals: what filter show/get named (kept across a batch, as tc keeps them). */
  readonly filterShown: Shown = { ifindex: 0 };

  constructor(readonly tg: TcGlobals) {
    super(tg);
  }

  /** The kernel's scheduler clock, as tc_core_init reads it. */
  get psched(): Psched {
    return psched();
  }

  /** Print the warning the kernel attached to a successful request, as libnetlink prints it. */
  warn(a: TcAck): void {
    if (a.warning) this.err(`Warning: ${a.warning}${a.warning.endsWith('.') ? '' : '.'}`);
  }

  /**
   * The speed file of `dev` as the command's namespace sees it (tc -n remounts /sys there): read
   * through the exec helper in another namespace, directly in this one.
   */
  async speed(dev: string): Promise<SpeedRead> {
    if (this.g.netns === undefined) return readSpeedFile(dev);
    const script = "try { process.stdout.write(JSON.stringify({ text: require('fs').readFileSync(process.argv[1], 'utf8') })); }"
      + " catch (e) { process.stdout.write(JSON.stringify({ error: e.code === 'EINVAL' ? 'read' : 'open', code: e.code })); }";
    const ip = await this.ip();
    const r = await ip.netns.exec(this.g.netns, process.execPath, ['-e', script, `/sys/class/net/${dev}/speed`], { stdio: 'pipe' });
    const out = JSON.parse(String(r.stdout ?? '{}')) as { text?: string; error?: 'open' | 'read'; code?: string };
    if (out.text !== undefined) return { text: out.text };
    return { error: out.error ?? 'open', message: errorText({ code: out.code }) };
  }
}

/** What the kind printers read besides their data: the switches that change what tc prints. */
export interface TcPrintEnv {
  readonly details: number;
  readonly stats: number;
  readonly raw: number;
  readonly iec: boolean;
  /** -br[ief]: actions print their index. */
  readonly brief: boolean;
  /** -p[retty]: u32 prints its keys by field. */
  readonly pretty: boolean;
  readonly psched: Psched;
  /** Device names (mirred's target, ...). */
  readonly names: Names;
}
