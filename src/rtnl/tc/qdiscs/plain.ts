/**
 * Kinds without options: "ingress" and "clsact" (net/sched/sch_ingress.c, an empty TCA_OPTIONS
 * nest), "noqueue", "noop", "mq" (no TCA_OPTIONS, or an empty one). Anything the kernel puts in
 * one is kept as unknown attributes.
 */
import { AttrTable, type RawAttr } from '../../../netlink/index.js';
import { tableOptions, type QdiscKindCodec } from '../kind.js';

/** An empty set of options, with whatever unknown attributes a newer kernel adds. */
export interface NoOptions {
  unknown?: RawAttr[];
}

const empty = new AttrTable<NoOptions>('TCA_OPTIONS', []);

/** The codec of the kinds without options. */
export const plainKind: QdiscKindCodec<NoOptions> = { options: tableOptions(empty) };
