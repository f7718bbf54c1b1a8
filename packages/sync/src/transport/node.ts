// The Node-only part of the transport layer (node:fs, TCP, mDNS): exposed as `@titip/sync/node`.
export { createNodeLibp2p, DEFAULT_NODE_LISTEN, type NodePeerOptions, type MdnsOptions } from './create-node-peer.js';
export { loadOrCreatePeerKey } from './peer-key-file.js';
