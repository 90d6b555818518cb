/**
 * `printNeighbor(printer, neighbor)`: one Neighbor as `ip neigh show` / `ip monitor` print it
 * (print_neigh in ip/ipneigh.c): address, device, link-layer address, flags, `-s` cache info,
 * NUD state and protocol, or the `-br` columns; one printer call per field.
 */
import { AF_BRIDGE } from '../rtnl/common.js';
import type { Neighbor } from '../rtnl/neigh/index.js';
import type { Names } from './names.js';
import { familyColor, type Printer } from './printer.js';

/** How entries are shown. */
export interface NeighPrintOptions {
  /** -s: cache info and probes. */
  stats: number;
  brief: boolean;
  /** A `dev` selector was given (filter.index): the device column is left out. */
  devFixed?: boolean;
  /** RTM_DELNEIGH (monitor): prefix "Deleted ". */
  deleted?: boolean;
  /** RTM_GETNEIGH (monitor, an application resolution request): prefix "miss ". */
  miss?: boolean;
}

/** Print one entry (the caller has applied the selectors). */
export function printNeighbor(p: Printer, n: Neighbor, o: Readonly<NeighPrintOptions>, names: Names): void {
  const h = n.raw.header;
  p.openObject();
  if (o.deleted) p.bool('any', 'deleted', 'Deleted ', true);
  else if (o.miss) p.null('any', 'miss', '%s ', 'miss');
  const showDev = !o.devFixed && h.ifindex !== 0;
  // AF_BRIDGE entries carry an IPv4 or IPv6 address: colored by that family.
  const dstColor = familyColor(h.family === AF_BRIDGE ? (n.dst?.includes(':') ? 10 : 2) : h.family);
  if (o.brief) {
    if (n.dst !== undefined) p.colorString('any', dstColor, 'dst', '%-39s ', n.dst);
    if (showDev) p.colorString('any', 'ifname', 'dev', '%-16s ', names.name(h.ifindex));
    if (n.lladdr !== undefined) p.colorString('any', 'mac', 'lladdr', '%s', n.lladdr);
    p.text('\n');
    p.closeObject();
    return;
  }
  if (n.dst !== undefined) p.colorString('any', dstColor, 'dst', '%s ', n.dst);
  if (showDev) {
    p.text('dev ');
    p.colorString('any', 'ifname', 'dev', '%s ', names.name(h.ifindex));
  }
  if (n.lladdr !== undefined) {
    p.text('lladdr ');
    p.colorString('any', 'mac', 'lladdr', '%s ', n.lladdr);
  }
  for (const flag of ['router', 'proxy', 'managed', 'extern_learn', 'offload'] as const) {
    if (n.flags.includes(flag)) p.null('any', flag, '%s ', flag);
  }
  if (o.stats) {
    if (n.refcnt !== undefined) {
      if (n.refcnt) p.uint('any', 'refcnt', ' ref %u', n.refcnt);
      p.uint('any', 'used', ' used %u', n.used ?? 0);
      p.uint('any', 'confirmed', '/%u', n.confirmed ?? 0);
      p.uint('any', 'updated', '/%u', n.updated ?? 0);
    }
    if (n.probes !== undefined) p.uint('any', 'probes', 'probes %u ', n.probes);
  }
  if (h.state) {
    p.openArray('json', 'state');
    for (const s of n.state) p.string('any', null, '%s ', s);
    p.closeArray('json', null);
  }
  if (n.raw.attrs.protocol) p.string('any', 'protocol', 'proto %s ', n.protocol ?? String(n.raw.attrs.protocol));
  p.text('\n');
  p.closeObject();
}
