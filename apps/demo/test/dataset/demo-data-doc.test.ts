import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBelitungTimur, pilkadaTpsPerDesa } from '../../src/dataset/index.js';

const doc = readFileSync(new URL('../../../../docs/demo-data.md', import.meta.url), 'utf8');

describe('docs/demo-data.md', () => {
  it('lists the per-desa Pilkada TPS allocation the code computes', () => {
    const dataset = loadBelitungTimur();
    const expected = dataset.kecamatan.flatMap((k) => {
      const counts = pilkadaTpsPerDesa(k);
      const pemilu = k.desa.reduce((s, d) => s + d.tpsPemilu, 0);
      return k.desa.map((d, i) =>
        `| ${k.kode} ${k.nama} | ${d.kode} | ${d.nama} | ${d.tpsPemilu} | ${((k.tpsPilkada * d.tpsPemilu) / pemilu).toFixed(2)} | ${counts[i]} |`);
    });
    const rows = doc.split('\n').filter((line) => /^\| 1906\d\d /.test(line));
    expect(rows).toEqual(expected);
  });
});
