import {
  StoreBackendError,
  StoreClosedError,
  StoreCorruptionError,
  StoreError,
  StoreIoError,
  StoreLockedError,
} from './errors.js';

function field(error: unknown, name: 'code' | 'name' | 'message'): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value = (error as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

function causeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { cause?: unknown }).cause : undefined;
}

/**
 * Translate an error thrown by an `abstract-level` database (or by the file system under it) into
 * the matching {@link StoreError}, keeping the original as `cause`. `action` says what failed.
 */
export function toStoreError(error: unknown, action: string): StoreError {
  if (error instanceof StoreError) return error;
  const code = field(error, 'code');
  const detail = field(error, 'message') ?? String(error);
  const options = { cause: error };
  switch (code) {
    case 'LEVEL_DATABASE_NOT_OPEN': {
      const cause = causeOf(error);
      // A cause means opening failed (locked, corrupt, unreadable): report that, not "closed".
      if (cause !== undefined) {
        const inner = toStoreError(cause, action);
        return inner instanceof StoreBackendError ? new StoreBackendError(`${action}: the store failed to open: ${field(cause, 'message') ?? String(cause)}`, options) : inner;
      }
      return new StoreClosedError(`${action}: the store is not open`, options);
    }
    case 'LEVEL_ITERATOR_NOT_OPEN':
    case 'LEVEL_BATCH_NOT_OPEN':
    case 'LEVEL_SNAPSHOT_NOT_OPEN':
      return new StoreClosedError(`${action}: the store was closed`, options);
    case 'LEVEL_LOCKED':
      return new StoreLockedError(`${action}: the store is locked by another process or instance (${detail})`, options);
    case 'LEVEL_CORRUPTION':
    case 'LEVEL_DECODE_ERROR':
      return new StoreCorruptionError(`${action}: stored data is corrupt (${detail})`, options);
    case 'LEVEL_IO_ERROR':
      return new StoreIoError(`${action}: ${detail}`, options);
    default:
      // Node system errors (ENOTDIR, EACCES, ENOSPC, ...) and IndexedDB quota errors are I/O failures.
      if ((code !== undefined && /^E[A-Z0-9]+$/.test(code)) || field(error, 'name') === 'QuotaExceededError') {
        return new StoreIoError(`${action}: ${detail}`, options);
      }
      return new StoreBackendError(`${action}: ${detail}`, options);
  }
}
