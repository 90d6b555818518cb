/** Action skbedit (tc/m_skbedit.c): set the packet's priority, mark (under a mask), queue or type. */
import { SKBEDIT_F_INHERITDSFIELD, TC_ACT_PIPE, type SkbeditOptions as SkbeditData } from '../../../rtnl/tc/index.js';
import { checkUint, checkWord } from '../../check.js';
import { InvalidArgumentError } from '../../errors.js';
import { classidValue, type TcHandle } from '../values.js';
import { controlValue, tcGen, type ActionControl, type ActionDriver } from './driver.js';

/** PACKET_* of <linux/if_packet.h>. */
const PTYPES = { host: 0, broadcast: 1, multicast: 2, otherhost: 3 } as const;

/** The skbedit action: set a packet's priority, mark or queue. */
export interface SkbeditOptions {
  /** The tx queue (0-65535). */
  queueMapping: number;
  /** skb->priority, a class id ('1:10'). */
  priority: TcHandle;
  /** skb->mark. */
  mark: number;
  /** The bits of the mark to set (default all). */
  mask: number;
  ptype: keyof typeof PTYPES;
  /** Map the DS field to skb->priority. */
  inheritDsfield: boolean;
  /** The verdict (default pipe). */
  control: ActionControl;
}

export const skbeditDriver: ActionDriver<SkbeditOptions, SkbeditData> = {
  options: { queueMapping: true, priority: true, mark: true, mask: true, ptype: true, inheritDsfield: true, control: true },
  build(o, index) {
    const data: SkbeditData = { parms: tcGen(index, o.control === undefined ? TC_ACT_PIPE : controlValue(o.control)) };
    if (o.queueMapping !== undefined) data.queueMapping = checkUint(o.queueMapping, 'queueMapping', 0xffff);
    if (o.priority !== undefined) data.priority = classidValue(o.priority, 'priority');
    if (o.mark !== undefined) data.mark = checkUint(o.mark, 'mark');
    if (o.mask !== undefined) {
      if (o.mark === undefined) throw new InvalidArgumentError('skbedit: a mask needs a mark', 'mask');
      data.mask = checkUint(o.mask, 'mask');
    }
    if (o.ptype !== undefined) data.ptype = PTYPES[checkWord(o.ptype, 'ptype', Object.keys(PTYPES) as (keyof typeof PTYPES)[])];
    if (o.inheritDsfield) data.flags = BigInt(SKBEDIT_F_INHERITDSFIELD);
    return data;
  },
};
