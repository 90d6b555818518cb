/**
 * Kind "vxlan" (drivers/net/vxlan/vxlan_core.c, vxlan_fill_info): IFLA_VXLAN_* attributes of
 * IFLA_INFO_DATA. Addresses are text; the UDP destination port and the flow label are network
 * order on the wire and plain numbers here; on/off options stay the u8 the kernel sends, while
 * GBP, GPE and REMCSUM_NOPARTIAL are presence flags.
 */
import { AttrTable, be16, be32, bytes, flag, u8, u32, type RawAttr } from '../../../netlink/index.js';
import { in6Addr, inAddr, portRange, u8OrFlag, type PortRange } from '../codecs.js';
import { tableKind, type KindCodec } from '../kind.js';

// IFLA_VXLAN_*: children of IFLA_INFO_DATA for kind "vxlan"
export const IFLA_VXLAN_ID = 1;
export const IFLA_VXLAN_GROUP = 2;
export const IFLA_VXLAN_LINK = 3;
export const IFLA_VXLAN_LOCAL = 4;
export const IFLA_VXLAN_TTL = 5;
export const IFLA_VXLAN_TOS = 6;
export const IFLA_VXLAN_LEARNING = 7;
export const IFLA_VXLAN_AGEING = 8;
export const IFLA_VXLAN_LIMIT = 9;
export const IFLA_VXLAN_PORT_RANGE = 10;
export const IFLA_VXLAN_PROXY = 11;
export const IFLA_VXLAN_RSC = 12;
export const IFLA_VXLAN_L2MISS = 13;
export const IFLA_VXLAN_L3MISS = 14;
export const IFLA_VXLAN_PORT = 15;
export const IFLA_VXLAN_GROUP6 = 16;
export const IFLA_VXLAN_LOCAL6 = 17;
export const IFLA_VXLAN_UDP_CSUM = 18;
export const IFLA_VXLAN_UDP_ZERO_CSUM6_TX = 19;
export const IFLA_VXLAN_UDP_ZERO_CSUM6_RX = 20;
export const IFLA_VXLAN_REMCSUM_TX = 21;
export const IFLA_VXLAN_REMCSUM_RX = 22;
export const IFLA_VXLAN_GBP = 23;
export const IFLA_VXLAN_REMCSUM_NOPARTIAL = 24;
export const IFLA_VXLAN_COLLECT_METADATA = 25;
export const IFLA_VXLAN_LABEL = 26;
export const IFLA_VXLAN_GPE = 27;
export const IFLA_VXLAN_TTL_INHERIT = 28;
export const IFLA_VXLAN_DF = 29;
export const IFLA_VXLAN_VNIFILTER = 30;
export const IFLA_VXLAN_LOCALBYPASS = 31;
export const IFLA_VXLAN_LABEL_POLICY = 32;
export const IFLA_VXLAN_RESERVED_BITS = 33;
export const IFLA_VXLAN_MC_ROUTE = 34;

// enum ifla_vxlan_df: values of IFLA_VXLAN_DF
export const VXLAN_DF_UNSET = 0;
export const VXLAN_DF_SET = 1;
export const VXLAN_DF_INHERIT = 2;

// enum ifla_vxlan_label_policy: values of IFLA_VXLAN_LABEL_POLICY
export const VXLAN_LABEL_FIXED = 0;
export const VXLAN_LABEL_INHERIT = 1;

/** IFLA_INFO_DATA of a vxlan: one field per IFLA_VXLAN_* attribute, camelCase. */
export interface VxlanInfo {
  /** The VNI. */
  id?: number;
  /** Remote or multicast group (IPv4). */
  group?: string;
  /** ifindex of the underlying device. */
  link?: number;
  local?: string;
  ttl?: number;
  tos?: number;
  learning?: number;
  /** FDB ageing, seconds. */
  ageing?: number;
  limit?: number;
  portRange?: PortRange;
  proxy?: number;
  rsc?: number;
  l2miss?: number;
  l3miss?: number;
  /** UDP destination port (4789 is IANA's). */
  port?: number;
  group6?: string;
  local6?: string;
  udpCsum?: number;
  udpZeroCsum6Tx?: number;
  udpZeroCsum6Rx?: number;
  remcsumTx?: number;
  remcsumRx?: number;
  gbp?: true;
  remcsumNopartial?: true;
  collectMetadata?: number;
  /** IPv6 flow label (network order on the wire). */
  label?: number;
  gpe?: true;
  /** The kernel reports a u8; requests carry it as a flag (`true`). */
  ttlInherit?: number | true;
  /** enum ifla_vxlan_df (VXLAN_DF_*): see vxlanDfName. */
  df?: number;
  vnifilter?: number;
  localbypass?: number;
  /** enum ifla_vxlan_label_policy (VXLAN_LABEL_*). */
  labelPolicy?: number;
  /** The 8 bytes of VXLAN header bits accepted as reserved (kept as bytes). */
  reservedBits?: Uint8Array;
  mcRoute?: number;
  unknown?: RawAttr[];
}

/** The IFLA_VXLAN_* attribute table. */
export const vxlanTable = new AttrTable<VxlanInfo>('IFLA_VXLAN', [
  { id: IFLA_VXLAN_ID, name: 'id', codec: u32 },
  { id: IFLA_VXLAN_GROUP, name: 'group', codec: inAddr },
  { id: IFLA_VXLAN_LINK, name: 'link', codec: u32 },
  { id: IFLA_VXLAN_LOCAL, name: 'local', codec: inAddr },
  { id: IFLA_VXLAN_TTL, name: 'ttl', codec: u8 },
  { id: IFLA_VXLAN_TOS, name: 'tos', codec: u8 },
  { id: IFLA_VXLAN_LEARNING, name: 'learning', codec: u8 },
  { id: IFLA_VXLAN_AGEING, name: 'ageing', codec: u32 },
  { id: IFLA_VXLAN_LIMIT, name: 'limit', codec: u32 },
  { id: IFLA_VXLAN_PORT_RANGE, name: 'portRange', codec: portRange },
  { id: IFLA_VXLAN_PROXY, name: 'proxy', codec: u8 },
  { id: IFLA_VXLAN_RSC, name: 'rsc', codec: u8 },
  { id: IFLA_VXLAN_L2MISS, name: 'l2miss', codec: u8 },
  { id: IFLA_VXLAN_L3MISS, name: 'l3miss', codec: u8 },
  { id: IFLA_VXLAN_PORT, name: 'port', codec: be16 },
  { id: IFLA_VXLAN_GROUP6, name: 'group6', codec: in6Addr },
  { id: IFLA_VXLAN_LOCAL6, name: 'local6', codec: in6Addr },
  { id: IFLA_VXLAN_UDP_CSUM, name: 'udpCsum', codec: u8 },
  { id: IFLA_VXLAN_UDP_ZERO_CSUM6_TX, name: 'udpZeroCsum6Tx', codec: u8 },
  { id: IFLA_VXLAN_UDP_ZERO_CSUM6_RX, name: 'udpZeroCsum6Rx', codec: u8 },
  { id: IFLA_VXLAN_REMCSUM_TX, name: 'remcsumTx', codec: u8 },
  { id: IFLA_VXLAN_REMCSUM_RX, name: 'remcsumRx', codec: u8 },
  { id: IFLA_VXLAN_GBP, name: 'gbp', codec: flag },
  { id: IFLA_VXLAN_REMCSUM_NOPARTIAL, name: 'remcsumNopartial', codec: flag },
  { id: IFLA_VXLAN_COLLECT_METADATA, name: 'collectMetadata', codec: u8 },
  { id: IFLA_VXLAN_LABEL, name: 'label', codec: be32 },
  { id: IFLA_VXLAN_GPE, name: 'gpe', codec: flag },
  { id: IFLA_VXLAN_TTL_INHERIT, name: 'ttlInherit', codec: u8OrFlag },
  { id: IFLA_VXLAN_DF, name: 'df', codec: u8 },
  { id: IFLA_VXLAN_VNIFILTER, name: 'vnifilter', codec: u8 },
  { id: IFLA_VXLAN_LOCALBYPASS, name: 'localbypass', codec: u8 },
  { id: IFLA_VXLAN_LABEL_POLICY, name: 'labelPolicy', codec: u32 },
  { id: IFLA_VXLAN_RESERVED_BITS, name: 'reservedBits', codec: bytes },
  { id: IFLA_VXLAN_MC_ROUTE, name: 'mcRoute', codec: u8 },
]);

/** The codec of vxlan's IFLA_INFO_DATA. */
export const vxlanKind: KindCodec<VxlanInfo> = tableKind(vxlanTable);

const DF = ['unset', 'set', 'inherit'] as const;

/** iproute2's word for a VXLAN_DF_* value; unknown values stay numbers. */
export function vxlanDfName(df: number): string | number {
  return DF[df] ?? df;
}

/** VXLAN_DF_* value of iproute2's word, or undefined. */
export function vxlanDfValue(name: string): number | undefined {
  const i = (DF as readonly string[]).indexOf(name);
  return i < 0 ? undefined : i;
}
