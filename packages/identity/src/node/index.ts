/**
 * `@titip/identity/node`: Node-only parts of the identity library: the native Ed25519 provider and the
 * worker-thread batch verifier.
 */
export { nodeEd25519, createNodeEd25519 } from './node-ed25519.js';
export { createWorkerVerifier, type WorkerVerifier, type WorkerVerifierOptions } from './worker-verifier.js';
export { KeyObjectCache } from './key-objects.js';
