/**
 * iproute2's number words with their base (lib/utils.c get_u32 / get_u16 / get_u8 /
 * get_unsigned / get_integer / get_s32): C's strtoul / strtol over the whole word, base 0 (hex
 * with 0x, octal with a leading 0), 10 or 16. Each returns undefined where iproute2 refuses.
 */

/** strtoul/strtol over the whole of `text` in `base`; a negative value wraps as strtoul does. */
function whole(text: string, base: 0 | 10 | 16, signed: boolean): bigint | undefined {
  if (text === '') return undefined;
  const m = /^[ \t\n\v\f\r]*([+-]?)(.*)$/s.exec(text)!;
  let body = m[2]!;
  let b: number = base;
  if ((b === 0 || b === 16) && /^0[xX][0-9a-fA-F]/.test(body)) { body = body.slice(2); b = 16; }
  else if (b === 0) b = body.length > 1 && body[0] === '0' ? 8 : 10;
  const digits = b === 16 ? /^[0-9a-fA-F]+$/ : b === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!digits.test(body)) return undefined;
  let v = b === 16 ? BigInt(`0x${body}`) : b === 8 ? BigInt(`0o${body}`) : BigInt(body);
  const max = signed ? (1n << 63n) - 1n : (1n << 64n) - 1n;
  if (v > max + (m[1] === '-' && signed ? 1n : 0n)) return undefined; // ERANGE
  if (m[1] === '-') v = signed ? -v : BigInt.asUintN(64, -v);
  return v;
}

/** get_u32 / get_unsigned (the same range): 0 .. 2^32 - 1. */
export function getU32(text: string, base: 0 | 10 | 16 = 0): number | undefined {
  const v = whole(text, base, false);
  return v === undefined || v > 0xffffffffn ? undefined : Number(v);
}

/** get_u16. */
export function getU16(text: string, base: 0 | 10 | 16 = 0): number | undefined {
  const v = whole(text, base, false);
  return v === undefined || v > 0xffffn ? undefined : Number(v);
}

/** get_u8. */
export function getU8(text: string, base: 0 | 10 | 16 = 0): number | undefined {
  const v = whole(text, base, false);
  return v === undefined || v > 0xffn ? undefined : Number(v);
}

/** get_integer / get_s32: a C int. */
export function getInteger(text: string, base: 0 | 10 | 16 = 0): number | undefined {
  const v = whole(text, base, true);
  return v === undefined || v < -0x80000000n || v > 0x7fffffffn ? undefined : Number(v);
}

/** isdigit(word[0]): how netem tells a number from the next keyword. */
export const startsWithDigit = (w: string | undefined): boolean => w !== undefined && /^[0-9]/.test(w);
