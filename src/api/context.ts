/** What every API service shares: the connection, the namespace it lives in, device lookup. */
import { Conn, MessageWriter, NetlinkError, type NetnsTarget } from '../netlink/index.js';
import { BUILTIN_LINK_KINDS, type LinkKindRegistry } from '../rtnl/link/registry.js';
import { BUILTIN_TC_KINDS, type TcKindRegistry } from '../rtnl/tc/registry.js';
import { NoSuchDeviceError, InvalidArgumentError } from './errors.js';
import { checkText } from './check.js';

const RTM_GETLINK = 18;
const IFLA_IFNAME = 3;
const IFLA_EXT_MASK = 29;
const RTEXT_FILTER_SKIP_STATS = 1 << 3;

/** A device as the caller names it: its name or its ifindex. */
export type Dev = string | number;

export class ApiContext {
  constructor(
    readonly conn: Conn,
    /** The namespace this handle's socket lives in; undefined for the caller's own. */
    readonly netns: NetnsTarget | undefined,
    /** The namespace's name under /run/netns, when it was opened by name. */
    readonly netnsName: string | undefined,
    /** How link kind data is decoded and encoded on this handle. */
    readonly kinds: LinkKindRegistry = BUILTIN_LINK_KINDS,
    /** How tc kinds' options are decoded and encoded on this handle. */
    readonly tcKinds: TcKindRegistry = BUILTIN_TC_KINDS,
  ) {}

  private readonly closers = new Set<() => void>();
  /** Run `fn` when the handle closes (monitors close their own sockets with it). */
  onClose(fn: () => void): void { this.closers.add(fn); }
  offClose(fn: () => void): void { this.closers.delete(fn); }
  /** Close the connection and everything opened beside it. */
  close(): void {
    for (const fn of [...this.closers]) fn();
    this.closers.clear();
    this.conn.close();
  }

  /** An ifindex given as a number, checked (no lookup): callers on bulk paths skip the await. */
  checkIndex(dev: number): number {
    if (!Number.isInteger(dev) || dev <= 0 || dev > 0x7fffffff) throw new InvalidArgumentError(`invalid ifindex ${dev}`);
    return dev;
  }

  /**
   * The ifindex of `dev`. A number is taken as an ifindex as it is, with no request: the kernel
   * checks it in the operation itself (and answers ENODEV), which saves a round trip per call for
   * callers that already know their indexes. A name is looked up with RTM_GETLINK; a missing one
   * throws NoSuchDeviceError (iproute2's `Cannot find device "x"`).
   */
  async ifindex(dev: Dev): Promise<number> {
    if (typeof dev === 'number') return this.checkIndex(dev);
    checkText(dev, 'device');
    if (dev.length === 0 || Buffer.byteLength(dev) > 15) throw new NoSuchDeviceError(dev);
    const w = new MessageWriter(RTM_GETLINK, 0, 64);
    w.skip(16);
    w.str(IFLA_IFNAME, dev);
    w.u32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
    try {
      const reply = await this.conn.get(w.finish(), 'RTM_GETLINK');
      if (!reply || reply.payload.length < 16) throw new NoSuchDeviceError(dev);
      return new DataView(reply.payload.buffer, reply.payload.byteOffset, 16).getInt32(4, true);
    } catch (e) {
      if (e instanceof NetlinkError && (e.code === 'ENODEV' || e.code === 'ENOENT')) throw new NoSuchDeviceError(dev);
      throw e;
    }
  }
}
