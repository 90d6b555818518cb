/**
 * Kinds "vti" (net/ipv4/ip_vti.c) and "vti6" (net/ipv6/ip6_vti.c, vti6_fill_info): the IFLA_VTI_*
 * attributes of IFLA_INFO_DATA of a virtual tunnel interface for IPsec. Endpoints are IPv4 or
 * IPv6 text by their length; keys are network order on the wire and plain numbers here.
 */
import { AttrTable, be32, u32, type RawAttr } from '../../../netlink/index.js';
import { ipAddr } from '../../common.js';
import { tableKind, type KindCodec } from '../kind.js';

// IFLA_VTI_*: children of IFLA_INFO_DATA for vti and vti6
export const IFLA_VTI_LINK = 1;
export const IFLA_VTI_IKEY = 2;
export const IFLA_VTI_OKEY = 3;
export const IFLA_VTI_LOCAL = 4;
export const IFLA_VTI_REMOTE = 5;
export const IFLA_VTI_FWMARK = 6;

/** IFLA_INFO_DATA of a vti or vti6 device: one field per IFLA_VTI_* attribute, camelCase. */
export interface VtiInfo {
  /** ifindex of the underlying device (0: none). */
  link?: number;
  /** Input key: the mark of the IPsec policy that matches received packets. */
  ikey?: number;
  okey?: number;
  local?: string;
  remote?: string;
  fwmark?: number;
  unknown?: RawAttr[];
}

/** The IFLA_VTI_* attribute table. */
export const vtiTable = new AttrTable<VtiInfo>('IFLA_VTI', [
  { id: IFLA_VTI_LINK, name: 'link', codec: u32 },
  { id: IFLA_VTI_IKEY, name: 'ikey', codec: be32 },
  { id: IFLA_VTI_OKEY, name: 'okey', codec: be32 },
  { id: IFLA_VTI_LOCAL, name: 'local', codec: ipAddr },
  { id: IFLA_VTI_REMOTE, name: 'remote', codec: ipAddr },
  { id: IFLA_VTI_FWMARK, name: 'fwmark', codec: u32 },
]);

/** The codec of vti's and vti6's IFLA_INFO_DATA. */
export const vtiKind: KindCodec<VtiInfo> = tableKind(vtiTable);
