/**
 * How a command ends badly, as iproute2 ends it. `ip` has two kinds of failure:
 *  - it calls exit() on the spot (bad or missing arguments, unknown commands: status 255, or 1
 *    for a malformed address), which also ends a `-batch` run at once;
 *  - the command returns a failure (a kernel error, a missing device: status 1 or 2), which in
 *    `-batch` prints "Command failed FILE:LINE" and stops (or goes on with -force).
 * The message is what goes to stderr, without its final newline.
 */

/** A failure that ends the whole program, batch included (iproute2's exit() calls). */
export class CliExit extends Error {
  override name = 'CliExit';
  constructor(message: string, readonly status = 255) {
    super(message);
  }
}

/**
 * A failed command: its message (may be empty when already printed) and its exit status; `out`
 * is printed on stdout first (a kind's usage, which ip prints there with printf).
 */
export class CliFailure extends Error {
  override name = 'CliFailure';
  constructor(message: string, readonly status = 1, readonly out?: string) {
    super(message);
  }
}

/** "Command line is not complete. Try option "help"" (NEXT_ARG at the end of the words). */
export const incomplete = (): CliExit => new CliExit('Command line is not complete. Try option "help"');

/** Error: argument "X" is wrong: MSG */
export function invarg(msg: string, arg: string): CliExit {
  return new CliExit(`Error: argument "${arg}" is wrong: ${msg}`);
}

/** Error: duplicate "KEY": "ARG" is the second value. */
export function duparg(key: string, arg: string): CliExit {
  return new CliExit(`Error: duplicate "${key}": "${arg}" is the second value.`);
}

/** Error: either "KEY" is duplicate, or "ARG" is a garbage. */
export function duparg2(key: string, arg: string): CliExit {
  return new CliExit(`Error: either "${key}" is duplicate, or "${arg}" is a garbage.`);
}

/** Cannot find device "X" (a command failure, status 1). */
export function nodev(dev: string): CliFailure {
  return new CliFailure(`Cannot find device "${dev}"`, 1);
}
