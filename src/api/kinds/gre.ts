/**
 * Kinds "gre", "gretap" and "erspan" (iproute2's link_gre.c): GRE over IPv4, at layer 3, at
 * layer 2, and ERSPAN mirroring. Every parameter is sent as ip sends it (its defaults on create:
 * pmtudisc on, ttl and tos inherit, no keys; on a change, the link's current values), so a
 * tunnel made here is the tunnel `ip link add ... type gre` makes.
 */
import { ERSPAN_DIR_EGRESS, ERSPAN_DIR_INGRESS, GRE_KEY, type GreInfo } from '../../rtnl/link/index.js';
import { checkUint, checkWord } from '../check.js';
import type { Dev } from '../context.js';
import { InvalidArgumentError } from '../errors.js';
import { givesAny, type KindBuild, type KindDriver } from './driver.js';
import {
  applyEncapOption, applyGreKeyOption, checkBool, ENCAP_OPTIONS, GRE_KEY_OPTIONS, isMulticast, isUnspecified, tunnelEndpoint,
  type EncapState, type GreKeyOptions, type GreKeyState, type TunnelEncapOptions,
} from './tunnel.js';

export interface GreOptions extends GreKeyOptions, TunnelEncapOptions {
  /** Remote endpoint (IPv4; "any": none). */
  remote?: string;
  local?: string;
  /** The device the tunnel's packets leave by. */
  dev?: Dev;
  /** 0-255, 0: inherit (the default). */
  ttl?: number;
  /** 0-255, 1: inherit; 0 (the default) is none. */
  tos?: number;
  /** Path MTU discovery (on by default). */
  pmtudisc?: boolean;
  ignoreDf?: boolean;
  /** A flow-based tunnel (only IFLA_GRE_COLLECT_METADATA is sent). */
  external?: boolean;
  fwmark?: number;
}

export interface ErspanOptions extends GreOptions {
  /** ERSPAN version 1 session index, 1-0xfffff. */
  erspan?: number;
  /** 0, 1 (the default) or 2. */
  erspanVer?: number;
  /** Version 2 direction. */
  erspanDir?: 'ingress' | 'egress';
  /** Version 2 hardware id. */
  erspanHwid?: number;
}

/** link_gre.c's locals: the parameters ip sends. */
interface GreState extends GreKeyState, EncapState {
  local?: string;
  remote?: string;
  pmtudisc: number;
  ignoreDf: number;
  tos: number;
  ttl: number;
  link: number;
  metadata: boolean;
  fwmark: number;
  erspanIdx: number;
  erspanVer: number;
  erspanDir: number;
  erspanHwid: number;
}

/** ip's parameters before the words: its defaults, or the link's current values (a change). */
function startState(c: Readonly<GreInfo> | undefined): GreState {
  return {
    ikey: c?.ikey ?? 0, okey: c?.okey ?? 0, iflags: c?.iflags ?? 0, oflags: c?.oflags ?? 0,
    local: isUnspecified(c?.local) ? undefined : c?.local, remote: isUnspecified(c?.remote) ? undefined : c?.remote,
    pmtudisc: c?.pmtudisc ?? 1, ignoreDf: c?.ignoreDf ? 1 : 0, tos: c?.tos ?? 0, ttl: c?.ttl ?? 0, link: c?.link ?? 0,
    encapType: c?.encapType ?? 0, encapFlags: c?.encapFlags ?? 0, encapSport: c?.encapSport ?? 0, encapDport: c?.encapDport ?? 0,
    metadata: c?.collectMetadata === true, fwmark: c?.fwmark ?? 0,
    erspanIdx: c?.erspanIndex ?? 0, erspanVer: c?.erspanVer ?? 1, erspanDir: c?.erspanDir ?? 0, erspanHwid: c?.erspanHwid ?? 0,
  };
}

function buildGre(o: Readonly<Partial<ErspanOptions>>, b: KindBuild, current: Readonly<GreInfo> | undefined, erspan: boolean): GreInfo | undefined {
  // ip sends IFLA_INFO_DATA only when words follow `type gre`: the kernel's defaults otherwise
  if (!givesAny(o, erspan ? erspanDriver.options : GRE_OPTIONS)) return undefined;
  const s = startState(current);
  let dev: Dev | undefined;
  for (const name of Object.keys(o) as (keyof ErspanOptions)[]) {
    const v = o[name];
    if (v === undefined || applyGreKeyOption(s, name, v) || applyEncapOption(s, name, v)) continue;
    switch (name) {
      case 'remote': s.remote = tunnelEndpoint(v, 4, name); break;
      case 'local': s.local = tunnelEndpoint(v, 4, name); break;
      case 'dev': dev = v as Dev; break;
      case 'ttl': s.ttl = checkUint(v, name, 255); break;
      case 'tos': s.tos = checkUint(v, name, 255); break;
      case 'pmtudisc': s.pmtudisc = checkBool(v, name) ? 1 : 0; break;
      // ip sends "noignore-df" as 0 even where it would leave a default out: 2 marks it given
      case 'ignoreDf': s.ignoreDf = checkBool(v, name) ? 1 : 2; break;
      case 'external': s.metadata = checkBool(v, name); break;
      case 'fwmark': s.fwmark = checkUint(v, name); break;
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
  return greData(s, b, dev, erspan);
}

/** The request's IFLA_GRE_* from the parameters, in link_gre.c's order. */
function greData(s: GreState, b: KindBuild, dev: Dev | undefined, erspan: boolean): GreInfo {
  if (isMulticast(s.remote)) {
    // a broadcast tunnel: the group is the key unless one is given
    const group = s.remote!.split('.').reduce((n, x) => n * 256 + Number(x), 0);
    if (!s.ikey) { s.ikey = group; s.iflags |= GRE_KEY; }
    if (!s.okey) { s.okey = group; s.oflags |= GRE_KEY; }
    if (s.local === undefined) throw new InvalidArgumentError('A broadcast tunnel requires a source address.', 'local');
  }
  if (s.metadata) return { collectMetadata: true };
  const d: GreInfo = { ikey: s.ikey, okey: s.okey, iflags: s.iflags, oflags: s.oflags };
  if (!isUnspecified(s.local)) d.local = s.local;
  if (!isUnspecified(s.remote)) d.remote = s.remote;
  d.pmtudisc = s.pmtudisc;
  if (s.ignoreDf) d.ignoreDf = s.ignoreDf & 1;
  d.tos = s.tos;
  if (dev !== undefined) {
    d.link = 0;
    b.lookup(dev, (index) => { d.link = index; });
  } else if (s.link) {
    d.link = s.link;
  }
  d.ttl = s.ttl;
  d.fwmark = s.fwmark;
  if (erspan) {
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

const GRE_OPTIONS = {
  remote: true, local: true, dev: true, ttl: true, tos: true, pmtudisc: true, ignoreDf: true, external: true, fwmark: true,
  ...GRE_KEY_OPTIONS, ...ENCAP_OPTIONS,
} as const;

/** gre and gretap. */
export const greDriver: KindDriver<GreOptions, GreInfo> = {
  options: GRE_OPTIONS,
  changeFromCurrent: true,
  build: (o, b, current) => buildGre(o, b, current, false),
};

/** erspan: gre's options and the ERSPAN ones. */
export const erspanDriver: KindDriver<ErspanOptions, GreInfo> = {
  options: { ...GRE_OPTIONS, erspan: true, erspanVer: true, erspanDir: true, erspanHwid: true },
  changeFromCurrent: true,
  build: (o, b, current) => buildGre(o, b, current, true),
};
