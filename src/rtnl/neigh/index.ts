/**
 * The rtnetlink neighbour family: constants, struct ndmsg, NDA_* table, messages, `Neighbor`.
 * @module
 */
export * from './constants.js';
export * from './ndmsg.js';
export * from './attrs.js';
export * from './message.js';
export * from './neighbor.js';
