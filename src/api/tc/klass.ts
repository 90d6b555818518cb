/**
 * `ip.tc.klass`: list, add, change, replace and delete classes of classful qdiscs (htb) — tc
 * class over RTM_{NEW,DEL,GET}TCLASS. A spec is checked against its kind's class driver before
 * anything is sent; attributes go in tc's order (TCA_KIND, TCA_RATE, TCA_OPTIONS).
 */
import { MessageWriter, NLM_F_CREATE, NLM_F_EXCL } from '../../netlink/index.js';
import {
  RTM_DELTCLASS, RTM_GETTCLASS, RTM_NEWTCLASS, decodeTcMessage, encodeTcMessage, encodeTcMsg, toTcClass,
  type TcAttrs, type TcClass, type TcMessage,
} from '../../rtnl/tc/index.js';
import { checkKeys } from '../check.js';
import type { ApiContext, Dev } from '../context.js';
import { InvalidArgumentError } from '../errors.js';
import { ack, estimatorValue, has, kindValue, TcRequest, type TcAck, type EstimatorSpec } from './build.js';
import { CLASS_DRIVERS, type ClassDriver, type ClassKindOptions, type KnownClassKind } from './qdiscs/index.js';
import { classidValue, parentValue, type TcHandle } from './values.js';

/** What every class spec may carry beside its kind's options. */
export interface ClassCommon {
  /** The device (0: none, as tc sends without `dev`). */
  dev: Dev;
  /** The parent: the qdisc ('1:'), another class ('1:1') or 'root'. */
  parent?: TcHandle;
  /** The class's id ('1:10'). */
  classid?: TcHandle;
  /** A rate estimator (TCA_RATE). */
  estimator?: EstimatorSpec;
}

/** A class of kind K: the common keys, `kind: K` and the kind's class options. */
export type ClassSpecOf<K extends KnownClassKind> = ClassCommon & { kind: K } & ClassKindOptions<K>;
/** A class of a kind with a driver. */
export type KnownClassSpec = { [K in KnownClassKind]: ClassSpecOf<K> }[KnownClassKind];
/** A class of a kind without a driver (raw options), or without a kind. */
export interface OtherClassSpec extends ClassCommon {
  kind?: string;
  options?: Uint8Array;
}
/** What `tc.klass.add/change/replace` take. */
export type ClassSpec = KnownClassSpec | OtherClassSpec;

/** What `tc.klass.del` takes. */
export interface ClassRef {
  dev: Dev;
  parent?: TcHandle;
  classid?: TcHandle;
  kind?: string;
}

/** What `tc.klass.list` selects: the device (the kernel lists one device's classes) and a parent. */
export interface ClassFilter {
  dev: Dev;
  parent?: TcHandle;
}

const COMMON_KEYS = ['dev', 'parent', 'classid', 'kind', 'estimator'];
const SPEC_KEYS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries(CLASS_DRIVERS).map(([kind, d]) => [kind, new Set([...COMMON_KEYS, ...Object.keys(d.options)])]),
);
const OTHER_KEYS: ReadonlySet<string> = new Set([...COMMON_KEYS, 'options']);

type AnyDriver = Pick<ClassDriver<object, object>, 'build'>;

/** Verbs and their flags (tc_class.c's do_class: replace is CREATE alone). */
const FLAGS = { add: NLM_F_CREATE | NLM_F_EXCL, change: 0, replace: NLM_F_CREATE } as const;

/** `ip.tc.klass`: classes of classful qdiscs (RTM_NEWTCLASS/DELTCLASS/GETTCLASS). */
export class ClassService {
  constructor(private readonly ctx: ApiContext) {}

  /** The classes of a device (RTM_GETTCLASS dump), under `parent` when given. */
  async list(filter: Readonly<ClassFilter>): Promise<TcClass[]> {
    if (filter === null || typeof filter !== 'object') throw new InvalidArgumentError('a device is expected');
    checkKeys(filter, new Set(['dev', 'parent']), 'class list');
    const parent = filter.parent === undefined ? 0 : parentValue(filter.parent);
    const ifindex = filter.dev === 0 ? 0 : await this.ctx.ifindex(filter.dev);
    const w = new MessageWriter(RTM_GETTCLASS, 0, 64);
    encodeTcMsg(w, { family: 0, ifindex, handle: 0, parent, info: 0 });
    return this.ctx.conn.dumpAll(w.finish(), 'RTM_GETTCLASS', {
      map: (type, buf, start, end) => (type === RTM_NEWTCLASS ? toTcClass(decodeTcMessage(type, buf, this.ctx.tcKinds, start, end), this.ctx.tcKinds) : undefined),
    });
  }

  /** `tc class add`: RTM_NEWTCLASS with CREATE|EXCL. */
  async add(spec: Readonly<ClassSpec>): Promise<TcAck> {
    return this.modify('add', spec);
  }

  /** `tc class change`: RTM_NEWTCLASS without flags. */
  async change(spec: Readonly<ClassSpec>): Promise<TcAck> {
    return this.modify('change', spec);
  }

  /** `tc class replace`: RTM_NEWTCLASS with CREATE. */
  async replace(spec: Readonly<ClassSpec>): Promise<TcAck> {
    return this.modify('replace', spec);
  }

  /** `tc class del`: RTM_DELTCLASS by classid (and parent, kind). */
  async del(ref: Readonly<ClassRef>): Promise<TcAck> {
    if (ref === null || typeof ref !== 'object') throw new InvalidArgumentError('a class is expected');
    checkKeys(ref, new Set(['dev', 'parent', 'classid', 'kind']), 'class del');
    const b = new TcRequest('del', ref.kind ?? '', ref.dev);
    const msg = header(ref, ref.kind === undefined ? undefined : kindValue(ref.kind));
    b.lookup(ref.dev, (i) => { msg.header.ifindex = i; });
    await b.resolve(this.ctx);
    return ack(await this.ctx.conn.requestAck(encodeTcMessage(RTM_DELTCLASS, 0, msg, this.ctx.tcKinds), 'RTM_DELTCLASS'));
  }

  /** The request `tc class add/change/replace` would send for `spec`, the device not yet looked up. @internal */
  build(op: keyof typeof FLAGS, spec: Readonly<ClassSpec>): { msg: TcMessage; request: TcRequest } {
    if (spec === null || typeof spec !== 'object') throw new InvalidArgumentError('a class is expected');
    const kind = spec.kind === undefined ? undefined : kindValue(spec.kind);
    const driver: AnyDriver | undefined = kind !== undefined && has(CLASS_DRIVERS, kind) ? CLASS_DRIVERS[kind] : undefined;
    checkKeys(spec, (kind !== undefined ? SPEC_KEYS.get(kind) : undefined) ?? OTHER_KEYS, kind === undefined ? 'a class' : `a ${kind} class`);
    if (spec.dev === undefined) throw new InvalidArgumentError('a class needs a device (dev)', 'dev');
    const b = new TcRequest(op, kind ?? '', spec.dev);
    const msg = header(spec, kind);
    if (spec.estimator !== undefined) msg.attrs.rate = estimatorValue(spec.estimator);
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

  private async modify(op: keyof typeof FLAGS, spec: Readonly<ClassSpec>): Promise<TcAck> {
    const { msg, request } = this.build(op, spec);
    await request.resolve(this.ctx);
    return ack(await this.ctx.conn.requestAck(encodeTcMessage(RTM_NEWTCLASS, FLAGS[op], msg, this.ctx.tcKinds), 'RTM_NEWTCLASS'));
  }
}

function header(s: Readonly<{ parent?: TcHandle; classid?: TcHandle }>, kind: string | undefined): TcMessage {
  const attrs: TcAttrs = {};
  if (kind !== undefined) attrs.kind = kind;
  return {
    header: {
      family: 0, ifindex: 0, info: 0,
      handle: s.classid === undefined ? 0 : classidValue(s.classid, 'classid'),
      parent: s.parent === undefined ? 0 : parentValue(s.parent),
    },
    attrs,
  };
}
