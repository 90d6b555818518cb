/**
 * Kinds "ipvlan" and "ipvtap" (drivers/net/ipvlan/ipvlan_main.c, ipvlan_nl_fillinfo): both use
 * the IFLA_IPVLAN_* attributes of IFLA_INFO_DATA. The lower device is IFLA_LINK of the link.
 */
import { AttrTable, u16, type RawAttr } from '../../../netlink/index.js';
import { tableKind, type KindCodec } from '../kind.js';

// IFLA_IPVLAN_*: children of IFLA_INFO_DATA for kinds "ipvlan" and "ipvtap"
export const IFLA_IPVLAN_MODE = 1;
export const IFLA_IPVLAN_FLAGS = 2;

// enum ipvlan_mode: values of IFLA_IPVLAN_MODE
export const IPVLAN_MODE_L2 = 0;
export const IPVLAN_MODE_L3 = 1;
export const IPVLAN_MODE_L3S = 2;

// IPVLAN_F_*: bits of IFLA_IPVLAN_FLAGS (neither bit: bridge)
export const IPVLAN_F_PRIVATE = 0x01;
export const IPVLAN_F_VEPA = 0x02;

/** IFLA_INFO_DATA of an ipvlan or ipvtap: one field per IFLA_IPVLAN_* attribute. */
export interface IpvlanInfo {
  /** enum ipvlan_mode (IPVLAN_MODE_*): see ipvlanModeName. */
  mode?: number;
  /** IPVLAN_F_* bits. */
  flags?: number;
  unknown?: RawAttr[];
}

/** The IFLA_IPVLAN_* attribute table. */
export const ipvlanTable = new AttrTable<IpvlanInfo>('IFLA_IPVLAN', [
  { id: IFLA_IPVLAN_MODE, name: 'mode', codec: u16 },
  { id: IFLA_IPVLAN_FLAGS, name: 'flags', codec: u16 },
]);

/** The codec of ipvlan's and ipvtap's IFLA_INFO_DATA. */
export const ipvlanKind: KindCodec<IpvlanInfo> = tableKind(ipvlanTable);

const MODES = ['l2', 'l3', 'l3s'] as const;

/** iproute2's word for an ipvlan mode ('l3'); unknown values stay numbers. */
export function ipvlanModeName(mode: number): string | number {
  return MODES[mode] ?? mode;
}

/** The IPVLAN_MODE_* value of iproute2's word, or undefined. */
export function ipvlanModeValue(name: string): number | undefined {
  const i = (MODES as readonly string[]).indexOf(name);
  return i < 0 ? undefined : i;
}
