/**
 * The rtnetlink route family: constants, iproute2's names, struct rtmsg / rtnexthop / rtvia /
 * rta_cacheinfo, RTA_* and RTAX_* tables, messages, `Route`.
 * @module
 */
export * from './constants.js';
export * from './names.js';
export * from './rtmsg.js';
export * from './multipath.js';
export * from './attrs.js';
export * from './message.js';
export * from './route.js';
