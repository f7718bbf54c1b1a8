import { describe, expect, it } from 'vitest';
import { checkCHasil } from '../../src/index.js';
import { pkwkk1906, ppwp2024, validKwk, validPpwp, withoutField } from '../helpers/forms.js';
import { findings } from '../helpers/report.js';

describe('paslon-set (with an election: vote keys = the election paslon ids)', () => {
  it('passes when the keys match', () => {
    expect(findings(checkCHasil(validKwk(), pkwkk1906), 'paslon-set')).toEqual([]);
    expect(findings(checkCHasil(validPpwp(), ppwp2024), 'paslon-set')).toEqual([]);
  });

  it('reports missing ids and unknown keys, one violation each', () => {
    const form = { ...validKwk(), suara: { paslon: { '1000526': 150, '1000019': 240 }, sah: 390, tidakSah: 10, total: 400 } };
    const report = checkCHasil(form, pkwkk1906);
    expect(findings(report, 'paslon-set')).toEqual([
      { fields: ['suara.paslon.1000527'], expected: 1, actual: 0 },
      { fields: ['suara.paslon.1000019'], expected: 0, actual: 1 },
    ]);
    expect(report.violations.find((v) => v.fields[0] === 'suara.paslon.1000019')?.message.en).toContain(
      'paslon 1000019 is not a candidate of election pkwkk',
    );
  });

  it('is unchecked without an election or without votes', () => {
    expect(checkCHasil(validKwk()).unchecked).toContain('paslon-set');
    expect(checkCHasil(withoutField(validKwk(), 'suara.paslon'), pkwkk1906).unchecked).toContain('paslon-set');
  });
});
