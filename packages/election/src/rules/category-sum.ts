import type { FormType } from '../election/election-definition.js';
import { categoryLabels, voterCategoriesOf } from '../form/categories.js';
import { genderKeys } from '../form/gendered.js';
import type { Rule } from './rule.js';

/** Per section and L/P/J: the total's path and the category paths, built once per form type. */
function sumsOf(form: FormType): { section: string; g: string; needed: string[] }[] {
  const out = [];
  for (const section of ['pemilih', 'pengguna']) {
    for (const g of genderKeys) {
      const total = `${section}.total.${g}`;
      const parts = voterCategoriesOf(form).map((c) => `${section}.${c}.${g}`);
      out.push({ section, g, needed: [total, ...parts] });
    }
  }
  return out;
}
const SUMS = { kwk: sumsOf('kwk'), ppwp: sumsOf('ppwp') };

/** Rule 2: total = sum of the voter categories, for pemilih and pengguna, per L, P and J. */
export const categorySum: Rule = {
  id: 'category-sum',
  severity: 'error',
  title: {
    id: 'Jumlah pemilih dan jumlah pengguna hak pilih harus sama dengan DPT + DPPh + DPTb (Pemilu: DPT + DPTb + DPK), untuk L, P dan J.',
    en: 'Total registered voters and total voters must equal DPT + DPPh + DPTb (Pemilu: DPT + DPTb + DPK), for L, P and J.',
  },
  formula: 'total.g = dpt.g + dpph.g + dptb.g (ppwp: dpt.g + dptb.g + dpk.g), for pemilih and pengguna, g in l, p, j',
  check(ctx) {
    const categories = voterCategoriesOf(ctx.form.form);
    for (const { section, g, needed } of SUMS[ctx.form.form]) {
      const values = ctx.need(needed);
      if (values === undefined) continue;
      const [total, ...rest] = values as [number, ...number[]];
      const sum = rest.reduce((a, b) => a + b, 0);
      if (sum !== total) {
        const shown = categories.map((c) => categoryLabels[c] ?? c).join(' + ');
        ctx.fail({
          fields: [...needed],
          expected: sum,
          actual: total,
          detail: {
            id: `${section}.total.${g} = ${total}, padahal ${shown} = ${rest.join(' + ')} = ${sum}`,
            en: `${section}.total.${g} = ${total} but ${shown} = ${rest.join(' + ')} = ${sum}`,
          },
        });
      }
    }
  },
};
