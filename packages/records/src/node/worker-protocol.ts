/**
 * Messages between the worker record validator and its workers (structured clone; pack buffers transferred).
 */
import type { CredentialBody } from '@titip/identity';
import type { ElectionDefinition } from '@titip/election';
import type { RecordFailure } from '../record/record-failure.js';
import type { TitipRecord } from '../record/titip-record.js';

/** What every worker is started with (`workerData`). */
export interface WorkerConfig {
  /** The KPU root public key. */
  root: Uint8Array;
  /** Election definitions, already validated, as data. */
  elections: ElectionDefinition[];
  clockSkewMs: number;
  /** As `VerifyRecordOptions.checkTimeAt`. */
  checkTimeAt?: 'claimed' | number;
  maxBytes: number;
  /** Entries of the worker's credential cache (and of its public-key cache). */
  cacheSize: number;
}

/** `workerData` of a validation worker: its config, and the module to run when started from source. */
export interface WorkerStart {
  config: WorkerConfig;
  entry?: string;
}

/** A chunk to validate. `crash` (tests only) makes the worker exit on receipt, as a crash would. */
export interface ChunkRequest {
  id: number;
  buffer: ArrayBuffer;
  crash?: boolean;
}

/**
 * The verdict on one entry as it crosses back: a failure as is; for a valid record its kind and leaf
 * credential, and the decoded body except for submissions: a valid submission's body is exactly its decoded
 * CBOR (see `passesSubmissionBodySchema`), which the main thread decodes from the bytes it holds when it is
 * first read (cheaper than a structured clone, and often never: the sync layer needs only the TPS, sent along).
 */
export type WireResult =
  | { ok: true; kind: 'submission'; tps: string; credential: CredentialBody }
  | { ok: true; kind: Exclude<TitipRecord['kind'], 'submission'>; body: TitipRecord['body']; credential: CredentialBody | null }
  | { ok: false; failure: RecordFailure };

/** A worker's answers: `ready` once started, then one per chunk (results in order, or an error), the pack returned. */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'results'; id: number; results: WireResult[]; buffer: ArrayBuffer }
  | { type: 'error'; id: number; message: string; buffer: ArrayBuffer };
