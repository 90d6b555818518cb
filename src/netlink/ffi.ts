/**
 * The only door to libc: the handful of system calls Node does not offer (AF_NETLINK sockets,
 * setns, unshare, mount), bound through koffi. Each wrapper throws SyscallError with the errno
 * when the call returns -1; the raw recv returns -errno instead, because EAGAIN is routine there.
 */
import koffi, { type TypeObject } from 'koffi';
import { SyscallError } from './errors.js';

type Fn = ((...args: any[]) => any) & { async: (...args: any[]) => void };

let lib: Record<string, Fn> | undefined;

/** Bind libc lazily so that importing the package costs nothing until a socket is opened. */
function libc(): Record<string, Fn> {
  if (lib) return lib;
  const l = koffi.load('libc.so.6');
  const f = (proto: string) => l.func(proto) as Fn;
  lib = {
    socket: f('int socket(int, int, int)'),
    bind: f('int bind(int, void *, uint32_t)'),
    setsockopt: f('int setsockopt(int, int, int, void *, uint32_t)'),
    getsockopt: f('int getsockopt(int, int, int, void *, void *)'),
    getsockname: f('int getsockname(int, void *, void *)'),
    sendto: f('intptr_t sendto(int, void *, size_t, int, void *, uint32_t)'),
    recvfrom: f('intptr_t recvfrom(int, void *, size_t, int, void *, void *)'),
    close: f('int close(int)'),
    setns: f('int setns(int, int)'),
    unshare: f('int unshare(int)'),
    mount: f('int mount(const char *, const char *, const char *, unsigned long, void *)'),
    umount2: f('int umount2(const char *, int)'),
    poll: f('int poll(void *, unsigned long, int)'),
    eventfd: f('int eventfd(unsigned int, int)'),
    write: f('intptr_t write(int, void *, size_t)'),
    flock: f('int flock(int, int)'),
    ioctl: f('int ioctl(int, unsigned long)'),
    syscall: f('long syscall(long, ...)'),
    // ioctl(2) is variadic; these two fix the third argument's type (a pointer, or a value)
    ioctlPtr: l.func('ioctl', 'int', ['int', 'unsigned long', 'void *']) as Fn,
    ioctlInt: l.func('ioctl', 'int', ['int', 'unsigned long', 'unsigned long']) as Fn,
    getpwnam: f('void *getpwnam(const char *)'),
    getpwuid: f('void *getpwuid(uint32_t)'),
    getgrnam: f('void *getgrnam(const char *)'),
    getgrgid: f('void *getgrgid(uint32_t)'),
  };
  return lib;
}

const errno = (): number => koffi.errno();

function check(name: string, rc: number | bigint, detail?: string): number {
  const n = Number(rc);
  if (n < 0) throw new SyscallError(name, errno(), detail);
  return n;
}

export function socket(domain: number, type: number, protocol: number): number {
  return check('socket', libc().socket!(domain, type, protocol));
}
export function bind(fd: number, addr: Uint8Array): void {
  check('bind', libc().bind!(fd, addr, addr.length));
}
export function setsockopt(fd: number, level: number, name: number, value: Uint8Array): void {
  check('setsockopt', libc().setsockopt!(fd, level, name, value, value.length), `(level ${level}, option ${name})`);
}
/** setsockopt with an int value. */
export function setsockoptInt(fd: number, level: number, name: number, value: number): void {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setInt32(0, value, true);
  setsockopt(fd, level, name, b);
}
export function getsockoptInt(fd: number, level: number, name: number): number {
  const b = new Uint8Array(4);
  const len = new Uint32Array([4]);
  check('getsockopt', libc().getsockopt!(fd, level, name, b, len));
  return new DataView(b.buffer).getInt32(0, true);
}
export function getsockname(fd: number, out: Uint8Array): number {
  const len = new Uint32Array([out.length]);
  check('getsockname', libc().getsockname!(fd, out, len));
  return len[0]!;
}
/** sendto(2) to the kernel (no address): returns bytes sent or throws. */
export function send(fd: number, buf: Uint8Array, flags = 0): number {
  return check('sendto', libc().sendto!(fd, buf, buf.length, flags, null, 0));
}
/** recvfrom(2) into `buf`, sender not asked: bytes received (the full length with MSG_TRUNC), or -errno. */
export function recv(fd: number, buf: Uint8Array, flags: number): number {
  const n = Number(libc().recvfrom!(fd, buf, buf.length, flags, null, null));
  return n < 0 ? -errno() : n;
}
/**
 * recvfrom(2) into `buf`: bytes received (the full length with MSG_TRUNC), or -errno. The
 * sender's address is written to `from` (its length, in and out, is `fromLen[0]`).
 */
export function recvFrom(fd: number, buf: Uint8Array, flags: number, from: Uint8Array, fromLen: Uint32Array): number {
  const n = Number(libc().recvfrom!(fd, buf, buf.length, flags, from, fromLen));
  return n < 0 ? -errno() : n;
}
export function close(fd: number): void {
  check('close', libc().close!(fd));
}
export function setns(fd: number, nstype: number): void {
  check('setns', libc().setns!(fd, nstype));
}
export function unshare(flags: number): void {
  check('unshare', libc().unshare!(flags));
}
export function mount(source: string | null, target: string, fstype: string | null, flags: number, data: string | null = null): void {
  check('mount', libc().mount!(source, target, fstype, flags, data), target);
}
export function umount2(target: string, flags: number): void {
  check('umount2', libc().umount2!(target, flags), target);
}
export function flock(fd: number, op: number): void {
  check('flock', libc().flock!(fd, op));
}
/** ioctl(2) with no argument; returns its result or -errno. */
export function ioctlNoArg(fd: number, request: number): number {
  const rc = Number(libc().ioctl!(fd, request));
  return rc < 0 ? -errno() : rc;
}
/** ioctl(2) whose argument points at `arg` (the kernel may write it back, e.g. a struct ifreq); throws SyscallError. */
export function ioctlPtr(fd: number, request: number, arg: Uint8Array, name: string): void {
  check(name, libc().ioctlPtr!(fd, request, arg));
}
/** ioctl(2) whose argument is a value (TUNSETPERSIST's flag, TUNSETOWNER's uid); throws SyscallError. */
export function ioctlInt(fd: number, request: number, value: number, name: string): void {
  check(name, libc().ioctlInt!(fd, request, value));
}

// The leading fields of struct passwd and struct group (<pwd.h>, <grp.h>): name, password, id(s)
let pwTypes: { passwd: TypeObject; group: TypeObject } | undefined;
function pwStructs(): { passwd: TypeObject; group: TypeObject } {
  pwTypes ??= {
    passwd: koffi.struct('rtnl_passwd', { pw_name: 'char *', pw_passwd: 'char *', pw_uid: 'uint32_t', pw_gid: 'uint32_t' }),
    group: koffi.struct('rtnl_group', { gr_name: 'char *', gr_passwd: 'char *', gr_gid: 'uint32_t' }),
  };
  return pwTypes;
}

/** A user's name and uid as libc's getpwnam/getpwuid find it (NSS), or undefined. */
export function getpw(user: string | number): { name: string; uid: number } | undefined {
  const ptr: unknown = typeof user === 'string' ? libc().getpwnam!(user) : libc().getpwuid!(user);
  if (!ptr) return undefined;
  const pw = koffi.decode(ptr, pwStructs().passwd) as { pw_name: string; pw_uid: number };
  return { name: pw.pw_name, uid: pw.pw_uid };
}

/** A group's name and gid as libc's getgrnam/getgrgid find it (NSS), or undefined. */
export function getgr(group: string | number): { name: string; gid: number } | undefined {
  const ptr: unknown = typeof group === 'string' ? libc().getgrnam!(group) : libc().getgrgid!(group);
  if (!ptr) return undefined;
  const gr = koffi.decode(ptr, pwStructs().group) as { gr_name: string; gr_gid: number };
  return { name: gr.gr_name, gid: gr.gr_gid };
}

/** NS_GET_NSTYPE, <linux/nsfs.h>: _IO(0xb7, 0x3); answers the CLONE_NEW* type of an nsfs fd. */
export const NS_GET_NSTYPE = 0xb703;
export function eventfd(initval: number, flags: number): number {
  return check('eventfd', libc().eventfd!(initval, flags));
}
/** Write an 8-byte counter increment to an eventfd (wakes a poll on it). */
export function eventfdSignal(fd: number): void {
  const one = new Uint8Array(8);
  one[0] = 1;
  libc().write!(fd, one, 8);
}

export const POLLIN = 0x1;

/**
 * poll(2) for readability of `fds`, run on a koffi worker thread so the event loop stays free.
 * Resolves with the revents of each fd (timeout -1: forever).
 */
export function pollAsync(fds: number[], timeoutMs = -1): Promise<number[]> {
  const pfd = new Uint8Array(8 * fds.length);
  const dv = new DataView(pfd.buffer);
  fds.forEach((fd, i) => { dv.setInt32(i * 8, fd, true); dv.setInt16(i * 8 + 4, POLLIN, true); });
  return new Promise((resolve, reject) => {
    libc().poll!.async(pfd, fds.length, timeoutMs, (err: unknown, rc: number) => {
      if (err) return reject(err);
      if (rc < 0) return reject(new SyscallError('poll', errno()));
      resolve(fds.map((_, i) => dv.getInt16(i * 8 + 6, true)));
    });
  });
}

// mount(2) flags, <sys/mount.h>
export const MS_RDONLY = 1;
export const MS_NOSUID = 2;
export const MS_NODEV = 4;
export const MS_NOEXEC = 8;
export const MS_REMOUNT = 32;
export const MS_BIND = 4096;
export const MS_REC = 16384;
export const MS_SLAVE = 1 << 19;
export const MS_SHARED = 1 << 20;
export const MS_PRIVATE = 1 << 18;
export const MNT_DETACH = 2;
export const LOCK_EX = 2;
export const LOCK_UN = 8;
export const EFD_CLOEXEC = 0o2000000;
export const EFD_NONBLOCK = 0o4000;

/** __NR_bpf by architecture (the bpf(2) system call has no libc wrapper). */
const NR_BPF: Readonly<Record<string, number>> = { x64: 321, arm64: 280, ia32: 357, arm: 386, riscv64: 280, ppc64: 361, s390x: 351 };

/**
 * bpf(2) with `attr` as the union bpf_attr; `native` is a buffer lent to the kernel by address
 * (a pointer field of `attr`, which `fill` writes given that address), copied back after the call.
 * Returns the call's result (a file descriptor for the *_GET_FD_* commands).
 */
export function bpf(cmd: number, attr: Uint8Array, native?: { buf: Uint8Array; fill: (address: bigint) => void }): number {
  const nr = NR_BPF[process.arch];
  if (nr === undefined) throw new SyscallError('bpf', 38 /* ENOSYS */, `(no bpf syscall number for ${process.arch})`);
  const mem = native ? koffi.alloc('uint8_t', native.buf.length) : undefined;
  try {
    if (mem && native) {
      koffi.encode(mem, koffi.array('uint8_t', native.buf.length), Array.from(native.buf));
      native.fill(BigInt(koffi.address(mem)));
    }
    const rc = check('bpf', libc().syscall!(nr, 'int', cmd, 'void *', attr, 'unsigned int', attr.length));
    if (mem && native) native.buf.set(koffi.decode(mem, koffi.array('uint8_t', native.buf.length)) as number[]);
    return rc;
  } finally {
    if (mem) koffi.free(mem);
  }
}
