/**
 * Kind "vlan" (802.1Q/802.1ad sub-interface; iproute2's iplink_vlan.c): the lower device is
 * `link`, the VLAN id is required, flags and QoS maps optional.
 */
import {
  VLAN_FLAG_BRIDGE_BINDING, VLAN_FLAG_GVRP, VLAN_FLAG_LOOSE_BINDING, VLAN_FLAG_MVRP, VLAN_FLAG_REORDER_HDR,
  type VlanInfo, type VlanQos,
} from '../../rtnl/link/index.js';
import { checkBit, checkUint, checkWord } from '../check.js';
import type { Dev } from '../context.js';
import { InvalidArgumentError } from '../errors.js';
import { required, type KindDriver } from './driver.js';

const ETH_P_8021Q = 0x8100;
const ETH_P_8021AD = 0x88a8;

/** A QoS map: skb priority -> PCP (egress) or PCP -> skb priority (ingress), as pairs. */
export type VlanQosMap = readonly (readonly [from: number, to: number])[];

export interface VlanOptions {
  /** The lower device. */
  link: Dev;
  /** VLAN id, 0-4094. */
  id: number;
  /** Tag protocol (default 802.1Q). */
  protocol?: '802.1Q' | '802.1ad';
  reorderHdr?: boolean;
  gvrp?: boolean;
  mvrp?: boolean;
  looseBinding?: boolean;
  bridgeBinding?: boolean;
  /** ingress-qos-map: PCP (0-7) -> skb priority. */
  ingressQosMap?: VlanQosMap;
  /** egress-qos-map: skb priority -> PCP (0-7). */
  egressQosMap?: VlanQosMap;
}

const FLAGS = [
  ['reorderHdr', VLAN_FLAG_REORDER_HDR],
  ['gvrp', VLAN_FLAG_GVRP],
  ['looseBinding', VLAN_FLAG_LOOSE_BINDING],
  ['mvrp', VLAN_FLAG_MVRP],
  ['bridgeBinding', VLAN_FLAG_BRIDGE_BINDING],
] as const;

function qos(map: VlanQosMap, what: string, fromMax: number, toMax: number): VlanQos {
  if (!Array.isArray(map)) throw new InvalidArgumentError(`invalid ${what}: expected [from, to] pairs`, what);
  return {
    mapping: map.map((pair) => {
      if (!Array.isArray(pair) || pair.length !== 2) throw new InvalidArgumentError(`invalid ${what}: expected [from, to] pairs`, what);
      return { from: checkUint(pair[0], `${what} from`, fromMax), to: checkUint(pair[1], `${what} to`, toMax) };
    }),
  };
}

export const vlanDriver: KindDriver<VlanOptions, VlanInfo> = {
  options: {
    link: true, id: true, protocol: true, reorderHdr: true, gvrp: true, mvrp: true, looseBinding: true,
    bridgeBinding: true, ingressQosMap: true, egressQosMap: true,
  },
  build(o, b) {
    required(o, 'link', b, 'a lower device (link)');
    const id = required(o, 'id', b, 'an id');
    const data: VlanInfo = {};
    let flags = 0;
    let mask = 0;
    // In the options' order, as iproute2 writes the words' attributes as it reads them; the
    // flags, gathered from several options, go last.
    for (const key of Object.keys(o) as (keyof VlanOptions)[]) {
      if (key === 'protocol' && o.protocol !== undefined) {
        data.protocol = checkWord(o.protocol, 'vlan protocol', ['802.1Q', '802.1ad']) === '802.1Q' ? ETH_P_8021Q : ETH_P_8021AD;
      } else if (key === 'id' && id !== undefined) {
        data.id = checkUint(id, 'vlan id', 4094);
      } else if (key === 'ingressQosMap' && o.ingressQosMap !== undefined) {
        data.ingressQos = qos(o.ingressQosMap, 'ingress-qos-map', 7, 0xffffffff);
      } else if (key === 'egressQosMap' && o.egressQosMap !== undefined) {
        data.egressQos = qos(o.egressQosMap, 'egress-qos-map', 0xffffffff, 7);
      } else {
        const bit = FLAGS.find(([k]) => k === key)?.[1];
        if (bit === undefined || o[key] === undefined) continue;
        mask |= bit;
        if (checkBit(o[key], key)) flags |= bit;
      }
    }
    if (mask) data.flags = { flags, mask };
    return data;
  },
};
