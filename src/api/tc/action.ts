/**
 * `ip.tc.action`: standalone actions — tc actions over RTM_{NEW,DEL,GET}ACTION. Actions made here
 * live in their kind's table by index and can be bound to filters by that index. Specs are
 * checked by the kinds' drivers (src/api/tc/actions) before anything is sent; the requests are
 * tc's, attribute for attribute.
 */
import { NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE, NLM_F_ROOT } from '../../netlink/index.js';
import {
  decodeActionMessage, encodeActionMessage, RTM_DELACTION, RTM_GETACTION, RTM_NEWACTION, TCA_ACT_FLAG_LARGE_DUMP_ON,
  TCA_ACT_FLAG_TERSE_DUMP, type ActionMessage, type TcAction,
} from '../../rtnl/tc/index.js';
import { checkKeys, checkUint } from '../check.js';
import type { ApiContext } from '../context.js';
import { InvalidArgumentError } from '../errors.js';
import { actionsValue, type ActionSpec } from './actions/index.js';
import { ack, kindValue, TcRequest, type TcAck } from './build.js';

/** What selects one standalone action: its kind and index. */
export interface ActionRef {
  kind: string;
  index: number;
}

/** What `tc.action.dump` / `list` take. */
export interface ActionDumpOptions {
  /** TCA_ACT_FLAG_TERSE_DUMP (tc -br): the kernel leaves the options out. */
  terse?: boolean;
  /** Only actions used in the last `since` milliseconds (TCA_ROOT_TIME_DELTA). */
  since?: number;
}

/** Verbs and their flags (m_action.c's do_action: change is replace). */
const FLAGS = { add: NLM_F_CREATE | NLM_F_EXCL, replace: NLM_F_CREATE | NLM_F_REPLACE } as const;

const header = { family: 0 };

/** `ip.tc.action`: standalone actions (RTM_NEWACTION/DELACTION/GETACTION), as `tc actions` handles them. */
export class ActionService {
  constructor(private readonly ctx: ApiContext) {}

  /** `tc actions add`: RTM_NEWACTION with CREATE|EXCL (EEXIST when the index is taken). */
  async add(actions: readonly ActionSpec[]): Promise<TcAck> {
    return this.modify('add', actions);
  }

  /** `tc actions replace` (and `change`): RTM_NEWACTION with CREATE|REPLACE. */
  async replace(actions: readonly ActionSpec[]): Promise<TcAck> {
    return this.modify('replace', actions);
  }

  /** The request `tc actions add/replace` would send, devices unresolved. @internal */
  build(actions: readonly ActionSpec[]): { msg: ActionMessage; request: TcRequest } {
    const request = new TcRequest('add', 'action', undefined);
    return { msg: { header: { ...header }, attrs: { tab: actionsValue(actions, request) } }, request };
  }

  private async modify(op: keyof typeof FLAGS, actions: readonly ActionSpec[]): Promise<TcAck> {
    const { msg, request } = this.build(actions);
    await request.resolve(this.ctx);
    return ack(await this.ctx.conn.requestAck(encodeActionMessage(RTM_NEWACTION, FLAGS[op], msg, this.ctx.tcKinds), 'RTM_NEWACTION'));
  }

  /** Every action of `kind`, message by message as the kernel sent them (tc prints per message; a dump answers with RTM_GETACTION). */
  async dump(kind: string, options: Readonly<ActionDumpOptions> = {}): Promise<ActionMessage[]> {
    checkKeys(options, new Set(['terse', 'since']), 'action dump');
    const msg = listMessage(kindValue(kind), options);
    return this.ctx.conn.dumpAll(encodeActionMessage(RTM_GETACTION, 0, msg, this.ctx.tcKinds), 'RTM_GETACTION', {
      map: (type, buf, start, end) => (type === RTM_NEWACTION || type === RTM_GETACTION ? decodeActionMessage(buf, this.ctx.tcKinds, start, end) : undefined),
    });
  }

  /** Every action of `kind`. */
  async list(kind: string, options: Readonly<ActionDumpOptions> = {}): Promise<TcAction[]> {
    return (await this.dump(kind, options)).flatMap((m) => m.attrs.tab ?? []);
  }

  /** One action by kind and index (RTM_GETACTION); NetlinkError ENOENT when there is none. */
  async get(ref: Readonly<ActionRef>): Promise<ActionMessage> {
    const msg = refMessage(ref);
    const replies = await this.ctx.conn.request(encodeActionMessage(RTM_GETACTION, 0, msg, this.ctx.tcKinds), 'RTM_GETACTION');
    const m = replies.find((r) => r.header.type === RTM_NEWACTION || r.header.type === RTM_GETACTION);
    if (!m) return { header: { ...header }, attrs: {} };
    return decodeActionMessage(m.payload, this.ctx.tcKinds);
  }

  /** `tc actions delete action KIND index N`. */
  async del(ref: Readonly<ActionRef>): Promise<TcAck> {
    return ack(await this.ctx.conn.requestAck(encodeActionMessage(RTM_DELACTION, 0, refMessage(ref), this.ctx.tcKinds), 'RTM_DELACTION'));
  }

  /** `tc actions flush action KIND`: every action of the kind not bound to a filter. */
  async flush(kind: string): Promise<TcAck> {
    const msg = listMessage(kindValue(kind), {});
    return ack(await this.ctx.conn.requestAck(encodeActionMessage(RTM_DELACTION, NLM_F_ROOT, msg, this.ctx.tcKinds), 'RTM_DELACTION'));
  }
}

/** The message tc's tc_act_list_or_flush sends: the kind alone in the table, and the dump flags. */
function listMessage(kind: string, o: Readonly<ActionDumpOptions>): ActionMessage {
  const bits = TCA_ACT_FLAG_LARGE_DUMP_ON | (o.terse ? TCA_ACT_FLAG_TERSE_DUMP : 0);
  const msg: ActionMessage = { header: { ...header }, attrs: { tab: [{ kind }], flags: { value: bits, selector: bits } } };
  if (o.since) msg.attrs.timeDelta = checkUint(o.since, 'since');
  return msg;
}

/** The message of tc_action_gd: the kind and (when not 0) the index. */
function refMessage(ref: Readonly<ActionRef>): ActionMessage {
  if (ref === null || typeof ref !== 'object') throw new InvalidArgumentError('an action { kind, index } is expected');
  checkKeys(ref, new Set(['kind', 'index']), 'action');
  const a: TcAction = { kind: kindValue(ref.kind) };
  const index = checkUint(ref.index, 'index');
  if (index) a.index = index;
  return { header: { ...header }, attrs: { tab: [a] } };
}
