/** Kinds pfifo, bfifo, pfifo_head_drop (tc/q_fifo.c): an optional limit. */
import type { FifoQopt } from '../../../rtnl/tc/index.js';
import { sizeValue, type Size } from '../values.js';
import type { QdiscDriver } from './driver.js';

/** pfifo / bfifo: the queue's limit (packets or bytes). */
export interface FifoOptions {
  /** Queue length: packets (pfifo, pfifo_head_drop) or bytes (bfifo). tc reads it as a size. */
  limit?: Size;
}

export const fifoDriver: QdiscDriver<FifoOptions, FifoQopt> = {
  options: { limit: true },
  build(o) {
    return o.limit === undefined ? undefined : { limit: sizeValue(o.limit, 'limit') };
  },
};
