// @titip/sync/node — the Node-only parts: libp2p with TCP, WebSockets and mDNS, peer key files.
export * from './transport/node.js';
