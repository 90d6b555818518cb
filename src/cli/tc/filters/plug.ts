/**
 * The CLI side of a filter kind (tc's filter_util: parse_fopt, print_fopt): its printer, typed
 * by the rtnl codec of the same kind.
 */
import type { KnownFilterOptions } from '../../../rtnl/tc/index.js';
import type { Printer } from '../../printer.js';
import type { TcPrintEnv } from '../context.js';

/** What a filter kind's printer gets besides its options. */
export interface FilterPrintEnv extends TcPrintEnv {
  /** tcm_handle: the filter's handle. */
  readonly handle: number;
  /** The filter's Ethernet protocol (host order). */
  readonly protocol: number;
  /** Where tc's side messages go (stderr). */
  err(line: string): void;
}

/** A filter kind's CLI plug. */
export interface FilterPlug<K extends keyof KnownFilterOptions> {
  /** print_fopt: the options (TCA_OPTIONS was there), text or JSON. */
  print(p: Printer, options: KnownFilterOptions[K], env: FilterPrintEnv): void;
}

/** The TCA_CLS_FLAGS_* words tc prints, with their text format (`fmt` holds the separators). */
export function printClsFlags(p: Printer, flags: number, fmt: (word: string) => string): void {
  const word = (w: string): void => p.bool('any', w, fmt(w), true);
  if (flags & 1) word('skip_hw');
  if (flags & 2) word('skip_sw');
  if (flags & 4) word('in_hw');
  else if (flags & 8) word('not_in_hw');
}
