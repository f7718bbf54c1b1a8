import { describe, expect, it } from 'vitest';
import { readableTimesLogger, withIsoTimes } from '../src/readable-times.js';
import { collectingLogger } from './fixtures/collecting-logger.js';

describe('withIsoTimes', () => {
  it('shows the credential times of window failures as ISO times', () => {
    expect(withIsoTimes('credential 0 is valid from 1796144400000, checked at 1732665600000')).toBe(
      'credential 0 is valid from 2026-12-01T17:00:00.000Z, checked at 2024-11-27T00:00:00.000Z',
    );
    expect(withIsoTimes('expired: credential 1 expired at 1735664400000, checked at 1732665600000')).toBe(
      'expired: credential 1 expired at 2024-12-31T17:00:00.000Z, checked at 2024-11-27T00:00:00.000Z',
    );
  });

  it('shows the times of a revoked standing as ISO times', () => {
    expect(withIsoTimes('credential 1 revoked from 1796334153000 (key lost), first witnessed at 1796334161126')).toBe(
      'credential 1 revoked from 2026-12-03T21:42:33.000Z (key lost), first witnessed at 2026-12-03T21:42:41.126Z',
    );
  });

  it('leaves other numbers alone', () => {
    for (const text of ['held 1796144400000 objects', 'valid from 12', 'checked at 99999999999999999999', 'port 4001']) expect(withIsoTimes(text)).toBe(text);
  });
});

describe('readableTimesLogger', () => {
  it('rewrites the message and string fields, and nothing else', () => {
    const inner = collectingLogger();
    readableTimesLogger(inner)
      .child('sync')
      .warn('peer misbehaved', { peer: 'p', detail: 'not-yet-valid: credential 0 is valid from 1796144400000, checked at 1732665600000', at: 1732665600000 });
    expect(inner.records).toEqual([
      {
        level: 'warn',
        component: 'test:sync',
        msg: 'peer misbehaved',
        fields: { peer: 'p', detail: 'not-yet-valid: credential 0 is valid from 2026-12-01T17:00:00.000Z, checked at 2024-11-27T00:00:00.000Z', at: 1732665600000 },
      },
    ]);
  });
});
