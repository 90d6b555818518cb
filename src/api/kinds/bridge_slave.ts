/**
 * A bridge port's options (`ip link set dev X type bridge_slave ...`): IFLA_INFO_SLAVE_DATA with
 * IFLA_BRPORT_* for slave kind "bridge". Sent only as a change of an enslaved device.
 */
import { bridgePortStateValue, type BridgePortInfo } from '../../rtnl/link/index.js';
import { checkBit, checkUint, checkWord } from '../check.js';
import type { SlaveKindDriver } from './driver.js';

export type BridgePortState = 'disabled' | 'listening' | 'learning' | 'forwarding' | 'blocking';

export interface BridgePortOptions {
  state?: BridgePortState;
  priority?: number;
  cost?: number;
  /** hairpin mode (IFLA_BRPORT_MODE). */
  hairpin?: boolean;
  guard?: boolean;
  rootBlock?: boolean;
  fastleave?: boolean;
  learning?: boolean;
  flood?: boolean;
  mcastFlood?: boolean;
  bcastFlood?: boolean;
  neighSuppress?: boolean;
  isolated?: boolean;
  proxyArp?: boolean;
}

/** Option -> IFLA_BRPORT field, for the on/off ones. */
const BITS: readonly [keyof BridgePortOptions, keyof BridgePortInfo][] = [
  ['hairpin', 'mode'], ['guard', 'guard'], ['rootBlock', 'protect'], ['fastleave', 'fastLeave'], ['learning', 'learning'],
  ['flood', 'unicastFlood'], ['mcastFlood', 'mcastFlood'], ['bcastFlood', 'bcastFlood'], ['neighSuppress', 'neighSuppress'],
  ['isolated', 'isolated'], ['proxyArp', 'proxyarp'],
];

export const bridgePortDriver: SlaveKindDriver<BridgePortOptions, BridgePortInfo> = {
  options: {
    state: true, priority: true, cost: true, hairpin: true, guard: true, rootBlock: true, fastleave: true, learning: true,
    flood: true, mcastFlood: true, bcastFlood: true, neighSuppress: true, isolated: true, proxyArp: true,
  },
  build(o) {
    const data: Record<string, number> = {};
    for (const key of Object.keys(o) as (keyof BridgePortOptions)[]) {
      const v = o[key];
      if (v === undefined) continue;
      const bit = BITS.find(([k]) => k === key);
      if (bit) data[bit[1]] = checkBit(v, key);
      else if (key === 'state') {
        const word = checkWord(v, 'state', ['disabled', 'listening', 'learning', 'forwarding', 'blocking']);
        data.state = bridgePortStateValue(word)!;
      } else if (key === 'priority') data.priority = checkUint(v, 'priority', 0xffff);
      else if (key === 'cost') data.cost = checkUint(v, 'cost');
    }
    return Object.keys(data).length ? (data as BridgePortInfo) : undefined;
  },
};
