/** The NHA_* attribute set of a nexthop message and the sets nested in it, as declarative tables. */
import { AttrTable, bytes, flag, nested, u16, u32, u64, type RawAttr } from '../../netlink/index.js';
import { ipAddr } from '../common.js';
import {
  NHA_BLACKHOLE, NHA_ENCAP, NHA_ENCAP_TYPE, NHA_FDB, NHA_GATEWAY, NHA_GROUP, NHA_GROUP_STATS, NHA_GROUP_TYPE, NHA_GROUPS,
  NHA_HW_STATS_ENABLE, NHA_HW_STATS_USED, NHA_ID, NHA_MASTER, NHA_OIF, NHA_OP_FLAGS, NHA_RES_BUCKET,
  NHA_RES_BUCKET_IDLE_TIME, NHA_RES_BUCKET_INDEX, NHA_RES_BUCKET_NH_ID, NHA_RES_GROUP, NHA_RES_GROUP_BUCKETS,
  NHA_RES_GROUP_IDLE_TIMER, NHA_RES_GROUP_UNBALANCED_TIME, NHA_RES_GROUP_UNBALANCED_TIMER,
} from './constants.js';
import { nexthopGroup, type NexthopGrp } from './nhmsg.js';

/** NHA_RES_GROUP_*: a resilient group's parameters, times in clock_t (1/100 s). */
export interface ResGroupAttrs {
  buckets?: number;
  idleTimer?: number;
  unbalancedTimer?: number;
  unbalancedTime?: bigint;
  unknown?: RawAttr[];
}

/** The NHA_RES_GROUP_* table. */
export const resGroupAttrs = new AttrTable<ResGroupAttrs>('NHA_RES_GROUP', [
  { id: NHA_RES_GROUP_BUCKETS, name: 'buckets', codec: u16 },
  { id: NHA_RES_GROUP_IDLE_TIMER, name: 'idleTimer', codec: u32 },
  { id: NHA_RES_GROUP_UNBALANCED_TIMER, name: 'unbalancedTimer', codec: u32 },
  { id: NHA_RES_GROUP_UNBALANCED_TIME, name: 'unbalancedTime', codec: u64 },
]);

/** NHA_RES_BUCKET_*: one bucket of a resilient group. */
export interface ResBucketAttrs {
  index?: number;
  /** clock_t. */
  idleTime?: bigint;
  nhId?: number;
  unknown?: RawAttr[];
}

/** The NHA_RES_BUCKET_* table. */
export const resBucketAttrs = new AttrTable<ResBucketAttrs>('NHA_RES_BUCKET', [
  { id: NHA_RES_BUCKET_INDEX, name: 'index', codec: u16 },
  { id: NHA_RES_BUCKET_IDLE_TIME, name: 'idleTime', codec: u64 },
  { id: NHA_RES_BUCKET_NH_ID, name: 'nhId', codec: u32 },
]);

/** Decoded NHA_* attributes. */
export interface NexthopAttrs {
  /** NHA_ID. */
  id?: number;
  /** NHA_GROUP: the members of a group. */
  group?: NexthopGrp[];
  /** NHA_GROUP_TYPE: NEXTHOP_GRP_TYPE_*. */
  groupType?: number;
  /** NHA_BLACKHOLE. */
  blackhole?: true;
  /** NHA_OIF: the device's ifindex. */
  oif?: number;
  /** NHA_GATEWAY (text). */
  gateway?: string;
  /** NHA_ENCAP_TYPE: LWTUNNEL_ENCAP_*. */
  encapType?: number;
  /** NHA_ENCAP: the encapsulation's nested attributes, raw. */
  encap?: Uint8Array;
  /** NHA_GROUPS (a dump filter). */
  groups?: true;
  /** NHA_MASTER (a dump filter). */
  master?: number;
  /** NHA_FDB. */
  fdb?: true;
  /** NHA_RES_GROUP. */
  resGroup?: ResGroupAttrs;
  /** NHA_RES_BUCKET. */
  resBucket?: ResBucketAttrs;
  /** NHA_OP_FLAGS. */
  opFlags?: number;
  /** NHA_GROUP_STATS, raw. */
  groupStats?: Uint8Array;
  /** NHA_HW_STATS_ENABLE. */
  hwStatsEnable?: number;
  /** NHA_HW_STATS_USED. */
  hwStatsUsed?: number;
  unknown?: RawAttr[];
}

/** The NHA_* table. */
export const nexthopAttrs = new AttrTable<NexthopAttrs>('NHA', [
  { id: NHA_ID, name: 'id', codec: u32 },
  { id: NHA_GROUP, name: 'group', codec: nexthopGroup },
  { id: NHA_GROUP_TYPE, name: 'groupType', codec: u16 },
  { id: NHA_BLACKHOLE, name: 'blackhole', codec: flag },
  { id: NHA_OIF, name: 'oif', codec: u32 },
  { id: NHA_GATEWAY, name: 'gateway', codec: ipAddr },
  { id: NHA_ENCAP_TYPE, name: 'encapType', codec: u16 },
  { id: NHA_ENCAP, name: 'encap', codec: bytes },
  { id: NHA_GROUPS, name: 'groups', codec: flag },
  { id: NHA_MASTER, name: 'master', codec: u32 },
  { id: NHA_FDB, name: 'fdb', codec: flag },
  // iproute2 and the kernel mark these nests NLA_F_NESTED.
  { id: NHA_RES_GROUP, name: 'resGroup', codec: nested(resGroupAttrs), nestedFlag: true },
  { id: NHA_RES_BUCKET, name: 'resBucket', codec: nested(resBucketAttrs), nestedFlag: true },
  { id: NHA_OP_FLAGS, name: 'opFlags', codec: u32 },
  { id: NHA_GROUP_STATS, name: 'groupStats', codec: bytes },
  { id: NHA_HW_STATS_ENABLE, name: 'hwStatsEnable', codec: u32 },
  { id: NHA_HW_STATS_USED, name: 'hwStatsUsed', codec: u32 },
]);
