import { MemoryLevel } from 'memory-level';
import { describe, expect, it } from 'vitest';
import { StoreClosedError, StoreInvalidKeyError } from '../src/errors.js';
import { toStoreError } from '../src/map-level-error.js';

/** An error shaped like the ones abstract-level and its implementations throw. */
function levelError(code: string, message: string, cause?: unknown): Error {
  return Object.assign(new Error(message, cause === undefined ? undefined : { cause }), { code });
}

describe('toStoreError', () => {
  it('maps a real memory-level "not open" error to StoreClosedError', async () => {
    const db = new MemoryLevel();
    await db.close();
    const error = await db.get('k').catch((e: unknown) => e);
    const mapped = toStoreError(error, 'get');
    expect(mapped).toBeInstanceOf(StoreClosedError);
    expect(mapped.message).toBe('get: the store is not open');
    expect(mapped.cause).toBe(error);
  });

  it.each([
    ['LEVEL_LOCKED', 'STORE_LOCKED'],
    ['LEVEL_CORRUPTION', 'STORE_CORRUPTION'],
    ['LEVEL_DECODE_ERROR', 'STORE_CORRUPTION'],
    ['LEVEL_IO_ERROR', 'STORE_IO_ERROR'],
    ['LEVEL_ITERATOR_NOT_OPEN', 'STORE_CLOSED'],
    ['LEVEL_BATCH_NOT_OPEN', 'STORE_CLOSED'],
    ['ENOTDIR', 'STORE_IO_ERROR'],
    ['ENOSPC', 'STORE_IO_ERROR'],
    ['LEVEL_SOMETHING_NEW', 'STORE_BACKEND_ERROR'],
  ])('maps %s to %s', (code, storeCode) => {
    const error = levelError(code, 'detail');
    const mapped = toStoreError(error, 'batch');
    expect(mapped.code).toBe(storeCode);
    expect(mapped.cause).toBe(error);
  });

  it('reports why opening failed rather than "closed"', () => {
    const locked = levelError('LEVEL_DATABASE_NOT_OPEN', 'Database is not open', levelError('LEVEL_LOCKED', 'lock held'));
    expect(toStoreError(locked, 'open').code).toBe('STORE_LOCKED');
    const corrupt = levelError('LEVEL_DATABASE_NOT_OPEN', 'Database is not open', levelError('LEVEL_CORRUPTION', 'bad CURRENT'));
    expect(toStoreError(corrupt, 'open').code).toBe('STORE_CORRUPTION');
    const odd = levelError('LEVEL_DATABASE_NOT_OPEN', 'Database is not open', new Error('weird'));
    const mapped = toStoreError(odd, 'open');
    expect(mapped.code).toBe('STORE_BACKEND_ERROR');
    expect(mapped.message).toContain('weird');
  });

  it('maps an IndexedDB quota error to StoreIoError and leaves store errors alone', () => {
    const quota = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    expect(toStoreError(quota, 'batch').code).toBe('STORE_IO_ERROR');
    const own = new StoreInvalidKeyError('bad key');
    expect(toStoreError(own, 'get')).toBe(own);
    expect(toStoreError('a string', 'get').code).toBe('STORE_BACKEND_ERROR');
    expect(toStoreError(undefined, 'get').code).toBe('STORE_BACKEND_ERROR');
  });
});
