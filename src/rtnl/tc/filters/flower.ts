/**
 * Filter "flower" (net/sched/cls_flower.c): match on parsed header fields (the flow dissector's
 * keys), each key with an optional mask. TCA_OPTIONS nests TCA_FLOWER_*; the common keys are
 * typed here (Ethernet, VLAN, IP protocol, addresses, ports, tos/ttl), the others kept raw.
 * Addresses read as text; ports and Ethernet types are network-order on the wire, VLAN ids host order.
 */
import { be16, be32, str, u16, u32, u8, type RawAttr } from '../../../netlink/index.js';
import { ipAddr, lladdr } from '../../common.js';
import type { TcAction } from '../action.js';
import type { FilterKindCodec } from '../kind.js';
import { withActions } from './common.js';

export const TCA_FLOWER_CLASSID = 1;
export const TCA_FLOWER_INDEV = 2;
export const TCA_FLOWER_ACT = 3;
export const TCA_FLOWER_KEY_ETH_DST = 4;
export const TCA_FLOWER_KEY_ETH_DST_MASK = 5;
export const TCA_FLOWER_KEY_ETH_SRC = 6;
export const TCA_FLOWER_KEY_ETH_SRC_MASK = 7;
export const TCA_FLOWER_KEY_ETH_TYPE = 8;
export const TCA_FLOWER_KEY_IP_PROTO = 9;
export const TCA_FLOWER_KEY_IPV4_SRC = 10;
export const TCA_FLOWER_KEY_IPV4_SRC_MASK = 11;
export const TCA_FLOWER_KEY_IPV4_DST = 12;
export const TCA_FLOWER_KEY_IPV4_DST_MASK = 13;
export const TCA_FLOWER_KEY_IPV6_SRC = 14;
export const TCA_FLOWER_KEY_IPV6_SRC_MASK = 15;
export const TCA_FLOWER_KEY_IPV6_DST = 16;
export const TCA_FLOWER_KEY_IPV6_DST_MASK = 17;
export const TCA_FLOWER_KEY_TCP_SRC = 18;
export const TCA_FLOWER_KEY_TCP_DST = 19;
export const TCA_FLOWER_KEY_UDP_SRC = 20;
export const TCA_FLOWER_KEY_UDP_DST = 21;
export const TCA_FLOWER_FLAGS = 22;
export const TCA_FLOWER_KEY_VLAN_ID = 23;
export const TCA_FLOWER_KEY_VLAN_PRIO = 24;
export const TCA_FLOWER_KEY_VLAN_ETH_TYPE = 25;
export const TCA_FLOWER_KEY_TCP_SRC_MASK = 35;
export const TCA_FLOWER_KEY_TCP_DST_MASK = 36;
export const TCA_FLOWER_KEY_UDP_SRC_MASK = 37;
export const TCA_FLOWER_KEY_UDP_DST_MASK = 38;
export const TCA_FLOWER_KEY_SCTP_SRC_MASK = 39;
export const TCA_FLOWER_KEY_SCTP_DST_MASK = 40;
export const TCA_FLOWER_KEY_SCTP_SRC = 41;
export const TCA_FLOWER_KEY_SCTP_DST = 42;
export const TCA_FLOWER_KEY_FLAGS = 47;
export const TCA_FLOWER_KEY_FLAGS_MASK = 48;
export const TCA_FLOWER_KEY_IP_TOS = 73;
export const TCA_FLOWER_KEY_IP_TOS_MASK = 74;
export const TCA_FLOWER_KEY_IP_TTL = 75;
export const TCA_FLOWER_KEY_IP_TTL_MASK = 76;
export const TCA_FLOWER_KEY_CVLAN_ID = 77;
export const TCA_FLOWER_KEY_CVLAN_PRIO = 78;
export const TCA_FLOWER_KEY_CVLAN_ETH_TYPE = 79;
export const TCA_FLOWER_IN_HW_COUNT = 86;
export const TCA_FLOWER_KEY_NUM_OF_VLANS = 102;

/** TCA_OPTIONS of flower (the common keys; the rest stay in `unknown`). */
export interface FlowerOptions {
  classid?: number;
  indev?: string;
  actions?: TcAction[];
  ethDst?: string;
  ethDstMask?: string;
  ethSrc?: string;
  ethSrcMask?: string;
  /** ETH_P_* (host order). */
  ethType?: number;
  /** IPPROTO_*. */
  ipProto?: number;
  ipv4Src?: string;
  ipv4SrcMask?: string;
  ipv4Dst?: string;
  ipv4DstMask?: string;
  ipv6Src?: string;
  ipv6SrcMask?: string;
  ipv6Dst?: string;
  ipv6DstMask?: string;
  tcpSrc?: number;
  tcpDst?: number;
  udpSrc?: number;
  udpDst?: number;
  /** TCA_FLOWER_FLAGS: TCA_CLS_FLAGS_* (skip_hw, skip_sw, ...). */
  flags?: number;
  vlanId?: number;
  vlanPrio?: number;
  vlanEthType?: number;
  tcpSrcMask?: number;
  tcpDstMask?: number;
  udpSrcMask?: number;
  udpDstMask?: number;
  sctpSrcMask?: number;
  sctpDstMask?: number;
  sctpSrc?: number;
  sctpDst?: number;
  /** TCA_FLOWER_KEY_FLAGS: TCA_FLOWER_KEY_FLAGS_IS_FRAGMENT, ... (network order). */
  keyFlags?: number;
  keyFlagsMask?: number;
  ipTos?: number;
  ipTosMask?: number;
  ipTtl?: number;
  ipTtlMask?: number;
  cvlanId?: number;
  cvlanPrio?: number;
  cvlanEthType?: number;
  inHwCount?: number;
  numOfVlans?: number;
  unknown?: RawAttr[];
}

export const flowerKind: FilterKindCodec<FlowerOptions> = {
  options: withActions<FlowerOptions>('TCA_FLOWER', TCA_FLOWER_ACT, [
    { id: TCA_FLOWER_CLASSID, name: 'classid', codec: u32 },
    { id: TCA_FLOWER_INDEV, name: 'indev', codec: str },
    { id: TCA_FLOWER_KEY_ETH_DST, name: 'ethDst', codec: lladdr },
    { id: TCA_FLOWER_KEY_ETH_DST_MASK, name: 'ethDstMask', codec: lladdr },
    { id: TCA_FLOWER_KEY_ETH_SRC, name: 'ethSrc', codec: lladdr },
    { id: TCA_FLOWER_KEY_ETH_SRC_MASK, name: 'ethSrcMask', codec: lladdr },
    { id: TCA_FLOWER_KEY_ETH_TYPE, name: 'ethType', codec: be16 },
    { id: TCA_FLOWER_KEY_IP_PROTO, name: 'ipProto', codec: u8 },
    { id: TCA_FLOWER_KEY_IPV4_SRC, name: 'ipv4Src', codec: ipAddr },
    { id: TCA_FLOWER_KEY_IPV4_SRC_MASK, name: 'ipv4SrcMask', codec: ipAddr },
    { id: TCA_FLOWER_KEY_IPV4_DST, name: 'ipv4Dst', codec: ipAddr },
    { id: TCA_FLOWER_KEY_IPV4_DST_MASK, name: 'ipv4DstMask', codec: ipAddr },
    { id: TCA_FLOWER_KEY_IPV6_SRC, name: 'ipv6Src', codec: ipAddr },
    { id: TCA_FLOWER_KEY_IPV6_SRC_MASK, name: 'ipv6SrcMask', codec: ipAddr },
    { id: TCA_FLOWER_KEY_IPV6_DST, name: 'ipv6Dst', codec: ipAddr },
    { id: TCA_FLOWER_KEY_IPV6_DST_MASK, name: 'ipv6DstMask', codec: ipAddr },
    { id: TCA_FLOWER_KEY_TCP_SRC, name: 'tcpSrc', codec: be16 },
    { id: TCA_FLOWER_KEY_TCP_DST, name: 'tcpDst', codec: be16 },
    { id: TCA_FLOWER_KEY_UDP_SRC, name: 'udpSrc', codec: be16 },
    { id: TCA_FLOWER_KEY_UDP_DST, name: 'udpDst', codec: be16 },
    { id: TCA_FLOWER_FLAGS, name: 'flags', codec: u32 },
    { id: TCA_FLOWER_KEY_VLAN_ID, name: 'vlanId', codec: u16 },
    { id: TCA_FLOWER_KEY_VLAN_PRIO, name: 'vlanPrio', codec: u8 },
    { id: TCA_FLOWER_KEY_VLAN_ETH_TYPE, name: 'vlanEthType', codec: be16 },
    { id: TCA_FLOWER_KEY_TCP_SRC_MASK, name: 'tcpSrcMask', codec: be16 },
    { id: TCA_FLOWER_KEY_TCP_DST_MASK, name: 'tcpDstMask', codec: be16 },
    { id: TCA_FLOWER_KEY_UDP_SRC_MASK, name: 'udpSrcMask', codec: be16 },
    { id: TCA_FLOWER_KEY_UDP_DST_MASK, name: 'udpDstMask', codec: be16 },
    { id: TCA_FLOWER_KEY_SCTP_SRC_MASK, name: 'sctpSrcMask', codec: be16 },
    { id: TCA_FLOWER_KEY_SCTP_DST_MASK, name: 'sctpDstMask', codec: be16 },
    { id: TCA_FLOWER_KEY_SCTP_SRC, name: 'sctpSrc', codec: be16 },
    { id: TCA_FLOWER_KEY_SCTP_DST, name: 'sctpDst', codec: be16 },
    { id: TCA_FLOWER_KEY_FLAGS, name: 'keyFlags', codec: be32 },
    { id: TCA_FLOWER_KEY_FLAGS_MASK, name: 'keyFlagsMask', codec: be32 },
    { id: TCA_FLOWER_KEY_IP_TOS, name: 'ipTos', codec: u8 },
    { id: TCA_FLOWER_KEY_IP_TOS_MASK, name: 'ipTosMask', codec: u8 },
    { id: TCA_FLOWER_KEY_IP_TTL, name: 'ipTtl', codec: u8 },
    { id: TCA_FLOWER_KEY_IP_TTL_MASK, name: 'ipTtlMask', codec: u8 },
    { id: TCA_FLOWER_KEY_CVLAN_ID, name: 'cvlanId', codec: u16 },
    { id: TCA_FLOWER_KEY_CVLAN_PRIO, name: 'cvlanPrio', codec: u8 },
    { id: TCA_FLOWER_KEY_CVLAN_ETH_TYPE, name: 'cvlanEthType', codec: be16 },
    { id: TCA_FLOWER_IN_HW_COUNT, name: 'inHwCount', codec: u32 },
    { id: TCA_FLOWER_KEY_NUM_OF_VLANS, name: 'numOfVlans', codec: u8 },
  ]),
};
