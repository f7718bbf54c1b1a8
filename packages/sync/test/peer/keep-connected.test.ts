import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KeepConnected } from '../../src/peer/keep-connected.js';
import type { SyncSession } from '../../src/replication/sync-session.js';

/** What KeepConnected uses of a session: the promise of its end. The test ends each one when it wants. */
function endableSession(): { session: SyncSession; end: () => void } {
  let end!: () => void;
  const closed = new Promise<void>((resolve) => (end = resolve));
  return { session: { closed } as unknown as SyncSession, end };
}

describe('KeepConnected', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('redials a peer that hangs up at once with a growing delay, not several times a second', async () => {
    const dials: number[] = [];
    const keeper = new KeepConnected(
      async () => {
        dials.push(Date.now());
        const { session, end } = endableSession();
        end(); // the other side closes at once
        return session;
      },
      { minDelayMs: 500, maxDelayMs: 8_000, stableMs: 10_000 },
    );
    keeper.start();
    await vi.advanceTimersByTimeAsync(60_000);
    keeper.stop();
    const gaps = dials.slice(1).map((t, i) => t - dials[i]!);
    expect(gaps.slice(0, 5)).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
    expect(dials.length).toBeLessThan(12); // old behaviour: ~120 dials a minute at 500 ms
  });

  it('redials at the shortest delay after a session that lasted', async () => {
    const ends: Array<() => void> = [];
    const dials: number[] = [];
    const keeper = new KeepConnected(
      async () => {
        dials.push(Date.now());
        const { session, end } = endableSession();
        ends.push(end);
        return session;
      },
      { minDelayMs: 500, maxDelayMs: 30_000, stableMs: 10_000 },
    );
    keeper.start();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(20_000);
    ends[0]!(); // a long session ends (link lost)
    await vi.advanceTimersByTimeAsync(500);
    expect(dials).toHaveLength(2);
    expect(dials[1]! - dials[0]!).toBe(20_500);
    keeper.stop();
  });

  it('doubles the delay after failed connects and stops dialling once stopped', async () => {
    const dials: number[] = [];
    const keeper = new KeepConnected(
      async () => {
        dials.push(Date.now());
        throw new Error('unreachable');
      },
      { minDelayMs: 500, maxDelayMs: 4_000 },
    );
    keeper.start();
    await vi.advanceTimersByTimeAsync(20_000);
    keeper.stop();
    const count = dials.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(dials).toHaveLength(count);
    expect(dials.slice(1, 5).map((t, i) => t - dials[i]!)).toEqual([1_000, 2_000, 4_000, 4_000]);
  });
});
