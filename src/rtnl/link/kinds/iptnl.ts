/**
 * Kinds "ipip" (net/ipv4/ipip.c), "sit" (net/ipv6/sit.c, ipip6_fill_info) and "ip6tnl" (below):
 * the IFLA_IPTUN_* attributes of IFLA_INFO_DATA of an IP tunnel (IPv4, IPv6 or MPLS over IPv4;
 * IPv6 or IPv4 over IPv6). Endpoints are IPv4 text (ip6tnl: IPv6); sit's 6rd prefix IPv6, its
 * relay prefix IPv4; encapsulation ports network order on the wire and plain numbers here.
 */
import { AttrTable, be16, be32, flag, u8, u16, u32, type RawAttr } from '../../../netlink/index.js';
import { ipAddr } from '../../common.js';
import { tableKind, type KindCodec } from '../kind.js';

// IFLA_IPTUN_*: children of IFLA_INFO_DATA for ipip, sit and ip6tnl
export const IFLA_IPTUN_LINK = 1;
export const IFLA_IPTUN_LOCAL = 2;
export const IFLA_IPTUN_REMOTE = 3;
export const IFLA_IPTUN_TTL = 4;
export const IFLA_IPTUN_TOS = 5;
export const IFLA_IPTUN_ENCAP_LIMIT = 6;
export const IFLA_IPTUN_FLOWINFO = 7;
export const IFLA_IPTUN_FLAGS = 8;
export const IFLA_IPTUN_PROTO = 9;
export const IFLA_IPTUN_PMTUDISC = 10;
export const IFLA_IPTUN_6RD_PREFIX = 11;
export const IFLA_IPTUN_6RD_RELAY_PREFIX = 12;
export const IFLA_IPTUN_6RD_PREFIXLEN = 13;
export const IFLA_IPTUN_6RD_RELAY_PREFIXLEN = 14;
export const IFLA_IPTUN_ENCAP_TYPE = 15;
export const IFLA_IPTUN_ENCAP_FLAGS = 16;
export const IFLA_IPTUN_ENCAP_SPORT = 17;
export const IFLA_IPTUN_ENCAP_DPORT = 18;
export const IFLA_IPTUN_COLLECT_METADATA = 19;
export const IFLA_IPTUN_FWMARK = 20;

// IPPROTO_*: values of IFLA_IPTUN_PROTO (<linux/in.h>); 0 is "any"
export const IPPROTO_IPIP = 4;
export const IPPROTO_IPV6 = 41;
export const IPPROTO_MPLS = 137;

/** SIT_ISATAP: bit of sit's IFLA_IPTUN_FLAGS (<linux/if_tunnel.h>). */
export const SIT_ISATAP = 0x0001;

/** IFLA_INFO_DATA of an ipip or sit tunnel: one field per IFLA_IPTUN_* attribute, camelCase. */
export interface IptnlInfo {
  /** ifindex of the underlying device (0: none). */
  link?: number;
  local?: string;
  remote?: string;
  /** 0: inherit. */
  ttl?: number;
  /** 1: inherit. */
  tos?: number;
  /** sit: SIT_ISATAP. */
  flags?: number;
  /** IPPROTO_IPIP, IPPROTO_IPV6 (sit), IPPROTO_MPLS, or 0 (any). */
  proto?: number;
  pmtudisc?: number;
  /** sit's 6rd prefix (IPv6 text) and its length. */
  prefix6rd?: string;
  /** sit's 6rd relay prefix (IPv4 text) and its length. */
  relayPrefix6rd?: string;
  prefixlen6rd?: number;
  relayPrefixlen6rd?: number;
  /** enum tunnel_encap_types (TUNNEL_ENCAP_*). */
  encapType?: number;
  encapFlags?: number;
  encapSport?: number;
  encapDport?: number;
  /** Flow-based (external) tunnel: a presence flag. */
  collectMetadata?: true;
  fwmark?: number;
  unknown?: RawAttr[];
}

/** The IFLA_IPTUN_* attribute table of ipip and sit. */
export const iptnlTable = new AttrTable<IptnlInfo>('IFLA_IPTUN', [
  { id: IFLA_IPTUN_LINK, name: 'link', codec: u32 },
  { id: IFLA_IPTUN_LOCAL, name: 'local', codec: ipAddr },
  { id: IFLA_IPTUN_REMOTE, name: 'remote', codec: ipAddr },
  { id: IFLA_IPTUN_TTL, name: 'ttl', codec: u8 },
  { id: IFLA_IPTUN_TOS, name: 'tos', codec: u8 },
  { id: IFLA_IPTUN_FLAGS, name: 'flags', codec: u16 },
  { id: IFLA_IPTUN_PROTO, name: 'proto', codec: u8 },
  { id: IFLA_IPTUN_PMTUDISC, name: 'pmtudisc', codec: u8 },
  { id: IFLA_IPTUN_6RD_PREFIX, name: 'prefix6rd', codec: ipAddr },
  { id: IFLA_IPTUN_6RD_RELAY_PREFIX, name: 'relayPrefix6rd', codec: ipAddr },
  { id: IFLA_IPTUN_6RD_PREFIXLEN, name: 'prefixlen6rd', codec: u16 },
  { id: IFLA_IPTUN_6RD_RELAY_PREFIXLEN, name: 'relayPrefixlen6rd', codec: u16 },
  { id: IFLA_IPTUN_ENCAP_TYPE, name: 'encapType', codec: u16 },
  { id: IFLA_IPTUN_ENCAP_FLAGS, name: 'encapFlags', codec: u16 },
  { id: IFLA_IPTUN_ENCAP_SPORT, name: 'encapSport', codec: be16 },
  { id: IFLA_IPTUN_ENCAP_DPORT, name: 'encapDport', codec: be16 },
  { id: IFLA_IPTUN_COLLECT_METADATA, name: 'collectMetadata', codec: flag },
  { id: IFLA_IPTUN_FWMARK, name: 'fwmark', codec: u32 },
]);

/** The codec of ipip's and sit's IFLA_INFO_DATA. */
export const iptnlKind: KindCodec<IptnlInfo> = tableKind(iptnlTable);

/**
 * IFLA_INFO_DATA of an ip6tnl tunnel (net/ipv6/ip6_tunnel.c, ip6_tnl_fill_info): IPv6 or IPv4
 * over IPv6. Its IFLA_IPTUN_FLAGS are IP6_TNL_F_* bits in 32 bits (sit's are 16).
 */
export interface Ip6tnlInfo {
  link?: number;
  local?: string;
  remote?: string;
  /** Hop limit (0: inherit). */
  ttl?: number;
  encapLimit?: number;
  /** IPv6 traffic class and flow label (IP6_FLOWINFO_* masks). */
  flowinfo?: number;
  /** IP6_TNL_F_* bits. */
  flags?: number;
  /** IPPROTO_IPV6 (ip6ip6), IPPROTO_IPIP (ipip6) or 0 (any). */
  proto?: number;
  encapType?: number;
  encapFlags?: number;
  encapSport?: number;
  encapDport?: number;
  collectMetadata?: true;
  fwmark?: number;
  unknown?: RawAttr[];
}

/** The IFLA_IPTUN_* attribute table of ip6tnl. */
export const ip6tnlTable = new AttrTable<Ip6tnlInfo>('IFLA_IPTUN', [
  { id: IFLA_IPTUN_LINK, name: 'link', codec: u32 },
  { id: IFLA_IPTUN_LOCAL, name: 'local', codec: ipAddr },
  { id: IFLA_IPTUN_REMOTE, name: 'remote', codec: ipAddr },
  { id: IFLA_IPTUN_TTL, name: 'ttl', codec: u8 },
  { id: IFLA_IPTUN_ENCAP_LIMIT, name: 'encapLimit', codec: u8 },
  { id: IFLA_IPTUN_FLOWINFO, name: 'flowinfo', codec: be32 },
  { id: IFLA_IPTUN_FLAGS, name: 'flags', codec: u32 },
  { id: IFLA_IPTUN_PROTO, name: 'proto', codec: u8 },
  { id: IFLA_IPTUN_ENCAP_TYPE, name: 'encapType', codec: u16 },
  { id: IFLA_IPTUN_ENCAP_FLAGS, name: 'encapFlags', codec: u16 },
  { id: IFLA_IPTUN_ENCAP_SPORT, name: 'encapSport', codec: be16 },
  { id: IFLA_IPTUN_ENCAP_DPORT, name: 'encapDport', codec: be16 },
  { id: IFLA_IPTUN_COLLECT_METADATA, name: 'collectMetadata', codec: flag },
  { id: IFLA_IPTUN_FWMARK, name: 'fwmark', codec: u32 },
]);

/** The codec of ip6tnl's IFLA_INFO_DATA. */
export const ip6tnlKind: KindCodec<Ip6tnlInfo> = tableKind(ip6tnlTable);
