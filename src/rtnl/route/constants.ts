/** Route family constants, named and numbered as in <linux/rtnetlink.h> and <linux/icmpv6.h>. */

/** rtnetlink message types of the route family. */
export const RTM_NEWROUTE = 24;
export const RTM_DELROUTE = 25;
export const RTM_GETROUTE = 26;

/** Route attributes (enum rtattr_type_t). */
export const RTA_UNSPEC = 0;
export const RTA_DST = 1;
export const RTA_SRC = 2;
export const RTA_IIF = 3;
export const RTA_OIF = 4;
export const RTA_GATEWAY = 5;
export const RTA_PRIORITY = 6;
export const RTA_PREFSRC = 7;
/** Nested RTAX_* metrics. */
export const RTA_METRICS = 8;
/** A list of struct rtnexthop, each followed by its own RTA_* attributes. */
export const RTA_MULTIPATH = 9;
export const RTA_PROTOINFO = 10;
/** u32 realms: (from << 16) | to. */
export const RTA_FLOW = 11;
/** struct rta_cacheinfo. */
export const RTA_CACHEINFO = 12;
export const RTA_SESSION = 13;
export const RTA_MP_ALGO = 14;
/** u32 table id (rtm_table holds only 8 bits). */
export const RTA_TABLE = 15;
export const RTA_MARK = 16;
export const RTA_MFC_STATS = 17;
/** struct rtvia: a gateway of another address family. */
export const RTA_VIA = 18;
export const RTA_NEWDST = 19;
/** u8 IPv6 router preference (ICMPV6_ROUTER_PREF_*). */
export const RTA_PREF = 20;
export const RTA_ENCAP_TYPE = 21;
export const RTA_ENCAP = 22;
/** u32 seconds until an IPv6 route expires (on requests). */
export const RTA_EXPIRES = 23;
export const RTA_PAD = 24;
export const RTA_UID = 25;
export const RTA_TTL_PROPAGATE = 26;
export const RTA_IP_PROTO = 27;
export const RTA_SPORT = 28;
export const RTA_DPORT = 29;
export const RTA_NH_ID = 30;
export const RTA_FLOWLABEL = 31;

/** Route metrics, the attributes nested in RTA_METRICS. */
export const RTAX_UNSPEC = 0;
/** u32 bit mask of locked metrics (1 << RTAX_x). */
export const RTAX_LOCK = 1;
export const RTAX_MTU = 2;
export const RTAX_WINDOW = 3;
/** Smoothed RTT in 1/8 ms. */
export const RTAX_RTT = 4;
/** RTT variance in 1/4 ms. */
export const RTAX_RTTVAR = 5;
export const RTAX_SSTHRESH = 6;
export const RTAX_CWND = 7;
export const RTAX_ADVMSS = 8;
export const RTAX_REORDERING = 9;
export const RTAX_HOPLIMIT = 10;
export const RTAX_INITCWND = 11;
export const RTAX_FEATURES = 12;
/** Minimum RTO in ms. */
export const RTAX_RTO_MIN = 13;
export const RTAX_INITRWND = 14;
export const RTAX_QUICKACK = 15;
/** Congestion control algorithm name (string). */
export const RTAX_CC_ALGO = 16;
export const RTAX_FASTOPEN_NO_COOKIE = 17;

/** RTAX_FEATURES bits. */
export const RTAX_FEATURE_ECN = 1 << 0;
export const RTAX_FEATURE_TCP_USEC_TS = 1 << 4;

/** struct rtnexthop rtnh_flags (also the low byte of rtm_flags). */
export const RTNH_F_DEAD = 1;
export const RTNH_F_PERVASIVE = 2;
export const RTNH_F_ONLINK = 4;
export const RTNH_F_OFFLOAD = 8;
export const RTNH_F_LINKDOWN = 16;
export const RTNH_F_UNRESOLVED = 32;
export const RTNH_F_TRAP = 64;

/** rtm_flags. */
export const RTM_F_NOTIFY = 0x100;
export const RTM_F_CLONED = 0x200;
export const RTM_F_EQUALIZE = 0x400;
export const RTM_F_PREFIX = 0x800;
export const RTM_F_LOOKUP_TABLE = 0x1000;
export const RTM_F_FIB_MATCH = 0x2000;
export const RTM_F_OFFLOAD = 0x4000;
export const RTM_F_TRAP = 0x8000;
export const RTM_F_OFFLOAD_FAILED = 0x20000000;

/** RTA_PREF values (<linux/icmpv6.h>). */
export const ICMPV6_ROUTER_PREF_LOW = 0x3;
export const ICMPV6_ROUTER_PREF_MEDIUM = 0x0;
export const ICMPV6_ROUTER_PREF_HIGH = 0x1;
export const ICMPV6_ROUTER_PREF_INVALID = 0x2;

/** iproute2's words for route flags, in the order `ip route` prints them. */
export const RT_FLAG_WORDS: readonly [number, string][] = [
  [RTNH_F_DEAD, 'dead'],
  [RTNH_F_ONLINK, 'onlink'],
  [RTNH_F_PERVASIVE, 'pervasive'],
  [RTNH_F_OFFLOAD, 'offload'],
  [RTNH_F_TRAP, 'trap'],
  [RTM_F_NOTIFY, 'notify'],
  [RTNH_F_LINKDOWN, 'linkdown'],
  [RTNH_F_UNRESOLVED, 'unresolved'],
  [RTM_F_OFFLOAD, 'rt_offload'],
  [RTM_F_TRAP, 'rt_trap'],
  [RTM_F_OFFLOAD_FAILED, 'rt_offload_failed'],
];

/** Routing-cache flags in the high bits of rtm_flags of a cloned route (<linux/in_route.h>). */
export const RTCF_NOTIFY = 0x00010000;
export const RTCF_DIRECTDST = 0x00020000;
export const RTCF_REDIRECTED = 0x00040000;
export const RTCF_TPROXY = 0x00080000;
export const RTCF_FAST = 0x00200000;
export const RTCF_MASQ = 0x00400000;
export const RTCF_SNAT = 0x00800000;
export const RTCF_DOREDIRECT = 0x01000000;
export const RTCF_DIRECTSRC = 0x04000000;
export const RTCF_DNAT = 0x08000000;
export const RTCF_BROADCAST = 0x10000000;
export const RTCF_MULTICAST = 0x20000000;
export const RTCF_REJECT = 0x40000000;
export const RTCF_LOCAL = 0x80000000;

/** iproute2's words for cache flags, in the order `ip route get` prints them. */
export const RTCF_WORDS: readonly [number, string][] = [
  [RTCF_LOCAL, 'local'], [RTCF_REJECT, 'reject'], [RTCF_MULTICAST, 'mc'], [RTCF_BROADCAST, 'brd'],
  [RTCF_DNAT, 'dst-nat'], [RTCF_SNAT, 'src-nat'], [RTCF_MASQ, 'masq'], [RTCF_DIRECTDST, 'dst-direct'],
  [RTCF_DIRECTSRC, 'src-direct'], [RTCF_REDIRECTED, 'redirected'], [RTCF_DOREDIRECT, 'redirect'],
  [RTCF_FAST, 'fastroute'], [RTCF_NOTIFY, 'notify'], [RTCF_TPROXY, 'proxy'],
];
