/**
 * Running a few synchronous steps with the main thread inside another network namespace.
 * A netlink socket belongs for life to the namespace of the thread that created it, so this is
 * how a handle for namespace X is made: switch in, create, switch back (in `finally`), verify.
 */
import * as fs from 'node:fs';
import { CLONE_NEWNET } from './constants.js';
import { NamespaceEscapeError, SyscallError } from './errors.js';
import * as ffi from './ffi.js';

/** Where a network namespace is: a bind-mounted nsfs file, an open fd, or a process. */
export type NetnsTarget = { path: string } | { fd: number } | { pid: number };

const SELF_NS = '/proc/thread-self/ns/net';

/** The namespace the main thread is in before a switch: an fd to return to and its inode. */
interface Home { fd: number; ino: number }

function leaveHome(): Home {
  const fd = fs.openSync(SELF_NS, 'r');
  return { fd, ino: fs.fstatSync(fd).ino };
}

/** Inode number identifying the namespace the main thread is in now. */
export function currentNetnsInode(): number {
  return fs.statSync(SELF_NS).ino;
}

/**
 * Open an fd on a namespace target (the caller closes it unless it gave us the fd). A file that
 * cannot be opened throws SyscallError('open', errno, path).
 */
export function openNetns(target: NetnsTarget): { fd: number; owned: boolean } {
  if ('fd' in target) return { fd: target.fd, owned: false };
  const path = 'path' in target ? target.path : `/proc/${target.pid}/ns/net`;
  try {
    return { fd: fs.openSync(path, 'r'), owned: true };
  } catch (e) {
    const errno = (e as { errno?: unknown }).errno;
    if (typeof errno === 'number') throw new SyscallError('open', -errno, path);
    throw e;
  }
}

/** Return the main thread to `home` and close its fd; fatal if the switch fails. */
function returnHome(home: Home): void {
  try {
    ffi.setns(home.fd, CLONE_NEWNET);
  } catch (e) {
    throw new NamespaceEscapeError(`cannot return to the original network namespace: ${(e as Error).message}`);
  }
  fs.closeSync(home.fd);
  if (currentNetnsInode() !== home.ino) {
    throw new NamespaceEscapeError('main thread is not in its original network namespace after setns');
  }
}

/**
 * Run `fn` with the main thread inside `target`'s network namespace, then switch back. `fn` must
 * be synchronous: nothing else may run while the thread is away.
 */
export function inNetns<T>(target: NetnsTarget, fn: () => T): T {
  const { fd, owned } = openNetns(target);
  try {
    return away(() => ffi.setns(fd, CLONE_NEWNET), fn);
  } finally {
    if (owned) fs.closeSync(fd);
  }
}

/**
 * Run `fn` inside a brand-new network namespace (unshare), then switch back. Used to create
 * named namespaces: `fn` bind-mounts /proc/thread-self/ns/net somewhere to keep it alive.
 */
export function inNewNetns<T>(fn: () => T): T {
  return away(() => ffi.unshare(CLONE_NEWNET), fn);
}

/** Leave home with `enter`, run `fn` there, and come back whatever happens. */
function away<T>(enter: () => void, fn: () => T): T {
  const home = leaveHome();
  try {
    enter();
  } catch (e) {
    fs.closeSync(home.fd);
    throw e;
  }
  try {
    return fn();
  } finally {
    returnHome(home);
  }
}
