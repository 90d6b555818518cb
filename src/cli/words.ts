/**
 * The word reader of the CLI: iproute2's abbreviation rule and its argument cursor.
 *
 * A word matches a keyword when it is a non-empty prefix of it (lib/utils.c `matches`), and
 * keywords are tried in iproute2's order, so `l` is `link` only because nothing before it in the
 * object table starts with an l, and `ip link s` is `set`.
 */
import { incomplete } from './errors.js';

/** Whether `word` is a non-empty prefix of `keyword` (`ip a` = `ip address`). */
export function matches(word: string, keyword: string): boolean {
  return word.length > 0 && keyword.startsWith(word);
}

/** The first keyword of `keywords` (in order) that `word` abbreviates, or undefined. */
export function lookup<K extends string>(word: string, keywords: readonly K[]): K | undefined {
  return keywords.find((k) => matches(word, k));
}

/** A cursor over the words of a command (iproute2's argc/argv with NEXT_ARG). */
export class Words {
  private i = 0;
  constructor(private readonly words: readonly string[]) {}

  /** Words left, including the current one. */
  get left(): number {
    return Math.max(0, this.words.length - this.i);
  }
  get done(): boolean {
    return this.i >= this.words.length;
  }
  /** The current word (throws when there is none: callers check `done` first). */
  get cur(): string {
    const w = this.words[this.i];
    if (w === undefined) throw incomplete();
    return w;
  }
  /** The word after the current one, if any. */
  peek(n = 1): string | undefined {
    return this.words[this.i + n];
  }
  /** Step past the current word. */
  skip(n = 1): void {
    this.i += n;
  }
  /** NEXT_ARG: step to the next word and return it; "Command line is not complete" at the end. */
  next(): string {
    this.i++;
    if (this.i >= this.words.length) throw incomplete();
    return this.words[this.i]!;
  }
  /** The words from the current one on. */
  rest(): string[] {
    return this.words.slice(this.i);
  }
  /** The position, to rewind to with `seek`. */
  get pos(): number {
    return this.i;
  }
  seek(pos: number): void {
    this.i = pos;
  }
}

/**
 * Split one `-batch` line into words like iproute2's makeargs: blanks separate words, a word
 * starting with ' or " runs to the matching quote. Returns null for an unterminated quote.
 */
export function splitLine(line: string): string[] | null {
  const out: string[] = [];
  const ws = ' \t\r\n';
  let i = 0;
  while (i < line.length) {
    while (i < line.length && ws.includes(line[i]!)) i++;
    if (i >= line.length) break;
    const c = line[i]!;
    if (c === '\'' || c === '"') {
      const end = line.indexOf(c, i + 1);
      if (end < 0) return null;
      out.push(line.slice(i + 1, end));
      i = end + 1;
    } else {
      let j = i;
      while (j < line.length && !ws.includes(line[j]!)) j++;
      out.push(line.slice(i, j));
      i = j + 1;
    }
  }
  return out;
}

/**
 * The commands of a `-batch` text, as iproute2's getcmdline reads them: '#' starts a comment,
 * a line ending in a backslash continues on the next one, and a NUL byte ends the line (ip
 * reads it as a C string: "link set v0\0junk mtu 1400" is `link set v0`, and no NUL reaches a
 * name). Each command carries the number of its last physical line (what "Command failed
 * FILE:LINE" reports).
 */
export function batchLines(text: string): { line: number; text: string }[] {
  const phys = text.split('\n');
  if (phys.length > 0 && phys[phys.length - 1] === '') phys.pop();
  const out: { line: number; text: string }[] = [];
  const strip = (s: string): string => {
    const nul = s.indexOf('\0');
    if (nul >= 0) s = s.slice(0, nul);
    const h = s.indexOf('#');
    return h >= 0 ? s.slice(0, h) : s;
  };
  // A line continues only when its backslash comes before any comment or NUL.
  const continues = (n: number): boolean => phys[n]!.endsWith('\\') && !phys[n]!.includes('#') && !phys[n]!.includes('\0');
  for (let n = 0; n < phys.length; n++) {
    let cur = strip(phys[n]!);
    while (continues(n) && n + 1 < phys.length) {
      n++;
      cur = cur.slice(0, -1) + strip(phys[n]!);
    }
    out.push({ line: n + 1, text: cur });
  }
  return out;
}
