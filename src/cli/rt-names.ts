/**
 * iproute2's name databases under /etc/iproute2, read as lib/rt_names.c reads them: routing
 * tables (rt_tables and rt_tables.d/*.conf, over the built-in local/main/default), realms
 * (rt_realms), DS field values (rt_dsfield); and IP protocols from /etc/protocols (what
 * getprotobyname / getprotobynumber read). Each file is read once, on first use.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseUnsigned } from './numbers.js';

const CONFDIR = '/etc/iproute2';

/** fread_id_name: the "ID NAME" lines of a database ("0x.." hex or decimal ids; '#' comments). */
function readIdNames(file: string): [number, string][] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const out: [number, string][] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/^[ \t]+/, '');
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(?:0x([0-9a-fA-F]+)|([-+]?\d+))\s+(\S+)/.exec(line);
    if (!m) break; // "Database ... is corrupted": iproute2 stops reading there
    const id = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
    out.push([id, m[3]!]);
  }
  return out;
}

/** The files of a directory ending in ".conf" (not hidden), in directory order. */
function confFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => !f.startsWith('.') && f.length > 5 && f.endsWith('.conf')).map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}

/**
 * strtoul(text, &end, base) as iproute2 calls it: leading white space and a sign allowed, the
 * whole text a number (base 0: 0x hex, leading-0 octal), a negative one wrapped as unsigned long.
 * Undefined when it is not a number or overflows.
 */
export function strtoul(text: string, base: 0 | 10 | 16 = 0): bigint | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)(.*)$/s.exec(text)!;
  let body = m[2]!;
  let radix: number = base;
  if ((radix === 0 || radix === 16) && /^0[xX][0-9a-fA-F]/.test(body)) { body = body.slice(2); radix = 16; }
  else if (radix === 0) radix = body.length > 1 && body.startsWith('0') ? 8 : 10;
  const digits = radix === 16 ? /^[0-9a-fA-F]+$/ : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!digits.test(body)) return undefined;
  let v = 0n;
  for (const c of body) v = v * BigInt(radix) + BigInt(parseInt(c, radix));
  if (v > 0xffffffffffffffffn) return undefined;
  return m[1] === '-' && v !== 0n ? (1n << 64n) - v : v;
}

/** The number of a name in a table, or a strtoul number up to `max`. */
function lookup(names: readonly [number, string][], text: string, max: bigint, base: 0 | 16 = 0): number | undefined {
  for (const [id, name] of names) if (name === text) return id;
  const v = strtoul(text, base);
  return v === undefined || v > max ? undefined : Number(v);
}

let tableNames: [number, string][] | undefined;

/** rt_tables: built-in names, overlaid by the files' (a later line shadows an earlier one). */
function tableDb(): [number, string][] {
  if (tableNames) return tableNames;
  const entries: [number, string][] = [[253, 'default'], [254, 'main'], [255, 'local']];
  for (const file of [path.join(CONFDIR, 'rt_tables'), ...confFiles(path.join(CONFDIR, 'rt_tables.d'))]) {
    for (const [id, name] of readIdNames(file)) if (id >= 0) entries.push([id, name]);
  }
  // Newest first, as iproute2's hash chains hold them.
  return (tableNames = entries.reverse());
}

/** rtnl_rttable_n2a: a table's name, or its number. */
export function tableName(id: number): string {
  return tableDb().find(([n]) => n === id)?.[1] ?? String(id >>> 0);
}

/** rtnl_rttable_a2n: a table name or number (0 .. 2^32-1); undefined if neither. */
export function tableNumber(text: string): number | undefined {
  // The hash is walked bucket by bucket (id & 255), each chain newest first.
  const byBucket = [...tableDb()].map((e, i) => [e, i] as const).sort(([a, i], [b, j]) => (a[0] & 255) - (b[0] & 255) || i - j).map(([e]) => e);
  return lookup(byBucket, text, 0xffffffffn);
}

let realmNames: Map<number, string> | undefined;

/** rt_realms over the built-in "unknown" for 0; the last line for an id wins. */
function realmDb(): Map<number, string> {
  if (realmNames) return realmNames;
  realmNames = new Map([[0, 'unknown']]);
  for (const [id, name] of readIdNames(path.join(CONFDIR, 'rt_realms'))) if (id >= 0 && id <= 256) realmNames.set(id, name);
  return realmNames;
}

/** rtnl_rtrealm_n2a: a realm's name, or its number. */
export function realmName(id: number): string {
  return (id >= 0 && id < 256 ? realmDb().get(id) : undefined) ?? String(id);
}

/** rtnl_rtrealm_a2n: a realm name or a number up to 255. */
export function realmNumber(text: string): number | undefined {
  return lookup([...realmDb()].sort(([a], [b]) => a - b), text, 255n);
}

/** get_rt_realms_or_raw: "FROM/TO" or "TO" of realm names or numbers, else a raw u32. */
export function parseRealms(text: string): number | undefined {
  const slash = text.indexOf('/');
  let from = 0;
  let rest = text;
  let ok = true;
  if (slash >= 0) {
    const f = realmNumber(text.slice(0, slash));
    if (f === undefined) ok = false;
    else from = f;
    rest = text.slice(slash + 1);
  }
  let to = 0;
  if (ok && rest !== '') {
    const t = realmNumber(rest);
    if (t === undefined) ok = false;
    else to = t;
  }
  if (ok) return ((from << 16) | to) >>> 0;
  return parseUnsigned(text);
}

let dsNames: Map<number, string> | undefined;

/** rt_dsfield over the built-in "0" for 0. */
function dsfieldDb(): Map<number, string> {
  if (dsNames) return dsNames;
  dsNames = new Map([[0, '0']]);
  for (const [id, name] of readIdNames(path.join(CONFDIR, 'rt_dsfield'))) if (id >= 0 && id <= 256) dsNames.set(id, name);
  return dsNames;
}

/** rtnl_dsfield_n2a: a DS field value's name, or "0x%02x". */
export function dsfieldName(id: number): string {
  return dsfieldDb().get(id) ?? `0x${id.toString(16).padStart(2, '0')}`;
}

/** rtnl_dsfield_a2n: a DS field name, or a hexadecimal number up to 0xff ("10" is 0x10). */
export function dsfieldNumber(text: string): number | undefined {
  return lookup([...dsfieldDb()].sort(([a], [b]) => a - b), text, 255n, 16);
}

let protocolDb: { byName: Map<string, number>; byNumber: Map<number, string> } | undefined;

/** /etc/protocols: "name number aliases..." lines; the first line of a number names it. */
function protocolsDb(): NonNullable<typeof protocolDb> {
  if (protocolDb) return protocolDb;
  protocolDb = { byName: new Map(), byNumber: new Map() };
  let text = '';
  try {
    text = readFileSync('/etc/protocols', 'utf8');
  } catch {
    return protocolDb;
  }
  for (const raw of text.split('\n')) {
    const words = raw.replace(/#.*/, '').trim().split(/\s+/);
    if (words.length < 2 || !/^\d+$/.test(words[1]!)) continue;
    const n = Number(words[1]);
    if (!protocolDb.byNumber.has(n)) protocolDb.byNumber.set(n, words[0]!);
    for (const name of [words[0]!, ...words.slice(2)]) if (!protocolDb.byName.has(name)) protocolDb.byName.set(name, n);
  }
  return protocolDb;
}

/** inet_proto_n2a: an IP protocol's name, or "ipproto-N". */
export function inetProtoName(n: number): string {
  return protocolsDb().byNumber.get(n) ?? `ipproto-${n}`;
}

/** inet_proto_a2n: a decimal number up to 255, or a protocol name or alias; undefined if neither. */
export function inetProtoNumber(text: string): number | undefined {
  const v = strtoul(text, 10);
  if (v !== undefined && v <= 255n && text !== '') return Number(v);
  return protocolsDb().byName.get(text);
}
