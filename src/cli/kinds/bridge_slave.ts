/**
 * `type bridge_slave` words of `link set` (ip/iplink_bridge_slave.c bridge_slave_parse_opt) and
 * the `-d` details of a bridge port (bridge_slave_print_opt).
 */
import type { BridgePortOptions } from '../../api/kinds/index.js';
import type { BridgePortInfo } from '../../rtnl/link/index.js';
import { CliFailure, invarg } from '../errors.js';
import type { Names } from '../names.js';
import { parseUnsigned } from '../numbers.js';
import type { Printer } from '../printer.js';
import { nameToIndex } from '../resolve.js';
import { renameProgram } from '../usage.js';
import { matches, type Words } from '../words.js';
import { bridgeIdText, timer } from './bridge.js';
import type { CliSlaveKind, KindWords, KindWordsEnv } from './plug.js';

const HELP = renameProgram('Usage: ... bridge_slave [ fdb_flush ]\n\t\t\t[ state STATE ]\n\t\t\t[ priority PRIO ]\n\t\t\t[ cost COST ]\n\t\t\t[ guard {on | off} ]\n\t\t\t[ hairpin {on | off} ]\n\t\t\t[ fastleave {on | off} ]\n\t\t\t[ root_block {on | off} ]\n\t\t\t[ learning {on | off} ]\n\t\t\t[ flood {on | off} ]\n\t\t\t[ proxy_arp {on | off} ]\n\t\t\t[ proxy_arp_wifi {on | off} ]\n\t\t\t[ mcast_router MULTICAST_ROUTER ]\n\t\t\t[ mcast_fast_leave {on | off} ]\n\t\t\t[ mcast_flood {on | off} ]\n\t\t\t[ bcast_flood {on | off} ]\n\t\t\t[ mcast_to_unicast {on | off} ]\n\t\t\t[ group_fwd_mask MASK ]\n\t\t\t[ neigh_suppress {on | off} ]\n\t\t\t[ vlan_tunnel {on | off} ]\n\t\t\t[ isolated {on | off} ]\n\t\t\t[ locked {on | off} ]\n\t\t\t[ backup_port DEVICE ] [ nobackup_port ]\n');

/**
 * parse_on_off (lib/utils.c, through parse_one_of): "off" or "on", abbreviations allowed (the
 * first of off/on a word starts, so "o" is off); else iproute2's error, status 1.
 */
export function parseOnOff(key: string, v: string): boolean {
  if (matches(v, 'off')) return false;
  if (matches(v, 'on')) return true;
  throw new CliFailure(`Error: argument of "${key}" must be one of "off", "on", not "${v}"`, 1);
}

type PortKey = keyof BridgePortOptions;
/** How the value after a word is read: a number up to a width, on/off, a device, or none. */
type Read = { num: number; err: string } | 'onoff' | 'dev' | 'none' | 'nobackup';

/** bridge_slave_parse_opt's words in its order of matching, each with the option it sets. */
const WORDS: readonly [string, Read, PortKey][] = [
  ['fdb_flush', 'none', 'fdbFlush'],
  ['state', { num: 0xff, err: 'state is invalid' }, 'state'],
  ['priority', { num: 0xffff, err: 'priority is invalid' }, 'priority'],
  ['cost', { num: 0xffffffff, err: 'cost is invalid' }, 'cost'],
  ['hairpin', 'onoff', 'hairpin'],
  ['guard', 'onoff', 'guard'],
  ['root_block', 'onoff', 'rootBlock'],
  ['fastleave', 'onoff', 'fastleave'],
  ['learning', 'onoff', 'learning'],
  ['flood', 'onoff', 'flood'],
  ['mcast_flood', 'onoff', 'mcastFlood'],
  ['bcast_flood', 'onoff', 'bcastFlood'],
  ['mcast_to_unicast', 'onoff', 'mcastToUnicast'],
  ['proxy_arp', 'onoff', 'proxyArp'],
  ['proxy_arp_wifi', 'onoff', 'proxyArpWifi'],
  ['mcast_router', { num: 0xff, err: 'invalid mcast_router' }, 'mcastRouter'],
  ['mcast_fast_leave', 'onoff', 'mcastFastLeave'],
  ['neigh_suppress', 'onoff', 'neighSuppress'],
  ['group_fwd_mask', { num: 0xffff, err: 'invalid group_fwd_mask' }, 'groupFwdMask'],
  ['vlan_tunnel', 'onoff', 'vlanTunnel'],
  ['isolated', 'onoff', 'isolated'],
  ['locked', 'onoff', 'locked'],
  ['backup_port', 'dev', 'backupPort'],
  ['nobackup_port', 'nobackup', 'backupPort'],
];

async function parseBridgePort(words: Words, env: KindWordsEnv): Promise<KindWords<BridgePortOptions>> {
  const r: Record<string, unknown> = {};
  for (; !words.done; words.skip()) {
    const w = words.cur;
    const spec = WORDS.find(([word]) => matches(w, word));
    if (!spec) {
      const help = HELP.replace(/\n$/, '');
      if (matches(w, 'help')) throw new CliFailure(help, 1);
      throw new CliFailure(`bridge_slave: unknown option "${w}"?\n${help}`, 1);
    }
    const [word, read, key] = spec;
    if (read === 'none') r[key] = true;
    else if (read === 'nobackup') r[key] = null;
    else if (read === 'onoff') r[key] = parseOnOff(word, words.next());
    else if (read === 'dev') {
      const v = words.next();
      const idx = await nameToIndex(env.ip, v);
      if (!idx) throw invarg('Device does not exist\n', v);
      r[key] = idx;
    } else {
      const v = words.next();
      const n = parseUnsigned(v, read.num);
      if (n === undefined) throw invarg(read.err, v);
      r[key] = n;
    }
    // mcast_fast_leave and fastleave write one attribute: the later word is the one kept.
    if (key === 'mcastFastLeave') delete r.fastleave;
    if (key === 'fastleave') delete r.mcastFastLeave;
  }
  return { options: r as KindWords<BridgePortOptions>['options'] };
}

const PORT_STATES = ['disabled', 'listening', 'learning', 'forwarding', 'blocking'];
const FWD_MASK_NAMES: Readonly<Record<number, string>> = { 0: 'stp', 2: 'lacp', 14: 'lldp' };

function fwdMaskText(mask: number): string {
  const parts: string[] = [];
  for (let i = 0; mask >> i; i++) {
    if ((mask >> i) & 1) parts.push(FWD_MASK_NAMES[i] ?? `0x${(1 << i).toString(16)}`);
  }
  return parts.length ? parts.join(',') : '0x0';
}

function printBridgePort(p: Printer, d: BridgePortInfo, names: Names): void {
  const onOff = (key: string, fmt: string, v: number | undefined): void => {
    if (v !== undefined) p.onOff('any', key, fmt, v);
  };
  const u = (key: string, fmt: string, v: number | bigint | undefined): void => {
    if (v !== undefined) p.uint('any', key, fmt, v);
  };
  if (d.state !== undefined) {
    const s = PORT_STATES[d.state];
    if (s !== undefined) p.string('any', 'state', 'state %s ', s);
    else p.int('any', 'state_index', 'state (%d) ', d.state);
  }
  if (d.priority !== undefined) p.int('any', 'priority', 'priority %d ', d.priority);
  if (d.cost !== undefined) p.int('any', 'cost', 'cost %d ', d.cost | 0);
  onOff('hairpin', 'hairpin %s ', d.mode);
  onOff('guard', 'guard %s ', d.guard);
  onOff('root_block', 'root_block %s ', d.protect);
  onOff('fastleave', 'fastleave %s ', d.fastLeave);
  onOff('learning', 'learning %s ', d.learning);
  onOff('flood', 'flood %s ', d.unicastFlood);
  if (d.id !== undefined) p.hex0x('any', 'id', 'port_id %#llx ', d.id);
  if (d.no !== undefined) p.hex0x('any', 'no', 'port_no %#llx ', d.no);
  u('designated_port', 'designated_port %u ', d.designatedPort);
  u('designated_cost', 'designated_cost %u ', d.designatedCost);
  if (d.bridgeId) p.string('any', 'bridge_id', 'designated_bridge %s ', bridgeIdText(d.bridgeId));
  if (d.rootId) p.string('any', 'root_id', 'designated_root %s ', bridgeIdText(d.rootId));
  if (d.holdTimer !== undefined) timer(p, 'hold_timer', d.holdTimer);
  if (d.messageAgeTimer !== undefined) timer(p, 'message_age_timer', d.messageAgeTimer);
  if (d.forwardDelayTimer !== undefined) timer(p, 'forward_delay_timer', d.forwardDelayTimer);
  u('topology_change_ack', 'topology_change_ack %u ', d.topologyChangeAck);
  u('config_pending', 'config_pending %u ', d.configPending);
  onOff('proxy_arp', 'proxy_arp %s ', d.proxyarp);
  onOff('proxy_arp_wifi', 'proxy_arp_wifi %s ', d.proxyarpWifi);
  u('multicast_router', 'mcast_router %u ', d.multicastRouter);
  if (d.fastLeave !== undefined) p.string('fp', null, 'mcast_fast_leave %s ', d.fastLeave ? 'on' : 'off');
  onOff('mcast_flood', 'mcast_flood %s ', d.mcastFlood);
  onOff('bcast_flood', 'bcast_flood %s ', d.bcastFlood);
  onOff('mcast_to_unicast', 'mcast_to_unicast %s ', d.mcastToUcast);
  onOff('neigh_suppress', 'neigh_suppress %s ', d.neighSuppress);
  if (d.groupFwdMask !== undefined) {
    p.hex0x('any', 'group_fwd_mask', 'group_fwd_mask %#llx ', d.groupFwdMask);
    p.string('any', 'group_fwd_mask_str', 'group_fwd_mask_str %s ', fwdMaskText(d.groupFwdMask));
  }
  onOff('vlan_tunnel', 'vlan_tunnel %s ', d.vlanTunnel);
  onOff('isolated', 'isolated %s ', d.isolated);
  onOff('locked', 'locked %s ', d.locked);
  if (d.backupPort !== undefined) p.string('any', 'backup_port', 'backup_port %s ', names.name(d.backupPort));
}

export const bridgeSlaveCli: CliSlaveKind<'bridge_slave'> = {
  parse: parseBridgePort,
  print: printBridgePort,
  help: HELP,
};
