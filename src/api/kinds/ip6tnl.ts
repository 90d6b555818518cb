/**
 * Kind "ip6tnl" (iproute2's link_ip6tnl.c): IPv6 or IPv4 over IPv6. Every parameter is sent as
 * ip sends it: its defaults on create (mode any, hop limit 64, encapsulation limit 4, UDP6
 * checksums on for FOU/GUE), on a change the link's current values but for the encapsulation,
 * which ip does not read back (its defaults are sent again unless given), in ip's order.
 */
import { DEFAULT_TNL_HOP_LIMIT, IPPROTO_IPIP, IPPROTO_IPV6, IPV6_DEFAULT_TNL_ENCAP_LIMIT, TUNNEL_ENCAP_FLAG_CSUM6, type Ip6tnlInfo } from '../../rtnl/link/index.js';
import { checkUint, checkWord } from '../check.js';
import type { Dev } from '../context.js';
import { givesAny, type KindBuild, type KindDriver } from './driver.js';
import { applyIp6TunnelOption, type Inherit } from './gre6.js';
import { applyEncapOption, checkBool, ENCAP_OPTIONS, isUnspecified, tunnelEndpoint, type TunnelEncapOptions } from './tunnel.js';

/** The options of an ip6tnl tunnel. */
export interface Ip6tnlOptions extends TunnelEncapOptions {
  /** What it carries: ip6ip6 (IPv6), ipip6 (IPv4), or any (the default). */
  mode?: 'ip6ip6' | 'ipip6' | 'any';
  /** Remote endpoint (IPv6; "any": none). */
  remote?: string;
  local?: string;
  dev?: Dev;
  /** 0-255 (default 64), 0: inherit. */
  hoplimit?: number;
  /** Encapsulation limit 0-255 (default 4), or 'none'. */
  encaplimit?: number | 'none';
  /** Traffic class 0-255, or 'inherit'. */
  tclass?: Inherit<number>;
  /** Flow label 0-0xfffff, or 'inherit'. */
  flowlabel?: Inherit<number>;
  /** Copy DSCP from the outer header on receive ('inherit'; ip has no way back). */
  dscp?: 'inherit';
  allowLocalremote?: boolean;
  /** Firewall mark, or 'inherit'. */
  fwmark?: Inherit<number>;
  external?: boolean;
}

const MODES = { ip6ip6: IPPROTO_IPV6, ipip6: IPPROTO_IPIP, any: 0 } as const;

function buildIp6tnl(o: Readonly<Partial<Ip6tnlOptions>>, b: KindBuild, c: Readonly<Ip6tnlInfo> | undefined): Ip6tnlInfo | undefined {
  if (!givesAny(o, IP6TNL_OPTIONS)) return undefined;
  const s = {
    local: isUnspecified(c?.local) ? undefined : c?.local, remote: isUnspecified(c?.remote) ? undefined : c?.remote,
    hopLimit: c?.ttl ?? DEFAULT_TNL_HOP_LIMIT, encapLimit: c?.encapLimit ?? IPV6_DEFAULT_TNL_ENCAP_LIMIT,
    flowinfo: c?.flowinfo ?? 0, flags: c?.flags ?? 0, link: c?.link ?? 0, proto: c?.proto ?? 0,
    metadata: c?.collectMetadata === true, fwmark: c?.fwmark ?? 0,
    // not read back by ip: a change sends these defaults unless given
    encapType: 0, encapFlags: TUNNEL_ENCAP_FLAG_CSUM6, encapSport: 0, encapDport: 0,
  };
  let dev: Dev | undefined;
  for (const name of Object.keys(o) as (keyof Ip6tnlOptions)[]) {
    const v = o[name];
    if (v === undefined || applyEncapOption(s, name, v) || applyIp6TunnelOption(s, name, v)) continue;
    switch (name) {
      case 'mode': s.proto = MODES[checkWord(v, name, ['ip6ip6', 'ipip6', 'any'])]; break;
      case 'remote': s.remote = tunnelEndpoint(v, 6, name); break;
      case 'local': s.local = tunnelEndpoint(v, 6, name); break;
      case 'dev': dev = v as Dev; break;
      case 'hoplimit': s.hopLimit = checkUint(v, name, 255); break;
      case 'external': s.metadata = checkBool(v, name); break;
    }
  }
  const d: Ip6tnlInfo = { proto: s.proto };
  if (s.metadata) { d.collectMetadata = true; return d; }
  if (!isUnspecified(s.local)) d.local = s.local;
  if (!isUnspecified(s.remote)) d.remote = s.remote;
  d.ttl = s.hopLimit;
  d.encapLimit = s.encapLimit;
  d.flowinfo = s.flowinfo;
  d.flags = s.flags;
  d.link = s.link;
  if (dev !== undefined) b.lookup(dev, (index) => { d.link = index; });
  d.fwmark = s.fwmark;
  d.encapType = s.encapType;
  d.encapFlags = s.encapFlags;
  d.encapSport = s.encapSport;
  d.encapDport = s.encapDport;
  return d;
}

const IP6TNL_OPTIONS = {
  mode: true, remote: true, local: true, dev: true, hoplimit: true, encaplimit: true, tclass: true, flowlabel: true, dscp: true,
  allowLocalremote: true, fwmark: true, external: true, ...ENCAP_OPTIONS,
} as const;

/** ip6tnl. */
export const ip6tnlDriver: KindDriver<Ip6tnlOptions, Ip6tnlInfo> = {
  options: IP6TNL_OPTIONS,
  changeFromCurrent: true,
  build: buildIp6tnl,
};
