/**
 * Action "skbedit" (net/sched/act_skbedit.c): set a packet's priority, queue, mark or type.
 * TCA_ACT_OPTIONS nests TCA_SKBEDIT_*: struct tc_skbedit (tc_gen) and one attribute per field.
 */
import { AttrTable, fixedStruct, u16, u32, u64, type RawAttr } from '../../../netlink/index.js';
import { tcfT, type TcfT } from '../common.js';
import { fixedAttr, tableOptions, type ActionKindCodec } from '../kind.js';
import { TC_GEN_FIELDS, type TcGen } from './gen.js';

export const TCA_SKBEDIT_TM = 1;
export const TCA_SKBEDIT_PARMS = 2;
export const TCA_SKBEDIT_PRIORITY = 3;
export const TCA_SKBEDIT_QUEUE_MAPPING = 4;
export const TCA_SKBEDIT_MARK = 5;
export const TCA_SKBEDIT_PAD = 6;
export const TCA_SKBEDIT_PTYPE = 7;
export const TCA_SKBEDIT_MASK = 8;
export const TCA_SKBEDIT_FLAGS = 9;
export const TCA_SKBEDIT_QUEUE_MAPPING_MAX = 10;

/** TCA_SKBEDIT_FLAGS bits. */
export const SKBEDIT_F_INHERITDSFIELD = 0x20;
export const SKBEDIT_F_TXQ_SKBHASH = 0x40;

export const tcSkbedit = fixedStruct<TcGen>(TC_GEN_FIELDS);

/** TCA_ACT_OPTIONS of skbedit. */
export interface SkbeditOptions {
  tm?: TcfT;
  parms?: TcGen;
  /** TCA_SKBEDIT_PRIORITY: skb->priority, a class id (`maj:min`). */
  priority?: number;
  /** TCA_SKBEDIT_QUEUE_MAPPING: the tx queue. */
  queueMapping?: number;
  /** TCA_SKBEDIT_MARK: skb->mark (under `mask`). */
  mark?: number;
  /** TCA_SKBEDIT_PTYPE: the packet type (PACKET_HOST, ...). */
  ptype?: number;
  /** TCA_SKBEDIT_MASK: the bits of the mark to set. */
  mask?: number;
  /** TCA_SKBEDIT_FLAGS: SKBEDIT_F_INHERITDSFIELD, SKBEDIT_F_TXQ_SKBHASH. */
  flags?: bigint;
  /** TCA_SKBEDIT_QUEUE_MAPPING_MAX: the last queue of a hashed range. */
  queueMappingMax?: number;
  unknown?: RawAttr[];
}

export const skbeditTable = new AttrTable<SkbeditOptions>('TCA_SKBEDIT', [
  { id: TCA_SKBEDIT_TM, name: 'tm', codec: tcfT },
  { id: TCA_SKBEDIT_PARMS, name: 'parms', codec: fixedAttr(tcSkbedit) },
  { id: TCA_SKBEDIT_PRIORITY, name: 'priority', codec: u32 },
  { id: TCA_SKBEDIT_QUEUE_MAPPING, name: 'queueMapping', codec: u16 },
  { id: TCA_SKBEDIT_MARK, name: 'mark', codec: u32 },
  { id: TCA_SKBEDIT_PTYPE, name: 'ptype', codec: u16 },
  { id: TCA_SKBEDIT_MASK, name: 'mask', codec: u32 },
  { id: TCA_SKBEDIT_FLAGS, name: 'flags', codec: u64 },
  { id: TCA_SKBEDIT_QUEUE_MAPPING_MAX, name: 'queueMappingMax', codec: u16 },
]);

export const skbeditKind: ActionKindCodec<SkbeditOptions> = { options: tableOptions(skbeditTable) };
