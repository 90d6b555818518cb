/**
 * Nexthop objects (`ip nexthop`): constants, struct nhmsg and struct nexthop_grp, the NHA_*
 * tables, messages, `Nexthop`.
 * @module
 */
export * from './constants.js';
export * from './nhmsg.js';
export * from './attrs.js';
export * from './message.js';
export * from './nexthop.js';
