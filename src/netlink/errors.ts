import { constants as osConstants } from 'node:os';

/** errno number -> symbolic code ('EEXIST'), from Node's own table so we keep no copy. */
const codeByErrno = new Map<number, string>(
  Object.entries(osConstants.errno).map(([code, n]) => [n, code]),
);

/** Symbolic name of an errno value, e.g. 17 -> 'EEXIST'; 'E<n>' when unknown. */
export function errnoCode(errno: number): string {
  return codeByErrno.get(errno) ?? `E${errno}`;
}

/** Human text for an errno, matching strerror(3) for the common rtnetlink cases. */
export function errnoText(errno: number): string {
  return STRERROR[errnoCode(errno)] ?? `Unknown error ${errno}`;
}

// strerror(3) texts (glibc) for the errnos rtnetlink and the namespace code return. iproute2
// prints these after "RTNETLINK answers: ", so the CLI needs them word for word.
const STRERROR: Record<string, string> = {
  EPERM: 'Operation not permitted', ENOENT: 'No such file or directory', ESRCH: 'No such process',
  EINTR: 'Interrupted system call', EIO: 'Input/output error', ENXIO: 'No such device or address',
  E2BIG: 'Argument list too long', EBADF: 'Bad file descriptor', EAGAIN: 'Resource temporarily unavailable',
  ENOMEM: 'Cannot allocate memory', EACCES: 'Permission denied', EFAULT: 'Bad address',
  EBUSY: 'Device or resource busy', EEXIST: 'File exists', EXDEV: 'Invalid cross-device link',
  ENODEV: 'No such device', ENOTDIR: 'Not a directory', EISDIR: 'Is a directory',
  EINVAL: 'Invalid argument', ENFILE: 'Too many open files in system', EMFILE: 'Too many open files',
  ENOSPC: 'No space left on device', EROFS: 'Read-only file system', ERANGE: 'Numerical result out of range',
  ENAMETOOLONG: 'File name too long', ENOTEMPTY: 'Directory not empty', ENOBUFS: 'No buffer space available',
  EOPNOTSUPP: 'Operation not supported', EAFNOSUPPORT: 'Address family not supported by protocol',
  EADDRINUSE: 'Address already in use', EADDRNOTAVAIL: 'Cannot assign requested address',
  ENETDOWN: 'Network is down', ENETUNREACH: 'Network is unreachable', EHOSTUNREACH: 'No route to host',
  EPROTONOSUPPORT: 'Protocol not supported', ENOTSUP: 'Operation not supported', ENOTSOCK: 'Socket operation on non-socket',
  EMSGSIZE: 'Message too long', ENOTCONN: 'Transport endpoint is not connected', ETIMEDOUT: 'Connection timed out',
  ENOSYS: 'Function not implemented', ENODATA: 'No data available', EPROTO: 'Protocol error',
  EOVERFLOW: 'Value too large for defined data type', ENOTTY: 'Inappropriate ioctl for device',
  ENOLINK: 'Link has been severed', EALREADY: 'Operation already in progress', ENOTUNIQ: 'Name not unique on network',
  ESOCKTNOSUPPORT: 'Socket type not supported', EDESTADDRREQ: 'Destination address required',
};

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
