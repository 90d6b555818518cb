/**
 * Kinds "macvlan" and "macvtap" (drivers/net/macvlan.c, macvlan_fill_info): both use the
 * IFLA_MACVLAN_* attributes of IFLA_INFO_DATA. The mode is the kernel's enum macvlan_mode
 * number; macvlanModeName / macvlanModeValue translate iproute2's words.
 */
import { AttrTable, nested, s32, u16, u32, type RawAttr } from '../../netlink/index.js';
import { lladdr } from '../common.js';
import * as C from './constants.js';
import { tableKind, type KindCodec } from './kind.js';

/** IFLA_MACVLAN_MACADDR_DATA: the source-mode MAC list, one IFLA_MACVLAN_MACADDR each. */
export interface MacvlanMacaddrData {
  macaddr?: string[];
  unknown?: RawAttr[];
}

const macaddrDataTable = new AttrTable<MacvlanMacaddrData>('IFLA_MACVLAN_MACADDR_DATA', [
  { id: C.IFLA_MACVLAN_MACADDR, name: 'macaddr', codec: lladdr, multi: true },
]);

/** IFLA_INFO_DATA of a macvlan or macvtap: one field per IFLA_MACVLAN_* attribute. */
export interface MacvlanInfo {
  /** enum macvlan_mode (MACVLAN_MODE_*): see macvlanModeName. */
  mode?: number;
  /** MACVLAN_FLAG_* bits (nopromisc, nodst). */
  flags?: number;
  /** enum macvlan_macaddr_mode (MACVLAN_MACADDR_*), request only. */
  macaddrMode?: number;
  /** One source MAC to add or delete (request only). */
  macaddr?: string;
  macaddrData?: MacvlanMacaddrData;
  macaddrCount?: number;
  bcQueueLen?: number;
  bcQueueLenUsed?: number;
  bcCutoff?: number;
  unknown?: RawAttr[];
}

/** The IFLA_MACVLAN_* attribute table. */
export const macvlanTable = new AttrTable<MacvlanInfo>('IFLA_MACVLAN', [
  { id: C.IFLA_MACVLAN_MODE, name: 'mode', codec: u32 },
  { id: C.IFLA_MACVLAN_FLAGS, name: 'flags', codec: u16 },
  { id: C.IFLA_MACVLAN_MACADDR_MODE, name: 'macaddrMode', codec: u32 },
  { id: C.IFLA_MACVLAN_MACADDR, name: 'macaddr', codec: lladdr },
  { id: C.IFLA_MACVLAN_MACADDR_DATA, name: 'macaddrData', codec: nested(macaddrDataTable) },
  { id: C.IFLA_MACVLAN_MACADDR_COUNT, name: 'macaddrCount', codec: u32 },
  { id: C.IFLA_MACVLAN_BC_QUEUE_LEN, name: 'bcQueueLen', codec: u32 },
  { id: C.IFLA_MACVLAN_BC_QUEUE_LEN_USED, name: 'bcQueueLenUsed', codec: u32 },
  { id: C.IFLA_MACVLAN_BC_CUTOFF, name: 'bcCutoff', codec: s32 },
]);

/** The codec of macvlan's and macvtap's IFLA_INFO_DATA. */
export const macvlanKind: KindCodec<MacvlanInfo> = tableKind(macvlanTable);

const MODES: readonly [number, string][] = [
  [C.MACVLAN_MODE_PRIVATE, 'private'],
  [C.MACVLAN_MODE_VEPA, 'vepa'],
  [C.MACVLAN_MODE_BRIDGE, 'bridge'],
  [C.MACVLAN_MODE_PASSTHRU, 'passthru'],
  [C.MACVLAN_MODE_SOURCE, 'source'],
];

/** iproute2's word for a macvlan mode ('bridge'); unknown values stay numbers. */
export function macvlanModeName(mode: number): string | number {
  return MODES.find(([v]) => v === mode)?.[1] ?? mode;
}

/** The MACVLAN_MODE_* value of iproute2's word, or undefined. */
export function macvlanModeValue(name: string): number | undefined {
  return MODES.find(([, n]) => n === name)?.[0];
}

/** iproute2's words for MACVLAN_FLAG_* bits; unknown bits are returned as one number. */
export function macvlanFlagNames(flags: number): (string | number)[] {
  const out: (string | number)[] = [];
  if (flags & C.MACVLAN_FLAG_NOPROMISC) out.push('nopromisc');
  if (flags & C.MACVLAN_FLAG_NODST) out.push('nodst');
  const rest = flags & ~(C.MACVLAN_FLAG_NOPROMISC | C.MACVLAN_FLAG_NODST);
  if (rest) out.push(rest);
  return out;
}
