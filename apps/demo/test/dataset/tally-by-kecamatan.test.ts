import { describe, expect, it } from 'vitest';
import { generateResults, loadBelitungTimur, tallyByKecamatan } from '../../src/dataset/index.js';

describe('tallyByKecamatan', () => {
  const dataset = loadBelitungTimur();
  const { tps } = generateResults({ seed: 5, dataset });

  it('sums votes per kecamatan and paslon', () => {
    const manggar = tps.filter((t) => t.kecamatan === '190601');
    const expected = { '1000526': 0, '1000527': 0 } as Record<string, number>;
    for (const t of manggar) for (const [id, v] of Object.entries(t.forms.pkwkk.suara.paslon)) expected[id]! += v;
    expect(tallyByKecamatan(manggar, 'pkwkk')).toEqual({ '190601': expected });
    expect(expected).toEqual({ '1000526': 7417, '1000527': 12563 });
  });

  it('skips TPS without a form of that election and returns {} for none', () => {
    const onlyBupati = tps.map((t) => ({ kecamatan: t.kecamatan, forms: { pkwkk: t.forms.pkwkk } }));
    expect(tallyByKecamatan(onlyBupati, 'pkwkp')).toEqual({});
    expect(tallyByKecamatan(onlyBupati, 'pkwkk')).toEqual(dataset.published.pkwkk);
    expect(tallyByKecamatan([], 'pkwkk')).toEqual({});
  });
});
