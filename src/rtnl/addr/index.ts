/**
 * The rtnetlink address family: constants, struct ifaddrmsg, IFA_* table, messages, `Address`.
 * @module
 */
export * from './constants.js';
export * from './ifaddrmsg.js';
export * from './attrs.js';
export * from './message.js';
export * from './address.js';
