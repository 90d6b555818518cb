/**
 * The rtnetlink LINK family: constants, struct ifinfomsg, IFLA_* codecs, link kinds, Link.
 * @module
 */
export * from './constants.js';
export * from './ifinfomsg.js';
export {
  uint, u8OrFlag, u32Array, s32Array, u64Array, rtnlLinkStats, rtnlLinkStats64, cacheInfo, bridgeId,
  brBoolOptMulti, portRange, inAddr, in6Addr,
  type RtnlLinkStats, type RtnlLinkStats64, type IflaCacheInfo, type BridgeId, type BrBoolOptMulti, type PortRange, type IfMap,
} from './codecs.js';
export { afSpecTable, type AfSpec, type AfSpecInet, type AfSpecInet6 } from './afspec.js';
export { linkAttrTable, type LinkAttrs, type XdpInfo, type PropList, type ProtoDownReason } from './attrs.js';
export {
  linkInfoCodec, kindData, slaveKindData,
  type LinkInfo, type LinkInfoData,
} from './linkinfo.js';
export { tableKind, type KindCodec, type KindContext } from './kind.js';
export { LinkKindRegistry, BUILTIN_LINK_KINDS, type LinkKindRegistryOptions } from './registry.js';
export * from './kinds/index.js';
export { decodeLinkMessage, encodeLinkMessage, type LinkMessage } from './message.js';
export {
  linkFlagNames, linkFlagValue, operStateName, operStateValue, linkModeName, addrGenModeName,
  addrGenModeValue, linkTypeName,
} from './names.js';
export {
  toLink, type Link, type LinkStats64, type LinkRxStats, type LinkTxStats, type LinkKindInfo,
} from './link.js';
