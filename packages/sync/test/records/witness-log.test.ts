import { openMemoryStore } from '@titip/store';
import { describe, expect, it } from 'vitest';
import { WitnessLog } from '../../src/records/witness-log.js';

describe('WitnessLog', () => {
  it('keeps the earliest first sight of each id, persisted across a reopen', async () => {
    const store = await openMemoryStore();
    let clock = 1_000;
    const log = await WitnessLog.open(store, { now: () => clock });
    expect(await log.note(['a', 'b'])).toEqual([1_000, 1_000]);
    clock = 5_000;
    expect(await log.note(['a', 'c'])).toEqual([1_000, 5_000]);
    expect(await log.note(['c'], 2_000)).toEqual([2_000]); // an earlier sighting moves it back
    const reopened = await WitnessLog.open(store, { now: () => 9_999 });
    expect(reopened.size).toBe(3);
    expect([reopened.firstSeen('a'), reopened.firstSeen('b'), reopened.firstSeen('c'), reopened.firstSeen('d')]).toEqual([1_000, 1_000, 2_000, undefined]);
  });

  it('ignores a corrupt stored value instead of failing to open', async () => {
    const store = await openMemoryStore();
    await store.batch([{ type: 'put', key: 'witness/x', value: Uint8Array.of(1, 2) }]);
    const log = await WitnessLog.open(store);
    expect(log.firstSeen('x')).toBeUndefined();
  });
});
