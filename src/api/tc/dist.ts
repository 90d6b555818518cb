/**
 * netem's delay distribution tables, read at run time where iproute2 installs them (its
 * get_distribution): `NAME.dist` in $TC_LIB_DIR, else the tc directory under the library
 * directory (Debian's /usr/lib/<multiarch>/tc, or /usr/lib/tc). Each file is comments ('#') and
 * numbers (strtol, base 0); the table is those numbers as s16, at most 16384 of them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { InvalidArgumentError } from '../errors.js';

const MAX_DIST = 16 * 1024;

/**
 * The directories searched for NAME.dist, in order, written as tc's get_tc_lib gives them (its
 * built-in one with a final '/', so that its messages name "DIR//NAME.dist" as tc's do).
 */
export function distDirs(): string[] {
  if (process.env.TC_LIB_DIR) return [process.env.TC_LIB_DIR];
  const dirs: string[] = [];
  try {
    for (const e of readdirSync('/usr/lib', { withFileTypes: true })) {
      if (e.isDirectory() && /-linux-/.test(e.name) && existsSync(path.join('/usr/lib', e.name, 'tc'))) dirs.push(`/usr/lib/${e.name}/tc/`);
    }
  } catch {
    // no /usr/lib: only the fixed places
  }
  return [...dirs, '/usr/lib/tc/', '/usr/lib64/tc/', '/usr/local/lib/tc/'];
}

/** strtol(p, &end, 0) over the numbers of one line: the values, in order. */
function lineNumbers(line: string): number[] {
  const out: number[] = [];
  const re = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/;
  let rest = line;
  for (;;) {
    const m = re.exec(rest);
    if (!m) break;
    const body = m[2]!;
    let v = /^0[xX]/.test(body) ? parseInt(body.slice(2), 16) : body.length > 1 && body[0] === '0' ? parseInt(body, 8) : Number(body);
    if (m[1] === '-') v = -v;
    out.push(v);
    rest = rest.slice(m[0].length);
  }
  return out;
}

/** Parse a .dist file's text into its table's bytes (s16 little-endian); `file` names it in errors. */
export function parseDistribution(text: string, file: string): Uint8Array {
  const values: number[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    for (const v of lineNumbers(line)) {
      if (values.length >= MAX_DIST) throw new InvalidArgumentError(`${file}: too much data`, 'distribution');
      values.push(v);
    }
  }
  if (values.length === 0) throw new InvalidArgumentError(`${file}: no distribution data`, 'distribution');
  const out = new Uint8Array(values.length * 2);
  const dv = new DataView(out.buffer);
  values.forEach((v, i) => dv.setInt16(i * 2, v, true));
  return out;
}

/** The table called `name`, read from the first directory that has NAME.dist. */
export function readDistribution(name: string): Uint8Array {
  if (!/^[\w.-]+$/.test(name) || name.startsWith('.')) throw new InvalidArgumentError(`invalid distribution name "${name}"`, 'distribution');
  const dirs = distDirs();
  for (const dir of dirs) {
    const file = `${dir}/${name}.dist`;
    if (existsSync(file)) return parseDistribution(readFileSync(file, 'utf8'), file);
  }
  throw new InvalidArgumentError(`No distribution data for ${name} (${dirs[0]!}/${name}.dist: No such file or directory)`, 'distribution');
}
