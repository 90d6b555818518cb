/**
 * The CLI side of a qdisc kind (tc's qdisc_util: parse_qopt, print_qopt, print_xstats and, for
 * classful kinds, parse_copt / print_copt): the words after the kind read into the API's options
 * for that kind, and the printers of its options and xstats. Typed by the API's driver and the
 * rtnl codec of the same kind, so a plug that reads a word into an option the driver lacks, or
 * prints a field the codec lacks, does not compile.
 */
import type { ClassKindOptions, KnownClassKind, KnownQdiscKind, QdiscKindOptions } from '../../../api/tc/qdiscs/index.js';
import type { KnownClassOptions, KnownClassXstats, KnownQdiscOptions, KnownQdiscXstats } from '../../../rtnl/tc/index.js';
import type { Printer } from '../../printer.js';
import type { Words } from '../../words.js';
import type { RateEnv } from '../args.js';
import type { TcPrintEnv } from '../context.js';

/** What a kind's words may need: the device and its speed (for percentage rates), the kind named. */
export interface TcWordsEnv extends RateEnv {
  readonly kind: string;
}

type Opt<K extends string> = K extends KnownQdiscKind ? Partial<QdiscKindOptions<K>> : never;
type ClassOpt<K extends string> = K extends KnownClassKind ? Partial<ClassKindOptions<K>> : never;

/** A qdisc kind's CLI plug. */
export interface QdiscPlug<K extends keyof KnownQdiscOptions> {
  /**
   * Read every word after the kind (the cursor is on the first; none are left after), as the
   * kind's parse_qopt: bad words throw CliFailure with tc's message (status 1).
   */
  parse?(words: Words, env: TcWordsEnv): Opt<K>;
  /** print_qopt: the options, text or JSON. */
  print?(p: Printer, options: KnownQdiscOptions[K], env: TcPrintEnv): void;
  /** print_xstats: the kind's statistics under -s. */
  printXstats?(p: Printer, xstats: KnownQdiscXstats[K], env: TcPrintEnv): void;
  /** parse_copt: the words of `tc class add ... K ...`. */
  parseClass?(words: Words, env: TcWordsEnv): ClassOpt<K>;
  /** print_copt. */
  printClass?(p: Printer, options: KnownClassOptions[K], env: TcPrintEnv): void;
  /** print_xstats of a class. */
  printClassXstats?(p: Printer, xstats: KnownClassXstats[K], env: TcPrintEnv): void;
}

/** A plug with its kind erased (each plug's methods take their own kind's types; each one fits). */
export interface AnyQdiscPlug {
  parse?(words: Words, env: TcWordsEnv): object;
  print?(p: Printer, options: any, env: TcPrintEnv): void;
  printXstats?(p: Printer, xstats: any, env: TcPrintEnv): void;
  parseClass?(words: Words, env: TcWordsEnv): object;
  printClass?(p: Printer, options: any, env: TcPrintEnv): void;
  printClassXstats?(p: Printer, xstats: any, env: TcPrintEnv): void;
}
