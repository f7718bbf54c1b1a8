import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ElectionTotals } from '../../src/aggregate/election-totals.js';
import { contributionOf, type Contribution } from '../../src/aggregate/region-totals.js';
import { bupatiForm } from '../fixtures/scenario.js';

const TPS = ['1906012001001', '1906012001002', '1906012002001', '1906052003001', '1906052003004', '1971011001001', '3101011001001'];

/** The totals of `region` recomputed from scratch: the reference the incremental tree must match. */
function recompute(contributions: Map<string, Contribution>, region: string) {
  let tps = 0;
  let sah = 0;
  let tidakSah = 0;
  const paslon = new Map<string, number>();
  for (const [code, c] of contributions) {
    if (!code.startsWith(region)) continue;
    tps++;
    sah += c.sah;
    tidakSah += c.tidakSah;
    for (const [id, v] of c.paslon) paslon.set(id, (paslon.get(id) ?? 0) + v);
  }
  for (const [id, v] of paslon) if (v === 0) paslon.delete(id);
  return { tps, sah, tidakSah, paslon };
}

function plain(t: { tps: number; sah: number; tidakSah: number; paslon: ReadonlyMap<string, number> }) {
  return { tps: t.tps, sah: t.sah, tidakSah: t.tidakSah, paslon: Object.fromEntries([...t.paslon].sort()) };
}

describe('ElectionTotals', () => {
  it('adds TPS into every region above them and lists children with counted TPS', () => {
    const totals = new ElectionTotals();
    totals.set('1906012001001', contributionOf(bupatiForm(100, 200, 4)));
    totals.set('1906012001002', contributionOf(bupatiForm(50, 25, 1)));
    totals.set('1906052003001', contributionOf(bupatiForm(10, 20, 0)));
    expect(plain(totals.totals(''))).toEqual({ tps: 3, sah: 405, tidakSah: 5, paslon: { '1000526': 160, '1000527': 245 } });
    expect(plain(totals.totals('190601'))).toEqual({ tps: 2, sah: 375, tidakSah: 5, paslon: { '1000526': 150, '1000527': 225 } });
    expect(totals.children('1906').map((c) => [c.region, c.totals.tps])).toEqual([['190601', 2], ['190605', 1]]);
    expect(totals.children('1906012001').map((c) => c.region)).toEqual(['1906012001001', '1906012001002']);
    expect(totals.children('').map((c) => c.region)).toEqual(['19']);
    expect(plain(totals.totals('32'))).toEqual({ tps: 0, sah: 0, tidakSah: 0, paslon: {} });
    expect(totals.tpsCounted).toBe(3);
  });

  it('replaces a TPS contribution and drops regions left with nothing counted', () => {
    const totals = new ElectionTotals();
    totals.set('1906012001001', contributionOf(bupatiForm(100, 200)));
    totals.set('1906052003001', contributionOf(bupatiForm(10, 20)));
    totals.set('1906012001001', contributionOf(bupatiForm(110, 190)));
    expect(plain(totals.totals('1906012001'))).toMatchObject({ tps: 1, sah: 300, paslon: { '1000526': 110, '1000527': 190 } });
    totals.set('1906012001001', null);
    expect(totals.children('1906').map((c) => c.region)).toEqual(['190605']);
    expect(totals.totals('190601').tps).toBe(0);
    expect(totals.tpsCounted).toBe(1);
    totals.set('1906012001001', null); // removing twice is a no-op
    expect(totals.totals('').tps).toBe(1);
  });

  it('matches a recomputation from scratch after any sequence of changes (seeded)', () => {
    const change = fc.record({
      tps: fc.constantFrom(...TPS),
      votes: fc.option(fc.tuple(fc.nat(300), fc.nat(300), fc.nat(10)), { nil: undefined, freq: 4 }),
    });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 60 }), (changes) => {
        const totals = new ElectionTotals();
        const reference = new Map<string, Contribution>();
        for (const { tps, votes } of changes) {
          const contribution = votes === undefined ? null : contributionOf(bupatiForm(votes[0], votes[1], votes[2]));
          totals.set(tps, contribution);
          if (contribution === null) reference.delete(tps);
          else reference.set(tps, contribution);
        }
        const regions = new Set(['', ...TPS.flatMap((t) => [t.slice(0, 2), t.slice(0, 4), t.slice(0, 6), t.slice(0, 10), t])]);
        for (const region of regions) {
          expect(plain(totals.totals(region))).toEqual(plain(recompute(reference, region)));
          const childLength = [2, 4, 6, 10, 13].find((n) => n > region.length);
          const expectedChildren = [...new Set([...reference.keys()].filter((t) => t.startsWith(region) && childLength).map((t) => t.slice(0, childLength)))].sort();
          expect(totals.children(region).map((c) => c.region)).toEqual(region.length === 13 ? [] : expectedChildren);
        }
        expect(totals.tpsCounted).toBe(reference.size);
      }),
      { seed: 20241127, numRuns: 300 },
    );
  });
});
