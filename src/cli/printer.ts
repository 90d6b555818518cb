/**
 * The one printer of the CLI: each field is rendered by one call that writes text or JSON
 * depending on the mode, iproute2's print_string / print_uint idea (lib/json_print.c), so the
 * two outputs cannot drift. The JSON side mirrors iproute2's streaming writer byte for byte
 * (separators, `-p` indentation, string escapes), the text side takes printf formats.
 *
 *   p.uint('any', 'mtu', 'mtu %u ', 1500)   text: "mtu 1500 "   JSON: "mtu":1500
 *   p.string('fp', null, ' brd ', null)     text only
 *   p.bool('json', 'link_pointtopoint', null, true)   JSON only
 */
import { sprintf } from './format.js';

/** Where a call prints: text only, JSON only, or whichever the printer is doing. */
export type Out = 'any' | 'fp' | 'json';

/** Printer options: the global `-j`, `-p` and `-o` switches. */
export interface PrinterOptions {
  json: boolean;
  pretty: boolean;
  oneline: boolean;
  /** -c[olor]: the palette of colored text fields, or none (lib/color.c). */
  color?: Palette | undefined;
}

/**
 * What a colored field is (iproute2's enum color_attr): a device name, a link-layer address, an
 * IPv4 or IPv6 address, an operational state that is UP or DOWN.
 */
export type ColorAttr = 'ifname' | 'mac' | 'inet' | 'inet6' | 'operUp' | 'operDown';

/** 'light': plain colors; 'dark': the bold ones, for a dark background (COLORFGBG). */
export type Palette = 'light' | 'dark';

const COLOR_CODES: Readonly<Record<Palette, Readonly<Record<ColorAttr, string>>>> = {
  light: { ifname: '\x1b[36m', mac: '\x1b[33m', inet: '\x1b[35m', inet6: '\x1b[34m', operUp: '\x1b[32m', operDown: '\x1b[31m' },
  dark: { ifname: '\x1b[1;36m', mac: '\x1b[1;33m', inet: '\x1b[1;35m', inet6: '\x1b[1;34m', operUp: '\x1b[1;32m', operDown: '\x1b[1;31m' },
};
const COLOR_CLEAR = '\x1b[0m';

/** ifa_family_color: an address of AF_INET or AF_INET6 gets its family's color, others none. */
export function familyColor(family: number | string | undefined): ColorAttr | undefined {
  if (family === 2 || family === 'inet') return 'inet';
  if (family === 10 || family === 'inet6') return 'inet6';
  return undefined;
}

/** oper_state_color: IF_OPER_UP (6) green, IF_OPER_DOWN (2) red, others none. */
export function operstateColor(state: number): ColorAttr | undefined {
  return state === 6 ? 'operUp' : state === 2 ? 'operDown' : undefined;
}

/** JSON string text as iproute2's writer makes it: C escapes only, everything else as is. */
export function jsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    switch (ch) {
      case '\t': out += '\\t'; break;
      case '\n': out += '\\n'; break;
      case '\r': out += '\\r'; break;
      case '\f': out += '\\f'; break;
      case '\b': out += '\\b'; break;
      case '\\': out += '\\\\'; break;
      case '"': out += '\\"'; break;
      default: out += ch;
    }
  }
  return `${out}"`;
}

/** The streaming JSON writer (json_writer.c's behaviour: separators, depth, pretty layout). */
class JsonWriter {
  private depth = 0;
  private sep = '';
  constructor(private readonly emit: (s: string) => void, private readonly pretty: boolean) {}

  private eol(): void {
    if (this.pretty) this.emit(`\n${'    '.repeat(this.depth)}`);
  }
  private eor(): void {
    if (this.sep) this.emit(this.sep);
    this.sep = ',';
  }
  name(key: string): void {
    this.eor();
    this.eol();
    this.sep = '';
    this.emit(jsonString(key) + (this.pretty ? ': ' : ':'));
  }
  /** A raw value (number, true, null ...). */
  value(text: string): void {
    this.eor();
    this.emit(text);
  }
  startObject(): void {
    this.eor();
    this.emit('{');
    this.depth++;
    this.sep = '';
  }
  endObject(): void {
    this.depth--;
    if (this.sep) this.eol();
    this.emit('}');
    this.sep = ',';
  }
  startArray(): void {
    this.eor();
    this.emit('[');
    this.depth++;
    this.sep = '';
    if (this.pretty) this.emit(' ');
  }
  endArray(): void {
    if (this.pretty && this.sep) this.emit(' ');
    this.sep = '';
    this.depth--;
    this.emit(']');
    this.sep = ',';
  }
  get level(): number {
    return this.depth;
  }
}

type Num = number | bigint;

/** Text or JSON output of one command, collected in memory and written by `flush`. */
export class Printer {
  readonly json: boolean;
  /** The line separator of text output: "\n", or "\\" with -oneline (iproute2's _SL_). */
  readonly sl: string;
  private readonly chunks: string[] = [];
  private readonly w: JsonWriter | undefined;
  private open = 0;

  constructor(readonly options: Readonly<PrinterOptions> = { json: false, pretty: false, oneline: false }) {
    this.json = options.json;
    this.sl = options.oneline ? '\\' : '\n';
    this.w = options.json ? new JsonWriter((s) => this.chunks.push(s), options.pretty) : undefined;
  }

  private fp(out: Out): boolean {
    return !this.w && out !== 'json';
  }
  private js(out: Out): JsonWriter | undefined {
    return this.w && out !== 'fp' ? this.w : undefined;
  }
  private field(w: JsonWriter, key: string | null, text: string): void {
    if (key !== null) w.name(key);
    w.value(text);
  }

  /** Plain text, only in text mode (fprintf to stdout). */
  text(fmt: string, ...args: (string | Num)[]): void {
    if (!this.w) this.chunks.push(args.length ? sprintf(fmt, ...args) : fmt);
  }

  /** print_string: a key with a string value; with a key and a null value, only the key's name. */
  string(out: Out, key: string | null, fmt: string | null, value: string | null): void {
    const w = this.js(out);
    if (w) {
      if (key !== null && value === null) w.name(key);
      else this.field(w, key, jsonString(value ?? ''));
    } else if (this.fp(out) && fmt !== null) {
      this.chunks.push(value === null && !fmt.includes('%') ? fmt : sprintf(fmt, value));
    }
  }

  /**
   * print_color_string: `string`, with the text (the whole formatted field) in `color`'s color
   * when colors are on; no color (COLOR_NONE) when `color` is undefined.
   */
  colorString(out: Out, color: ColorAttr | undefined, key: string | null, fmt: string | null, value: string | null): void {
    if (color === undefined || !this.options.color || !this.fp(out) || fmt === null) {
      this.string(out, key, fmt, value);
      return;
    }
    this.chunks.push(COLOR_CODES[this.options.color][color], value === null && !fmt.includes('%') ? fmt : sprintf(fmt, value), COLOR_CLEAR);
  }

  /** color_fprintf: text-mode output in `color`'s color when colors are on. */
  colorText(color: ColorAttr | undefined, fmt: string, ...args: (string | Num)[]): void {
    if (this.w) return;
    const text = args.length ? sprintf(fmt, ...args) : fmt;
    if (color === undefined || !this.options.color) this.chunks.push(text);
    else this.chunks.push(COLOR_CODES[this.options.color][color], text, COLOR_CLEAR);
  }

  /** print_int / print_s64: a signed number. */
  int(out: Out, key: string | null, fmt: string | null, value: Num): void {
    const w = this.js(out);
    if (w) this.field(w, key, String(value));
    else if (this.fp(out) && fmt !== null) this.chunks.push(sprintf(fmt, value));
  }

  /** print_uint / print_u64 / print_luint: an unsigned number. */
  uint(out: Out, key: string | null, fmt: string | null, value: Num): void {
    this.int(out, key, fmt, value);
  }

  /** print_bool: JSON true/false; the text format gets "true"/"false". */
  bool(out: Out, key: string | null, fmt: string | null, value: boolean): void {
    const w = this.js(out);
    if (w) this.field(w, key, value ? 'true' : 'false');
    else if (this.fp(out) && fmt !== null) this.chunks.push(sprintf(fmt, value ? 'true' : 'false'));
  }

  /** print_on_off: JSON true/false; the text format gets "on"/"off". */
  onOff(out: Out, key: string | null, fmt: string | null, value: boolean | number): void {
    const on = Boolean(value);
    const w = this.js(out);
    if (w) this.field(w, key, on ? 'true' : 'false');
    else if (this.fp(out) && fmt !== null) this.chunks.push(sprintf(fmt, on ? 'on' : 'off'));
  }

  /** print_hex: JSON string "%x"; text with the given format. */
  hex(out: Out, key: string | null, fmt: string | null, value: Num): void {
    const w = this.js(out);
    if (w) this.field(w, key, jsonString(sprintf('%x', value)));
    else if (this.fp(out) && fmt !== null) this.chunks.push(sprintf(fmt, value));
  }

  /** print_0xhex: JSON string "%#llx" (0 stays "0"); text with the given format. */
  hex0x(out: Out, key: string | null, fmt: string | null, value: Num): void {
    const w = this.js(out);
    if (w) this.field(w, key, jsonString(sprintf('%#llx', value)));
    else if (this.fp(out) && fmt !== null) this.chunks.push(sprintf(fmt, value));
  }

  /** print_null: JSON null; the text format gets `value`. */
  null(out: Out, key: string | null, fmt: string | null, value: string | null): void {
    const w = this.js(out);
    if (w) this.field(w, key, 'null');
    else if (this.fp(out) && fmt !== null) this.chunks.push(value === null ? fmt : sprintf(fmt, value));
  }

  /** A JSON value written verbatim (jsonw_printf), e.g. a timer "0.00"; `text` in text mode. */
  raw(key: string, jsonText: string, text: string): void {
    if (this.w) this.field(this.w, key, jsonText);
    else this.chunks.push(text);
  }

  /** open_json_object: JSON only. */
  openObject(key: string | null = null): void {
    if (!this.w) return;
    if (key !== null) this.w.name(key);
    this.w.startObject();
  }
  closeObject(): void {
    this.w?.endObject();
  }

  /** open_json_array: a JSON array named `str`, or `str` as text (the "<" of a flag list). */
  openArray(out: Out, str: string | null): void {
    const w = this.js(out);
    if (w) {
      if (str !== null) w.name(str);
      w.startArray();
    } else if (this.fp(out) && str !== null) {
      this.chunks.push(str);
    }
  }
  closeArray(out: Out, str: string | null): void {
    const w = this.js(out);
    if (w) w.endArray();
    else if (this.fp(out) && str !== null) this.chunks.push(str);
  }

  /** print_nl: the line separator, text mode only. */
  nl(): void {
    if (!this.w) this.chunks.push(this.sl);
  }

  /** new_json_obj: start the top-level JSON array (JSON mode only). */
  begin(): void {
    if (this.w) {
      this.open++;
      this.w.startArray();
    }
  }
  /** delete_json_obj: close the top-level array and end the line (JSON mode only). */
  end(): void {
    if (this.w && this.open > 0) {
      this.open--;
      this.w.endArray();
      this.chunks.push('\n');
    }
  }

  /** Everything printed so far, emptied. */
  take(): string {
    const s = this.chunks.join('');
    this.chunks.length = 0;
    return s;
  }
}
