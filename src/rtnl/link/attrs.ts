/**
 * The IFLA_* attributes of an RTM_*LINK message (<linux/if_link.h>): the typed `LinkAttrs`
 * object and its attribute table. Field names are the kernel names without the IFLA_ prefix,
 * in camelCase (IFLA_NUM_TX_QUEUES -> numTxQueues). Attributes without a field here (IFLA_PROTINFO,
 * IFLA_VFINFO_LIST, IFLA_WIRELESS, IFLA_PAD, ...) land in `unknown` with their flag bits and are
 * re-emitted unchanged.
 */
import {
  AttrTable, bytes, nested, s32, str, u8, u16, u32, type AttrField, type RawAttr,
} from '../../netlink/index.js';
import { lladdr } from '../common.js';
import { afSpecTable, type AfSpec } from './afspec.js';
import { ifMap, rtnlLinkStats, rtnlLinkStats64, uint, type IfMap, type RtnlLinkStats, type RtnlLinkStats64 } from './codecs.js';
import * as C from './constants.js';
import type { KindContext } from './kind.js';
import { linkInfoCodec, type LinkInfo } from './linkinfo.js';

/** IFLA_XDP (IFLA_XDP_*): the attached XDP program, or a request to attach one. */
export interface XdpInfo {
  fd?: number;
  /** XDP_ATTACHED_*. */
  attached?: number;
  /** XDP_FLAGS_*. */
  flags?: number;
  progId?: number;
  drvProgId?: number;
  skbProgId?: number;
  hwProgId?: number;
  expectedFd?: number;
  unknown?: RawAttr[];
}

/** IFLA_PROP_LIST: the alternative names (IFLA_ALT_IFNAME, repeated). */
export interface PropList {
  altIfname?: string[];
  unknown?: RawAttr[];
}

/** IFLA_PROTO_DOWN_REASON (IFLA_PROTO_DOWN_REASON_*). */
export interface ProtoDownReason {
  mask?: number;
  value?: number;
  unknown?: RawAttr[];
}

/** The IFLA_* attributes of a link message, decoded. Absent attributes are absent fields. */
export interface LinkAttrs {
  address?: string;
  broadcast?: string;
  ifname?: string;
  mtu?: number;
  /** ifindex of the lower device (or the veth peer). */
  link?: number;
  qdisc?: string;
  stats?: RtnlLinkStats;
  /** ifindex of the master device (bridge, bond, vrf). */
  master?: number;
  txqlen?: number;
  /** struct rtnl_link_ifmap. */
  map?: IfMap;
  weight?: number;
  /** IF_OPER_*. */
  operstate?: number;
  /** IF_LINK_MODE_*. */
  linkmode?: number;
  linkinfo?: LinkInfo;
  netNsPid?: number;
  ifalias?: string;
  numVf?: number;
  stats64?: RtnlLinkStats64;
  /** Per address family data; in AF_BRIDGE messages it stays raw in `unknown` instead. */
  afSpec?: AfSpec;
  group?: number;
  netNsFd?: number;
  /** RTEXT_FILTER_* bits (requests). */
  extMask?: number;
  promiscuity?: number;
  numTxQueues?: number;
  numRxQueues?: number;
  carrier?: number;
  physPortId?: Uint8Array;
  carrierChanges?: number;
  physSwitchId?: Uint8Array;
  linkNetnsid?: number;
  physPortName?: string;
  protoDown?: number;
  gsoMaxSegs?: number;
  gsoMaxSize?: number;
  xdp?: XdpInfo;
  /** IFLA_EVENT_* (notifications). */
  event?: number;
  newNetnsid?: number;
  /** IFLA_TARGET_NETNSID (alias IFLA_IF_NETNSID): act in the namespace with this nsid. */
  targetNetnsid?: number;
  carrierUpCount?: number;
  carrierDownCount?: number;
  newIfindex?: number;
  minMtu?: number;
  maxMtu?: number;
  propList?: PropList;
  /** IFLA_ALT_IFNAME at top level: names a device by an alternative name in requests. */
  altIfname?: string;
  permAddress?: string;
  protoDownReason?: ProtoDownReason;
  parentDevName?: string;
  parentDevBusName?: string;
  groMaxSize?: number;
  tsoMaxSize?: number;
  tsoMaxSegs?: number;
  allmulti?: number;
  /** IFLA_DEVLINK_PORT: nested devlink attributes, kept as bytes. */
  devlinkPort?: Uint8Array;
  gsoIpv4MaxSize?: number;
  groIpv4MaxSize?: number;
  /** IFLA_DPLL_PIN: nested DPLL attributes, kept as bytes. */
  dpllPin?: Uint8Array;
  /** Nanoseconds (NLA_UINT). */
  maxPacingOffloadHorizon?: bigint;
  netnsImmutable?: number;
  headroom?: number;
  tailroom?: number;
  unknown?: RawAttr[];
}

const xdpTable = new AttrTable<XdpInfo>('IFLA_XDP', [
  { id: C.IFLA_XDP_FD, name: 'fd', codec: s32 },
  { id: C.IFLA_XDP_ATTACHED, name: 'attached', codec: u8 },
  { id: C.IFLA_XDP_FLAGS, name: 'flags', codec: u32 },
  { id: C.IFLA_XDP_PROG_ID, name: 'progId', codec: u32 },
  { id: C.IFLA_XDP_DRV_PROG_ID, name: 'drvProgId', codec: u32 },
  { id: C.IFLA_XDP_SKB_PROG_ID, name: 'skbProgId', codec: u32 },
  { id: C.IFLA_XDP_HW_PROG_ID, name: 'hwProgId', codec: u32 },
  { id: C.IFLA_XDP_EXPECTED_FD, name: 'expectedFd', codec: s32 },
]);

const propListTable = new AttrTable<PropList>('IFLA_PROP_LIST', [
  { id: C.IFLA_ALT_IFNAME, name: 'altIfname', codec: str, multi: true },
]);

const protoDownReasonTable = new AttrTable<ProtoDownReason>('IFLA_PROTO_DOWN_REASON', [
  { id: C.IFLA_PROTO_DOWN_REASON_MASK, name: 'mask', codec: u32 },
  { id: C.IFLA_PROTO_DOWN_REASON_VALUE, name: 'value', codec: u32 },
]);

/**
 * The IFLA_* table for one registry: IFLA_LINKINFO decodes kind data through `ctx.registry`.
 * Nests the kernel starts with nla_nest_start (flagged NLA_F_NESTED) are marked so, so that
 * re-encoding a kernel message reproduces it byte for byte. With `perFamilyAfSpec` false (the
 * messages of family AF_BRIDGE, whose IFLA_AF_SPEC holds IFLA_BRIDGE_* attributes directly
 * rather than one nest per family), IFLA_AF_SPEC has no field and is kept raw in `unknown`.
 */
export function linkAttrTable(ctx: KindContext, perFamilyAfSpec = true): AttrTable<LinkAttrs> {
  const fields: AttrField[] = [
    { id: C.IFLA_ADDRESS, name: 'address', codec: lladdr },
    { id: C.IFLA_BROADCAST, name: 'broadcast', codec: lladdr },
    { id: C.IFLA_IFNAME, name: 'ifname', codec: str },
    { id: C.IFLA_MTU, name: 'mtu', codec: u32 },
    { id: C.IFLA_LINK, name: 'link', codec: u32 },
    { id: C.IFLA_QDISC, name: 'qdisc', codec: str },
    { id: C.IFLA_STATS, name: 'stats', codec: rtnlLinkStats },
    { id: C.IFLA_MASTER, name: 'master', codec: u32 },
    { id: C.IFLA_TXQLEN, name: 'txqlen', codec: u32 },
    { id: C.IFLA_MAP, name: 'map', codec: ifMap },
    { id: C.IFLA_WEIGHT, name: 'weight', codec: u32 },
    { id: C.IFLA_OPERSTATE, name: 'operstate', codec: u8 },
    { id: C.IFLA_LINKMODE, name: 'linkmode', codec: u8 },
    { id: C.IFLA_LINKINFO, name: 'linkinfo', codec: linkInfoCodec(ctx) },
    { id: C.IFLA_NET_NS_PID, name: 'netNsPid', codec: u32 },
    { id: C.IFLA_IFALIAS, name: 'ifalias', codec: str },
    { id: C.IFLA_NUM_VF, name: 'numVf', codec: u32 },
    { id: C.IFLA_STATS64, name: 'stats64', codec: rtnlLinkStats64 },
    { id: C.IFLA_AF_SPEC, name: 'afSpec', codec: nested(afSpecTable) },
    { id: C.IFLA_GROUP, name: 'group', codec: u32 },
    { id: C.IFLA_NET_NS_FD, name: 'netNsFd', codec: u32 },
    { id: C.IFLA_EXT_MASK, name: 'extMask', codec: u32 },
    { id: C.IFLA_PROMISCUITY, name: 'promiscuity', codec: u32 },
    { id: C.IFLA_NUM_TX_QUEUES, name: 'numTxQueues', codec: u32 },
    { id: C.IFLA_NUM_RX_QUEUES, name: 'numRxQueues', codec: u32 },
    { id: C.IFLA_CARRIER, name: 'carrier', codec: u8 },
    { id: C.IFLA_PHYS_PORT_ID, name: 'physPortId', codec: bytes },
    { id: C.IFLA_CARRIER_CHANGES, name: 'carrierChanges', codec: u32 },
    { id: C.IFLA_PHYS_SWITCH_ID, name: 'physSwitchId', codec: bytes },
    { id: C.IFLA_LINK_NETNSID, name: 'linkNetnsid', codec: s32 },
    { id: C.IFLA_PHYS_PORT_NAME, name: 'physPortName', codec: str },
    { id: C.IFLA_PROTO_DOWN, name: 'protoDown', codec: u8 },
    { id: C.IFLA_GSO_MAX_SEGS, name: 'gsoMaxSegs', codec: u32 },
    { id: C.IFLA_GSO_MAX_SIZE, name: 'gsoMaxSize', codec: u32 },
    { id: C.IFLA_XDP, name: 'xdp', codec: nested(xdpTable) },
    { id: C.IFLA_EVENT, name: 'event', codec: u32 },
    { id: C.IFLA_NEW_NETNSID, name: 'newNetnsid', codec: s32 },
    { id: C.IFLA_TARGET_NETNSID, name: 'targetNetnsid', codec: s32 },
    { id: C.IFLA_CARRIER_UP_COUNT, name: 'carrierUpCount', codec: u32 },
    { id: C.IFLA_CARRIER_DOWN_COUNT, name: 'carrierDownCount', codec: u32 },
    { id: C.IFLA_NEW_IFINDEX, name: 'newIfindex', codec: s32 },
    { id: C.IFLA_MIN_MTU, name: 'minMtu', codec: u32 },
    { id: C.IFLA_MAX_MTU, name: 'maxMtu', codec: u32 },
    { id: C.IFLA_PROP_LIST, name: 'propList', codec: nested(propListTable), nestedFlag: true },
    { id: C.IFLA_ALT_IFNAME, name: 'altIfname', codec: str },
    { id: C.IFLA_PERM_ADDRESS, name: 'permAddress', codec: lladdr },
    { id: C.IFLA_PROTO_DOWN_REASON, name: 'protoDownReason', codec: nested(protoDownReasonTable), nestedFlag: true },
    { id: C.IFLA_PARENT_DEV_NAME, name: 'parentDevName', codec: str },
    { id: C.IFLA_PARENT_DEV_BUS_NAME, name: 'parentDevBusName', codec: str },
    { id: C.IFLA_GRO_MAX_SIZE, name: 'groMaxSize', codec: u32 },
    { id: C.IFLA_TSO_MAX_SIZE, name: 'tsoMaxSize', codec: u32 },
    { id: C.IFLA_TSO_MAX_SEGS, name: 'tsoMaxSegs', codec: u32 },
    { id: C.IFLA_ALLMULTI, name: 'allmulti', codec: u32 },
    { id: C.IFLA_DEVLINK_PORT, name: 'devlinkPort', codec: bytes, nestedFlag: true },
    { id: C.IFLA_GSO_IPV4_MAX_SIZE, name: 'gsoIpv4MaxSize', codec: u32 },
    { id: C.IFLA_GRO_IPV4_MAX_SIZE, name: 'groIpv4MaxSize', codec: u32 },
    { id: C.IFLA_DPLL_PIN, name: 'dpllPin', codec: bytes, nestedFlag: true },
    { id: C.IFLA_MAX_PACING_OFFLOAD_HORIZON, name: 'maxPacingOffloadHorizon', codec: uint },
    { id: C.IFLA_NETNS_IMMUTABLE, name: 'netnsImmutable', codec: u8 },
    { id: C.IFLA_HEADROOM, name: 'headroom', codec: u16 },
    { id: C.IFLA_TAILROOM, name: 'tailroom', codec: u16 },
  ];
  return new AttrTable<LinkAttrs>('IFLA', perFamilyAfSpec ? fields : fields.filter((f) => f.id !== C.IFLA_AF_SPEC));
}
