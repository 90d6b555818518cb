/**
 * IpRoute: the handle users hold. One netlink connection in one network namespace, and the
 * services over it (link, addr, route, neigh, rule, nexthop, netns) plus live events (monitor).
 */
import { Conn, SyscallError, type NetnsTarget, type SocketOptions } from '../netlink/index.js';
import type { LinkKindRegistry } from '../rtnl/link/index.js';
import type { TcKindRegistry } from '../rtnl/tc/index.js';
import { ApiContext } from './context.js';
import { checkText } from './check.js';
import { NoSuchNetnsError } from './errors.js';
import { LinkService } from './link.js';
import { AddrService } from './addr.js';
import { RouteService } from './route.js';
import { NeighService } from './neigh.js';
import { MaddressService } from './maddress.js';
import { NetconfService } from './netconf.js';
import { RuleService } from './rule.js';
import { NexthopService } from './nexthop.js';
import { TcService } from './tc/index.js';
import { BridgeService } from './bridge.js';
import { TuntapService } from './tuntap.js';
import { NetnsService, checkPid, openTarget } from './netns.js';
import { monitor, type MonitorGroup, type MonitorEvent, type MonitorOptions } from './monitor.js';
import { runBatch, type BatchBuilder, type BatchItemResult, type BatchOptions } from './batch.js';
import { watch, type WatchEvent, type WatchKind, type WatchOptions } from './watch.js';

/** Where the handle lives; the default is the caller's own network namespace. */
export interface OpenOptions {
  /** A namespace name under /run/netns (as `ip netns add` makes). */
  netns?: string;
  /** A path to an nsfs file (e.g. /proc/1234/ns/net or a bind mount). */
  netnsPath?: string;
  /** A process whose network namespace to use. */
  pid?: number;
  /** Socket options (receive buffer, ...). */
  socket?: Readonly<Partial<SocketOptions>>;
  /** How link kind data is decoded (default: the built-in kinds); for kinds of your own. */
  kinds?: LinkKindRegistry;
  /** How tc kinds' options are decoded (default: the built-in qdiscs, filters and actions). */
  tcKinds?: TcKindRegistry;
}

export class IpRoute {
  readonly link: LinkService;
  readonly addr: AddrService;
  readonly route: RouteService;
  readonly neigh: NeighService;
  readonly maddress: MaddressService;
  readonly netconf: NetconfService;
  readonly rule: RuleService;
  readonly nexthop: NexthopService;
  readonly netns: NetnsService;
  /** Traffic control: qdiscs, classes, filters, actions. */
  readonly tc: TcService;
  /** What the `bridge` command manages: ports, fdb, vlans, mdb. */
  readonly bridge: BridgeService;
  /** Persistent TUN/TAP devices (`ip tuntap`), made through /dev/net/tun. */
  readonly tuntap: TuntapService;

  private constructor(readonly ctx: ApiContext) {
    this.link = new LinkService(ctx);
    this.addr = new AddrService(ctx);
    this.route = new RouteService(ctx);
    this.neigh = new NeighService(ctx);
    this.maddress = new MaddressService(ctx);
    this.netconf = new NetconfService(ctx);
    this.rule = new RuleService(ctx);
    this.nexthop = new NexthopService(ctx);
    this.netns = new NetnsService(ctx);
    this.tc = new TcService(ctx);
    this.bridge = new BridgeService(ctx);
    this.tuntap = new TuntapService(ctx);
  }

  /**
   * Open a handle (in this process's namespace unless `netns`, `netnsPath` or `pid` is given).
   * A namespace that does not exist throws NoSuchNetnsError, a bad name or pid
   * InvalidArgumentError; other failures (EACCES, a file that is not a network namespace) throw
   * SyscallError.
   */
  static async open(options: Readonly<OpenOptions> = {}): Promise<IpRoute> {
    let target: NetnsTarget | undefined;
    if (options.netns !== undefined) target = openTarget(options.netns);
    else if (options.netnsPath !== undefined) target = { path: checkText(options.netnsPath, 'netnsPath') };
    else if (options.pid !== undefined) target = { pid: checkPid(options.pid) };
    let conn: Conn;
    try {
      conn = Conn.open({ ...options.socket, netns: target });
    } catch (e) {
      // The namespace file is opened first: a missing one is a missing namespace.
      if (target && e instanceof SyscallError && e.syscall === 'open' && e.code === 'ENOENT') {
        if ('pid' in target) throw new NoSuchNetnsError(`pid ${target.pid}`, `Cannot open network namespace of process ${target.pid}: No such process`);
        if ('path' in target) throw new NoSuchNetnsError(options.netns ?? target.path, `Cannot open network namespace "${target.path}": No such file or directory`);
      }
      throw e;
    }
    return new IpRoute(new ApiContext(conn, target, options.netns, options.kinds, options.tcKinds));
  }

  /** The connection underneath, for requests the services do not cover. */
  get conn(): Conn {
    return this.ctx.conn;
  }

  /**
   * Live events from the kernel's multicast groups until the iterator is returned or this handle
   * is closed: typed new/del link, addr, route, neigh, nsid, rule and nexthop events, and `{ lost: true }` records
   * when the kernel dropped some (resync with a dump).
   */
  monitor(groups: readonly MonitorGroup[] = ['all'], options: Readonly<Partial<MonitorOptions>> = {}): AsyncGenerator<MonitorEvent, void, undefined> {
    return monitor(this.ctx, groups, options);
  }

  /**
   * A live view of `kinds`: a `snapshot` event with the current objects by key first, then every
   * change (`new` / `del` of one object), with no gap between them; after the kernel dropped
   * notifications (ENOBUFS), a `resync` event with a fresh snapshot. Runs until the iterator is
   * returned or this handle is closed. See applyWatchChange to keep a view from the events.
   */
  watch(kinds: readonly WatchKind[] = ['link', 'addr', 'route', 'neigh'], options: Readonly<Partial<WatchOptions>> = {}): AsyncGenerator<WatchEvent, void, undefined> {
    return watch(this.ctx, kinds, options);
  }

  /**
   * Many changes pipelined: `fn` queues them (`b.link.add(...)`, `b.addr.add(...)`), each
   * checked as it is queued (bad input throws before anything is sent); they are then sent
   * several per sendmsg, in order, and the result says how each ended (a kernel refusal as a
   * NetlinkError with its ext-ack and request), one failure never hiding the others. A device
   * named after an earlier request of the batch creates, renames or deletes it is looked up once
   * that request is answered (see src/api/batch.ts for the rule). Links are created without echo.
   */
  batch(fn: (b: BatchBuilder) => void, options: Readonly<Partial<BatchOptions>> = {}): Promise<BatchItemResult[]> {
    return runBatch(this.ctx, this.link, this.addr, fn, options);
  }

  /** Close the netlink socket and end every monitor and watch of this handle; pending requests fail. */
  close(): void {
    this.ctx.close();
  }

  /** `await using ip = await IpRoute.open()`: closed at the end of the block. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
  }
}
