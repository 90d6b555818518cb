/**
 * Traffic control constants, named and numbered as in <linux/rtnetlink.h>, <linux/pkt_sched.h>,
 * <linux/pkt_cls.h> and <linux/gen_stats.h>. Kind-specific attributes (TCA_TBF_*, TCA_U32_*, ...)
 * live in each kind's own file.
 */

/** rtnetlink message types of the tc families. */
export const RTM_NEWQDISC = 36;
export const RTM_DELQDISC = 37;
export const RTM_GETQDISC = 38;
export const RTM_NEWTCLASS = 40;
export const RTM_DELTCLASS = 41;
export const RTM_GETTCLASS = 42;
export const RTM_NEWTFILTER = 44;
export const RTM_DELTFILTER = 45;
export const RTM_GETTFILTER = 46;
export const RTM_NEWACTION = 48;
export const RTM_DELACTION = 49;
export const RTM_GETACTION = 50;
export const RTM_NEWCHAIN = 100;
export const RTM_DELCHAIN = 101;
export const RTM_GETCHAIN = 102;

/** The multicast group of tc events. */
export const RTNLGRP_TC = 4;

/** Attributes of a qdisc, class, filter or chain message (TCA_*). */
export const TCA_UNSPEC = 0;
export const TCA_KIND = 1;
export const TCA_OPTIONS = 2;
/** struct tc_stats (the old statistics). */
export const TCA_STATS = 3;
export const TCA_XSTATS = 4;
/** struct tc_estimator. */
export const TCA_RATE = 5;
export const TCA_FCNT = 6;
/** Nested TCA_STATS_*. */
export const TCA_STATS2 = 7;
/** Nested TCA_STAB_*. */
export const TCA_STAB = 8;
export const TCA_PAD = 9;
export const TCA_DUMP_INVISIBLE = 10;
export const TCA_CHAIN = 11;
export const TCA_HW_OFFLOAD = 12;
export const TCA_INGRESS_BLOCK = 13;
export const TCA_EGRESS_BLOCK = 14;
export const TCA_DUMP_FLAGS = 15;
export const TCA_EXT_WARN_MSG = 16;

/** TCA_STAB_*: the size table. */
export const TCA_STAB_BASE = 1;
export const TCA_STAB_DATA = 2;

/** TCA_STATS_*: children of TCA_STATS2 and TCA_ACT_STATS (<linux/gen_stats.h>). */
export const TCA_STATS_BASIC = 1;
export const TCA_STATS_RATE_EST = 2;
export const TCA_STATS_QUEUE = 3;
export const TCA_STATS_APP = 4;
export const TCA_STATS_RATE_EST64 = 5;
export const TCA_STATS_PAD = 6;
export const TCA_STATS_BASIC_HW = 7;
export const TCA_STATS_PKT64 = 8;

/** Attributes of an action message after struct tcamsg (TCA_ROOT_*). */
export const TCA_ROOT_TAB = 1;
export const TCA_ROOT_FLAGS = 2;
export const TCA_ROOT_COUNT = 3;
export const TCA_ROOT_TIME_DELTA = 4;
export const TCA_ROOT_EXT_WARN_MSG = 5;
/** TCA_ROOT_FLAGS bits (a struct nla_bitfield32). */
export const TCA_ACT_FLAG_LARGE_DUMP_ON = 1 << 0;
export const TCA_ACT_FLAG_TERSE_DUMP = 1 << 1;

/** Attributes of one action (TCA_ACT_*). */
export const TCA_ACT_KIND = 1;
export const TCA_ACT_OPTIONS = 2;
export const TCA_ACT_INDEX = 3;
export const TCA_ACT_STATS = 4;
export const TCA_ACT_PAD = 5;
export const TCA_ACT_COOKIE = 6;
export const TCA_ACT_FLAGS = 7;
export const TCA_ACT_HW_STATS = 8;
export const TCA_ACT_USED_HW_STATS = 9;
export const TCA_ACT_IN_HW_COUNT = 10;
/** The most actions one list holds (its nests are numbered 1 .. TCA_ACT_MAX_PRIO). */
export const TCA_ACT_MAX_PRIO = 32;
/** TCA_ACT_FLAGS bits. */
export const TCA_ACT_FLAGS_NO_PERCPU_STATS = 1 << 0;
export const TCA_ACT_FLAGS_SKIP_HW = 1 << 1;
export const TCA_ACT_FLAGS_SKIP_SW = 1 << 2;
/** TCA_ACT_HW_STATS bits. */
export const TCA_ACT_HW_STATS_IMMEDIATE = 1 << 0;
export const TCA_ACT_HW_STATS_DELAYED = 1 << 1;

/** Action verdicts (TC_ACT_*), the `action` of struct tc_gen and the control words of tc. */
export const TC_ACT_UNSPEC = -1;
export const TC_ACT_OK = 0;
export const TC_ACT_RECLASSIFY = 1;
export const TC_ACT_SHOT = 2;
export const TC_ACT_PIPE = 3;
export const TC_ACT_STOLEN = 4;
export const TC_ACT_QUEUED = 5;
export const TC_ACT_REPEAT = 6;
export const TC_ACT_REDIRECT = 7;
export const TC_ACT_TRAP = 8;
/** Extended verdicts: an opcode in the top nibble, a value below it. */
export const TC_ACT_EXT_SHIFT = 28;
export const TC_ACT_EXT_VAL_MASK = (1 << TC_ACT_EXT_SHIFT) - 1;
export const TC_ACT_JUMP = 1 << TC_ACT_EXT_SHIFT;
export const TC_ACT_GOTO_CHAIN = 2 << TC_ACT_EXT_SHIFT;

/** Handles: a 16-bit major and a 16-bit minor (TC_H_*). */
export const TC_H_MAJ_MASK = 0xffff0000;
export const TC_H_MIN_MASK = 0x0000ffff;
export const TC_H_UNSPEC = 0;
export const TC_H_ROOT = 0xffffffff;
export const TC_H_INGRESS = 0xfffffff1;
export const TC_H_CLSACT = TC_H_INGRESS;
export const TC_H_MIN_PRIORITY = 0xffe0;
export const TC_H_MIN_INGRESS = 0xfff2;
export const TC_H_MIN_EGRESS = 0xfff3;

/** tcm_ifindex of a filter on a shared block (tcm_parent is then the block index). */
export const TCM_IFINDEX_MAGIC_BLOCK = 0xffffffff;

/** Link layers of struct tc_ratespec (enum tc_link_layer). */
export const TC_LINKLAYER_UNAWARE = 0;
export const TC_LINKLAYER_ETHERNET = 1;
export const TC_LINKLAYER_ATM = 2;
export const TC_LINKLAYER_MASK = 0x0f;

/** Ethernet protocol numbers filters match on (host order; tcm_info carries them big-endian). */
export const ETH_P_ALL = 0x0003;
export const ETH_P_IP = 0x0800;
export const ETH_P_ARP = 0x0806;
export const ETH_P_8021Q = 0x8100;
export const ETH_P_8021AD = 0x88a8;
export const ETH_P_IPV6 = 0x86dd;
