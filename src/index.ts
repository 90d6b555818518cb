/**
 * rtnl-ts: a pure-TypeScript rtnetlink client. The handle is IpRoute; its services are
 * link, addr, route, neigh, maddress, netconf, rule, nexthop, netns and monitor. Lower layers are exported for
 * tooling authors who need requests the services do not cover.
 */
export { IpRoute, type OpenOptions } from './api/iproute.js';
export { LinkService, validateIfname } from './api/link.js';
export type * from './api/link-types.js';
export { AddrService } from './api/addr.js';
export { RouteService } from './api/route.js';
export { NeighService } from './api/neigh.js';
export { MaddressService, type MulticastAddress, type MulticastFilter } from './api/maddress.js';
export { NetconfService, type Netconf, type NetconfFilter } from './api/netconf.js';
export { RuleService, type RuleSpec, type RuleFilter, type RuleAction } from './api/rule.js';
export { NexthopService, type NexthopSpec, type NexthopFilter, type NexthopGroupEntry, type ResilientSpec } from './api/nexthop.js';
export { NetnsService, type ExecOptions, type ExecResult } from './api/netns.js';
export type { MonitorEvent, MonitorGroup } from './api/monitor.js';
export {
  applyWatchChange, linkKey, addrKey, routeKey, neighKey,
  type WatchKind, type WatchEvent, type WatchChange, type WatchSnapshot, type WatchOptions,
} from './api/watch.js';
export { NoSuchDeviceError, InvalidArgumentError, NoSuchNetnsError, UnknownOptionError } from './api/errors.js';
export type { Dev } from './api/context.js';
export { NetlinkError, DecodeError, EncodeError, SyscallError, DumpInterruptedError, NamespaceEscapeError } from './netlink/errors.js';
export type { Link, LinkMessage } from './rtnl/link/index.js';
export type { Address } from './rtnl/addr/index.js';
export type { Route } from './rtnl/route/index.js';
export type { Neighbor } from './rtnl/neigh/index.js';
export type { Rule } from './rtnl/rule/index.js';
export type { Nexthop } from './rtnl/nexthop/index.js';
export * as netlink from './netlink/index.js';
export * as rtnl from './rtnl/index.js';
