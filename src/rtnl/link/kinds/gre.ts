/**
 * Kinds "gre", "gretap", "erspan" (net/ipv4/ip_gre.c) and "ip6gre", "ip6gretap", "ip6erspan"
 * (net/ipv6/ip6_gre.c, ip6gre_fill_info): the IFLA_GRE_* attributes of IFLA_INFO_DATA. The
 * endpoints are IPv4 or IPv6 by their length; keys, GRE flags, the flow information and the
 * encapsulation ports are network order on the wire and plain numbers here.
 */
import { AttrTable, be16, be32, flag, u8, u16, u32, type RawAttr } from '../../../netlink/index.js';
import { ipAddr } from '../../common.js';
import { tableKind, type KindCodec } from '../kind.js';

// IFLA_GRE_*: children of IFLA_INFO_DATA for the GRE kinds
export const IFLA_GRE_LINK = 1;
export const IFLA_GRE_IFLAGS = 2;
export const IFLA_GRE_OFLAGS = 3;
export const IFLA_GRE_IKEY = 4;
export const IFLA_GRE_OKEY = 5;
export const IFLA_GRE_LOCAL = 6;
export const IFLA_GRE_REMOTE = 7;
export const IFLA_GRE_TTL = 8;
export const IFLA_GRE_TOS = 9;
export const IFLA_GRE_PMTUDISC = 10;
export const IFLA_GRE_ENCAP_LIMIT = 11;
export const IFLA_GRE_FLOWINFO = 12;
export const IFLA_GRE_FLAGS = 13;
export const IFLA_GRE_ENCAP_TYPE = 14;
export const IFLA_GRE_ENCAP_FLAGS = 15;
export const IFLA_GRE_ENCAP_SPORT = 16;
export const IFLA_GRE_ENCAP_DPORT = 17;
export const IFLA_GRE_COLLECT_METADATA = 18;
export const IFLA_GRE_IGNORE_DF = 19;
export const IFLA_GRE_FWMARK = 20;
export const IFLA_GRE_ERSPAN_INDEX = 21;
export const IFLA_GRE_ERSPAN_VER = 22;
export const IFLA_GRE_ERSPAN_DIR = 23;
export const IFLA_GRE_ERSPAN_HWID = 24;

// GRE_*: bits of IFLA_GRE_IFLAGS / IFLA_GRE_OFLAGS (the GRE header's flags, __be16)
export const GRE_CSUM = 0x8000;
export const GRE_KEY = 0x2000;
export const GRE_SEQ = 0x1000;

// enum erspan_dir: values of IFLA_GRE_ERSPAN_DIR
export const ERSPAN_DIR_INGRESS = 0;
export const ERSPAN_DIR_EGRESS = 1;

/** IFLA_INFO_DATA of a GRE tunnel: one field per IFLA_GRE_* attribute, camelCase. */
export interface GreInfo {
  /** ifindex of the underlying device (0: none). */
  link?: number;
  /** GRE_* bits of received packets. */
  iflags?: number;
  /** GRE_* bits of sent packets. */
  oflags?: number;
  /** Input key (the 32 bits of the header, as a number). */
  ikey?: number;
  okey?: number;
  /** Local endpoint, IPv4 or IPv6 text. */
  local?: string;
  remote?: string;
  /** TTL or hop limit (0: inherit). */
  ttl?: number;
  /** TOS (1: inherit), IPv4 kinds. */
  tos?: number;
  pmtudisc?: number;
  /** IPv6 encapsulation limit. */
  encapLimit?: number;
  /** IPv6 traffic class and flow label (IP6_FLOWINFO_* masks). */
  flowinfo?: number;
  /** IP6_TNL_F_* bits. */
  flags?: number;
  /** enum tunnel_encap_types (TUNNEL_ENCAP_*). */
  encapType?: number;
  /** TUNNEL_ENCAP_FLAG_* bits. */
  encapFlags?: number;
  encapSport?: number;
  encapDport?: number;
  /** Flow-based (external) tunnel: a presence flag. */
  collectMetadata?: true;
  ignoreDf?: number;
  fwmark?: number;
  erspanIndex?: number;
  erspanVer?: number;
  /** enum erspan_dir (ERSPAN_DIR_*). */
  erspanDir?: number;
  erspanHwid?: number;
  unknown?: RawAttr[];
}

/** The IFLA_GRE_* attribute table. */
export const greTable = new AttrTable<GreInfo>('IFLA_GRE', [
  { id: IFLA_GRE_LINK, name: 'link', codec: u32 },
  { id: IFLA_GRE_IFLAGS, name: 'iflags', codec: be16 },
  { id: IFLA_GRE_OFLAGS, name: 'oflags', codec: be16 },
  { id: IFLA_GRE_IKEY, name: 'ikey', codec: be32 },
  { id: IFLA_GRE_OKEY, name: 'okey', codec: be32 },
  { id: IFLA_GRE_LOCAL, name: 'local', codec: ipAddr },
  { id: IFLA_GRE_REMOTE, name: 'remote', codec: ipAddr },
  { id: IFLA_GRE_TTL, name: 'ttl', codec: u8 },
  { id: IFLA_GRE_TOS, name: 'tos', codec: u8 },
  { id: IFLA_GRE_PMTUDISC, name: 'pmtudisc', codec: u8 },
  { id: IFLA_GRE_ENCAP_LIMIT, name: 'encapLimit', codec: u8 },
  { id: IFLA_GRE_FLOWINFO, name: 'flowinfo', codec: be32 },
  { id: IFLA_GRE_FLAGS, name: 'flags', codec: u32 },
  { id: IFLA_GRE_ENCAP_TYPE, name: 'encapType', codec: u16 },
  { id: IFLA_GRE_ENCAP_FLAGS, name: 'encapFlags', codec: u16 },
  { id: IFLA_GRE_ENCAP_SPORT, name: 'encapSport', codec: be16 },
  { id: IFLA_GRE_ENCAP_DPORT, name: 'encapDport', codec: be16 },
  { id: IFLA_GRE_COLLECT_METADATA, name: 'collectMetadata', codec: flag },
  { id: IFLA_GRE_IGNORE_DF, name: 'ignoreDf', codec: u8 },
  { id: IFLA_GRE_FWMARK, name: 'fwmark', codec: u32 },
  { id: IFLA_GRE_ERSPAN_INDEX, name: 'erspanIndex', codec: u32 },
  { id: IFLA_GRE_ERSPAN_VER, name: 'erspanVer', codec: u8 },
  { id: IFLA_GRE_ERSPAN_DIR, name: 'erspanDir', codec: u8 },
  { id: IFLA_GRE_ERSPAN_HWID, name: 'erspanHwid', codec: u16 },
]);

/** The codec of the GRE kinds' IFLA_INFO_DATA (gre, gretap, erspan, ip6gre, ip6gretap, ip6erspan). */
export const greKind: KindCodec<GreInfo> = tableKind(greTable);
