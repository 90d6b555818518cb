/**
 * `ip.bridge.vlan`: a port's (or the bridge's) VLANs as `bridge vlan add/del` changes them:
 * RTM_SETLINK / RTM_DELLINK of family AF_BRIDGE whose IFLA_AF_SPEC holds IFLA_BRIDGE_FLAGS
 * (master/self) and one IFLA_BRIDGE_VLAN_INFO, or a RANGE_BEGIN/RANGE_END pair for a range (or
 * IFLA_BRIDGE_VLAN_TUNNEL_INFO for a tunnel mapping); and as `bridge vlan show` reads them: the
 * AF_BRIDGE link dump with RTEXT_FILTER_BRVLAN (or _COMPRESSED) in IFLA_EXT_MASK.
 */
import { MessageWriter } from '../netlink/index.js';
import { AF_BRIDGE } from '../rtnl/common.js';
import {
  BRIDGE_FLAGS_MASTER, BRIDGE_FLAGS_SELF, BRIDGE_VLAN_INFO_PVID, BRIDGE_VLAN_INFO_RANGE_BEGIN, BRIDGE_VLAN_INFO_RANGE_END,
  BRIDGE_VLAN_INFO_UNTAGGED, BRIDGE_VLANDB_DUMPF_STATS, RTM_NEWVLAN, bridgeAfSpecTable, bridgeVlans, bridgeVlanTunnels,
  decodeBrVlanMessage, encodeBrVlanDump, type BrVlanMessage, type BridgeAfSpec, type BridgeVlan, type BridgeVlanTunnel,
} from '../rtnl/bridge/index.js';
import {
  IFLA_AF_SPEC, RTEXT_FILTER_BRVLAN, RTEXT_FILTER_BRVLAN_COMPRESSED, RTM_DELLINK, RTM_SETLINK, encodeLinkMessage, newIfInfoMsg,
} from '../rtnl/link/index.js';
import type { BridgeLinkService } from './bridge-link.js';
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
  /**
   * `tunnel_info id N[-M]`: map the VLAN (range) to this tunnel id (range), below 2^24; the
   * request then carries IFLA_BRIDGE_VLAN_TUNNEL_INFO instead of the VLAN (pvid/untagged unused).
   */
  tunnelId?: number;
  /** The end of a tunnel id range (with a VLAN range). */
  tunnelIdEnd?: number;
}

/** One device's VLANs, as `bridge vlan show` / `tunnelshow` list them. */
export interface BridgePortVlans {
  ifindex: number;
  ifname: string;
  /** Its VLANs in the kernel's order (ranges only when asked for `compressed`). */
  vlans: BridgeVlan[];
  /** Its VLAN-to-tunnel map (tunnel ports with `vlan_tunnel on`). */
  tunnels: BridgeVlanTunnel[];
}

/** What `bridge.vlan.list` selects and how. */
export interface BridgeVlanFilter {
  /** Only this device. */
  dev?: Dev;
  /** RTEXT_FILTER_BRVLAN_COMPRESSED: consecutive VLANs of the same flags come as one range. */
  compressed?: boolean;
}

const KEYS: ReadonlySet<string> = new Set(['dev', 'vid', 'vidEnd', 'pvid', 'untagged', 'self', 'master', 'tunnelId', 'tunnelIdEnd']);
const TUNNEL_ID_LIMIT = (1 << 24) - 1;

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
  if (spec.tunnelId !== undefined) return tunnelSpec(out, spec, vid);
  if (spec.tunnelIdEnd !== undefined) throw new InvalidArgumentError('tunnelIdEnd needs tunnelId', 'tunnelIdEnd');
  if (spec.vidEnd === undefined) out.vlanInfo = [{ flags: info, vid }];
  else {
    const end = checkUint(spec.vidEnd, 'vidEnd', 4095);
    if (vid >= end) throw new InvalidArgumentError(`Invalid VLAN range "${vid}-${end}"`, 'vidEnd');
    if (info & BRIDGE_VLAN_INFO_PVID) throw new InvalidArgumentError('pvid cannot be configured for a vlan range', 'pvid');
    out.vlanInfo = [{ flags: info | BRIDGE_VLAN_INFO_RANGE_BEGIN, vid }, { flags: info | BRIDGE_VLAN_INFO_RANGE_END, vid: end }];
  }
  return out;
}

/** vlan_modify's tunnel_info part: one IFLA_BRIDGE_VLAN_TUNNEL_INFO, or a BEGIN/END pair for a VLAN range. */
function tunnelSpec(out: BridgeAfSpec, spec: Readonly<BridgeVlanSpec>, vid: number): BridgeAfSpec {
  const id = checkUint(spec.tunnelId, 'tunnelId', TUNNEL_ID_LIMIT);
  const idEnd = spec.tunnelIdEnd === undefined ? 0 : checkUint(spec.tunnelIdEnd, 'tunnelIdEnd', TUNNEL_ID_LIMIT);
  if (spec.vidEnd === undefined) {
    if (spec.tunnelIdEnd !== undefined) throw new InvalidArgumentError('a tunnel id range needs a VLAN range', 'tunnelIdEnd');
    out.vlanTunnelInfo = [{ id, vid, flags: 0 }];
    return out;
  }
  const end = checkUint(spec.vidEnd, 'vidEnd', 4095);
  if (vid >= end) throw new InvalidArgumentError(`Invalid VLAN range "${vid}-${end}"`, 'vidEnd');
  if (spec.pvid) throw new InvalidArgumentError('pvid cannot be configured for a vlan range', 'pvid');
  out.vlanTunnelInfo = [{ id, vid, flags: BRIDGE_VLAN_INFO_RANGE_BEGIN }, { id: idEnd, vid: end, flags: BRIDGE_VLAN_INFO_RANGE_END }];
  return out;
}

/** Bridge VLANs: `bridge vlan add/del/show/tunnelshow` as a service. */
export class BridgeVlanService {
  constructor(private readonly ctx: ApiContext, private readonly links: BridgeLinkService) {}

  /**
   * Every device's VLANs and VLAN-to-tunnel map (devices whose AF_BRIDGE data has none come with
   * empty lists), in the kernel's order: `bridge vlan show` / `tunnelshow`.
   */
  async list(filter: Readonly<BridgeVlanFilter> = {}): Promise<BridgePortVlans[]> {
    if (filter === null || typeof filter !== 'object') throw new InvalidArgumentError('a VLAN filter is expected');
    checkKeys(filter, new Set(['dev', 'compressed']), 'bridge vlan list');
    const compressed = filter.compressed !== undefined && checkBit(filter.compressed, 'compressed');
    const links = await this.links.list({
      ...(filter.dev === undefined ? {} : { dev: filter.dev }),
      extMask: compressed ? RTEXT_FILTER_BRVLAN_COMPRESSED : RTEXT_FILTER_BRVLAN,
    });
    const out: BridgePortVlans[] = [];
    for (const l of links) {
      if (!l.bridgeAfSpec) continue;
      out.push({ ifindex: l.ifindex, ifname: l.ifname, vlans: bridgeVlans(l.bridgeAfSpec), tunnels: bridgeVlanTunnels(l.bridgeAfSpec) });
    }
    return out;
  }

  /**
   * The per-VLAN database (RTM_GETVLAN dump, kernel 5.9+): each device's VLANs with their STP
   * state, multicast router setting and, with `stats`, counters; what `bridge -d [-s] vlan show`
   * prints. One message per device (or more, for a long list), in the kernel's order.
   */
  async entries(options: Readonly<{ dev?: Dev; stats?: boolean }> = {}): Promise<BrVlanMessage[]> {
    if (options === null || typeof options !== 'object') throw new InvalidArgumentError('VLAN options are expected');
    checkKeys(options, new Set(['dev', 'stats']), 'bridge vlan entries');
    const stats = options.stats !== undefined && checkBit(options.stats, 'stats');
    const index = options.dev === undefined ? 0 : await this.ctx.ifindex(options.dev);
    const all = await this.ctx.conn.dumpAll(encodeBrVlanDump(AF_BRIDGE, stats ? BRIDGE_VLANDB_DUMPF_STATS : 0), 'RTM_GETVLAN', {
      map: (type, buf, start, end) => (type === RTM_NEWVLAN ? decodeBrVlanMessage(buf, start, end) : undefined),
    });
    return index ? all.filter((m) => m.ifindex === index) : all;
  }

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
