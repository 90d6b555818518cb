/** Address family constants, named and numbered as in <linux/rtnetlink.h> and <linux/if_addr.h>. */

/** rtnetlink message types of the address family. */
export const RTM_NEWADDR = 20;
export const RTM_DELADDR = 21;
export const RTM_GETADDR = 22;

/** Attributes of an address message (enum in <linux/if_addr.h>). */
export const IFA_UNSPEC = 0;
/** Prefix address; the peer on point-to-point links. */
export const IFA_ADDRESS = 1;
/** The local interface address. */
export const IFA_LOCAL = 2;
export const IFA_LABEL = 3;
export const IFA_BROADCAST = 4;
export const IFA_ANYCAST = 5;
/** struct ifa_cacheinfo. */
export const IFA_CACHEINFO = 6;
export const IFA_MULTICAST = 7;
/** u32 flags; when present it supersedes ifaddrmsg.ifa_flags. */
export const IFA_FLAGS = 8;
/** u32 metric of the prefix route. */
export const IFA_RT_PRIORITY = 9;
export const IFA_TARGET_NETNSID = 10;
/** u8 address protocol (IFAPROT_*). */
export const IFA_PROTO = 11;

/** Address flags (ifa_flags / IFA_FLAGS). */
export const IFA_F_SECONDARY = 0x01;
export const IFA_F_TEMPORARY = IFA_F_SECONDARY;
export const IFA_F_NODAD = 0x02;
export const IFA_F_OPTIMISTIC = 0x04;
export const IFA_F_DADFAILED = 0x08;
export const IFA_F_HOMEADDRESS = 0x10;
export const IFA_F_DEPRECATED = 0x20;
export const IFA_F_TENTATIVE = 0x40;
export const IFA_F_PERMANENT = 0x80;
export const IFA_F_MANAGETEMPADDR = 0x100;
export const IFA_F_NOPREFIXROUTE = 0x200;
export const IFA_F_MCAUTOJOIN = 0x400;
export const IFA_F_STABLE_PRIVACY = 0x800;

/** A lifetime of 0xffffffff seconds means "forever" (INFINITY_LIFE_TIME in iproute2). */
export const INFINITY_LIFE_TIME = 0xffffffff;

/**
 * iproute2's words for address flags, in the order `ip` prints them, and whether userspace may set
 * them (`readonly`) and whether they exist for IPv6 only (`v6only`).
 */
export const IFA_FLAG_WORDS: readonly { name: string; mask: number; readonly: boolean; v6only: boolean }[] = [
  { name: 'secondary', mask: IFA_F_SECONDARY, readonly: true, v6only: false },
  { name: 'nodad', mask: IFA_F_NODAD, readonly: false, v6only: true },
  { name: 'optimistic', mask: IFA_F_OPTIMISTIC, readonly: false, v6only: true },
  { name: 'dadfailed', mask: IFA_F_DADFAILED, readonly: true, v6only: true },
  { name: 'home', mask: IFA_F_HOMEADDRESS, readonly: false, v6only: true },
  { name: 'deprecated', mask: IFA_F_DEPRECATED, readonly: true, v6only: true },
  { name: 'tentative', mask: IFA_F_TENTATIVE, readonly: true, v6only: true },
  { name: 'permanent', mask: IFA_F_PERMANENT, readonly: true, v6only: true },
  { name: 'mngtmpaddr', mask: IFA_F_MANAGETEMPADDR, readonly: false, v6only: true },
  { name: 'noprefixroute', mask: IFA_F_NOPREFIXROUTE, readonly: false, v6only: false },
  { name: 'autojoin', mask: IFA_F_MCAUTOJOIN, readonly: false, v6only: false },
  { name: 'stable-privacy', mask: IFA_F_STABLE_PRIVACY, readonly: true, v6only: true },
];
