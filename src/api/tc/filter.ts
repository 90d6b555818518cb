/**
 * `ip.tc.filter`: list, add, change, replace and delete classifiers — tc filter over
 * RTM_{NEW,DEL,GET}TFILTER. The header carries the place (dev, parent, pref, protocol, handle);
 * TCA_OPTIONS is built by the kind: matchall from a typed spec (classid, skip flags, actions),
 * other kinds from their rtnl options object (src/rtnl/tc/filters) or raw bytes. Actions are
 * checked by their drivers (src/api/tc/actions) before anything is sent; the bytes equal tc's.
 */
import { MessageWriter, NLM_F_CREATE, NLM_F_ECHO, NLM_F_EXCL, NLM_F_REPLACE } from '../../netlink/index.js';
import {
  encodeTcMessage, encodeTcMsg, decodeTcMessage, ETH_P_ALL, llProtoByName, RTM_DELTFILTER, RTM_GETTFILTER, RTM_NEWTFILTER,
  TC_H_CLSACT, TC_H_MIN_EGRESS, TC_H_MIN_INGRESS, TCA_CLS_FLAGS_SKIP_HW, TCA_CLS_FLAGS_SKIP_SW, tcaTable, tcHandle, toFilter,
  type BpfOptions, type Filter, type MatchallOptions as MatchallData, type TcAttrs, type TcMessage,
} from '../../rtnl/tc/index.js';
import { checkKeys, checkUint } from '../check.js';
import type { ApiContext, Dev } from '../context.js';
import { InvalidArgumentError } from '../errors.js';
import { actionsValue, type ActionSpec } from './actions/index.js';
import { ack, kindValue, TcRequest, type TcAck } from './build.js';
import { classidValue, parentValue, type TcHandle } from './values.js';
import { BPF_KEYS, bpfValue, type BpfFilterOptions } from './filters/bpf.js';
import { bpfObjGet } from './bpf.js';
import * as ffi from '../../netlink/ffi.js';
import { FLOWER_KEYS, flowerValue, type FlowerFilterOptions } from './filters/flower.js';
import { U32_KEYS, u32HandleValue, u32Order, u32Value, type U32FilterOptions } from './filters/u32.js';

/** Where a filter hangs and which one it is. */
export interface FilterPlace {
  dev: Dev;
  /** 'ingress' / 'egress' (a clsact or ingress qdisc's sides), 'root', or a qdisc or class ('1:', '1:10'). */
  parent: TcHandle | 'ingress' | 'egress';
  /** Priority (pref / prio), 1-65535; 0 or absent: the kernel picks one (add only). */
  pref?: number;
  /** Ethernet protocol: a name as tc knows it ('ip', 'ipv6', 'all', '802.1Q') or the ETH_P_* number. Default 'all'. */
  protocol?: string | number;
  /** The filter's handle, kind-specific (a number, or text as tc reads it: '0x10'). */
  handle?: number | string;
  /** TCA_CHAIN. */
  chain?: number;
}

/** A matchall filter: every packet; go to `classid` and/or run `actions`. */
export interface MatchallSpec extends FilterPlace {
  kind: 'matchall';
  classid?: TcHandle;
  skipHw?: boolean;
  skipSw?: boolean;
  actions?: ActionSpec[];
}

/** A u32 filter: matches on packet words (`match`), a class and/or actions. */
export interface U32Spec extends FilterPlace, Partial<U32FilterOptions> {
  kind: 'u32';
}

/** A flower filter: the common keys (VLAN, MACs, IP protocol, addresses, ports, tos/ttl, ip_flags). */
export interface FlowerSpec extends FilterPlace, Partial<FlowerFilterOptions> {
  kind: 'flower';
}

/**
 * A bpf filter running an eBPF program already loaded: pinned in a bpffs (opened for the request
 * and closed after it) or by the caller's file descriptor.
 */
export interface BpfSpec extends FilterPlace, Partial<BpfFilterOptions> {
  kind: 'bpf';
}

/**
 * A filter of another kind, or of a typed kind given as wire options: its TCA_OPTIONS as the rtnl codec types it (FlowerOptions,
 * U32Options, BpfOptions: actions there are rtnl TcAction nests), or raw bytes.
 */
export interface OtherFilterSpec extends FilterPlace {
  kind: string;
  options?: object | Uint8Array;
}

/** What `tc.filter.add/change/replace` take: matchall, u32, flower and bpf typed, other kinds as their wire options. */
export type FilterSpec = MatchallSpec | U32Spec | FlowerSpec | BpfSpec | OtherFilterSpec;

/** What `tc.filter.del` takes (tc filter del's selectors; a kind with a handle). */
export interface FilterRef extends FilterPlace {
  kind?: string;
}

const PLACE_KEYS = ['dev', 'parent', 'pref', 'protocol', 'handle', 'chain'];
const MATCHALL_KEYS: ReadonlySet<string> = new Set([...PLACE_KEYS, 'kind', 'classid', 'skipHw', 'skipSw', 'actions']);
const OTHER_KEYS: ReadonlySet<string> = new Set([...PLACE_KEYS, 'kind', 'options']);
const U32_SPEC_KEYS: ReadonlySet<string> = new Set([...PLACE_KEYS, 'kind', ...U32_KEYS]);
const FLOWER_SPEC_KEYS: ReadonlySet<string> = new Set([...PLACE_KEYS, 'kind', ...FLOWER_KEYS]);
const BPF_SPEC_KEYS: ReadonlySet<string> = new Set([...PLACE_KEYS, 'kind', ...BPF_KEYS]);
const REF_KEYS: ReadonlySet<string> = new Set([...PLACE_KEYS, 'kind']);

/** Verbs and their flags (tc_filter.c's do_filter). */
const FLAGS = { add: NLM_F_CREATE | NLM_F_EXCL, change: 0, replace: NLM_F_CREATE } as const;

/** A filter's parent: clsact's sides by name, else a handle. */
export function filterParentValue(v: unknown): number {
  if (v === 'ingress') return tcHandle(TC_H_CLSACT, TC_H_MIN_INGRESS);
  if (v === 'egress') return tcHandle(TC_H_CLSACT, TC_H_MIN_EGRESS);
  return parentValue(v);
}

/** An Ethernet protocol by name or number (host order). */
export function protocolValue(v: unknown): number {
  if (typeof v === 'number') return checkUint(v, 'protocol', 0xffff);
  const n = typeof v === 'string' ? llProtoByName(v) : undefined;
  if (n === undefined) throw new InvalidArgumentError(`invalid protocol "${String(v)}"`, 'protocol');
  return n;
}

/** A filter handle: a number, or text read as get_u32(…, 0) reads it. */
function handleValue(v: unknown): number {
  if (typeof v === 'string' && /^(0x[0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.test(v)) {
    const n = Number(v.startsWith('0x') ? v : /^0[0-7]+$/.test(v) ? parseInt(v, 8) : v);
    if (n <= 0xffffffff) return n;
  }
  if (typeof v === 'number') return checkUint(v, 'handle');
  throw new InvalidArgumentError(`invalid handle "${String(v)}"`, 'handle');
}

/** The tcmsg of a place: tcm_info is pref << 16 | protocol in network order. */
function place(p: Readonly<FilterPlace>, defaultProtocol: number): TcMessage {
  if (p.parent === undefined) throw new InvalidArgumentError('a filter needs a parent (parent: \'ingress\', \'egress\', \'root\' or a handle)', 'parent');
  const parent = filterParentValue(p.parent);
  const pref = p.pref === undefined ? 0 : checkUint(p.pref, 'pref', 0xffff);
  const proto = p.protocol === undefined ? defaultProtocol : protocolValue(p.protocol);
  const info = ((pref << 16) | ((proto & 0xff) << 8) | (proto >>> 8)) >>> 0;
  const handle = p.handle === undefined ? 0 : handleValue(p.handle);
  const attrs: TcAttrs = {};
  const msg: TcMessage = { header: { family: 0, ifindex: 0, handle, parent, info }, attrs };
  if (p.chain !== undefined) attrs.chain = checkUint(p.chain, 'chain');
  return msg;
}

/** `ip.tc.filter`: classifiers on a qdisc or block (RTM_NEWTFILTER/DELTFILTER/GETTFILTER). */
export class FilterService {
  constructor(private readonly ctx: ApiContext) {}

  /** `tc filter add`: RTM_NEWTFILTER with CREATE|EXCL. */
  async add(spec: Readonly<FilterSpec>): Promise<TcAck> {
    return this.modify('add', spec);
  }

  /** `tc filter change`: RTM_NEWTFILTER without flags, for an existing filter (pref and handle). */
  async change(spec: Readonly<FilterSpec>): Promise<TcAck> {
    return this.modify('change', spec);
  }

  /** `tc filter replace`: RTM_NEWTFILTER with CREATE. */
  async replace(spec: Readonly<FilterSpec>): Promise<TcAck> {
    return this.modify('replace', spec);
  }

  /** `tc filter del`: RTM_DELTFILTER by place (no pref: every filter of the parent). */
  async del(ref: Readonly<FilterRef>): Promise<TcAck> {
    if (ref === null || typeof ref !== 'object') throw new InvalidArgumentError('a filter is expected');
    checkKeys(ref, REF_KEYS, 'filter del');
    const msg = place(ref, 0);
    if (ref.kind !== undefined) msg.attrs.kind = kindValue(ref.kind);
    const b = new TcRequest('del', ref.kind ?? '', ref.dev);
    b.lookup(ref.dev, (i) => { msg.header.ifindex = i; });
    await b.resolve(this.ctx);
    return ack(await this.ctx.conn.requestAck(encodeTcMessage(RTM_DELTFILTER, 0, msg, this.ctx.tcKinds), 'RTM_DELTFILTER'));
  }

  /**
   * The filters of one parent of `dev` (tc filter show dev D [parent P] [pref N] [protocol P]
   * [chain C]); without a parent, the root qdisc's. The kernel filters by pref, protocol and
   * chain; `handle` is checked here.
   */
  async list(where: Readonly<Omit<FilterPlace, 'handle' | 'parent'> & { parent?: FilterPlace['parent']; handle?: number | string }>): Promise<Filter[]> {
    if (where === null || typeof where !== 'object') throw new InvalidArgumentError('a filter place is expected');
    checkKeys(where, new Set(PLACE_KEYS), 'filter list');
    const msg = place({ ...where, parent: where.parent ?? 0 }, 0);
    msg.header.ifindex = await this.ctx.ifindex(where.dev);
    const w = new MessageWriter(RTM_GETTFILTER, 0, 64);
    encodeTcMsg(w, msg.header);
    tcaTable(this.ctx.tcKinds, 'filter', undefined).encode(w, msg.attrs);
    const all = await this.ctx.conn.dumpAll(w.finish(), 'RTM_GETTFILTER', {
      map: (type, buf, start, end) => (type === RTM_NEWTFILTER ? toFilter(decodeTcMessage(type, buf, this.ctx.tcKinds, start, end)) : undefined),
    });
    return where.handle === undefined ? all : all.filter((f) => f.handle === msg.header.handle);
  }

  /**
   * One filter (tc filter get): RTM_GETTFILTER with NLM_F_ECHO for the filter of `kind` at
   * dev, parent, pref, protocol and handle; NetlinkError ENOENT when there is none.
   */
  async get(ref: Readonly<FilterRef & { kind: string; pref: number; protocol: string | number; handle: number | string }>): Promise<Filter> {
    if (ref === null || typeof ref !== 'object') throw new InvalidArgumentError('a filter is expected');
    checkKeys(ref, REF_KEYS, 'filter get');
    if (ref.pref === undefined) throw new InvalidArgumentError('filter get needs a priority (pref)', 'pref');
    if (ref.protocol === undefined) throw new InvalidArgumentError('filter get needs a protocol', 'protocol');
    if (ref.handle === undefined) throw new InvalidArgumentError('filter get needs a handle', 'handle');
    const msg = place(ref, 0);
    msg.attrs.kind = kindValue(ref.kind);
    msg.header.ifindex = await this.ctx.ifindex(ref.dev);
    const replies = await this.ctx.conn.request(encodeTcMessage(RTM_GETTFILTER, NLM_F_ECHO, msg, this.ctx.tcKinds), 'RTM_GETTFILTER');
    const m = replies.find((r) => r.header.type === RTM_NEWTFILTER);
    if (!m) throw new InvalidArgumentError('the kernel answered filter get without a filter');
    return toFilter(decodeTcMessage(RTM_NEWTFILTER, m.payload, this.ctx.tcKinds));
  }

  /** The request `tc filter add/change/replace` would send, devices unresolved. @internal */
  build(op: keyof typeof FLAGS, spec: Readonly<FilterSpec>): { msg: TcMessage; request: TcRequest } {
    if (spec === null || typeof spec !== 'object') throw new InvalidArgumentError('a filter is expected');
    const kind = kindValue(spec.kind);
    const typed = (kind === 'u32' || kind === 'flower' || kind === 'bpf') && !('options' in spec) ? kind : kind === 'matchall' ? 'matchall' : undefined;
    const keys = typed === undefined ? OTHER_KEYS : { matchall: MATCHALL_KEYS, u32: U32_SPEC_KEYS, flower: FLOWER_SPEC_KEYS, bpf: BPF_SPEC_KEYS }[typed];
    checkKeys(spec, keys, `a ${kind} filter`);
    if (spec.dev === undefined) throw new InvalidArgumentError('a filter needs a device (dev)', 'dev');
    const handle = typed === 'u32' && spec.handle !== undefined ? u32HandleValue(spec.handle, 'handle') : spec.handle;
    const msg = place({ ...spec, ...(handle !== undefined ? { handle } : {}) }, op === 'change' ? 0 : ETH_P_ALL); // tc: ETH_P_ALL only with NLM_F_CREATE
    msg.attrs.kind = kind;
    const b = new TcRequest(op, kind, spec.dev);
    b.lookup(spec.dev, (i) => { msg.header.ifindex = i; });
    if (typed === 'matchall') msg.attrs.options = matchallValue(spec as MatchallSpec, b);
    else if (typed === 'u32') {
      const u = spec as U32Spec;
      msg.header.handle = u32Order(u, msg.header.handle);
      msg.attrs.options = u32Value(u, b, msg.header.handle);
    } else if (typed === 'flower') {
      const info = msg.header.info & 0xffff;
      msg.attrs.options = flowerValue(spec as FlowerSpec, b, ((info & 0xff) << 8) | (info >>> 8));
    } else if (typed === 'bpf') msg.attrs.options = bpfValue(spec as BpfSpec, b);
    else if ('options' in spec && spec.options !== undefined) {
      if (typeof spec.options !== 'object' || spec.options === null) throw new InvalidArgumentError('options must be an object or bytes', 'options');
      msg.attrs.options = spec.options;
    }
    return { msg, request: b };
  }

  private async modify(op: keyof typeof FLAGS, spec: Readonly<FilterSpec>): Promise<TcAck> {
    const { msg, request } = this.build(op, spec);
    await request.resolve(this.ctx);
    // A pinned bpf program is opened last, after every check, and closed once the kernel answered.
    const pinned = spec.kind === 'bpf' && !('options' in spec) ? (spec as BpfSpec).pinned : undefined;
    const fd = pinned !== undefined ? bpfObjGet(pinned) : undefined;
    try {
      if (fd !== undefined) (msg.attrs.options as BpfOptions).fd = fd;
      return ack(await this.ctx.conn.requestAck(encodeTcMessage(RTM_NEWTFILTER, FLAGS[op], msg, this.ctx.tcKinds), 'RTM_NEWTFILTER'));
    } finally {
      if (fd !== undefined) ffi.close(fd);
    }
  }
}

/** matchall's TCA_OPTIONS in tc's order (f_matchall.c): classid, actions, flags. */
function matchallValue(s: Readonly<MatchallSpec>, b: TcRequest): MatchallData {
  const o: MatchallData = {};
  if (s.classid !== undefined) o.classid = classidValue(s.classid, 'classid');
  if (s.actions !== undefined) o.actions = actionsValue(s.actions, b);
  const flags = (s.skipHw ? TCA_CLS_FLAGS_SKIP_HW : 0) | (s.skipSw ? TCA_CLS_FLAGS_SKIP_SW : 0);
  if (flags) o.flags = flags;
  return o;
}
