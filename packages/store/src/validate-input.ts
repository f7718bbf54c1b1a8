import {
  StoreInvalidKeyError,
  StoreInvalidOptionError,
  StoreInvalidValueError,
} from './errors.js';
import type { BatchOptions, IterateOptions } from './key-value-store.js';

/** With the `u` flag this matches only unpaired surrogates, which UTF-8 cannot represent. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Whether `text` is a well-formed string (no unpaired surrogates), so UTF-8 round-trips it exactly. */
export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** Check a key (or scope prefix): a non-empty, well-formed string. */
export function assertKey(key: unknown, what = 'key'): asserts key is string {
  if (typeof key !== 'string') throw new StoreInvalidKeyError(`${what} must be a string, got ${describeInput(key)}`);
  if (key.length === 0) throw new StoreInvalidKeyError(`${what} must not be empty`);
  if (!isWellFormed(key)) throw new StoreInvalidKeyError(`${what} contains an unpaired surrogate`);
}

/** Check a range bound or a prefix: a well-formed string, possibly empty. */
export function assertBound(bound: unknown, what: string): asserts bound is string {
  if (typeof bound !== 'string') throw new StoreInvalidOptionError(`${what} must be a string, got ${describeInput(bound)}`);
  if (!isWellFormed(bound)) throw new StoreInvalidOptionError(`${what} contains an unpaired surrogate`);
}

/**
 * The `%TypedArray%.prototype[Symbol.toStringTag]` getter reads the internal type slot, so unlike
 * `Object.prototype.toString` it cannot be spoofed and it works for arrays from other realms.
 */
const typedArrayName = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype) as object, Symbol.toStringTag)
  ?.get as (this: unknown) => string | undefined;

/** Check a value: a `Uint8Array` (a `Buffer` is one). Returns it as a same-realm `Uint8Array`. */
export function assertValue(value: unknown, what = 'value'): Uint8Array {
  if (value instanceof Uint8Array) return value;
  // A Uint8Array from another realm (iframe, vm context): copy it into this realm.
  if (typedArrayName.call(value) === 'Uint8Array') return new Uint8Array(value as Uint8Array);
  throw new StoreInvalidValueError(`${what} must be a Uint8Array, got ${describeInput(value)}`);
}

/** Check the options of `iterate()` and return them with defaults filled in. */
export function checkIterateOptions(options: unknown): Required<Pick<IterateOptions, 'prefix' | 'reverse' | 'limit'>> &
  Pick<IterateOptions, 'gte' | 'lt'> {
  if (options === undefined) return { prefix: '', reverse: false, limit: Infinity };
  if (typeof options !== 'object' || options === null) {
    throw new StoreInvalidOptionError(`iterate options must be an object, got ${describeInput(options)}`);
  }
  const { prefix = '', gte, lt, reverse = false, limit = Infinity } = options as IterateOptions;
  assertBound(prefix, 'prefix');
  if (gte !== undefined) assertBound(gte, 'gte');
  if (lt !== undefined) assertBound(lt, 'lt');
  if (typeof reverse !== 'boolean') throw new StoreInvalidOptionError('reverse must be a boolean');
  if (typeof limit !== 'number' || !(limit === Infinity || (Number.isInteger(limit) && limit >= 0))) {
    throw new StoreInvalidOptionError(`limit must be a non-negative integer or Infinity, got ${describeInput(limit)}`);
  }
  return { prefix, gte, lt, reverse, limit };
}

/** Check the options of `batch()`. */
export function checkBatchOptions(options: unknown): { sync: boolean } {
  if (options === undefined) return { sync: false };
  if (typeof options !== 'object' || options === null) {
    throw new StoreInvalidOptionError(`batch options must be an object, got ${describeInput(options)}`);
  }
  const { sync = false } = options as BatchOptions;
  if (typeof sync !== 'boolean') throw new StoreInvalidOptionError('sync must be a boolean');
  return { sync };
}

/** A short description of a bad input for error messages (never the whole input). */
export function describeInput(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  if (typeof input === 'string') return `a string of length ${input.length}`;
  if (typeof input === 'object') return `an object (${Object.prototype.toString.call(input).slice(8, -1)})`;
  return typeof input === 'number' || typeof input === 'boolean' ? `${typeof input} ${String(input)}` : typeof input;
}
