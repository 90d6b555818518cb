/** Kind prio (tc/q_prio.c): bands, the priomap, multiqueue. tc always sends the whole struct. */
import { TC_PRIO_COUNT, type PrioQopt } from '../../../rtnl/tc/index.js';
import { checkBit, checkInt, checkUint } from '../../check.js';
import { InvalidArgumentError } from '../../errors.js';
import type { QdiscDriver } from './driver.js';

/** prio / pfifo_fast: the number of bands and the priority map. */
export interface PrioOptions {
  /** Number of bands (default 3). */
  bands?: number;
  /** The band of logical priorities 0, 1, ...: up to 16 entries, each below `bands`; the rest keep tc's default map. */
  priomap?: readonly number[];
  /** Multiqueue mode (TCA_PRIO_MQ). */
  multiqueue?: boolean;
}

/** tc's default: 3 bands, the map of pfifo_fast. */
export const DEFAULT_PRIOMAP: readonly number[] = [1, 2, 2, 2, 1, 2, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1];

export const prioDriver: QdiscDriver<PrioOptions, PrioQopt> = {
  options: { bands: true, priomap: true, multiqueue: true },
  build(o) {
    const bands = o.bands === undefined ? 3 : checkInt(o.bands, 'bands', -0x80000000, 0x7fffffff);
    const priomap = [...DEFAULT_PRIOMAP];
    if (o.priomap !== undefined) {
      if (!Array.isArray(o.priomap)) throw new InvalidArgumentError('priomap must be an array of bands', 'priomap');
      if (o.priomap.length > TC_PRIO_COUNT) throw new InvalidArgumentError(`"priomap" index > TC_PRIO_MAX=${TC_PRIO_COUNT - 1}`, 'priomap');
      o.priomap.forEach((band, i) => {
        const b = checkUint(band, 'priomap element');
        if (b >= bands) throw new InvalidArgumentError('"priomap" element is out of bands', 'priomap');
        priomap[i] = b;
      });
    }
    return { bands, priomap, attrs: o.multiqueue !== undefined && checkBit(o.multiqueue, 'multiqueue') ? { mq: true } : {} };
  },
};
