/**
 * Live events: a second socket in the handle's namespace joins the rtnetlink multicast groups
 * asked for and yields typed events until the iterator is returned or the handle is closed.
 */
import { Conn, type NetlinkSocket, type NlMessage } from '../netlink/index.js';
import { InvalidArgumentError } from './errors.js';

/** Options of a monitor. */
export interface MonitorOptions {
  /** Receive buffer in bytes. Default 1 MiB; the kernel drops events past it (reported as lost). */
  rcvbuf: number;
}
import type { ApiContext } from './context.js';
import type { LinkKindRegistry } from '../rtnl/link/index.js';
import { RTM_DELLINK, RTM_NEWLINK, decodeLinkMessage, toLink, type Link } from '../rtnl/link/index.js';
import { RTM_DELADDR, RTM_NEWADDR, decodeAddrMessage, toAddress, type Address } from '../rtnl/addr/index.js';
import { RTM_DELROUTE, RTM_NEWROUTE, decodeRouteMessage, toRoute, type Route } from '../rtnl/route/index.js';
import { RTM_DELNEIGH, RTM_NEWNEIGH, decodeNeighMessage, toNeighbor, type Neighbor } from '../rtnl/neigh/index.js';
import { RTM_DELNSID, RTM_NEWNSID, decodeNsidMessage, type NsidMessage } from '../rtnl/nsid/index.js';
import { RTM_DELRULE, RTM_NEWRULE, RTNLGRP_IPV4_RULE, RTNLGRP_IPV6_RULE, decodeRuleMessage, toRule, type Rule } from '../rtnl/rule/index.js';
import {
  RTM_DELNEXTHOP, RTM_NEWNEXTHOP, RTNLGRP_NEXTHOP, decodeNexthopMessage, toNexthop, type Nexthop,
} from '../rtnl/nexthop/index.js';
import {
  RTM_DELMDB, RTM_DELVLAN, RTM_NEWMDB, RTM_NEWVLAN, RTNLGRP_BRVLAN, RTNLGRP_MDB, decodeBrVlanMessage, decodeMdbMessage,
  type BrVlanMessage, type MdbMessage,
} from '../rtnl/bridge/index.js';

/** Groups as `ip monitor` names them. */
export type MonitorGroup = 'all' | 'link' | 'address' | 'route' | 'neigh' | 'nsid' | 'rule' | 'nexthop' | 'mdb' | 'vlan';

// enum rtnetlink_groups, <linux/rtnetlink.h>
const RTNLGRP_LINK = 1;
const RTNLGRP_NEIGH = 3;
const RTNLGRP_IPV4_IFADDR = 5;
const RTNLGRP_IPV4_ROUTE = 7;
const RTNLGRP_IPV6_IFADDR = 9;
const RTNLGRP_IPV6_ROUTE = 11;
const RTNLGRP_NSID = 28;

/** The multicast groups (RTNLGRP_*) of each monitor group; also what watch.ts joins. */
export const GROUPS: Record<Exclude<MonitorGroup, 'all'>, number[]> = {
  link: [RTNLGRP_LINK],
  address: [RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV6_IFADDR],
  route: [RTNLGRP_IPV4_ROUTE, RTNLGRP_IPV6_ROUTE],
  neigh: [RTNLGRP_NEIGH],
  nsid: [RTNLGRP_NSID],
  rule: [RTNLGRP_IPV4_RULE, RTNLGRP_IPV6_RULE],
  nexthop: [RTNLGRP_NEXTHOP],
  /** The bridge multicast database (`bridge monitor mdb`). */
  mdb: [RTNLGRP_MDB],
  /** The bridge VLAN database (`bridge monitor vlan`). */
  vlan: [RTNLGRP_BRVLAN],
};

/** One event of `ip.monitor()`: a typed object with `action` new or del, or `{ lost: true }` after an overflow. */
export type MonitorEvent =
  | { type: 'link'; action: 'new' | 'del'; link: Link }
  | { type: 'address'; action: 'new' | 'del'; address: Address }
  | { type: 'route'; action: 'new' | 'del'; route: Route }
  | { type: 'neigh'; action: 'new' | 'del'; neighbor: Neighbor }
  | { type: 'nsid'; action: 'new' | 'del'; nsid: NsidMessage }
  | { type: 'rule'; action: 'new' | 'del'; rule: Rule }
  | { type: 'nexthop'; action: 'new' | 'del'; nexthop: Nexthop }
  | { type: 'mdb'; action: 'new' | 'del'; mdb: MdbMessage }
  | { type: 'vlan'; action: 'new' | 'del'; vlan: BrVlanMessage }
  /** Something the kernel sent that we do not model; kept raw. */
  | { type: 'other'; action: 'new' | 'del'; message: NlMessage }
  /** The kernel dropped events (ENOBUFS): the view must be resynced with a dump. */
  | { type: 'lost'; lost: true; errno: number; hint: string };

function toEvent(m: NlMessage, kinds: LinkKindRegistry): MonitorEvent {
  const t = m.header.type;
  // Each family's RTM_NEW* is even and its RTM_DEL* the odd number after it (<linux/rtnetlink.h>).
  const action = t % 2 === 0 ? 'new' : 'del';
  switch (t) {
    case RTM_NEWLINK: case RTM_DELLINK: return { type: 'link', action, link: toLink(decodeLinkMessage(m.payload, kinds)) };
    case RTM_NEWADDR: case RTM_DELADDR: return { type: 'address', action, address: toAddress(decodeAddrMessage(m.payload)) };
    case RTM_NEWROUTE: case RTM_DELROUTE: return { type: 'route', action, route: toRoute(decodeRouteMessage(m.payload)) };
    case RTM_NEWNEIGH: case RTM_DELNEIGH: return { type: 'neigh', action, neighbor: toNeighbor(decodeNeighMessage(m.payload)) };
    case RTM_NEWNSID: case RTM_DELNSID: return { type: 'nsid', action, nsid: decodeNsidMessage(m.payload) };
    case RTM_NEWRULE: case RTM_DELRULE: return { type: 'rule', action, rule: toRule(decodeRuleMessage(m.payload)) };
    case RTM_NEWNEXTHOP: case RTM_DELNEXTHOP: return { type: 'nexthop', action, nexthop: toNexthop(decodeNexthopMessage(m.payload)) };
    case RTM_NEWMDB: case RTM_DELMDB: return { type: 'mdb', action, mdb: decodeMdbMessage(m.payload) };
    case RTM_NEWVLAN: case RTM_DELVLAN: return { type: 'vlan', action, vlan: decodeBrVlanMessage(m.payload) };
    default: return { type: 'other', action, message: m };
  }
}

/** Stream events of `groups` in the namespace of `ctx` until returned or the handle closes. */
export async function* monitor(ctx: ApiContext, groups: readonly MonitorGroup[], options: Readonly<Partial<MonitorOptions>> = {}): AsyncGenerator<MonitorEvent, void, undefined> {
  const names = groups.includes('all') ? (Object.keys(GROUPS) as (keyof typeof GROUPS)[]) : groups as (keyof typeof GROUPS)[];
  for (const g of names) if (!(g in GROUPS)) throw new InvalidArgumentError(`unknown monitor group "${g}"`);
  const conn = Conn.open({ netns: ctx.netns, ...(options.rcvbuf !== undefined ? { rcvbuf: options.rcvbuf } : {}) });
  const s = conn.socket as NetlinkSocket;
  // A small buffer is for tests of loss; setsockopt(SO_RCVBUF) has a floor, RCVBUFFORCE not.
  if (options.rcvbuf !== undefined) s.setReceiveBuffer(options.rcvbuf);
  for (const g of names) for (const id of GROUPS[g]) s.addMembership(id);
  const onClose = () => conn.close();
  ctx.onClose(onClose);
  try {
    for await (const m of conn.notificationsIterator()) {
      if ('lost' in m) yield { type: 'lost', lost: true, errno: m.errno, hint: 'events were dropped; resync with a dump' };
      else yield toEvent(m, ctx.kinds);
    }
  } finally {
    ctx.offClose(onClose);
    conn.close();
  }
}
