import { describe, expect, it } from 'vitest';
import { IssueRefusedError } from '../../src/errors.js';
import { isIsoDateTimeWithZone, toTimeMs } from '../../src/issuer/time-input.js';

describe('toTimeMs', () => {
  it('reads ISO date-times with a zone (WIB, WITA, WIT, Z), Dates and ms', () => {
    expect(toTimeMs('2024-11-27T07:00:00+07:00', 't')).toBe(Date.UTC(2024, 10, 27));
    expect(toTimeMs('2024-11-27T08:00+08:00', 't')).toBe(Date.UTC(2024, 10, 27));
    expect(toTimeMs('2024-11-27T09:00:00.000+09:00', 't')).toBe(Date.UTC(2024, 10, 27));
    expect(toTimeMs('2024-11-27T00:00:00Z', 't')).toBe(Date.UTC(2024, 10, 27));
    expect(toTimeMs(new Date(5), 't')).toBe(5);
    expect(toTimeMs(0, 't')).toBe(0);
  });

  it.each(['2024-11-27', '2024-11-27T07:00:00', 'tomorrow', '2024-13-45T00:00:00Z', ''])('refuses %j with a hint', (value) => {
    expect(() => toTimeMs(value, 'validFrom')).toThrow(IssueRefusedError);
    expect(() => toTimeMs(value, 'validFrom')).toThrow(/validFrom: expected an ISO 8601 date-time with a zone/);
  });

  it.each([-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2, new Date('x')])('refuses %s', (value) => {
    expect(() => toTimeMs(value, 'validUntil')).toThrow(IssueRefusedError);
  });

  it('isIsoDateTimeWithZone agrees', () => {
    expect(isIsoDateTimeWithZone('2024-11-27T00:00:00+07:00')).toBe(true);
    expect(isIsoDateTimeWithZone('2024-11-27')).toBe(false);
    expect(isIsoDateTimeWithZone('2024-02-31T00:00:00Z')).toBe(Number.isFinite(Date.parse('2024-02-31T00:00:00Z')));
  });
});
