import { paslonPath } from '../form/field-paths.js';
import type { Rule } from './rule.js';

/** Warning (KawalPemilu's error flag): the candidates' votes add up to more than DPT × 1.02. */
export const votesAboveDpt: Rule = {
  id: 'votes-above-dpt',
  severity: 'warning',
  title: {
    id: 'Jumlah suara semua paslon melebihi DPT × 1,02.',
    en: 'The candidates’ votes add up to more than DPT × 1.02.',
  },
  formula: 'Σ suara.paslon[id] ≤ ⌊pemilih.dpt.j × 1.02⌋',
  check(ctx) {
    const ids = Object.keys(ctx.form.suara?.paslon ?? {});
    if (ids.length === 0) {
      ctx.skip();
      return;
    }
    const paths = ids.map(paslonPath);
    const values = ctx.need([...paths, 'pemilih.dpt.j']);
    if (values === undefined) return;
    const dpt = values[values.length - 1] as number;
    const sum = values.slice(0, -1).reduce((a, b) => a + b, 0);
    const limit = Math.floor((dpt * 102) / 100);
    if (sum > limit) {
      ctx.fail({
        fields: [...paths, 'pemilih.dpt.j'],
        expected: limit,
        actual: sum,
        detail: {
          id: `jumlah suara paslon ${sum} melebihi DPT × 1,02 = ${limit}`,
          en: `candidates' votes ${sum} exceed DPT × 1.02 = ${limit}`,
        },
      });
    }
  },
};
