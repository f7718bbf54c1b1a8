import { describe, expect, it } from 'vitest';
import { RateMeter } from '../../src/transfer/rate-meter.js';

describe('RateMeter', () => {
  it('averages bytes per second over its window, and over less when it started more recently', () => {
    const meter = new RateMeter(5000);
    expect(meter.rate(0)).toBe(0);
    meter.record(10_000, 0);
    expect(meter.rate(0)).toBe(10_000); // at least one second is assumed
    meter.record(10_000, 1_500);
    expect(meter.rate(2_000)).toBe(10_000); // 20 kB over 2 s
    for (let t = 2_000; t <= 10_000; t += 1_000) meter.record(5_000, t);
    expect(meter.rate(10_000)).toBeCloseTo(6_000, -2); // the last 5 s (six slots of 5 kB, the oldest partly outside)
    expect(meter.total).toBe(20_000 + 9 * 5_000);
  });

  it('falls to zero once traffic stops', () => {
    const meter = new RateMeter(2000);
    meter.record(4_000, 1_000);
    expect(meter.rate(1_500)).toBeGreaterThan(0);
    expect(meter.rate(10_000)).toBe(0);
  });
});
