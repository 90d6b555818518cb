/**
 * Kinds "macvlan" and "macvtap" (drivers/net/macvlan.c, macvlan_fill_info): both use the
 * IFLA_MACVLAN_* attributes of IFLA_INFO_DATA. The mode is the kernel's enum macvlan_mode
 * number; macvlanModeName / macvlanModeValue translate iproute2's words.
 */
import { AttrTable, nested, s32, u16, u32, type RawAttr } from '../../../netlink/index.js';
import { lladdr } from '../../common.js';
import { tableKind, type KindCodec } from '../kind.js';

// MACVLAN_FLAG_*: bits of IFLA_MACVLAN_FLAGS.
export const MACVLAN_FLAG_NOPROMISC = 1;
export const MACVLAN_FLAG_NODST = 2;

// IFLA_MACVLAN_*: children of IFLA_INFO_DATA for kinds "macvlan" and "macvtap"
export const IFLA_MACVLAN_MODE = 1;
export const IFLA_MACVLAN_FLAGS = 2;
export const IFLA_MACVLAN_MACADDR_MODE = 3;
export const IFLA_MACVLAN_MACADDR = 4;
export const IFLA_MACVLAN_MACADDR_DATA = 5;
export const IFLA_MACVLAN_MACADDR_COUNT = 6;
export const IFLA_MACVLAN_BC_QUEUE_LEN = 7;
export const IFLA_MACVLAN_BC_QUEUE_LEN_USED = 8;
export const IFLA_MACVLAN_BC_CUTOFF = 9;

// enum macvlan_mode: values of IFLA_MACVLAN_MODE
export const MACVLAN_MODE_PRIVATE = 1;
export const MACVLAN_MODE_VEPA = 2;
export const MACVLAN_MODE_BRIDGE = 4;
export const MACVLAN_MODE_PASSTHRU = 8;
export const MACVLAN_MODE_SOURCE = 16;

// enum macvlan_macaddr_mode: values of IFLA_MACVLAN_MACADDR_MODE
export const MACVLAN_MACADDR_ADD = 0;
export const MACVLAN_MACADDR_DEL = 1;
export const MACVLAN_MACADDR_FLUSH = 2;
export const MACVLAN_MACADDR_SET = 3;

/** IFLA_MACVLAN_MACADDR_DATA: the source-mode MAC list, one IFLA_MACVLAN_MACADDR each. */
export interface MacvlanMacaddrData {
  macaddr?: string[];
  unknown?: RawAttr[];
}

const macaddrDataTable = new AttrTable<MacvlanMacaddrData>('IFLA_MACVLAN_MACADDR_DATA', [
  { id: IFLA_MACVLAN_MACADDR, name: 'macaddr', codec: lladdr, multi: true },
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
  { id: IFLA_MACVLAN_MODE, name: 'mode', codec: u32 },
  { id: IFLA_MACVLAN_FLAGS, name: 'flags', codec: u16 },
  { id: IFLA_MACVLAN_MACADDR_MODE, name: 'macaddrMode', codec: u32 },
  { id: IFLA_MACVLAN_MACADDR, name: 'macaddr', codec: lladdr },
  { id: IFLA_MACVLAN_MACADDR_DATA, name: 'macaddrData', codec: nested(macaddrDataTable) },
  { id: IFLA_MACVLAN_MACADDR_COUNT, name: 'macaddrCount', codec: u32 },
  { id: IFLA_MACVLAN_BC_QUEUE_LEN, name: 'bcQueueLen', codec: u32 },
  { id: IFLA_MACVLAN_BC_QUEUE_LEN_USED, name: 'bcQueueLenUsed', codec: u32 },
  { id: IFLA_MACVLAN_BC_CUTOFF, name: 'bcCutoff', codec: s32 },
]);

/** The codec of macvlan's and macvtap's IFLA_INFO_DATA. */
export const macvlanKind: KindCodec<MacvlanInfo> = tableKind(macvlanTable);

const MODES: readonly [number, string][] = [
  [MACVLAN_MODE_PRIVATE, 'private'],
  [MACVLAN_MODE_VEPA, 'vepa'],
  [MACVLAN_MODE_BRIDGE, 'bridge'],
  [MACVLAN_MODE_PASSTHRU, 'passthru'],
  [MACVLAN_MODE_SOURCE, 'source'],
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
  if (flags & MACVLAN_FLAG_NOPROMISC) out.push('nopromisc');
  if (flags & MACVLAN_FLAG_NODST) out.push('nodst');
  const rest = flags & ~(MACVLAN_FLAG_NOPROMISC | MACVLAN_FLAG_NODST);
  if (rest) out.push(rest);
  return out;
}
