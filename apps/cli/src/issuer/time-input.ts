import { IssueRefusedError } from '../errors.js';

/** A point in time: a `Date`, milliseconds since 1970, or an ISO 8601 date-time with a zone (`2024-11-27T07:00:00+07:00`). */
export type TimeInput = Date | number | string;

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Milliseconds since 1970 of a {@link TimeInput}. ISO strings must carry a zone (`Z` or `+07:00`): a bare date or
 * local time is ambiguous across WIB, WITA and WIT.
 * @throws {IssueRefusedError} (reason `invalid-input`) on anything else.
 */
export function toTimeMs(value: TimeInput, what: string): number {
  let ms: number;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'number') ms = value;
  else if (typeof value === 'string' && ISO_WITH_ZONE.test(value)) ms = Date.parse(value);
  else ms = Number.NaN;
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new IssueRefusedError('invalid-input', `${what}: expected an ISO 8601 date-time with a zone (e.g. 2024-11-27T00:00:00+07:00) or ms since 1970, got ${JSON.stringify(String(value)).slice(0, 60)}`);
  }
  return ms;
}

/** Whether a string is an ISO 8601 date-time with a zone that {@link toTimeMs} accepts. */
export function isIsoDateTimeWithZone(value: string): boolean {
  return ISO_WITH_ZONE.test(value) && Number.isFinite(Date.parse(value));
}
