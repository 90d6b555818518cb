/**
 * `ip.bridge.mdb`: the bridge multicast database as `bridge mdb` sees and changes it: the
 * RTM_GETMDB dump (groups per bridge, and the multicast router ports), RTM_NEWMDB
 * (NLM_F_CREATE|NLM_F_EXCL) and RTM_DELMDB with one br_mdb_entry and an optional source.
 */
import { MessageWriter, NLM_F_CREATE, NLM_F_EXCL } from '../netlink/index.js';
import { AF_BRIDGE, macToBytes, parseDottedQuad, parseIpv6 } from '../rtnl/common.js';
import {
  ETH_P_IP, ETH_P_IPV6, MDB_PERMANENT, MDB_TEMPORARY, RTM_DELMDB, RTM_GETMDB, RTM_NEWMDB, brPortMsg, decodeMdbMessage,
  encodeMdbRequest, type BrMdbEntry, type MdbEntry, type MdbRouterPort,
} from '../rtnl/bridge/index.js';
import { checkBit, checkKeys, checkUint } from './check.js';
import type { ApiContext, Dev } from './context.js';
import { InvalidArgumentError } from './errors.js';

/** One group on a port (`bridge mdb add dev BR port P grp G [src S] [permanent] [vid V]`). */
export interface MdbSpec {
  /** The bridge. */
  dev: Dev;
  /** The port (or the bridge itself, for a host-joined group). */
  port: Dev;
  /** An IPv4 or IPv6 multicast group, or a MAC address (an L2 group). */
  group: string;
  /** The source of an (S,G) entry, of the group's family. */
  source?: string;
  /** MDB_PERMANENT rather than temporary (add only). */
  permanent?: boolean;
  /** The VLAN, 0 (the default) for none. */
  vid?: number;
}

/** One bridge's multicast router ports. */
export interface MdbRouters {
  /** The bridge. */
  bridge: number;
  ports: MdbRouterPort[];
}

/** What `bridge.mdb.list` selects. */
export interface MdbFilter {
  /** Only this bridge. */
  dev?: Dev;
  /** Only this VLAN. */
  vid?: number;
}

const SPEC_KEYS: ReadonlySet<string> = new Set(['dev', 'port', 'group', 'source', 'permanent', 'vid']);

/** mdb_parse_grp: an IPv4 or IPv6 group (inet_pton's forms), else a 6-byte MAC; undefined when neither. */
export function parseMdbGroup(text: string): { addr: Uint8Array; proto: number } | undefined {
  const addr = new Uint8Array(16);
  const v4 = parseDottedQuad(text);
  if (v4) {
    addr.set(v4);
    return { addr, proto: ETH_P_IP };
  }
  const v6 = parseIpv6(text);
  if (v6) return { addr: v6, proto: ETH_P_IPV6 };
  if (!/^[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}$/.test(text)) return undefined;
  addr.set(macToBytes(text));
  return { addr, proto: 0 };
}

/** The br_mdb_entry (port index left 0) and source bytes of `spec`, checked. */
export function buildMdbEntry(spec: Readonly<MdbSpec>, del: boolean): { entry: BrMdbEntry; source?: Uint8Array } {
  if (spec === null || typeof spec !== 'object') throw new InvalidArgumentError('an mdb entry is expected');
  checkKeys(spec, SPEC_KEYS, 'bridge mdb');
  if (typeof spec.group !== 'string') throw new InvalidArgumentError('group is required', 'group');
  const g = parseMdbGroup(spec.group);
  if (!g) throw new InvalidArgumentError(`Invalid address "${spec.group}"`, 'group');
  let state = MDB_TEMPORARY;
  if (spec.permanent !== undefined && checkBit(spec.permanent, 'permanent')) {
    if (del) throw new InvalidArgumentError('permanent is for add: a delete names the entry only', 'permanent');
    state = MDB_PERMANENT;
  }
  const vid = spec.vid === undefined ? 0 : checkUint(spec.vid, 'vid', 0xffff);
  const entry: BrMdbEntry = { ifindex: 0, state, flags: 0, vid, addr: g.addr, proto: g.proto };
  if (spec.source === undefined) return { entry };
  const source = typeof spec.source === 'string' ? (parseDottedQuad(spec.source) ?? parseIpv6(spec.source)) : undefined;
  if (!source) throw new InvalidArgumentError(`Invalid source address "${String(spec.source)}"`, 'source');
  return { entry, source };
}

/** The multicast database: `bridge mdb add/del/show` as a service. */
export class BridgeMdbService {
  constructor(private readonly ctx: ApiContext) {}

  /** `bridge mdb add`: RTM_NEWMDB with NLM_F_CREATE|NLM_F_EXCL. */
  async add(spec: Readonly<MdbSpec>): Promise<void> {
    await this.modify(RTM_NEWMDB, NLM_F_CREATE | NLM_F_EXCL, spec);
  }

  /** `bridge mdb del`: RTM_DELMDB. */
  async del(spec: Readonly<MdbSpec>): Promise<void> {
    await this.modify(RTM_DELMDB, 0, spec);
  }

  /** Every group of every bridge (or of `dev`, of VLAN `vid`), in the kernel's order: `bridge mdb show`. */
  async list(filter: Readonly<MdbFilter> = {}): Promise<MdbEntry[]> {
    const { index, vid } = await this.filter(filter);
    const out: MdbEntry[] = [];
    for (const m of await this.dump()) {
      if (index && m.ifindex !== index) continue;
      for (const e of m.entries) if (!vid || e.vid === vid) out.push(e);
    }
    return out;
  }

  /** The multicast router ports of every bridge that reports them (or of `dev`): `bridge -d mdb show`. */
  async routers(filter: Readonly<Pick<MdbFilter, 'dev'>> = {}): Promise<MdbRouters[]> {
    const { index } = await this.filter(filter);
    const out: MdbRouters[] = [];
    for (const m of await this.dump()) {
      if (m.routers && (!index || m.ifindex === index)) out.push({ bridge: m.ifindex, ports: m.routers });
    }
    return out;
  }

  private async filter(filter: Readonly<MdbFilter>): Promise<{ index: number; vid: number }> {
    if (filter === null || typeof filter !== 'object') throw new InvalidArgumentError('an mdb filter is expected');
    checkKeys(filter, new Set(['dev', 'vid']), 'bridge mdb list');
    const vid = filter.vid === undefined ? 0 : checkUint(filter.vid, 'vid', 0xffff);
    return { index: filter.dev === undefined ? 0 : await this.ctx.ifindex(filter.dev), vid };
  }

  private async dump() {
    const w = new MessageWriter(RTM_GETMDB, 0, 32);
    brPortMsg.encode(w, { family: AF_BRIDGE, ifindex: 0 });
    return this.ctx.conn.dumpAll(w.finish(), 'RTM_GETMDB', {
      map: (type, buf, start, end) => (type === RTM_NEWMDB || type === RTM_GETMDB ? decodeMdbMessage(buf, start, end) : undefined),
    });
  }

  private async modify(type: number, nlFlags: number, spec: Readonly<MdbSpec>): Promise<void> {
    const { entry, source } = buildMdbEntry(spec, type === RTM_DELMDB);
    const bridge = await this.ctx.ifindex(spec.dev);
    entry.ifindex = await this.ctx.ifindex(spec.port);
    const msg = encodeMdbRequest(type, nlFlags, { family: AF_BRIDGE, ifindex: bridge }, entry, source);
    await this.ctx.conn.request(msg, type === RTM_DELMDB ? 'RTM_DELMDB' : 'RTM_NEWMDB');
  }
}
