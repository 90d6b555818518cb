/**
 * The built-in qdisc kinds: TCA_KIND -> the codec of its TCA_OPTIONS (for the qdisc and its
 * classes) and xstats. Adding a kind is one file in this folder and one line here; the typed
 * options of each kind (KnownQdiscOptions) are derived from this table.
 */
import type { QdiscKindCodec } from '../kind.js';
import { fifoKind } from './fifo.js';
import { fqKind } from './fq.js';
import { fqCodelKind } from './fq_codel.js';
import { htbKind } from './htb.js';
import { netemKind } from './netem.js';
import { plainKind } from './plain.js';
import { prioKind } from './prio.js';
import { sfqKind } from './sfq.js';
import { tbfKind } from './tbf.js';

/** TCA_KIND of a qdisc -> its codec. */
export const QDISC_KINDS = {
  pfifo: fifoKind,
  bfifo: fifoKind,
  pfifo_head_drop: fifoKind,
  pfifo_fast: prioKind,
  prio: prioKind,
  noqueue: plainKind,
  ingress: plainKind,
  clsact: plainKind,
  tbf: tbfKind,
  htb: htbKind,
  netem: netemKind,
  sfq: sfqKind,
  fq_codel: fqCodelKind,
  fq: fqKind,
} as const satisfies Record<string, QdiscKindCodec<any, any, any, any>>;

type OptionsOf<C> = C extends QdiscKindCodec<infer O, any, any, any> ? O : never;
type XstatsOf<C> = C extends QdiscKindCodec<any, infer X, any, any> ? X : never;
type ClassOptionsOf<C> = C extends QdiscKindCodec<any, any, infer O, any> ? O : never;
type ClassXstatsOf<C> = C extends QdiscKindCodec<any, any, any, infer X> ? X : never;

/** The typed TCA_OPTIONS of each built-in qdisc kind. */
export type KnownQdiscOptions = { -readonly [K in keyof typeof QDISC_KINDS]: OptionsOf<(typeof QDISC_KINDS)[K]> };
/** The typed xstats of each built-in qdisc kind. */
export type KnownQdiscXstats = { -readonly [K in keyof typeof QDISC_KINDS]: XstatsOf<(typeof QDISC_KINDS)[K]> };
/** The typed TCA_OPTIONS of the classes of each built-in qdisc kind. */
export type KnownClassOptions = { -readonly [K in keyof typeof QDISC_KINDS]: ClassOptionsOf<(typeof QDISC_KINDS)[K]> };
/** The typed xstats of the classes of each built-in qdisc kind. */
export type KnownClassXstats = { -readonly [K in keyof typeof QDISC_KINDS]: ClassXstatsOf<(typeof QDISC_KINDS)[K]> };

export * from './fifo.js';
export * from './fq.js';
export * from './fq_codel.js';
export * from './htb.js';
export * from './netem.js';
export * from './plain.js';
export * from './prio.js';
export * from './sfq.js';
export * from './tbf.js';
