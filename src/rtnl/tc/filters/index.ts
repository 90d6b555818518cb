/**
 * The built-in filter kinds: TCA_KIND of a filter -> the codec of its TCA_OPTIONS. Adding a kind
 * is one file in this folder and one line here; KnownFilterOptions is derived from this table.
 */
import type { FilterKindCodec } from '../kind.js';

/** TCA_KIND of a filter -> its codec. */
export const FILTER_KINDS = {
} as const satisfies Record<string, FilterKindCodec<any>>;

type OptionsOf<C> = C extends FilterKindCodec<infer O> ? O : never;
/** The typed TCA_OPTIONS of each built-in filter kind. */
export type KnownFilterOptions = { -readonly [K in keyof typeof FILTER_KINDS]: OptionsOf<(typeof FILTER_KINDS)[K]> };
