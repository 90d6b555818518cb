/**
 * `ip.nexthop`: list, get, add, replace, delete and flush nexthop objects (single nexthops,
 * blackholes, fdb nexthops and groups, resilient ones included), with iproute2's semantics:
 * attributes go out in the order of the spec's keys, a flush of everything deletes the groups
 * first. Routes use them with `ip.route.add({ dst, nhid })`.
 */
import { ENODATA } from '../netlink/errno.js';
import { NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE, MessageWriter, NetlinkError } from '../netlink/index.js';
import { AF_UNSPEC, familyNumber, type Family } from '../rtnl/common.js';
import {
  NEXTHOP_GRP_TYPE_MPATH, NEXTHOP_GRP_TYPE_RES, RTM_DELNEXTHOP, RTM_GETNEXTHOP, RTM_NEWNEXTHOP, decodeNexthopMessage,
  encodeNexthopMessage, encodeNhMsg, nexthopAttrs, toNexthop, type NexthopAttrs, type NexthopMessage, type Nexthop,
  type ResGroupAttrs,
} from '../rtnl/nexthop/index.js';
import { RTNH_F_ONLINK } from '../rtnl/route/constants.js';
import { protocols } from '../rtnl/route/names.js';
import { parseInetAddress } from './addr.js';
import { checkBit, checkUint, checkWord } from './check.js';
import type { ApiContext, Dev } from './context.js';
import { InvalidArgumentError, UnknownOptionError } from './errors.js';

/** One member of a group: a nexthop id, or an id with its weight (1-65536; kernels before 6.12: 1-256). */
export type NexthopGroupEntry = number | { id: number; weight?: number };

/** The parameters of a resilient group (`type resilient buckets N idle_timer S unbalanced_timer S`). */
export interface ResilientSpec {
  /** Number of buckets, 1-65535. */
  buckets?: number;
  /** Seconds a bucket must be idle before it may move to another nexthop. */
  idleTimer?: number;
  /** Seconds the group may stay unbalanced before buckets are moved anyway. */
  unbalancedTimer?: number;
}

/** A nexthop object to add or replace, named after iproute2's keywords; sent in key order. */
export interface NexthopSpec {
  /** NHA_ID; without one the kernel picks an id. */
  id?: number;
  /** 'inet' | 'inet6'; default: the gateway's family, 'inet' with a device or blackhole, none for groups. */
  family?: Family;
  /** The gateway. */
  via?: string;
  /** The device. */
  dev?: Dev;
  /** Take the gateway as on-link (RTNH_F_ONLINK). */
  onlink?: boolean;
  /** Drop packets. */
  blackhole?: boolean;
  /** A nexthop of the bridge fdb (vxlan). */
  fdb?: boolean;
  /** The members of a group. */
  group?: readonly NexthopGroupEntry[];
  /** The group's type; default 'mpath' ('resilient' when `resilient` is given). */
  type?: 'mpath' | 'resilient';
  /** The parameters of a resilient group. */
  resilient?: ResilientSpec;
  /** Who added it: a protocol name ('static', ...) or number. */
  protocol?: string | number;
}

/** What `nexthop.list` and `nexthop.flush` select; all but `protocol` are filtered by the kernel. */
export interface NexthopFilter {
  /** Only this family (default: all). */
  family?: Family;
  /** Only nexthops through this device. */
  dev?: Dev;
  /** Only nexthops whose device has this master. */
  master?: Dev;
  /** Only groups. */
  groups?: boolean;
  /** Only fdb nexthops. */
  fdb?: boolean;
  /** Only nexthops added by this protocol. */
  protocol?: string | number;
}

const SPEC_KEYS: ReadonlySet<string> = new Set<keyof NexthopSpec>([
  'id', 'family', 'via', 'dev', 'onlink', 'blackhole', 'fdb', 'group', 'type', 'resilient', 'protocol',
]);
const FILTER_KEYS: ReadonlySet<string> = new Set<keyof NexthopFilter>(['family', 'dev', 'master', 'groups', 'fdb', 'protocol']);

const USER_HZ = 100;

function checkKnown(o: object, keys: ReadonlySet<string>, what: string): void {
  for (const [k, v] of Object.entries(o)) if (v !== undefined && !keys.has(k)) throw new UnknownOptionError(k, what);
}

function protocolNumber(v: unknown): number {
  const n = typeof v === 'string' || typeof v === 'number' ? protocols.number(v) : undefined;
  if (n === undefined) throw new InvalidArgumentError(`invalid protocol "${String(v)}"`, 'protocol');
  return n;
}

/** Seconds as clock_t ticks (USER_HZ), below 2^32. */
function ticks(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || Math.round(v * USER_HZ) > 0xffffffff) {
    throw new InvalidArgumentError(`invalid ${what} "${String(v)}": expected seconds from 0 to 42949672`, what);
  }
  return Math.round(v * USER_HZ);
}

function groupEntries(v: unknown): NonNullable<NexthopAttrs['group']> {
  if (!Array.isArray(v) || v.length === 0) throw new InvalidArgumentError(`invalid group "${String(v)}": expected a list of ids`, 'group');
  return v.map((e: unknown) => {
    const { id, weight } = typeof e === 'number' ? { id: e, weight: undefined } : (e ?? {}) as { id?: unknown; weight?: unknown };
    const w = weight === undefined ? 1 : checkUint(weight, 'weight', 65536);
    if (w === 0) throw new InvalidArgumentError('invalid weight "0": expected 1 to 65536', 'weight');
    return { id: checkUint(id, 'group id'), weight: (w - 1) & 0xff, weightHigh: (w - 1) >> 8 };
  });
}

function resilientAttrs(v: unknown): ResGroupAttrs {
  if (v === null || typeof v !== 'object') throw new InvalidArgumentError('invalid resilient: expected { buckets, idleTimer, unbalancedTimer }', 'resilient');
  checkKnown(v, new Set(['buckets', 'idleTimer', 'unbalancedTimer']), 'resilient group');
  const r = v as ResilientSpec;
  const out: ResGroupAttrs = {};
  for (const [k, x] of Object.entries(r) as [keyof ResilientSpec, unknown][]) {
    if (x === undefined) continue;
    if (k === 'buckets') out.buckets = checkUint(x, 'buckets', 0xffff);
    else if (k === 'idleTimer') out.idleTimer = ticks(x, 'idleTimer');
    else out.unbalancedTimer = ticks(x, 'unbalancedTimer');
  }
  return out;
}

/** The devices a spec names, to be resolved to ifindexes before `buildNexthopRequest`. */
export function nexthopSpecDevs(spec: Readonly<NexthopSpec>): Dev[] {
  return spec.dev === undefined ? [] : [spec.dev];
}

/**
 * The nexthop message `ip nexthop add/replace ...` would send for `spec`, attributes in the
 * order of its keys (a resilient group's NHA_RES_GROUP just before its NHA_GROUP_TYPE, as ip
 * sends them). `resolve` maps a device to its ifindex. Throws InvalidArgumentError on bad input.
 */
export function buildNexthopRequest(spec: Readonly<NexthopSpec>, resolve: (dev: Dev) => number): NexthopMessage {
  if (spec === null || typeof spec !== 'object') throw new InvalidArgumentError('a nexthop is expected');
  checkKnown(spec, SPEC_KEYS, 'nexthop');
  if (spec.family !== undefined && spec.family !== 'inet' && spec.family !== 'inet6') {
    throw new InvalidArgumentError(`invalid family "${String(spec.family)}"`, 'family');
  }
  const gw = spec.via === undefined ? undefined : parseInetAddress(spec.via, spec.family, 'via');
  const family = spec.family ?? gw?.family ?? (spec.dev !== undefined || spec.blackhole ? 'inet' : undefined);
  const header = { family: family ? familyNumber(family) : AF_UNSPEC, scope: 0, protocol: 0, flags: 0 };
  const attrs: NexthopAttrs = {};
  const type = spec.type === undefined ? undefined : checkWord(spec.type, 'type', ['mpath', 'resilient'] as const);
  if (type === 'mpath' && spec.resilient !== undefined) throw new InvalidArgumentError('resilient parameters need type "resilient"', 'resilient');
  let typed = false;
  const putType = (): void => {
    if (typed) return;
    typed = true;
    if (spec.resilient !== undefined) attrs.resGroup = resilientAttrs(spec.resilient);
    attrs.groupType = (type ?? (spec.resilient !== undefined ? 'resilient' : 'mpath')) === 'resilient' ? NEXTHOP_GRP_TYPE_RES : NEXTHOP_GRP_TYPE_MPATH;
  };
  for (const [key, v] of Object.entries(spec) as [keyof NexthopSpec, unknown][]) {
    if (v === undefined) continue;
    switch (key) {
      case 'family': break;
      case 'id': attrs.id = checkUint(v, 'id'); break;
      case 'via': attrs.gateway = gw!.text; break;
      case 'dev': attrs.oif = resolve(v as Dev); break;
      case 'onlink': if (checkBit(v, key)) header.flags |= RTNH_F_ONLINK; break;
      case 'blackhole': if (checkBit(v, key)) attrs.blackhole = true; break;
      case 'fdb': if (checkBit(v, key)) attrs.fdb = true; break;
      case 'group': attrs.group = groupEntries(v); break;
      case 'type': case 'resilient': putType(); break;
      case 'protocol': header.protocol = protocolNumber(v); break;
    }
  }
  return { header, attrs };
}

/** The RTM_GETNEXTHOP dump request for a filter (NHA_OIF, NHA_GROUPS, NHA_MASTER, NHA_FDB, in ip's order). */
export function buildNexthopDump(filter: Readonly<NexthopFilter>, oif: number, master: number): Uint8Array {
  const w = new MessageWriter(RTM_GETNEXTHOP, 0, 64);
  encodeNhMsg(w, { family: filter.family ? familyNumber(filter.family) : AF_UNSPEC, scope: 0, protocol: 0, flags: 0 });
  const a: NexthopAttrs = {};
  if (oif) a.oif = oif;
  if (filter.groups) a.groups = true;
  if (master) a.master = master;
  if (filter.fdb) a.fdb = true;
  nexthopAttrs.encode(w, a);
  return w.finish();
}

/** A request naming one nexthop by id (RTM_GETNEXTHOP / RTM_DELNEXTHOP). */
export function buildNexthopById(type: number, id: number, family: number = AF_UNSPEC): Uint8Array {
  return encodeNexthopMessage(type, 0, { header: { family, scope: 0, protocol: 0, flags: 0 }, attrs: { id: checkUint(id, 'id') } });
}

function checkFilter(filter: Readonly<NexthopFilter>): number | undefined {
  checkKnown(filter, FILTER_KEYS, 'nexthop filter');
  if (filter.family !== undefined && filter.family !== 'inet' && filter.family !== 'inet6') {
    throw new InvalidArgumentError(`invalid family "${String(filter.family)}"`, 'family');
  }
  if (filter.groups !== undefined) checkBit(filter.groups, 'groups');
  if (filter.fdb !== undefined) checkBit(filter.fdb, 'fdb');
  return filter.protocol === undefined ? undefined : protocolNumber(filter.protocol);
}

/** Nexthop objects: `ip nexthop` as a service. */
export class NexthopService {
  constructor(private readonly ctx: ApiContext) {}

  /** The nexthops the filter selects (default: all), in the kernel's order (by id). */
  async list(filter: Readonly<NexthopFilter> = {}): Promise<Nexthop[]> {
    const protocol = checkFilter(filter); // checked before any request
    const oif = filter.dev !== undefined ? await this.ctx.ifindex(filter.dev) : 0;
    const master = filter.master !== undefined ? await this.ctx.ifindex(filter.master) : 0;
    return this.ctx.conn.dumpAll(buildNexthopDump(filter, oif, master), 'RTM_GETNEXTHOP', {
      map: (type, buf, start, end) => {
        if (type !== RTM_NEWNEXTHOP) return undefined;
        const m = decodeNexthopMessage(buf, start, end);
        return protocol === undefined || m.header.protocol === protocol ? toNexthop(m) : undefined;
      },
    });
  }

  /** `ip nexthop get id ID`: one nexthop (NetlinkError ENOENT when there is none). */
  async get(id: number): Promise<Nexthop> {
    const m = await this.ctx.conn.get(buildNexthopById(RTM_GETNEXTHOP, id), 'RTM_GETNEXTHOP');
    if (m.header.type !== RTM_NEWNEXTHOP) throw new NetlinkError({ errno: ENODATA, operation: 'RTM_GETNEXTHOP (no nexthop in the answer)' });
    return toNexthop(decodeNexthopMessage(m.payload));
  }

  /** `ip nexthop add`: RTM_NEWNEXTHOP with CREATE|EXCL (EEXIST when the id is taken). */
  async add(spec: Readonly<NexthopSpec>): Promise<void> {
    await this.send(RTM_NEWNEXTHOP, NLM_F_CREATE | NLM_F_EXCL, spec);
  }

  /** `ip nexthop replace`: RTM_NEWNEXTHOP with CREATE|REPLACE. */
  async replace(spec: Readonly<NexthopSpec>): Promise<void> {
    await this.send(RTM_NEWNEXTHOP, NLM_F_CREATE | NLM_F_REPLACE, spec);
  }

  /**
   * `ip nexthop del id ID`: RTM_DELNEXTHOP (ENOENT when there is none); routes using it go with
   * it. A spec is sent as `ip nexthop del` sends its words (the kernel takes only the id).
   */
  async del(id: number | Readonly<NexthopSpec>): Promise<void> {
    if (typeof id === 'number') {
      await this.ctx.conn.request(buildNexthopById(RTM_DELNEXTHOP, id), 'RTM_DELNEXTHOP');
      return;
    }
    await this.send(RTM_DELNEXTHOP, 0, id);
  }

  /**
   * `ip nexthop flush ...`: delete every nexthop the filter selects; with no selector at all,
   * the groups first and then the rest. Resolves with the number deleted.
   */
  async flush(filter: Readonly<NexthopFilter> = {}): Promise<number> {
    checkFilter(filter);
    const all = filter.dev === undefined && filter.master === undefined && !filter.groups && !filter.fdb && filter.protocol === undefined;
    const passes: Readonly<NexthopFilter>[] = all ? [{ ...filter, groups: true }, filter] : [filter];
    let deleted = 0;
    for (const pass of passes) {
      for (const nh of await this.list(pass)) {
        if (!nh.id) continue;
        try {
          await this.del(nh.id);
          deleted++;
        } catch (e) {
          if (!(e instanceof NetlinkError && e.code === 'ENOENT')) throw e;
        }
      }
    }
    return deleted;
  }

  private async send(type: number, flags: number, spec: Readonly<NexthopSpec>): Promise<void> {
    buildNexthopRequest(spec, () => 0); // checked before any request
    const dev = spec.dev === undefined ? 0 : await this.ctx.ifindex(spec.dev);
    const op = type === RTM_DELNEXTHOP ? 'RTM_DELNEXTHOP' : 'RTM_NEWNEXTHOP';
    await this.ctx.conn.request(encodeNexthopMessage(type, flags, buildNexthopRequest(spec, () => dev)), op);
  }
}
