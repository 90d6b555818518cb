/**
 * The netlink layer: protocol codec, socket and connection. Knows nothing of rtnetlink.
 * @module
 */
export * from './nlattr.js';
export * from './writer.js';
export * from './codecs.js';
export * from './struct.js';
export * from './table.js';
export * from './constants.js';
export * from './errors.js';
export * from './message.js';
export { NetlinkSocket, type SocketOptions } from './socket.js';
export { Conn, YIELD_AFTER_MS, BATCH_BYTES, type BatchRequest, type BatchResult, type ConnCounters, type LossEvent, type DumpOptions, type ReplyDecoder, type Transport } from './conn.js';
export { inNetns, inNewNetns, currentNetnsInode, type NetnsTarget } from './netns.js';
