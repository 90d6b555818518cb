/**
 * The bridge family's own data: AF_BRIDGE link extras (port settings, VLANs), the multicast
 * database (RTM_*MDB) and constants.
 * @module
 */
export * from './constants.js';
export * from './afspec.js';
export * from './link.js';
export * from './mdb.js';
export * from './vlandb.js';
