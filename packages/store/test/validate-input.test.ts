import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { StoreInvalidValueError } from '../src/errors.js';
import { assertKey, assertValue, checkBatchOptions, checkIterateOptions, describeInput, isWellFormed } from '../src/validate-input.js';

describe('validate-input', () => {
  it('detects unpaired surrogates only', () => {
    expect(isWellFormed('\u{1F600}')).toBe(true);
    expect(isWellFormed('\ud83d')).toBe(false);
    expect(isWellFormed('\ude00x')).toBe(false);
    expect(isWellFormed('x\ud83d\ude00\ud83d')).toBe(false);
  });

  it('names the bad input without echoing it', () => {
    expect(() => assertKey('', 'scope prefix')).toThrow('scope prefix must not be empty');
    expect(() => assertKey(null)).toThrow('key must be a string, got null');
    expect(() => assertValue('x'.repeat(10_000))).toThrow('value must be a Uint8Array, got a string of length 10000');
    expect(describeInput(new Map())).toBe('an object (Map)');
    expect(describeInput(3n)).toBe('bigint');
  });

  it('accepts a Uint8Array from another realm, copied into this one, and rejects look-alikes', () => {
    const foreign: unknown = runInNewContext('new Uint8Array([1, 2, 3]).subarray(1)');
    expect(foreign instanceof Uint8Array).toBe(false);
    const view = assertValue(foreign);
    expect(view).toBeInstanceOf(Uint8Array);
    expect([...view]).toEqual([2, 3]);
    const lookAlike = { buffer: new ArrayBuffer(4), byteOffset: 0, byteLength: 4, [Symbol.toStringTag]: 'Uint8Array' };
    expect(() => assertValue(lookAlike)).toThrow(StoreInvalidValueError);
    expect(() => assertValue(new Uint8ClampedArray(2))).toThrow(StoreInvalidValueError);
    expect(() => assertValue(new Int8Array(2))).toThrow(StoreInvalidValueError);
  });

  it('fills in defaults', () => {
    expect(checkIterateOptions(undefined)).toEqual({ prefix: '', reverse: false, limit: Infinity });
    expect(checkIterateOptions({ gte: 'a' })).toEqual({ prefix: '', gte: 'a', lt: undefined, reverse: false, limit: Infinity });
    expect(checkBatchOptions(undefined)).toEqual({ sync: false });
    expect(checkBatchOptions({ sync: true })).toEqual({ sync: true });
  });
});
