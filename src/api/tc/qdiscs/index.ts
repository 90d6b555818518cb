/**
 * The qdisc (and class) kinds the API drives: `kind` -> driver. Adding a kind is one driver file
 * in this folder and one line here; the spec types (QdiscSpec, ClassSpec) are derived from these
 * tables, and a key a driver lacks is an UnknownOptionError before any request.
 */
import type { DriverOptions, QdiscDriver } from './driver.js';
import { fifoDriver } from './fifo.js';
import { fqDriver } from './fq.js';
import { fqCodelDriver } from './fq_codel.js';
import { htbClassDriver, htbDriver } from './htb.js';
import { netemDriver } from './netem.js';
import { prioDriver } from './prio.js';
import { sfqDriver } from './sfq.js';
import { tbfDriver } from './tbf.js';

/** A kind that takes no options and sends no TCA_OPTIONS (ingress, clsact, noqueue). */
const plainDriver: QdiscDriver<Record<never, never>, object> = { options: {}, build: () => undefined };

/** `kind` of `tc.qdisc.add` -> its driver. */
export const QDISC_DRIVERS = {
  pfifo: fifoDriver,
  bfifo: fifoDriver,
  pfifo_head_drop: fifoDriver,
  prio: prioDriver,
  noqueue: plainDriver,
  ingress: plainDriver,
  clsact: plainDriver,
  tbf: tbfDriver,
  htb: htbDriver,
  netem: netemDriver,
  sfq: sfqDriver,
  fq_codel: fqCodelDriver,
  fq: fqDriver,
} as const;

/** `kind` of `tc.klass.add` -> its driver (classful kinds only). */
export const CLASS_DRIVERS = {
  htb: htbClassDriver,
} as const;

/** A qdisc kind rtnl-ts has a driver for. */
export type KnownQdiscKind = keyof typeof QDISC_DRIVERS;
/** A class kind rtnl-ts has a driver for. */
export type KnownClassKind = keyof typeof CLASS_DRIVERS;
/** The options of qdisc kind K. */
export type QdiscKindOptions<K extends KnownQdiscKind> = DriverOptions<(typeof QDISC_DRIVERS)[K]>;
/** The options of class kind K. */
export type ClassKindOptions<K extends KnownClassKind> = DriverOptions<(typeof CLASS_DRIVERS)[K]>;

export * from './driver.js';
export type { FifoOptions } from './fifo.js';
export type { FqOptions } from './fq.js';
export type { FqCodelOptions } from './fq_codel.js';
export type { HtbClassOptions, HtbOptions } from './htb.js';
export type { NetemDistribution, NetemOptions, NetemSlotSpec } from './netem.js';
export type { PrioOptions } from './prio.js';
export type { SfqOptions } from './sfq.js';
export type { LinkLayer, TbfOptions } from './tbf.js';
