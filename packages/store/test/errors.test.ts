import { describe, expect, it } from 'vitest';
import * as errors from '../src/errors.js';

const expected: [string, string][] = [
  ['StoreClosedError', 'STORE_CLOSED'],
  ['StoreLockedError', 'STORE_LOCKED'],
  ['StoreCorruptionError', 'STORE_CORRUPTION'],
  ['StoreIoError', 'STORE_IO_ERROR'],
  ['StoreBackendError', 'STORE_BACKEND_ERROR'],
  ['StoreInvalidKeyError', 'STORE_INVALID_KEY'],
  ['StoreInvalidValueError', 'STORE_INVALID_VALUE'],
  ['StoreInvalidOperationError', 'STORE_INVALID_OPERATION'],
  ['StoreInvalidOptionError', 'STORE_INVALID_OPTION'],
  ['StoreScopeMismatchError', 'STORE_SCOPE_MISMATCH'],
];

describe('store errors', () => {
  it.each(expected)('%s has the stable code %s, a name and keeps its cause', (name, code) => {
    const ErrorClass = (errors as unknown as Record<string, new (message: string, options?: ErrorOptions) => errors.StoreError>)[name];
    expect(ErrorClass).toBeDefined();
    const cause = new Error('underlying');
    const error = new (ErrorClass as new (message: string, options?: ErrorOptions) => errors.StoreError)('message', { cause });
    expect(error).toBeInstanceOf(errors.StoreError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.code).toBe(code);
    expect(error.message).toBe('message');
    expect(error.cause).toBe(cause);
  });

  it('exports exactly these error classes', () => {
    const exported = Object.keys(errors).filter((key) => key !== 'StoreError').sort();
    expect(exported).toEqual(expected.map(([name]) => name).sort());
  });
});
