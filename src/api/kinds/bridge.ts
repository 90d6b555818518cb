/**
 * Kind "bridge": options on create and on change (`link set dev br0 type bridge ...`, the
 * kernel's br_changelink), every option of iproute2's ip/iplink_bridge.c. Times are
 * centiseconds, as iproute2 takes them and the kernel reports them (forwardDelay 1500 = 15 s).
 * Attributes are written in the options' order, as iproute2 writes its words'; the two
 * boolean options of IFLA_BR_MULTI_BOOLOPT (noLinklocalLearn, mcastVlanSnooping) go last, in
 * one struct br_boolopt_multi.
 */
import {
  BR_BOOLOPT_MCAST_VLAN_SNOOPING, BR_BOOLOPT_NO_LL_LEARN, type BridgeInfo,
} from '../../rtnl/link/index.js';
import { checkBit, checkMac, checkUint, checkWord } from '../check.js';
import { InvalidArgumentError } from '../errors.js';
import type { KindDriver } from './driver.js';

const ETH_P_8021Q = 0x8100;
const ETH_P_8021AD = 0x88a8;

/** An on/off knob the kernel keeps as a u8: a boolean, or the number iproute2 would send. */
export type BridgeFlag = boolean | number;

/** A u64 interval in centiseconds: a number (a safe integer) or a bigint. */
export type Centiseconds64 = number | bigint;

/** The options of kind "bridge", named after iproute2's words in camelCase. */
export interface BridgeOptions {
  /** fdb_flush: flush the bridge's dynamic FDB entries (a change; harmless on create). */
  fdbFlush?: true;
  /** Centiseconds (forward_delay 1500 = 15 s). */
  forwardDelay?: number;
  /** Centiseconds. */
  helloTime?: number;
  /** Centiseconds. */
  maxAge?: number;
  /** Centiseconds. */
  ageingTime?: number;
  /** 0 off, 1 on (kernel STP), or a boolean. */
  stpState?: BridgeFlag;
  priority?: number;
  groupFwdMask?: number;
  /** The group address of STP frames, "01:80:c2:00:00:0X". */
  groupAddress?: string;
  noLinklocalLearn?: BridgeFlag;
  vlanFiltering?: BridgeFlag;
  /** '802.1Q', '802.1ad' (any case) or the ethertype as a number. */
  vlanProtocol?: '802.1Q' | '802.1ad' | number;
  /** 0-4094 (0: none). */
  vlanDefaultPvid?: number;
  vlanStatsEnabled?: BridgeFlag;
  vlanStatsPerPort?: BridgeFlag;
  mcastSnooping?: BridgeFlag;
  mcastVlanSnooping?: BridgeFlag;
  /** 0 disabled, 1 temp query (default), 2 permanent. */
  mcastRouter?: number;
  mcastQueryUseIfaddr?: BridgeFlag;
  mcastQuerier?: BridgeFlag;
  mcastHashElasticity?: number;
  mcastHashMax?: number;
  mcastLastMemberCount?: number;
  mcastStartupQueryCount?: number;
  mcastLastMemberInterval?: Centiseconds64;
  mcastMembershipInterval?: Centiseconds64;
  mcastQuerierInterval?: Centiseconds64;
  mcastQueryInterval?: Centiseconds64;
  mcastQueryResponseInterval?: Centiseconds64;
  mcastStartupQueryInterval?: Centiseconds64;
  mcastStatsEnabled?: BridgeFlag;
  /** 2 or 3. */
  mcastIgmpVersion?: number;
  /** 1 or 2. */
  mcastMldVersion?: number;
  nfCallIptables?: BridgeFlag;
  nfCallIp6tables?: BridgeFlag;
  nfCallArptables?: BridgeFlag;
}

/** How an option becomes its IFLA_BR_* field. */
type Rule =
  | { kind: 'uint'; field: keyof BridgeInfo; max: number }
  | { kind: 'flag8' | 'flag32'; field: keyof BridgeInfo }
  | { kind: 'u64'; field: keyof BridgeInfo }
  | { kind: 'boolopt'; bit: number }
  | { kind: 'mac' | 'protocol' | 'flush' };

const U8 = 0xff;
const U16 = 0xffff;
const U32 = 0xffffffff;
const uint = (field: keyof BridgeInfo, max: number): Rule => ({ kind: 'uint', field, max });
const flag8 = (field: keyof BridgeInfo): Rule => ({ kind: 'flag8', field });
const u64 = (field: keyof BridgeInfo): Rule => ({ kind: 'u64', field });

/** Every option and its rule; the compiler holds the list complete. */
const RULES: { readonly [K in keyof BridgeOptions]-?: Rule } = {
  fdbFlush: { kind: 'flush' },
  forwardDelay: uint('forwardDelay', U32),
  helloTime: uint('helloTime', U32),
  maxAge: uint('maxAge', U32),
  ageingTime: uint('ageingTime', U32),
  stpState: { kind: 'flag32', field: 'stpState' },
  priority: uint('priority', U16),
  groupFwdMask: uint('groupFwdMask', U16),
  groupAddress: { kind: 'mac' },
  noLinklocalLearn: { kind: 'boolopt', bit: BR_BOOLOPT_NO_LL_LEARN },
  vlanFiltering: flag8('vlanFiltering'),
  vlanProtocol: { kind: 'protocol' },
  vlanDefaultPvid: uint('vlanDefaultPvid', 4094),
  vlanStatsEnabled: flag8('vlanStatsEnabled'),
  vlanStatsPerPort: flag8('vlanStatsPerPort'),
  mcastSnooping: flag8('mcastSnooping'),
  mcastVlanSnooping: { kind: 'boolopt', bit: BR_BOOLOPT_MCAST_VLAN_SNOOPING },
  mcastRouter: uint('mcastRouter', U8),
  mcastQueryUseIfaddr: flag8('mcastQueryUseIfaddr'),
  mcastQuerier: flag8('mcastQuerier'),
  mcastHashElasticity: uint('mcastHashElasticity', U32),
  mcastHashMax: uint('mcastHashMax', U32),
  mcastLastMemberCount: uint('mcastLastMemberCnt', U32),
  mcastStartupQueryCount: uint('mcastStartupQueryCnt', U32),
  mcastLastMemberInterval: u64('mcastLastMemberIntvl'),
  mcastMembershipInterval: u64('mcastMembershipIntvl'),
  mcastQuerierInterval: u64('mcastQuerierIntvl'),
  mcastQueryInterval: u64('mcastQueryIntvl'),
  mcastQueryResponseInterval: u64('mcastQueryResponseIntvl'),
  mcastStartupQueryInterval: u64('mcastStartupQueryIntvl'),
  mcastStatsEnabled: flag8('mcastStatsEnabled'),
  mcastIgmpVersion: uint('mcastIgmpVersion', U8),
  mcastMldVersion: uint('mcastMldVersion', U8),
  nfCallIptables: flag8('nfCallIptables'),
  nfCallIp6tables: flag8('nfCallIp6tables'),
  nfCallArptables: flag8('nfCallArptables'),
};

/** A boolean as 0/1, or a number up to `max` as it is (the kernel reads any non-zero as on). */
function flagValue(v: unknown, what: string, max: number): number {
  if (typeof v === 'boolean') return checkBit(v, what);
  return checkUint(v, what, max);
}

/** A u64 as a bigint: a safe integer or a bigint from 0 to 2^64-1. */
export function checkU64(v: unknown, what: string): bigint {
  if (typeof v === 'bigint' && v >= 0n && v <= 0xffffffffffffffffn) return v;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  throw new InvalidArgumentError(`invalid ${what} "${String(v)}": expected an integer from 0 to 2^64-1`, what);
}

/** The VLAN protocol word or ethertype as the number IFLA_BR_VLAN_PROTOCOL carries. */
function protocolValue(v: unknown): number {
  if (typeof v === 'number') return checkUint(v, 'vlanProtocol', U16);
  const word = typeof v === 'string' ? v.toLowerCase() : v;
  return checkWord(word, 'vlanProtocol', ['802.1q', '802.1ad']) === '802.1q' ? ETH_P_8021Q : ETH_P_8021AD;
}

export const bridgeDriver: KindDriver<BridgeOptions, BridgeInfo> = {
  options: {
    fdbFlush: true, forwardDelay: true, helloTime: true, maxAge: true, ageingTime: true, stpState: true, priority: true,
    groupFwdMask: true, groupAddress: true, noLinklocalLearn: true, vlanFiltering: true, vlanProtocol: true,
    vlanDefaultPvid: true, vlanStatsEnabled: true, vlanStatsPerPort: true, mcastSnooping: true, mcastVlanSnooping: true,
    mcastRouter: true, mcastQueryUseIfaddr: true, mcastQuerier: true, mcastHashElasticity: true, mcastHashMax: true,
    mcastLastMemberCount: true, mcastStartupQueryCount: true, mcastLastMemberInterval: true,
    mcastMembershipInterval: true, mcastQuerierInterval: true, mcastQueryInterval: true,
    mcastQueryResponseInterval: true, mcastStartupQueryInterval: true, mcastStatsEnabled: true,
    mcastIgmpVersion: true, mcastMldVersion: true, nfCallIptables: true, nfCallIp6tables: true, nfCallArptables: true,
  },
  build(o) {
    const data: Record<string, unknown> = {};
    let optval = 0;
    let optmask = 0;
    for (const key of Object.keys(o) as (keyof BridgeOptions)[]) {
      const v = o[key];
      const rule = RULES[key];
      if (v === undefined || rule === undefined) continue;
      switch (rule.kind) {
        case 'uint': data[rule.field] = checkUint(v, key, rule.max); break;
        case 'flag8': data[rule.field] = flagValue(v, key, U8); break;
        case 'flag32': data[rule.field] = flagValue(v, key, U32); break;
        case 'u64': data[rule.field] = checkU64(v, key); break;
        case 'mac': data.groupAddr = checkMac(v, key); break;
        case 'protocol': data.vlanProtocol = protocolValue(v); break;
        case 'flush':
          if (v !== true) throw new InvalidArgumentError(`invalid fdbFlush "${String(v)}": expected true`, key);
          data.fdbFlush = true;
          break;
        case 'boolopt': {
          const bit = 1 << rule.bit;
          optmask |= bit;
          if (flagValue(v, key, U8)) optval |= bit;
          else optval &= ~bit;
          break;
        }
      }
    }
    if (optmask) data.multiBoolopt = { optval, optmask };
    return Object.keys(data).length ? (data as BridgeInfo) : undefined;
  },
};
