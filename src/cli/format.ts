/**
 * A small printf(3): the subset of conversions iproute2's format strings use, so the CLI's text
 * formats can be written as iproute2 writes them ("mtu %u ", "%-16s ", "%4i.%.2i ").
 *
 * Supported: flags `-`, `0`, `#`, `+`, ` `; a width; a precision; length modifiers (h, hh, l,
 * ll, z, j, t; ignored); conversions d, i, u, x, X, o, s, c, g, f and `%%`. Numbers may be
 * number or bigint. Anything else is a programming error and throws.
 */

type Arg = string | number | bigint | boolean | null | undefined;

const SPEC = /%([-0#+ ]*)(\d+|\*)?(?:\.(\d*|\*))?(hh|h|ll|l|z|j|t|L)?([diuxXoscgf%])/g;

function pad(s: string, width: number | undefined, left: boolean, zero: boolean): string {
  if (width === undefined || s.length >= width) return s;
  if (left) return s.padEnd(width, ' ');
  if (zero) {
    const sign = /^[-+ ]/.test(s) ? s[0]! : '';
    const rest = sign ? s.slice(1) : s;
    const prefix = /^0[xX]/.test(rest) ? rest.slice(0, 2) : '';
    const digits = rest.slice(prefix.length);
    return sign + prefix + digits.padStart(width - sign.length - prefix.length, '0');
  }
  return s.padStart(width, ' ');
}

function toBig(v: Arg): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  throw new TypeError(`printf: integer expected, got ${String(v)}`);
}

function integer(conv: string, v: Arg, flags: string, prec: number | undefined, len: string | undefined): string {
  let n = toBig(v);
  const bits = len === 'll' || len === 'l' || len === 'j' || len === 'z' ? 64 : len === 'h' ? 16 : len === 'hh' ? 8 : 32;
  const signed = conv === 'd' || conv === 'i';
  const mod = 1n << BigInt(bits);
  if (signed) {
    n = BigInt.asIntN(bits, n);
  } else {
    n = ((n % mod) + mod) % mod;
  }
  const neg = n < 0n;
  const abs = neg ? -n : n;
  let digits = conv === 'x' ? abs.toString(16) : conv === 'X' ? abs.toString(16).toUpperCase() : conv === 'o' ? abs.toString(8) : abs.toString(10);
  if (prec !== undefined) {
    if (prec === 0 && abs === 0n) digits = '';
    digits = digits.padStart(prec, '0');
  }
  if (flags.includes('#') && abs !== 0n) {
    if (conv === 'x') digits = `0x${digits}`;
    else if (conv === 'X') digits = `0X${digits}`;
    else if (conv === 'o' && !digits.startsWith('0')) digits = `0${digits}`;
  }
  const sign = neg ? '-' : signed && flags.includes('+') ? '+' : signed && flags.includes(' ') ? ' ' : '';
  return sign + digits;
}

/** Format like C's sprintf for the conversions listed above. */
export function sprintf(fmt: string, ...args: Arg[]): string {
  let i = 0;
  return fmt.replace(SPEC, (_m, flags: string, w: string | undefined, p: string | undefined, len: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    let width = w === '*' ? Number(args[i++]) : w !== undefined ? Number(w) : undefined;
    const prec = p === '*' ? Number(args[i++]) : p !== undefined ? Number(p || '0') : undefined;
    let left = flags.includes('-');
    if (width !== undefined && width < 0) { left = true; width = -width; }
    const v = args[i++];
    let s: string;
    switch (conv) {
      case 's': {
        s = v === null || v === undefined ? '(null)' : String(v);
        if (prec !== undefined) s = s.slice(0, prec);
        return pad(s, width, left, false);
      }
      case 'c':
        return pad(typeof v === 'number' ? String.fromCharCode(v) : String(v), width, left, false);
      case 'g':
        s = formatG(Number(v), prec ?? 6);
        return pad(s, width, left, flags.includes('0') && !left);
      case 'f':
        s = Number(v).toFixed(prec ?? 6);
        return pad(s, width, left, flags.includes('0') && !left);
      default:
        s = integer(conv, v, flags, prec, len);
        return pad(s, width, left, flags.includes('0') && !left && prec === undefined);
    }
  });
}

/** %g: shortest of %e / %f with `prec` significant digits, trailing zeros removed. */
function formatG(v: number, prec: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v < 0 ? '-inf' : 'inf';
  const p = prec === 0 ? 1 : prec;
  if (v === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(v)));
  let s: string;
  if (exp < -4 || exp >= p) {
    s = v.toExponential(p - 1);
    const [mant, e] = s.split('e') as [string, string];
    const m = mant.includes('.') ? mant.replace(/0+$/, '').replace(/\.$/, '') : mant;
    const en = Number(e);
    s = `${m}e${en < 0 ? '-' : '+'}${String(Math.abs(en)).padStart(2, '0')}`;
  } else {
    s = v.toFixed(Math.max(0, p - 1 - exp));
    if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  }
  return s;
}
