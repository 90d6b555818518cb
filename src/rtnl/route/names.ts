/**
 * iproute2's words for rtnetlink enum values: route scopes (rt_scopes), protocols (rt_protos),
 * tables (rt_tables), route types (rtm_map.c) and address protocols (rt_addrprotos). Numbers
 * without a name print as decimal text, exactly as `ip` prints them.
 */

/** A two-way map between kernel numbers and iproute2's names; unnamed numbers are decimal text. */
export class NameTable {
  private readonly byNumber = new Map<number, string>();
  private readonly byName = new Map<string, number>();
  constructor(readonly what: string, entries: readonly (readonly [number, string])[], readonly max = 255) {
    for (const [n, s] of entries) {
      this.byNumber.set(n, s);
      this.byName.set(s, n);
    }
  }

  /** The name of `n`, or its decimal text when it has none. */
  name(n: number): string {
    return this.byNumber.get(n) ?? String(n);
  }

  /**
   * The number for a name, a decimal/hex number text (as iproute2's strtoul(.., 0) reads it), or a
   * number; undefined when it is neither or out of range.
   */
  number(v: string | number): number | undefined {
    if (typeof v === 'number') return Number.isInteger(v) && v >= 0 && v <= this.max ? v : undefined;
    const named = this.byName.get(v);
    if (named !== undefined) return named;
    if (!/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(v)) return undefined;
    const n = Number(v);
    return n <= this.max ? n : undefined;
  }
}

/** enum rt_scope_t (<linux/rtnetlink.h>). */
export const RT_SCOPE_UNIVERSE = 0;
export const RT_SCOPE_SITE = 200;
export const RT_SCOPE_LINK = 253;
export const RT_SCOPE_HOST = 254;
export const RT_SCOPE_NOWHERE = 255;

/** Route and address scopes, iproute2's rt_scopes ("global" is RT_SCOPE_UNIVERSE). */
export const scopes = new NameTable('scope', [
  [RT_SCOPE_UNIVERSE, 'global'],
  [RT_SCOPE_SITE, 'site'],
  [RT_SCOPE_LINK, 'link'],
  [RT_SCOPE_HOST, 'host'],
  [RT_SCOPE_NOWHERE, 'nowhere'],
]);

/** RTPROT_* (<linux/rtnetlink.h>): who installed a route. */
export const RTPROT_UNSPEC = 0;
export const RTPROT_REDIRECT = 1;
export const RTPROT_KERNEL = 2;
export const RTPROT_BOOT = 3;
export const RTPROT_STATIC = 4;
export const RTPROT_GATED = 8;
export const RTPROT_RA = 9;
export const RTPROT_MRT = 10;
export const RTPROT_ZEBRA = 11;
export const RTPROT_BIRD = 12;
export const RTPROT_DNROUTED = 13;
export const RTPROT_XORP = 14;
export const RTPROT_NTK = 15;
export const RTPROT_DHCP = 16;
export const RTPROT_MROUTED = 17;
export const RTPROT_KEEPALIVED = 18;
export const RTPROT_BABEL = 42;
export const RTPROT_OPENR = 99;
export const RTPROT_BGP = 186;
export const RTPROT_ISIS = 187;
export const RTPROT_OSPF = 188;
export const RTPROT_RIP = 189;
export const RTPROT_EIGRP = 192;

/** Route protocols with iproute2's names (its built-in table plus the rt_protos file it ships). */
export const protocols = new NameTable('protocol', [
  [RTPROT_UNSPEC, 'unspec'], [RTPROT_REDIRECT, 'redirect'], [RTPROT_KERNEL, 'kernel'],
  [RTPROT_BOOT, 'boot'], [RTPROT_STATIC, 'static'], [RTPROT_GATED, 'gated'], [RTPROT_RA, 'ra'],
  [RTPROT_MRT, 'mrt'], [RTPROT_ZEBRA, 'zebra'], [RTPROT_BIRD, 'bird'], [RTPROT_DNROUTED, 'dnrouted'],
  [RTPROT_XORP, 'xorp'], [RTPROT_NTK, 'ntk'], [RTPROT_DHCP, 'dhcp'], [RTPROT_KEEPALIVED, 'keepalived'],
  [RTPROT_BABEL, 'babel'], [RTPROT_OPENR, 'openr'], [RTPROT_BGP, 'bgp'], [RTPROT_ISIS, 'isis'],
  [RTPROT_OSPF, 'ospf'], [RTPROT_RIP, 'rip'], [RTPROT_EIGRP, 'eigrp'],
]);

/** enum rt_class_t (<linux/rtnetlink.h>): reserved routing table ids. */
export const RT_TABLE_UNSPEC = 0;
export const RT_TABLE_COMPAT = 252;
export const RT_TABLE_DEFAULT = 253;
export const RT_TABLE_MAIN = 254;
export const RT_TABLE_LOCAL = 255;

/** Routing tables (u32 ids) with iproute2's rt_tables names. */
export const tables = new NameTable('table', [
  [RT_TABLE_UNSPEC, 'unspec'],
  [RT_TABLE_DEFAULT, 'default'],
  [RT_TABLE_MAIN, 'main'],
  [RT_TABLE_LOCAL, 'local'],
], 0xffffffff);

/** RTN_* (<linux/rtnetlink.h>): route types. */
export const RTN_UNSPEC = 0;
export const RTN_UNICAST = 1;
export const RTN_LOCAL = 2;
export const RTN_BROADCAST = 3;
export const RTN_ANYCAST = 4;
export const RTN_MULTICAST = 5;
export const RTN_BLACKHOLE = 6;
export const RTN_UNREACHABLE = 7;
export const RTN_PROHIBIT = 8;
export const RTN_THROW = 9;
export const RTN_NAT = 10;
export const RTN_XRESOLVE = 11;

/** Route types with iproute2's names (RTN_UNSPEC prints as "none"). */
export const routeTypes = new NameTable('type', [
  [RTN_UNSPEC, 'none'], [RTN_UNICAST, 'unicast'], [RTN_LOCAL, 'local'], [RTN_BROADCAST, 'broadcast'],
  [RTN_ANYCAST, 'anycast'], [RTN_MULTICAST, 'multicast'], [RTN_BLACKHOLE, 'blackhole'],
  [RTN_UNREACHABLE, 'unreachable'], [RTN_PROHIBIT, 'prohibit'], [RTN_THROW, 'throw'], [RTN_NAT, 'nat'],
  [RTN_XRESOLVE, 'xresolve'],
]);

/** IFAPROT_* (<linux/if_addr.h>): who added an address. */
export const IFAPROT_UNSPEC = 0;
export const IFAPROT_KERNEL_LO = 1;
export const IFAPROT_KERNEL_RA = 2;
export const IFAPROT_KERNEL_LL = 3;

/** Address protocols with iproute2's rt_addrprotos names. */
export const addrProtocols = new NameTable('proto', [
  [IFAPROT_UNSPEC, 'unspec'], [IFAPROT_KERNEL_LO, 'kernel_lo'], [IFAPROT_KERNEL_RA, 'kernel_ra'],
  [IFAPROT_KERNEL_LL, 'kernel_ll'],
]);
