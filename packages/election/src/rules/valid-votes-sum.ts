import { paslonPath } from '../form/field-paths.js';
import type { Rule } from './rule.js';

/** Rule 6: valid votes = sum of the paslon votes present on the form. */
export const validVotesSum: Rule = {
  id: 'valid-votes-sum',
  severity: 'error',
  title: {
    id: 'Jumlah suara sah harus sama dengan jumlah perolehan suara semua paslon.',
    en: 'Valid votes must equal the sum of all candidates’ votes.',
  },
  formula: 'suara.sah = Σ suara.paslon[id]',
  check(ctx) {
    const ids = Object.keys(ctx.form.suara?.paslon ?? {});
    if (ids.length === 0) {
      ctx.skip();
      return;
    }
    const paths = ids.map(paslonPath);
    const values = ctx.need(['suara.sah', ...paths]);
    if (values === undefined) return;
    const [valid, ...votes] = values as [number, ...number[]];
    const sum = votes.reduce((a, b) => a + b, 0);
    if (sum !== valid) {
      ctx.fail({
        fields: ['suara.sah', ...paths],
        expected: sum,
        actual: valid,
        detail: {
          id: `suara sah ${valid}, padahal jumlah suara paslon ${votes.join(' + ')} = ${sum}`,
          en: `valid votes ${valid} but the candidates' votes ${votes.join(' + ')} = ${sum}`,
        },
      });
    }
  },
};
