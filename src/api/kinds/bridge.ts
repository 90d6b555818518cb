/**
 * Kind "bridge": options on create and on change (`link set dev br0 type bridge ...`, the
 * kernel's br_changelink). Times are centiseconds, as iproute2 takes them.
 */
import type { BridgeInfo } from '../../rtnl/link/index.js';
import { checkBit, checkUint, checkWord } from '../check.js';
import type { KindDriver } from './driver.js';

const ETH_P_8021Q = 0x8100;
const ETH_P_8021AD = 0x88a8;

export interface BridgeOptions {
  /** Centiseconds, as iproute2 takes them (forward_delay 1500 = 15 s). */
  forwardDelay?: number;
  helloTime?: number;
  maxAge?: number;
  ageingTime?: number;
  stpState?: 0 | 1 | boolean;
  priority?: number;
  vlanFiltering?: 0 | 1 | boolean;
  vlanProtocol?: '802.1Q' | '802.1ad';
  vlanDefaultPvid?: number;
  groupFwdMask?: number;
  mcastSnooping?: 0 | 1 | boolean;
  mcastQuerier?: 0 | 1 | boolean;
  nfCallIptables?: 0 | 1 | boolean;
  nfCallIp6tables?: 0 | 1 | boolean;
  nfCallArptables?: 0 | 1 | boolean;
}

/** Options that are plain numbers: the key, the largest value. */
const NUMBERS: readonly [keyof BridgeOptions & keyof BridgeInfo, number][] = [
  ['forwardDelay', 0xffffffff], ['helloTime', 0xffffffff], ['maxAge', 0xffffffff], ['ageingTime', 0xffffffff],
  ['priority', 0xffff], ['vlanDefaultPvid', 4094], ['groupFwdMask', 0xffff],
];
const BITS: readonly (keyof BridgeOptions & keyof BridgeInfo)[] = [
  'stpState', 'vlanFiltering', 'mcastSnooping', 'mcastQuerier', 'nfCallIptables', 'nfCallIp6tables', 'nfCallArptables',
];

export const bridgeDriver: KindDriver<BridgeOptions, BridgeInfo> = {
  options: {
    forwardDelay: true, helloTime: true, maxAge: true, ageingTime: true, stpState: true, priority: true,
    vlanFiltering: true, vlanProtocol: true, vlanDefaultPvid: true, groupFwdMask: true, mcastSnooping: true,
    mcastQuerier: true, nfCallIptables: true, nfCallIp6tables: true, nfCallArptables: true,
  },
  build(o) {
    const data: Record<string, number> = {};
    for (const key of Object.keys(o) as (keyof BridgeOptions)[]) {
      const v = o[key];
      if (v === undefined) continue;
      const num = NUMBERS.find(([k]) => k === key);
      if (num) data[key] = checkUint(v, key, num[1]);
      else if (BITS.includes(key as (typeof BITS)[number])) data[key] = checkBit(v, key);
      else if (key === 'vlanProtocol') {
        data.vlanProtocol = checkWord(v, 'vlan_protocol', ['802.1Q', '802.1ad']) === '802.1Q' ? ETH_P_8021Q : ETH_P_8021AD;
      }
    }
    return Object.keys(data).length ? (data as BridgeInfo) : undefined;
  },
};
