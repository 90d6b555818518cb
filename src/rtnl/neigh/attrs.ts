/** The NDA_* attribute set of a neighbour message, as one declarative table. */
import { AttrTable, be16, bytes, s32, u16, u32, u8, type RawAttr } from '../../netlink/index.js';
import { ipAddr, lladdr } from '../common.js';
import {
  NDA_CACHEINFO, NDA_DST, NDA_FDB_EXT_ATTRS, NDA_FLAGS_EXT, NDA_IFINDEX, NDA_LINK_NETNSID, NDA_LLADDR, NDA_MASTER,
  NDA_NDM_FLAGS_MASK, NDA_NDM_STATE_MASK, NDA_NH_ID, NDA_PORT, NDA_PROBES, NDA_PROTOCOL, NDA_SRC_VNI, NDA_VLAN, NDA_VNI,
} from './constants.js';
import { ndaCacheInfo, type NdaCacheInfo } from './ndmsg.js';

/** Decoded NDA_* attributes. */
export interface NeighAttrs {
  /** NDA_DST: the neighbour's network address (text). */
  dst?: string;
  /** NDA_LLADDR: its link-layer address ("aa:bb:..."). */
  lladdr?: string;
  /** NDA_CACHEINFO. */
  cacheinfo?: NdaCacheInfo;
  /** NDA_PROBES: probes sent. */
  probes?: number;
  /** NDA_VLAN (bridge fdb). */
  vlan?: number;
  /** NDA_PORT (vxlan fdb, network order). */
  port?: number;
  /** NDA_VNI (vxlan fdb). */
  vni?: number;
  /** NDA_IFINDEX (vxlan fdb; a dump filter on requests). */
  ifindex?: number;
  /** NDA_MASTER (a dump filter on requests). */
  master?: number;
  /** NDA_LINK_NETNSID. */
  linkNetnsid?: number;
  /** NDA_SRC_VNI. */
  srcVni?: number;
  /** NDA_PROTOCOL: who added the entry (RTPROT_*). */
  protocol?: number;
  /** NDA_NH_ID. */
  nhId?: number;
  /** NDA_FDB_EXT_ATTRS, raw. */
  fdbExtAttrs?: Uint8Array;
  /** NDA_FLAGS_EXT: NTF_EXT_* bits. */
  flagsExt?: number;
  /** NDA_NDM_STATE_MASK. */
  ndmStateMask?: number;
  /** NDA_NDM_FLAGS_MASK. */
  ndmFlagsMask?: number;
  unknown?: RawAttr[];
}

/** The NDA_* table. */
export const neighAttrs = new AttrTable<NeighAttrs>('NDA', [
  { id: NDA_DST, name: 'dst', codec: ipAddr },
  // "aa:bb:..." text; a device without a hardware address (tun, ipip ...) reports an empty one: ''.
  { id: NDA_LLADDR, name: 'lladdr', codec: lladdr },
  { id: NDA_CACHEINFO, name: 'cacheinfo', codec: ndaCacheInfo },
  { id: NDA_PROBES, name: 'probes', codec: u32 },
  { id: NDA_VLAN, name: 'vlan', codec: u16 },
  { id: NDA_PORT, name: 'port', codec: be16 },
  { id: NDA_VNI, name: 'vni', codec: u32 },
  { id: NDA_IFINDEX, name: 'ifindex', codec: u32 },
  { id: NDA_MASTER, name: 'master', codec: u32 },
  { id: NDA_LINK_NETNSID, name: 'linkNetnsid', codec: s32 },
  { id: NDA_SRC_VNI, name: 'srcVni', codec: u32 },
  { id: NDA_PROTOCOL, name: 'protocol', codec: u8 },
  { id: NDA_NH_ID, name: 'nhId', codec: u32 },
  { id: NDA_FDB_EXT_ATTRS, name: 'fdbExtAttrs', codec: bytes },
  { id: NDA_FLAGS_EXT, name: 'flagsExt', codec: u32 },
  { id: NDA_NDM_STATE_MASK, name: 'ndmStateMask', codec: u16 },
  { id: NDA_NDM_FLAGS_MASK, name: 'ndmFlagsMask', codec: u8 },
]);
