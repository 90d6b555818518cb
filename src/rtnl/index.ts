/**
 * rtnetlink families as pure bytes <-> typed objects.
 * @module
 */
export * as common from './common.js';
export * as link from './link/index.js';
export * as addr from './addr/index.js';
export * as route from './route/index.js';
export * as neigh from './neigh/index.js';
export * as nsid from './nsid/index.js';
export * as netconf from './netconf/index.js';
export * as rule from './rule/index.js';
export * as nexthop from './nexthop/index.js';
export * as tc from './tc/index.js';
export * as bridge from './bridge/index.js';
