/**
 * `rtnl-ts bridge vlan add/del/show/tunnelshow`: bridge/vlan.c's words, checks, messages and
 * output (iproute2 6.1); requests and dumps are ip.bridge.vlan's. `set`, `global`, and `show`
 * with -d or -s (the RTM_GETVLAN and stats dumps) are not supported yet.
 */
import type { BridgePortVlans, BridgeVlanSpec } from '../../api/bridge-vlan.js';
import { CliExit, CliFailure, duparg, invarg } from '../errors.js';
import type { Printer } from '../printer.js';
import { getU32 } from '../tc/numbers.js';
import { matches, type Words } from '../words.js';
import { atoi, type BridgeContext } from './context.js';

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
    } else if (e.flags) {
      // print_vlan_flags: any bit opens the list, PVID and untagged fill it
      p.openArray('json', 'flags');
      if (e.pvid) p.string('any', null, ' %s', 'PVID');
      if (e.untagged) p.string('any', null, ' %s', 'Egress Untagged');
      p.closeArray('json', null);
    }
    p.closeObject();
    p.nl();
  }
  if (opened) {
    p.closeArray('json', null);
    p.closeObject();
  }
}

/** vlan_show: the AF_BRIDGE link dump with the VLANs, or (tunnelshow) the tunnel map. */
async function show(ctx: BridgeContext, w: Words, tunnels: boolean): Promise<number> {
  let dev: string | undefined;
  const f = ctx.vlanFilter;
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
  const { index, vid: filter } = f;
  if (ctx.g.details && !tunnels) throw notYet('-d show');
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
