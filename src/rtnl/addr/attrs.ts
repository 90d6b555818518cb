/** The IFA_* attribute set of an address message, as one declarative table. */
import { AttrTable, s32, str, u32, u8, type RawAttr } from '../../netlink/index.js';
import { ipAddr } from '../common.js';
import {
  IFA_ADDRESS, IFA_ANYCAST, IFA_BROADCAST, IFA_CACHEINFO, IFA_FLAGS, IFA_LABEL, IFA_LOCAL, IFA_MULTICAST,
  IFA_PROTO, IFA_RT_PRIORITY, IFA_TARGET_NETNSID,
} from './constants.js';
import { ifaCacheInfo, type IfaCacheInfo } from './ifaddrmsg.js';

/** Decoded IFA_* attributes. Addresses are text (dotted quad or compressed IPv6). */
export interface AddrAttrs {
  /** IFA_ADDRESS: the prefix address, or the peer on point-to-point links. */
  address?: string;
  /** IFA_LOCAL: the local address. */
  local?: string;
  /** IFA_LABEL: the IPv4 label ("eth0:1"). */
  label?: string;
  /** IFA_BROADCAST. */
  broadcast?: string;
  /** IFA_ANYCAST. */
  anycast?: string;
  /** IFA_CACHEINFO (struct ifa_cacheinfo). */
  cacheinfo?: IfaCacheInfo;
  /** IFA_MULTICAST. */
  multicast?: string;
  /** IFA_FLAGS: all 32 bits of IFA_F_*. */
  flags?: number;
  /** IFA_RT_PRIORITY: metric of the prefix route. */
  rtPriority?: number;
  /** IFA_TARGET_NETNSID (s32). */
  targetNetnsid?: number;
  /** IFA_PROTO (IFAPROT_*). */
  proto?: number;
  /** Attributes this table does not know, kept raw and re-emitted. */
  unknown?: RawAttr[];
}

/** The IFA_* table: kernel id, field name and codec of each attribute. */
export const addrAttrs = new AttrTable<AddrAttrs>('IFA', [
  { id: IFA_ADDRESS, name: 'address', codec: ipAddr },
  { id: IFA_LOCAL, name: 'local', codec: ipAddr },
  { id: IFA_LABEL, name: 'label', codec: str },
  { id: IFA_BROADCAST, name: 'broadcast', codec: ipAddr },
  { id: IFA_ANYCAST, name: 'anycast', codec: ipAddr },
  { id: IFA_CACHEINFO, name: 'cacheinfo', codec: ifaCacheInfo },
  { id: IFA_MULTICAST, name: 'multicast', codec: ipAddr },
  { id: IFA_FLAGS, name: 'flags', codec: u32 },
  { id: IFA_RT_PRIORITY, name: 'rtPriority', codec: u32 },
  { id: IFA_TARGET_NETNSID, name: 'targetNetnsid', codec: s32 },
  { id: IFA_PROTO, name: 'proto', codec: u8 },
]);
