/**
 * `ip.tc.qdisc`: list, get, add, change, replace and delete queueing disciplines — tc qdisc over
 * RTM_{NEW,DEL,GET}QDISC. A spec is checked against its kind's driver (src/api/tc/qdiscs) before
 * anything is sent; the request carries its attributes in tc's order (TCA_KIND, TCA_RATE, the
 * blocks, TCA_OPTIONS), so its bytes equal tc's for the same words.
 */
import { MessageWriter, NLM_F_CREATE, NLM_F_ECHO, NLM_F_EXCL, NLM_F_REPLACE, NetlinkError } from '../../netlink/index.js';
import { ENODATA } from '../../netlink/errno.js';
import {
  RTM_DELQDISC, RTM_GETQDISC, RTM_NEWQDISC, TC_H_INGRESS, decodeTcMessage, encodeTcMessage, tcHandle, tcaTable,
  encodeTcMsg, toQdisc, type Qdisc, type TcAttrs, type TcMessage,
} from '../../rtnl/tc/index.js';
import { checkKeys, checkUint } from '../check.js';
import type { ApiContext, Dev } from '../context.js';
import { InvalidArgumentError } from '../errors.js';
import { ack, estimatorValue, has, kindValue, TcRequest, type TcAck, type EstimatorSpec } from './build.js';
import { QDISC_DRIVERS, type KnownQdiscKind, type QdiscDriver, type QdiscKindOptions } from './qdiscs/index.js';
import { parentValue, qdiscHandleValue, type TcHandle } from './values.js';

/** What every qdisc spec may carry beside its kind's options. */
export interface QdiscCommon {
  /** The device (0: none, as tc sends without `dev`; the kernel then refuses). */
  dev: Dev;
  /**
   * Where it attaches: 'root', 'ingress' / 'clsact' (TC_H_INGRESS), or a class ('1:10'). The
   * ingress and clsact kinds default to TC_H_INGRESS; others send 0 when it is omitted (the
   * kernel then finds the qdisc by its handle, or refuses).
   */
  parent?: TcHandle;
  /** Its handle ('1:'); the kernel picks one when omitted (ingress and clsact: 'ffff:'). */
  handle?: TcHandle;
  /** A rate estimator (TCA_RATE). */
  estimator?: EstimatorSpec;
  /** The shared block of an ingress or clsact qdisc's ingress side. */
  ingressBlock?: number;
  /** The shared block of a clsact qdisc's egress side. */
  egressBlock?: number;
}

/** A qdisc of kind K: the common keys, `kind: K` and the kind's options. */
export type QdiscSpecOf<K extends KnownQdiscKind> = QdiscCommon & { kind: K } & QdiscKindOptions<K>;
/** A qdisc of a kind with a driver. */
export type KnownQdiscSpec = { [K in KnownQdiscKind]: QdiscSpecOf<K> }[KnownQdiscKind];
/**
 * A qdisc of a kind without a driver: its TCA_OPTIONS as raw bytes, if any. Without a kind (a
 * change found by its handle) no TCA_KIND is sent.
 */
export interface OtherQdiscSpec extends QdiscCommon {
  kind?: string;
  options?: Uint8Array;
}
/** What `tc.qdisc.add/change/replace` take. */
export type QdiscSpec = KnownQdiscSpec | OtherQdiscSpec;

/** What `tc.qdisc.del` takes: the device and the qdisc's place (and optionally its kind). */
export interface QdiscRef {
  dev: Dev;
  parent?: TcHandle;
  handle?: TcHandle;
  kind?: string;
}

/** What `tc.qdisc.list` selects (tc qdisc show's selectors). */
export interface QdiscFilter {
  /** Only this device's qdiscs. */
  dev?: Dev;
  /** Only qdiscs with this parent ('root', 'ingress', a class). */
  parent?: TcHandle;
  /** Only the qdisc with this handle. */
  handle?: TcHandle;
  /** Ask for the qdiscs the kernel hides too (TCA_DUMP_INVISIBLE). */
  invisible?: boolean;
}

const COMMON_KEYS = ['dev', 'parent', 'handle', 'kind', 'estimator', 'ingressBlock', 'egressBlock'];
const SPEC_KEYS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries(QDISC_DRIVERS).map(([kind, d]) => [kind, new Set([...COMMON_KEYS, ...Object.keys(d.options)])]),
);
const OTHER_KEYS: ReadonlySet<string> = new Set([...COMMON_KEYS, 'options']);
const REF_KEYS: ReadonlySet<string> = new Set(['dev', 'parent', 'handle', 'kind']);

/** Any driver, its options erased. */
type AnyDriver = Pick<QdiscDriver<object, object>, 'build'>;

/** Kinds that live at TC_H_INGRESS with the handle ffff: (tc's `ingress` and `clsact` words). */
const INGRESS_KINDS = new Set(['ingress', 'clsact']);

/** Verbs and their flags (tc_qdisc.c's do_qdisc). */
const FLAGS = {
  add: NLM_F_CREATE | NLM_F_EXCL,
  change: 0,
  replace: NLM_F_CREATE | NLM_F_REPLACE,
  link: NLM_F_REPLACE,
} as const;

/** `ip.tc.qdisc`: queueing disciplines (RTM_NEWQDISC/DELQDISC/GETQDISC). */
export class QdiscService {
  constructor(private readonly ctx: ApiContext) {}

  /** Qdiscs, of one device or all, filtered as `tc qdisc show` filters them. */
  async list(filter: Readonly<QdiscFilter> = {}): Promise<Qdisc[]> {
    checkKeys(filter, new Set(['dev', 'parent', 'handle', 'invisible']), 'qdisc list');
    const parent = filter.parent === undefined ? undefined : parentValue(filter.parent);
    const handle = filter.handle === undefined ? undefined : qdiscHandleValue(filter.handle, 'handle');
    const ifindex = filter.dev === undefined ? 0 : await this.ctx.ifindex(filter.dev);
    const attrs: TcAttrs = filter.invisible ? { dumpInvisible: true } : {};
    const w = new MessageWriter(RTM_GETQDISC, 0, 64);
    encodeTcMsg(w, { family: 0, ifindex, handle: 0, parent: 0, info: 0 });
    tcaTable(this.ctx.tcKinds, 'qdisc', undefined).encode(w, attrs);
    const all = await this.ctx.conn.dumpAll(w.finish(), 'RTM_GETQDISC', {
      map: (type, buf, start, end) => (type === RTM_NEWQDISC ? toQdisc(decodeTcMessage(type, buf, this.ctx.tcKinds, start, end), this.ctx.tcKinds) : undefined),
    });
    return all.filter((q) => (!ifindex || q.ifindex === ifindex) && (handle === undefined || q.handle === handle)
      && (parent === undefined || q.parent === parent));
  }

  /**
   * One qdisc of `dev` by its handle or its parent (RTM_GETQDISC); NetlinkError ENOENT when there
   * is none. The kernel answers with the parent it was asked for: 0 for a qdisc found by handle.
   */
  async get(dev: Dev, where: Readonly<{ handle?: TcHandle; parent?: TcHandle }>): Promise<Qdisc> {
    checkKeys(where, new Set(['handle', 'parent']), 'qdisc get');
    const handle = where.handle === undefined ? 0 : qdiscHandleValue(where.handle, 'handle');
    const parent = where.parent === undefined ? 0 : parentValue(where.parent);
    if (!handle && !parent) throw new InvalidArgumentError('qdisc get needs a handle or a parent', 'handle');
    const ifindex = await this.ctx.ifindex(dev);
    // The kernel answers a GET with a notification, to the asker only under NLM_F_ECHO.
    const msg = encodeTcMessage(RTM_GETQDISC, NLM_F_ECHO, { header: { family: 0, ifindex, handle, parent, info: 0 }, attrs: {} }, this.ctx.tcKinds);
    const m = (await this.ctx.conn.request(msg, 'RTM_GETQDISC')).find((r) => r.header.type === RTM_NEWQDISC);
    if (!m) throw new NetlinkError({ errno: ENODATA, operation: 'RTM_GETQDISC (no qdisc in the answer)' });
    return toQdisc(decodeTcMessage(m.header.type, m.payload, this.ctx.tcKinds), this.ctx.tcKinds);
  }

  /** `tc qdisc add`: RTM_NEWQDISC with CREATE|EXCL (EEXIST when one is there). */
  async add(spec: Readonly<QdiscSpec>): Promise<TcAck> {
    return this.modify('add', spec);
  }

  /** `tc qdisc change`: RTM_NEWQDISC without flags, for an existing qdisc. */
  async change(spec: Readonly<QdiscSpec>): Promise<TcAck> {
    return this.modify('change', spec);
  }

  /** `tc qdisc replace`: RTM_NEWQDISC with CREATE|REPLACE. */
  async replace(spec: Readonly<QdiscSpec>): Promise<TcAck> {
    return this.modify('replace', spec);
  }

  /** `tc qdisc link`: RTM_NEWQDISC with REPLACE (graft an existing qdisc). */
  async link(spec: Readonly<QdiscSpec>): Promise<TcAck> {
    return this.modify('link', spec);
  }

  /** `tc qdisc del`: RTM_DELQDISC by parent (and handle, kind). */
  async del(ref: Readonly<QdiscRef>): Promise<TcAck> {
    if (ref === null || typeof ref !== 'object') throw new InvalidArgumentError('a qdisc is expected');
    checkKeys(ref, REF_KEYS, 'qdisc del');
    const b = new TcRequest('del', ref.kind ?? '', ref.dev);
    const msg = header(ref, ref.kind === undefined ? undefined : kindValue(ref.kind));
    b.lookup(ref.dev, (i) => { msg.header.ifindex = i; });
    await b.resolve(this.ctx);
    return ack(await this.ctx.conn.requestAck(encodeTcMessage(RTM_DELQDISC, 0, msg, this.ctx.tcKinds), 'RTM_DELQDISC'));
  }

  /** The request `tc qdisc add/change/replace/link` would send for `spec`, device unresolved (ifindex 0). @internal */
  build(op: keyof typeof FLAGS, spec: Readonly<QdiscSpec>): { msg: TcMessage; request: TcRequest } {
    if (spec === null || typeof spec !== 'object') throw new InvalidArgumentError('a qdisc is expected');
    const kind = spec.kind === undefined ? undefined : kindValue(spec.kind);
    const driver: AnyDriver | undefined = kind !== undefined && has(QDISC_DRIVERS, kind) ? QDISC_DRIVERS[kind] : undefined;
    checkKeys(spec, (kind !== undefined ? SPEC_KEYS.get(kind) : undefined) ?? OTHER_KEYS, kind === undefined ? 'a qdisc' : `a ${kind} qdisc`);
    if (spec.dev === undefined) throw new InvalidArgumentError('a qdisc needs a device (dev)', 'dev');
    const b = new TcRequest(op, kind ?? '', spec.dev);
    const msg = header(spec, kind);
    if (spec.estimator !== undefined) msg.attrs.rate = estimatorValue(spec.estimator);
    if (spec.ingressBlock !== undefined) msg.attrs.ingressBlock = blockValue(spec.ingressBlock, 'ingressBlock');
    if (spec.egressBlock !== undefined) msg.attrs.egressBlock = blockValue(spec.egressBlock, 'egressBlock');
    let options: object | undefined;
    if (driver) options = driver.build(spec, b);
    else if ('options' in spec && spec.options !== undefined) {
      if (!(spec.options instanceof Uint8Array)) throw new InvalidArgumentError('options of a kind without a driver must be bytes', 'options');
      options = spec.options;
    }
    if (options !== undefined) msg.attrs.options = options;
    b.lookup(spec.dev, (i) => { msg.header.ifindex = i; });
    return { msg, request: b };
  }

  private async modify(op: keyof typeof FLAGS, spec: Readonly<QdiscSpec>): Promise<TcAck> {
    const { msg, request } = this.build(op, spec);
    await request.resolve(this.ctx);
    return ack(await this.ctx.conn.requestAck(encodeTcMessage(RTM_NEWQDISC, FLAGS[op], msg, this.ctx.tcKinds), 'RTM_NEWQDISC'));
  }
}

/** A shared block index: 1 .. 2^32 - 1. */
function blockValue(v: unknown, what: string): number {
  const n = checkUint(v, what);
  if (n === 0) throw new InvalidArgumentError(`invalid ${what} "0": a block index is 1 or more`, what);
  return n;
}

/** The tcmsg and TCA_KIND of a spec or reference; ingress and clsact sit at TC_H_INGRESS as ffff:. */
function header(s: Readonly<{ parent?: TcHandle; handle?: TcHandle }>, kind: string | undefined): TcMessage {
  const ingress = kind !== undefined && INGRESS_KINDS.has(kind);
  const parent = s.parent !== undefined ? parentValue(s.parent) : ingress ? TC_H_INGRESS : 0;
  const handle = s.handle !== undefined ? qdiscHandleValue(s.handle, 'handle') : ingress ? tcHandle(TC_H_INGRESS, 0) : 0;
  const attrs: TcAttrs = {};
  if (kind !== undefined) attrs.kind = kind;
  return { header: { family: 0, ifindex: 0, handle, parent, info: 0 }, attrs };
}
