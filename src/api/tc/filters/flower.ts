/**
 * Filter flower (tc/f_flower.c) for the common keys: VLAN, MAC addresses, IP protocol, tos/ttl,
 * IP addresses, ports, ip_flags, a class and actions. Keys go out in the spec's key order with
 * their masks (tc writes them as it reads the words), then the flags (always), the IP flags and
 * the Ethernet type of the filter's protocol, as tc sends them.
 */
import {
  ETH_P_ALL, ETH_P_IP, ETH_P_IPV6, llProtoByName, TCA_CLS_FLAGS_SKIP_HW, TCA_CLS_FLAGS_SKIP_SW, type FlowerOptions,
} from '../../../rtnl/tc/index.js';
import { checkUint } from '../../check.js';
import { InvalidArgumentError } from '../../errors.js';
import { actionsValue, type ActionBuild, type ActionSpec } from '../actions/index.js';
import { classidValue, type TcHandle } from '../values.js';

const ETH_P_8021Q = 0x8100;
const ETH_P_8021AD = 0x88a8;
const IPPROTO = { tcp: 6, udp: 17, sctp: 132, icmp: 1, icmpv6: 58 } as const;
/** TCA_FLOWER_KEY_FLAGS_* by ip_flags word. */
const KEY_FLAGS = { frag: 1, firstfrag: 2 } as const;

/** A flower filter (the common keys). */
export interface FlowerFilterOptions {
  classid: TcHandle;
  /** Only packets that came in on this device (by name). */
  indev: string;
  /** VLAN id 0-4095 (the filter's protocol must be 802.1Q or 802.1ad). */
  vlanId: number;
  /** VLAN priority 0-7. */
  vlanPrio: number;
  /** The Ethernet type inside the VLAN tag: a name tc knows ('ip', 'ipv6') or a number. */
  vlanEthtype: string | number;
  /** `ADDR`, `ADDR/BITS` or `ADDR/MASK`. */
  dstMac: string;
  srcMac: string;
  /** tcp, udp, sctp, icmp, icmpv6 or the protocol number (needs an IPv4 or IPv6 Ethernet type). */
  ipProto: keyof typeof IPPROTO | number;
  /** `V` or `V/MASK` (text), or a number. */
  ipTos: number | string;
  ipTtl: number | string;
  /** An address or prefix of the Ethernet type's family. */
  dstIp: string;
  srcIp: string;
  /** A port, or `PORT/MASK` (needs ipProto tcp, udp or sctp). */
  dstPort: number | string;
  srcPort: number | string;
  /** `frag`, `nofrag`, `firstfrag`, `nofirstfrag`, joined by '/'. */
  ipFlags: string;
  skipHw: boolean;
  skipSw: boolean;
  actions: ActionSpec[];
}

export const FLOWER_KEYS: readonly (keyof FlowerFilterOptions)[] = [
  'classid', 'indev', 'vlanId', 'vlanPrio', 'vlanEthtype', 'dstMac', 'srcMac', 'ipProto', 'ipTos', 'ipTtl', 'dstIp', 'srcIp',
  'dstPort', 'srcPort', 'ipFlags', 'skipHw', 'skipSw', 'actions',
];

const bad = (what: string, v: unknown): InvalidArgumentError => new InvalidArgumentError(`invalid ${what} "${String(v)}"`, what);

/** A MAC address and its mask (all ones without one), as text. */
function macValue(v: unknown, what: string): [string, string] {
  const mac = /^[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}$/;
  const norm = (s: string): string => s.split(':').map((x) => x.padStart(2, '0').toLowerCase()).join(':');
  if (typeof v !== 'string') throw bad(what, v);
  const [a, m] = v.split('/', 2) as [string, string | undefined];
  if (!mac.test(a)) throw bad(what, v);
  if (m === undefined) return [norm(a), 'ff:ff:ff:ff:ff:ff'];
  if (/^[0-9]+$/.test(m)) {
    const bits = Number(m);
    if (bits > 48) throw bad(what, v);
    const bytes = Array.from({ length: 6 }, (_, i) => (0xff << (8 - Math.max(0, Math.min(8, bits - 8 * i)))) & 0xff);
    return [norm(a), bytes.map((b) => b.toString(16).padStart(2, '0')).join(':')];
  }
  if (!mac.test(m)) throw bad(what, v);
  return [norm(a), norm(m)];
}

/** An address or prefix of `family` and its mask, as text. */
function ipValue(v: unknown, what: string, family: 4 | 6 | 0): { v6: boolean; addr: string; mask: string } {
  if (typeof v !== 'string') throw bad(what, v);
  const [a, p] = v.split('/', 2) as [string, string | undefined];
  const v6 = a.includes(':');
  if ((family === 4 && v6) || (family === 6 && !v6)) throw new InvalidArgumentError(`${what}: the address is not of the filter's family`, what);
  const full = v6 ? 128 : 32;
  const bits = p === undefined ? full : /^[0-9]+$/.test(p) ? Number(p) : NaN;
  if (!(bits >= 0 && bits <= full)) throw bad(what, v);
  let bytes: number[];
  if (v6) {
    const [h, tl = ''] = a.split('::');
    const words = (s: string): number[] => (s ? s.split(':').map((x) => (/^[0-9a-fA-F]{1,4}$/.test(x) ? parseInt(x, 16) : NaN)) : []);
    const hw = words(h!);
    const tw = words(tl);
    const all = a.includes('::') ? [...hw, ...Array<number>(8 - hw.length - tw.length).fill(0), ...tw] : hw;
    if (all.length !== 8 || all.some((x) => Number.isNaN(x))) throw bad(what, v);
    bytes = all.flatMap((w) => [w >> 8, w & 0xff]);
  } else {
    bytes = a.split('.').map((x) => (/^[0-9]{1,3}$/.test(x) ? Number(x) : NaN));
    if (bytes.length !== 4 || bytes.some((x) => !(x <= 255))) throw bad(what, v);
  }
  const mask = Array.from({ length: full / 8 }, (_, i) => (0xff << (8 - Math.max(0, Math.min(8, bits - 8 * i)))) & 0xff);
  const text = (b: number[]): string => (v6
    ? Array.from({ length: 8 }, (_, i) => ((b[2 * i]! << 8) | b[2 * i + 1]!).toString(16)).join(':')
    : b.join('.'));
  return { v6, addr: v6 ? a : text(bytes), mask: text(mask) };
}

/** `V[/M]` of tos/ttl: V decimal or hex, M hex (0xff without). */
function maskedU8(v: unknown, what: string): [number, number] {
  if (typeof v === 'number') return [checkUint(v, what, 0xff), 0xff];
  if (typeof v !== 'string') throw bad(what, v);
  const [a, m] = v.split('/', 2) as [string, string | undefined];
  const n = /^[0-9]+$/.test(a) ? Number(a) : /^(0[xX])?[0-9a-fA-F]+$/.test(a) ? parseInt(a, 16) : NaN;
  const k = m === undefined ? 0xff : /^(0[xX])?[0-9a-fA-F]+$/.test(m) ? parseInt(m, 16) : NaN;
  if (!(n <= 0xff) || !(k <= 0xff)) throw bad(what, v);
  return [n, k];
}

/** A port or `PORT/MASK`. */
function portValue(v: unknown, what: string): [number, number | undefined] {
  if (typeof v === 'number') return [checkUint(v, what, 0xffff), undefined];
  const m = typeof v === 'string' ? /^([0-9]+)(?:\/((?:0[xX])?[0-9a-fA-F]+))?$/.exec(v) : null;
  if (!m) throw bad(what, v);
  const port = Number(m[1]);
  const mask = m[2] === undefined ? undefined : m[2].toLowerCase().startsWith('0x') ? parseInt(m[2], 16) : Number(m[2]);
  if (port > 0xffff || (mask !== undefined && !(mask <= 0xffff)) || (mask === undefined && port === 0)) throw bad(what, v);
  return [port, mask];
}

/** TCA_OPTIONS of flower in tc's order; `protocol` is the filter's (host order). */
export function flowerValue(s: Readonly<Partial<FlowerFilterOptions>>, b: ActionBuild, protocol: number): FlowerOptions {
  const o: FlowerOptions = {};
  let ethType = protocol;
  let ipProto = 0xff;
  let mtf = 0;
  let mtfMask = 0;
  const vlan = (): void => {
    if (protocol !== ETH_P_8021Q && protocol !== ETH_P_8021AD) throw new InvalidArgumentError('vlan keys need the filter protocol 802.1Q or 802.1ad', 'vlanId');
  };
  const family = (): 4 | 6 | 0 => {
    if (ethType === ETH_P_IP) return 4;
    if (ethType === ETH_P_IPV6) return 6;
    if (ethType === 0) return 0;
    throw new InvalidArgumentError('IP keys need an IPv4 or IPv6 Ethernet type (protocol ip or ipv6, or vlanEthtype)', 'dstIp');
  };
  for (const key of Object.keys(s) as (keyof FlowerFilterOptions)[]) {
    const v = s[key];
    if (v === undefined) continue;
    switch (key) {
      case 'classid': o.classid = classidValue(v, 'classid'); break;
      case 'indev':
        if (typeof v !== 'string' || !v || v.length > 15) throw bad('indev', v);
        o.indev = v;
        break;
      case 'vlanId': vlan(); o.vlanId = checkUint(v, 'vlanId', 0xfff); break;
      case 'vlanPrio': vlan(); o.vlanPrio = checkUint(v, 'vlanPrio', 7); break;
      case 'vlanEthtype': {
        vlan();
        const t = typeof v === 'number' ? checkUint(v, 'vlanEthtype', 0xffff) : typeof v === 'string' ? llProtoByName(v) : undefined;
        if (t === undefined) throw bad('vlanEthtype', v);
        o.vlanEthType = t;
        ethType = t;
        break;
      }
      case 'dstMac': [o.ethDst, o.ethDstMask] = macValue(v, 'dstMac'); break;
      case 'srcMac': [o.ethSrc, o.ethSrcMask] = macValue(v, 'srcMac'); break;
      case 'ipProto': {
        if (ethType !== ETH_P_IP && ethType !== ETH_P_IPV6) throw new InvalidArgumentError('ipProto needs an IPv4 or IPv6 Ethernet type', 'ipProto');
        const p = typeof v === 'string' && v in IPPROTO ? IPPROTO[v as keyof typeof IPPROTO] : typeof v === 'number' ? checkUint(v, 'ipProto', 0xff) : undefined;
        if (p === undefined || (v === 'icmp' && ethType !== ETH_P_IP) || (v === 'icmpv6' && ethType !== ETH_P_IPV6)) throw bad('ipProto', v);
        o.ipProto = p;
        ipProto = p;
        break;
      }
      case 'ipTos': [o.ipTos, o.ipTosMask] = maskedU8(v, 'ipTos'); break;
      case 'ipTtl': [o.ipTtl, o.ipTtlMask] = maskedU8(v, 'ipTtl'); break;
      case 'dstIp': case 'srcIp': {
        const ip = ipValue(v, key, family());
        const dst = key === 'dstIp';
        if (ip.v6) {
          if (dst) [o.ipv6Dst, o.ipv6DstMask] = [ip.addr, ip.mask];
          else [o.ipv6Src, o.ipv6SrcMask] = [ip.addr, ip.mask];
        } else if (dst) [o.ipv4Dst, o.ipv4DstMask] = [ip.addr, ip.mask];
        else [o.ipv4Src, o.ipv4SrcMask] = [ip.addr, ip.mask];
        break;
      }
      case 'dstPort': case 'srcPort': {
        const [port, mask] = portValue(v, key);
        const l4 = ipProto === 6 ? 'tcp' : ipProto === 17 ? 'udp' : ipProto === 132 ? 'sctp' : undefined;
        if (!l4) throw new InvalidArgumentError(`${key} needs ipProto tcp, udp or sctp before it`, key);
        const side = key === 'dstPort' ? 'Dst' : 'Src';
        o[`${l4}${side}`] = port;
        if (mask !== undefined) o[`${l4}${side}Mask`] = mask;
        break;
      }
      case 'ipFlags':
        if (typeof v !== 'string') throw bad('ipFlags', v);
        for (const tok of v.split('/').filter(Boolean)) {
          const no = tok.startsWith('no');
          const f = KEY_FLAGS[(no ? tok.slice(2) : tok) as keyof typeof KEY_FLAGS];
          if (f === undefined) throw bad('ipFlags', v);
          mtf = no ? mtf & ~f : mtf | f;
          mtfMask |= f;
        }
        break;
      case 'actions': o.actions = actionsValue(v, b); break;
      default: break;
    }
  }
  o.flags = (s.skipHw ? TCA_CLS_FLAGS_SKIP_HW : 0) | (s.skipSw ? TCA_CLS_FLAGS_SKIP_SW : 0);
  if (mtfMask) {
    o.keyFlags = mtf;
    o.keyFlagsMask = mtfMask;
  }
  if (protocol !== ETH_P_ALL) o.ethType = protocol;
  return o;
}
