/** Topologies as data: documents, plan/apply/destroy. */
export * from './document.js';
export { TOPOLOGY_SCHEMA } from './schema.js';
