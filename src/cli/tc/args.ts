/**
 * Word readers the tc plugs share, with tc's side messages: percentage rates (tc_util.c
 * get_percent_rate / read_prop), sizes with a cell (get_size_and_cell), action controls
 * (action_a2n), link layers (get_linklayer). A reader returns the value, or undefined after
 * adding the lines tc prints to `err`.
 */
import { readFileSync } from 'node:fs';
import { getInteger } from './numbers.js';
import { parsePercent, parseRate, parseRate64, parseSize } from '../../api/tc/units.js';
import { TC_LINKLAYER_ATM, TC_LINKLAYER_ETHERNET } from '../../rtnl/tc/index.js';
import { errorText } from '../../netlink/errno.js';
import { CliFailure } from '../errors.js';
import { matches } from '../words.js';

/** Lines tc printed to stderr before it gave up. */
export type Err = string[];

/**
 * What reading /sys/class/net/DEV/speed gave, as seen in the command's namespace (tc -n remounts
 * /sys there): the text, or the error of the open or of the read.
 */
export type SpeedRead = { text: string } | { error: 'open' | 'read'; message: string };

/** Read the speed file here (the command runs in this process's namespace). */
export function readSpeedFile(dev: string): SpeedRead {
  try {
    return { text: readFileSync(`/sys/class/net/${dev}/speed`, 'utf8') };
  } catch (e) {
    const code = (e as { code?: string }).code;
    // fopen succeeds on a sysfs file whose read fails (EINVAL: a device without a speed).
    return { error: code === 'EINVAL' ? 'read' : 'open', message: errorText(e) };
  }
}

/** What the kind readers get from the command: its device and that device's speed file. */
export interface RateEnv {
  readonly dev: string | undefined;
  /** The speed file, read before the words when one of them is a percentage. */
  readonly speed?: SpeedRead;
}

/** read_prop(dev, "speed"): the device's speed, or undefined with tc's messages. */
function readSpeed(env: RateEnv, err: Err): number | undefined {
  const file = `/sys/class/net/${env.dev}/speed`;
  const r = env.speed ?? readSpeedFile(env.dev!);
  if ('error' in r) {
    if (r.error === 'read') err.push(`property "speed" in file ${file} is currently unknown`, `Failed to parse ${file}`);
    else err.push(`fopen ${file}: ${r.message}`);
    return undefined;
  }
  const text = r.text;
  const line = text.split('\n')[0]!;
  const m = /^\s*[+-]?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(line);
  if (!m) {
    err.push(`value "${line}" in file ${file} is not a number`, `Failed to parse ${file}`);
    return undefined;
  }
  return Number(line.trim());
}

/** parse_percent_rate: the rate text (`%lf` of bits/s) for a percentage of the device's speed. */
function percentRateText(word: string, env: RateEnv, err: Err): string | undefined {
  if (!env.dev) {
    err.push('No device specified; specify device to rate limit by percentage');
    return undefined;
  }
  const mbit = readSpeed(env, err);
  if (mbit === undefined) return undefined;
  const m = /^[0-9.%]+/.exec(word);
  const perc = m ? parsePercent(m[0]) : undefined;
  if (perc === 'range') {
    err.push(`Invalid rate specified; should be between [0,100]% but is ${word}`);
    return undefined;
  }
  if (perc === undefined) {
    err.push('Specified rate value could not be read or is malformed');
    return undefined;
  }
  const text = (perc * mbit * 1000 * 1000).toFixed(6);
  if (text.length >= 20) {
    err.push('Unable to parse calculated rate');
    return undefined;
  }
  return text;
}

/** A rate word as tc's kinds read it: get_percent_rate64 when it has a '%', else get_rate64. */
export function rate64Word(word: string, env: RateEnv, err: Err): bigint | undefined {
  if (!word.includes('%')) return parseRate64(word);
  const text = percentRateText(word, env, err);
  return text === undefined ? undefined : parseRate64(text);
}

/** The 32-bit form (get_percent_rate / get_rate). */
export function rateWord(word: string, env: RateEnv, err: Err): number | undefined {
  if (!word.includes('%')) return parseRate(word);
  const text = percentRateText(word, env, err);
  return text === undefined ? undefined : parseRate(text);
}

/** get_size_and_cell: `SIZE` or `SIZE/CELL` (a power of two); the word kept for the API. */
export function sizeCellWord(word: string): { size: number; cellLog: number } | undefined {
  const slash = word.indexOf('/');
  const size = parseSize(slash < 0 ? word : word.slice(0, slash));
  if (size === undefined) return undefined;
  if (slash < 0) return { size, cellLog: -1 };
  const cell = getInteger(word.slice(slash + 1));
  if (cell === undefined) return undefined;
  for (let i = 0; i < 32; i++) if (((1 << i) | 0) === cell) return { size, cellLog: i };
  return undefined;
}

/** get_linklayer. */
export function linklayerWord(word: string): 'ethernet' | 'atm' | undefined {
  if (matches(word, 'ethernet')) return 'ethernet';
  if (matches(word, 'atm') || matches(word, 'adsl')) return 'atm';
  return undefined;
}

export const LINKLAYER_VALUE = { ethernet: TC_LINKLAYER_ETHERNET, atm: TC_LINKLAYER_ATM } as const;

/** A parse failure of a kind's words: tc's lines on stderr, status 1 (parse_qopt returned -1). */
export function parseFailure(...lines: (string | string[] | undefined)[]): CliFailure {
  const flat = lines.flat().filter((l): l is string => l !== undefined);
  return new CliFailure(flat.join('\n').replace(/\n+$/, ''), 1);
}
