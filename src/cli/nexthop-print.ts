/**
 * `printNexthop(printer, nexthop)`: one nexthop object as `ip nexthop show` prints it
 * (__print_nexthop_entry in ip/ipnexthop.c), text or JSON, one printer call per field. The
 * same entry is what `ip -d route show` prints after "nh_info" for a route's nhid.
 */
import { NEXTHOP_GRP_TYPE_MPATH, NEXTHOP_GRP_TYPE_RES, type Nexthop } from '../rtnl/nexthop/index.js';
import { RT_SCOPE_UNIVERSE, RTPROT_UNSPEC, protocols, scopes } from '../rtnl/route/names.js';
import { sprintf } from './format.js';
import type { Names } from './names.js';
import { familyColor, type Printer } from './printer.js';
import { printFlags } from './route-print.js';

/** How a nexthop is printed: `-d` shows scope and protocol always; `deleted` (monitor) prefixes "Deleted ". */
export interface NexthopPrintOptions {
  details: number;
  deleted?: boolean;
}

/** USER_HZ: clock_t ticks per second. */
const USER_HZ = 100;

/** print_tv of a clock_t: seconds as "%g", text and JSON alike. */
function printTicks(p: Printer, key: string, ticks: number | bigint): void {
  const text = sprintf('%g', Number(ticks) / USER_HZ);
  p.raw(key, text, `${key} ${text} `);
}

/**
 * The entry's fields inside an already opened line: a JSON object named `key` (null: an element
 * of the top-level list).
 */
export function printNexthopEntry(p: Printer, nh: Nexthop, o: Readonly<NexthopPrintOptions>, names: Names, key: string | null = null): void {
  const h = nh.raw.header;
  const a = nh.raw.attrs;
  p.openObject(key);
  if (o.deleted) p.bool('any', 'deleted', 'Deleted ', true);
  p.uint('any', 'id', 'id %u ', a.id ?? 0);
  if (a.group) {
    p.openArray('json', 'group');
    p.string('fp', null, '%s', 'group ');
    a.group.forEach((g, i) => {
      p.openObject();
      if (i) p.string('fp', null, '%s', '/');
      p.uint('any', 'id', '%u', g.id);
      if (g.weight) p.uint('any', 'weight', ',%u', g.weight + 1);
      p.closeObject();
    });
    p.string('fp', null, '%s', ' ');
    p.closeArray('json', null);
  }
  const type = a.groupType ?? NEXTHOP_GRP_TYPE_MPATH;
  if (type !== NEXTHOP_GRP_TYPE_MPATH) p.string('any', 'type', 'type %s ', type === NEXTHOP_GRP_TYPE_RES ? 'resilient' : '<unknown type>');
  if (a.resGroup) {
    const r = a.resGroup;
    p.openObject('resilient_args');
    p.uint('any', 'buckets', 'buckets %u ', r.buckets ?? 0);
    printTicks(p, 'idle_timer', r.idleTimer ?? 0);
    printTicks(p, 'unbalanced_timer', r.unbalancedTimer ?? 0);
    printTicks(p, 'unbalanced_time', r.unbalancedTime ?? 0n);
    p.closeObject();
  }
  if (a.gateway !== undefined) {
    if (p.json) p.string('json', 'gateway', null, a.gateway);
    else {
      p.text('via ');
      p.colorString('fp', familyColor(h.family), null, '%s ', a.gateway);
    }
  }
  if (a.oif) {
    if (p.json) p.string('json', 'dev', null, names.name(a.oif));
    else {
      p.text('dev ');
      p.colorText('ifname', '%s ', names.name(a.oif));
    }
  }
  if (h.scope !== RT_SCOPE_UNIVERSE || o.details > 0) p.string('any', 'scope', 'scope %s ', scopes.name(h.scope));
  if (a.blackhole) p.null('any', 'blackhole', 'blackhole ', null);
  if (h.protocol !== RTPROT_UNSPEC || o.details > 0) p.string('any', 'protocol', 'proto %s ', protocols.name(h.protocol));
  printFlags(p, h.flags);
  if (a.fdb) p.null('any', 'fdb', 'fdb', null);
  p.closeObject();
}

/** Print one nexthop as a line of `ip nexthop show`. */
export function printNexthop(p: Printer, nh: Nexthop, o: Readonly<NexthopPrintOptions>, names: Names): void {
  printNexthopEntry(p, nh, o, names);
  p.string('fp', null, '%s', '\n');
}
