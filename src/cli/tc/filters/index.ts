/** The filter kinds' CLI plugs: TCA_KIND -> printer. One line per kind. */
import type { KnownFilterOptions } from '../../../rtnl/tc/index.js';
import { bpfPlug } from './bpf.js';
import { flowerPlug } from './flower.js';
import { matchallPlug } from './matchall.js';
import type { FilterPlug } from './plug.js';
import { u32Plug } from './u32.js';

/** TCA_KIND of a filter -> its CLI plug. */
export const FILTER_PLUGS: { readonly [K in keyof KnownFilterOptions]: FilterPlug<K> } = {
  matchall: matchallPlug,
  u32: u32Plug,
  flower: flowerPlug,
  bpf: bpfPlug,
};

export type { FilterPlug, FilterPrintEnv } from './plug.js';
export { formatU32Handle } from './u32.js';
