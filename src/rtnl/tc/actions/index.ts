/**
 * The built-in action kinds: TCA_ACT_KIND -> the codec of its TCA_ACT_OPTIONS. Adding a kind is
 * one file in this folder and one line here; KnownActionOptions is derived from this table.
 */
import type { ActionKindCodec } from '../kind.js';
import { gactKind } from './gact.js';
import { mirredKind } from './mirred.js';
import { policeKind } from './police.js';
import { skbeditKind } from './skbedit.js';

/** TCA_ACT_KIND -> its codec. */
export const ACTION_KINDS = {
  gact: gactKind,
  mirred: mirredKind,
  police: policeKind,
  skbedit: skbeditKind,
} as const satisfies Record<string, ActionKindCodec<any>>;

type OptionsOf<C> = C extends ActionKindCodec<infer O> ? O : never;
/** The typed TCA_ACT_OPTIONS of each built-in action kind. */
export type KnownActionOptions = { -readonly [K in keyof typeof ACTION_KINDS]: OptionsOf<(typeof ACTION_KINDS)[K]> };

export * from './gen.js';
export * from './gact.js';
export * from './mirred.js';
export * from './police.js';
export * from './skbedit.js';
