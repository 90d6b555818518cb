/**
 * `Address`: one address as plain typed data, the facts `ip -j addr show` prints for each
 * addr_info entry, in camelCase, plus the decoded message it came from.
 */
import { objectShape } from '../../netlink/index.js';
import { AF_INET6, familyName } from '../common.js';
import { addrProtocols, scopes } from '../route/names.js';
import { IFA_F_PERMANENT, IFA_F_SECONDARY, IFA_FLAG_WORDS } from './constants.js';
import type { AddrMessage } from './message.js';

/** An interface address (RTM_NEWADDR), as `ip -j addr show` describes it. */
export interface Address {
  /** 'inet' | 'inet6' (or the family's number as text for others). */
  family: string;
  /** ifa_index: the interface it is on. */
  ifindex: number;
  /** IFA_LOCAL (IFA_ADDRESS when the kernel sent no IFA_LOCAL). */
  local?: string;
  /** The peer (IFA_ADDRESS), only when it differs from `local`. */
  address?: string;
  prefixlen: number;
  /** IFA_RT_PRIORITY: metric of the prefix route. */
  metric?: number;
  broadcast?: string;
  anycast?: string;
  multicast?: string;
  /** ifa_scope in iproute2's words: 'global', 'link', 'host', 'site', 'nowhere' or a number. */
  scope: string;
  /** All IFA_F_* bits (IFA_FLAGS when present, else ifa_flags). */
  ifaFlags: number;
  /** The flag words `ip addr` prints, in its order, e.g. ['dynamic', 'noprefixroute']. */
  flags: string[];
  /** Not IFA_F_PERMANENT: the address has a finite lifetime. */
  dynamic?: true;
  /** IFA_F_SECONDARY on an IPv4 address. */
  secondary?: true;
  /** IFA_F_TEMPORARY (the same bit as secondary) on an IPv6 address. */
  temporary?: true;
  nodad?: true;
  optimistic?: true;
  dadfailed?: true;
  home?: true;
  deprecated?: true;
  tentative?: true;
  mngtmpaddr?: true;
  noprefixroute?: true;
  autojoin?: true;
  stablePrivacy?: true;
  /** IFA_PROTO in iproute2's words ('kernel_lo', ...). */
  protocol?: string;
  /** IFA_LABEL. */
  label?: string;
  /** Seconds; 4294967295 means forever (IFA_CACHEINFO ifa_valid). */
  validLifeTime?: number;
  /** Seconds; 4294967295 means forever (IFA_CACHEINFO ifa_prefered). */
  preferredLifeTime?: number;
  /** The decoded message, for the facts not lifted above. */
  raw: AddrMessage;
}

type FlagKey = 'secondary' | 'temporary' | 'nodad' | 'optimistic' | 'dadfailed' | 'home' | 'deprecated' |
  'tentative' | 'mngtmpaddr' | 'noprefixroute' | 'autojoin' | 'stablePrivacy';

const camel = (s: string): FlagKey => s.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()) as FlagKey;

/** Room for every field toAddress may set (see objectShape): an Address is filled field by field. */
const AddressShape = objectShape([
  'family', 'ifindex', 'prefixlen', 'scope', 'ifaFlags', 'flags', 'raw', 'local', 'address', 'metric', 'broadcast',
  'anycast', 'multicast', 'dynamic', 'secondary', 'temporary', 'nodad', 'optimistic', 'dadfailed', 'home',
  'deprecated', 'tentative', 'mngtmpaddr', 'noprefixroute', 'autojoin', 'stablePrivacy', 'protocol', 'label',
  'validLifeTime', 'preferredLifeTime',
]);

/** Build an `Address` from a decoded address message. */
export function toAddress(msg: AddrMessage): Address {
  const { header: h, attrs: a } = msg;
  const local = a.local ?? a.address;
  const peer = a.address ?? a.local;
  const ifaFlags = a.flags ?? h.flags;
  const out = new AddressShape() as Address;
  out.family = familyName(h.family);
  out.ifindex = h.index;
  out.prefixlen = h.prefixlen;
  out.scope = scopes.name(h.scope);
  out.ifaFlags = ifaFlags;
  out.flags = [];
  out.raw = msg;
  if (local !== undefined) {
    out.local = local;
    if (peer !== undefined && peer !== local) out.address = peer;
    if (a.rtPriority !== undefined) out.metric = a.rtPriority;
  }
  if (a.broadcast !== undefined) out.broadcast = a.broadcast;
  if (a.anycast !== undefined) out.anycast = a.anycast;
  if (a.multicast !== undefined) out.multicast = a.multicast;
  for (const f of IFA_FLAG_WORDS) {
    if (f.mask === IFA_F_PERMANENT) {
      if (!(ifaFlags & IFA_F_PERMANENT)) { out.flags.push('dynamic'); out.dynamic = true; }
    } else if (ifaFlags & f.mask) {
      const word = f.mask === IFA_F_SECONDARY && h.family === AF_INET6 ? 'temporary' : f.name;
      out.flags.push(word);
      out[camel(word)] = true;
    }
  }
  if (a.proto !== undefined) out.protocol = addrProtocols.name(a.proto);
  if (a.label !== undefined) out.label = a.label;
  if (a.cacheinfo) {
    out.validLifeTime = a.cacheinfo.valid;
    out.preferredLifeTime = a.cacheinfo.preferred;
  }
  return out;
}
