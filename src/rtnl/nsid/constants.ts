/**
 * Network namespace id (nsid) constants, named and numbered as in <linux/rtnetlink.h> and
 * <linux/net_namespace.h>.
 */

/** Assign an id to a peer namespace (rtnl_net_newid). */
export const RTM_NEWNSID = 88;
/** Notification that a peer's id went away (sent to RTNLGRP_NSID). */
export const RTM_DELNSID = 89;
/** Query one peer's id, or dump every assigned id (rtnl_net_getid / rtnl_net_dumpid). */
export const RTM_GETNSID = 90;

/** Multicast group of RTM_NEWNSID/RTM_DELNSID notifications (enum rtnetlink_groups). */
export const RTNLGRP_NSID = 28;

// enum { NETNSA_NONE, NETNSA_NSID, ... } of <linux/net_namespace.h>
export const NETNSA_NONE = 0;
/** s32: the id; -1 (NETNSA_NSID_NOT_ASSIGNED) asks the kernel to pick one / means none. */
export const NETNSA_NSID = 1;
/** u32: the peer namespace named by a process id. */
export const NETNSA_PID = 2;
/** u32: the peer namespace named by an open fd (an nsfs file). */
export const NETNSA_FD = 3;
/** s32: answer relative to this namespace (given by its id) instead of the socket's. */
export const NETNSA_TARGET_NSID = 4;
/** s32: in answers to a TARGET_NSID query, the id as seen by the socket's own namespace. */
export const NETNSA_CURRENT_NSID = 5;

/** NETNSA_NSID value for "no id assigned" (in replies) or "assign one" (in RTM_NEWNSID). */
export const NETNSA_NSID_NOT_ASSIGNED = -1;
