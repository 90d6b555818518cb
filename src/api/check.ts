/**
 * The checks every API service applies to what callers pass, before anything is sent: numbers in
 * range, interface names, MAC addresses, on/off values, and that a spec has no key its kind does
 * not know. Each failure is an InvalidArgumentError naming the argument.
 */
import { macToBytes } from '../rtnl/common.js';
import { InvalidArgumentError, UnknownOptionError } from './errors.js';

/** An integer from 0 to `max` (default u32), else InvalidArgumentError naming `what`. */
export function checkUint(v: unknown, what: string, max = 0xffffffff): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) {
    throw new InvalidArgumentError(`invalid ${what} "${String(v)}": expected an integer from 0 to ${max}`, what);
  }
  return v;
}

/** An integer from `min` to `max`, else InvalidArgumentError naming `what`. */
export function checkInt(v: unknown, what: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new InvalidArgumentError(`invalid ${what} "${String(v)}": expected an integer from ${min} to ${max}`, what);
  }
  return v;
}

/** A boolean (or 0/1) as the u8 0/1 the kernel takes. */
export function checkBit(v: unknown, what: string): 0 | 1 {
  if (v === true || v === 1) return 1;
  if (v === false || v === 0) return 0;
  throw new InvalidArgumentError(`invalid ${what} "${String(v)}": expected a boolean`, what);
}

/** One of `words` (an enum given by iproute2's word), else InvalidArgumentError listing them. */
export function checkWord<W extends string>(v: unknown, what: string, words: readonly W[]): W {
  if (typeof v === 'string' && (words as readonly string[]).includes(v)) return v as W;
  throw new InvalidArgumentError(`invalid ${what} "${String(v)}": expected one of ${words.join(', ')}`, what);
}

/** A link-layer address in text ("aa:bb:..."), 1-32 bytes. */
export function checkMac(v: unknown, what: string): string {
  let b: Uint8Array | undefined;
  try {
    if (typeof v === 'string') b = macToBytes(v);
  } catch {
    b = undefined;
  }
  if (!b || b.length < 1 || b.length > 32) throw new InvalidArgumentError(`invalid ${what} "${String(v)}"`, what);
  return v as string;
}

/** A string without NUL bytes (the kernel would cut it there and act on another object). */
export function checkText(v: unknown, what: string, maxBytes = Infinity): string {
  if (typeof v !== 'string') throw new InvalidArgumentError(`invalid ${what} "${String(v)}": expected a string`, what);
  if (v.includes('\0')) throw new InvalidArgumentError(`invalid ${what} ${JSON.stringify(v)}: it contains a NUL byte`, what);
  if (Buffer.byteLength(v) > maxBytes) throw new InvalidArgumentError(`${what} is longer than ${maxBytes} bytes`, what);
  return v;
}

/** An interface name the kernel would accept (dev_valid_name): 1-15 bytes, no '/', ':', space or NUL. */
export function validateIfname(name: string, what = 'name'): void {
  if (typeof name !== 'string' || name.length === 0) throw new InvalidArgumentError(`${what} must not be empty`, what);
  if (Buffer.byteLength(name) > 15) throw new InvalidArgumentError(`"${name}" is not a valid ifname: longer than 15 bytes`, what);
  if (name === '.' || name === '..' || /[/:\s\0]/.test(name)) {
    throw new InvalidArgumentError(`"${name}" is not a valid ifname: it may not contain '/', ':', whitespace or NUL`, what);
  }
}

/**
 * Every own key of `spec` with a defined value is in `allowed`, else UnknownOptionError naming
 * the key and `kind`: a misspelt option is refused before any request, never dropped.
 */
export function checkKeys(spec: object, allowed: ReadonlySet<string>, kind: string): void {
  for (const [key, value] of Object.entries(spec)) {
    if (value !== undefined && !allowed.has(key)) throw new UnknownOptionError(key, kind);
  }
}
