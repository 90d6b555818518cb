/**
 * Filter "matchall" (net/sched/cls_matchall.c): every packet matches; TCA_OPTIONS nests
 * TCA_MATCHALL_*, a class to go to and the actions to run.
 */
import { structCodec, u32, type RawAttr } from '../../../netlink/index.js';
import type { TcAction } from '../action.js';
import type { FilterKindCodec } from '../kind.js';
import { withActions } from './common.js';

export const TCA_MATCHALL_CLASSID = 1;
export const TCA_MATCHALL_ACT = 2;
export const TCA_MATCHALL_FLAGS = 3;
export const TCA_MATCHALL_PCNT = 4;
export const TCA_MATCHALL_PAD = 5;

/** TCA_OPTIONS of matchall. */
export interface MatchallOptions {
  /** TCA_MATCHALL_CLASSID: the class (flowid) packets go to. */
  classid?: number;
  /** TCA_MATCHALL_ACT: the actions. */
  actions?: TcAction[];
  /** TCA_MATCHALL_FLAGS: TCA_CLS_FLAGS_*. */
  flags?: number;
  /** TCA_MATCHALL_PCNT: struct tc_matchall_pcnt, packets that hit. */
  pcnt?: { rhit: bigint };
  unknown?: RawAttr[];
}

export const matchallKind: FilterKindCodec<MatchallOptions> = {
  options: withActions<MatchallOptions>('TCA_MATCHALL', TCA_MATCHALL_ACT, [
    { id: TCA_MATCHALL_CLASSID, name: 'classid', codec: u32 },
    { id: TCA_MATCHALL_FLAGS, name: 'flags', codec: u32 },
    { id: TCA_MATCHALL_PCNT, name: 'pcnt', codec: structCodec<{ rhit: bigint }>([['rhit', 'u64']]) },
  ]),
};
