import { describe, expect, it } from 'vitest';
import { LruMap } from '../../src/util/lru-map.js';

describe('LruMap', () => {
  it('returns what was set, updates in place, and clears', () => {
    const map = new LruMap<string, number>(4);
    map.set('a', 1);
    map.set('a', 2);
    expect(map.get('a')).toBe(2);
    expect(map.has('a')).toBe(true);
    expect(map.get('b')).toBeUndefined();
    expect(map.size).toBe(1);
    map.clear();
    expect(map.has('a')).toBe(false);
    expect(map.size).toBe(0);
  });

  it('never holds more than maxEntries, however many are set', () => {
    for (const max of [1, 2, 3, 10, 101]) {
      const map = new LruMap<number, number>(max);
      for (let i = 0; i < 1000; i++) {
        map.set(i, i);
        expect(map.size).toBeLessThanOrEqual(max);
      }
      expect(map.get(999)).toBe(999);
    }
  });

  it('keeps an entry read regularly while many others come and go', () => {
    const map = new LruMap<string, number>(100);
    map.set('hot', 1);
    for (let i = 0; i < 10_000; i++) {
      map.set(`cold-${i}`, i);
      if (i % 40 === 0) expect(map.get('hot')).toBe(1);
    }
    expect(map.get('hot')).toBe(1);
    expect(map.get('cold-0')).toBeUndefined();
  });

  it('keeps an entry for at least maxEntries / 2 insertions of others after its last use', () => {
    const map = new LruMap<number, string>(10);
    map.set(-1, 'x');
    for (let i = 0; i < 5; i++) map.set(i, 'y');
    expect(map.get(-1)).toBe('x');
    for (let i = 5; i < 10; i++) map.set(i, 'y');
    expect(map.has(-1)).toBe(true);
    for (let i = 10; i < 30; i++) map.set(i, 'y');
    expect(map.has(-1)).toBe(false);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new LruMap(0)).toThrow(RangeError);
    expect(() => new LruMap(1.5)).toThrow(RangeError);
  });
});
