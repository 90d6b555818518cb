/**
 * `rtnl-ts bridge link`: show and set bridge ports (bridge/link.c of iproute2 6.1): the AF_BRIDGE
 * link dump printed as bridge prints it (text, -d details, -j), and `set` with bridge's words,
 * messages and statuses.
 */
import type { BridgeLinkSettings } from '../../api/bridge-link.js';
import type { BridgeLink } from '../../rtnl/bridge/index.js';
import { CliExit, CliFailure, duparg } from '../errors.js';
import { printLinkFlags, printNameAndLink } from '../link-print.js';
import type { Names } from '../names.js';
import type { Printer } from '../printer.js';
import { matches, type Words } from '../words.js';
import { atoi, type BridgeContext } from './context.js';

export const BRIDGE_LINK_USAGE = `Usage: bridge link set dev DEV [ cost COST ] [ priority PRIO ] [ state STATE ]
                               [ guard {on | off} ]
                               [ hairpin {on | off} ]
                               [ fastleave {on | off} ]
                               [ root_block {on | off} ]
                               [ learning {on | off} ]
                               [ learning_sync {on | off} ]
                               [ flood {on | off} ]
                               [ mcast_router MULTICAST_ROUTER ]
                               [ mcast_flood {on | off} ]
                               [ bcast_flood {on | off} ]
                               [ mcast_to_unicast {on | off} ]
                               [ neigh_suppress {on | off} ]
                               [ vlan_tunnel {on | off} ]
                               [ isolated {on | off} ]
                               [ locked {on | off} ]
                               [ hwmode {vepa | veb} ]
                               [ backup_port DEVICE ] [ nobackup_port ]
                               [ self ] [ master ]
       bridge link show [dev DEV]`;

const STP_STATES = ['disabled', 'listening', 'learning', 'forwarding', 'blocking'];

/** print_stp_state. */
export function printStpState(p: Printer, state: number): void {
  const word = STP_STATES[state];
  if (word !== undefined) p.string('any', 'state', 'state %s ', word);
  else p.uint('any', 'state', 'state (%d) ', state);
}

/** print_protinfo: the port's state, priority, cost, and with -d its flags on a second line. */
function printProtinfo(p: Printer, l: BridgeLink, details: number, names: Names): void {
  const b = l.protinfo;
  if (!b) {
    if (l.protinfoState !== undefined) printStpState(p, l.protinfoState);
    return;
  }
  if (b.state !== undefined) printStpState(p, b.state);
  if (b.priority !== undefined) p.uint('any', 'priority', 'priority %u ', b.priority);
  if (b.cost !== undefined) p.uint('any', 'cost', 'cost %u ', b.cost);
  if (!details) return;
  p.text(`${p.sl}    `);
  const onOff = (key: string, v: number | undefined): void => {
    if (v !== undefined) p.onOff('any', key, `${key} %s `, v);
  };
  onOff('hairpin', b.mode);
  onOff('guard', b.guard);
  onOff('root_block', b.protect);
  onOff('fastleave', b.fastLeave);
  onOff('learning', b.learning);
  onOff('learning_sync', b.learningSync);
  onOff('flood', b.unicastFlood);
  onOff('mcast_flood', b.mcastFlood);
  onOff('bcast_flood', b.bcastFlood);
  if (b.multicastRouter !== undefined) p.uint('any', 'mcast_router', 'mcast_router %u ', b.multicastRouter);
  onOff('mcast_to_unicast', b.mcastToUcast);
  onOff('neigh_suppress', b.neighSuppress);
  onOff('vlan_tunnel', b.vlanTunnel);
  if (b.backupPort !== undefined) p.string('any', 'backup_port', 'backup_port %s ', names.name(b.backupPort));
  onOff('isolated', b.isolated);
  onOff('locked', b.locked);
}

/** print_linkinfo of bridge/link.c: one port's line(s). `deleted` for RTM_DELLINK (monitor). */
export function printBridgeLink(p: Printer, l: BridgeLink, details: number, names: Names, deleted = false): void {
  p.openObject();
  if (deleted) p.bool('any', 'deleted', 'Deleted ', true);
  p.int('any', 'ifindex', '%d: ', l.ifindex);
  const mdown = printNameAndLink(p, '%s: ', l, names);
  printLinkFlags(p, l, mdown);
  if (l.mtu !== undefined) p.int('any', 'mtu', 'mtu %u ', l.mtu);
  if (l.master !== undefined) p.string('any', 'master', 'master %s ', names.name(l.master));
  printProtinfo(p, l, details, names);
  const mode = l.bridgeAfSpec?.mode;
  if (mode !== undefined) {
    const word = ['VEB', 'VEPA'][mode];
    if (word === undefined) p.hex0x('any', 'hwmode', 'hwmode %#llx ', mode);
    else p.string('any', 'hwmode', 'hwmode %s ', word);
  }
  p.string('fp', null, '%s', '\n');
  p.closeObject();
}

async function show(ctx: BridgeContext, w: Words): Promise<number> {
  let dev: string | undefined;
  for (; !w.done; w.skip()) {
    if (w.cur === 'dev') {
      const v = w.next();
      if (dev !== undefined) throw duparg('dev', v);
      dev = v;
    }
  }
  const names = await ctx.names();
  let index: number | undefined;
  if (dev !== undefined) {
    index = await ctx.index(dev);
    if (!index) throw new CliFailure(`Cannot find device "${dev}"`, 255);
  }
  const ip = await ctx.ip();
  const links = await ip.bridge.link.list();
  const p = ctx.printer();
  p.begin();
  for (const l of links) {
    if (index !== undefined && l.ifindex !== index) continue;
    printBridgeLink(p, l, ctx.g.details, names);
  }
  p.end();
  ctx.flush(p);
  return 0;
}

/** parse_on_off as bridge calls it: "off"/"on" (abbreviations), else its message and status 234 (-EINVAL). */
function onOff(key: string, v: string): boolean {
  if (matches(v, 'off')) return false;
  if (matches(v, 'on')) return true;
  throw new CliFailure(`Error: argument of "${key}" must be one of "off", "on", not "${v}"`, 234);
}

const ON_OFF: Readonly<Record<string, keyof BridgeLinkSettings>> = {
  guard: 'guard', hairpin: 'hairpin', fastleave: 'fastleave', root_block: 'rootBlock', learning: 'learning',
  learning_sync: 'learningSync', flood: 'flood', mcast_flood: 'mcastFlood', bcast_flood: 'bcastFlood',
  mcast_to_unicast: 'mcastToUnicast', neigh_suppress: 'neighSuppress', vlan_tunnel: 'vlanTunnel', isolated: 'isolated',
  locked: 'locked',
};

/** brlink_modify: bridge's words (exact, in any order), then one RTM_SETLINK. */
async function set(ctx: BridgeContext, w: Words): Promise<number> {
  let dev: string | undefined;
  let backup: string | null | undefined;
  const s: Record<string, unknown> = {};
  for (; !w.done; w.skip()) {
    const word = w.cur;
    const key = ON_OFF[word];
    if (key !== undefined) s[key] = onOff(word, w.next());
    else if (word === 'dev') dev = w.next();
    else if (word === 'mcast_router') {
      // bridge keeps atoi's value in an __s8 and sends it when it is not negative
      const v = (atoi(w.next()) << 24) >> 24;
      if (v >= 0) s.mcastRouter = v; else delete s.mcastRouter;
    } else if (word === 'cost') {
      const v = atoi(w.next()) >>> 0; // __u32, sent when above 0
      if (v > 0) s.cost = v; else delete s.cost;
    } else if (word === 'priority') {
      const v = (atoi(w.next()) << 16) >> 16; // __s16
      if (v >= 0) s.priority = v; else delete s.priority;
    } else if (word === 'state') {
      const arg = w.next();
      let v: number;
      if (/^\s*[+-]?\d+$/.test(arg)) v = (atoi(arg) << 24) >> 24; // strtol into an __s8
      else {
        v = STP_STATES.indexOf(arg);
        if (v < 0) throw new CliFailure('Error: invalid STP port state', 255);
      }
      if (v >= 0) s.state = v; else delete s.state;
    } else if (word === 'hwmode') {
      const arg = w.next();
      if (arg !== 'vepa' && arg !== 'veb') throw new CliFailure('Mode argument must be "vepa" or "veb".', 255);
      s.hwmode = arg;
    } else if (word === 'self') s.self = true;
    else if (word === 'master') s.master = true;
    else if (word === 'backup_port') {
      const arg = w.next();
      if (!(await ctx.index(arg))) throw new CliFailure(`Error: device ${arg} does not exist`, 255);
      backup = arg;
    } else if (word === 'nobackup_port') backup = null;
    else throw new CliExit(BRIDGE_LINK_USAGE);
  }
  if (dev === undefined) throw new CliFailure('Device is a required argument.', 255);
  const index = await ctx.index(dev);
  if (!index) throw new CliFailure(`Cannot find bridge device "${dev}"`, 255);
  if (backup !== undefined) s.backupPort = backup === null ? null : await ctx.index(backup);
  const ip = await ctx.ip();
  await ip.bridge.link.set(index, s as BridgeLinkSettings);
  return 0;
}

/** do_link: the verbs of `bridge link`. */
export async function doLink(ctx: BridgeContext, w: Words): Promise<number> {
  if (w.done) return show(ctx, w);
  const verb = w.cur;
  w.skip();
  if (matches(verb, 'set') || matches(verb, 'change')) return set(ctx, w);
  if (matches(verb, 'show') || matches(verb, 'lst') || matches(verb, 'list')) return show(ctx, w);
  if (matches(verb, 'help')) throw new CliExit(BRIDGE_LINK_USAGE);
  throw new CliExit(`Command "${verb}" is unknown, try "bridge link help".`);
}
