/**
 * Topologies as data: documents, plan/apply/destroy.
 * @module
 */
export * from './document.js';
export { TOPOLOGY_SCHEMA } from './schema.js';
export { Topology, TOPO_PROTOCOL, formatChange, type Change, type RunContext } from './topology.js';
export { withTopology, type Lab } from './fixture.js';
export {
  pictureOfDocument, readPicture, pictureToDot, pictureToMermaid, renderDotSvg, drawTopology,
  type Picture, type PictureDevice, type PictureNamespace, type PictureEdge, type DrawFormat, type ReadPictureOptions,
} from './draw.js';
