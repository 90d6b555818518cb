/** Small payloads several tc attribute sets share: struct nla_bitfield32, struct tcf_t, struct tc_estimator. */
import { fixedStruct, structCodec, type FixedStruct } from '../../netlink/index.js';

/** struct nla_bitfield32: the bits of `value` that `selector` selects. */
export interface NlaBitfield32 {
  value: number;
  selector: number;
}
export const nlaBitfield32 = structCodec<NlaBitfield32>([['value', 'u32'], ['selector', 'u32']]);

/** struct tcf_t: an action's ages in jiffies (USER_HZ ticks as the kernel reports them). */
export interface TcfT {
  install: bigint;
  lastuse: bigint;
  expires: bigint;
  firstuse: bigint;
}
export const tcfT = structCodec<TcfT>([['install', 'u64'], ['lastuse', 'u64'], ['expires', 'u64'], ['firstuse', 'u64']]);

/** struct tc_estimator: a rate estimator's interval (2^interval quarter seconds) and its averaging. */
export interface TcEstimator {
  interval: number;
  ewmaLog: number;
}
export const tcEstimator = structCodec<TcEstimator>([['interval', 's8'], ['ewmaLog', 'u8']]);

/**
 * struct tc_ratespec: a rate as the old rate tables describe it (bytes per second, 32 bits),
 * with the cell size, link layer, overhead and minimum packet unit used to compute its table.
 */
export interface TcRateSpec {
  cellLog: number;
  linklayer: number;
  overhead: number;
  cellAlign: number;
  mpu: number;
  rate: number;
}
/** struct tc_ratespec (12 bytes), to embed in a kind's struct. */
export const rateSpec = fixedStruct<TcRateSpec>([
  ['cellLog', 'u8'], ['linklayer', 'u8'], ['overhead', 'u16'], ['cellAlign', 's16'], ['mpu', 'u16'], ['rate', 'u32'],
]);

/**
 * A fixed struct made of parts laid one after another (struct tc_tbf_qopt: two tc_ratespec then
 * three u32): each part a FixedStruct under its name, or the fields of `rest` spread at the end.
 */
export function compositeStruct<T extends object>(
  parts: readonly (readonly [keyof T & string, FixedStruct<any>])[], rest?: FixedStruct<any>,
): FixedStruct<T> {
  const size = parts.reduce((n, [, s]) => n + s.size, 0) + (rest?.size ?? 0);
  return {
    size,
    readAt: (b, at) => {
      const out: Record<string, unknown> = {};
      let off = at;
      for (const [name, s] of parts) { out[name] = s.readAt(b, off); off += s.size; }
      if (rest) Object.assign(out, rest.readAt(b, off));
      return out as T;
    },
    writeAt: (dv, at, v) => {
      let off = at;
      for (const [name, s] of parts) { s.writeAt(dv, off, (v as Record<string, unknown>)[name]); off += s.size; }
      if (rest) rest.writeAt(dv, off, v);
    },
  };
}
