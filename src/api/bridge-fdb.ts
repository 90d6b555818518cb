/**
 * `ip.bridge.fdb`: the forwarding database as `bridge fdb` sees and changes it: neighbour
 * messages of family AF_BRIDGE (RTM_NEWNEIGH / RTM_DELNEIGH / RTM_GETNEIGH), the entries of a
 * bridge (`master`) or of the device itself (`self`: vxlan, macvlan, NICs), with the vxlan
 * remote (dst, port, vni, via, src_vni) or a nexthop group (nhid).
 */
import { NLM_F_APPEND, NLM_F_BULK, NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE, MessageWriter } from '../netlink/index.js';
import { AF_BRIDGE, macToBytes } from '../rtnl/common.js';
import {
  NTF_EXT_LEARNED, NTF_MASTER, NTF_OFFLOADED, NTF_ROUTER, NTF_SELF, NTF_STICKY, NTF_USE, NUD_NOARP, NUD_PERMANENT, NUD_REACHABLE,
  RTM_DELNEIGH, RTM_GETNEIGH, RTM_NEWNEIGH, decodeNeighMessage, encodeNdMsg, neighAttrs, type NeighAttrs, type NeighMessage,
} from '../rtnl/neigh/index.js';
import { parseInetAddress } from './addr.js';
import { checkBit, checkKeys, checkUint, checkWord } from './check.js';
import type { ApiContext, Dev } from './context.js';
import { InvalidArgumentError } from './errors.js';
import { LinkService } from './link.js';

/** One fdb entry to add, replace or delete (`bridge fdb add ADDR dev DEV ...`). */
export interface FdbSpec {
  /** The MAC address. */
  lladdr: string;
  dev: Dev;
  /** NTF_SELF: the device's own table (the default when neither self nor master is set). */
  self?: boolean;
  /** NTF_MASTER: the table of the bridge `dev` is a port of. */
  master?: boolean;
  router?: boolean;
  use?: boolean;
  externLearn?: boolean;
  sticky?: boolean;
  /** 'permanent' (the default; also `local`), 'static' (NOARP|REACHABLE), 'dynamic' (REACHABLE), or NUD_* bits. */
  state?: 'permanent' | 'static' | 'dynamic' | number;
  vlan?: number;
  /** vxlan: the remote's IP address. */
  dst?: string;
  /** vxlan: the remote's UDP port. */
  port?: number;
  /** vxlan: the remote's VNI (24 bits). */
  vni?: number;
  /** vxlan: the source VNI (collect-metadata devices). */
  srcVni?: number;
  /** vxlan: the device to reach the remote through. */
  via?: Dev;
  /** vxlan: a nexthop group instead of dst/port/vni. */
  nhid?: number;
}

const SPEC_KEYS: ReadonlySet<string> = new Set([
  'lladdr', 'dev', 'self', 'master', 'router', 'use', 'externLearn', 'sticky', 'state', 'vlan', 'dst', 'port', 'vni', 'srcVni', 'via', 'nhid',
]);

/** One fdb entry, as `bridge -j fdb show` describes it (its keys, camelCased). */
export interface FdbEntry {
  mac?: string;
  /** ndm_ifindex. */
  ifindex: number;
  dst?: string;
  vlan?: number;
  port?: number;
  vni?: number;
  srcVni?: number;
  /** NDA_IFINDEX: the vxlan remote's device. */
  viaIfindex?: number;
  nhid?: number;
  linkNetnsid?: number;
  /** NTF_* words in bridge's order: self, router, extern_learn, offload, master, sticky. */
  flags: string[];
  /** NDA_MASTER: the bridge. */
  master?: number;
  /** ndm_state (NUD_* bits). */
  state: number;
  /** NDA_CACHEINFO in clock ticks. */
  used?: number;
  updated?: number;
  /** The decoded message. */
  raw: NeighMessage;
}

/** What `bridge fdb show` selects. */
export interface FdbFilter {
  /** Only entries of this device (`brport` / `dev`). */
  dev?: Dev;
  /** Only entries of this bridge and its ports. */
  br?: Dev;
}

/** The entry `bridge fdb get ADDR br BR|dev DEV [vlan V] [vni N] [self|master]` asks for. */
export interface FdbGetSpec {
  /** The MAC address. */
  lladdr: string;
  /** The port (or device) the entry is on (ndm_ifindex). */
  dev?: Dev;
  /** The bridge (NDA_MASTER): its own entries, or with `dev` the port's. */
  br?: Dev;
  vlan?: number;
  /** vxlan: the VNI. */
  vni?: number;
  /** NTF_SELF: ask the device's own table. */
  self?: boolean;
  /** NTF_MASTER: ask the bridge's table. */
  master?: boolean;
}

const GET_KEYS: ReadonlySet<string> = new Set(['lladdr', 'dev', 'br', 'vlan', 'vni', 'self', 'master']);

/** What `bridge fdb flush dev DEV ...` deletes: a true/false key matches entries with/without it. */
export interface FdbFlushSpec {
  /** The bridge (or device with its own table). */
  dev: Dev;
  brport?: Dev;
  vlan?: number;
  self?: boolean;
  master?: boolean;
  permanent?: boolean;
  static?: boolean;
  dynamic?: boolean;
  addedByUser?: boolean;
  externLearn?: boolean;
  sticky?: boolean;
  offloaded?: boolean;
}

const FLAG_WORDS: readonly [number, string][] = [
  [NTF_SELF, 'self'], [NTF_ROUTER, 'router'], [NTF_EXT_LEARNED, 'extern_learn'], [NTF_OFFLOADED, 'offload'], [NTF_MASTER, 'master'],
  [NTF_STICKY, 'sticky'],
];

/** An FdbEntry of a decoded AF_BRIDGE neighbour message. */
export function toFdbEntry(msg: NeighMessage): FdbEntry {
  const { header: h, attrs: a } = msg;
  const out: FdbEntry = { ifindex: h.ifindex, flags: FLAG_WORDS.filter(([b]) => h.flags & b).map(([, w]) => w), state: h.state, raw: msg };
  if (a.lladdr !== undefined) out.mac = a.lladdr;
  if (a.dst !== undefined) out.dst = a.dst;
  if (a.vlan !== undefined) out.vlan = a.vlan;
  if (a.port !== undefined) out.port = a.port;
  if (a.vni !== undefined) out.vni = a.vni;
  if (a.srcVni !== undefined) out.srcVni = a.srcVni;
  if (a.ifindex !== undefined) out.viaIfindex = a.ifindex;
  if (a.nhId !== undefined) out.nhid = a.nhId;
  if (a.linkNetnsid !== undefined) out.linkNetnsid = a.linkNetnsid;
  if (a.master !== undefined) out.master = a.master;
  if (a.cacheinfo) {
    out.used = a.cacheinfo.used;
    out.updated = a.cacheinfo.updated;
  }
  return out;
}

/** A MAC address as six hex bytes separated by colons; InvalidArgumentError otherwise. */
function mac(text: unknown): Uint8Array {
  if (typeof text !== 'string' || !/^[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}$/.test(text)) {
    throw new InvalidArgumentError(`Invalid mac address ${String(text)}`, 'lladdr');
  }
  return Uint8Array.from(text.split(':').map((p) => parseInt(p, 16)));
}

/**
 * The ndmsg and NDA_* of `bridge fdb add/del` for `spec` (indices looked up by the caller),
 * attributes in bridge's order. Checked before any request.
 */
export function buildFdbRequest(spec: Readonly<FdbSpec>, ifindex: number, via?: number, vlanMax = 4095): { header: NeighMessage['header']; attrs: [keyof NeighAttrs, unknown][] } {
  if (spec === null || typeof spec !== 'object') throw new InvalidArgumentError('an fdb entry is expected');
  checkKeys(spec, SPEC_KEYS, 'bridge fdb');
  const addr = mac(spec.lladdr);
  let flags = 0;
  const flag = (v: boolean | undefined, what: string, bit: number): void => {
    if (v !== undefined && checkBit(v, what)) flags |= bit;
  };
  flag(spec.self, 'self', NTF_SELF);
  flag(spec.master, 'master', NTF_MASTER);
  flag(spec.router, 'router', NTF_ROUTER);
  flag(spec.use, 'use', NTF_USE);
  flag(spec.externLearn, 'externLearn', NTF_EXT_LEARNED);
  flag(spec.sticky, 'sticky', NTF_STICKY);
  if (!(flags & (NTF_SELF | NTF_MASTER))) flags |= NTF_SELF;
  let state: number;
  if (typeof spec.state === 'number') state = checkUint(spec.state, 'state', 0xffff);
  else {
    const word = spec.state === undefined ? 'permanent' : checkWord(spec.state, 'state', ['permanent', 'static', 'dynamic'] as const);
    state = word === 'permanent' ? NUD_NOARP | NUD_PERMANENT : word === 'static' ? NUD_NOARP | NUD_REACHABLE : NUD_REACHABLE;
  }
  if (spec.nhid !== undefined && (spec.dst !== undefined || spec.port !== undefined || spec.vni !== undefined)) {
    throw new InvalidArgumentError('dst, port, vni are mutually exclusive with nhid', 'nhid');
  }
  const attrs: [keyof NeighAttrs, unknown][] = [['lladdr', [...addr].map((b) => b.toString(16).padStart(2, '0')).join(':')]];
  if (spec.dst !== undefined) attrs.push(['dst', parseInetAddress(spec.dst, undefined, 'dst').text]);
  if (spec.vlan !== undefined) attrs.push(['vlan', checkUint(spec.vlan, 'vlan', vlanMax)]);
  if (spec.nhid !== undefined) attrs.push(['nhId', checkUint(spec.nhid, 'nhid')]);
  if (spec.port !== undefined) attrs.push(['port', checkUint(spec.port, 'port', 0xffff)]);
  if (spec.vni !== undefined) attrs.push(['vni', checkUint(spec.vni, 'vni', 0xffffff)]);
  if (spec.srcVni !== undefined) attrs.push(['srcVni', checkUint(spec.srcVni, 'srcVni', 0xffffff)]);
  if (via !== undefined) attrs.push(['ifindex', via]);
  return { header: { family: AF_BRIDGE, ifindex, state, flags, type: 0 }, attrs };
}

function encode(type: number, nlFlags: number, header: NeighMessage['header'], attrs: readonly [keyof NeighAttrs, unknown][]): Uint8Array {
  const w = new MessageWriter(type, nlFlags, 96);
  encodeNdMsg(w, header);
  for (const [k, v] of attrs) neighAttrs.encode(w, { [k]: v } as NeighAttrs);
  return w.finish();
}

/** The forwarding database: `bridge fdb` as a service. */
export class BridgeFdbService {
  constructor(private readonly ctx: ApiContext) {}

  /**
   * One entry, as the kernel looks it up (`bridge fdb get`): RTM_GETNEIGH of family AF_BRIDGE with
   * NDA_LLADDR, NDA_VLAN, NDA_VNI and NDA_MASTER; ENOENT when there is none.
   */
  async get(spec: Readonly<FdbGetSpec>): Promise<FdbEntry> {
    if (spec === null || typeof spec !== 'object') throw new InvalidArgumentError('an fdb entry is expected');
    checkKeys(spec, GET_KEYS, 'bridge fdb get');
    if (spec.dev === undefined && spec.br === undefined) throw new InvalidArgumentError('dev or br is required', 'dev');
    let mac: Uint8Array;
    try {
      mac = macToBytes(spec.lladdr);
    } catch {
      mac = new Uint8Array(0);
    }
    if (mac.length !== 6) throw new InvalidArgumentError(`Invalid mac address ${String(spec.lladdr)}`, 'lladdr');
    const attrs: [keyof NeighAttrs, unknown][] = [['lladdr', spec.lladdr]];
    if (spec.vlan !== undefined) attrs.push(['vlan', checkUint(spec.vlan, 'vlan', 0xffff)]);
    if (spec.vni !== undefined) attrs.push(['vni', checkUint(spec.vni, 'vni', 0xffffff)]);
    let flags = 0;
    if (spec.self !== undefined && checkBit(spec.self, 'self')) flags |= NTF_SELF;
    if (spec.master !== undefined && checkBit(spec.master, 'master')) flags |= NTF_MASTER;
    const ifindex = spec.dev === undefined ? 0 : await this.ctx.ifindex(spec.dev);
    if (spec.br !== undefined) attrs.push(['master', await this.ctx.ifindex(spec.br)]);
    const reply = await this.ctx.conn.get(encode(RTM_GETNEIGH, 0, { family: AF_BRIDGE, ifindex, state: 0, flags, type: 0 }, attrs), 'RTM_GETNEIGH');
    return toFdbEntry(decodeNeighMessage(reply.payload));
  }

  /** The AF_BRIDGE neighbour dump, filtered by port and by bridge (the bridge and its ports). */
  async list(filter: Readonly<FdbFilter> = {}): Promise<FdbEntry[]> {
    const index = filter.dev === undefined ? undefined : await this.ctx.ifindex(filter.dev);
    const br = filter.br === undefined ? undefined : await this.ctx.ifindex(filter.br);
    let inBridge: Set<number> | undefined;
    if (br !== undefined) {
      inBridge = new Set([br]);
      for (const l of await new LinkService(this.ctx).list()) if (l.master === br) inBridge.add(l.ifindex);
    }
    const w = new MessageWriter(RTM_GETNEIGH, 0, 32);
    encodeNdMsg(w, { family: AF_BRIDGE, ifindex: 0, state: 0, flags: 0, type: 0 });
    const out: FdbEntry[] = [];
    for (const m of await this.ctx.conn.dumpAll(w.finish(), 'RTM_GETNEIGH')) {
      if (m.header.type !== RTM_NEWNEIGH) continue;
      const e = toFdbEntry(decodeNeighMessage(m.payload));
      if (e.raw.header.family !== AF_BRIDGE) continue;
      if (index !== undefined && e.ifindex !== index) continue;
      if (inBridge && !inBridge.has(e.ifindex)) continue;
      out.push(e);
    }
    return out;
  }

  /** `bridge fdb add`: CREATE|EXCL. */
  async add(spec: Readonly<FdbSpec>): Promise<void> {
    await this.modify(RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_EXCL, spec);
  }

  /** `bridge fdb append`: CREATE|APPEND (another vxlan remote for the same MAC). */
  async append(spec: Readonly<FdbSpec>): Promise<void> {
    await this.modify(RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_APPEND, spec);
  }

  /** `bridge fdb replace`: CREATE|REPLACE. */
  async replace(spec: Readonly<FdbSpec>): Promise<void> {
    await this.modify(RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_REPLACE, spec);
  }

  /** `bridge fdb del`. */
  async del(spec: Readonly<FdbSpec>): Promise<void> {
    await this.modify(RTM_DELNEIGH, 0, spec);
  }

  /** `bridge fdb flush dev DEV ...`: one bulk RTM_DELNEIGH (NLM_F_BULK) the kernel matches. */
  async flush(spec: Readonly<FdbFlushSpec>): Promise<void> {
    if (spec === null || typeof spec !== 'object') throw new InvalidArgumentError('a flush selection is expected');
    checkKeys(spec, FLUSH_KEYS, 'bridge fdb flush');
    const vlan = spec.vlan === undefined ? undefined : checkUint(spec.vlan, 'vlan', 4095);
    let flags = 0;
    let flagsMask = 0;
    let state = 0;
    let stateMask = 0;
    const bool = (v: boolean | undefined, what: string): boolean | undefined => (v === undefined ? undefined : checkBit(v, what) === 1);
    if (bool(spec.self, 'self')) flags |= NTF_SELF;
    if (bool(spec.master, 'master')) flags |= NTF_MASTER;
    const flagMatch = (v: boolean | undefined, what: string, bit: number): void => {
      const b = bool(v, what);
      if (b === undefined) return;
      flagsMask |= bit;
      if (b) flags |= bit; else flags &= ~bit;
    };
    flagMatch(spec.addedByUser, 'addedByUser', NTF_USE);
    flagMatch(spec.externLearn, 'externLearn', NTF_EXT_LEARNED);
    flagMatch(spec.sticky, 'sticky', NTF_STICKY);
    flagMatch(spec.offloaded, 'offloaded', NTF_OFFLOADED);
    const p = bool(spec.permanent, 'permanent');
    if (p !== undefined) {
      stateMask |= NUD_PERMANENT;
      if (p) state |= NUD_PERMANENT;
    }
    const st = bool(spec.static, 'static');
    if (st === true) {
      state |= NUD_NOARP;
      stateMask |= NUD_NOARP | NUD_PERMANENT;
    } else if (st === false) stateMask |= NUD_NOARP;
    const dyn = bool(spec.dynamic, 'dynamic');
    if (dyn === true) {
      state &= ~NUD_NOARP;
      stateMask |= NUD_NOARP | NUD_PERMANENT;
    } else if (dyn === false) {
      state |= NUD_NOARP;
      stateMask |= NUD_NOARP;
    }
    if (!(flags & (NTF_SELF | NTF_MASTER))) flags |= NTF_SELF;
    const port = spec.brport === undefined ? undefined : await this.ctx.ifindex(spec.brport);
    const ifindex = await this.ctx.ifindex(spec.dev);
    const attrs: [keyof NeighAttrs, unknown][] = [];
    if (port !== undefined) attrs.push(['ifindex', port]);
    if (vlan !== undefined) attrs.push(['vlan', vlan]);
    if (flagsMask) attrs.push(['ndmFlagsMask', flagsMask]);
    if (stateMask) attrs.push(['ndmStateMask', stateMask]);
    await this.ctx.conn.request(encode(RTM_DELNEIGH, NLM_F_BULK, { family: AF_BRIDGE, ifindex, state, flags, type: 0 }, attrs), 'RTM_DELNEIGH');
  }

  /**
   * The CLI's way in: `verb` as bridge names it, and any 16-bit vlan (bridge leaves VLAN ids
   * above 4094 to the kernel to refuse).
   * @internal
   */
  async modifyAsBridge(verb: 'add' | 'append' | 'replace' | 'del', spec: Readonly<FdbSpec>): Promise<void> {
    const flags = { add: NLM_F_CREATE | NLM_F_EXCL, append: NLM_F_CREATE | NLM_F_APPEND, replace: NLM_F_CREATE | NLM_F_REPLACE, del: 0 }[verb];
    await this.modify(verb === 'del' ? RTM_DELNEIGH : RTM_NEWNEIGH, flags, spec, 0xffff);
  }

  private async modify(type: number, nlFlags: number, spec: Readonly<FdbSpec>, vlanMax = 4095): Promise<void> {
    buildFdbRequest(spec, 0, undefined, vlanMax); // checked before any lookup
    const via = spec.via === undefined ? undefined : await this.ctx.ifindex(spec.via);
    const { header, attrs } = buildFdbRequest(spec, await this.ctx.ifindex(spec.dev), via, vlanMax);
    await this.ctx.conn.request(encode(type, nlFlags, header, attrs), type === RTM_DELNEIGH ? 'RTM_DELNEIGH' : 'RTM_NEWNEIGH');
  }
}

const FLUSH_KEYS: ReadonlySet<string> = new Set([
  'dev', 'brport', 'vlan', 'self', 'master', 'permanent', 'static', 'dynamic', 'addedByUser', 'externLearn', 'sticky', 'offloaded',
]);
