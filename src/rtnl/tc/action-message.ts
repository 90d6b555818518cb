/**
 * Action messages (RTM_{NEW,DEL,GET}ACTION): struct tcamsg + TCA_ROOT_* attributes, the actions
 * in TCA_ROOT_TAB as a numbered list (action.ts).
 */
import { AttrTable, MessageWriter, str, u32, type RawAttr } from '../../netlink/index.js';
import { actionList, type TcAction } from './action.js';
import { nlaBitfield32, type NlaBitfield32 } from './common.js';
import { TCA_ROOT_COUNT, TCA_ROOT_EXT_WARN_MSG, TCA_ROOT_FLAGS, TCA_ROOT_TAB, TCA_ROOT_TIME_DELTA } from './constants.js';
import { BUILTIN_TC_KINDS, type TcKindRegistry } from './registry.js';
import { decodeTcaMsg, encodeTcaMsg, TCAMSG_LEN, type TcaMsg } from './tcmsg.js';

/** The TCA_ROOT_* attributes of an action message. */
export interface ActionAttrs {
  /** TCA_ROOT_TAB: the actions, in order. */
  tab?: TcAction[];
  /** TCA_ROOT_FLAGS: TCA_ACT_FLAG_* (large dump, terse dump). */
  flags?: NlaBitfield32;
  /** TCA_ROOT_COUNT: how many actions this message holds. */
  count?: number;
  /** TCA_ROOT_TIME_DELTA: only actions used in the last N milliseconds. */
  timeDelta?: number;
  /** TCA_ROOT_EXT_WARN_MSG. */
  extWarnMsg?: string;
  unknown?: RawAttr[];
}

/** One action message. */
export interface ActionMessage {
  header: TcaMsg;
  attrs: ActionAttrs;
}

const ROOT_TABLES = Symbol('TCA_ROOT table');

function rootTable(registry: TcKindRegistry): AttrTable<ActionAttrs> {
  return registry.memo(ROOT_TABLES, () => new AttrTable<ActionAttrs>('TCA_ROOT', [
    { id: TCA_ROOT_TAB, name: 'tab', codec: actionList({ registry }) },
    { id: TCA_ROOT_FLAGS, name: 'flags', codec: nlaBitfield32 },
    { id: TCA_ROOT_COUNT, name: 'count', codec: u32 },
    { id: TCA_ROOT_TIME_DELTA, name: 'timeDelta', codec: u32 },
    { id: TCA_ROOT_EXT_WARN_MSG, name: 'extWarnMsg', codec: str },
  ]));
}

/** Decode the payload of an action message. Throws DecodeError. */
export function decodeActionMessage(
  buf: Uint8Array, registry: TcKindRegistry = BUILTIN_TC_KINDS, start = 0, end = buf.length,
): ActionMessage {
  return { header: decodeTcaMsg(buf, start, end), attrs: rootTable(registry).decode(buf, start + TCAMSG_LEN, end) };
}

/** Encode a whole action message of `type` with nlmsg `flags`. */
export function encodeActionMessage(type: number, flags: number, msg: ActionMessage, registry: TcKindRegistry = BUILTIN_TC_KINDS): Uint8Array {
  const w = new MessageWriter(type, flags, 256);
  encodeTcaMsg(w, msg.header);
  rootTable(registry).encode(w, msg.attrs);
  return w.finish();
}
