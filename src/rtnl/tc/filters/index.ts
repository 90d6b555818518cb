/**
 * The built-in filter kinds: TCA_KIND of a filter -> the codec of its TCA_OPTIONS. Adding a kind
 * is one file in this folder and one line here; KnownFilterOptions is derived from this table.
 */
import type { FilterKindCodec } from '../kind.js';
import { bpfKind } from './bpf.js';
import { flowerKind } from './flower.js';
import { matchallKind } from './matchall.js';
import { u32Kind } from './u32.js';

/** TCA_KIND of a filter -> its codec. */
export const FILTER_KINDS = {
  matchall: matchallKind,
  u32: u32Kind,
  flower: flowerKind,
  bpf: bpfKind,
} as const satisfies Record<string, FilterKindCodec<any>>;

type OptionsOf<C> = C extends FilterKindCodec<infer O> ? O : never;
/** The typed TCA_OPTIONS of each built-in filter kind. */
export type KnownFilterOptions = { -readonly [K in keyof typeof FILTER_KINDS]: OptionsOf<(typeof FILTER_KINDS)[K]> };

export * from './common.js';
export * from './matchall.js';
export * from './u32.js';
export * from './flower.js';
export * from './bpf.js';
