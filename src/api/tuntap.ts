/**
 * ip.tuntap: make and remove persistent TUN/TAP devices, as `ip tuntap add|del` does (iproute2's
 * ip/iptuntap.c). The kernel makes tun devices only through ioctls on /dev/net/tun (TUNSETIFF,
 * then TUNSETOWNER / TUNSETGROUP and TUNSETPERSIST), never through RTM_NEWLINK.
 *
 * Namespaces: the device is made in the network namespace of the /dev/net/tun file, which is
 * the namespace of the thread that opened it, fixed at open(). So for a handle opened in another
 * namespace the main thread enters that namespace (as when the handle's socket was made), opens
 * the file, and comes back at once; the ioctls then act in that namespace wherever they run.
 */
import * as fs from 'node:fs';
import { inNetns, SyscallError } from '../netlink/index.js';
import * as ffi from '../netlink/ffi.js';
import {
  encodeIfreq, ifreqName, IFF_MULTI_QUEUE, IFF_NO_PI, IFF_ONE_QUEUE, IFF_TAP, IFF_TUN, IFF_TUN_EXCL, IFF_VNET_HDR,
  TUNSETGROUP, TUNSETIFF, TUNSETOWNER, TUNSETPERSIST,
} from '../rtnl/link/index.js';
import { checkKeys, checkText, checkUint, checkWord, validateIfname } from './check.js';
import type { ApiContext } from './context.js';
import { InvalidArgumentError } from './errors.js';
import { checkBool } from './kinds/tunnel.js';

/** The device file of the tun driver. */
export const TUN_DEVICE = '/dev/net/tun';

/** tun: layer 3 (IP packets, no link-layer header); tap: layer 2 (Ethernet frames). */
export type TuntapMode = 'tun' | 'tap';

/** The flags of a TUN/TAP device (`ip tuntap` words pi, vnet_hdr, multi_queue, one_queue). */
export interface TuntapFlags {
  /** Packets carry the 4-byte packet information header (default false: IFF_NO_PI). */
  pi?: boolean;
  /** Packets carry a virtio_net_hdr (IFF_VNET_HDR). */
  vnetHdr?: boolean;
  /** Several queues, each opened by its own file (IFF_MULTI_QUEUE). */
  multiQueue?: boolean;
  /** IFF_ONE_QUEUE: kept by the kernel and shown, with no effect since Linux 3.8. */
  oneQueue?: boolean;
}

/** What `ip.tuntap.add` takes (`ip tuntap add [dev NAME] mode tun|tap [user U] [group G] ...`). */
export interface TuntapSpec extends TuntapFlags {
  mode: TuntapMode;
  /** The device's name; the kernel picks tunN / tapN when omitted. */
  name?: string;
  /** The owner, a uid or a user name (looked up as libc's getpwnam does): may use the device without CAP_NET_ADMIN. */
  user?: number | string;
  /** The owner group, a gid or a group name. */
  group?: number | string;
}

/** What `ip.tuntap.del` takes: the device's name, and its mode and flags as it was made. */
export interface TuntapDelSpec extends TuntapFlags {
  mode: TuntapMode;
  name: string;
}

const FLAG_KEYS = ['pi', 'vnetHdr', 'multiQueue', 'oneQueue'] as const;
const ADD_KEYS: ReadonlySet<string> = new Set(['mode', 'name', 'user', 'group', ...FLAG_KEYS]);
const DEL_KEYS: ReadonlySet<string> = new Set(['mode', 'name', ...FLAG_KEYS]);

/** "no owner" for TUNSETOWNER / TUNSETGROUP: (uid_t)-1. */
const NO_ID = 0xffffffff;

/** ifr_flags from a mode and flags, as iptuntap.c's parse_args builds them (IFF_NO_PI unless `pi`). */
export function tuntapFlags(spec: Readonly<TuntapFlags & { mode: TuntapMode }>): number {
  let flags = checkWord(spec.mode, 'mode', ['tun', 'tap']) === 'tun' ? IFF_TUN : IFF_TAP;
  const on = (key: keyof TuntapFlags): boolean => spec[key] !== undefined && checkBool(spec[key], key);
  if (!on('pi')) flags |= IFF_NO_PI;
  if (on('oneQueue')) flags |= IFF_ONE_QUEUE;
  if (on('vnetHdr')) flags |= IFF_VNET_HDR;
  if (on('multiQueue')) flags |= IFF_MULTI_QUEUE;
  return flags;
}

/** A uid from a number or a user name (getpwnam). */
export function resolveUser(user: number | string): number {
  if (typeof user === 'number') return checkUint(user, 'user', NO_ID - 1);
  const pw = ffi.getpw(checkText(user, 'user'));
  if (!pw) throw new InvalidArgumentError(`invalid user "${user}"`, 'user');
  return pw.uid;
}

/** A gid from a number or a group name (getgrnam). */
export function resolveGroup(group: number | string): number {
  if (typeof group === 'number') return checkUint(group, 'group', NO_ID - 1);
  const gr = ffi.getgr(checkText(group, 'group'));
  if (!gr) throw new InvalidArgumentError(`invalid group "${group}"`, 'group');
  return gr.gid;
}

/** The name of a user (getpwuid), or undefined when libc knows none. */
export function userName(uid: number): string | undefined {
  return ffi.getpw(uid)?.name;
}

/** The name of a group (getgrgid), or undefined when libc knows none. */
export function groupName(gid: number): string | undefined {
  return ffi.getgr(gid)?.name;
}

/** The arguments of the tun ioctls: TUNSETIFF's name (may be empty) and ifr_flags (IFF_*). */
export interface TuntapRequest {
  /** ifr_name: the device's name, '' for the kernel's pick. */
  name: string;
  /** ifr_flags: IFF_TUN or IFF_TAP and the feature bits (IFF_NO_PI, IFF_MULTI_QUEUE, ...). */
  flags: number;
  /** TUNSETOWNER's uid, or undefined (not sent). */
  uid?: number;
  /** TUNSETGROUP's gid, or undefined (not sent). */
  gid?: number;
}

/**
 * The ioctls of `ip tuntap add` (persist: true) or `del` (persist: false) in the namespace of
 * `ctx` (its own when undefined). Resolves with the device's name (the kernel's pick when none
 * was given). Each failing step throws SyscallError named as ip names it ("ioctl(TUNSETIFF)").
 */
export function tuntapIoctl(netns: ApiContext['netns'], req: Readonly<TuntapRequest>, persist: boolean): string {
  const open = (): number => {
    try {
      return fs.openSync(TUN_DEVICE, 'r+');
    } catch (e) {
      const errno = (e as { errno?: unknown }).errno;
      if (typeof errno === 'number') throw new SyscallError('open', -errno);
      throw e;
    }
  };
  const fd = netns ? inNetns(netns, open) : open();
  try {
    const ifr = encodeIfreq(req.name, req.flags);
    ffi.ioctlPtr(fd, TUNSETIFF, ifr, 'ioctl(TUNSETIFF)');
    if (req.uid !== undefined) ffi.ioctlInt(fd, TUNSETOWNER, req.uid, 'ioctl(TUNSETOWNER)');
    if (req.gid !== undefined) ffi.ioctlInt(fd, TUNSETGROUP, req.gid, 'ioctl(TUNSETGROUP)');
    ffi.ioctlInt(fd, TUNSETPERSIST, persist ? 1 : 0, 'ioctl(TUNSETPERSIST)');
    return ifreqName(ifr);
  } finally {
    fs.closeSync(fd);
  }
}

/** `ip.tuntap`: persistent TUN/TAP devices, made and removed through /dev/net/tun. */
export class TuntapService {
  constructor(private readonly ctx: ApiContext) {}

  /**
   * Make a persistent TUN or TAP device (ip tuntap add); resolves with its name. A name that is
   * taken fails with EBUSY (IFF_TUN_EXCL) rather than attaching to that device. Everything is
   * checked before /dev/net/tun is opened; a failing TUNSETOWNER/TUNSETGROUP leaves nothing behind.
   */
  async add(spec: Readonly<TuntapSpec>): Promise<string> {
    return tuntapIoctl(this.ctx.netns, checkAdd(spec), true);
  }

  /**
   * Remove a persistent TUN or TAP device (ip tuntap del): attach to it by name with its mode
   * and flags (EINVAL when they differ from the device's), then clear its persist flag, so it
   * goes when the file is closed. `ip.link.del` removes one too. A name with no device makes and
   * removes one, as ip does.
   */
  async del(spec: Readonly<TuntapDelSpec>): Promise<void> {
    this.ioctl(checkDel(spec), false);
  }

  /**
   * TUNSETIFF with a request as given (name and raw IFF_* flags, unchecked: the kernel judges
   * them), then TUNSETOWNER/TUNSETGROUP when given and TUNSETPERSIST `persist`; the device's
   * name. What `rtnl-ts tuntap` runs with the flags ip builds from its words.
   */
  ioctl(req: Readonly<TuntapRequest>, persist: boolean): string {
    return tuntapIoctl(this.ctx.netns, req, persist);
  }
}

/** A TuntapDelSpec checked into TUNSETIFF's arguments. */
function checkDel(spec: Readonly<TuntapDelSpec>): TuntapRequest {

  if (!spec || typeof spec !== 'object') throw new InvalidArgumentError('a tuntap spec must be an object');
  checkKeys(spec, DEL_KEYS, 'tuntap del');
  validateIfname(spec.name);
  return { name: spec.name, flags: tuntapFlags(spec) };
}

/** A TuntapSpec checked into the ioctls' arguments (IFF_TUN_EXCL added, as ip adds it). */
export function checkAdd(spec: Readonly<TuntapSpec>): TuntapRequest {
  if (!spec || typeof spec !== 'object') throw new InvalidArgumentError('a tuntap spec must be an object');
  checkKeys(spec, ADD_KEYS, 'tuntap add');
  if (spec.mode === undefined) throw new InvalidArgumentError('a tuntap device needs a mode (tun or tap)', 'mode');
  if (spec.name !== undefined) validateIfname(spec.name);
  const req: TuntapRequest = { name: spec.name ?? '', flags: tuntapFlags(spec) | IFF_TUN_EXCL };
  if (spec.user !== undefined) req.uid = resolveUser(spec.user);
  if (spec.group !== undefined) req.gid = resolveGroup(spec.group);
  return req;
}
