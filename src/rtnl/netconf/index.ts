/** The netconf family: per-device IP configuration (RTM_NEWNETCONF, RTM_DELNETCONF, RTM_GETNETCONF). */
export * from './constants.js';
export * from './message.js';
