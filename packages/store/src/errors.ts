/** Every stable error code a {@link StoreError} can carry. */
export type StoreErrorCode =
  | 'STORE_CLOSED'
  | 'STORE_LOCKED'
  | 'STORE_CORRUPTION'
  | 'STORE_IO_ERROR'
  | 'STORE_BACKEND_ERROR'
  | 'STORE_INVALID_KEY'
  | 'STORE_INVALID_VALUE'
  | 'STORE_INVALID_OPERATION'
  | 'STORE_INVALID_OPTION'
  | 'STORE_SCOPE_MISMATCH';

/** Base class of every error thrown by `@titip/store`; switch on `code`, which never changes. */
export abstract class StoreError extends Error {
  /** Stable, machine-readable error code. */
  abstract readonly code: StoreErrorCode;
}

/** The store (or the scoped view) was closed, or is closing: no further reads or writes. */
export class StoreClosedError extends StoreError {
  override readonly name = 'StoreClosedError';
  readonly code = 'STORE_CLOSED';
}

/** The store's directory is locked by another process or another open instance (LevelDB `LOCK`). */
export class StoreLockedError extends StoreError {
  override readonly name = 'StoreLockedError';
  readonly code = 'STORE_LOCKED';
}

/** Stored data could not be read because it is damaged (LevelDB corruption, or a key that is not UTF-8). */
export class StoreCorruptionError extends StoreError {
  override readonly name = 'StoreCorruptionError';
  readonly code = 'STORE_CORRUPTION';
}

/** The backend could not read or write its files (permissions, disk full, not a directory, ...). */
export class StoreIoError extends StoreError {
  override readonly name = 'StoreIoError';
  readonly code = 'STORE_IO_ERROR';
}

/** Any other failure reported by the backend; the original error is in `cause`. */
export class StoreBackendError extends StoreError {
  override readonly name = 'StoreBackendError';
  readonly code = 'STORE_BACKEND_ERROR';
}

/** A key (or a scope prefix) is not a non-empty, well-formed string within the size limit. */
export class StoreInvalidKeyError extends StoreError {
  override readonly name = 'StoreInvalidKeyError';
  readonly code = 'STORE_INVALID_KEY';
}

/** A value is not a `Uint8Array`, or is larger than the size limit. */
export class StoreInvalidValueError extends StoreError {
  override readonly name = 'StoreInvalidValueError';
  readonly code = 'STORE_INVALID_VALUE';
}

/** A batch is not an array of `{ type: 'put' | 'del', ... }` operations. */
export class StoreInvalidOperationError extends StoreError {
  override readonly name = 'StoreInvalidOperationError';
  readonly code = 'STORE_INVALID_OPERATION';
}

/** An option (iteration range, limit, store option) has the wrong type or value. */
export class StoreInvalidOptionError extends StoreError {
  override readonly name = 'StoreInvalidOptionError';
  readonly code = 'STORE_INVALID_OPTION';
}

/** A batch operation names a scope that belongs to a different store. */
export class StoreScopeMismatchError extends StoreError {
  override readonly name = 'StoreScopeMismatchError';
  readonly code = 'STORE_SCOPE_MISMATCH';
}
