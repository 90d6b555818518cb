/** Errors raised by the API layer before anything is sent, in iproute2's words where it has some. */

/** A device named by the caller does not exist (iproute2: `Cannot find device "veth9"`). */
export class NoSuchDeviceError extends Error {
  override name = 'NoSuchDeviceError';
  readonly code = 'ENODEV';
  constructor(readonly device: string | number) {
    super(`Cannot find device "${device}"`);
  }
}

/** Input rejected locally, before any request: a bad name, CIDR, MAC, MTU, option. */
export class InvalidArgumentError extends TypeError {
  override name = 'InvalidArgumentError';
  readonly code = 'EINVAL';
  constructor(message: string, readonly argument?: string) {
    super(message);
  }
}

/** A named network namespace does not exist or is not one. */
export class NoSuchNetnsError extends Error {
  override name = 'NoSuchNetnsError';
  readonly code = 'ENOENT';
  constructor(readonly netns: string, detail?: string) {
    super(detail ?? `Cannot open network namespace "${netns}": No such file or directory`);
  }
}

/**
 * A spec carried a key its kind does not have (a misspelt option): nothing was sent. `key` is the
 * key, `kind` the link kind (or the object, e.g. 'link set') it was given for.
 */
export class UnknownOptionError extends InvalidArgumentError {
  override name = 'UnknownOptionError';
  constructor(readonly key: string, readonly kind: string) {
    super(`unknown option "${key}" for ${kind}`, key);
  }
}
