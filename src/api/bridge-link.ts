/**
 * `ip.bridge.link`: bridge ports as `bridge link` sees and changes them: the AF_BRIDGE link dump
 * (RTM_GETLINK, family AF_BRIDGE) and RTM_SETLINK of family AF_BRIDGE carrying IFLA_PROTINFO
 * (the IFLA_BRPORT_* settings) and IFLA_AF_SPEC (IFLA_BRIDGE_FLAGS master/self, hardware mode).
 */
import { MessageWriter, NLA_F_NESTED } from '../netlink/index.js';
import { AF_BRIDGE } from '../rtnl/common.js';
import {
  BRIDGE_FLAGS_MASTER, BRIDGE_FLAGS_SELF, BRIDGE_MODE_VEB, BRIDGE_MODE_VEPA, IFLA_BRIDGE_FLAGS, IFLA_BRIDGE_MODE, toBridgeLink,
  type BridgeLink,
} from '../rtnl/bridge/index.js';
import {
  IFLA_AF_SPEC, IFLA_PROTINFO, RTEXT_FILTER_VF, RTM_GETLINK, RTM_NEWLINK, RTM_SETLINK, bridgePortStateValue, bridgePortTable,
  decodeLinkMessage, encodeLinkMessage, newIfInfoMsg, type BridgePortInfo,
} from '../rtnl/link/index.js';
import { checkBit, checkKeys, checkUint, checkWord } from './check.js';
import type { ApiContext, Dev } from './context.js';
import { InvalidArgumentError } from './errors.js';

/** What `bridge link set` changes, named after its keywords (camelCase); absent keys stay. */
export interface BridgeLinkSettings {
  guard?: boolean;
  hairpin?: boolean;
  fastleave?: boolean;
  rootBlock?: boolean;
  learning?: boolean;
  learningSync?: boolean;
  flood?: boolean;
  /** IFLA_BRPORT_MULTICAST_ROUTER: 0 disabled, 1 temporary (default), 2 permanent, 3 temporary query. */
  mcastRouter?: number;
  mcastFlood?: boolean;
  bcastFlood?: boolean;
  mcastToUnicast?: boolean;
  /** Path cost, 1 or more. */
  cost?: number;
  priority?: number;
  /** STP state: 'disabled' | 'listening' | 'learning' | 'forwarding' | 'blocking', or BR_STATE_* number. */
  state?: string | number;
  neighSuppress?: boolean;
  vlanTunnel?: boolean;
  isolated?: boolean;
  locked?: boolean;
  /** The port traffic fails over to; null removes it (`nobackup_port`). */
  backupPort?: Dev | null;
  /** Hardware mode of a device with bridging in hardware (implies `self`). */
  hwmode?: 'vepa' | 'veb';
  /** Apply to the device itself (BRIDGE_FLAGS_SELF). */
  self?: boolean;
  /** Apply to the bridge the device is a port of (BRIDGE_FLAGS_MASTER). */
  master?: boolean;
}

const SETTINGS: ReadonlySet<string> = new Set([
  'guard', 'hairpin', 'fastleave', 'rootBlock', 'learning', 'learningSync', 'flood', 'mcastRouter', 'mcastFlood', 'bcastFlood',
  'mcastToUnicast', 'cost', 'priority', 'state', 'neighSuppress', 'vlanTunnel', 'isolated', 'locked', 'backupPort', 'hwmode',
  'self', 'master',
]);

const STATES = ['disabled', 'listening', 'learning', 'forwarding', 'blocking'] as const;

/** What `bridge.link.list` selects. */
export interface BridgeLinkFilter {
  /** Only this device. */
  dev?: Dev;
}

/**
 * The IFLA_PROTINFO and IFLA_AF_SPEC contents of `bridge link set`, in the order bridge writes
 * them (flags first, then cost, priority, state ...). Checked before any request.
 */
export function buildBridgeLinkRequest(s: Readonly<BridgeLinkSettings>, backupPort?: number): { port: BridgePortInfo; flags: number; mode?: number } {
  if (s === null || typeof s !== 'object') throw new InvalidArgumentError('bridge link settings are expected');
  checkKeys(s, SETTINGS, 'bridge link set');
  const port: BridgePortInfo = {};
  const bit = (v: boolean | undefined, what: string): number | undefined => (v === undefined ? undefined : checkBit(v, what));
  const put = <K extends keyof BridgePortInfo>(k: K, v: BridgePortInfo[K] | undefined): void => {
    if (v !== undefined) port[k] = v;
  };
  put('guard', bit(s.guard, 'guard'));
  put('mode', bit(s.hairpin, 'hairpin'));
  put('fastLeave', bit(s.fastleave, 'fastleave'));
  put('protect', bit(s.rootBlock, 'rootBlock'));
  put('unicastFlood', bit(s.flood, 'flood'));
  put('multicastRouter', s.mcastRouter === undefined ? undefined : checkUint(s.mcastRouter, 'mcastRouter', 0xff));
  put('mcastFlood', bit(s.mcastFlood, 'mcastFlood'));
  put('bcastFlood', bit(s.bcastFlood, 'bcastFlood'));
  put('mcastToUcast', bit(s.mcastToUnicast, 'mcastToUnicast'));
  put('learning', bit(s.learning, 'learning'));
  put('learningSync', bit(s.learningSync, 'learningSync'));
  if (s.cost !== undefined && checkUint(s.cost, 'cost') === 0) throw new InvalidArgumentError('invalid cost "0": the path cost is 1 or more', 'cost');
  put('cost', s.cost);
  put('priority', s.priority === undefined ? undefined : checkUint(s.priority, 'priority', 0xffff));
  if (s.state !== undefined) {
    put('state', typeof s.state === 'number' ? checkUint(s.state, 'state', 0xff) : bridgePortStateValue(checkWord(s.state, 'state', STATES)));
  }
  put('neighSuppress', bit(s.neighSuppress, 'neighSuppress'));
  put('vlanTunnel', bit(s.vlanTunnel, 'vlanTunnel'));
  put('isolated', bit(s.isolated, 'isolated'));
  put('locked', bit(s.locked, 'locked'));
  put('backupPort', backupPort);
  let flags = 0;
  let mode: number | undefined;
  if (s.hwmode !== undefined) {
    mode = checkWord(s.hwmode, 'hwmode', ['vepa', 'veb'] as const) === 'vepa' ? BRIDGE_MODE_VEPA : BRIDGE_MODE_VEB;
    flags |= BRIDGE_FLAGS_SELF;
  }
  if (s.self !== undefined && checkBit(s.self, 'self')) flags |= BRIDGE_FLAGS_SELF;
  if (s.master !== undefined && checkBit(s.master, 'master')) flags |= BRIDGE_FLAGS_MASTER;
  return mode === undefined ? { port, flags } : { port, flags, mode };
}

/** Bridge ports: `bridge link` as a service. */
export class BridgeLinkService {
  constructor(private readonly ctx: ApiContext) {}

  /**
   * The AF_BRIDGE link dump (bridge ports, and devices reporting bridge data), as `bridge link
   * show` asks for it; `extMask` adds RTEXT_FILTER_* bits (the VLAN dumps of `bridge vlan`).
   */
  async list(filter: Readonly<BridgeLinkFilter & { extMask?: number }> = {}): Promise<BridgeLink[]> {
    const index = filter.dev === undefined ? undefined : await this.ctx.ifindex(filter.dev);
    const w = new MessageWriter(RTM_GETLINK, 0, 64);
    encodeLinkMessage(w, { ifinfo: newIfInfoMsg({ family: AF_BRIDGE }), attrs: { extMask: filter.extMask ?? RTEXT_FILTER_VF } }, this.ctx.kinds);
    const all = await this.ctx.conn.dumpAll(w.finish(), 'RTM_GETLINK', {
      map: (type, buf, start, end) => (type === RTM_NEWLINK ? toBridgeLink(decodeLinkMessage(buf, this.ctx.kinds, start, end)) : undefined),
    });
    return index === undefined ? all : all.filter((l) => l.ifindex === index);
  }

  /** `bridge link set dev DEV ...`: RTM_SETLINK of family AF_BRIDGE. */
  async set(dev: Dev, settings: Readonly<BridgeLinkSettings>): Promise<void> {
    buildBridgeLinkRequest(settings); // checked before any lookup
    const backup = settings.backupPort === undefined ? undefined : settings.backupPort === null ? 0 : await this.ctx.ifindex(settings.backupPort);
    const { port, flags, mode } = buildBridgeLinkRequest(settings, backup);
    const index = await this.ctx.ifindex(dev);
    await this.ctx.conn.request(encodeBridgeSetLink(index, port, flags, mode), 'RTM_SETLINK');
  }
}

/** The RTM_SETLINK message of `bridge link set`: IFLA_PROTINFO always, IFLA_AF_SPEC when flags or a mode are set. */
export function encodeBridgeSetLink(index: number, port: BridgePortInfo, flags: number, mode?: number): Uint8Array {
  const w = new MessageWriter(RTM_SETLINK, 0, 128);
  encodeLinkMessage(w, { ifinfo: newIfInfoMsg({ family: AF_BRIDGE, index }), attrs: {} });
  w.nested(IFLA_PROTINFO | NLA_F_NESTED, () => bridgePortTable.encode(w, port));
  if (mode !== undefined || flags > 0) {
    w.nested(IFLA_AF_SPEC, () => {
      if (flags > 0) w.u16(IFLA_BRIDGE_FLAGS, flags);
      if (mode !== undefined) w.u16(IFLA_BRIDGE_MODE, mode);
    });
  }
  return w.finish();
}
