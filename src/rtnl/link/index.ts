/** The rtnetlink LINK family: constants, struct ifinfomsg, IFLA_* codecs, link kinds, Link. */
export * from './constants.js';
export * from './ifinfomsg.js';
export {
  uint, u8OrFlag, u32Array, s32Array, u64Array, rtnlLinkStats, rtnlLinkStats64, cacheInfo, bridgeId,
  brBoolOptMulti, portRange, inAddr, in6Addr,
  type RtnlLinkStats, type RtnlLinkStats64, type IflaCacheInfo, type BridgeId, type BrBoolOptMulti, type PortRange,
} from './codecs.js';
export { afSpecTable, type AfSpec, type AfSpecInet, type AfSpecInet6 } from './afspec.js';
export { linkAttrTable, type LinkAttrs, type XdpInfo, type PropList, type ProtoDownReason } from './attrs.js';
export {
  linkInfoCodec, kindData, slaveKindData,
  type LinkInfo, type LinkInfoData, type KnownKindData, type KnownSlaveKindData,
} from './linkinfo.js';
export { tableKind, type KindCodec, type KindContext } from './kind.js';
export { LinkKindRegistry, type LinkKindRegistryOptions } from './registry.js';
export { vethKind, type VethInfo } from './veth.js';
export { bridgeKind, bridgeTable, bridgeIdToString, type BridgeInfo, type BridgeQuerierState } from './bridge.js';
export {
  bridgeSlaveKind, bridgePortTable, bridgePortStateName, bridgePortStateValue, type BridgePortInfo,
} from './bridge_slave.js';
export { vxlanKind, vxlanTable, vxlanDfName, vxlanDfValue, type VxlanInfo } from './vxlan.js';
export {
  macvlanKind, macvlanTable, macvlanModeName, macvlanModeValue, macvlanFlagNames,
  type MacvlanInfo, type MacvlanMacaddrData,
} from './macvlan.js';
export { decodeLinkMessage, encodeLinkMessage, type LinkMessage } from './message.js';
export {
  linkFlagNames, linkFlagValue, operStateName, operStateValue, linkModeName, addrGenModeName,
  addrGenModeValue, linkTypeName,
} from './names.js';
export {
  toLink, type Link, type LinkStats64, type LinkRxStats, type LinkTxStats, type LinkKindInfo,
} from './link.js';
