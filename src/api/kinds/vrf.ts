/**
 * Kind "vrf" (iproute2's iplink_vrf.c): a virtual routing and forwarding domain bound to one
 * routing table; devices join it with `master`. Its ports (`vrf_slave`) have no options.
 */
import type { VrfInfo, VrfPortInfo } from '../../rtnl/link/index.js';
import { tables } from '../../rtnl/route/index.js';
import { InvalidArgumentError } from '../errors.js';
import { required, type KindDriver, type SlaveKindDriver } from './driver.js';

export interface VrfOptions {
  /** The routing table: a number or an rt_tables name ('main', 'local', 'default'). Required. */
  table: number | string;
}

export const vrfDriver: KindDriver<VrfOptions, VrfInfo> = {
  options: { table: true },
  build(o, b) {
    const table = required(o, 'table', b, 'a table');
    if (table === undefined) return undefined;
    const n = typeof table === 'number' || typeof table === 'string' ? tables.number(table) : undefined;
    if (n === undefined) throw new InvalidArgumentError(`invalid vrf table "${String(table)}": expected a table number or name`, 'table');
    return { table: n };
  },
};

/** A VRF port: `link set dev X type vrf_slave` names the kind and carries no data. */
export const vrfPortDriver: SlaveKindDriver<Record<never, never>, VrfPortInfo> = { options: {}, build: () => undefined };
