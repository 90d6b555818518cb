/**
 * tc's units, read exactly as iproute2 reads them (lib/utils_math.c get_rate / get_rate64 /
 * get_size, lib/utils.c get_time / get_time64, tc/tc_util.c parse_percent): a C strtod number
 * and a suffix. Rates come out in bytes per second, sizes in bytes, times in microseconds (tc's
 * TIME_UNITS) or nanoseconds (the 64-bit form). Each returns undefined where tc refuses the word,
 * so the CLI can print tc's own message and the API an InvalidArgumentError.
 */

/** The number C's strtod reads at the start of `text`, and the rest after it; undefined if none. */
export function strtod(text: string): { value: number; rest: string } | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)(?:(0[xX])((?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+))(?:[pP]([+-]?\d+))?|((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(inf(?:inity)?|nan(?:\([0-9A-Za-z_]*\))?))/i.exec(text);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  let value: number;
  if (m[2]) {
    const [int = '', frac = ''] = m[3]!.split('.');
    value = (int ? parseInt(int, 16) : 0) + (frac ? parseInt(frac, 16) / 16 ** frac.length : 0);
    if (m[4]) value *= 2 ** Number(m[4]);
  } else if (m[5]) {
    value = Number(m[5]);
  } else {
    value = /^inf/i.test(m[6]!) ? Infinity : NaN;
  }
  // "1e" is 1 followed by "e": a dangling exponent is not part of the number.
  return { value: sign * value, rest: text.slice(m[0].length) };
}

/** C's conversion of a double to an unsigned 32-bit integer as x86-64 gcc does it (truncation, wrapping). */
export function toU32(v: number): number {
  if (!Number.isFinite(v)) return 0;
  return Number(BigInt.asUintN(32, BigInt(Math.trunc(v))));
}

/** C's conversion of a double to an unsigned 64-bit integer as x86-64 gcc does it. */
export function toU64(v: number): bigint {
  if (Number.isNaN(v)) return 0n;
  if (v >= 2 ** 64 || v === Infinity) return 0n; // cvttsd2si's "indefinite" answer
  if (v <= -(2 ** 63)) return 1n << 63n;
  return BigInt.asUintN(64, BigInt(Math.trunc(v)));
}

/** A double to a signed 64-bit integer (truncation), as C assigns it. */
export function toS64(v: number): bigint {
  if (!Number.isFinite(v) || v >= 2 ** 63 || v < -(2 ** 63)) return -(1n << 63n);
  return BigInt(Math.trunc(v));
}

const RATE_SUFFIXES: readonly (readonly [string, number])[] = [
  ['bit', 1], ['Kibit', 1024], ['kbit', 1000], ['mibit', 1024 * 1024], ['mbit', 1000000], ['gibit', 1024 * 1024 * 1024],
  ['gbit', 1000000000], ['tibit', 1024 * 1024 * 1024 * 1024], ['tbit', 1000000000000], ['Bps', 8], ['KiBps', 8 * 1024],
  ['KBps', 8000], ['MiBps', 8 * 1024 * 1024], ['MBps', 8000000], ['GiBps', 8 * 1024 * 1024 * 1024], ['GBps', 8000000000],
  ['TiBps', 8 * 1024 * 1024 * 1024 * 1024], ['TBps', 8000000000000],
];

/** The rate in bytes per second as a double, or undefined for an unknown suffix. */
function rateBytes(text: string): number | undefined {
  const n = strtod(text);
  if (!n) return undefined;
  let bps = n.value;
  if (n.rest !== '') {
    const s = RATE_SUFFIXES.find(([name]) => name.toLowerCase() === n.rest.toLowerCase());
    if (!s) return undefined;
    bps *= s[1];
  }
  return bps / 8;
}

/** get_rate64: `1mbit`, `100kbit`, `10MBps`, a bare number (bits per second) -> bytes per second. */
export function parseRate64(text: string): bigint | undefined {
  const b = rateBytes(text);
  return b === undefined ? undefined : toU64(b);
}

/** get_rate: the same in 32 bits; refused when it does not fit (or is not whole after the cast). */
export function parseRate(text: string): number | undefined {
  const b = rateBytes(text);
  if (b === undefined) return undefined;
  const r = toU32(b);
  return r === Math.floor(b) ? r : undefined;
}

/** get_size: `32kb`, `1mb`, `1500`, `1mbit` (bits) ... -> bytes (u32); undefined when tc refuses it. */
export function parseSize(text: string): number | undefined {
  const n = strtod(text);
  if (!n) return undefined;
  let sz = n.value;
  const p = n.rest.toLowerCase();
  if (p !== '') {
    if (p === 'kb' || p === 'k') sz *= 1024;
    else if (p === 'gb' || p === 'g') sz *= 1024 * 1024 * 1024;
    else if (p === 'gbit') sz *= 1024 * 1024 * 1024 / 8;
    else if (p === 'mb' || p === 'm') sz *= 1024 * 1024;
    else if (p === 'mbit') sz *= 1024 * 1024 / 8;
    else if (p === 'kbit') sz *= 1024 / 8;
    else if (p !== 'b') return undefined;
  }
  const size = toU32(sz);
  return size === Math.floor(sz) ? size : undefined;
}

/** tc's time unit: microseconds per second (TIME_UNITS_PER_SEC). */
export const TIME_UNITS_PER_SEC = 1000000;

/** get_time: `100ms`, `1s`, `500us`, a bare number (microseconds) -> microseconds (u32). */
export function parseTime(text: string): number | undefined {
  const n = strtod(text);
  if (!n) return undefined;
  let t = n.value;
  const p = n.rest.toLowerCase();
  if (p !== '') {
    if (p === 's' || p === 'sec' || p === 'secs') t *= TIME_UNITS_PER_SEC;
    else if (p === 'ms' || p === 'msec' || p === 'msecs') t *= TIME_UNITS_PER_SEC / 1000;
    else if (p === 'us' || p === 'usec' || p === 'usecs') t *= TIME_UNITS_PER_SEC / 1000000;
    else return undefined;
  }
  return toU32(t);
}

/** get_time64: the same in nanoseconds (signed 64 bits), `ns` accepted. */
export function parseTime64(text: string): bigint | undefined {
  const n = strtod(text);
  if (!n) return undefined;
  let t = n.value;
  const p = n.rest.toLowerCase();
  if (p !== '') {
    if (p === 's' || p === 'sec' || p === 'secs') t *= 1e9;
    else if (p === 'ms' || p === 'msec' || p === 'msecs') t *= 1e6;
    else if (p === 'us' || p === 'usec' || p === 'usecs') t *= 1e3;
    else if (p !== 'ns' && p !== 'nsec' && p !== 'nsecs') return undefined;
  }
  return toS64(t);
}

/**
 * parse_percent: `30%` or `30` -> 0.3; 'range' when outside 0-100%, undefined when malformed.
 * (tc checks the range before the suffix, as here.)
 */
export function parsePercent(text: string): number | 'range' | undefined {
  const n = strtod(text);
  const v = (n?.value ?? 0) / 100;
  if (v > 1 || v < 0) return 'range';
  const rest = n ? n.rest : text;
  if (rest !== '' && rest !== '%') return undefined;
  return v;
}
