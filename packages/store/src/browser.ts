/**
 * `@titip/store/browser`: the IndexedDB (browser-level) store for browsers.
 * @packageDocumentation
 */
export { openBrowserStore, type OpenBrowserStoreOptions } from './open-browser-store.js';
