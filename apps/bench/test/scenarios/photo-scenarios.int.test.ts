import { describe, expect, it } from 'vitest';
import { benchPhotoOneHop } from '../../src/scenarios/photo-one-hop.js';
import { benchPhotoThrottled } from '../../src/scenarios/photo-throttled.js';

// Small versions of the photo benchmarks: they run to the end on real relays and measure what they claim. The figures
// themselves belong in bench-results/latest.json, not in assertions.
describe('photo benchmark scenarios (small)', () => {
  it('one hop: every photo fetched, a raw stream on the same connection, and the next hop', async () => {
    const figures = await benchPhotoOneHop({ results: 3, photosPerResult: 2, photoBytes: 40_000, rawBytes: 1024 * 1024, rounds: 1 });
    expect(figures).toMatchObject({ photos: 6, photoBytes: 240_000, results: 3, rawBytes: 1024 * 1024 });
    const [round] = figures.rounds;
    for (const value of [round!.photoMBps, round!.rawMBps16k, round!.rawMBps64k, round!.secondHopMBps, round!.ratio]) expect(value).toBeGreaterThan(0);
    expect(figures.median.ratio).toBe(round!.ratio);
  });

  it('throttled link: every number arrives before any photo byte, then a first photo, connection kept', async () => {
    const figures = await benchPhotoThrottled({ results: 4, photosPerResult: 1, photoBytes: 20_000, bytesPerSecond: 100_000, latencyMs: 50, rounds: 1 });
    expect(figures).toMatchObject({ results: 4, photos: 4, photoBytes: 80_000, link: { bytesPerSecond: 100_000, latencyMs: 50 } });
    const [round] = figures.rounds;
    expect(round!.photoBytesBeforeAllNumbers).toBe(0);
    expect(round!.firstPhotoMs).toBeGreaterThan(round!.allNumbersMs);
    expect(round!.photoBytesDown).toBeGreaterThanOrEqual(20_000);
    expect(round!.linkBytesDown).toBeGreaterThan(round!.photoBytesDown);
    expect(round!.connected).toBe(true);
  });
});
