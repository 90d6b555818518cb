/**
 * Kind "geneve" (drivers/net/geneve.c, geneve_fill_info): IFLA_GENEVE_* attributes of
 * IFLA_INFO_DATA. The port and the flow label are network order on the wire, plain numbers here;
 * COLLECT_METADATA and INNER_PROTO_INHERIT are presence flags.
 */
import { AttrTable, be16, be32, flag, u8, u32, type RawAttr } from '../../../netlink/index.js';
import { in6Addr, inAddr } from '../codecs.js';
import { tableKind, type KindCodec } from '../kind.js';

// IFLA_GENEVE_*: children of IFLA_INFO_DATA for kind "geneve"
export const IFLA_GENEVE_ID = 1;
export const IFLA_GENEVE_REMOTE = 2;
export const IFLA_GENEVE_TTL = 3;
export const IFLA_GENEVE_TOS = 4;
export const IFLA_GENEVE_PORT = 5;
export const IFLA_GENEVE_COLLECT_METADATA = 6;
export const IFLA_GENEVE_REMOTE6 = 7;
export const IFLA_GENEVE_UDP_CSUM = 8;
export const IFLA_GENEVE_UDP_ZERO_CSUM6_TX = 9;
export const IFLA_GENEVE_UDP_ZERO_CSUM6_RX = 10;
export const IFLA_GENEVE_LABEL = 11;
export const IFLA_GENEVE_TTL_INHERIT = 12;
export const IFLA_GENEVE_DF = 13;
export const IFLA_GENEVE_INNER_PROTO_INHERIT = 14;

// enum ifla_geneve_df: values of IFLA_GENEVE_DF
export const GENEVE_DF_UNSET = 0;
export const GENEVE_DF_SET = 1;
export const GENEVE_DF_INHERIT = 2;

/** IFLA_INFO_DATA of a geneve: one field per IFLA_GENEVE_* attribute, camelCase. */
export interface GeneveInfo {
  /** The VNI. */
  id?: number;
  remote?: string;
  ttl?: number;
  tos?: number;
  /** UDP destination port (6081 is IANA's and the kernel's default). */
  port?: number;
  collectMetadata?: true;
  remote6?: string;
  udpCsum?: number;
  udpZeroCsum6Tx?: number;
  udpZeroCsum6Rx?: number;
  /** IPv6 flow label (network order on the wire). */
  label?: number;
  ttlInherit?: number;
  /** enum ifla_geneve_df (GENEVE_DF_*). */
  df?: number;
  innerProtoInherit?: true;
  unknown?: RawAttr[];
}

/** The IFLA_GENEVE_* attribute table. */
export const geneveTable = new AttrTable<GeneveInfo>('IFLA_GENEVE', [
  { id: IFLA_GENEVE_ID, name: 'id', codec: u32 },
  { id: IFLA_GENEVE_REMOTE, name: 'remote', codec: inAddr },
  { id: IFLA_GENEVE_TTL, name: 'ttl', codec: u8 },
  { id: IFLA_GENEVE_TOS, name: 'tos', codec: u8 },
  { id: IFLA_GENEVE_PORT, name: 'port', codec: be16 },
  { id: IFLA_GENEVE_COLLECT_METADATA, name: 'collectMetadata', codec: flag },
  { id: IFLA_GENEVE_REMOTE6, name: 'remote6', codec: in6Addr },
  { id: IFLA_GENEVE_UDP_CSUM, name: 'udpCsum', codec: u8 },
  { id: IFLA_GENEVE_UDP_ZERO_CSUM6_TX, name: 'udpZeroCsum6Tx', codec: u8 },
  { id: IFLA_GENEVE_UDP_ZERO_CSUM6_RX, name: 'udpZeroCsum6Rx', codec: u8 },
  { id: IFLA_GENEVE_LABEL, name: 'label', codec: be32 },
  { id: IFLA_GENEVE_TTL_INHERIT, name: 'ttlInherit', codec: u8 },
  { id: IFLA_GENEVE_DF, name: 'df', codec: u8 },
  { id: IFLA_GENEVE_INNER_PROTO_INHERIT, name: 'innerProtoInherit', codec: flag },
]);

/** The codec of geneve's IFLA_INFO_DATA. */
export const geneveKind: KindCodec<GeneveInfo> = tableKind(geneveTable);
