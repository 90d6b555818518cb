/**
 * A bridge port's options (`ip link set dev X type bridge_slave ...`, ip/iplink_bridge_slave.c;
 * the kernel's br_setport): IFLA_INFO_SLAVE_DATA with IFLA_BRPORT_* for slave kind "bridge",
 * sent only as a change of an enslaved device. The same options drive `bridge link set`
 * (ip.bridge.link.set), which carries them in IFLA_PROTINFO instead.
 */
import { bridgePortStateValue, type BridgePortInfo } from '../../rtnl/link/index.js';
import { checkBit, checkUint, checkWord } from '../check.js';
import type { Dev } from '../context.js';
import { InvalidArgumentError } from '../errors.js';
import type { KindBuild, SlaveKindDriver } from './driver.js';

export type BridgePortState = 'disabled' | 'listening' | 'learning' | 'forwarding' | 'blocking';

/** The options of a bridge port, named after iproute2's words in camelCase. */
export interface BridgePortOptions {
  /** fdb_flush: flush the port's FDB entries. */
  fdbFlush?: true;
  /** STP state: a word, or its BR_STATE_* number (0-4; the kernel refuses others). */
  state?: BridgePortState | number;
  priority?: number;
  cost?: number;
  /** BPDU guard. */
  guard?: boolean;
  /** hairpin mode (IFLA_BRPORT_MODE). */
  hairpin?: boolean;
  /** Multicast fast leave (IFLA_BRPORT_FAST_LEAVE); `mcastFastLeave` is another name of it. */
  fastleave?: boolean;
  /** Root port protection (IFLA_BRPORT_PROTECT). */
  rootBlock?: boolean;
  learning?: boolean;
  /** learning_sync (`bridge link set` only in iproute2). */
  learningSync?: boolean;
  /** Unicast flooding (IFLA_BRPORT_UNICAST_FLOOD). */
  flood?: boolean;
  proxyArp?: boolean;
  proxyArpWifi?: boolean;
  /** 0 disabled, 1 temp query (default), 2 permanent, 3 temp. */
  mcastRouter?: number;
  /** iproute2's mcast_fast_leave: the same attribute as `fastleave`. */
  mcastFastLeave?: boolean;
  mcastFlood?: boolean;
  bcastFlood?: boolean;
  mcastToUnicast?: boolean;
  groupFwdMask?: number;
  neighSuppress?: boolean;
  vlanTunnel?: boolean;
  isolated?: boolean;
  locked?: boolean;
  /** MAC authentication bypass (IFLA_BRPORT_MAB; not in iproute2 6.1's words). */
  mab?: boolean;
  /** The backup port, or null for none (iproute2's nobackup_port). */
  backupPort?: Dev | null;
}

/** Option -> IFLA_BRPORT field, for the on/off ones (u8 0/1). */
const BITS: { readonly [K in keyof BridgePortOptions]?: keyof BridgePortInfo } = {
  guard: 'guard', hairpin: 'mode', fastleave: 'fastLeave', rootBlock: 'protect', learning: 'learning',
  learningSync: 'learningSync', flood: 'unicastFlood', proxyArp: 'proxyarp', proxyArpWifi: 'proxyarpWifi',
  mcastFastLeave: 'fastLeave', mcastFlood: 'mcastFlood', bcastFlood: 'bcastFlood', mcastToUnicast: 'mcastToUcast',
  neighSuppress: 'neighSuppress', vlanTunnel: 'vlanTunnel', isolated: 'isolated', locked: 'locked', mab: 'mab',
};

const STATES: readonly BridgePortState[] = ['disabled', 'listening', 'learning', 'forwarding', 'blocking'];

/** IFLA_BRPORT_* of the options, in their order; devices named are looked up through `b`. */
export function buildBridgePort(o: Readonly<Partial<BridgePortOptions>>, b: KindBuild): BridgePortInfo | undefined {
  if (o.fastleave !== undefined && o.mcastFastLeave !== undefined) {
    throw new InvalidArgumentError('fastleave and mcastFastLeave are the same option: give one', 'mcastFastLeave');
  }
  const data: Record<string, unknown> = {};
  for (const key of Object.keys(o) as (keyof BridgePortOptions)[]) {
    const v = o[key];
    if (v === undefined) continue;
    const bit = BITS[key];
    if (bit) {
      data[bit] = checkBit(v, key);
      continue;
    }
    switch (key) {
      case 'fdbFlush':
        if (v !== true) throw new InvalidArgumentError(`invalid fdbFlush "${String(v)}": expected true`, key);
        data.flush = true;
        break;
      case 'state':
        data.state = typeof v === 'number' ? checkUint(v, 'state', 0xff) : bridgePortStateValue(checkWord(v, 'state', STATES))!;
        break;
      case 'priority': data.priority = checkUint(v, 'priority', 0xffff); break;
      case 'cost': data.cost = checkUint(v, 'cost'); break;
      case 'mcastRouter': data.multicastRouter = checkUint(v, 'mcastRouter', 0xff); break;
      case 'groupFwdMask': data.groupFwdMask = checkUint(v, 'groupFwdMask', 0xffff); break;
      case 'backupPort':
        data.backupPort = 0; // its place in the request; the index comes with the lookups
        if (v !== null) b.lookup(v as Dev, (index) => { data.backupPort = index; });
        break;
      default: break;
    }
  }
  return Object.keys(data).length ? (data as BridgePortInfo) : undefined;
}

export const bridgePortDriver: SlaveKindDriver<BridgePortOptions, BridgePortInfo> = {
  options: {
    fdbFlush: true, state: true, priority: true, cost: true, guard: true, hairpin: true, fastleave: true, rootBlock: true,
    learning: true, learningSync: true, flood: true, proxyArp: true, proxyArpWifi: true, mcastRouter: true,
    mcastFastLeave: true, mcastFlood: true, bcastFlood: true, mcastToUnicast: true, groupFwdMask: true,
    neighSuppress: true, vlanTunnel: true, isolated: true, locked: true, mab: true, backupPort: true,
  },
  build: buildBridgePort,
};
