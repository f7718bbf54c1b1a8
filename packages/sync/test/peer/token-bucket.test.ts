import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../src/peer/token-bucket.js';

describe('TokenBucket', () => {
  it('starts full, refuses what it cannot pay without taking anything, and refills at capacity per period', () => {
    let now = 0;
    const bucket = new TokenBucket(100, 60_000, () => now);
    expect(bucket.full).toBe(true);
    expect(bucket.take(60)).toBe(true);
    expect(bucket.take(50)).toBe(false); // 40 left: nothing taken
    expect(bucket.take(40)).toBe(true);
    expect(bucket.take(1)).toBe(false);
    now = 30_000; // half a period: half the capacity back
    expect(bucket.take(51)).toBe(false);
    expect(bucket.take(50)).toBe(true);
    now = 10 * 60_000; // never more than the capacity
    expect(bucket.full).toBe(true);
    expect(bucket.take(101)).toBe(false);
    expect(bucket.take(100)).toBe(true);
  });
});
