/** Topologies as data: documents, plan/apply/destroy. */
export * from './document.js';
export { TOPOLOGY_SCHEMA } from './schema.js';
export { Topology, formatChange, type Change } from './topology.js';
export { withTopology, type Lab } from './fixture.js';
