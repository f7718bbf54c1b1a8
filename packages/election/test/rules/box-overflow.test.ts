import { describe, expect, it } from 'vitest';
import { checkCHasil } from '../../src/index.js';
import { validKwk, withField } from '../helpers/forms.js';
import { findings } from '../helpers/report.js';

describe('box-overflow (warning: a field above 999)', () => {
  it('is silent at 999 and warns per field above it, never blocking', () => {
    expect(findings(checkCHasil(withField(validKwk(), 'suratSuara.tidakDigunakan', 999)), 'box-overflow')).toEqual([]);
    let form = withField(validKwk(), 'suara.paslon.1000527', 1240);
    form = withField(form, 'pemilih.dpt.l', 99_999);
    const report = checkCHasil(form);
    expect(findings(report, 'box-overflow')).toEqual([
      { fields: ['pemilih.dpt.l'], expected: 999, actual: 99_999 },
      { fields: ['suara.paslon.1000527'], expected: 999, actual: 1240 },
    ]);
    expect(report.warnings.filter((w) => w.rule === 'box-overflow').every((w) => w.severity === 'warning')).toBe(true);
    expect(report.violations.some((v) => v.rule === 'box-overflow')).toBe(false);
  });

  it('checks partial forms too and is never unchecked', () => {
    const report = checkCHasil({ form: 'ppwp', suara: { sah: 1000 } });
    expect(findings(report, 'box-overflow')).toEqual([{ fields: ['suara.sah'], expected: 999, actual: 1000 }]);
    expect(report.unchecked).not.toContain('box-overflow');
  });
});
