/**
 * Errors to stderr in iproute2's words. A kernel refusal prints its extended-ack text as
 * "Error: TEXT." when the kernel sent one, else "RTNETLINK answers: STRERROR" (lib/libnetlink.c);
 * a missing device prints `Cannot find device "x"`. Without CAP_NET_ADMIN, a second line says so.
 */
import { NetlinkError, errnoText } from '../netlink/errors.js';
import { InvalidArgumentError, NoSuchDeviceError, NoSuchNetnsError } from '../api/errors.js';
import { CliExit, CliFailure } from './errors.js';

/** What to print and which status to end with. `exit` ends a batch run too. */
export interface Report {
  message: string;
  status: number;
  exit: boolean;
  /** Printed on stdout before the message. */
  out?: string;
}

/** The ext-ack line as iproute2 prints it: "Error: TEXT" plus a final '.' if TEXT has none. */
export function extAckLine(msg: string): string {
  return `Error: ${msg}${msg.endsWith('.') ? '' : '.'}`;
}

/** The lines iproute2 prints for a kernel error. */
export function kernelErrorText(e: NetlinkError): string {
  const lines = e.extAck ? [extAckLine(e.extAck)] : [`RTNETLINK answers: ${errnoText(e.errno)}`];
  if (e.code === 'EPERM' || (e.code === 'EACCES' && !e.extAck)) lines.push(privilegeHint());
  return lines.join('\n');
}

/** The hint printed after a permission error: which capability the operation needs. */
export function privilegeHint(cap: 'CAP_NET_ADMIN' | 'CAP_SYS_ADMIN' = 'CAP_NET_ADMIN'): string {
  const uid = process.getuid?.();
  return `rtnl-ts: this needs ${cap}${uid !== undefined && uid !== 0 ? ' (you are not root: try sudo)' : ''}`;
}

/** Namespace and mount system calls need CAP_SYS_ADMIN; netlink requests CAP_NET_ADMIN. */
const SYS_ADMIN_CALLS = /^(mount|umount2?|unshare|setns)\b/;

/**
 * Map any error a command threw to a report. `kernelStatus` is the status of a kernel refusal
 * for the failing command (iproute2 returns -2, status 2, from most requests).
 */
export function report(e: unknown, kernelStatus = 2): Report {
  if (e instanceof CliExit) return { message: e.message, status: e.status, exit: true };
  if (e instanceof CliFailure) return { message: e.message, status: e.status, exit: false, ...(e.out !== undefined ? { out: e.out } : {}) };
  if (e instanceof NoSuchDeviceError) return { message: e.message, status: 1, exit: false };
  if (e instanceof NoSuchNetnsError) return { message: e.message, status: 1, exit: false };
  if (e instanceof NetlinkError) {
    const syscall = (e as { syscall?: string }).syscall;
    if (syscall) {
      const text = `${syscall}: ${errnoText(e.errno)}`;
      const cap = SYS_ADMIN_CALLS.test(syscall) ? 'CAP_SYS_ADMIN' : 'CAP_NET_ADMIN';
      return { message: e.code === 'EPERM' ? `${text}\n${privilegeHint(cap)}` : text, status: 1, exit: false };
    }
    return { message: kernelErrorText(e), status: kernelStatus, exit: false };
  }
  if (e instanceof InvalidArgumentError) return { message: `Error: ${e.message}`, status: 255, exit: true };
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') {
    return { message: `${(e as Error).message}\n${privilegeHint()}`, status: 1, exit: false };
  }
  return { message: e instanceof Error ? e.message : String(e), status: 1, exit: false };
}
