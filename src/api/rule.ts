/**
 * `ip.rule`: list, add, delete and flush FIB rules (policy routing), with iproute2's semantics:
 * a new rule looks up table main unless it says otherwise, attributes go out in the order the
 * spec's keys come (as `ip rule add` writes them in the order of its words), and a flush deletes
 * every selected rule that has a priority (the priority-0 `local` rule stays).
 */
import { NLM_F_CREATE, NLM_F_EXCL, MessageWriter, NetlinkError } from '../netlink/index.js';
import { familyNumber, ipToBytes, type Family } from '../rtnl/common.js';
import { RT_TABLE_MAIN, RT_TABLE_UNSPEC, RTN_NAT, protocols, tables } from '../rtnl/route/names.js';
import {
  FIB_RULE_INVERT, FR_ACT_GOTO, FR_ACT_TO_TBL, FR_ACT_UNSPEC, RTM_DELRULE, RTM_GETRULE, RTM_NEWRULE, decodeRuleMessage,
  encodeFibRuleHdr, encodeRuleMessage, ruleActions, toRule, type PortRange, type Rule, type RuleAttrs, type RuleMessage,
  type UidRange,
} from '../rtnl/rule/index.js';
import { parseInetAddress, parseInetPrefix, prefixContains } from './addr.js';
import { checkText, checkUint } from './check.js';
import type { ApiContext } from './context.js';
import { InvalidArgumentError, UnknownOptionError } from './errors.js';

/** A rule's action as a word (iproute2's), or an FR_ACT_* number. */
export type RuleAction = 'lookup' | 'goto' | 'nop' | 'blackhole' | 'unreachable' | 'prohibit';

/**
 * A rule to add or delete, named after iproute2's keywords. Attributes are sent in the order of
 * the keys. To delete, give what identifies the rule (its priority is usually enough).
 */
export interface RuleSpec {
  /** 'inet' | 'inet6'; default: the family of `from`/`to`, else 'inet'. */
  family?: Family;
  /** FRA_PRIORITY (`pref`, `order`, `priority`). */
  priority?: number;
  /** Negate the selector (FIB_RULE_INVERT). */
  not?: boolean;
  /** Source prefix "10.0.0.0/8", an address, or 'all' / 'any' / 'default'. */
  from?: string;
  /** Destination prefix, same forms as `from`. */
  to?: string;
  /** The TOS / DS field to match (`tos`, `dsfield`), 0-255. */
  tos?: number;
  /** Firewall mark to match. */
  fwmark?: number;
  /** Mask of the firewall mark. */
  fwmask?: number;
  /** FRA_FLOW realms, (from << 16) | to. */
  realms?: number;
  /** Who added the rule: a protocol name ('static', 'boot', ...) or number. */
  protocol?: string | number;
  /** FRA_TUN_ID. */
  tunId?: bigint;
  /** The table to look up: a name ('main', 'local', 'default') or a number; default 'main'. */
  table?: number | string;
  /** Ignore routes with a prefix this long or shorter. */
  suppressPrefixlength?: number;
  /** Ignore routes through devices of this group. */
  suppressIfgroup?: number;
  /** Input device name. */
  iif?: string;
  /** Output device name. */
  oif?: string;
  /** Look up the table of the L3 master device (no `table` then). */
  l3mdev?: boolean;
  /** User ids to match. */
  uidrange?: UidRange;
  /** The old route NAT (deprecated): map to this IPv4 address. */
  nat?: string;
  /** IP protocol number to match. */
  ipproto?: number;
  /** Source port or range. */
  sport?: number | PortRange;
  /** Destination port or range. */
  dport?: number | PortRange;
  /** The action (default 'lookup' for a new rule). */
  action?: RuleAction | number;
  /** Jump to the rule of this priority (action 'goto'). */
  goto?: number;
}

/**
 * What `rule.list` and `rule.flush` select: iproute2's selectors, each an exact match. The kernel
 * dumps every rule of the family; the rest is matched here.
 */
export interface RuleFilter {
  /** Default 'inet', as `ip rule` does. */
  family?: Family;
  priority?: number;
  /** Only inverted rules. */
  not?: boolean;
  /** Rules whose source prefix lies in this prefix ('all': every rule). */
  from?: string;
  /** Rules whose destination prefix lies in this prefix. */
  to?: string;
  tos?: number;
  fwmark?: number;
  fwmask?: number;
  iif?: string;
  oif?: string;
  /** Only l3mdev rules. */
  l3mdev?: boolean;
  uidrange?: UidRange;
  ipproto?: number;
  sport?: number | PortRange;
  dport?: number | PortRange;
  tunId?: bigint;
  /** Rules that look this table up. */
  table?: number | string;
  /** Rules added by this protocol. */
  protocol?: string | number;
}

const bad = (what: string, v: unknown, why = ''): InvalidArgumentError =>
  new InvalidArgumentError(`invalid ${what} "${String(v)}"${why ? `: ${why}` : ''}`, what);

function named(table: { number(v: string | number): number | undefined }, v: unknown, what: string): number {
  const n = typeof v === 'string' || typeof v === 'number' ? table.number(v) : undefined;
  if (n === undefined) throw bad(what, v);
  return n;
}

/** check_ifname: 1-15 bytes, no '/' and no white space. */
function ifname(v: unknown, what: string): string {
  const name = checkText(v, what);
  if (name.length === 0 || Buffer.byteLength(name) > 15 || /[/\s]/.test(name)) throw bad(what, v, 'not a valid ifname');
  return name;
}

function portRange(v: unknown, what: string): PortRange {
  if (typeof v === 'number') return { start: checkUint(v, what, 0xffff), end: v };
  if (v === null || typeof v !== 'object') throw bad(what, v, 'expected a port or { start, end }');
  const r = v as Partial<PortRange>;
  return { start: checkUint(r.start, `${what}.start`, 0xffff), end: checkUint(r.end, `${what}.end`, 0xffff) };
}

function uidRange(v: unknown): UidRange {
  if (v === null || typeof v !== 'object') throw bad('uidrange', v, 'expected { start, end }');
  const r = v as Partial<UidRange>;
  return { start: checkUint(r.start, 'uidrange.start'), end: checkUint(r.end, 'uidrange.end') };
}

function u64(v: unknown, what: string): bigint {
  if (typeof v !== 'bigint' || v < 0n || v > 0xffffffffffffffffn) throw bad(what, v, 'expected a bigint from 0 to 2^64-1');
  return v;
}

const isAll = (s: string): boolean => s === 'all' || s === 'any';

/** The family a spec's addresses tell, if any. */
function addressFamily(spec: Readonly<Pick<RuleSpec, 'from' | 'to'>>): Family | undefined {
  for (const v of [spec.from, spec.to]) {
    if (typeof v !== 'string' || isAll(v) || v === 'default') continue;
    return parseInetPrefix(v, undefined, 'prefix').family;
  }
  return undefined;
}

/** A selector prefix as the attribute text and prefix length; 'all'/'any' (and 'default' of no given family) send an empty address. */
function selector(v: unknown, family: Family, familyGiven: boolean, what: string): { text: string; len: number } {
  if (typeof v !== 'string') throw bad(what, v);
  if (isAll(v) || (v === 'default' && !familyGiven)) return { text: '', len: 0 };
  if (v === 'default') return { text: family === 'inet6' ? '::' : '0.0.0.0', len: 0 };
  const p = parseInetPrefix(v, family, what);
  return { text: p.text, len: p.len };
}

const SPEC_KEYS: ReadonlySet<string> = new Set<keyof RuleSpec>([
  'family', 'priority', 'not', 'from', 'to', 'tos', 'fwmark', 'fwmask', 'realms', 'protocol', 'tunId', 'table',
  'suppressPrefixlength', 'suppressIfgroup', 'iif', 'oif', 'l3mdev', 'uidrange', 'nat', 'ipproto', 'sport', 'dport',
  'action', 'goto',
]);

/**
 * The rule message `ip rule add/del ...` would send for `spec`: the header's family, lengths, tos,
 * table and action, and the attributes in the order of the spec's keys. Throws
 * InvalidArgumentError (UnknownOptionError for a key no rule has) on bad input.
 */
export function buildRuleRequest(del: boolean, spec: Readonly<RuleSpec>): RuleMessage {
  if (spec === null || typeof spec !== 'object') throw new InvalidArgumentError('a rule is expected');
  for (const [k, v] of Object.entries(spec)) if (v !== undefined && !SPEC_KEYS.has(k)) throw new UnknownOptionError(k, 'rule');
  const familyGiven = spec.family !== undefined;
  if (familyGiven && spec.family !== 'inet' && spec.family !== 'inet6') throw bad('family', spec.family);
  const family: Family = spec.family ?? addressFamily(spec) ?? 'inet';
  const header = { family: familyNumber(family), dstLen: 0, srcLen: 0, tos: 0, table: 0, action: del ? FR_ACT_UNSPEC : FR_ACT_TO_TBL, flags: 0 };
  const attrs: RuleAttrs = {};
  let tableOk = false;
  let tid = 0;
  for (const [key, v] of Object.entries(spec) as [keyof RuleSpec, unknown][]) {
    if (v === undefined) continue;
    switch (key) {
      case 'family': break;
      case 'not': if (v !== true && v !== false) throw bad(key, v, 'expected a boolean');
        if (v) header.flags |= FIB_RULE_INVERT;
        break;
      case 'from': { const s = selector(v, family, familyGiven, key); attrs.src = s.text; header.srcLen = s.len; break; }
      case 'to': { const s = selector(v, family, familyGiven, key); attrs.dst = s.text; header.dstLen = s.len; break; }
      case 'priority': attrs.priority = checkUint(v, key); break;
      case 'tos': header.tos = checkUint(v, key, 255); break;
      case 'fwmark': attrs.fwmark = checkUint(v, key); break;
      case 'fwmask': attrs.fwmask = checkUint(v, key); break;
      case 'realms': attrs.flow = checkUint(v, key); break;
      case 'protocol': attrs.protocol = named(protocols, v, key); break;
      case 'tunId': attrs.tunId = u64(v, key); break;
      case 'table':
        tid = named(tables, v, key);
        if (tid < 256) header.table = tid;
        else { header.table = RT_TABLE_UNSPEC; attrs.table = tid; }
        tableOk = true;
        break;
      case 'suppressPrefixlength': attrs.suppressPrefixlen = checkUint(v, key, 0x7fffffff); break;
      case 'suppressIfgroup': attrs.suppressIfgroup = checkUint(v, key, 0x7fffffff); break;
      case 'iif': attrs.iifname = ifname(v, key); break;
      case 'oif': attrs.oifname = ifname(v, key); break;
      case 'l3mdev': if (v !== true && v !== false) throw bad(key, v, 'expected a boolean');
        if (v) { attrs.l3mdev = 1; tableOk = true; }
        break;
      case 'uidrange': attrs.uidRange = uidRange(v); break;
      case 'nat': attrs.gateway = parseInetAddress(v, 'inet', key).text; header.action = RTN_NAT; break;
      case 'ipproto': attrs.ipProto = checkUint(v, key, 255); break;
      case 'sport': attrs.sportRange = portRange(v, key); break;
      case 'dport': attrs.dportRange = portRange(v, key); break;
      case 'action': header.action = named(ruleActions, v, key); tableOk = true; break;
      case 'goto': attrs.goto = checkUint(v, key); header.action = FR_ACT_GOTO; tableOk = true; break;
    }
  }
  if (spec.l3mdev && tid !== 0) throw new InvalidArgumentError('table can not be specified for l3mdev rules', 'table');
  if (!tableOk && !del) header.table = RT_TABLE_MAIN;
  return { header, attrs };
}

/** The RTM_GETRULE dump request of a family (struct fib_rule_hdr with only the family set). */
export function buildRuleDump(family: Family): Uint8Array {
  const w = new MessageWriter(RTM_GETRULE, 0, 32);
  encodeFibRuleHdr(w, { family: familyNumber(family), dstLen: 0, srcLen: 0, tos: 0, table: 0, action: 0, flags: 0 });
  return w.finish();
}

/** The first `bits` bits of `a` and `b` agree. */
function bitsMatch(a: Uint8Array, b: Uint8Array, bits: number): boolean {
  return a.length === b.length && prefixContains(a, bits, b);
}

/** A matcher for `filter` (iproute2's filter_nlmsg), its values checked. */
export function ruleMatcher(filter: Readonly<RuleFilter>): (r: Rule) => boolean {
  const family = filter.family ?? 'inet';
  if (family !== 'inet' && family !== 'inet6') throw bad('family', family);
  const af = familyNumber(family);
  const pfx = (v: unknown, what: string): { bytes: Uint8Array; len: number } | undefined => {
    if (v === undefined) return undefined;
    if (typeof v === 'string' && (isAll(v) || v === 'default')) return { bytes: new Uint8Array(0), len: 0 };
    const p = parseInetPrefix(v, family, what);
    return { bytes: p.bytes, len: p.len };
  };
  const src = pfx(filter.from, 'from');
  const dst = pfx(filter.to, 'to');
  const num = (v: unknown, what: string, max?: number): number | undefined => (v === undefined ? undefined : checkUint(v, what, max));
  const priority = num(filter.priority, 'priority');
  const tos = num(filter.tos, 'tos', 255);
  const fwmark = num(filter.fwmark, 'fwmark');
  const fwmask = num(filter.fwmask, 'fwmask');
  const ipproto = num(filter.ipproto, 'ipproto', 255);
  const iif = filter.iif === undefined ? undefined : ifname(filter.iif, 'iif');
  const oif = filter.oif === undefined ? undefined : ifname(filter.oif, 'oif');
  const uids = filter.uidrange === undefined ? undefined : uidRange(filter.uidrange);
  const sport = filter.sport === undefined ? undefined : portRange(filter.sport, 'sport');
  const dport = filter.dport === undefined ? undefined : portRange(filter.dport, 'dport');
  const tunId = filter.tunId === undefined ? undefined : u64(filter.tunId, 'tunId');
  const table = filter.table === undefined ? undefined : named(tables, filter.table, 'table');
  const protocol = filter.protocol === undefined ? undefined : named(protocols, filter.protocol, 'protocol');
  const sameRange = (a: PortRange | UidRange | undefined, b: PortRange | UidRange): boolean => a !== undefined && a.start === b.start && a.end === b.end;
  const inPrefix = (p: { bytes: Uint8Array; len: number }, addr: string | undefined, len: number): boolean => {
    if (p.len > len) return false;
    if (p.len === 0 || addr === undefined || addr === '') return true;
    return bitsMatch(p.bytes, ipToBytes(addr), p.len);
  };
  return (r) => {
    const h = r.raw.header;
    const a = r.raw.attrs;
    if (h.family !== af) return false;
    if (priority !== undefined && (a.priority ?? 0) !== priority) return false;
    if (filter.not && !(h.flags & FIB_RULE_INVERT)) return false;
    if (src && !inPrefix(src, a.src, h.srcLen)) return false;
    if (dst && !inPrefix(dst, a.dst, h.dstLen)) return false;
    if (tos !== undefined && h.tos !== tos) return false;
    if (fwmark !== undefined && (a.fwmark ?? 0) !== fwmark) return false;
    if (fwmask !== undefined && (a.fwmask ?? 0) !== fwmask) return false;
    if (iif !== undefined && a.iifname !== iif) return false;
    if (oif !== undefined && a.oifname !== oif) return false;
    if (filter.l3mdev && !a.l3mdev) return false;
    if (uids && !sameRange(a.uidRange, uids)) return false;
    if (ipproto !== undefined && (a.ipProto ?? 0) !== ipproto) return false;
    if (sport && !sameRange(a.sportRange, sport)) return false;
    if (dport && !sameRange(a.dportRange, dport)) return false;
    if (tunId !== undefined && a.tunId !== tunId) return false;
    if (table !== undefined && (a.table ?? h.table) !== table) return false;
    if (protocol !== undefined && (a.protocol ?? 0) !== protocol) return false;
    return true;
  };
}

/** FIB rules: `ip rule` as a service. */
export class RuleService {
  constructor(private readonly ctx: ApiContext) {}

  /** The rules the filter selects (default: every IPv4 rule, like `ip rule show`), in the kernel's order. */
  async list(filter: Readonly<RuleFilter> = {}): Promise<Rule[]> {
    const match = ruleMatcher(filter); // checked before any request
    return this.ctx.conn.dumpAll(buildRuleDump(filter.family ?? 'inet'), 'RTM_GETRULE', {
      map: (type, buf, start, end) => {
        if (type !== RTM_NEWRULE) return undefined;
        const r = toRule(decodeRuleMessage(buf, start, end));
        return match(r) ? r : undefined;
      },
    });
  }

  /** `ip rule add`: RTM_NEWRULE with CREATE|EXCL. */
  async add(spec: Readonly<RuleSpec>): Promise<void> {
    await this.ctx.conn.request(encodeRuleMessage(RTM_NEWRULE, NLM_F_CREATE | NLM_F_EXCL, buildRuleRequest(false, spec)), 'RTM_NEWRULE');
  }

  /**
   * `ip rule del`: RTM_DELRULE; the kernel deletes the first rule matching what the spec gives
   * (ENOENT when none does). A `Rule` from `list` deletes exactly that rule.
   */
  async del(spec: Readonly<RuleSpec> | Rule): Promise<void> {
    const msg = isRule(spec) ? spec.raw : buildRuleRequest(true, spec);
    await this.ctx.conn.request(encodeRuleMessage(RTM_DELRULE, 0, msg), 'RTM_DELRULE');
  }

  /**
   * `ip rule flush ...`: delete every rule the filter selects that has a priority (the rule of
   * priority 0, table local, is never deleted), each sent back as the kernel described it.
   * Resolves with the number deleted.
   */
  async flush(filter: Readonly<RuleFilter> = {}): Promise<number> {
    let deleted = 0;
    for (const r of await this.list(filter)) {
      if (r.raw.attrs.priority === undefined) continue;
      try {
        await this.del(r);
        deleted++;
      } catch (e) {
        if (!(e instanceof NetlinkError && e.code === 'ENOENT')) throw e;
      }
    }
    return deleted;
  }
}

function isRule(v: unknown): v is Rule {
  return typeof v === 'object' && v !== null && 'raw' in v && typeof (v as Rule).raw === 'object' && 'header' in (v as Rule).raw;
}

