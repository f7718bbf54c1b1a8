import { maxBoxValue } from '../form/count.js';
import { forEachPresentField } from '../form/field-paths.js';
import type { Rule } from './rule.js';

/** Warning: a number above 999 cannot be written in the paper form's 3-digit boxes. One warning per field. */
export const boxOverflow: Rule = {
  id: 'box-overflow',
  severity: 'warning',
  title: {
    id: 'Angka melebihi 999 tidak muat dalam kotak 3 digit formulir.',
    en: 'A number above 999 does not fit the form’s 3-digit boxes.',
  },
  formula: `every field ≤ ${maxBoxValue}`,
  check(ctx) {
    forEachPresentField(ctx.form, (path, value) => {
      if (value > maxBoxValue) {
        ctx.fail({
          fields: [path],
          expected: maxBoxValue,
          actual: value,
          detail: { id: `${path} = ${value} melebihi ${maxBoxValue}`, en: `${path} = ${value} exceeds ${maxBoxValue}` },
        });
      }
    });
  },
};
