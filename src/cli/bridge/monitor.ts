/**
 * `rtnl-ts bridge monitor [link | fdb | mdb | all]` (bridge/monitor.c of iproute2 6.1): each
 * event of ip.monitor printed as bridge monitor prints it: links of family AF_BRIDGE or AF_UNSPEC
 * as `bridge link`, AF_BRIDGE neighbours as `bridge fdb`, mdb changes as print_mdb_mon ("router
 * port dev P master B" for router ports), "Deleted " before deletions, "[LINK]" / "[NEIGH]" /
 * "[MDB]" banners with `all`, VLAN database changes (`vlan`, or `all`) as `bridge -d vlan show`
 * prints its entries, and -t timestamps. Text even with -j, as bridge (its monitor never
 * opens a JSON writer). Runs until SIGINT or SIGTERM, then exits 0.
 *
 * Not yet: `file` and `vni` (RTM_NEWTUNNEL events): refused; with `all`, bridge would also print
 * VNI events (vxlan VNI filtering, kernel 6.0+), and VLAN global option changes, which rtnl-ts leaves out.
 */
import type { MonitorEvent, MonitorGroup } from '../../api/monitor.js';
import type { IpRoute } from '../../api/iproute.js';
import { AF_BRIDGE, AF_UNSPEC } from '../../rtnl/common.js';
import { toBridgeLink } from '../../rtnl/bridge/index.js';
import { toFdbEntry } from '../../api/bridge-fdb.js';
import { CliExit } from '../errors.js';
import { nowWithUsec, timestampText } from '../monitor.js';
import { NameCache } from '../names.js';
import { Printer } from '../printer.js';
import { matches, type Words } from '../words.js';
import type { BridgeContext } from './context.js';
import { printFdb } from './fdb.js';
import { printBridgeLink } from './link.js';
import { printMdbEntry, type MdbPrintOptions } from './mdb.js';
import { printVlanRtm } from './vlan.js';

const USAGE = 'Usage: bridge monitor [file | link | fdb | mdb | vlan | vni | all]';
const notYet = (what: string): CliExit => new CliExit(`rtnl-ts: "bridge monitor ${what}" is not supported by rtnl-ts yet`, 1);

/** do_monitor's words: the groups to join and whether to print banners. */
function parseWords(w: Words): { groups: MonitorGroup[]; banner: boolean } {
  const groups = new Set<MonitorGroup>();
  // bridge: an object word drops the default (every group) and adds its own at the end; `all`
  // puts every group back (until the next object word) and turns the banners on
  let every = true;
  let banner = false;
  let vlan = false; // RTNLGRP_BRVLAN is joined apart from the default groups: by `vlan` or `all`
  for (; !w.done; w.skip()) {
    const word = w.cur;
    if (matches(word, 'file')) {
      w.next();
      throw notYet('file');
    } else if (matches(word, 'link')) groups.add('link');
    else if (matches(word, 'fdb')) groups.add('neigh');
    else if (matches(word, 'mdb')) groups.add('mdb');
    else if (matches(word, 'vlan')) vlan = true;
    else if (word === 'vni') throw notYet('vni');
    else if (word === 'all') {
      every = true;
      banner = true;
      vlan = true;
      continue;
    } else if (matches(word, 'help')) throw new CliExit(USAGE);
    else throw new CliExit(`Argument "${word}" is unknown, try "bridge monitor help".`);
    every = false;
  }
  const out: MonitorGroup[] = every ? ['link', 'neigh', 'mdb'] : [...groups];
  return { groups: vlan ? [...out, 'vlan'] : out, banner };
}

/** The ifindexes an event's printer will name (looked up once, then kept, as bridge's ll_map does). */
function referenced(ev: MonitorEvent): number[] {
  switch (ev.type) {
    case 'link': {
      const l = ev.link;
      return [l.master ?? 0, l.linkNetnsid === undefined ? (l.link ?? 0) : 0];
    }
    case 'neigh': {
      const a = ev.neighbor.raw.attrs;
      return [ev.neighbor.raw.header.ifindex, a.master ?? 0, a.linkNetnsid === undefined ? (a.ifindex ?? 0) : 0];
    }
    case 'vlan': return [ev.vlan.ifindex];
    case 'mdb': return [ev.mdb.ifindex, ...ev.mdb.entries.map((e) => e.ifindex), ...(ev.mdb.routers ?? []).map((r) => r.ifindex)];
    default: return [];
  }
}

/** accept_msg: print one event; the banner label, or undefined when bridge prints nothing. */
function printEvent(p: Printer, ev: MonitorEvent, names: NameCache, o: MdbPrintOptions): string | undefined {
  const deleted = 'action' in ev && ev.action === 'del';
  switch (ev.type) {
    case 'link': {
      const family = ev.link.raw.ifinfo.family;
      if (family !== AF_BRIDGE && family !== AF_UNSPEC) return undefined;
      printBridgeLink(p, toBridgeLink(ev.link.raw), o.details, names, deleted);
      return '[LINK]';
    }
    case 'neigh': {
      if (ev.neighbor.raw.header.family !== AF_BRIDGE) return undefined;
      printFdb(p, toFdbEntry(ev.neighbor.raw), names, { filterIndex: 0, stats: o.stats, json: false }, deleted);
      return '[NEIGH]';
    }
    case 'mdb': {
      const m = ev.mdb;
      if (deleted) p.bool('any', 'deleted', 'Deleted ', true);
      for (const e of m.entries) printMdbEntry(p, e, o);
      // a notification names one router port: the first
      const r = m.routers?.[0];
      if (m.routers) p.text(`router port dev ${names.name(r?.ifindex ?? 0)} master ${names.name(m.ifindex)}\n`);
      return '[MDB]';
    }
    case 'vlan':
      return printVlanRtm(p, ev.vlan, { names, stats: o.stats, index: 0, vid: 0, monitor: true, deleted, cur: { ifindex: -1 } });
    default:
      return undefined;
  }
}

/** `bridge monitor ...`. */
export async function doMonitor(ctx: BridgeContext, w: Words): Promise<number> {
  const { groups, banner } = parseWords(w);
  const ip: IpRoute = await ctx.ip();
  const names = await ctx.names();
  const lookup = async (idx: number): Promise<void> => {
    if (idx <= 0 || names.byIndex.has(idx)) return;
    try {
      const l = await ip.link.get(idx);
      names.remember(l.ifindex, l.ifname, l.ifiFlags);
    } catch {
      // gone already: "ifN", as bridge prints it
    }
  };
  const o: MdbPrintOptions = { names, details: ctx.g.details, stats: ctx.g.stats, vid: 0 };
  const events = ip.monitor(groups);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    ip.close();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    for await (const ev of events) {
      if (ev.type === 'lost') {
        ctx.err(`netlink receive error No buffer space available (${ev.errno})`);
        continue;
      }
      for (const idx of referenced(ev)) await lookup(idx);
      const p = new Printer({ json: false, pretty: false, oneline: ctx.g.oneline, color: ctx.palette });
      const label = printEvent(p, ev, names, o);
      if (label === undefined) continue;
      let head = '';
      if (ctx.g.timestamp) {
        const { date, usec } = nowWithUsec();
        head += timestampText(date, usec, false);
      }
      if (banner) head += label;
      ctx.out(head + p.take());
    }
  } catch (e) {
    if (!stopping) throw e;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  return 0;
}
