/**
 * The CLI side of an action kind (tc's action_util: parse_aopt, print_aopt): its printer, typed
 * by the rtnl codec of the same kind.
 */
import type { KnownActionOptions } from '../../../rtnl/tc/index.js';
import type { Printer } from '../../printer.js';
import type { TcPrintEnv } from '../context.js';

/** An action kind's CLI plug. */
export interface ActionPlug<K extends keyof KnownActionOptions> {
  /**
   * print_aopt: the kind and its options (undefined when the action came without them), text or
   * JSON. Returns the line tc writes to stderr when it cannot print them.
   */
  print(p: Printer, options: KnownActionOptions[K] | undefined, env: TcPrintEnv): string | undefined;
}
