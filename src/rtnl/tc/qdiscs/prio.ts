/**
 * Kinds "prio" (net/sched/sch_prio.c) and "pfifo_fast" (net/sched/sch_generic.c): TCA_OPTIONS is
 * one struct tc_prio_qopt, the number of bands and the map of the 16 logical priorities to bands.
 * tc follows it with a nest of attributes (a "compat" nest: one more TCA_OPTIONS header, holding
 * TCA_PRIO_MQ for `multiqueue`; the kernel ignores it and never sends one): kept as `attrs`.
 *
 *   struct tc_prio_qopt (20 bytes)
 *   0                4                                               20
 *   +----------------+-----------------------------------------------+
 *   | bands (s32)    | priomap[16] (u8 each)                         |
 *   +----------------+-----------------------------------------------+
 */
import { AttrTable, DecodeError, exact, flag, type RawAttr } from '../../../netlink/index.js';
import { TCA_OPTIONS } from '../constants.js';
import type { QdiscKindCodec, TcOptionsCodec } from '../kind.js';

/** TCA_PRIO_*: attributes after struct tc_prio_qopt. */
export const TCA_PRIO_MQ = 1;
/** The number of logical priorities (TC_PRIO_MAX + 1). */
export const TC_PRIO_COUNT = 16;
/** The most bands prio takes. */
export const TCQ_PRIO_BANDS = 16;
/** The fewest bands prio takes. */
export const TCQ_MIN_PRIO_BANDS = 2;

/** The attributes of the nest after struct tc_prio_qopt. */
export interface PrioAttrs {
  /** TCA_PRIO_MQ (tc's `multiqueue`), an empty attribute. */
  mq?: true;
  unknown?: RawAttr[];
}

/** struct tc_prio_qopt, and the nest tc puts after it. */
export interface PrioQopt {
  bands: number;
  /** priomap[16]: the band of each logical priority 0-15. */
  priomap: number[];
  /** The compat nest after the struct, when there is one (tc always sends one, maybe empty). */
  attrs?: PrioAttrs;
}

const PRIOQOPT_LEN = 20;
const prioAttrs = new AttrTable<PrioAttrs>('TCA_PRIO', [{ id: TCA_PRIO_MQ, name: 'mq', codec: flag }]);

const prioOptions: TcOptionsCodec<PrioQopt> = {
  decode(data, _ctx, name) {
    if (data.length < PRIOQOPT_LEN) exact(data.length, PRIOQOPT_LEN, `${name} (tc_prio_qopt)`);
    const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const out: PrioQopt = { bands: dv.getInt32(0, true), priomap: Array.from(data.subarray(4, 20)) };
    if (data.length >= PRIOQOPT_LEN + 4) {
      const len = data[PRIOQOPT_LEN]! | (data[PRIOQOPT_LEN + 1]! << 8);
      if (len < 4 || PRIOQOPT_LEN + len > data.length) throw new DecodeError(`${name}: bad compat nest length ${len}`);
      out.attrs = prioAttrs.decode(data, PRIOQOPT_LEN + 4, PRIOQOPT_LEN + len);
    }
    return out;
  },
  encode(w, v) {
    const at = w.skip(PRIOQOPT_LEN);
    w.dv.setInt32(at, v.bands, true);
    for (let i = 0; i < TC_PRIO_COUNT; i++) w.dv.setUint8(at + 4 + i, v.priomap[i] ?? 0);
    if (v.attrs) w.nested(TCA_OPTIONS, () => prioAttrs.encode(w, v.attrs!));
  },
};

/** The codec of prio and pfifo_fast. */
export const prioKind: QdiscKindCodec<PrioQopt> = { options: prioOptions };
