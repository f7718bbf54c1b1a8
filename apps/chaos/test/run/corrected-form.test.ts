import { checkCHasil } from '@titip/election';
import { generateResults, loadBelitungTimur } from '@titip/demo/dataset';
import { describe, expect, it } from 'vitest';
import { correctedForm } from '../../src/run/corrected-form.js';

describe('correctedForm', () => {
  const data = loadBelitungTimur();
  const results = generateResults({ seed: 1, dataset: data }).tps.slice(0, 20);

  it('moves one vote between paslon: the same valid votes, every hard rule still holding', () => {
    for (const result of results) {
      for (const key of ['pkwkp', 'pkwkk'] as const) {
        const form = result.forms[key];
        const corrected = correctedForm(form);
        expect(corrected).not.toEqual(form);
        const before = Object.values(form.suara.paslon);
        const after = Object.values(corrected.suara.paslon);
        expect(after.reduce((a, b) => a + b, 0)).toBe(before.reduce((a, b) => a + b, 0));
        expect(after.filter((v, i) => v !== before[i]).length).toBe(2);
        expect(corrected.suara.sah).toBe(form.suara.sah);
        const report = checkCHasil(corrected, data.elections[key]);
        expect(report.violations).toEqual([]);
      }
    }
  });

  it('leaves a form with nothing to move as it is', () => {
    const form = results[0]!.forms.pkwkk;
    const empty = { ...form, suara: { ...form.suara, paslon: Object.fromEntries(Object.keys(form.suara.paslon).map((id) => [id, 0])) } };
    expect(correctedForm(empty)).toBe(empty);
  });
});
