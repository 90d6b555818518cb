/**
 * `Neighbor`: one neighbour (ARP / NDP) entry as plain typed data, the facts `ip -j -s neigh
 * show` prints, in camelCase, plus the decoded message.
 */
import { familyName } from '../common.js';
import { protocols } from '../route/names.js';
import {
  NTF_EXT_EXT_VALIDATED, NTF_EXT_LEARNED, NTF_EXT_MANAGED, NTF_OFFLOADED, NTF_PROXY, NTF_ROUTER, NUD_WORDS,
} from './constants.js';
import type { NeighMessage } from './message.js';

/** A neighbour entry (RTM_NEWNEIGH), as `ip -j neigh show` describes it. */
export interface Neighbor {
  /** 'inet' | 'inet6' | 'bridge' | ... */
  family: string;
  /** ndm_ifindex: the device's ifindex (`dev` in `ip` output). */
  ifindex: number;
  /** NDA_DST. */
  dst?: string;
  /** NDA_LLADDR. */
  lladdr?: string;
  /** NUD state words ('REACHABLE', 'STALE', 'PERMANENT', ...); empty for NUD_NONE. */
  state: string[];
  /** Flag words `ip neigh` prints: 'router', 'proxy', 'managed', 'extern_learn', 'offload', 'extern_valid'. */
  flags: string[];
  /** NTF_ROUTER: the neighbour is an IPv6 router. */
  router?: true;
  /** NTF_PROXY: a proxy entry. */
  proxy?: true;
  /** NTF_EXT_MANAGED (NDA_FLAGS_EXT). */
  managed?: true;
  /** NTF_EXT_LEARNED. */
  externLearn?: true;
  /** NTF_OFFLOADED. */
  offload?: true;
  /** NTF_EXT_EXT_VALIDATED (NDA_FLAGS_EXT). */
  externValid?: true;
  /** NDA_PROBES. */
  probes?: number;
  /** NDA_CACHEINFO: references held. */
  refcnt?: number;
  /** NDA_CACHEINFO: seconds since last used. */
  used?: number;
  /** NDA_CACHEINFO: seconds since last confirmed. */
  confirmed?: number;
  /** NDA_CACHEINFO: seconds since last updated. */
  updated?: number;
  /** NDA_PROTOCOL in iproute2's words, when non-zero. */
  protocol?: string;
  /** NDA_MASTER. */
  master?: number;
  /** NDA_VLAN. */
  vlan?: number;
  /** The decoded message, for the facts not lifted above. */
  raw: NeighMessage;
}

const USER_HZ = 100;

/** Build a `Neighbor` from a decoded neighbour message. */
export function toNeighbor(msg: NeighMessage): Neighbor {
  const { header: h, attrs: a } = msg;
  const out: Neighbor = { family: familyName(h.family), ifindex: h.ifindex, state: [], flags: [], raw: msg };
  if (a.dst !== undefined) out.dst = a.dst;
  if (a.lladdr !== undefined) out.lladdr = a.lladdr;
  const ext = a.flagsExt ?? 0;
  const flag = (on: number, word: string, key: 'router' | 'proxy' | 'managed' | 'externLearn' | 'offload' | 'externValid'): void => {
    if (!on) return;
    out.flags.push(word);
    out[key] = true;
  };
  flag(h.flags & NTF_ROUTER, 'router', 'router');
  flag(h.flags & NTF_PROXY, 'proxy', 'proxy');
  flag(ext & NTF_EXT_MANAGED, 'managed', 'managed');
  flag(h.flags & NTF_EXT_LEARNED, 'extern_learn', 'externLearn');
  flag(h.flags & NTF_OFFLOADED, 'offload', 'offload');
  flag(ext & NTF_EXT_EXT_VALIDATED, 'extern_valid', 'externValid');
  if (a.cacheinfo) {
    out.refcnt = a.cacheinfo.refcnt;
    out.used = Math.floor(a.cacheinfo.used / USER_HZ);
    out.confirmed = Math.floor(a.cacheinfo.confirmed / USER_HZ);
    out.updated = Math.floor(a.cacheinfo.updated / USER_HZ);
  }
  if (a.probes !== undefined) out.probes = a.probes;
  for (const [bit, word] of NUD_WORDS) if (h.state & bit) out.state.push(word);
  if (a.protocol) out.protocol = protocols.name(a.protocol);
  if (a.master !== undefined) out.master = a.master;
  if (a.vlan !== undefined) out.vlan = a.vlan;
  return out;
}
