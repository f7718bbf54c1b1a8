import { SirekapFormatError } from '../errors.js';
import { paslonIdSchema } from '../election/paslon.js';
import { maxCount } from '../form/count.js';

/** Internal readers of Sirekap JSON values; each throws {@link SirekapFormatError} with the value's path. */

/** True for a non-null, non-array object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A count (integer 0–99,999), or `undefined` for `null`/absent. */
export function readCount(value: unknown, path: string): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > maxCount) {
    throw new SirekapFormatError(path, `expected an integer 0-${maxCount} or null, got ${describeValue(value)}`);
  }
  return value;
}

/** A string of at most `max` characters, or `null` for `null`/absent. */
export function readOptionalString(value: unknown, path: string, max = 200): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw new SirekapFormatError(path, `expected a string or null, got ${describeValue(value)}`);
  if (value.length > max) throw new SirekapFormatError(path, `string longer than ${max} characters`);
  return value;
}

/** A boolean, or `null` for `null`/absent. */
export function readOptionalBoolean(value: unknown, path: string): boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'boolean') throw new SirekapFormatError(path, `expected a boolean or null, got ${describeValue(value)}`);
  return value;
}

/** A short description of a value for error messages (never the whole value). */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return `string ${JSON.stringify(value.slice(0, 20))}`;
  return typeof value;
}

/** True when `key` is a valid paslon id (same rule as {@link paslonIdSchema}). */
export function isPaslonId(key: string): boolean {
  return paslonIdSchema.safeParse(key).success;
}
