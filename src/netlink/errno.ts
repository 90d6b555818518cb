/**
 * Error numbers (<asm-generic/errno-base.h>, <asm-generic/errno.h>) and their texts: the one
 * table of strerror(3) words (glibc's) that the library and the CLI print, for the errnos
 * rtnetlink, the namespace code and the file system calls return.
 */
import { constants as osConstants } from 'node:os';

/** errno number -> symbolic code ('EEXIST'), from Node's own table so we keep no copy. */
const codeByErrno = new Map<number, string>(
  Object.entries(osConstants.errno).map(([code, n]) => [n, code]),
);

/** Symbolic name of an errno value, e.g. 17 -> 'EEXIST'; 'E<n>' when unknown. */
export function errnoCode(errno: number): string {
  return codeByErrno.get(errno) ?? `E${errno}`;
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

/** Errnos the code raises itself, by name. */
export const EBADF = osConstants.errno.EBADF;
export const ENODATA = osConstants.errno.ENODATA;
export const EBADMSG = osConstants.errno.EBADMSG;

/** strerror(3) text of an errno, e.g. 17 -> "File exists". */
export function errnoText(errno: number): string {
  return STRERROR[errnoCode(errno)] ?? `Unknown error ${errno}`;
}

/** strerror(3) text of a symbolic code ('ENOENT'), or undefined when it has none here. */
export function codeText(code: string): string | undefined {
  return STRERROR[code];
}

/** The strerror text of an error with a `code` (a Node fs error, a NetlinkError), else its message. */
export function errorText(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return (typeof code === 'string' ? STRERROR[code] : undefined) ?? (e instanceof Error ? e.message : String(e));
}
