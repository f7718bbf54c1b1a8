/**
 * `@titip/store/compliance`: the shared acceptance suite for `KeyValueStore` implementations.
 * @packageDocumentation
 */
export * from './compliance/index.js';
