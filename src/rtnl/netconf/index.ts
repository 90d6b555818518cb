/**
 * The netconf family: per-device IP configuration (RTM_NEWNETCONF, RTM_DELNETCONF, RTM_GETNETCONF).
 * @module
 */
export * from './constants.js';
export * from './message.js';
