/**
 * What the filter kinds share: the TCA_CLS_FLAGS_* bits (skip_hw, skip_sw, in_hw, ...), and an
 * options codec for a table that nests an action list, built once per registry (the actions'
 * options are read by the registry's action kinds).
 */
import { AttrTable, type AttrField } from '../../../netlink/index.js';
import { actionList } from '../action.js';
import type { TcKindContext, TcOptionsCodec } from '../kind.js';

export const TCA_CLS_FLAGS_SKIP_HW = 1 << 0;
export const TCA_CLS_FLAGS_SKIP_SW = 1 << 1;
export const TCA_CLS_FLAGS_IN_HW = 1 << 2;
export const TCA_CLS_FLAGS_NOT_IN_HW = 1 << 3;
export const TCA_CLS_FLAGS_VERBOSE = 1 << 4;

/**
 * The options codec of a filter kind whose table has an action list at `actId` (as `actions`):
 * the table is made per registry and cached on it.
 */
export function withActions<T extends object>(setName: string, actId: number, fields: readonly AttrField[]): TcOptionsCodec<T> {
  const key = Symbol(`${setName} table`);
  const table = (ctx: TcKindContext): AttrTable<T> => ctx.registry.memo(key, () => new AttrTable<T>(setName, [
    ...fields, { id: actId, name: 'actions', codec: actionList(ctx) },
  ]));
  return {
    decode: (data, ctx) => table(ctx).decode(data, 0, data.length),
    encode: (w, v, ctx) => table(ctx).encode(w, v),
  };
}
