/**
 * rtnl-ts: a pure-TypeScript rtnetlink client. The handle is IpRoute; its services are
 * link, addr, route, neigh, maddress, netconf, rule, nexthop, netns and monitor. Lower layers are exported for
 * tooling authors who need requests the services do not cover.
 */
export { IpRoute, type OpenOptions } from './api/iproute.js';
export { LinkService, validateIfname, type AddOptions } from './api/link.js';
export { TuntapService, type TuntapSpec, type TuntapDelSpec, type TuntapMode, type TuntapFlags, type TuntapRequest } from './api/tuntap.js';
export type * from './api/link-types.js';
export { AddrService, type AddrOptions, type AddrDelOptions, type AddrFilter } from './api/addr.js';
export type { BatchBuilder, BatchItemResult, BatchOptions } from './api/batch.js';
export type { PreparedRequest } from './api/link.js';
export { RouteService, type RouteSpec, type RouteGetOptions, type RouteFilter, type NextHopSpec } from './api/route.js';
export { NeighService, type NeighSpec, type NeighFilter, type NudState } from './api/neigh.js';
export { MaddressService, type MulticastAddress, type MulticastFilter } from './api/maddress.js';
export { NetconfService, type Netconf, type NetconfFilter } from './api/netconf.js';
export { RuleService, type RuleSpec, type RuleFilter, type RuleAction } from './api/rule.js';
export { NexthopService, type NexthopSpec, type NexthopFilter, type NexthopGroupEntry, type ResilientSpec } from './api/nexthop.js';
export { BridgeService } from './api/bridge.js';
export { BridgeFdbService, type FdbGetSpec, type FdbSpec, type FdbEntry, type FdbFilter, type FdbFlushSpec } from './api/bridge-fdb.js';
export { BridgeVlanService, type BridgeVlanSpec, type BridgePortVlans, type BridgeVlanFilter } from './api/bridge-vlan.js';
export { BridgeMdbService, type MdbSpec, type MdbFilter, type MdbRouters } from './api/bridge-mdb.js';
export { BridgeLinkService, type BridgeLinkSettings, type BridgeLinkFilter } from './api/bridge-link.js';
export {
  NetnsService, type ExecOptions, type ExecResult, type ExecAllResult, type NetnsEntry, type NsidEntry, type NetnsMonitor, type NetnsEvent,
} from './api/netns.js';
export type { MonitorEvent, MonitorGroup, MonitorOptions } from './api/monitor.js';
export type { KnownLinkKind, KnownSlaveKind, KnownLinkSpec, LinkSpecOf, KindChange, KindOptions, SlaveKindOptions } from './api/kinds/index.js';
export * as tc from './api/tc/index.js';
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
export type { BridgeLink, BrVlanMessage, BridgeVlanDbEntry, BridgeVlanDbStats, MdbEntry, MdbMessage, MdbRouterPort, MdbSource, BrMdbEntry } from './rtnl/bridge/index.js';
export * as netlink from './netlink/index.js';
export * as rtnl from './rtnl/index.js';
export * as topo from './topo/index.js';
export {
  Topology, TopologyError, withTopology, drawTopology, readPicture, type Lab, type DrawFormat, type Picture,
} from './topo/index.js';
