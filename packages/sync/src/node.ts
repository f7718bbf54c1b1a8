// @titip/sync/node — the Node-only parts: libp2p with TCP, WebSockets and mDNS, peer key files, a complete peer.
export * from './transport/node.js';
export { startNodePeer, type StartNodePeerOptions, type RunningNodePeer } from './node/start-node-peer.js';
export { writeBundleFile, readBundleFile, importBundleFile, type WriteBundleFileOptions, type WrittenBundle } from './bundle/bundle-file.js';
export { listenFailure, listenHint, type ListenHintContext } from './node/listen-failure.js';
export { dataDirProblem } from './node/data-dir-problem.js';
export { createDataDir, type CreatedDataDir } from './node/created-data-dir.js';
