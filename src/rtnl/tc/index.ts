/**
 * The rtnetlink traffic-control families: constants, struct tcmsg / tcamsg, handles, statistics,
 * the TCA_* and action codecs, the kind registry, and one file per qdisc, filter and action kind.
 * @module
 */
export * from './constants.js';
export * from './tcmsg.js';
export * from './handle.js';
export * from './common.js';
export * from './stats.js';
export * from './kind.js';
export * from './registry.js';
export * from './action.js';
export * from './message.js';
export * from './action-message.js';
export * from './objects.js';
export * from './qdiscs/index.js';
export * from './filters/index.js';
export * from './actions/index.js';
export * from './llproto.js';
