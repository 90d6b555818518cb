/**
 * Action "mirred" (net/sched/act_mirred.c): redirect or mirror a packet to a device's egress or
 * ingress. TCA_ACT_OPTIONS nests TCA_MIRRED_*; the parameters are struct tc_mirred.
 *
 *   struct tc_mirred (28 bytes)
 *   0                      20        24        28
 *   +----------------------+---------+---------+
 *   | tc_gen               | eaction | ifindex |
 *   +----------------------+---------+---------+
 */
import { AttrTable, fixedStruct, type RawAttr } from '../../../netlink/index.js';
import { tcfT, type TcfT } from '../common.js';
import { fixedAttr, tableOptions, type ActionKindCodec } from '../kind.js';
import { TC_GEN_FIELDS, type TcGen } from './gen.js';

export const TCA_MIRRED_TM = 1;
export const TCA_MIRRED_PARMS = 2;
export const TCA_MIRRED_PAD = 3;

/** tc_mirred's eaction. */
export const TCA_EGRESS_REDIR = 1;
export const TCA_EGRESS_MIRROR = 2;
export const TCA_INGRESS_REDIR = 3;
export const TCA_INGRESS_MIRROR = 4;

/** struct tc_mirred. */
export interface TcMirred extends TcGen {
  /** TCA_{EGRESS,INGRESS}_{REDIR,MIRROR}. */
  eaction: number;
  /** The device packets go to. */
  ifindex: number;
}

export const tcMirred = fixedStruct<TcMirred>([...TC_GEN_FIELDS, ['eaction', 's32'], ['ifindex', 'u32']]);

/** TCA_ACT_OPTIONS of mirred. */
export interface MirredOptions {
  tm?: TcfT;
  parms?: TcMirred;
  unknown?: RawAttr[];
}

export const mirredTable = new AttrTable<MirredOptions>('TCA_MIRRED', [
  { id: TCA_MIRRED_TM, name: 'tm', codec: tcfT },
  { id: TCA_MIRRED_PARMS, name: 'parms', codec: fixedAttr(tcMirred) },
]);

export const mirredKind: ActionKindCodec<MirredOptions> = { options: tableOptions(mirredTable) };
