/**
 * A bond port's options (`ip link set dev X type bond_slave ...`, iproute2's
 * iplink_bond_slave.c): IFLA_INFO_SLAVE_DATA with IFLA_BOND_SLAVE_* for slave kind "bond", sent
 * only as a change of an enslaved device.
 */
import type { BondPortInfo } from '../../rtnl/link/index.js';
import { checkInt, checkUint } from '../check.js';
import type { SlaveKindDriver } from './driver.js';

export interface BondPortOptions {
  /** The transmit queue this port is mapped to (IFLA_BOND_SLAVE_QUEUE_ID). */
  queueId?: number;
  /** The port's priority for active-backup reselection (IFLA_BOND_SLAVE_PRIO, signed). */
  prio?: number;
}

export const bondPortDriver: SlaveKindDriver<BondPortOptions, BondPortInfo> = {
  options: { queueId: true, prio: true },
  build(o) {
    const data: BondPortInfo = {};
    for (const key of Object.keys(o) as (keyof BondPortOptions)[]) {
      if (key === 'queueId' && o.queueId !== undefined) data.queueId = checkUint(o.queueId, 'queue_id', 0xffff);
      else if (key === 'prio' && o.prio !== undefined) data.prio = checkInt(o.prio, 'prio', -0x80000000, 0x7fffffff);
    }
    return Object.keys(data).length ? data : undefined;
  },
};
