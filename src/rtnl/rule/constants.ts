/** FIB rule constants, named and numbered as in <linux/rtnetlink.h> and <linux/fib_rules.h>. */

/** rtnetlink message types of the rule family. */
export const RTM_NEWRULE = 32;
export const RTM_DELRULE = 33;
export const RTM_GETRULE = 34;

/** Multicast groups of rule notifications (enum rtnetlink_groups). */
export const RTNLGRP_IPV4_RULE = 8;
export const RTNLGRP_IPV6_RULE = 19;

/** fib_rule_hdr flags (FIB_RULE_*). */
/** The rule is permanent and cannot be deleted. */
export const FIB_RULE_PERMANENT = 0x00000001;
/** `not`: the selector is inverted. */
export const FIB_RULE_INVERT = 0x00000002;
/** A goto whose target rule does not exist (yet). */
export const FIB_RULE_UNRESOLVED = 0x00000004;
/** The `iif` device does not exist (yet). */
export const FIB_RULE_IIF_DETACHED = 0x00000008;
export const FIB_RULE_DEV_DETACHED = FIB_RULE_IIF_DETACHED;
/** The `oif` device does not exist (yet). */
export const FIB_RULE_OIF_DETACHED = 0x00000010;
/** Try to find a source address in routing lookups. */
export const FIB_RULE_FIND_SADDR = 0x00010000;

/** Rule attributes (FRA_*). */
export const FRA_UNSPEC = 0;
/** Destination address (the prefix length is fib_rule_hdr.dst_len). */
export const FRA_DST = 1;
/** Source address (the prefix length is fib_rule_hdr.src_len). */
export const FRA_SRC = 2;
/** Input interface name (`iif`, also called FRA_IFNAME). */
export const FRA_IIFNAME = 3;
export const FRA_IFNAME = FRA_IIFNAME;
/** u32 target priority of FR_ACT_GOTO. */
export const FRA_GOTO = 4;
/**
 * Unused by the kernel. Once RTA_GATEWAY (5) of the old route NAT: `ip rule add nat ADDRESS`
 * still sends the address here.
 */
export const FRA_UNUSED2 = 5;
/** u32 priority (preference) of the rule. */
export const FRA_PRIORITY = 6;
export const FRA_UNUSED3 = 7;
export const FRA_UNUSED4 = 8;
export const FRA_UNUSED5 = 9;
/** u32 firewall mark. */
export const FRA_FWMARK = 10;
/** u32 realms: (from << 16) | to. */
export const FRA_FLOW = 11;
/** be64 tunnel id. */
export const FRA_TUN_ID = 12;
/** u32 device group whose routes are suppressed. */
export const FRA_SUPPRESS_IFGROUP = 13;
/** u32 prefix length at or below which routes are suppressed. */
export const FRA_SUPPRESS_PREFIXLEN = 14;
/** u32 table id (fib_rule_hdr.table holds only 8 bits). */
export const FRA_TABLE = 15;
/** u32 mask for the firewall mark. */
export const FRA_FWMASK = 16;
/** Output interface name. */
export const FRA_OIFNAME = 17;
export const FRA_PAD = 18;
/** u8: look up the table of the L3 master device of iif or oif. */
export const FRA_L3MDEV = 19;
/** struct fib_rule_uid_range. */
export const FRA_UID_RANGE = 20;
/** u8 originator of the rule (RTPROT_*). */
export const FRA_PROTOCOL = 21;
/** u8 IP protocol. */
export const FRA_IP_PROTO = 22;
/** struct fib_rule_port_range: source ports. */
export const FRA_SPORT_RANGE = 23;
/** struct fib_rule_port_range: destination ports. */
export const FRA_DPORT_RANGE = 24;
/** u8 DSCP (newer kernels). */
export const FRA_DSCP = 25;
/** be32 IPv6 flow label (newer kernels). */
export const FRA_FLOWLABEL = 26;
export const FRA_FLOWLABEL_MASK = 27;
/** u16 source port mask (newer kernels). */
export const FRA_SPORT_MASK = 28;
/** u16 destination port mask (newer kernels). */
export const FRA_DPORT_MASK = 29;
/** u8 DSCP mask (newer kernels). */
export const FRA_DSCP_MASK = 30;

/** fib_rule_hdr.action (FR_ACT_*). */
export const FR_ACT_UNSPEC = 0;
/** Look the route up in a table (`lookup TABLE`). */
export const FR_ACT_TO_TBL = 1;
/** Jump to another rule (`goto PRIORITY`). */
export const FR_ACT_GOTO = 2;
/** Do nothing (`nop`). */
export const FR_ACT_NOP = 3;
export const FR_ACT_RES3 = 4;
export const FR_ACT_RES4 = 5;
/** Drop silently. */
export const FR_ACT_BLACKHOLE = 6;
/** Drop with ENETUNREACH. */
export const FR_ACT_UNREACHABLE = 7;
/** Drop with EACCES. */
export const FR_ACT_PROHIBIT = 8;
