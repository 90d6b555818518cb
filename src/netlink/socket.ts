/**
 * An AF_NETLINK socket: open (optionally inside another network namespace), options, send,
 * non-blocking receive, and an asynchronous wait for readability that `close()` cancels at once.
 */
import { EBADF } from './errno.js';
import * as ffi from './ffi.js';
import {
  AF_NETLINK, SOCK_RAW, SOCK_CLOEXEC, NETLINK_ROUTE, SOL_SOCKET, SOL_NETLINK, SO_RCVBUF, SO_RCVBUFFORCE,
  SO_SNDBUF, NETLINK_EXT_ACK, NETLINK_GET_STRICT_CHK, NETLINK_CAP_ACK, NETLINK_ADD_MEMBERSHIP,
  NETLINK_DROP_MEMBERSHIP, NETLINK_LISTEN_ALL_NSID, MSG_DONTWAIT, MSG_TRUNC,
} from './constants.js';
import { NetlinkError, SyscallError } from './errors.js';
import { inNetns, type NetnsTarget } from './netns.js';

/** Options of a netlink socket; every field has a documented default. */
export interface SocketOptions {
  /** Netlink protocol. Default NETLINK_ROUTE (0). */
  protocol: number;
  /** Receive buffer in bytes. Default 1 MiB (SO_RCVBUFFORCE when privileged, else SO_RCVBUF). */
  rcvbuf: number;
  /** Send buffer in bytes. Default: the kernel's. */
  sndbuf: number;
  /** Extended acks: the kernel explains its refusals. Default true. */
  extAck: boolean;
  /** Strict checking of requests and kernel-side dump filtering. Default true. */
  strictCheck: boolean;
  /** Errors echo only the request's header, not the whole request. Default true. */
  capAck: boolean;
  /** Namespace the socket lives in. Default: the caller's. */
  netns: NetnsTarget | undefined;
}

const DEFAULTS: SocketOptions = {
  protocol: NETLINK_ROUTE, rcvbuf: 1 << 20, sndbuf: 0, extAck: true, strictCheck: true, capAck: true, netns: undefined,
};

/** sizeof(struct sockaddr_nl): family, pad, nl_pid, nl_groups. */
const SOCKADDR_NL_SIZE = 12;

/** Size of the receive buffer: larger than any datagram rtnetlink builds (dumps cap at 32 KiB). */
const RECV_BUFFER = 256 * 1024;

/** A NETLINK_ROUTE socket (AF_NETLINK, non-blocking) reached through koffi: send, receive, groups, options. */
export class NetlinkSocket {
  readonly fd: number;
  /** The port id the kernel assigned (nl_pid). */
  readonly portId: number;
  private readonly recvBuf = new Uint8Array(RECV_BUFFER);
  /** The sender of the last datagram read: struct sockaddr_nl, nl_pid its second u32 (host order). */
  private readonly from = new Uint32Array(3);
  private readonly fromBytes = new Uint8Array(this.from.buffer);
  private readonly fromLen = new Uint32Array(1);
  /** Datagrams dropped because another socket, not the kernel, sent them (sender nl_pid != 0). */
  foreignDropped = 0;
  private cancelFd = -1;
  private waiting: Promise<boolean> | undefined;
  private closed = false;

  private constructor(fd: number) {
    this.fd = fd;
    const sa = new Uint8Array(12);
    sa[0] = AF_NETLINK;
    ffi.bind(fd, sa);
    ffi.getsockname(fd, sa);
    this.portId = new DataView(sa.buffer).getUint32(4, true);
  }

  /** Open, configure and bind a socket (inside `opts.netns` when given). */
  static open(options: Readonly<Partial<SocketOptions>> = {}): NetlinkSocket {
    const o = { ...DEFAULTS, ...options };
    const create = () => ffi.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, o.protocol);
    const fd = o.netns ? inNetns(o.netns, create) : create();
    try {
      const s = new NetlinkSocket(fd);
      s.configure(o);
      return s;
    } catch (e) {
      ffi.close(fd);
      throw e;
    }
  }

  private configure(o: SocketOptions): void {
    try {
      ffi.setsockoptInt(this.fd, SOL_SOCKET, SO_RCVBUFFORCE, o.rcvbuf);
    } catch {
      ffi.setsockoptInt(this.fd, SOL_SOCKET, SO_RCVBUF, o.rcvbuf);
    }
    if (o.sndbuf) ffi.setsockoptInt(this.fd, SOL_SOCKET, SO_SNDBUF, o.sndbuf);
    if (o.extAck) ffi.setsockoptInt(this.fd, SOL_NETLINK, NETLINK_EXT_ACK, 1);
    if (o.strictCheck) ffi.setsockoptInt(this.fd, SOL_NETLINK, NETLINK_GET_STRICT_CHK, 1);
    if (o.capAck) ffi.setsockoptInt(this.fd, SOL_NETLINK, NETLINK_CAP_ACK, 1);
  }

  /** Join a multicast group (RTNLGRP_*). */
  addMembership(group: number): void {
    ffi.setsockoptInt(this.fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, group);
  }
  /** Leave multicast group `group` (NETLINK_DROP_MEMBERSHIP). */
  dropMembership(group: number): void {
    ffi.setsockoptInt(this.fd, SOL_NETLINK, NETLINK_DROP_MEMBERSHIP, group);
  }
  /** Receive notifications of peer namespaces too (NETLINK_LISTEN_ALL_NSID). */
  listenAllNsid(on = true): void {
    ffi.setsockoptInt(this.fd, SOL_NETLINK, NETLINK_LISTEN_ALL_NSID, on ? 1 : 0);
  }
  /** Set the receive buffer size (SO_RCVBUF, unprivileged form; the kernel doubles it). */
  setReceiveBuffer(bytes: number, force = false): void {
    ffi.setsockoptInt(this.fd, SOL_SOCKET, force ? SO_RCVBUFFORCE : SO_RCVBUF, bytes);
  }

  /** Send one datagram (one or more messages). */
  send(buf: Uint8Array): void {
    if (this.closed) throw new NetlinkError({ errno: EBADF, operation: 'send on a closed socket' });
    ffi.send(this.fd, buf);
  }

  /**
   * Receive one datagram from the kernel without blocking. Returns a view into a buffer reused by
   * the next call, or a negative errno (-EAGAIN when nothing is queued, -ENOBUFS after the kernel
   * dropped data). Datagrams another socket sent (sender nl_pid != 0: a process forging answers
   * or notifications) are dropped and counted in `foreignDropped`.
   */
  recv(): Uint8Array | number {
    if (this.closed) return -9;
    for (;;) {
      this.fromLen[0] = SOCKADDR_NL_SIZE;
      const n = ffi.recvFrom(this.fd, this.recvBuf, MSG_DONTWAIT | MSG_TRUNC, this.fromBytes, this.fromLen);
      if (n < 0) return n;
      if (this.from[1] !== 0 || this.fromLen[0] !== SOCKADDR_NL_SIZE) {
        this.foreignDropped++;
        continue;
      }
      if (n > this.recvBuf.length) throw new SyscallError('recvfrom', 90, `(datagram of ${n} bytes truncated)`);
      return this.recvBuf.subarray(0, n);
    }
  }

  /**
   * Wait until the socket is readable. Resolves true when it is, false once the socket is closed.
   * One poll runs at a time; concurrent waiters share it.
   */
  waitReadable(): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (this.waiting) return this.waiting;
    if (this.cancelFd < 0) this.cancelFd = ffi.eventfd(0, ffi.EFD_CLOEXEC | ffi.EFD_NONBLOCK);
    this.waiting = ffi.pollAsync([this.fd, this.cancelFd]).then(
      (rev) => {
        this.waiting = undefined;
        if (this.closed) { this.release(); return false; }
        return (rev[0] ?? 0) !== 0;
      },
      (e) => { this.waiting = undefined; if (this.closed) { this.release(); return false; } throw e; },
    );
    return this.waiting;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Close the socket; a pending `waitReadable` resolves false at once. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.waiting) ffi.eventfdSignal(this.cancelFd); // fds are released once the poll returns
    else this.release();
  }

  private release(): void {
    ffi.close(this.fd);
    if (this.cancelFd >= 0) ffi.close(this.cancelFd);
    this.cancelFd = -1;
  }
}
