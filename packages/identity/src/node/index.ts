/**
 * `@titip/identity/node`: Node-only parts of the identity library: the native Ed25519 providers (libsodium,
 * OpenSSL) and the worker-thread batch verifier.
 */
export { nodeEd25519, createNodeEd25519, nodeEd25519Backend, type NodeEd25519Backend } from './node-ed25519.js';
export { createSodiumEd25519 } from './sodium-ed25519.js';
export { createOpensslEd25519 } from './openssl-ed25519.js';
export { createWorkerVerifier, type WorkerVerifier, type WorkerVerifierOptions } from './worker-verifier.js';
export { KeyObjectCache } from './key-objects.js';
export { startModuleWorker } from './start-module-worker.js';
