/**
 * The nsid family: ids of peer network namespaces (RTM_NEWNSID, RTM_DELNSID, RTM_GETNSID).
 * @module
 */
export * from './constants.js';
export * from './message.js';
