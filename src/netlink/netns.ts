/**
 * Running a few synchronous steps with the main thread inside another network namespace.
 * A netlink socket belongs for life to the namespace of the thread that created it, so this is
 * how a handle for namespace X is made: switch in, create, switch back (in `finally`), verify.
 */
import * as fs from 'node:fs';
import { CLONE_NEWNET } from './constants.js';
import { NamespaceEscapeError } from './errors.js';
import * as ffi from './ffi.js';

/** Where a network namespace is: a bind-mounted nsfs file, an open fd, or a process. */
export type NetnsTarget = { path: string } | { fd: number } | { pid: number };

const SELF_NS = '/proc/thread-self/ns/net';

let homeFd: number | undefined;
let homeIno: number | undefined;

/** An fd on the namespace the main thread started in, opened once and kept. */
function home(): number {
  if (homeFd === undefined) {
    homeFd = fs.openSync(SELF_NS, 'r');
    homeIno = fs.fstatSync(homeFd).ino;
  }
  return homeFd;
}

/** Inode number identifying the namespace the main thread is in now. */
export function currentNetnsInode(): number {
  return fs.statSync(SELF_NS).ino;
}

/** Open an fd on a namespace target (the caller closes it unless it gave us the fd). */
export function openNetns(target: NetnsTarget): { fd: number; owned: boolean } {
  if ('fd' in target) return { fd: target.fd, owned: false };
  const path = 'path' in target ? target.path : `/proc/${target.pid}/ns/net`;
  return { fd: fs.openSync(path, 'r'), owned: true };
}

/** Return the main thread to its home namespace; fatal if that fails. */
export function returnHome(): void {
  const h = home();
  try {
    ffi.setns(h, CLONE_NEWNET);
  } catch (e) {
    throw new NamespaceEscapeError(`cannot return to the original network namespace: ${(e as Error).message}`);
  }
  if (currentNetnsInode() !== homeIno) {
    throw new NamespaceEscapeError('main thread is not in its original network namespace after setns');
  }
}

/**
 * Run `fn` with the main thread inside `target`'s network namespace, then switch back. `fn` must
 * be synchronous: nothing else may run while the thread is away.
 */
export function inNetns<T>(target: NetnsTarget, fn: () => T): T {
  home();
  const { fd, owned } = openNetns(target);
  try {
    ffi.setns(fd, CLONE_NEWNET);
    try {
      return fn();
    } finally {
      returnHome();
    }
  } finally {
    if (owned) fs.closeSync(fd);
  }
}

/**
 * Run `fn` inside a brand-new network namespace (unshare), then switch back. Used to create
 * named namespaces: `fn` bind-mounts /proc/thread-self/ns/net somewhere to keep it alive.
 */
export function inNewNetns<T>(fn: () => T): T {
  home();
  ffi.unshare(CLONE_NEWNET);
  try {
    return fn();
  } finally {
    returnHome();
  }
}
