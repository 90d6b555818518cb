/**
 * Kernel constants of the rtnetlink LINK family, named exactly like the kernel's and numbered
 * explicitly. Sources: <linux/rtnetlink.h> (message types, RTNLGRP_*, RTEXT_FILTER_*),
 * <linux/if.h> (IFF_*, IF_OPER_*, IF_LINK_MODE_*), <linux/if_arp.h> (ARPHRD_*),
 * <linux/if_link.h> and <linux/if_bridge.h> (IFLA_* and the per-kind attribute sets),
 * <linux/veth.h> (VETH_INFO_*). The installed headers are Linux 6.1; the ids added since (up to
 * IFLA_TAILROOM = 69, which kernel 6.18 sends) follow the current upstream uapi headers.
 */

// Message types (enum in <linux/rtnetlink.h>).
export const RTM_NEWLINK = 16;
export const RTM_DELLINK = 17;
export const RTM_GETLINK = 18;
export const RTM_SETLINK = 19;
export const RTM_NEWLINKPROP = 108;
export const RTM_DELLINKPROP = 109;
export const RTM_GETLINKPROP = 110;

/** Multicast group of link events (enum rtnetlink_groups). */
export const RTNLGRP_LINK = 1;
/** Legacy bitmask form of RTNLGRP_LINK for nl_groups (RTMGRP_LINK). */
export const RTMGRP_LINK = 1;

// RTEXT_FILTER_*: bits of IFLA_EXT_MASK (<linux/rtnetlink.h>).
export const RTEXT_FILTER_VF = 1 << 0;
export const RTEXT_FILTER_BRVLAN = 1 << 1;
export const RTEXT_FILTER_BRVLAN_COMPRESSED = 1 << 2;
export const RTEXT_FILTER_SKIP_STATS = 1 << 3;
export const RTEXT_FILTER_MRP = 1 << 4;
export const RTEXT_FILTER_CFM_CONFIG = 1 << 5;
export const RTEXT_FILTER_CFM_STATUS = 1 << 6;
export const RTEXT_FILTER_MST = 1 << 7;
export const RTEXT_FILTER_NAME_ONLY = 1 << 8;

// IFF_*: bits of ifinfomsg.ifi_flags (enum net_device_flags, <linux/if.h>).
export const IFF_UP = 1 << 0;
export const IFF_BROADCAST = 1 << 1;
export const IFF_DEBUG = 1 << 2;
export const IFF_LOOPBACK = 1 << 3;
export const IFF_POINTOPOINT = 1 << 4;
export const IFF_NOTRAILERS = 1 << 5;
export const IFF_RUNNING = 1 << 6;
export const IFF_NOARP = 1 << 7;
export const IFF_PROMISC = 1 << 8;
export const IFF_ALLMULTI = 1 << 9;
export const IFF_MASTER = 1 << 10;
export const IFF_SLAVE = 1 << 11;
export const IFF_MULTICAST = 1 << 12;
export const IFF_PORTSEL = 1 << 13;
export const IFF_AUTOMEDIA = 1 << 14;
export const IFF_DYNAMIC = 1 << 15;
export const IFF_LOWER_UP = 1 << 16;
export const IFF_DORMANT = 1 << 17;
export const IFF_ECHO = 1 << 18;

// IF_OPER_*: values of IFLA_OPERSTATE (RFC 2863 operational status, <linux/if.h>).
export const IF_OPER_UNKNOWN = 0;
export const IF_OPER_NOTPRESENT = 1;
export const IF_OPER_DOWN = 2;
export const IF_OPER_LOWERLAYERDOWN = 3;
export const IF_OPER_TESTING = 4;
export const IF_OPER_DORMANT = 5;
export const IF_OPER_UP = 6;

// IF_LINK_MODE_*: values of IFLA_LINKMODE (<linux/if.h>).
export const IF_LINK_MODE_DEFAULT = 0;
export const IF_LINK_MODE_DORMANT = 1;
export const IF_LINK_MODE_TESTING = 2;

// ARPHRD_*: values of ifinfomsg.ifi_type (<linux/if_arp.h>).
export const ARPHRD_NETROM = 0;
export const ARPHRD_ETHER = 1;
export const ARPHRD_EETHER = 2;
export const ARPHRD_AX25 = 3;
export const ARPHRD_PRONET = 4;
export const ARPHRD_CHAOS = 5;
export const ARPHRD_IEEE802 = 6;
export const ARPHRD_ARCNET = 7;
export const ARPHRD_APPLETLK = 8;
export const ARPHRD_DLCI = 15;
export const ARPHRD_ATM = 19;
export const ARPHRD_METRICOM = 23;
export const ARPHRD_IEEE1394 = 24;
export const ARPHRD_EUI64 = 27;
export const ARPHRD_INFINIBAND = 32;
export const ARPHRD_SLIP = 256;
export const ARPHRD_CSLIP = 257;
export const ARPHRD_SLIP6 = 258;
export const ARPHRD_CSLIP6 = 259;
export const ARPHRD_RSRVD = 260;
export const ARPHRD_ADAPT = 264;
export const ARPHRD_ROSE = 270;
export const ARPHRD_X25 = 271;
export const ARPHRD_HWX25 = 272;
export const ARPHRD_CAN = 280;
export const ARPHRD_MCTP = 290;
export const ARPHRD_PPP = 512;
export const ARPHRD_CISCO = 513;
export const ARPHRD_HDLC = ARPHRD_CISCO;
export const ARPHRD_LAPB = 516;
export const ARPHRD_DDCMP = 517;
export const ARPHRD_RAWHDLC = 518;
export const ARPHRD_RAWIP = 519;
export const ARPHRD_TUNNEL = 768;
export const ARPHRD_TUNNEL6 = 769;
export const ARPHRD_FRAD = 770;
export const ARPHRD_SKIP = 771;
export const ARPHRD_LOOPBACK = 772;
export const ARPHRD_LOCALTLK = 773;
export const ARPHRD_FDDI = 774;
export const ARPHRD_BIF = 775;
export const ARPHRD_SIT = 776;
export const ARPHRD_IPDDP = 777;
export const ARPHRD_IPGRE = 778;
export const ARPHRD_PIMREG = 779;
export const ARPHRD_HIPPI = 780;
export const ARPHRD_ASH = 781;
export const ARPHRD_ECONET = 782;
export const ARPHRD_IRDA = 783;
export const ARPHRD_FCPP = 784;
export const ARPHRD_FCAL = 785;
export const ARPHRD_FCPL = 786;
export const ARPHRD_FCFABRIC = 787;
export const ARPHRD_IEEE802_TR = 800;
export const ARPHRD_IEEE80211 = 801;
export const ARPHRD_IEEE80211_PRISM = 802;
export const ARPHRD_IEEE80211_RADIOTAP = 803;
export const ARPHRD_IEEE802154 = 804;
export const ARPHRD_IEEE802154_MONITOR = 805;
export const ARPHRD_PHONET = 820;
export const ARPHRD_PHONET_PIPE = 821;
export const ARPHRD_CAIF = 822;
export const ARPHRD_IP6GRE = 823;
export const ARPHRD_NETLINK = 824;
export const ARPHRD_6LOWPAN = 825;
export const ARPHRD_VSOCKMON = 826;
export const ARPHRD_VOID = 0xffff;
export const ARPHRD_NONE = 0xfffe;

// IFLA_* (enum in <linux/if_link.h>): attributes of an RTM_*LINK message
export const IFLA_ADDRESS = 1;
export const IFLA_BROADCAST = 2;
export const IFLA_IFNAME = 3;
export const IFLA_MTU = 4;
export const IFLA_LINK = 5;
export const IFLA_QDISC = 6;
export const IFLA_STATS = 7;
export const IFLA_COST = 8;
export const IFLA_PRIORITY = 9;
export const IFLA_MASTER = 10;
export const IFLA_WIRELESS = 11;
export const IFLA_PROTINFO = 12;
export const IFLA_TXQLEN = 13;
export const IFLA_MAP = 14;
export const IFLA_WEIGHT = 15;
export const IFLA_OPERSTATE = 16;
export const IFLA_LINKMODE = 17;
export const IFLA_LINKINFO = 18;
export const IFLA_NET_NS_PID = 19;
export const IFLA_IFALIAS = 20;
export const IFLA_NUM_VF = 21;
export const IFLA_VFINFO_LIST = 22;
export const IFLA_STATS64 = 23;
export const IFLA_VF_PORTS = 24;
export const IFLA_PORT_SELF = 25;
export const IFLA_AF_SPEC = 26;
export const IFLA_GROUP = 27;
export const IFLA_NET_NS_FD = 28;
export const IFLA_EXT_MASK = 29;
export const IFLA_PROMISCUITY = 30;
export const IFLA_NUM_TX_QUEUES = 31;
export const IFLA_NUM_RX_QUEUES = 32;
export const IFLA_CARRIER = 33;
export const IFLA_PHYS_PORT_ID = 34;
export const IFLA_CARRIER_CHANGES = 35;
export const IFLA_PHYS_SWITCH_ID = 36;
export const IFLA_LINK_NETNSID = 37;
export const IFLA_PHYS_PORT_NAME = 38;
export const IFLA_PROTO_DOWN = 39;
export const IFLA_GSO_MAX_SEGS = 40;
export const IFLA_GSO_MAX_SIZE = 41;
export const IFLA_PAD = 42;
export const IFLA_XDP = 43;
export const IFLA_EVENT = 44;
export const IFLA_NEW_NETNSID = 45;
export const IFLA_IF_NETNSID = 46;
export const IFLA_TARGET_NETNSID = 46;
export const IFLA_CARRIER_UP_COUNT = 47;
export const IFLA_CARRIER_DOWN_COUNT = 48;
export const IFLA_NEW_IFINDEX = 49;
export const IFLA_MIN_MTU = 50;
export const IFLA_MAX_MTU = 51;
export const IFLA_PROP_LIST = 52;
export const IFLA_ALT_IFNAME = 53;
export const IFLA_PERM_ADDRESS = 54;
export const IFLA_PROTO_DOWN_REASON = 55;
export const IFLA_PARENT_DEV_NAME = 56;
export const IFLA_PARENT_DEV_BUS_NAME = 57;
export const IFLA_GRO_MAX_SIZE = 58;
export const IFLA_TSO_MAX_SIZE = 59;
export const IFLA_TSO_MAX_SEGS = 60;
export const IFLA_ALLMULTI = 61;
export const IFLA_DEVLINK_PORT = 62;
export const IFLA_GSO_IPV4_MAX_SIZE = 63;
export const IFLA_GRO_IPV4_MAX_SIZE = 64;
export const IFLA_DPLL_PIN = 65;
export const IFLA_MAX_PACING_OFFLOAD_HORIZON = 66;
export const IFLA_NETNS_IMMUTABLE = 67;
export const IFLA_HEADROOM = 68;
export const IFLA_TAILROOM = 69;

// IFLA_PROTO_DOWN_REASON_*: children of IFLA_PROTO_DOWN_REASON
export const IFLA_PROTO_DOWN_REASON_MASK = 1;
export const IFLA_PROTO_DOWN_REASON_VALUE = 2;

// IFLA_INET_*: children of IFLA_AF_SPEC[AF_INET]
export const IFLA_INET_CONF = 1;

// IFLA_INET6_*: children of IFLA_AF_SPEC[AF_INET6]
export const IFLA_INET6_FLAGS = 1;
export const IFLA_INET6_CONF = 2;
export const IFLA_INET6_STATS = 3;
export const IFLA_INET6_MCAST = 4;
export const IFLA_INET6_CACHEINFO = 5;
export const IFLA_INET6_ICMP6STATS = 6;
export const IFLA_INET6_TOKEN = 7;
export const IFLA_INET6_ADDR_GEN_MODE = 8;
export const IFLA_INET6_RA_MTU = 9;

// enum in6_addr_gen_mode: values of IFLA_INET6_ADDR_GEN_MODE
export const IN6_ADDR_GEN_MODE_EUI64 = 0;
export const IN6_ADDR_GEN_MODE_NONE = 1;
export const IN6_ADDR_GEN_MODE_STABLE_PRIVACY = 2;
export const IN6_ADDR_GEN_MODE_RANDOM = 3;

// IFLA_INFO_*: children of IFLA_LINKINFO
export const IFLA_INFO_KIND = 1;
export const IFLA_INFO_DATA = 2;
export const IFLA_INFO_XSTATS = 3;
export const IFLA_INFO_SLAVE_KIND = 4;
export const IFLA_INFO_SLAVE_DATA = 5;

// IFLA_XDP_*: children of IFLA_XDP
export const IFLA_XDP_FD = 1;
export const IFLA_XDP_ATTACHED = 2;
export const IFLA_XDP_FLAGS = 3;
export const IFLA_XDP_PROG_ID = 4;
export const IFLA_XDP_DRV_PROG_ID = 5;
export const IFLA_XDP_SKB_PROG_ID = 6;
export const IFLA_XDP_HW_PROG_ID = 7;
export const IFLA_XDP_EXPECTED_FD = 8;

// XDP_ATTACHED_*: values of IFLA_XDP_ATTACHED
export const XDP_ATTACHED_NONE = 0;
export const XDP_ATTACHED_DRV = 1;
export const XDP_ATTACHED_SKB = 2;
export const XDP_ATTACHED_HW = 3;
export const XDP_ATTACHED_MULTI = 4;

// IFLA_EVENT_*: values of IFLA_EVENT
export const IFLA_EVENT_NONE = 0;
export const IFLA_EVENT_REBOOT = 1;
export const IFLA_EVENT_FEATURES = 2;
export const IFLA_EVENT_BONDING_FAILOVER = 3;
export const IFLA_EVENT_NOTIFY_PEERS = 4;
export const IFLA_EVENT_IGMP_RESEND = 5;
export const IFLA_EVENT_BONDING_OPTIONS = 6;
