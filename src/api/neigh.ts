/**
 * `ip.neigh`: list, get, add, change, replace, delete and flush neighbour (ARP / NDP) entries,
 * proxy entries included, with iproute2's semantics (state 'permanent' unless told otherwise).
 */
import { ENODATA } from '../netlink/errno.js';
import { NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE, MessageWriter, NetlinkError } from '../netlink/index.js';
import { AF_INET, AF_INET6, AF_UNSPEC, familyNumber, macToBytes, macToString, type Family } from '../rtnl/common.js';
import {
  NTF_EXT_EXT_VALIDATED, NTF_EXT_LEARNED, NTF_EXT_MANAGED, NTF_PROXY, NTF_ROUTER, NTF_USE, NUD_DELAY, NUD_FAILED,
  NUD_INCOMPLETE, NUD_NOARP, NUD_NONE, NUD_PERMANENT, NUD_PROBE, NUD_REACHABLE, NUD_STALE, RTM_DELNEIGH,
  RTM_GETNEIGH, RTM_NEWNEIGH, decodeNeighMessage, encodeNdMsg, encodeNeighMessage, neighAttrs, toNeighbor,
  type NeighAttrs, type NeighMessage, type Neighbor,
} from '../rtnl/neigh/index.js';
import { protocols } from '../rtnl/route/names.js';
import { parseInetAddress, parseInetPrefix, prefixContains } from './addr.js';
import type { ApiContext, Dev } from './context.js';
import { InvalidArgumentError } from './errors.js';

/** iproute2's `nud` words. */
export type NudState = 'permanent' | 'reachable' | 'noarp' | 'none' | 'stale' | 'incomplete' | 'delay' | 'probe' | 'failed';

const NUD: Record<NudState, number> = {
  permanent: NUD_PERMANENT, reachable: NUD_REACHABLE, noarp: NUD_NOARP, none: NUD_NONE, stale: NUD_STALE,
  incomplete: NUD_INCOMPLETE, delay: NUD_DELAY, probe: NUD_PROBE, failed: NUD_FAILED,
};

/** A state word (any case) or a single NUD_* bit. */
export function parseNud(v: string | number): number {
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 0 && v < 0x100 && (v & (v - 1)) === 0) return v;
  } else {
    const n = NUD[v.toLowerCase() as NudState];
    if (n !== undefined) return n;
  }
  throw new InvalidArgumentError(`nud state is bad: ${String(v)}`, 'nud');
}

/** A neighbour entry to add, change, replace or delete, named after iproute2's keywords. */
export interface NeighSpec {
  /** The neighbour's IP address. */
  dst: string;
  dev: Dev;
  /** Link-layer address "aa:bb:cc:dd:ee:ff"; 'null' or null sends none. */
  lladdr?: string | null;
  /** State; default 'permanent' ('none' with `managed`). */
  nud?: NudState | number;
  /** A proxy entry (NTF_PROXY) for `dst` on `dev`. */
  proxy?: boolean;
  /** NTF_ROUTER. */
  router?: boolean;
  /** NTF_USE: mark the entry used (kicks resolution). */
  use?: boolean;
  /** NTF_EXT_MANAGED: the kernel keeps the entry resolved. */
  managed?: boolean;
  /** NTF_EXT_LEARNED. */
  externLearn?: boolean;
  /** NTF_EXT_EXT_VALIDATED. */
  externValid?: boolean;
  /** NDA_PROTOCOL name or number. */
  protocol?: string | number;
}

/** The words for every address (iproute2's get_prefix: "default", "all", "any"). */
const ANY_ADDRESS: ReadonlySet<string> = new Set(['all', 'any', 'default']);

/** What `neigh.list` and `neigh.flush` select. */
export interface NeighFilter {
  /** Filtered by the kernel (NDA_IFINDEX). */
  dev?: Dev;
  /** Filtered by the kernel (NDA_MASTER). */
  master?: Dev;
  /** Filtered by the kernel (ndm_family). */
  family?: Family;
  /** Proxy entries instead of neighbours (filtered by the kernel). */
  proxy?: boolean;
  /**
   * States to show, or 'all'. Default for list: every state but NOARP (and NONE); for flush:
   * every state but PERMANENT and NOARP. Proxy and externally learned entries always pass.
   */
  nud?: readonly (NudState | number)[] | 'all';
  /**
   * Only entries whose address lies in this prefix; 'all' (or 'any', 'default', iproute2's
   * words) selects every address, e.g. to flush them all (`ip neigh flush all`).
   */
  to?: string;
  /** Only entries with this NDA_PROTOCOL. */
  protocol?: string | number;
  /** Only entries nobody references (refcnt 0). */
  unused?: boolean;
}

/** The neighbour message `ip neigh add/del ...` would send (attribute order PROTOCOL, DST, FLAGS_EXT, LLADDR). */
export function buildNeighRequest(ifindex: number, spec: Readonly<NeighSpec>): NeighMessage {
  if (spec === null || typeof spec !== 'object') throw new InvalidArgumentError('a neighbour is expected');
  const dst = parseInetAddress(spec.dst, undefined, 'dst');
  const attrs: NeighAttrs = {};
  if (spec.protocol !== undefined) {
    const p = protocols.number(spec.protocol);
    if (p === undefined) throw new InvalidArgumentError(`"protocol" value is invalid: ${String(spec.protocol)}`, 'protocol');
    attrs.protocol = p;
  }
  attrs.dst = dst.text;
  let ext = 0;
  if (spec.managed) ext |= NTF_EXT_MANAGED;
  if (spec.externValid) ext |= NTF_EXT_EXT_VALIDATED;
  if (ext) attrs.flagsExt = ext;
  if (spec.lladdr !== undefined && spec.lladdr !== null && spec.lladdr !== 'null') {
    let b: Uint8Array;
    try {
      b = macToBytes(spec.lladdr);
    } catch {
      throw new InvalidArgumentError(`"${String(spec.lladdr)}" is invalid lladdr.`, 'lladdr');
    }
    if (b.length > 20) throw new InvalidArgumentError(`"${spec.lladdr}" is invalid lladdr.`, 'lladdr');
    attrs.lladdr = macToString(b);
  }
  let flags = 0;
  if (spec.proxy) flags |= NTF_PROXY;
  if (spec.router) flags |= NTF_ROUTER;
  if (spec.use) flags |= NTF_USE;
  if (spec.externLearn) flags |= NTF_EXT_LEARNED;
  const state = spec.nud !== undefined ? parseNud(spec.nud) : spec.managed ? NUD_NONE : NUD_PERMANENT;
  return { header: { family: familyNumber(dst.family), ifindex, state, flags, type: 0 }, attrs };
}

/** Neighbour entries: `ip neigh` as a service. */
export class NeighService {
  constructor(private readonly ctx: ApiContext) {}

  /** The entries the filter selects; the kernel filters by device, master, family and proxy. */
  async list(filter: Readonly<NeighFilter> = {}): Promise<Neighbor[]> {
    return this.select(filter, false);
  }

  /** `ip neigh get ADDR dev DEV`: one entry (RTM_GETNEIGH); NetlinkError ENOENT when there is none. */
  async get(dst: string, dev: Dev, opts: Readonly<{ proxy?: boolean }> = {}): Promise<Neighbor> {
    const a = parseInetAddress(dst, undefined, 'dst');
    const w = new MessageWriter(RTM_GETNEIGH, 0, 64);
    encodeNdMsg(w, { family: familyNumber(a.family), ifindex: await this.ctx.ifindex(dev), state: 0, flags: opts.proxy ? NTF_PROXY : 0, type: 0 });
    neighAttrs.encode(w, { dst: a.text });
    const m = await this.ctx.conn.get(w.finish(), 'RTM_GETNEIGH');
    if (m.header.type !== RTM_NEWNEIGH) throw new NetlinkError({ errno: ENODATA, operation: 'RTM_GETNEIGH (no neighbour in the answer)' });
    return toNeighbor(decodeNeighMessage(m.payload));
  }

  /** `ip neigh add`: RTM_NEWNEIGH with CREATE|EXCL (EEXIST when it is there). */
  async add(spec: Readonly<NeighSpec>): Promise<void> {
    await this.modify(RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_EXCL, spec);
  }

  /** `ip neigh change`: RTM_NEWNEIGH with REPLACE. */
  async change(spec: Readonly<NeighSpec>): Promise<void> {
    await this.modify(RTM_NEWNEIGH, NLM_F_REPLACE, spec);
  }

  /** `ip neigh replace`: RTM_NEWNEIGH with CREATE|REPLACE. */
  async replace(spec: Readonly<NeighSpec>): Promise<void> {
    await this.modify(RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_REPLACE, spec);
  }

  /** `ip neigh del`: RTM_DELNEIGH (`proxy: true` for a proxy entry). */
  async del(spec: Readonly<Pick<NeighSpec, 'dst' | 'dev' | 'proxy'>>): Promise<void> {
    await this.modify(RTM_DELNEIGH, 0, spec);
  }

  /**
   * `ip neigh flush ...`: delete the entries the filter selects (by default all but permanent
   * and noarp ones), in rounds until none is left. Needs at least one selector, like iproute2.
   * Resolves with the number deleted; `onRound` is told of each round's entries once they are
   * deleted (rounds count from 1).
   */
  async flush(filter: Readonly<NeighFilter>, options: Readonly<{ onRound?: (deleted: Neighbor[], round: number) => void }> = {}): Promise<number> {
    if (!Object.values(filter).some((v) => v !== undefined)) throw new InvalidArgumentError('Flush requires arguments.');
    let deleted = 0;
    let dropFailed = false;
    for (let round = 0; round < 10; round++) {
      const found = await this.select(filter, true, dropFailed);
      if (found.length === 0) return deleted;
      for (const n of found) {
        try {
          await this.ctx.conn.request(encodeNeighMessage(RTM_DELNEIGH, 0, n.raw), 'RTM_DELNEIGH');
          deleted++;
        } catch (e) {
          if (!(e instanceof NetlinkError && e.code === 'ENOENT')) throw e;
        }
      }
      options.onRound?.(found, round + 1);
      // Deleted entries may linger as FAILED; iproute2 stops selecting those after a round.
      dropFailed = true;
    }
    return deleted;
  }

  private async modify(type: number, flags: number, spec: Readonly<NeighSpec>): Promise<void> {
    const msg = buildNeighRequest(0, spec); // checked before any request
    msg.header.ifindex = await this.ctx.ifindex(spec.dev);
    await this.ctx.conn.request(encodeNeighMessage(type, flags, msg), type === RTM_DELNEIGH ? 'RTM_DELNEIGH' : 'RTM_NEWNEIGH');
  }

  private async select(filter: Readonly<NeighFilter>, flush: boolean, dropFailed = false): Promise<Neighbor[]> {
    let states: number;
    if (filter.nud === undefined) states = flush ? ~(NUD_PERMANENT | NUD_NOARP) : 0xff & ~NUD_NOARP;
    else if (filter.nud === 'all') states = flush ? ~NUD_NOARP : ~0;
    else {
      states = 0;
      for (const s of filter.nud) {
        const n = parseNud(s);
        states |= n === 0 ? 0x100 : n;
      }
    }
    if (dropFailed) states &= ~NUD_FAILED;
    const to = filter.to !== undefined && !ANY_ADDRESS.has(filter.to) ? parseInetPrefix(filter.to, filter.family, 'to') : undefined;
    const protocol = filter.protocol === undefined ? undefined : protocols.number(filter.protocol);
    if (filter.protocol !== undefined && protocol === undefined) throw new InvalidArgumentError(`invalid "protocol": ${String(filter.protocol)}`, 'protocol');
    const w = new MessageWriter(RTM_GETNEIGH, 0, 48);
    encodeNdMsg(w, { family: filter.family ? familyNumber(filter.family) : AF_UNSPEC, ifindex: 0, state: 0, flags: filter.proxy ? NTF_PROXY : 0, type: 0 });
    const attrs: NeighAttrs = {};
    if (filter.dev !== undefined) attrs.ifindex = await this.ctx.ifindex(filter.dev);
    if (filter.master !== undefined) attrs.master = await this.ctx.ifindex(filter.master);
    neighAttrs.encode(w, attrs);
    const out: Neighbor[] = [];
    for (const m of await this.ctx.conn.dumpAll(w.finish(), 'RTM_GETNEIGH')) {
      if (m.header.type !== RTM_NEWNEIGH) continue;
      const n = toNeighbor(decodeNeighMessage(m.payload));
      const h = n.raw.header;
      if (!(states & h.state) && !(h.flags & NTF_PROXY) && !(h.flags & NTF_EXT_LEARNED) && (h.state || !(states & 0x100))) continue;
      if (to) {
        if (n.dst === undefined || h.family !== (to.family === 'inet' ? AF_INET : AF_INET6)) continue;
        if (!prefixContains(to.bytes, to.len, parseInetAddress(n.dst).bytes)) continue;
      }
      if (protocol !== undefined && protocol !== 0 && (n.raw.attrs.protocol ?? 0) !== protocol) continue;
      if (filter.unused && n.refcnt) continue;
      out.push(n);
    }
    return out;
  }
}
