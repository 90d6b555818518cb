/**
 * Per-device IP configuration (netconf) constants, named and numbered as in
 * <linux/rtnetlink.h> and <linux/netconf.h>.
 */

/** A device's configuration, in answers and notifications (inet_netconf_notify_devconf). */
export const RTM_NEWNETCONF = 80;
/** Notification that a device's configuration went away with the device. */
export const RTM_DELNETCONF = 81;
/** Query one device's configuration, or dump every device's (inet_netconf_get_devconf / dump). */
export const RTM_GETNETCONF = 82;

// enum { NETCONFA_UNSPEC, NETCONFA_IFINDEX, ... } of <linux/netconf.h>
export const NETCONFA_UNSPEC = 0;
/** s32: the device, or NETCONFA_IFINDEX_ALL / NETCONFA_IFINDEX_DEFAULT. */
export const NETCONFA_IFINDEX = 1;
/** s32: forwarding on (1) or off (0). */
export const NETCONFA_FORWARDING = 2;
/** s32: reverse path filtering: 0 off, 1 strict, 2 loose (IPv4). */
export const NETCONFA_RP_FILTER = 3;
/** s32: multicast forwarding. */
export const NETCONFA_MC_FORWARDING = 4;
/** s32: proxy ARP / proxy NDP. */
export const NETCONFA_PROXY_NEIGH = 5;
/** s32: routes through a link that is down are ignored. */
export const NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN = 6;
/** s32: MPLS input enabled. */
export const NETCONFA_INPUT = 7;
/** s32: broadcast forwarding (IPv4). */
export const NETCONFA_BC_FORWARDING = 8;

/** NETCONFA_IFINDEX of net.*.conf.all. */
export const NETCONFA_IFINDEX_ALL = -1;
/** NETCONFA_IFINDEX of net.*.conf.default. */
export const NETCONFA_IFINDEX_DEFAULT = -2;
