/**
 * `rtnl-ts monitor [ all | OBJECTS ] [ label ] [ dev DEVICE ]` (ip/ipmonitor.c): prints each
 * event of `ip.monitor(...)` as `ip monitor` does: links as print_linkinfo, addresses as
 * print_addrinfo in its one-line form, routes as print_route, neighbours as print_neigh, nsids
 * as print_nsid, rules as print_rule, nexthops as print_cache_nexthop, "Deleted " before
 * deletions, "[LINK]"-style banners only with `all` or `label`, and `-t` / `-ts` timestamps.
 * Runs until SIGINT or SIGTERM, then exits 0.
 *
 * Like ip 6.1, the output is text even with -j (ip monitor never opens its JSON writer).
 */
import type { IpRoute } from '../api/iproute.js';
import type { MonitorEvent, MonitorGroup } from '../api/monitor.js';
import type { Link } from '../rtnl/link/index.js';
import { printAddress } from './addr-print.js';
import type { Handlers } from './commands.js';
import type { CommandContext } from './context.js';
import { CliExit, CliFailure, invarg } from './errors.js';
import { printLink } from './link-print.js';
import { NameCache } from './names.js';
import { printNeighbor } from './neigh-print.js';
import { printNexthop } from './nexthop-print.js';
import { Printer } from './printer.js';
import { nameToIndex } from './resolve.js';
import { preferredFamily } from './route.js';
import { printRoute } from './route-print.js';
import { printRule } from './rule-print.js';
import { MONITOR_USAGE } from './usage.js';
import { matches, type Words } from './words.js';

const RTM_F_CLONED = 0x200;
const RTNL_FAMILY_IPMR = 128;
const RTNL_FAMILY_IP6MR = 129;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** What the monitor prints, parsed from its words. */
export interface MonitorOptions {
  groups: MonitorGroup[];
  /** prefix_banner: "[LINK]", "[ADDR]" ... before each event. */
  banner: boolean;
  /** Only events of this ifindex (`dev DEVICE`), 0 for all. */
  ifindex: number;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** print_timestamp: "Timestamp: <asctime> N usec\n", or with -ts "[YYYY-MM-DDTHH:MM:SS.uuuuuu] ". */
export function timestampText(now: Date, usec: number, short: boolean): string {
  const time = `${pad2(now.getHours())}:${pad2(now.getMinutes())}:${pad2(now.getSeconds())}`;
  if (short) {
    return `[${now.getFullYear()}-${pad2(now.getMonth() + 1)}-${pad2(now.getDate())}T${time}.${String(usec).padStart(6, '0')}] `;
  }
  const day = String(now.getDate()).padStart(2, ' ');
  return `Timestamp: ${DAYS[now.getDay()]!} ${MONTHS[now.getMonth()]!} ${day} ${time} ${now.getFullYear()} ${usec} usec\n`;
}

/** The wall clock with microseconds (gettimeofday). */
export function nowWithUsec(): { date: Date; usec: number } {
  const ns = process.hrtime.bigint() - HR_START + WALL_START_NS;
  const ms = Number(ns / 1_000_000n);
  return { date: new Date(ms), usec: Number((ns / 1000n) % 1_000_000n) };
}
const HR_START = process.hrtime.bigint();
const WALL_START_NS = BigInt(Date.now()) * 1_000_000n;

/** do_ipmonitor's argument loop. */
async function parseMonitorWords(ip: () => Promise<IpRoute>, words: Words): Promise<MonitorOptions> {
  const groups = new Set<MonitorGroup>();
  let banner = false;
  let ifindex = 0;
  const unsupported: string[] = [];
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (matches(w, 'file')) {
      words.next();
      unsupported.push('file');
    } else if (matches(w, 'label')) {
      banner = true;
    } else if (matches(w, 'link')) {
      groups.add('link');
    } else if (matches(w, 'address')) {
      groups.add('address');
    } else if (matches(w, 'route')) {
      groups.add('route');
    } else if (matches(w, 'mroute') || matches(w, 'prefix')) {
      unsupported.push(w);
    } else if (matches(w, 'neigh')) {
      groups.add('neigh');
    } else if (matches(w, 'netconf')) {
      unsupported.push(w);
    } else if (matches(w, 'rule')) {
      groups.add('rule');
    } else if (matches(w, 'nsid')) {
      groups.add('nsid');
    } else if (matches(w, 'nexthop')) {
      groups.add('nexthop');
    } else if (w === 'stats') {
      unsupported.push(w);
    } else if (w === 'all') {
      banner = true;
    } else if (matches(w, 'all-nsid')) {
      unsupported.push('all-nsid');
    } else if (matches(w, 'help')) {
      throw new CliExit(MONITOR_USAGE);
    } else if (w === 'dev') {
      const v = words.next();
      ifindex = await nameToIndex(await ip(), v);
      if (!ifindex) throw invarg('Device does not exist\n', v);
    } else {
      throw new CliExit(`Argument "${w}" is unknown, try "rtnl-ts monitor help".`);
    }
  }
  if (unsupported.length) {
    throw new CliFailure(`rtnl-ts: monitor ${unsupported.map((u) => `"${u}"`).join(', ')} not supported by rtnl-ts (objects: link address route neigh nsid rule nexthop)`, 1);
  }
  return { groups: groups.size ? [...groups] : ['all'], banner, ifindex };
}

/** What one event needs from the name cache: ifindexes the printers will name. */
function referencedDevs(ev: MonitorEvent): number[] {
  switch (ev.type) {
    case 'link': return ev.link.link && ev.link.linkNetnsid === undefined ? [ev.link.link] : [];
    case 'address': return [ev.address.ifindex];
    case 'route': {
      const a = ev.route.raw.attrs;
      return [a.oif ?? 0, a.iif ?? 0, ...(ev.route.nexthops ?? []).map((n) => n.dev)].filter((i) => i > 0);
    }
    case 'neigh': return [ev.neighbor.ifindex];
    case 'nexthop': return ev.nexthop.raw.attrs.oif ? [ev.nexthop.raw.attrs.oif] : [];
    default: return [];
  }
}

/** print_linkinfo as ipmonitor calls it: no link mode, no queue length (do_link and showqueue off). */
function monitorView(l: Link): Link {
  const v = { ...l };
  delete v.txqlen;
  return v;
}

/** Print one event; returns false when ip would print nothing for it. */
function printEvent(p: Printer, ev: MonitorEvent, o: Readonly<MonitorOptions>, family: number, names: NameCache, nsidName: (id: number) => string | undefined): string | undefined {
  const deleted = 'action' in ev && ev.action === 'del';
  switch (ev.type) {
    case 'link': {
      if (o.ifindex && ev.link.ifindex !== o.ifindex) return undefined;
      printLink(p, monitorView(ev.link), { details: 0, stats: 0, brief: false, human: false, iec: false, doLink: false, family: undefined, deleted }, names);
      return '[LINK]';
    }
    case 'address': {
      const a = ev.address;
      if (o.ifindex && a.ifindex !== o.ifindex) return undefined;
      if (family && a.raw.header.family !== family) return undefined;
      printAddress(p, a, { brief: false, oneline: true, deleted }, names.name(a.ifindex));
      return '[ADDR]';
    }
    case 'route': {
      const r = ev.route;
      const h = r.raw.header;
      if (h.flags & RTM_F_CLONED) return undefined;
      if (h.family === RTNL_FAMILY_IPMR || h.family === RTNL_FAMILY_IP6MR) return undefined;
      if (family && h.family !== family) return undefined;
      if (o.ifindex && (r.raw.attrs.oif ?? 0) !== o.ifindex) return undefined;
      printRoute(p, r, { details: 0, stats: 0, deleted, oifFixed: o.ifindex !== 0 }, names);
      return '[ROUTE]';
    }
    case 'neigh': {
      const n = ev.neighbor;
      if (family && n.raw.header.family !== family) return undefined;
      if (o.ifindex && n.raw.header.ifindex !== o.ifindex) return undefined;
      printNeighbor(p, n, { stats: 0, brief: false, deleted, devFixed: o.ifindex !== 0 }, names);
      return '[NEIGH]';
    }
    case 'rule': {
      // print_rule's filter: only the -4/-6 family.
      if (family && ev.rule.raw.header.family !== family) return undefined;
      printRule(p, ev.rule, { details: 0, deleted });
      return '[RULE]';
    }
    case 'nexthop': {
      printNexthop(p, ev.nexthop, { details: 0, deleted }, names);
      return '[NEXTHOP]';
    }
    case 'nsid': {
      const a = ev.nsid.attrs;
      if (a.nsid === undefined) return undefined;
      if (deleted) p.text('Deleted ');
      if (a.nsid < 0) p.text('nsid unassigned ');
      else p.text('nsid %d ', a.nsid);
      if (a.currentNsid !== undefined) {
        if (a.currentNsid < 0) p.text('current-nsid unassigned ');
        else p.text('current-nsid %d ', a.currentNsid);
      }
      const name = nsidName(a.currentNsid ?? a.nsid);
      if (name !== undefined) p.text('(iproute2 netns name: %s)', name);
      p.text('\n');
      return '[NSID]';
    }
    default:
      return undefined;
  }
}

/** `rtnl-ts monitor ...` (every word is the monitor's: see commands.ts). */
async function monitor(ctx: CommandContext, words: Words): Promise<number> {
  const o = await parseMonitorWords(() => ctx.ip(), words);
  const ip = await ctx.ip();
  const family = preferredFamily(ctx);
  const stamp = ctx.g.timestamp > 0 || ctx.g.timestampShort;
  const short = ctx.g.timestampShort;
  const names = new NameCache();
  for (const l of await ip.link.list({ stats: false })) names.remember(l.ifindex, l.ifname, l.ifiFlags);
  const nsids = new Map<number, string>();
  const refreshNsids = async (): Promise<void> => {
    nsids.clear();
    for (const e of await ip.netns.list()) if (e.id !== undefined) nsids.set(e.id, e.name);
  };
  if (o.groups.includes('nsid') || o.groups.includes('all')) await refreshNsids();

  const events = ip.monitor(o.groups);
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
        ctx.err(`rtnl-ts: events were lost (the receive buffer overflowed): ${ev.hint}`);
        continue;
      }
      if (ev.type === 'link') {
        if (ev.action === 'del') names.byIndex.delete(ev.link.ifindex);
        else names.remember(ev.link.ifindex, ev.link.ifname, ev.link.ifiFlags);
      }
      for (const idx of referencedDevs(ev)) {
        if (names.byIndex.has(idx)) continue;
        try {
          const l = await ip.link.get(idx);
          names.remember(l.ifindex, l.ifname, l.ifiFlags);
        } catch {
          // gone already: printed as "ifN", as ip does
        }
      }
      if (ev.type === 'nsid' && ev.action === 'new') await refreshNsids();
      const p = new Printer({ json: false, pretty: false, oneline: ctx.g.oneline, color: ctx.palette });
      const label = printEvent(p, ev, o, family, names, (id) => nsids.get(id));
      if (label === undefined) continue;
      let head = '';
      if (stamp) {
        const { date, usec } = nowWithUsec();
        head += timestampText(date, usec, short);
      }
      if (o.banner) head += label;
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

export const handlers = { monitor } satisfies Handlers;
