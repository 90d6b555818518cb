/**
 * `ip.bridge.vlan`: a port's (or the bridge's) VLANs as `bridge vlan add/del` changes them:
 * RTM_SETLINK / RTM_DELLINK of family AF_BRIDGE whose IFLA_AF_SPEC holds IFLA_BRIDGE_FLAGS
 * (master/self) and one IFLA_BRIDGE_VLAN_INFO, or a RANGE_BEGIN/RANGE_END pair for a range.
 */
import { MessageWriter } from '../netlink/index.js';
import { AF_BRIDGE } from '../rtnl/common.js';
import {
  BRIDGE_FLAGS_MASTER, BRIDGE_FLAGS_SELF, BRIDGE_VLAN_INFO_PVID, BRIDGE_VLAN_INFO_RANGE_BEGIN, BRIDGE_VLAN_INFO_RANGE_END,
  BRIDGE_VLAN_INFO_UNTAGGED, bridgeAfSpecTable, type BridgeAfSpec,
} from '../rtnl/bridge/index.js';
import { IFLA_AF_SPEC, RTM_DELLINK, RTM_SETLINK, encodeLinkMessage, newIfInfoMsg } from '../rtnl/link/index.js';
import { checkBit, checkKeys, checkUint } from './check.js';
import type { ApiContext, Dev } from './context.js';
import { InvalidArgumentError } from './errors.js';

/** One VLAN or a range on a device (`bridge vlan add vid 10[-20] dev DEV ...`). */
export interface BridgeVlanSpec {
  dev: Dev;
  /** The VLAN id, 1..4094 (0 and 4095 are left to the kernel to refuse, as bridge does). */
  vid: number;
  /** The end of a range vid..vidEnd. */
  vidEnd?: number;
  /** Untagged packets arriving get this VLAN (not for a range). */
  pvid?: boolean;
  /** Leave the port untagged. */
  untagged?: boolean;
  /** BRIDGE_FLAGS_SELF: the device itself (the bridge's own VLANs, or a NIC's). */
  self?: boolean;
  /** BRIDGE_FLAGS_MASTER: the bridge the device is a port of. */
  master?: boolean;
}

const KEYS: ReadonlySet<string> = new Set(['dev', 'vid', 'vidEnd', 'pvid', 'untagged', 'self', 'master']);

/** The IFLA_AF_SPEC of `bridge vlan add/del` for `spec`, checked as bridge checks it. */
export function buildBridgeVlanSpec(spec: Readonly<BridgeVlanSpec>): BridgeAfSpec {
  if (spec === null || typeof spec !== 'object') throw new InvalidArgumentError('a VLAN spec is expected');
  checkKeys(spec, KEYS, 'bridge vlan');
  const vid = checkUint(spec.vid, 'vid', 4095);
  let flags = 0;
  let info = 0;
  if (spec.self !== undefined && checkBit(spec.self, 'self')) flags |= BRIDGE_FLAGS_SELF;
  if (spec.master !== undefined && checkBit(spec.master, 'master')) flags |= BRIDGE_FLAGS_MASTER;
  if (spec.pvid !== undefined && checkBit(spec.pvid, 'pvid')) info |= BRIDGE_VLAN_INFO_PVID;
  if (spec.untagged !== undefined && checkBit(spec.untagged, 'untagged')) info |= BRIDGE_VLAN_INFO_UNTAGGED;
  const out: BridgeAfSpec = {};
  if (flags) out.flags = flags;
  if (spec.vidEnd === undefined) out.vlanInfo = [{ flags: info, vid }];
  else {
    const end = checkUint(spec.vidEnd, 'vidEnd', 4095);
    if (vid >= end) throw new InvalidArgumentError(`Invalid VLAN range "${vid}-${end}"`, 'vidEnd');
    if (info & BRIDGE_VLAN_INFO_PVID) throw new InvalidArgumentError('pvid cannot be configured for a vlan range', 'pvid');
    out.vlanInfo = [{ flags: info | BRIDGE_VLAN_INFO_RANGE_BEGIN, vid }, { flags: info | BRIDGE_VLAN_INFO_RANGE_END, vid: end }];
  }
  return out;
}

/** Bridge VLANs: `bridge vlan add/del` as a service. */
export class BridgeVlanService {
  constructor(private readonly ctx: ApiContext) {}

  /** `bridge vlan add`: RTM_SETLINK. */
  async add(spec: Readonly<BridgeVlanSpec>): Promise<void> {
    await this.modify(RTM_SETLINK, spec);
  }

  /** `bridge vlan del`: RTM_DELLINK. */
  async del(spec: Readonly<BridgeVlanSpec>): Promise<void> {
    await this.modify(RTM_DELLINK, spec);
  }

  private async modify(type: number, spec: Readonly<BridgeVlanSpec>): Promise<void> {
    const af = buildBridgeVlanSpec(spec);
    const index = await this.ctx.ifindex(spec.dev);
    const w = new MessageWriter(type, 0, 64);
    encodeLinkMessage(w, { ifinfo: newIfInfoMsg({ family: AF_BRIDGE, index }), attrs: {} });
    w.nested(IFLA_AF_SPEC, () => bridgeAfSpecTable.encode(w, af));
    await this.ctx.conn.request(w.finish(), type === RTM_SETLINK ? 'RTM_SETLINK' : 'RTM_DELLINK');
  }
}
