/**
 * `printRule(printer, rule)`: one FIB rule as `ip rule show` prints it (print_rule in
 * ip/iprule.c), text or JSON, one printer call per field.
 */
import { FIB_RULE_IIF_DETACHED, FIB_RULE_INVERT, FIB_RULE_OIF_DETACHED, FIB_RULE_UNRESOLVED, FR_ACT_GOTO, FR_ACT_NOP, FR_ACT_TO_TBL, type Rule } from '../rtnl/rule/index.js';
import { RTN_NAT, RTPROT_KERNEL, protocols, routeTypes } from '../rtnl/route/names.js';
import { AF_INET, AF_INET6 } from '../rtnl/common.js';
import { groupName } from './names.js';
import { familyColor, type Printer } from './printer.js';
import { dsfieldName, inetProtoName, realmName, tableName } from './rt-names.js';

/** How a rule is printed: `-d` shows the protocol always; `deleted` (monitor) prefixes "Deleted ". */
export interface RulePrintOptions {
  details: number;
  deleted?: boolean;
}

const NONE = 0xffffffff;

/** Print one rule, ending the line. */
export function printRule(p: Printer, r: Rule, o: Readonly<RulePrintOptions>): void {
  const h = r.raw.header;
  const a = r.raw.attrs;
  const hostLen = h.family === AF_INET ? 32 : h.family === AF_INET6 ? 128 : 0;
  p.openObject();
  if (o.deleted) p.bool('any', 'deleted', 'Deleted ', true);
  p.uint('any', 'priority', '%u:\t', a.priority ?? 0);
  if (h.flags & FIB_RULE_INVERT) p.null('any', 'not', 'not ', null);

  if (a.src !== undefined) {
    p.string('fp', null, 'from ', null);
    p.colorString('any', familyColor(h.family), 'src', '%s', a.src);
    if (h.srcLen !== hostLen) p.uint('any', 'srclen', '/%u', h.srcLen);
  } else if (h.srcLen) {
    p.string('any', 'src', 'from %s', '0');
    p.uint('any', 'srclen', '/%u', h.srcLen);
  } else {
    p.string('any', 'src', 'from %s', 'all');
  }
  if (a.dst !== undefined) {
    p.string('fp', null, ' to ', null);
    p.colorString('any', familyColor(h.family), 'dst', '%s', a.dst);
    if (h.dstLen !== hostLen) p.uint('any', 'dstlen', '/%u', h.dstLen);
  } else if (h.dstLen) {
    p.string('any', 'dst', ' to %s', '0');
    p.uint('any', 'dstlen', '/%u', h.dstLen);
  }

  if (h.tos) p.string('any', 'tos', ' tos %s', dsfieldName(h.tos));
  if (a.fwmark !== undefined || a.fwmask !== undefined) {
    p.hex0x('any', 'fwmark', ' fwmark %#llx', a.fwmark ?? 0);
    if (a.fwmask !== undefined && a.fwmask !== NONE) p.hex0x('any', 'fwmask', '/%#llx', a.fwmask);
  }
  if (a.iifname !== undefined) {
    p.text(' iif ');
    p.colorString('any', 'ifname', 'iif', '%s', a.iifname);
    if (h.flags & FIB_RULE_IIF_DETACHED) p.null('any', 'iif_detached', ' [detached]', null);
  }
  if (a.oifname !== undefined) {
    p.text(' oif ');
    p.colorString('any', 'ifname', 'oif', '%s', a.oifname);
    if (h.flags & FIB_RULE_OIF_DETACHED) p.null('any', 'oif_detached', ' [detached]', null);
  }
  if (a.l3mdev) p.null('any', 'l3mdev', ' lookup [l3mdev-table]', null);
  if (a.uidRange) {
    p.uint('any', 'uid_start', ' uidrange %u', a.uidRange.start);
    p.uint('any', 'uid_end', '-%u', a.uidRange.end);
  }
  if (a.ipProto !== undefined) p.string('any', 'ipproto', ' ipproto %s', inetProtoName(a.ipProto));
  for (const [key, range] of [['sport', a.sportRange], ['dport', a.dportRange]] as const) {
    if (!range) continue;
    if (range.start === range.end) {
      p.uint('any', key, ` ${key} %u`, range.start);
    } else {
      p.uint('any', `${key}_start`, ` ${key} %u`, range.start);
      p.uint('any', `${key}_end`, '-%u', range.end);
    }
  }
  if (a.tunId !== undefined) p.uint('any', 'tun_id', ' tun_id %llu', a.tunId);

  const table = a.table ?? h.table;
  if (table) {
    p.string('any', 'table', ' lookup %s', tableName(table));
    if (a.suppressPrefixlen !== undefined && a.suppressPrefixlen !== NONE) {
      p.int('any', 'suppress_prefixlen', ' suppress_prefixlength %d', a.suppressPrefixlen | 0);
    }
    if (a.suppressIfgroup !== undefined && a.suppressIfgroup !== NONE) {
      p.string('any', 'suppress_ifgroup', ' suppress_ifgroup %s', groupName(a.suppressIfgroup));
    }
  }
  if (a.flow !== undefined) {
    const from = a.flow >>> 16;
    if (from) p.string('any', 'flow_from', ' realms %s/', realmName(from));
    else p.string('fp', null, ' realms ', null);
    p.string('any', 'flow_to', '%s', realmName(a.flow & 0xffff));
  }

  if (h.action === RTN_NAT) {
    if (a.gateway !== undefined) p.string('any', 'nat_gateway', ' map-to %s', a.gateway);
    else p.null('any', 'masquerade', ' masquerade', null);
  } else if (h.action === FR_ACT_GOTO) {
    if (a.goto !== undefined) p.uint('any', 'goto', ' goto %u', a.goto);
    else p.string('any', 'goto', ' goto %s', 'none');
    if (h.flags & FIB_RULE_UNRESOLVED) p.null('any', 'unresolved', ' [unresolved]', null);
  } else if (h.action === FR_ACT_NOP) {
    p.null('any', 'nop', ' nop', null);
  } else if (h.action !== FR_ACT_TO_TBL) {
    p.string('any', 'action', ' %s', routeTypes.name(h.action));
  }

  if (a.protocol !== undefined && ((a.protocol && a.protocol !== RTPROT_KERNEL) || o.details > 0)) {
    p.string('any', 'protocol', ' proto %s', protocols.name(a.protocol));
  }
  p.string('fp', null, '\n', null);
  p.closeObject();
}
