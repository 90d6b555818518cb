/**
 * `ip.tc`: traffic control — qdiscs, classes, filters and actions, each a service over its
 * RTM_* messages, with one driver per kind (qdiscs/, filters/, actions/).
 * @module
 */
import type { ApiContext } from '../context.js';
import { ActionService } from './action.js';
import { ClassService } from './klass.js';
import { FilterService } from './filter.js';
import { QdiscService } from './qdisc.js';

/** `ip.tc`: traffic control — qdiscs, classes, filters and actions. */
export class TcService {
  /** Queueing disciplines (tc qdisc). */
  readonly qdisc: QdiscService;
  /** Classes of classful qdiscs (tc class); `class` is a reserved word. */
  readonly klass: ClassService;
  /** Standalone actions (tc actions). */
  readonly action: ActionService;
  /** Classifiers and their actions (tc filter). */
  readonly filter: FilterService;

  constructor(ctx: ApiContext) {
    this.qdisc = new QdiscService(ctx);
    this.klass = new ClassService(ctx);
    this.action = new ActionService(ctx);
    this.filter = new FilterService(ctx);
  }
}

export * from './qdisc.js';
export * from './klass.js';
export * from './action.js';
export type * from './actions/index.js';
export { actionsValue, controlValue } from './actions/index.js';
export * from './filter.js';
export type { U32FilterOptions, U32Match } from './filters/u32.js';
export type { FlowerFilterOptions } from './filters/flower.js';
export type { BpfFilterOptions } from './filters/bpf.js';
export type * from './qdiscs/index.js';
export type { EstimatorSpec, TcAck } from './build.js';
export type { Psched } from './core.js';
export type { Percent, Rate, Size, TcHandle, Time } from './values.js';
export { parsePercent, parseRate, parseRate64, parseSize, parseTime, parseTime64 } from './units.js';
export { readDistribution } from './dist.js';
