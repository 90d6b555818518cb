/**
 * tc handles (<linux/pkt_sched.h>): 32 bits, a 16-bit major and a 16-bit minor. A qdisc is
 * `maj:0`, its classes `maj:min`; TC_H_ROOT and TC_H_INGRESS name the attachment points. Text
 * forms are tc's: hexadecimal `1:`, `1:10`, `ffff:`, `:5`, `root`, `none`.
 */
import { TC_H_MAJ_MASK, TC_H_MIN_MASK, TC_H_ROOT, TC_H_UNSPEC } from './constants.js';

/** TC_H_MAJ: the major half, still shifted (`0x00010000` for `1:`). */
export const tcMajor = (h: number): number => (h & TC_H_MAJ_MASK) >>> 0;
/** TC_H_MIN: the minor half. */
export const tcMinor = (h: number): number => h & TC_H_MIN_MASK;
/** TC_H_MAKE(maj, min): `maj` is the shifted major. */
export const tcHandle = (maj: number, min: number): number => ((maj & TC_H_MAJ_MASK) | (min & TC_H_MIN_MASK)) >>> 0;

/** strtoul(text, &end, 16) over a prefix: its value and how many characters it read. */
function hexPrefix(text: string, from: number): { value: number; end: number } {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  let neg = false;
  if (text[i] === '+' || text[i] === '-') { neg = text[i] === '-'; i++; }
  if (text[i] === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X') && /[0-9a-fA-F]/.test(text[i + 2] ?? '')) i += 2;
  const start = i;
  let value = 0;
  while (i < text.length && /[0-9a-fA-F]/.test(text[i]!)) {
    value = value * 16 + parseInt(text[i]!, 16);
    i++;
  }
  if (i === start) return { value: 0, end: from };
  // strtoul of a negative number wraps; anything that large is refused by the callers anyway.
  return { value: neg && value !== 0 ? Number.MAX_SAFE_INTEGER : value, end: i };
}

/**
 * get_qdisc_handle: `1:` / `1` / `none` -> the handle (major only), or undefined when the text is
 * not one (a minor is not allowed).
 */
export function parseQdiscHandle(text: string): number | undefined {
  if (text === 'none') return TC_H_UNSPEC;
  const { value, end } = hexPrefix(text, 0);
  if (end === 0 || value >= 0x10000) return undefined;
  if (end < text.length && text[end] !== ':') return undefined;
  return (value << 16) >>> 0;
}

/**
 * get_tc_classid: `1:10`, `1:`, `:10`, `10` (a bare number is the whole 32 bits in hex), `root`,
 * `none` -> the handle, or undefined when the text is not one.
 */
export function parseClassid(text: string): number | undefined {
  if (text === 'root') return TC_H_ROOT;
  if (text === 'none') return TC_H_UNSPEC;
  let { value: maj, end } = hexPrefix(text, 0);
  if (end === 0) {
    maj = 0;
    if (text[0] !== ':') return undefined;
  }
  if (text[end] === ':') {
    if (maj >= 0x10000) return undefined;
    const rest = hexPrefix(text, end + 1);
    const minEnd = rest.end === end + 1 ? end + 1 : rest.end;
    if (minEnd !== text.length || rest.value >= 0x10000) return undefined;
    return ((maj << 16) | rest.value) >>> 0;
  }
  if (end !== text.length || maj > 0xffffffff) return undefined;
  return maj >>> 0;
}

/** print_tc_classid: `root`, `none`, `:5`, `1:`, `1:10`. */
export function formatClassid(h: number): string {
  h >>>= 0;
  if (h === TC_H_ROOT) return 'root';
  if (h === TC_H_UNSPEC) return 'none';
  if (tcMajor(h) === 0) return `:${tcMinor(h).toString(16)}`;
  if (tcMinor(h) === 0) return `${(h >>> 16).toString(16)}:`;
  return `${(h >>> 16).toString(16)}:${tcMinor(h).toString(16)}`;
}

/** A qdisc's handle as tc prints it: the major and a colon (`1:`, `ffff:`, `0:`). */
export function formatQdiscHandle(h: number): string {
  return `${(h >>> 16).toString(16)}:`;
}
