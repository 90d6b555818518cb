/** Netlink protocol constants, named and numbered as in <linux/netlink.h> and <linux/socket.h>. */

export const AF_NETLINK = 16;
export const SOCK_RAW = 3;
export const SOCK_CLOEXEC = 0o2000000;
export const SOL_SOCKET = 1;
export const SO_SNDBUF = 7;
export const SO_RCVBUF = 8;
export const SO_SNDBUFFORCE = 32;
export const SO_RCVBUFFORCE = 33;
export const SOL_NETLINK = 270;

export const NETLINK_ROUTE = 0;

// setsockopt(SOL_NETLINK, ...)
export const NETLINK_ADD_MEMBERSHIP = 1;
export const NETLINK_DROP_MEMBERSHIP = 2;
export const NETLINK_PKTINFO = 3;
export const NETLINK_BROADCAST_ERROR = 4;
export const NETLINK_NO_ENOBUFS = 5;
export const NETLINK_LISTEN_ALL_NSID = 8;
export const NETLINK_CAP_ACK = 10;
export const NETLINK_EXT_ACK = 11;
export const NETLINK_GET_STRICT_CHK = 12;

// nlmsghdr.nlmsg_type values below NLMSG_MIN_TYPE
export const NLMSG_NOOP = 1;
export const NLMSG_ERROR = 2;
export const NLMSG_DONE = 3;
export const NLMSG_OVERRUN = 4;
export const NLMSG_MIN_TYPE = 0x10;

// nlmsghdr.nlmsg_flags
export const NLM_F_REQUEST = 0x01;
export const NLM_F_MULTI = 0x02;
export const NLM_F_ACK = 0x04;
export const NLM_F_ECHO = 0x08;
export const NLM_F_DUMP_INTR = 0x10;
export const NLM_F_DUMP_FILTERED = 0x20;
// modifiers to GET requests
export const NLM_F_ROOT = 0x100;
export const NLM_F_MATCH = 0x200;
export const NLM_F_ATOMIC = 0x400;
export const NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
// modifiers to NEW requests
export const NLM_F_REPLACE = 0x100;
export const NLM_F_EXCL = 0x200;
export const NLM_F_CREATE = 0x400;
export const NLM_F_APPEND = 0x800;
// modifiers to DELETE requests
export const NLM_F_NONREC = 0x100;
export const NLM_F_BULK = 0x200;
// flags of an NLMSG_ERROR acknowledgement
export const NLM_F_CAPPED = 0x100;
export const NLM_F_ACK_TLVS = 0x200;

// enum nlmsgerr_attrs
export const NLMSGERR_ATTR_UNUSED = 0;
export const NLMSGERR_ATTR_MSG = 1;
export const NLMSGERR_ATTR_OFFS = 2;
export const NLMSGERR_ATTR_COOKIE = 3;
export const NLMSGERR_ATTR_POLICY = 4;
export const NLMSGERR_ATTR_MISS_TYPE = 5;
export const NLMSGERR_ATTR_MISS_NEST = 6;

// recv/send flags
export const MSG_PEEK = 0x2;
export const MSG_TRUNC = 0x20;
export const MSG_DONTWAIT = 0x40;

// setns/unshare
export const CLONE_NEWNS = 0x00020000;
export const CLONE_NEWNET = 0x40000000;

// errno values this layer reacts to
export const EINTR = 4;
export const EAGAIN = 11;
export const ENOBUFS = 105;
