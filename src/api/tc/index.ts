/**
 * `ip.tc`: traffic control — qdiscs, classes, filters and actions, each a service over its
 * RTM_* messages, with one driver per kind (qdiscs/, filters/, actions/).
 * @module
 */
import type { ApiContext } from '../context.js';
import { ClassService } from './klass.js';
import { QdiscService } from './qdisc.js';

export class TcService {
  /** Queueing disciplines (tc qdisc). */
  readonly qdisc: QdiscService;
  /** Classes of classful qdiscs (tc class); `class` is a reserved word. */
  readonly klass: ClassService;

  constructor(ctx: ApiContext) {
    this.qdisc = new QdiscService(ctx);
    this.klass = new ClassService(ctx);
  }
}

export * from './qdisc.js';
export * from './klass.js';
export type * from './qdiscs/index.js';
export type { EstimatorSpec, TcAck } from './build.js';
export type { Psched } from './core.js';
export type { Percent, Rate, Size, TcHandle, Time } from './values.js';
export { parsePercent, parseRate, parseRate64, parseSize, parseTime, parseTime64 } from './units.js';
export { readDistribution } from './dist.js';
