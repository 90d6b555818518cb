/**
 * iproute2's words for the LINK family's numbers (ip/ipaddress.c, lib/ll_types.c), so that
 * typed objects and the CLI print what `ip` prints. Values without a word stay numbers.
 */
import { cachedWords } from '../common.js';
import * as C from './constants.js';

/** IFF_* bits in the order iproute2 prints them (print_link_flags). */
const FLAG_ORDER: readonly [number, string][] = [
  [C.IFF_LOOPBACK, 'LOOPBACK'], [C.IFF_BROADCAST, 'BROADCAST'], [C.IFF_POINTOPOINT, 'POINTOPOINT'],
  [C.IFF_MULTICAST, 'MULTICAST'], [C.IFF_NOARP, 'NOARP'], [C.IFF_ALLMULTI, 'ALLMULTI'],
  [C.IFF_PROMISC, 'PROMISC'], [C.IFF_MASTER, 'MASTER'], [C.IFF_SLAVE, 'SLAVE'], [C.IFF_DEBUG, 'DEBUG'],
  [C.IFF_DYNAMIC, 'DYNAMIC'], [C.IFF_AUTOMEDIA, 'AUTOMEDIA'], [C.IFF_PORTSEL, 'PORTSEL'],
  [C.IFF_NOTRAILERS, 'NOTRAILERS'], [C.IFF_UP, 'UP'], [C.IFF_LOWER_UP, 'LOWER_UP'],
  [C.IFF_DORMANT, 'DORMANT'], [C.IFF_ECHO, 'ECHO'],
];

/**
 * ifi_flags as iproute2's words, in its order: 'NO-CARRIER' first when UP without RUNNING,
 * RUNNING itself never shown, leftover unknown bits as one lower-case hex string (as ip -j does).
 */
export const linkFlagNames = cachedWords((flags: number): string[] => {
  const out: string[] = [];
  if (flags & C.IFF_UP && !(flags & C.IFF_RUNNING)) out.push('NO-CARRIER');
  let rest = (flags & ~C.IFF_RUNNING) >>> 0;
  for (const [bit, name] of FLAG_ORDER) {
    if (rest & bit) {
      out.push(name);
      rest = (rest & ~bit) >>> 0;
    }
  }
  if (rest) out.push(rest.toString(16));
  return out;
});

/** The IFF_* bit of an iproute2 flag word ('UP'), or undefined. */
export function linkFlagValue(name: string): number | undefined {
  return FLAG_ORDER.find(([, n]) => n === name)?.[0];
}

const OPER_STATES = ['UNKNOWN', 'NOTPRESENT', 'DOWN', 'LOWERLAYERDOWN', 'TESTING', 'DORMANT', 'UP'] as const;

/** IF_OPER_* -> 'UP', 'DOWN', 'UNKNOWN', 'LOWERLAYERDOWN', 'DORMANT', ...; unknown values stay numbers. */
export function operStateName(state: number): string | number {
  return OPER_STATES[state] ?? state;
}

/** IF_OPER_* value of a word (case-insensitive, as iproute2 parses it), or undefined. */
export function operStateValue(name: string): number | undefined {
  const i = (OPER_STATES as readonly string[]).indexOf(name.toUpperCase());
  return i < 0 ? undefined : i;
}

const LINK_MODES = ['DEFAULT', 'DORMANT'] as const;

/** IF_LINK_MODE_* -> 'DEFAULT' | 'DORMANT'; other values stay numbers (iproute2 knows no more). */
export function linkModeName(mode: number): string | number {
  return LINK_MODES[mode] ?? mode;
}

const ADDR_GEN_MODES = ['eui64', 'none', 'stable_secret', 'random'] as const;

/** IN6_ADDR_GEN_MODE_* -> iproute2's word ('eui64'); unknown values stay numbers. */
export function addrGenModeName(mode: number): string | number {
  return ADDR_GEN_MODES[mode] ?? mode;
}

/** IN6_ADDR_GEN_MODE_* value of iproute2's word, or undefined. */
export function addrGenModeValue(name: string): number | undefined {
  const i = (ADDR_GEN_MODES as readonly string[]).indexOf(name);
  return i < 0 ? undefined : i;
}

const ARPHRD_NAMES = new Map<number, string>([
  [C.ARPHRD_NETROM, 'netrom'], [C.ARPHRD_ETHER, 'ether'], [C.ARPHRD_EETHER, 'eether'],
  [C.ARPHRD_AX25, 'ax25'], [C.ARPHRD_PRONET, 'pronet'], [C.ARPHRD_CHAOS, 'chaos'],
  [C.ARPHRD_IEEE802, 'ieee802'], [C.ARPHRD_ARCNET, 'arcnet'], [C.ARPHRD_APPLETLK, 'atalk'],
  [C.ARPHRD_DLCI, 'dlci'], [C.ARPHRD_ATM, 'atm'], [C.ARPHRD_METRICOM, 'metricom'],
  [C.ARPHRD_IEEE1394, 'ieee1394'], [C.ARPHRD_INFINIBAND, 'infiniband'], [C.ARPHRD_SLIP, 'slip'],
  [C.ARPHRD_CSLIP, 'cslip'], [C.ARPHRD_SLIP6, 'slip6'], [C.ARPHRD_CSLIP6, 'cslip6'],
  [C.ARPHRD_RSRVD, 'rsrvd'], [C.ARPHRD_ADAPT, 'adapt'], [C.ARPHRD_ROSE, 'rose'], [C.ARPHRD_X25, 'x25'],
  [C.ARPHRD_HWX25, 'hwx25'], [C.ARPHRD_CAN, 'can'], [C.ARPHRD_PPP, 'ppp'], [C.ARPHRD_HDLC, 'hdlc'],
  [C.ARPHRD_LAPB, 'lapb'], [C.ARPHRD_DDCMP, 'ddcmp'], [C.ARPHRD_RAWHDLC, 'rawhdlc'],
  [C.ARPHRD_TUNNEL, 'ipip'], [C.ARPHRD_TUNNEL6, 'tunnel6'], [C.ARPHRD_FRAD, 'frad'],
  [C.ARPHRD_SKIP, 'skip'], [C.ARPHRD_LOOPBACK, 'loopback'], [C.ARPHRD_LOCALTLK, 'ltalk'],
  [C.ARPHRD_FDDI, 'fddi'], [C.ARPHRD_BIF, 'bif'], [C.ARPHRD_SIT, 'sit'], [C.ARPHRD_IPDDP, 'ip/ddp'],
  [C.ARPHRD_IPGRE, 'gre'], [C.ARPHRD_PIMREG, 'pimreg'], [C.ARPHRD_HIPPI, 'hippi'], [C.ARPHRD_ASH, 'ash'],
  [C.ARPHRD_ECONET, 'econet'], [C.ARPHRD_IRDA, 'irda'], [C.ARPHRD_FCPP, 'fcpp'], [C.ARPHRD_FCAL, 'fcal'],
  [C.ARPHRD_FCPL, 'fcpl'],
  ...Array.from({ length: 13 }, (_, i): [number, string] => [C.ARPHRD_FCFABRIC + i, `fcfb${i}`]),
  [C.ARPHRD_IEEE802_TR, 'tr'], [C.ARPHRD_IEEE80211, 'ieee802.11'],
  [C.ARPHRD_IEEE80211_PRISM, 'ieee802.11/prism'], [C.ARPHRD_IEEE80211_RADIOTAP, 'ieee802.11/radiotap'],
  [C.ARPHRD_IEEE802154, 'ieee802.15.4'], [C.ARPHRD_IEEE802154_MONITOR, 'ieee802.15.4/monitor'],
  [C.ARPHRD_PHONET, 'phonet'], [C.ARPHRD_PHONET_PIPE, 'phonet_pipe'], [C.ARPHRD_CAIF, 'caif'],
  [C.ARPHRD_IP6GRE, 'gre6'], [C.ARPHRD_NETLINK, 'netlink'], [C.ARPHRD_6LOWPAN, '6lowpan'],
  [C.ARPHRD_NONE, 'none'], [C.ARPHRD_VOID, 'void'],
]);

/** ARPHRD_* -> iproute2's link/type word ('ether', 'loopback', 'none'); unknown stay numbers. */
export function linkTypeName(type: number): string | number {
  return ARPHRD_NAMES.get(type) ?? type;
}
