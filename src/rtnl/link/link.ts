/**
 * The user-facing link: a plain typed object with the kernel's facts about one network device,
 * named after what `ip -j -d -s link show` prints (in camelCase). Numbers stay numbers, counters
 * are bigint, enums become iproute2's words (unknown values stay numbers). Fields whose attribute
 * the kernel did not send are absent. Anything else is in `raw`, the decoded message.
 */
import { objectShape } from '../../netlink/index.js';
import type { RtnlLinkStats, RtnlLinkStats64 } from './codecs.js';
import type { LinkInfoData } from './linkinfo.js';
import type { LinkMessage } from './message.js';
import {
  addrGenModeName, linkFlagNames, linkModeName, linkTypeName, operStateName,
} from './names.js';

/** Receive counters of struct rtnl_link_stats64, as iproute2 names them under "rx". */
export interface LinkRxStats {
  bytes: bigint;
  packets: bigint;
  errors: bigint;
  dropped: bigint;
  overErrors: bigint;
  multicast: bigint;
  compressed: bigint;
  lengthErrors: bigint;
  crcErrors: bigint;
  frameErrors: bigint;
  fifoErrors: bigint;
  missedErrors: bigint;
  /** rx_nohandler (absent from kernels older than 4.6). */
  nohandler?: bigint;
  /** rx_otherhost_dropped (absent from kernels older than 5.19). */
  otherhost?: bigint;
}

/** Transmit counters of struct rtnl_link_stats64, as iproute2 names them under "tx". */
export interface LinkTxStats {
  bytes: bigint;
  packets: bigint;
  errors: bigint;
  dropped: bigint;
  carrierErrors: bigint;
  collisions: bigint;
  compressed: bigint;
  abortedErrors: bigint;
  fifoErrors: bigint;
  windowErrors: bigint;
  heartbeatErrors: bigint;
}

/** The device counters (IFLA_STATS64, or IFLA_STATS widened when only that was sent). */
export interface LinkStats64 {
  rx: LinkRxStats;
  tx: LinkTxStats;
}

/** IFLA_LINKINFO as iproute2 shows it: kind and kind data, slave kind and port data. */
export interface LinkKindInfo {
  kind?: string;
  /** Typed per kind (BridgeInfo, VxlanInfo, ...; see KnownKindData), raw bytes for unknown kinds. */
  data?: LinkInfoData;
  slaveKind?: string;
  /** Typed per slave kind (BridgePortInfo for 'bridge'), raw bytes for unknown ones. */
  slaveData?: LinkInfoData;
}

/** One network device. */
export interface Link {
  ifindex: number;
  /** IFLA_IFNAME; '' in the (never seen) case the kernel omits it. */
  ifname: string;
  /** ifi_flags as iproute2's words: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP']. */
  flags: string[];
  /** ifi_flags as the kernel sent it (IFF_* bits). */
  ifiFlags: number;
  /** ifi_type as iproute2's word ('ether', 'loopback', 'none'); unknown types stay numbers. */
  linkType: string | number;
  mtu?: number;
  qdisc?: string;
  /** 'UP', 'DOWN', 'UNKNOWN', 'LOWERLAYERDOWN', 'DORMANT', 'NOTPRESENT', 'TESTING'. */
  operstate?: string | number;
  /** 'DEFAULT' or 'DORMANT'. */
  linkmode?: string | number;
  /** Device group number (0 is iproute2's "default"). */
  group?: number;
  txqlen?: number;
  address?: string;
  broadcast?: string;
  permAddress?: string;
  promiscuity?: number;
  allmulti?: number;
  minMtu?: number;
  maxMtu?: number;
  numTxQueues?: number;
  numRxQueues?: number;
  gsoMaxSize?: number;
  gsoMaxSegs?: number;
  tsoMaxSize?: number;
  tsoMaxSegs?: number;
  groMaxSize?: number;
  gsoIpv4MaxSize?: number;
  groIpv4MaxSize?: number;
  /** ifindex of the master (bridge, bond, vrf). */
  master?: number;
  /** ifindex of the lower device or veth peer (in the namespace `linkNetnsid` names, if set). */
  link?: number;
  linkNetnsid?: number;
  ifalias?: string;
  /** Alternative names (IFLA_PROP_LIST / IFLA_ALT_IFNAME). */
  altnames?: string[];
  carrier?: boolean;
  carrierChanges?: number;
  carrierUpCount?: number;
  carrierDownCount?: number;
  protoDown?: boolean;
  parentDevName?: string;
  parentBusName?: string;
  /** 'eui64', 'none', 'stable_secret', 'random' (IFLA_INET6_ADDR_GEN_MODE). */
  inet6AddrGenMode?: string | number;
  stats64?: LinkStats64;
  linkinfo?: LinkKindInfo;
  /** The decoded message, for every attribute not lifted into a field above. */
  raw: LinkMessage;
}

type Counters = RtnlLinkStats64 | RtnlLinkStats;

function stats64(s: Counters): LinkStats64 {
  const b = (v: bigint | number): bigint => (typeof v === 'bigint' ? v : BigInt(v));
  const rx: LinkRxStats = {
    bytes: b(s.rxBytes), packets: b(s.rxPackets), errors: b(s.rxErrors), dropped: b(s.rxDropped),
    overErrors: b(s.rxOverErrors), multicast: b(s.multicast), compressed: b(s.rxCompressed),
    lengthErrors: b(s.rxLengthErrors), crcErrors: b(s.rxCrcErrors), frameErrors: b(s.rxFrameErrors),
    fifoErrors: b(s.rxFifoErrors), missedErrors: b(s.rxMissedErrors),
  };
  if (s.rxNohandler !== undefined) rx.nohandler = b(s.rxNohandler);
  if ('rxOtherhostDropped' in s && s.rxOtherhostDropped !== undefined) rx.otherhost = s.rxOtherhostDropped;
  const tx: LinkTxStats = {
    bytes: b(s.txBytes), packets: b(s.txPackets), errors: b(s.txErrors), dropped: b(s.txDropped),
    carrierErrors: b(s.txCarrierErrors), collisions: b(s.collisions), compressed: b(s.txCompressed),
    abortedErrors: b(s.txAbortedErrors), fifoErrors: b(s.txFifoErrors), windowErrors: b(s.txWindowErrors),
    heartbeatErrors: b(s.txHeartbeatErrors),
  };
  return { rx, tx };
}

/** Copy a kind data object without its hidden wire order; raw bytes are copied too. */
function plain(d: LinkInfoData): LinkInfoData {
  return d instanceof Uint8Array ? d.slice() : { ...d };
}

/** Room for every field toLink may set (see objectShape): a Link is filled field by field. */
const LinkShape = objectShape([
  'ifindex', 'ifname', 'flags', 'ifiFlags', 'linkType', 'raw', 'mtu', 'qdisc',
  'operstate', 'linkmode', 'group', 'txqlen', 'address', 'broadcast', 'permAddress', 'promiscuity',
  'allmulti', 'minMtu', 'maxMtu', 'numTxQueues', 'numRxQueues', 'gsoMaxSize', 'gsoMaxSegs', 'tsoMaxSize',
  'tsoMaxSegs', 'groMaxSize', 'gsoIpv4MaxSize', 'groIpv4MaxSize', 'master', 'link', 'linkNetnsid', 'ifalias',
  'altnames', 'carrier', 'carrierChanges', 'carrierUpCount', 'carrierDownCount', 'protoDown', 'parentDevName', 'parentBusName',
  'inet6AddrGenMode', 'stats64', 'linkinfo',
]);

/** Build the plain Link of a decoded RTM_NEWLINK message. */
export function toLink(msg: LinkMessage): Link {
  const a = msg.attrs;
  const link = new LinkShape() as Link;
  link.ifindex = msg.ifinfo.index;
  link.ifname = a.ifname ?? '';
  link.flags = linkFlagNames(msg.ifinfo.flags);
  link.ifiFlags = msg.ifinfo.flags;
  link.linkType = linkTypeName(msg.ifinfo.type);
  link.raw = msg;
  // Named stores only (`link.mtu = ...`): a Link filled through keyed stores becomes a slow
  // hash-table object in V8 once it has more than a dozen fields.
  if (a.mtu !== undefined) link.mtu = a.mtu;
  if (a.qdisc !== undefined) link.qdisc = a.qdisc;
  if (a.operstate !== undefined) link.operstate = operStateName(a.operstate);
  if (a.linkmode !== undefined) link.linkmode = linkModeName(a.linkmode);
  if (a.group !== undefined) link.group = a.group;
  if (a.txqlen !== undefined) link.txqlen = a.txqlen;
  if (a.address !== undefined) link.address = a.address;
  if (a.broadcast !== undefined) link.broadcast = a.broadcast;
  if (a.permAddress !== undefined) link.permAddress = a.permAddress;
  if (a.promiscuity !== undefined) link.promiscuity = a.promiscuity;
  if (a.allmulti !== undefined) link.allmulti = a.allmulti;
  if (a.minMtu !== undefined) link.minMtu = a.minMtu;
  if (a.maxMtu !== undefined) link.maxMtu = a.maxMtu;
  if (a.numTxQueues !== undefined) link.numTxQueues = a.numTxQueues;
  if (a.numRxQueues !== undefined) link.numRxQueues = a.numRxQueues;
  if (a.gsoMaxSize !== undefined) link.gsoMaxSize = a.gsoMaxSize;
  if (a.gsoMaxSegs !== undefined) link.gsoMaxSegs = a.gsoMaxSegs;
  if (a.tsoMaxSize !== undefined) link.tsoMaxSize = a.tsoMaxSize;
  if (a.tsoMaxSegs !== undefined) link.tsoMaxSegs = a.tsoMaxSegs;
  if (a.groMaxSize !== undefined) link.groMaxSize = a.groMaxSize;
  if (a.gsoIpv4MaxSize !== undefined) link.gsoIpv4MaxSize = a.gsoIpv4MaxSize;
  if (a.groIpv4MaxSize !== undefined) link.groIpv4MaxSize = a.groIpv4MaxSize;
  if (a.master !== undefined) link.master = a.master;
  if (a.link !== undefined) link.link = a.link;
  if (a.linkNetnsid !== undefined) link.linkNetnsid = a.linkNetnsid;
  if (a.ifalias !== undefined) link.ifalias = a.ifalias;
  if (a.propList?.altIfname) link.altnames = [...a.propList.altIfname];
  if (a.carrier !== undefined) link.carrier = a.carrier !== 0;
  if (a.carrierChanges !== undefined) link.carrierChanges = a.carrierChanges;
  if (a.carrierUpCount !== undefined) link.carrierUpCount = a.carrierUpCount;
  if (a.carrierDownCount !== undefined) link.carrierDownCount = a.carrierDownCount;
  if (a.protoDown !== undefined) link.protoDown = a.protoDown !== 0;
  if (a.parentDevName !== undefined) link.parentDevName = a.parentDevName;
  if (a.parentDevBusName !== undefined) link.parentBusName = a.parentDevBusName;
  const agm = a.afSpec?.inet6?.addrGenMode;
  if (agm !== undefined) link.inet6AddrGenMode = addrGenModeName(agm);
  const counters = a.stats64 ?? a.stats;
  if (counters) link.stats64 = stats64(counters);
  if (a.linkinfo) {
    const li = a.linkinfo;
    const info: LinkKindInfo = {};
    if (li.kind !== undefined) info.kind = li.kind;
    if (li.data !== undefined) info.data = plain(li.data);
    if (li.slaveKind !== undefined) info.slaveKind = li.slaveKind;
    if (li.slaveData !== undefined) info.slaveData = plain(li.slaveData);
    link.linkinfo = info;
  }
  return link;
}
