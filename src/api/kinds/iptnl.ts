/**
 * Kinds "ipip" and "sit" (iproute2's link_iptnl.c): IPv4, IPv6 (sit) or MPLS over IPv4. Every
 * parameter is sent as ip sends it: its defaults on create (mode any, pmtudisc on, ttl and tos
 * inherit), the link's current values on a change, in ip's order.
 */
import {
  IPPROTO_IPIP, IPPROTO_IPV6, IPPROTO_MPLS, SIT_ISATAP, type IptnlInfo,
} from '../../rtnl/link/index.js';
import { parseDottedQuad, parseIpv6 } from '../../rtnl/common.js';
import { checkUint, checkWord } from '../check.js';
import type { Dev } from '../context.js';
import { InvalidArgumentError } from '../errors.js';
import { givesAny, type KindBuild, type KindDriver } from './driver.js';
import {
  applyEncapOption, checkBool, ENCAP_OPTIONS, isUnspecified, tunnelEndpoint, type EncapState, type TunnelEncapOptions,
} from './tunnel.js';

/** The options of an ipip tunnel. */
export interface IpipOptions extends TunnelEncapOptions {
  /** What it carries: ipip (IPv4), mplsip, or any (the default: 0, whatever comes). */
  mode?: 'ipip' | 'mplsip' | 'any';
  /** Remote endpoint (IPv4; "any": none). */
  remote?: string;
  local?: string;
  /** The device the tunnel's packets leave by. */
  dev?: Dev;
  /** 0-255, 0: inherit (the default); not with pmtudisc false. */
  ttl?: number;
  /** 0-255, 1: inherit; 0 (the default) is none. */
  tos?: number;
  /** Path MTU discovery (on by default). */
  pmtudisc?: boolean;
  /** A flow-based tunnel (only the mode and IFLA_IPTUN_COLLECT_METADATA are sent). */
  external?: boolean;
  fwmark?: number;
}

/** The options of a sit tunnel: ipip's, IPv6-in-IPv4 mode, ISATAP and 6rd. */
export interface SitOptions extends Omit<IpipOptions, 'mode'> {
  /** ip6ip (IPv6), ipip, mplsip or any (the default). */
  mode?: 'ip6ip' | 'ipip' | 'mplsip' | 'any';
  /** An ISATAP router/host tunnel (ip has no word to clear it). */
  isatap?: true;
  /** The 6rd prefix, "ADDR/LEN" (IPv6). */
  prefix6rd?: string;
  /** The 6rd relay prefix, "ADDR/LEN" (IPv4). */
  relayPrefix6rd?: string;
  /** 6rd back to its defaults: prefix 2002::/16, no relay prefix (`6rd-reset`). */
  reset6rd?: true;
}

interface Prefix { addr: string; len: number }

/** link_iptnl.c's locals: the parameters ip sends. */
interface IptnlState extends EncapState {
  local?: string;
  remote?: string;
  pmtudisc: number;
  tos: number;
  ttl: number;
  proto: number;
  link: number;
  flags: number;
  metadata: boolean;
  fwmark: number;
  prefix?: Prefix;
  relay?: Prefix;
}

function startState(c: Readonly<IptnlInfo> | undefined): IptnlState {
  return {
    local: isUnspecified(c?.local) ? undefined : c?.local, remote: isUnspecified(c?.remote) ? undefined : c?.remote,
    pmtudisc: c?.pmtudisc ?? 1, tos: c?.tos ?? 0, ttl: c?.ttl ?? 0, proto: c?.proto ?? 0, link: c?.link ?? 0, flags: c?.flags ?? 0,
    encapType: c?.encapType ?? 0, encapFlags: c?.encapFlags ?? 0, encapSport: c?.encapSport ?? 0, encapDport: c?.encapDport ?? 0,
    metadata: c?.collectMetadata === true, fwmark: c?.fwmark ?? 0,
    // a change resends the 6rd prefixes the kernel reported (sit always reports them)
    ...(c?.prefix6rd !== undefined ? { prefix: { addr: c.prefix6rd, len: c.prefixlen6rd ?? 0 } } : {}),
    ...(c?.relayPrefix6rd !== undefined ? { relay: { addr: c.relayPrefix6rd, len: c.relayPrefixlen6rd ?? 0 } } : {}),
  };
}

/** "ADDR/LEN" (or ADDR, the whole length) of a family, as get_prefix reads it. */
function prefix(v: unknown, family: 4 | 6, what: string): Prefix {
  const max = family === 4 ? 32 : 128;
  const m = typeof v === 'string' ? /^([^/]+)(?:\/(\d{1,3}))?$/.exec(v) : null;
  const ok = m && (family === 4 ? parseDottedQuad(m[1]!) : parseIpv6(m[1]!)) && (m[2] === undefined || Number(m[2]) <= max);
  if (!ok) throw new InvalidArgumentError(`invalid ${what} "${String(v)}": expected an IPv${family} prefix ADDR/LEN`, what);
  return { addr: m[1]!, len: m[2] === undefined ? max : Number(m[2]) };
}

const MODES = { ipip: IPPROTO_IPIP, ip6ip: IPPROTO_IPV6, mplsip: IPPROTO_MPLS, any: 0 } as const;

function buildIptnl(o: Readonly<Partial<SitOptions>>, b: KindBuild, current: Readonly<IptnlInfo> | undefined, sit: boolean): IptnlInfo | undefined {
  if (!givesAny(o, sit ? SIT_OPTIONS : IPIP_OPTIONS)) return undefined;
  const s = startState(current);
  let dev: Dev | undefined;
  for (const name of Object.keys(o) as (keyof SitOptions)[]) {
    const v = o[name];
    if (v === undefined || applyEncapOption(s, name, v)) continue;
    switch (name) {
      case 'mode': s.proto = MODES[checkWord(v, name, sit ? ['ip6ip', 'ipip', 'mplsip', 'any'] : ['ipip', 'mplsip', 'any'])]; break;
      case 'remote': s.remote = tunnelEndpoint(v, 4, name); break;
      case 'local': s.local = tunnelEndpoint(v, 4, name); break;
      case 'dev': dev = v as Dev; break;
      case 'ttl': s.ttl = checkUint(v, name, 255); break;
      case 'tos': s.tos = checkUint(v, name, 255); break;
      case 'pmtudisc': s.pmtudisc = checkBool(v, name) ? 1 : 0; break;
      case 'external': s.metadata = checkBool(v, name); break;
      case 'fwmark': s.fwmark = checkUint(v, name); break;
      case 'isatap':
        if (v !== true) throw new InvalidArgumentError('isatap can only be set (true)', name);
        s.flags |= SIT_ISATAP;
        break;
      case 'prefix6rd': s.prefix = prefix(v, 6, name); break;
      case 'relayPrefix6rd': s.relay = prefix(v, 4, name); break;
      case 'reset6rd':
        if (v !== true) throw new InvalidArgumentError('reset6rd can only be true', name);
        s.prefix = { addr: '2002::', len: 16 };
        delete s.relay;
        break;
    }
  }
  if (s.ttl && s.pmtudisc === 0) throw new InvalidArgumentError('ttl != 0 and nopmtudisc are incompatible', 'ttl');
  const d: IptnlInfo = { proto: s.proto };
  if (s.metadata) { d.collectMetadata = true; return d; }
  if (!isUnspecified(s.local)) d.local = s.local;
  if (!isUnspecified(s.remote)) d.remote = s.remote;
  d.pmtudisc = s.pmtudisc;
  d.tos = s.tos;
  d.ttl = s.ttl;
  d.link = s.link;
  if (dev !== undefined) b.lookup(dev, (index) => { d.link = index; });
  d.fwmark = s.fwmark;
  d.encapType = s.encapType;
  d.encapFlags = s.encapFlags;
  d.encapSport = s.encapSport;
  d.encapDport = s.encapDport;
  if (sit) {
    d.flags = s.flags;
    if (s.prefix) { d.prefix6rd = s.prefix.addr; d.prefixlen6rd = s.prefix.len; }
    if (s.relay) { d.relayPrefix6rd = s.relay.addr; d.relayPrefixlen6rd = s.relay.len; }
  }
  return d;
}

const IPIP_OPTIONS = {
  mode: true, remote: true, local: true, dev: true, ttl: true, tos: true, pmtudisc: true, external: true, fwmark: true, ...ENCAP_OPTIONS,
} as const;
const SIT_OPTIONS = { ...IPIP_OPTIONS, isatap: true, prefix6rd: true, relayPrefix6rd: true, reset6rd: true } as const;

/** ipip. */
export const ipipDriver: KindDriver<IpipOptions, IptnlInfo> = {
  options: IPIP_OPTIONS,
  changeFromCurrent: true,
  build: (o, b, current) => buildIptnl(o, b, current, false),
};

/** sit. */
export const sitDriver: KindDriver<SitOptions, IptnlInfo> = {
  options: SIT_OPTIONS,
  changeFromCurrent: true,
  build: (o, b, current) => buildIptnl(o, b, current, true),
};
