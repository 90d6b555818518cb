/** The `-d` details of a bridge port (ip/iplink_bridge_slave.c bridge_slave_print_opt). */
import type { BridgePortInfo } from '../../rtnl/link/index.js';
import type { Names } from '../names.js';
import type { Printer } from '../printer.js';
import { bridgeIdText, timer } from './bridge.js';
import type { CliSlaveKind } from './plug.js';

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
  print: printBridgePort,
};
