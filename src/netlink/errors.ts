import { errnoCode, errnoText } from './errno.js';

export { errnoCode, errnoText, errorText, codeText } from './errno.js';

/**
 * A byte sequence that is not a well-formed netlink message or attribute. Decoders throw only
 * this; `offset` is the byte position in the buffer being decoded, `attr` the attribute's name.
 */
export class DecodeError extends Error {
  override name = 'DecodeError';
  constructor(message: string, readonly offset?: number, readonly attr?: string) {
    super(attr ? `${attr}: ${message}` : message);
  }
}

/**
 * A value that cannot be written as a netlink attribute: a field name its attribute table does
 * not have (a misspelt option), caught before anything is sent. `attr` is the field's name and
 * `set` the attribute set it was given for (e.g. 'IFLA_VXLAN').
 */
export class EncodeError extends Error {
  override name = 'EncodeError';
  constructor(message: string, readonly set: string, readonly attr: string) {
    super(message);
  }
}

/** What a netlink error names: the operation that failed (e.g. 'RTM_NEWLINK'), optional request. */
export interface NetlinkErrorInit {
  errno: number;
  operation: string;
  message?: string | undefined;
  offset?: number | undefined;
  request?: Uint8Array | undefined;
}

/**
 * The kernel refused a request (NLMSG_ERROR with a negative error), or a system call on the
 * netlink socket failed. Carries the errno, its code ('EEXIST'), the kernel's extended-ack
 * message and offset when it sent them, and the operation that failed.
 */
export class NetlinkError extends Error {
  override name = 'NetlinkError';
  readonly errno: number;
  readonly code: string;
  /** The kernel's extended-ack text, e.g. "Unknown device type". */
  readonly extAck: string | undefined;
  /** Byte offset of the offending attribute in the request, from NLMSGERR_ATTR_OFFS. */
  readonly extAckOffset: number | undefined;
  readonly operation: string;
  readonly request: Uint8Array | undefined;
  constructor(init: NetlinkErrorInit) {
    const code = errnoCode(init.errno);
    super(`${init.operation}: ${init.message ? init.message + ' ' : ''}(${code}: ${errnoText(init.errno)})`);
    this.errno = init.errno;
    this.code = code;
    this.extAck = init.message;
    this.extAckOffset = init.offset;
    this.operation = init.operation;
    this.request = init.request;
  }
}

/** A libc call failed (socket, setns, mount, ...): the call's name and its errno. */
export class SyscallError extends NetlinkError {
  override name = 'SyscallError';
  constructor(readonly syscall: string, errno: number, detail?: string) {
    super({ errno, operation: detail ? `${syscall} ${detail}` : syscall });
  }
}

/**
 * A dump was interrupted (NLM_F_DUMP_INTR) on every try: the table changed while it was read.
 * `partial` holds the replies of the last try.
 */
export class DumpInterruptedError<T = unknown> extends Error {
  override name = 'DumpInterruptedError';
  constructor(readonly operation: string, readonly attempts: number, readonly partial: T[]) {
    super(`${operation}: dump interrupted by concurrent changes ${attempts} times in a row`);
  }
}

/**
 * Switching the main thread back to its own network namespace failed. Nothing more may run:
 * the process is in the wrong namespace. Callers should treat this as fatal.
 */
export class NamespaceEscapeError extends Error {
  override name = 'NamespaceEscapeError';
}
