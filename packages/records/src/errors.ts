/**
 * Named error classes of `@titip/records`, each with a stable `code`.
 */
import type { RuleReport } from '@titip/election';
import type { RecordFailure, RecordFailureCode } from './record/record-failure.js';

/** Stable codes of the errors thrown by `@titip/records`. */
export type RecordsErrorCode =
  | 'RECORDS_MALFORMED'
  | 'RECORDS_RULE_VIOLATION'
  | 'RECORDS_INVALID_INPUT'
  | 'RECORDS_VERIFICATION'
  | 'RECORDS_WORKER_VALIDATOR';

/** Base class of every error thrown by `@titip/records`. */
export abstract class RecordsError extends Error {
  static override readonly name: string = 'RecordsError';
  abstract readonly code: RecordsErrorCode;
}

/** Bytes are not a well-formed Titip record (CBOR, envelope, kind or body schema). */
export class MalformedRecordError extends RecordsError {
  static override readonly name = 'MalformedRecordError';
  override readonly name = 'MalformedRecordError';
  readonly code = 'RECORDS_MALFORMED';
  /** The failure: code `too-large`, `malformed` or `schema`, with details. */
  readonly failure: RecordFailure;

  constructor(failure: RecordFailure) {
    super(failure.message);
    this.failure = failure;
  }
}

/**
 * The form breaks hard rules that are not all overridden with a reason: signing is refused.
 * `report` is the full rule report; `unoverridden` the failing hard-rule ids without an override.
 */
export class RuleViolationError extends RecordsError {
  static override readonly name = 'RuleViolationError';
  override readonly name = 'RuleViolationError';
  readonly code = 'RECORDS_RULE_VIOLATION';
  readonly report: RuleReport;
  readonly unoverridden: string[];

  constructor(report: RuleReport, unoverridden: string[]) {
    super(`hard rules fail without an override: ${unoverridden.join(', ')}`);
    this.report = report;
    this.unoverridden = unoverridden;
  }
}

/** Arguments to a create/resolve function are inconsistent (revision without supersedes, wrong key, …). */
export class InvalidRecordInputError extends RecordsError {
  static override readonly name = 'InvalidRecordInputError';
  override readonly name = 'InvalidRecordInputError';
  readonly code = 'RECORDS_INVALID_INPUT';
}

/** Throw-style wrapper of a verification {@link RecordFailure}. */
export class RecordVerificationError extends RecordsError {
  static override readonly name = 'RecordVerificationError';
  override readonly name = 'RecordVerificationError';
  readonly code = 'RECORDS_VERIFICATION';
  /** The failure code, e.g. `'tps-not-allowed'`. */
  readonly failureCode: RecordFailureCode;
  readonly failure: RecordFailure;

  constructor(failure: RecordFailure) {
    super(failure.message);
    this.failureCode = failure.code;
    this.failure = failure;
  }
}

/**
 * Why a worker record validator could not give verdicts: `closed` (after `close()`), `queue-full` (more entries
 * waiting than `maxQueuedEntries`: back off and retry), `worker-crashed` (a worker died twice on the same chunk),
 * `worker-failed` (a worker answered a chunk with an error), `start-failed` (workers die before they start).
 */
export type WorkerValidatorFailure = 'closed' | 'queue-full' | 'worker-crashed' | 'worker-failed' | 'start-failed';

/** A batch of the worker record validator was refused or could not be finished (`reason` says why). */
export class WorkerValidatorError extends RecordsError {
  static override readonly name = 'WorkerValidatorError';
  override readonly name = 'WorkerValidatorError';
  readonly code = 'RECORDS_WORKER_VALIDATOR';
  readonly reason: WorkerValidatorFailure;

  constructor(reason: WorkerValidatorFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}
