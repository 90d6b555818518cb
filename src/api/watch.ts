/**
 * A live view: `ip.watch(['link', 'addr', 'route', 'neigh'])` yields a snapshot of the current
 * objects, then every change, with no gap between them, and never a silently wrong view.
 *
 * How: a socket of its own joins the multicast groups before anything is dumped, so every change
 * made after the dumps began is queued on it. The dumps (through the handle's connection) fill
 * the view, then what the socket queued meanwhile is folded into it by key, in order: each
 * notification carries its whole object, so the last one for a key is the kernel's state as of
 * the end of the fold whether it came before or after the dump read that key. Then each change
 * is applied to the view and yielded.
 *
 * The kernel changes some objects without a notification: IPv4 and IPv6 routes through a device
 * are flushed when it goes down or away, and their nexthops' linkdown/dead flags follow the
 * carrier. After a link event that can do that (a deletion, or a change of UP, LOWER_UP or
 * RUNNING), and after a route event whose effect on other routes of the same prefix cannot be
 * known from the event alone (replace, append, multipath), the kinds concerned are dumped again
 * and the differences are yielded as changes.
 *
 * When the socket overflows (ENOBUFS: the kernel dropped notifications), the view is rebuilt the
 * same way and yielded as a `resync` event holding the fresh snapshot.
 */
import {
  DumpInterruptedError, EAGAIN, EINTR, ENOBUFS, NLM_F_APPEND, NLM_F_REPLACE, NetlinkError, NetlinkSocket, decodeMessages, type NlMessage,
} from '../netlink/index.js';
import { AF_INET, AF_INET6, AF_UNSPEC } from '../rtnl/common.js';
import {
  IFF_LOWER_UP, IFF_RUNNING, IFF_UP, RTM_DELLINK, RTM_NEWLINK, decodeLinkMessage, toLink, type Link,
} from '../rtnl/link/index.js';
import { RTM_DELADDR, RTM_NEWADDR, decodeAddrMessage, toAddress, type Address } from '../rtnl/addr/index.js';
import { RTM_DELROUTE, RTM_F_CLONED, RTM_NEWROUTE, decodeRouteMessage, toRoute, type Route } from '../rtnl/route/index.js';
import {
  NTF_EXT_LEARNED, NTF_PROXY, NUD_NOARP, RTM_DELNEIGH, RTM_NEWNEIGH, decodeNeighMessage, toNeighbor, type Neighbor,
} from '../rtnl/neigh/index.js';
import type { ApiContext } from './context.js';
import { InvalidArgumentError } from './errors.js';
import { GROUPS } from './monitor.js';
import { LinkService } from './link.js';
import { AddrService } from './addr.js';
import { RouteService } from './route.js';
import { NeighService } from './neigh.js';

/** What a watch can follow: links, interface addresses, routes, neighbour entries. */
export type WatchKind = 'link' | 'addr' | 'route' | 'neigh';

/** The objects of each kind watched, by key (see `linkKey` ...); kinds not watched stay empty. */
export interface WatchSnapshot {
  link: Map<string, Link>;
  addr: Map<string, Address>;
  route: Map<string, Route>;
  neigh: Map<string, Neighbor>;
}

/** One change: `new` adds or replaces the object under `key`, `del` removes it. */
export type WatchChange =
  | { type: 'link'; action: 'new' | 'del'; key: string; link: Link }
  | { type: 'addr'; action: 'new' | 'del'; key: string; address: Address }
  | { type: 'route'; action: 'new' | 'del'; key: string; route: Route }
  | { type: 'neigh'; action: 'new' | 'del'; key: string; neighbor: Neighbor };

/** What a watch yields: a snapshot first, then changes, and a fresh snapshot after a loss. */
export type WatchEvent =
  | { type: 'snapshot'; snapshot: WatchSnapshot }
  /** The kernel dropped notifications (`errno` ENOBUFS): start again from this snapshot. */
  | { type: 'resync'; errno: number; snapshot: WatchSnapshot }
  | WatchChange;

/** Options of a watch. */
export interface WatchOptions {
  /** Receive buffer of the watch's socket in bytes. Default 4 MiB; past it the kernel drops (a resync). */
  rcvbuf: number;
}

const KINDS: readonly WatchKind[] = ['link', 'addr', 'route', 'neigh'];
const DEFAULT_RCVBUF = 4 << 20;
/** Datagrams read before the changes they made are handed out. */
const BATCH = 64;
/** Datagrams dropped at most before a resync's dumps (more are folded in after them). */
const DISCARD_MAX = 4096;
/** The longest pause between two tries of a dump that changes keep interrupting. */
const INTERRUPTED_DUMP_PAUSE_MAX_MS = 100;

/**
 * Run a dump until it completes without NLM_F_DUMP_INTR. A view built from an interrupted dump
 * could miss objects that no later event would bring back, so the watch never uses one: while
 * changes go on, it waits (a little longer each time) and dumps again.
 */
async function wholeDump<T>(dump: () => Promise<T>): Promise<T> {
  for (let pause = 1; ; pause = Math.min(pause * 2, INTERRUPTED_DUMP_PAUSE_MAX_MS)) {
    try {
      return await dump();
    } catch (e) {
      if (!(e instanceof DumpInterruptedError)) throw e;
      await new Promise((r) => setTimeout(r, pause));
    }
  }
}
/** Link flags whose change can flush or flag routes without a route notification. */
const CARRIER_FLAGS = IFF_UP | IFF_LOWER_UP | IFF_RUNNING;

/** A link's key: its ifindex. */
export function linkKey(l: Link): string {
  return String(l.ifindex);
}

/** An address's key: device, family, local address, peer, prefix length (what the kernel tells apart). */
export function addrKey(a: Address): string {
  return `${a.ifindex} ${a.family} ${a.local ?? ''} ${a.address ?? ''}/${a.prefixlen}`;
}

/** The part of a route's identity that `replace` keeps: family, table, prefixes, tos, metric. */
function routePrimaryKey(r: Route): string {
  return `${r.family} ${r.table} ${r.dst} from ${r.from ?? ''} tos ${r.tos} metric ${r.metric ?? 0}`;
}

/** A route's key: its primary key, type and nexthops (IPv4 keeps appended routes apart by them). */
export function routeKey(r: Route): string {
  const hops = r.nexthops ? r.nexthops.map((h) => `${h.gateway ?? h.via?.host ?? ''}@${h.dev}`).join(',') : `${r.gateway ?? r.via?.host ?? ''}@${r.dev ?? ''}`;
  return `${routePrimaryKey(r)} ${r.type} nhid ${r.nhid ?? ''} ${hops}`;
}

/** A neighbour entry's key: device, family, destination. */
export function neighKey(n: Neighbor): string {
  return `${n.ifindex} ${n.family} ${n.dst ?? ''}`;
}

/** A copy of a snapshot's maps (the objects are shared): what a consumer can keep and update. */
function copySnapshot(s: WatchSnapshot): WatchSnapshot {
  return { link: new Map(s.link), addr: new Map(s.addr), route: new Map(s.route), neigh: new Map(s.neigh) };
}

/** Apply a change to a snapshot, as a consumer keeping its own view does. */
export function applyWatchChange(view: WatchSnapshot, c: WatchChange): void {
  switch (c.type) {
    case 'link': if (c.action === 'new') view.link.set(c.key, c.link); else view.link.delete(c.key); break;
    case 'addr': if (c.action === 'new') view.addr.set(c.key, c.address); else view.addr.delete(c.key); break;
    case 'route': if (c.action === 'new') view.route.set(c.key, c.route); else view.route.delete(c.key); break;
    case 'neigh': if (c.action === 'new') view.neigh.set(c.key, c.neighbor); else view.neigh.delete(c.key); break;
  }
}

const isInet = (family: number): boolean => family === AF_INET || family === AF_INET6;

/** What the reconciliation of a kind compares beside presence: the flags the kernel changes silently. */
function routeSignature(r: Route): string {
  return `${r.flags.join(',')}|${(r.nexthops ?? []).map((h) => h.flags.join(',')).join('|')}`;
}

/** The state of one watch: the view, what must be dumped again, and how to dump each kind. */
class Watcher {
  readonly view: WatchSnapshot = { link: new Map(), addr: new Map(), route: new Map(), neigh: new Map() };
  /** ifi_flags of every link, watched or not: link events decide when routes are dumped again. */
  private readonly linkFlags = new Map<number, number>();
  /** The keys of the routes in the view, by primary key (routePrimaryKey). */
  private readonly byPrimary = new Map<string, Set<string>>();
  /** Kinds to dump again and reconcile once the queued notifications are applied. */
  readonly dirty = new Set<WatchKind>();
  private readonly links: LinkService;
  private readonly addrs: AddrService;
  private readonly routes: RouteService;
  private readonly neighs: NeighService;

  constructor(ctx: ApiContext, readonly kinds: ReadonlySet<WatchKind>) {
    this.links = new LinkService(ctx);
    this.addrs = new AddrService(ctx);
    this.routes = new RouteService(ctx);
    this.neighs = new NeighService(ctx);
  }

  /** Dump the objects of `kind` as the view holds them: keyed, filtered like notifications. */
  async dump(kind: WatchKind): Promise<Map<string, Link | Address | Route | Neighbor>> {
    switch (kind) {
      case 'link': {
        const links = (await wholeDump(() => this.links.list())).filter((l) => l.raw.ifinfo.family === AF_UNSPEC);
        this.linkFlags.clear();
        for (const l of links) this.linkFlags.set(l.ifindex, l.ifiFlags);
        return new Map(links.map((l) => [linkKey(l), l]));
      }
      case 'addr': return new Map((await wholeDump(() => this.addrs.list())).filter((a) => isInet(a.raw.header.family)).map((a) => [addrKey(a), a]));
      case 'route': return new Map((await wholeDump(() => this.routes.list({ table: 'all' }))).filter((r) => keepRoute(r)).map((r) => [routeKey(r), r]));
      case 'neigh': return new Map((await wholeDump(() => this.neighs.list())).filter((n) => keepNeigh(n)).map((n) => [neighKey(n), n]));
    }
  }

  /** Replace the view with fresh dumps (links always: their flags steer the reconciliation). */
  async fill(): Promise<void> {
    this.dirty.clear();
    for (const kind of KINDS) {
      if (kind !== 'link' && !this.kinds.has(kind)) continue;
      const fresh = await this.dump(kind);
      if (this.kinds.has(kind)) (this.view as Record<WatchKind, Map<string, unknown>>)[kind] = fresh;
    }
    this.indexRoutes();
  }

  /**
   * Dump the dirty kinds again and bring the view in line: keys gone are deleted, keys new or
   * (routes) with other flags are set. Returns the changes made.
   */
  async reconcile(): Promise<WatchChange[]> {
    const out: WatchChange[] = [];
    const kinds = [...this.dirty];
    this.dirty.clear();
    for (const kind of kinds) {
      const fresh = await this.dump(kind);
      const held = this.view[kind] as Map<string, Link | Address | Route | Neighbor>;
      for (const [key, old] of held) if (!fresh.has(key)) out.push(change(kind, 'del', key, old));
      for (const [key, obj] of fresh) {
        const old = held.get(key);
        if (!old || (kind === 'route' && routeSignature(old as Route) !== routeSignature(obj as Route))) out.push(change(kind, 'new', key, obj));
      }
    }
    for (const c of out) applyWatchChange(this.view, c);
    if (kinds.includes('route')) this.indexRoutes();
    return out;
  }

  /** Rebuild the index of routes by primary key from the view. */
  private indexRoutes(): void {
    this.byPrimary.clear();
    for (const [key, r] of this.view.route) this.index(key, routePrimaryKey(r), true);
  }

  private index(key: string, primary: string, held: boolean): void {
    let keys = this.byPrimary.get(primary);
    if (held) {
      if (!keys) this.byPrimary.set(primary, (keys = new Set()));
      keys.add(key);
    } else if (keys) {
      keys.delete(key);
      if (keys.size === 0) this.byPrimary.delete(primary);
    }
  }

  /** Apply one notification to the view; the changes it makes (none for what is not watched). */
  apply(m: NlMessage): WatchChange[] {
    const t = m.header.type;
    if (t === RTM_NEWLINK || t === RTM_DELLINK) return this.applyLink(m);
    if ((t === RTM_NEWADDR || t === RTM_DELADDR) && this.kinds.has('addr')) {
      const a = toAddress(decodeAddrMessage(m.payload));
      return isInet(a.raw.header.family) ? this.set('addr', t === RTM_NEWADDR, addrKey(a), a) : [];
    }
    if ((t === RTM_NEWROUTE || t === RTM_DELROUTE) && this.kinds.has('route')) {
      const r = toRoute(decodeRouteMessage(m.payload));
      if (!keepRoute(r)) return [];
      const key = routeKey(r);
      // What else this event did to routes of the same prefix is only known to a fresh dump.
      const primary = routePrimaryKey(r);
      const others = this.byPrimary.get(primary);
      if (m.header.flags & (NLM_F_REPLACE | NLM_F_APPEND) || r.nexthops || (others && (others.size > 1 || !others.has(key)))) {
        this.dirty.add('route');
      }
      this.index(key, primary, t === RTM_NEWROUTE);
      return this.set('route', t === RTM_NEWROUTE, key, r);
    }
    if ((t === RTM_NEWNEIGH || t === RTM_DELNEIGH) && this.kinds.has('neigh')) {
      const n = toNeighbor(decodeNeighMessage(m.payload));
      if (!isInet(n.raw.header.family) || n.raw.header.flags & NTF_PROXY) return [];
      // An entry that turns NONE or NOARP leaves the view (`ip neigh show` hides those states).
      return this.set('neigh', t === RTM_NEWNEIGH && keepNeigh(n), neighKey(n), n);
    }
    return [];
  }

  private applyLink(m: NlMessage): WatchChange[] {
    const msg = decodeLinkMessage(m.payload);
    // AF_BRIDGE link messages describe bridge ports (a port leaving sends RTM_DELLINK): not links.
    if (msg.ifinfo.family !== AF_UNSPEC) return [];
    const l = toLink(msg);
    const isNew = m.header.type === RTM_NEWLINK;
    const before = this.linkFlags.get(l.ifindex);
    if (isNew) this.linkFlags.set(l.ifindex, l.ifiFlags);
    else this.linkFlags.delete(l.ifindex);
    if (!isNew || (before !== undefined && ((before ^ l.ifiFlags) & CARRIER_FLAGS) !== 0)) {
      for (const k of ['addr', 'route', 'neigh'] as const) if (this.kinds.has(k)) this.dirty.add(k);
    }
    return this.kinds.has('link') ? this.set('link', isNew, linkKey(l), l) : [];
  }

  /** Set or delete `key` in the view; a deletion of a key not held changes nothing. */
  private set<K extends WatchKind>(kind: K, isNew: boolean, key: string, obj: Link | Address | Route | Neighbor): WatchChange[] {
    const held = this.view[kind] as Map<string, unknown>;
    if (!isNew && !held.has(key)) return [];
    const c = change(kind, isNew ? 'new' : 'del', key, obj);
    applyWatchChange(this.view, c);
    return [c];
  }
}

function change(kind: WatchKind, action: 'new' | 'del', key: string, obj: Link | Address | Route | Neighbor): WatchChange {
  switch (kind) {
    case 'link': return { type: 'link', action, key, link: obj as Link };
    case 'addr': return { type: 'addr', action, key, address: obj as Address };
    case 'route': return { type: 'route', action, key, route: obj as Route };
    case 'neigh': return { type: 'neigh', action, key, neighbor: obj as Neighbor };
  }
}

/** Routes the view holds: IPv4 and IPv6, not cached clones (as `ip route show table all`). */
function keepRoute(r: Route): boolean {
  return isInet(r.raw.header.family) && !(r.raw.header.flags & RTM_F_CLONED);
}

/**
 * Neighbour entries the view holds: those `ip neigh show` shows (IPv4 and IPv6, no proxy entries,
 * none in state NONE or NOARP). The kernel makes NOARP entries (multicast, broadcast) as it sends,
 * without a notification, so a view of them could not be kept right.
 */
function keepNeigh(n: Neighbor): boolean {
  const h = n.raw.header;
  return isInet(h.family) && !(h.flags & NTF_PROXY) && ((h.state & 0xff & ~NUD_NOARP) !== 0 || (h.flags & NTF_EXT_LEARNED) !== 0);
}

/**
 * Watch `kinds` in the namespace of `ctx` until the iterator is returned or the handle closes:
 * see the module's comment for what is yielded and why the view stays right. Bad kinds throw
 * InvalidArgumentError at once. `return()` ends the watch even while a `next()` is waiting.
 */
export function watch(
  ctx: ApiContext, kinds: readonly WatchKind[], options: Readonly<Partial<WatchOptions>> = {},
): AsyncGenerator<WatchEvent, void, undefined> {
  if (kinds.length === 0) throw new InvalidArgumentError('watch needs at least one of link, addr, route, neigh');
  for (const k of kinds) if (!KINDS.includes(k)) throw new InvalidArgumentError(`unknown watch kind "${String(k)}" (link, addr, route, neigh)`);
  const w = new Watcher(ctx, new Set(kinds));
  const socket = { current: undefined as NetlinkSocket | undefined };
  const gen = run(ctx, w, options, socket);
  // An async generator's return() waits for a running next() to settle; closing the socket
  // first makes that next() end at once (its wait for readability resolves false).
  const it: AsyncGenerator<WatchEvent, void, undefined> = {
    next: () => gen.next(),
    return: (value) => {
      socket.current?.close();
      return gen.return(value);
    },
    throw: (e) => gen.throw(e),
    [Symbol.asyncIterator]: () => it,
    [Symbol.asyncDispose]: async () => { await it.return(undefined); },
  };
  return it;
}

async function* run(
  ctx: ApiContext, w: Watcher, options: Readonly<Partial<WatchOptions>>, held: { current: NetlinkSocket | undefined },
): AsyncGenerator<WatchEvent, void, undefined> {
  const socket = NetlinkSocket.open({ netns: ctx.netns, rcvbuf: options.rcvbuf ?? DEFAULT_RCVBUF });
  held.current = socket;
  // A small buffer is for tests of loss; setsockopt(SO_RCVBUF) has a floor, RCVBUFFORCE not.
  if (options.rcvbuf !== undefined) socket.setReceiveBuffer(options.rcvbuf);
  const close = (): void => socket.close();
  ctx.onClose(close);
  try {
    // Links always: their events say when the other kinds must be dumped again.
    socket.addMembership(GROUPS.link[0]!);
    if (w.kinds.has('addr')) for (const g of GROUPS.address) socket.addMembership(g);
    if (w.kinds.has('route')) for (const g of GROUPS.route) socket.addMembership(g);
    if (w.kinds.has('neigh')) for (const g of GROUPS.neigh) socket.addMembership(g);

    /**
     * Read at most BATCH datagrams, applying each notification, then reconcile what became dirty:
     * the changes, and why it stopped ('idle': nothing more queued). Bounded so that a steady
     * stream of changes still gets handed out (and a snapshot made) as it goes.
     */
    const drain = async (): Promise<{ changes: WatchChange[]; end: 'more' | 'idle' | 'lost' | 'closed' }> => {
      const changes: WatchChange[] = [];
      let end: 'more' | 'idle' = 'more';
      for (let n = 0; n < BATCH; n++) {
        const r = socket.recv();
        if (typeof r !== 'number') {
          // Decoded objects may keep views of the datagram: the receive buffer is reused, copy it.
          for (const m of decodeMessages(r.slice())) changes.push(...w.apply(m));
          continue;
        }
        if (r === -EINTR) continue;
        if (r === -ENOBUFS) return { changes, end: 'lost' };
        if (socket.isClosed) return { changes, end: 'closed' };
        if (r !== -EAGAIN) throw new NetlinkError({ errno: -r, operation: 'recvfrom (watch)' });
        end = 'idle';
        break;
      }
      // Reconciling before everything queued is read is sound: the notifications read later
      // are applied on top, in order, as always.
      if (w.dirty.size > 0) changes.push(...(await w.reconcile()));
      return { changes, end };
    };

    /** Fill the view from dumps and fold in what was queued meanwhile, until no loss interrupts. */
    const synchronise = async (): Promise<'ok' | 'closed'> => {
      for (;;) {
        discard(socket); // older than the dumps to come
        await w.fill();
        const { end } = await drain();
        if (end === 'closed') return 'closed';
        if (end !== 'lost') return 'ok';
      }
    };

    let loss = 0;
    for (;;) {
      if ((await synchronise()) === 'closed') return;
      yield loss === 0 ? { type: 'snapshot', snapshot: copySnapshot(w.view) } : { type: 'resync', errno: loss, snapshot: copySnapshot(w.view) };
      for (;;) {
        const { changes, end } = await drain();
        if (end === 'closed') return;
        if (end === 'lost') { loss = ENOBUFS; break; }
        for (const c of changes) yield c;
        if (end === 'idle' && changes.length === 0 && !(await socket.waitReadable())) return;
      }
    }
  } finally {
    ctx.offClose(close);
    socket.close();
  }
}

/** Drop what the socket holds (and a pending ENOBUFS) without decoding it, up to a full buffer's worth. */
function discard(socket: NetlinkSocket): void {
  for (let n = 0; n < DISCARD_MAX; n++) {
    const r = socket.recv();
    if (typeof r === 'number' && r !== -EINTR && r !== -ENOBUFS) return;
  }
}
