/**
 * A bridge port as an AF_BRIDGE link dump reports it (br_fill_ifinfo): the device's Link facts
 * plus IFLA_PROTINFO (the port's IFLA_BRPORT_* settings, nested; a bare u8 STP state from drivers
 * that report only that) and IFLA_AF_SPEC (IFLA_BRIDGE_*: hardware mode, VLANs, tunnel map).
 */
import { NLA_F_NESTED, u8, type RawAttr } from '../../netlink/index.js';
import { IFLA_AF_SPEC, IFLA_PROTINFO } from '../link/constants.js';
import { bridgePortTable, type BridgePortInfo } from '../link/kinds/bridge_slave.js';
import { toLink, type Link } from '../link/link.js';
import type { LinkMessage } from '../link/message.js';
import { bridgeAfSpecTable, type BridgeAfSpec } from './afspec.js';

/** One entry of the AF_BRIDGE link dump: the Link, with its bridge port data. */
export interface BridgeLink extends Link {
  /** IFLA_PROTINFO when nested: the port's settings. */
  protinfo?: BridgePortInfo;
  /** IFLA_PROTINFO when a bare u8: the STP state (BR_STATE_*). */
  protinfoState?: number;
  /** IFLA_AF_SPEC: IFLA_BRIDGE_* (hardware mode, VLANs, tunnel map). */
  bridgeAfSpec?: BridgeAfSpec;
}

function find(attrs: readonly RawAttr[] | undefined, type: number): RawAttr | undefined {
  return attrs?.find((a) => a.type === type);
}

/**
 * The BridgeLink of a decoded AF_BRIDGE RTM_NEWLINK / RTM_DELLINK message (its IFLA_PROTINFO and
 * IFLA_AF_SPEC came raw, in `attrs.unknown`). Throws DecodeError on malformed bridge data.
 */
export function toBridgeLink(msg: LinkMessage): BridgeLink {
  const out: BridgeLink = toLink(msg);
  const unknown = msg.attrs.unknown;
  const prot = find(unknown, IFLA_PROTINFO);
  if (prot) {
    if (prot.flags & NLA_F_NESTED) out.protinfo = bridgePortTable.decode(prot.data, 0, prot.data.length);
    else out.protinfoState = u8.decode(prot.data, 'IFLA_PROTINFO');
  }
  const spec = find(unknown, IFLA_AF_SPEC);
  if (spec) out.bridgeAfSpec = bridgeAfSpecTable.decode(spec.data, 0, spec.data.length);
  return out;
}
