/**
 * `Rule`: one FIB rule as plain typed data, the facts `ip -j rule show` prints, in camelCase,
 * plus the decoded message. Unlike `ip`, nothing is left out for being a default (the protocol
 * is always there).
 */
import { AF_INET, AF_INET6, familyName } from '../common.js';
import { protocols, tables } from '../route/names.js';
import { FIB_RULE_IIF_DETACHED, FIB_RULE_INVERT, FIB_RULE_OIF_DETACHED, FIB_RULE_UNRESOLVED } from './constants.js';
import type { PortRange, UidRange } from './fibrulehdr.js';
import type { RuleMessage } from './message.js';
import { ruleActions } from './names.js';

/** A FIB rule (RTM_NEWRULE), as `ip -j rule show` describes it. */
export interface Rule {
  /** 'inet' | 'inet6' | ... */
  family: string;
  /** FRA_PRIORITY (0 when absent). */
  priority: number;
  /** FIB_RULE_INVERT: the selector is negated. */
  not?: true;
  /** The source selector: 'all', a prefix "10.0.0.0/8", or a host address "10.0.0.1". */
  from: string;
  /** The destination selector, when there is one (same forms as `from`). */
  to?: string;
  /** fib_rule_hdr.tos, when non-zero. */
  tos?: number;
  /** FRA_FWMARK / FRA_FWMASK. */
  fwmark?: number;
  fwmask?: number;
  /** FRA_IIFNAME. */
  iif?: string;
  /** FIB_RULE_IIF_DETACHED: the iif device does not exist. */
  iifDetached?: true;
  /** FRA_OIFNAME. */
  oif?: string;
  /** FIB_RULE_OIF_DETACHED: the oif device does not exist. */
  oifDetached?: true;
  /** FRA_L3MDEV set: look up the table of the L3 master device. */
  l3mdev?: true;
  /** FRA_UID_RANGE. */
  uidrange?: UidRange;
  /** FRA_IP_PROTO. */
  ipproto?: number;
  /** FRA_SPORT_RANGE. */
  sport?: PortRange;
  /** FRA_DPORT_RANGE. */
  dport?: PortRange;
  /** FRA_TUN_ID. */
  tunId?: bigint;
  /** The table looked up, in iproute2's words or its number as text, when non-zero. */
  table?: string;
  /** FRA_SUPPRESS_PREFIXLEN, when set. */
  suppressPrefixlength?: number;
  /** FRA_SUPPRESS_IFGROUP, when set. */
  suppressIfgroup?: number;
  /** FRA_FLOW realms. */
  flow?: { from?: number; to: number };
  /** The action: 'lookup', 'goto', 'nop', 'blackhole', 'unreachable', 'prohibit', 'nat', or its number as text. */
  action: string;
  /** FRA_GOTO: the priority a goto jumps to. */
  goto?: number;
  /** FIB_RULE_UNRESOLVED: the goto target does not exist. */
  unresolved?: true;
  /** The address of a 'nat' rule (`map-to`); none is a masquerade. */
  nat?: string;
  /** FRA_PROTOCOL in iproute2's words ('kernel', 'boot', 'static', ...). */
  protocol: string;
  /** The decoded message, for the facts not lifted above (numbers of the names, flags). */
  raw: RuleMessage;
}

const NONE = 0xffffffff;

/** "addr/len", or "addr" when len is the full width of the family; "0/len" with no address. */
function selector(addr: string | undefined, len: number, family: number): string | undefined {
  const full = family === AF_INET ? 32 : family === AF_INET6 ? 128 : -1;
  if (addr !== undefined) return len === full ? addr : `${addr}/${len}`;
  return len ? `0/${len}` : undefined;
}

/** Build a `Rule` from a decoded rule message. */
export function toRule(msg: RuleMessage): Rule {
  const { header: h, attrs: a } = msg;
  const out: Rule = {
    family: familyName(h.family),
    priority: a.priority ?? 0,
    from: selector(a.src, h.srcLen, h.family) ?? 'all',
    action: ruleActions.name(h.action),
    protocol: protocols.name(a.protocol ?? 0),
    raw: msg,
  };
  if (h.flags & FIB_RULE_INVERT) out.not = true;
  const to = selector(a.dst, h.dstLen, h.family);
  if (to !== undefined) out.to = to;
  if (h.tos) out.tos = h.tos;
  if (a.fwmark !== undefined || a.fwmask !== undefined) {
    out.fwmark = a.fwmark ?? 0;
    if (a.fwmask !== undefined) out.fwmask = a.fwmask;
  }
  if (a.iifname !== undefined) out.iif = a.iifname;
  if (h.flags & FIB_RULE_IIF_DETACHED) out.iifDetached = true;
  if (a.oifname !== undefined) out.oif = a.oifname;
  if (h.flags & FIB_RULE_OIF_DETACHED) out.oifDetached = true;
  if (a.l3mdev) out.l3mdev = true;
  if (a.uidRange) out.uidrange = a.uidRange;
  if (a.ipProto !== undefined) out.ipproto = a.ipProto;
  if (a.sportRange) out.sport = a.sportRange;
  if (a.dportRange) out.dport = a.dportRange;
  if (a.tunId !== undefined) out.tunId = a.tunId;
  const table = a.table ?? h.table;
  if (table) out.table = tables.name(table);
  if (a.suppressPrefixlen !== undefined && a.suppressPrefixlen !== NONE) out.suppressPrefixlength = a.suppressPrefixlen;
  if (a.suppressIfgroup !== undefined && a.suppressIfgroup !== NONE) out.suppressIfgroup = a.suppressIfgroup;
  if (a.flow !== undefined) {
    const from = a.flow >>> 16;
    out.flow = from ? { from, to: a.flow & 0xffff } : { to: a.flow & 0xffff };
  }
  if (a.goto !== undefined) out.goto = a.goto;
  if (h.flags & FIB_RULE_UNRESOLVED) out.unresolved = true;
  if (a.gateway !== undefined) out.nat = a.gateway;
  return out;
}
