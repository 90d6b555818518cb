/**
 * `Nexthop`: one nexthop object as plain typed data, the facts `ip -j nexthop show` prints, in
 * camelCase, plus the decoded message. Unlike `ip`, nothing is left out for being a default
 * (scope and protocol are always there).
 */
import { cachedWords, familyName } from '../common.js';
import { RT_FLAG_WORDS } from '../route/constants.js';
import { NameTable, protocols, scopes } from '../route/names.js';
import { NEXTHOP_GRP_TYPE_MPATH, NEXTHOP_GRP_TYPE_RES } from './constants.js';
import type { NexthopMessage } from './message.js';

/** One member of a nexthop group. */
export interface NexthopGroupMember {
  /** The member's nexthop id. */
  id: number;
  /** Its weight, 1-65536. */
  weight: number;
}

/** The parameters of a resilient group, times in seconds. */
export interface ResilientGroup {
  buckets: number;
  idleTimer: number;
  unbalancedTimer: number;
  /** How long the group has been unbalanced. */
  unbalancedTime: number;
}

/** A nexthop object (RTM_NEWNEXTHOP), as `ip -j nexthop show` describes it. */
export interface Nexthop {
  /** NHA_ID. */
  id: number;
  /** 'inet' | 'inet6' | 'unspec' (groups) ... */
  family: string;
  /** nh_scope in iproute2's words ('global', 'link', 'host'). */
  scope: string;
  /** nh_protocol in iproute2's words ('unspec', 'static', ...). */
  protocol: string;
  /** Flag words of nh_flags ('onlink', 'dead', 'linkdown', ...). */
  flags: string[];
  /** NHA_GATEWAY. */
  gateway?: string;
  /** NHA_OIF: the device's ifindex (`dev` in `ip` output). */
  dev?: number;
  /** NHA_BLACKHOLE. */
  blackhole?: true;
  /** NHA_FDB. */
  fdb?: true;
  /** NHA_GROUP: the members of a group. */
  group?: NexthopGroupMember[];
  /** The type of a group: 'mpath' or 'resilient' (or the number as text). */
  groupType?: string;
  /** NHA_RES_GROUP of a resilient group. */
  resilient?: ResilientGroup;
  /** NHA_ENCAP_TYPE, when the nexthop has an encapsulation (NHA_ENCAP, raw in `raw`). */
  encapType?: number;
  /** The decoded message, for the facts not lifted above. */
  raw: NexthopMessage;
}

/** Group types with iproute2's names. */
export const groupTypes = new NameTable('type', [[NEXTHOP_GRP_TYPE_MPATH, 'mpath'], [NEXTHOP_GRP_TYPE_RES, 'resilient']], 0xffff);

/** USER_HZ: clock_t ticks per second. */
const USER_HZ = 100;

const flagWords = cachedWords((bits) => RT_FLAG_WORDS.filter(([bit]) => (bits >>> 0) & bit).map(([, w]) => w));

/** Build a `Nexthop` from a decoded nexthop message. */
export function toNexthop(msg: NexthopMessage): Nexthop {
  const { header: h, attrs: a } = msg;
  const out: Nexthop = {
    id: a.id ?? 0, family: familyName(h.family), scope: scopes.name(h.scope), protocol: protocols.name(h.protocol),
    flags: flagWords(h.flags), raw: msg,
  };
  if (a.gateway !== undefined) out.gateway = a.gateway;
  if (a.oif !== undefined) out.dev = a.oif;
  if (a.blackhole) out.blackhole = true;
  if (a.fdb) out.fdb = true;
  if (a.group) {
    out.group = a.group.map((g) => ({ id: g.id, weight: ((g.weightHigh << 8) | g.weight) + 1 }));
    out.groupType = groupTypes.name(a.groupType ?? NEXTHOP_GRP_TYPE_MPATH);
  }
  if (a.resGroup) {
    const r = a.resGroup;
    out.resilient = {
      buckets: r.buckets ?? 0, idleTimer: (r.idleTimer ?? 0) / USER_HZ, unbalancedTimer: (r.unbalancedTimer ?? 0) / USER_HZ,
      unbalancedTime: Number(r.unbalancedTime ?? 0n) / USER_HZ,
    };
  }
  if (a.encap !== undefined && a.encapType !== undefined) out.encapType = a.encapType;
  return out;
}
