/**
 * What every `rtnl-ts bridge` command gets: bridge's global options (bridge.c: -s -d -o -t -j -p
 * -c[ompressvlans] -force -n ...), the IpRoute handle (in the -n namespace), printers, and the
 * device names bridge's ll_init_map loads before each object runs.
 */
import { CommandContext, type Globals } from '../context.js';
import { CliFailure, duparg } from '../errors.js';
import { NameCache } from '../names.js';
import { nameToIndex } from '../resolve.js';
import type { Words } from '../words.js';

/** bridge's global options, beside the ones ip shares. */
export interface BridgeGlobals extends Globals {
  /** -compressvlans: VLAN ranges in `vlan show`. */
  compressVlans: number;
}

/** The default bridge globals. */
export function bridgeGlobals(): BridgeGlobals {
  return {
    json: false, pretty: false, details: 0, stats: 0, brief: false, oneline: false, human: false, iec: false,
    family: undefined, netns: undefined, force: false, all: false, batch: false, timestamp: 0, timestampShort: false,
    compressVlans: 0,
  };
}

/** The per-command context of `rtnl-ts bridge`. */
export class BridgeContext extends CommandContext {
  /**
   * vlan.c's static filter_index and filter_vlan: set by `vlan show dev X vid N`, they stay set
   * for the later commands of a -batch run, as in bridge (a second `vid` is then a duplicate).
   */
  readonly vlanFilter: ShowFilter = { index: 0, vid: 0 };
  /**
   * vlan.c's static vlan_rtm_cur_ifidx: the port `vlan show -d` printed last, which bridge does not
   * reset between the commands of a batch (a later command's first port may then go unnamed).
   */
  readonly vlanRtmCur = { ifindex: -1 };
  /** mdb.c's own static filter_index and filter_vlan, kept the same way. */
  readonly mdbFilter: ShowFilter = { index: 0, vid: 0 };

  constructor(readonly bg: BridgeGlobals) {
    super(bg);
  }

  /** ll_init_map: every device's name and flags, for the printers. */
  async names(): Promise<NameCache> {
    const ip = await this.ip();
    const names = new NameCache();
    for (const l of await ip.link.list({ stats: false })) names.remember(l.ifindex, l.ifname, l.ifiFlags);
    return names;
  }

  /** ll_name_to_index: a device's ifindex ("ifN" accepted), 0 when there is none. */
  async index(name: string): Promise<number> {
    return nameToIndex(await this.ip(), name);
  }
}

/** A show command's device and VLAN filter (vlan.c's and mdb.c's filter_index and filter_vlan). */
export interface ShowFilter {
  index: number;
  vid: number;
}

/**
 * The words of `vlan show` and `mdb show`: `dev X` and `vid N` into `f` (a duplicate is bridge's
 * duparg; a vid already set by an earlier command of the batch counts), the device then resolved.
 */
export async function readShowFilter(ctx: BridgeContext, w: Words, f: ShowFilter): Promise<void> {
  let dev: string | undefined;
  for (; !w.done; w.skip()) {
    if (w.cur === 'dev') {
      const v = w.next();
      if (dev !== undefined) throw duparg('dev', v);
      dev = v;
    } else if (w.cur === 'vid') {
      const v = w.next();
      if (f.vid) throw duparg('vid', v);
      f.vid = atoi(v) >>> 0;
    }
  }
  if (dev !== undefined) {
    f.index = await ctx.index(dev);
    if (!f.index) throw new CliFailure(`Cannot find device "${dev}"`, 255);
  }
}

/** atoi: the leading decimal integer of `s` (after blanks, with a sign), 0 when there is none, as a C int. */
export function atoi(s: string): number {
  const m = /^[\t\n\v\f\r ]*([+-]?\d+)/.exec(s);
  if (!m) return 0;
  // strtol saturates at the long range, then the cast to int keeps the low 32 bits.
  let v = BigInt(m[1]!);
  if (v > 0x7fffffffffffffffn) v = 0x7fffffffffffffffn;
  if (v < -0x8000000000000000n) v = -0x8000000000000000n;
  return Number(BigInt.asIntN(32, v));
}
