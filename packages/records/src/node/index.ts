/**
 * `@titip/records/node`: Node-only parts of the records library: the record validator whose whole validation
 * runs in worker threads, for server ingest and bulk sync.
 */
export {
  createWorkerRecordValidator,
  type WorkerRecordValidator,
  type WorkerRecordValidatorOptions,
} from './worker-record-validator.js';
