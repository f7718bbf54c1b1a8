export * from './errors.js';
export * from './region/index.js';
export * from './election/index.js';
export * from './form/index.js';
export * from './rules/index.js';
export * from './sirekap/index.js';
