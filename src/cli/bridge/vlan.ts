/**
 * `rtnl-ts bridge vlan add/del/show/tunnelshow`: bridge/vlan.c's words, checks, messages and
 * output (iproute2 6.1), `show -d [-s]` from the RTM_GETVLAN dump (print_vlan_rtm, also
 * `bridge monitor vlan`'s printer); requests and dumps are ip.bridge.vlan's. `set`, `global`, and
 * `show -s` without -d (the link stats dump) are not supported yet.
 */
import type { BridgePortVlans, BridgeVlanSpec } from '../../api/bridge-vlan.js';
import { CliExit, CliFailure, invarg } from '../errors.js';
import { AF_BRIDGE } from '../../rtnl/common.js';
import { BRIDGE_VLAN_INFO_PVID, BRIDGE_VLAN_INFO_UNTAGGED, type BrVlanMessage } from '../../rtnl/bridge/index.js';
import type { Names } from '../names.js';
import type { Printer } from '../printer.js';
import { printStpState } from './link.js';
import { getU32 } from '../tc/numbers.js';
import { matches, type Words } from '../words.js';
import { atoi, readShowFilter, type BridgeContext } from './context.js';

const fail = (msg: string): CliFailure => new CliFailure(msg, 255);
const short = (v: number): number => (v << 16) >> 16;
const notYet = (what: string): CliExit => new CliExit(`rtnl-ts: "bridge vlan ${what}" is not supported by rtnl-ts yet`, 1);

/** parse_tunnel_info: `tunnel_info id N[-M]`, ids below 2^24. */
function tunnelInfo(w: Words, s: Partial<BridgeVlanSpec>): void {
  if (!matches(w.next(), 'id')) throw invarg('tunnel id expected', w.cur);
  const arg = w.next();
  const dash = arg.indexOf('-');
  const start = dash < 0 ? arg : arg.slice(0, dash);
  const id = (text: string): number => {
    const v = getU32(text, 0);
    if (v === undefined || v >= 1 << 24) throw invarg('invalid tun id', start); // bridge names the start for both
    return v;
  };
  s.tunnelId = id(start);
  if (dash >= 0) s.tunnelIdEnd = id(arg.slice(dash + 1));
  else delete s.tunnelIdEnd;
}

/** vlan_modify. */
async function modify(ctx: BridgeContext, w: Words, del: boolean): Promise<number> {
  let dev: string | undefined;
  let vid = -1;
  let vidEnd = -1;
  let range = false;
  const s: Partial<BridgeVlanSpec> = {};
  for (; !w.done; w.skip()) {
    const word = w.cur;
    if (word === 'dev') dev = w.next();
    else if (word === 'vid') {
      const v = w.next();
      const dash = v.indexOf('-');
      if (dash >= 0) {
        vid = short(atoi(v.slice(0, dash)));
        vidEnd = short(atoi(v.slice(dash + 1)));
        range = true;
      } else vid = short(atoi(v));
    } else if (word === 'self') s.self = true;
    else if (word === 'master') s.master = true;
    else if (word === 'pvid') s.pvid = true;
    else if (word === 'untagged') s.untagged = true;
    else if (word === 'tunnel_info') tunnelInfo(w, s);
    else if (matches(word, 'help')) w.next();
  }
  if (dev === undefined || vid === -1) throw fail('Device and VLAN ID are required arguments.');
  if (!(await ctx.index(dev))) throw fail(`Cannot find bridge device "${dev}"`);
  const u16 = (v: number): number => v & 0xffff;
  if (vid >= 4096) throw fail(`Invalid VLAN ID "${u16(vid)}"`);
  if (range) {
    if (vidEnd === -1 || vidEnd >= 4096 || vid >= vidEnd) throw fail(`Invalid VLAN range "${u16(vid)}-${u16(vidEnd)}"`);
    if (s.pvid) throw fail('pvid cannot be configured for a vlan range');
  }
  // bridge sends the tunnel id range's end only with a VLAN range (0 when there is none)
  if (s.tunnelId !== undefined && range) s.tunnelIdEnd ??= 0;
  else delete s.tunnelIdEnd;
  if (s.tunnelId !== undefined) {
    // a tunnel_info request carries no VLAN flags
    delete s.pvid;
    delete s.untagged;
  }
  const spec: BridgeVlanSpec = { ...s, dev, vid: u16(vid), ...(range ? { vidEnd } : {}) };
  const ip = await ctx.ip();
  await (del ? ip.bridge.vlan.del(spec) : ip.bridge.vlan.add(spec));
  return 0;
}

const IFNAMSIZ = 16;
const VLAN_ID_LEN = 9;
const pad = (n: number): string => ' '.repeat(n);

/** print_vlan_flags: any bit opens the list, PVID and untagged fill it. */
function printVlanFlags(p: Printer, flags: number): void {
  if (!flags) return;
  p.openArray('json', 'flags');
  if (flags & BRIDGE_VLAN_INFO_PVID) p.string('any', null, ' %s', 'PVID');
  if (flags & BRIDGE_VLAN_INFO_UNTAGGED) p.string('any', null, ' %s', 'Egress Untagged');
  p.closeArray('json', null);
}

/** print_range: START, and -END when it differs; returns the text's width. */
function printRange(p: Printer, name: string, start: number, end: number | undefined): number {
  p.uint('any', name, '%u', start);
  if (end === undefined) return String(start).length;
  p.uint('any', `${name}End`, '-%u', end);
  return String(start).length + 1 + String(end).length;
}

/** filter_vlan_check on a joined entry: 'stop' past the filter, 'skip' before it. */
function check(filter: number, vid: number, end: number | undefined): 'stop' | 'skip' | 'print' {
  if (!filter) return 'print';
  if (vid > filter) return 'stop';
  return (end ?? vid) < filter ? 'skip' : 'print';
}

/** print_vlan_info / print_vlan_tunnel_info: one device's lines, none when nothing matches. */
function printPort(p: Printer, port: BridgePortVlans, tunnels: boolean, filter: number, name: string): void {
  const entries = tunnels ? port.tunnels : port.vlans;
  let opened = false;
  for (const e of entries) {
    const c = check(filter, e.vid, e.vidEnd);
    if (c === 'stop') break;
    if (c === 'skip') continue;
    if (!opened) {
      p.openObject();
      p.colorString('any', 'ifname', 'ifname', `%-${IFNAMSIZ}s  `, name);
      p.openArray('json', tunnels ? 'tunnels' : 'vlans');
      opened = true;
    } else p.text(pad(IFNAMSIZ + 2));
    p.openObject();
    const width = printRange(p, 'vlan', e.vid, e.vidEnd);
    if ('tunnelId' in e) {
      p.text(`${pad(VLAN_ID_LEN - width)}  `);
      printRange(p, 'tunid', e.tunnelId, e.tunnelIdEnd);
    } else printVlanFlags(p, e.flags);
    p.closeObject();
    p.nl();
  }
  if (opened) {
    p.closeArray('json', null);
    p.closeObject();
  }
}

/** What print_vlan_rtm needs besides the message. */
export interface VlanRtmOptions {
  names: Names;
  stats: number;
  /** filter_index and filter_vlan (0: none). */
  index: number;
  vid: number;
  monitor: boolean;
  deleted: boolean;
  /** vlan_rtm_cur_ifidx: the device whose port is open (-1: none), carried from message to message. */
  cur: { ifindex: number };
}

/** Close the port print_vlan_opts opened (JSON only). */
export function closeVlanPort(p: Printer): void {
  p.closeArray('json', null);
  p.closeObject();
}

/** print_vlan_rtm: one RTM_NEWVLAN / RTM_DELVLAN message's entries; the banner label, or undefined when skipped. */
export function printVlanRtm(p: Printer, m: BrVlanMessage, o: VlanRtmOptions): string | undefined {
  if (m.family !== AF_BRIDGE) return undefined;
  if (o.index && o.index !== m.ifindex) return undefined;
  if (o.deleted) p.bool('any', 'deleted', 'Deleted ', true);
  if (o.monitor) o.cur.ifindex = -1;
  if (o.cur.ifindex !== -1 && o.cur.ifindex !== m.ifindex) {
    closeVlanPort(p);
    o.cur.ifindex = -1;
  }
  for (const e of m.entries) {
    const end = e.vidEnd ?? e.vid;
    if (o.vid && (o.vid < e.vid || o.vid > end)) continue;
    if (o.cur.ifindex !== m.ifindex) {
      p.openObject();
      p.colorString('any', 'ifname', 'ifname', `%-${IFNAMSIZ}s  `, o.names.name(m.ifindex));
      p.openArray('json', 'vlans');
      p.openObject();
      o.cur.ifindex = m.ifindex;
    } else {
      p.openObject();
      p.text(pad(IFNAMSIZ + 2));
    }
    printRange(p, 'vlan', e.vid, e.vidEnd === undefined || e.vidEnd === e.vid ? undefined : e.vidEnd);
    printVlanFlags(p, e.flags);
    p.nl();
    p.text(pad(IFNAMSIZ + 4));
    printStpState(p, e.state ?? 0);
    if (e.mcastRouter !== undefined) p.uint('any', 'mcast_router', 'mcast_router %u ', e.mcastRouter);
    p.nl();
    if (o.stats) {
      const s = e.stats ?? { rxBytes: 0n, rxPackets: 0n, txBytes: 0n, txPackets: 0n };
      p.text(pad(IFNAMSIZ + 4));
      p.uint('any', 'rx_bytes', 'RX: %llu bytes', s.rxBytes);
      p.uint('any', 'rx_packets', ' %llu packets\n', s.rxPackets);
      p.text(pad(IFNAMSIZ + 4));
      p.uint('any', 'tx_bytes', 'TX: %llu bytes', s.txBytes);
      p.uint('any', 'tx_packets', ' %llu packets\n', s.txPackets);
    }
    p.closeObject();
  }
  return '[VLAN]';
}

/** vlan_show with -d: the RTM_GETVLAN dump (with -s, its counters), printed by print_vlan_rtm. */
async function showDb(ctx: BridgeContext, index: number, vid: number): Promise<number> {
  const names = await ctx.names();
  const ip = await ctx.ip();
  const msgs = await ip.bridge.vlan.entries({ stats: ctx.g.stats > 0 });
  const p = ctx.printer();
  p.begin();
  p.text(`%-${IFNAMSIZ}s  %-${VLAN_ID_LEN}s\n`, 'port', 'vlan-id');
  const o: VlanRtmOptions = { names, stats: ctx.g.stats, index, vid, monitor: false, deleted: false, cur: ctx.vlanRtmCur };
  for (const m of msgs) printVlanRtm(p, m, o);
  if (o.cur.ifindex !== -1) closeVlanPort(p);
  p.end();
  ctx.flush(p);
  return 0;
}

/** vlan_show: the AF_BRIDGE link dump with the VLANs, or (tunnelshow) the tunnel map. */
async function show(ctx: BridgeContext, w: Words, tunnels: boolean): Promise<number> {
  const f = ctx.vlanFilter;
  await readShowFilter(ctx, w, f);
  const { index, vid: filter } = f;
  if (ctx.g.details && !tunnels) return showDb(ctx, index, filter);
  if (ctx.g.stats) throw notYet('-s show');
  const names = await ctx.names();
  const ip = await ctx.ip();
  const ports = await ip.bridge.vlan.list({ compressed: ctx.bg.compressVlans > 0 });
  const p = ctx.printer();
  p.begin();
  p.text(`%-${IFNAMSIZ}s  %-${VLAN_ID_LEN}s`, 'port', 'vlan-id');
  if (tunnels) p.text('  tunnel-id');
  p.text('\n');
  for (const port of ports) {
    if (index && port.ifindex !== index) continue;
    printPort(p, port, tunnels, filter, names.name(port.ifindex));
  }
  p.end();
  ctx.flush(p);
  return 0;
}

/** do_vlan: the verbs of `bridge vlan` (set and global not yet). */
export async function doVlan(ctx: BridgeContext, w: Words): Promise<number> {
  if (w.done) return show(ctx, w, false);
  const verb = w.cur;
  w.skip();
  if (matches(verb, 'add')) return modify(ctx, w, false);
  if (matches(verb, 'delete')) return modify(ctx, w, true);
  if (matches(verb, 'show') || matches(verb, 'lst') || matches(verb, 'list')) return show(ctx, w, false);
  if (matches(verb, 'tunnelshow')) return show(ctx, w, true);
  if (matches(verb, 'set')) throw notYet('set');
  if (verb === 'global') throw notYet('global');
  if (matches(verb, 'help')) throw notYet('help');
  throw new CliExit(`Command "${verb}" is unknown, try "bridge vlan help".`);
}
