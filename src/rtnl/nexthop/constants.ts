/** Nexthop object constants, named and numbered as in <linux/rtnetlink.h> and <linux/nexthop.h>. */

/** rtnetlink message types of nexthop objects. */
export const RTM_NEWNEXTHOP = 104;
export const RTM_DELNEXTHOP = 105;
export const RTM_GETNEXTHOP = 106;
/** ... and of the buckets of resilient groups. */
export const RTM_NEWNEXTHOPBUCKET = 116;
export const RTM_DELNEXTHOPBUCKET = 117;
export const RTM_GETNEXTHOPBUCKET = 118;

/** Multicast group of nexthop notifications (enum rtnetlink_groups). */
export const RTNLGRP_NEXTHOP = 32;

/** Nexthop attributes (NHA_*). */
export const NHA_UNSPEC = 0;
/** u32 id; 0 in a request asks the kernel to pick one. */
export const NHA_ID = 1;
/** An array of struct nexthop_grp. */
export const NHA_GROUP = 2;
/** u16 NEXTHOP_GRP_TYPE_*. */
export const NHA_GROUP_TYPE = 3;
/** Flag: the nexthop drops packets. */
export const NHA_BLACKHOLE = 4;
/** u32 device ifindex (also a dump filter). */
export const NHA_OIF = 5;
/** The gateway: 4 (IPv4) or 16 (IPv6) bytes. */
export const NHA_GATEWAY = 6;
/** u16 lightweight-tunnel encapsulation type. */
export const NHA_ENCAP_TYPE = 7;
/** Nested encapsulation data. */
export const NHA_ENCAP = 8;
/** Flag (dump filter): only groups. */
export const NHA_GROUPS = 9;
/** u32 (dump filter): only nexthops whose device has this master. */
export const NHA_MASTER = 10;
/** Flag: the nexthop belongs to a bridge fdb (also a dump filter). */
export const NHA_FDB = 11;
/** Nested NHA_RES_GROUP_*: the parameters of a resilient group. */
export const NHA_RES_GROUP = 12;
/** Nested NHA_RES_BUCKET_*: one bucket of a resilient group. */
export const NHA_RES_BUCKET = 13;
/** u32 NHA_OP_FLAG_* of a get or dump (newer kernels). */
export const NHA_OP_FLAGS = 14;
/** Nested group statistics (newer kernels). */
export const NHA_GROUP_STATS = 15;
/** u32: hardware statistics enabled (newer kernels). */
export const NHA_HW_STATS_ENABLE = 16;
/** u32: some driver collects hardware statistics (newer kernels). */
export const NHA_HW_STATS_USED = 17;

/** NHA_GROUP_TYPE values. */
export const NEXTHOP_GRP_TYPE_MPATH = 0;
export const NEXTHOP_GRP_TYPE_RES = 1;

/** Attributes nested in NHA_RES_GROUP. */
export const NHA_RES_GROUP_UNSPEC = 0;
export const NHA_RES_GROUP_PAD = NHA_RES_GROUP_UNSPEC;
/** u16 number of buckets. */
export const NHA_RES_GROUP_BUCKETS = 1;
/** u32 idle timer, clock_t (1/100 s). */
export const NHA_RES_GROUP_IDLE_TIMER = 2;
/** u32 unbalanced timer, clock_t. */
export const NHA_RES_GROUP_UNBALANCED_TIMER = 3;
/** u64 time the group has been unbalanced, clock_t. */
export const NHA_RES_GROUP_UNBALANCED_TIME = 4;

/** Attributes nested in NHA_RES_BUCKET. */
export const NHA_RES_BUCKET_UNSPEC = 0;
export const NHA_RES_BUCKET_PAD = NHA_RES_BUCKET_UNSPEC;
/** u16 bucket index. */
export const NHA_RES_BUCKET_INDEX = 1;
/** u64 idle time, clock_t. */
export const NHA_RES_BUCKET_IDLE_TIME = 2;
/** u32 id of the nexthop the bucket holds. */
export const NHA_RES_BUCKET_NH_ID = 3;
