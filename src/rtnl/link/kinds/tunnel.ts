/**
 * What the IP tunnel kinds share (include/uapi/linux/if_tunnel.h, ip6_tunnel.h): the UDP
 * encapsulation (FOU/GUE) types and flags of IFLA_GRE_ENCAP_* and IFLA_IPTUN_ENCAP_*, and the
 * IPv6 tunnels' IP6_TNL_F_* flags and flow-info masks. Not a kind of its own.
 */

// enum tunnel_encap_types: values of IFLA_{GRE,IPTUN}_ENCAP_TYPE
export const TUNNEL_ENCAP_NONE = 0;
export const TUNNEL_ENCAP_FOU = 1;
export const TUNNEL_ENCAP_GUE = 2;
export const TUNNEL_ENCAP_MPLS = 3;

// TUNNEL_ENCAP_FLAG_*: bits of IFLA_{GRE,IPTUN}_ENCAP_FLAGS
export const TUNNEL_ENCAP_FLAG_CSUM = 1 << 0;
export const TUNNEL_ENCAP_FLAG_CSUM6 = 1 << 1;
export const TUNNEL_ENCAP_FLAG_REMCSUM = 1 << 2;

// IP6_TNL_F_*: bits of IFLA_GRE_FLAGS (ip6gre) and IFLA_IPTUN_FLAGS (ip6tnl)
export const IP6_TNL_F_IGN_ENCAP_LIMIT = 0x1;
export const IP6_TNL_F_USE_ORIG_TCLASS = 0x2;
export const IP6_TNL_F_USE_ORIG_FLOWLABEL = 0x4;
export const IP6_TNL_F_MIP6_DEV = 0x8;
export const IP6_TNL_F_RCV_DSCP_COPY = 0x10;
export const IP6_TNL_F_USE_ORIG_FWMARK = 0x20;
export const IP6_TNL_F_ALLOW_LOCAL_REMOTE = 0x40;

// The parts of the IPv6 flow information (the first header word less its version), host order
// of the big-endian IFLA_{GRE,IPTUN}_FLOWINFO.
export const IP6_FLOWINFO_TCLASS = 0x0ff00000;
export const IP6_FLOWINFO_FLOWLABEL = 0x000fffff;

// IPv6 tunnels' defaults (include/net/ip6_tunnel.h, iproute2's link_gre6.c / link_ip6tnl.c)
export const IPV6_DEFAULT_TNL_ENCAP_LIMIT = 4;
export const DEFAULT_TNL_HOP_LIMIT = 64;

const ENCAPS = ['none', 'fou', 'gue', 'mpls'] as const;

/** iproute2's word for a TUNNEL_ENCAP_* value; unknown values stay numbers. */
export function tunnelEncapName(type: number): string | number {
  return ENCAPS[type] ?? type;
}
