import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, distributePilkadaTps, islandTpsCount, loadBelitungTimur, pickIslandTps } from '../../src/dataset/index.js';

const tpsList = distributePilkadaTps(loadBelitungTimur().kecamatan);

describe('pickIslandTps', () => {
  it('picks three TPS of the list in three different desa', () => {
    for (const seed of [1, 2, 3, 42, 'titip', 'island']) {
      const picks = pickIslandTps(tpsList, seed);
      expect(picks).toHaveLength(islandTpsCount);
      expect(new Set(picks.map((t) => t.desa)).size).toBe(3);
      for (const t of picks) expect(tpsList).toContainEqual(t);
    }
  });

  it('is deterministic per seed and varies between seeds', () => {
    expect(pickIslandTps(tpsList, 42)).toEqual(pickIslandTps(tpsList, 42));
    const distinct = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((seed) => pickIslandTps(tpsList, seed).map((t) => t.tps).join()));
    expect(distinct.size).toBeGreaterThan(6);
  });

  it('works on a list of exactly three desa and rejects fewer', () => {
    const threeDesa = tpsList.filter((t) => ['1906012001', '1906012002', '1906012003'].includes(t.desa));
    expect(new Set(pickIslandTps(threeDesa, 9).map((t) => t.desa))).toEqual(new Set(['1906012001', '1906012002', '1906012003']));
    const twoDesa = tpsList.filter((t) => ['1906012001', '1906012002'].includes(t.desa));
    expect(() => pickIslandTps(twoDesa, 9)).toThrow(InvalidArgumentError);
    expect(() => pickIslandTps([], 9)).toThrow(InvalidArgumentError);
  });

  it('rejects a bad seed', () => {
    expect(() => pickIslandTps(tpsList, 0.5)).toThrow(InvalidArgumentError);
  });
});
