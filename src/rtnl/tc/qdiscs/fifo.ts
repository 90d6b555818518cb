/**
 * Kinds "pfifo", "bfifo" and "pfifo_head_drop" (net/sched/sch_fifo.c): TCA_OPTIONS is one struct
 * tc_fifo_qopt, the queue's limit in packets (pfifo) or bytes (bfifo).
 */
import { fixedStruct } from '../../../netlink/index.js';
import { structOptions, type QdiscKindCodec } from '../kind.js';

/** struct tc_fifo_qopt. */
export interface FifoQopt {
  /** Queue length: packets for pfifo, bytes for bfifo. */
  limit: number;
}

export const fifoQopt = fixedStruct<FifoQopt>([['limit', 'u32']]);

/** The codec of the fifo kinds. */
export const fifoKind: QdiscKindCodec<FifoQopt> = { options: structOptions('tc_fifo_qopt', fifoQopt) };
