/**
 * `@titip/store/node`: the LevelDB (classic-level) store for Node.
 * @packageDocumentation
 */
export { openNodeStore, type OpenNodeStoreOptions } from './open-node-store.js';
