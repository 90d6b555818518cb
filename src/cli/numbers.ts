/**
 * Number words as iproute2 reads them (lib/utils.c get_u32, get_integer...): strtoul/strtol
 * with base 0, so "0x10" is hex and "010" octal; the whole word must be a number in range.
 */

function parse(text: string, signed: boolean): bigint | undefined {
  const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!m) return undefined;
  const body = m[2]!;
  let v: bigint;
  if (/^0[xX]/.test(body)) v = BigInt(body);
  else if (body.length > 1 && body.startsWith('0')) v = BigInt(`0o${body.slice(1)}`);
  else v = BigInt(body);
  if (m[1] === '-') {
    if (!signed) return undefined;
    v = -v;
  }
  return v;
}

/** get_unsigned / get_u32 / get_u16 / get_u8: an unsigned number up to `max`, else undefined. */
export function parseUnsigned(text: string, max = 0xffffffff): number | undefined {
  const v = parse(text, false);
  if (v === undefined || v > BigInt(max)) return undefined;
  return Number(v);
}

/** get_integer: a C int (-2^31 .. 2^31-1), else undefined. */
export function parseInteger(text: string): number | undefined {
  const v = parse(text, true);
  if (v === undefined || v < -0x80000000n || v > 0x7fffffffn) return undefined;
  return Number(v);
}

/** get_u64: an unsigned 64-bit number (base 0, as strtoull reads it), else undefined. */
export function parseU64(text: string): bigint | undefined {
  const v = parse(text, false);
  if (v === undefined || v > 0xffffffffffffffffn) return undefined;
  return v;
}
