/**
 * Action "gact" (net/sched/act_gact.c, generic actions: pass, drop, ok, ...): TCA_ACT_OPTIONS
 * nests TCA_GACT_*; the verdict is struct tc_gact (tc_gen), a random or deterministic second
 * verdict struct tc_gact_p.
 */
import { AttrTable, fixedStruct, type RawAttr } from '../../../netlink/index.js';
import { tcfT, type TcfT } from '../common.js';
import { fixedAttr, tableOptions, type ActionKindCodec } from '../kind.js';
import { TC_GEN_FIELDS, type TcGen } from './gen.js';

export const TCA_GACT_TM = 1;
export const TCA_GACT_PARMS = 2;
export const TCA_GACT_PROB = 3;
export const TCA_GACT_PAD = 4;

/** tc_gact_p's ptype. */
export const PGACT_NONE = 0;
export const PGACT_NETRAND = 1;
export const PGACT_DETERM = 2;

/** struct tc_gact_p: a second verdict taken at random (1 in pval/10000) or every pval-th packet. */
export interface TcGactP {
  ptype: number;
  pval: number;
  paction: number;
}

export const tcGact = fixedStruct<TcGen>(TC_GEN_FIELDS);
export const tcGactP = fixedStruct<TcGactP>([['ptype', 'u16'], ['pval', 'u16'], ['paction', 's32']]);

/** TCA_ACT_OPTIONS of gact. */
export interface GactOptions {
  /** TCA_GACT_TM: the action's ages (kernel to user). */
  tm?: TcfT;
  /** TCA_GACT_PARMS: struct tc_gact. */
  parms?: TcGen;
  /** TCA_GACT_PROB. */
  prob?: TcGactP;
  unknown?: RawAttr[];
}

export const gactTable = new AttrTable<GactOptions>('TCA_GACT', [
  { id: TCA_GACT_TM, name: 'tm', codec: tcfT },
  { id: TCA_GACT_PARMS, name: 'parms', codec: fixedAttr(tcGact) },
  { id: TCA_GACT_PROB, name: 'prob', codec: fixedAttr(tcGactP) },
]);

export const gactKind: ActionKindCodec<GactOptions> = { options: tableOptions(gactTable) };
