/**
 * Kinds "ip6gre", "ip6gretap" and "ip6erspan" (iproute2's link_gre6.c): GRE over IPv6. Every
 * parameter is sent as ip sends it: its defaults on create (hop limit 64, encapsulation limit 4,
 * UDP6 checksums on for FOU/GUE, ERSPAN version 1), the link's current values on a change.
 */
import {
  DEFAULT_TNL_HOP_LIMIT, ERSPAN_DIR_EGRESS, ERSPAN_DIR_INGRESS, IP6_FLOWINFO_FLOWLABEL, IP6_FLOWINFO_TCLASS, IP6_TNL_F_ALLOW_LOCAL_REMOTE,
  IP6_TNL_F_IGN_ENCAP_LIMIT, IP6_TNL_F_RCV_DSCP_COPY, IP6_TNL_F_USE_ORIG_FLOWLABEL, IP6_TNL_F_USE_ORIG_FWMARK, IP6_TNL_F_USE_ORIG_TCLASS,
  IPV6_DEFAULT_TNL_ENCAP_LIMIT, TUNNEL_ENCAP_FLAG_CSUM6, type GreInfo,
} from '../../rtnl/link/index.js';
import { checkUint, checkWord } from '../check.js';
import type { Dev } from '../context.js';
import { InvalidArgumentError } from '../errors.js';
import { givesAny, type KindBuild, type KindDriver } from './driver.js';
import {
  applyEncapOption, applyGreKeyOption, checkBool, ENCAP_OPTIONS, GRE_KEY_OPTIONS, isUnspecified, tunnelEndpoint,
  type EncapState, type GreKeyOptions, type GreKeyState, type TunnelEncapOptions,
} from './tunnel.js';

/** The IPv6 tunnels' inheritable fields: a number, or 'inherit' (from the inner packet). */
export type Inherit<T> = T | 'inherit';

export interface Gre6Options extends GreKeyOptions, TunnelEncapOptions {
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
  /** ERSPAN (ip takes these words for every IPv6 GRE kind). */
  erspan?: number;
  erspanVer?: number;
  erspanDir?: 'ingress' | 'egress';
  erspanHwid?: number;
}

/** link_gre6.c's locals. */
interface Gre6State extends GreKeyState, EncapState {
  local?: string;
  remote?: string;
  hopLimit: number;
  encapLimit: number;
  flowinfo: number;
  flags: number;
  link: number;
  metadata: boolean;
  fwmark: number;
  erspanIdx: number;
  erspanVer: number;
  erspanDir: number;
  erspanHwid: number;
}

function startState(c: Readonly<GreInfo> | undefined): Gre6State {
  return {
    ikey: c?.ikey ?? 0, okey: c?.okey ?? 0, iflags: c?.iflags ?? 0, oflags: c?.oflags ?? 0,
    local: isUnspecified(c?.local) ? undefined : c?.local, remote: isUnspecified(c?.remote) ? undefined : c?.remote,
    hopLimit: c?.ttl ?? DEFAULT_TNL_HOP_LIMIT, encapLimit: c?.encapLimit ?? IPV6_DEFAULT_TNL_ENCAP_LIMIT,
    flowinfo: c?.flowinfo ?? 0, flags: c?.flags ?? 0, link: c?.link ?? 0,
    encapType: c?.encapType ?? 0, encapFlags: c?.encapFlags ?? TUNNEL_ENCAP_FLAG_CSUM6, encapSport: c?.encapSport ?? 0,
    encapDport: c?.encapDport ?? 0, metadata: c?.collectMetadata === true, fwmark: c?.fwmark ?? 0,
    erspanIdx: c?.erspanIndex ?? 0, erspanVer: c?.erspanVer ?? 1, erspanDir: c?.erspanDir ?? 0, erspanHwid: c?.erspanHwid ?? 0,
  };
}

const setBit = (flags: number, bit: number, on: boolean): number => (on ? flags | bit : flags & ~bit);

/**
 * The IPv6 tunnel words ip6gre and ip6tnl share (tclass, flowlabel, dscp, encaplimit,
 * allow-localremote, fwmark), applied to their flags and flow information; false when `name`
 * is not one of them.
 */
export function applyIp6TunnelOption(s: { flags: number; flowinfo: number; encapLimit: number; fwmark: number }, name: string, v: unknown): boolean {
  switch (name) {
    case 'tclass':
      s.flowinfo &= ~IP6_FLOWINFO_TCLASS;
      if (v === 'inherit') s.flags |= IP6_TNL_F_USE_ORIG_TCLASS;
      else { s.flowinfo |= (checkUint(v, name, 255) << 20) & IP6_FLOWINFO_TCLASS; s.flags &= ~IP6_TNL_F_USE_ORIG_TCLASS; }
      s.flowinfo >>>= 0;
      return true;
    case 'flowlabel':
      s.flowinfo &= ~IP6_FLOWINFO_FLOWLABEL;
      if (v === 'inherit') s.flags |= IP6_TNL_F_USE_ORIG_FLOWLABEL;
      else { s.flowinfo |= checkUint(v, name, 0xfffff); s.flags &= ~IP6_TNL_F_USE_ORIG_FLOWLABEL; }
      s.flowinfo >>>= 0;
      return true;
    case 'dscp':
      checkWord(v, name, ['inherit']);
      s.flags |= IP6_TNL_F_RCV_DSCP_COPY;
      return true;
    case 'encaplimit':
      if (v === 'none') s.flags |= IP6_TNL_F_IGN_ENCAP_LIMIT;
      else { s.encapLimit = checkUint(v, name, 255); s.flags &= ~IP6_TNL_F_IGN_ENCAP_LIMIT; }
      return true;
    case 'allowLocalremote':
      s.flags = setBit(s.flags, IP6_TNL_F_ALLOW_LOCAL_REMOTE, checkBool(v, name));
      return true;
    case 'fwmark':
      if (v === 'inherit') { s.flags |= IP6_TNL_F_USE_ORIG_FWMARK; s.fwmark = 0; }
      else { s.fwmark = checkUint(v, name); s.flags &= ~IP6_TNL_F_USE_ORIG_FWMARK; }
      return true;
    default:
      return false;
  }
}

function buildGre6(o: Readonly<Partial<Gre6Options>>, b: KindBuild, current: Readonly<GreInfo> | undefined): GreInfo | undefined {
  if (!givesAny(o, gre6Driver.options)) return undefined;
  const s = startState(current);
  let dev: Dev | undefined;
  for (const name of Object.keys(o) as (keyof Gre6Options)[]) {
    const v = o[name];
    if (v === undefined || applyGreKeyOption(s, name, v) || applyEncapOption(s, name, v) || applyIp6TunnelOption(s, name, v)) continue;
    switch (name) {
      case 'remote': s.remote = tunnelEndpoint(v, 6, name); break;
      case 'local': s.local = tunnelEndpoint(v, 6, name); break;
      case 'dev': dev = v as Dev; break;
      case 'hoplimit': s.hopLimit = checkUint(v, name, 255); break;
      case 'external': s.metadata = checkBool(v, name); break;
      case 'erspan': {
        const idx = checkUint(v, name, 0xfffff);
        if (idx === 0) throw new InvalidArgumentError('erspan index must be > 0 and <= 20-bit', name);
        s.erspanIdx = idx;
        break;
      }
      case 'erspanVer': s.erspanVer = checkUint(v, name, 2); break;
      case 'erspanDir': s.erspanDir = checkWord(v, name, ['ingress', 'egress']) === 'egress' ? ERSPAN_DIR_EGRESS : ERSPAN_DIR_INGRESS; break;
      case 'erspanHwid': s.erspanHwid = checkUint(v, name, 0xffff); break;
    }
  }
  if (s.metadata) return { collectMetadata: true };
  const d: GreInfo = { ikey: s.ikey, okey: s.okey, iflags: s.iflags, oflags: s.oflags };
  if (!isUnspecified(s.local)) d.local = s.local;
  if (!isUnspecified(s.remote)) d.remote = s.remote;
  if (dev !== undefined) {
    d.link = 0;
    b.lookup(dev, (index) => { d.link = index; });
  } else if (s.link) {
    d.link = s.link;
  }
  d.ttl = s.hopLimit;
  d.encapLimit = s.encapLimit;
  d.flowinfo = s.flowinfo;
  d.flags = s.flags;
  d.fwmark = s.fwmark;
  if (s.erspanVer <= 2) {
    d.erspanVer = s.erspanVer;
    if (s.erspanVer === 1 && s.erspanIdx !== 0) d.erspanIndex = s.erspanIdx;
    else if (s.erspanVer === 2) { d.erspanDir = s.erspanDir; d.erspanHwid = s.erspanHwid; }
  }
  d.encapType = s.encapType;
  d.encapFlags = s.encapFlags;
  d.encapSport = s.encapSport;
  d.encapDport = s.encapDport;
  return d;
}

/** ip6gre, ip6gretap and ip6erspan. */
export const gre6Driver: KindDriver<Gre6Options, GreInfo> = {
  options: {
    remote: true, local: true, dev: true, hoplimit: true, encaplimit: true, tclass: true, flowlabel: true, dscp: true,
    allowLocalremote: true, fwmark: true, external: true, erspan: true, erspanVer: true, erspanDir: true, erspanHwid: true,
    ...GRE_KEY_OPTIONS, ...ENCAP_OPTIONS,
  },
  changeFromCurrent: true,
  build: buildGre6,
};
