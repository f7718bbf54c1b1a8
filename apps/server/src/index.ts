/**
 * `@titip/server`: the KPU sink. A Titip peer serving the nation that signs a receipt for every submission it
 * stores, indexes results per TPS and election, aggregates totals per region and publishes them over an HTTP
 * JSON API where every number links to the signed objects behind it.
 */
export { ServerError, ApiError, UsageError, type ServerErrorCode, type ApiErrorCode } from './errors.js';
export { startServer, type ServerOptions, type RunningServer } from './start-server.js';
export { readServerFiles, type ServerFilePaths, type ServerFiles } from './read-server-files.js';
export { attachServerCore, type ServerCore, type ServerCoreOptions } from './server-core.js';
export { checkServerCredential } from './check-server-credential.js';
export * from './ingest/index.js';
export * from './index/index.js';
export * from './aggregate/index.js';
export * from './http/index.js';
export { apiPhotos, type ApiPhotos, type PhotoHolding, type PhotoTotals } from './photos/api-photos.js';
