import type { FormType } from '../election/election-definition.js';
import { voterCategoriesOf } from '../form/categories.js';
import type { Rule } from './rule.js';

/** Every gendered row of a form type with its three cell paths, built once (rules pass constant strings to `need`). */
function rowsOf(form: FormType): { row: string; cells: [string, string, string] }[] {
  const rows: string[] = [];
  for (const section of ['pemilih', 'pengguna']) {
    for (const row of [...voterCategoriesOf(form), 'total']) rows.push(`${section}.${row}`);
  }
  rows.push('disabilitas.pemilih', 'disabilitas.pengguna');
  return rows.map((row) => ({ row, cells: [`${row}.l`, `${row}.p`, `${row}.j`] }));
}
const ROWS = { kwk: rowsOf('kwk'), ppwp: rowsOf('ppwp') };

/** Rule 1: J = L + P on every gendered row (voters, voting voters, disabilitas). One violation per row. */
export const genderTotal: Rule = {
  id: 'gender-total',
  severity: 'error',
  title: {
    id: 'Jumlah (J) harus sama dengan laki-laki (L) ditambah perempuan (P) pada setiap baris.',
    en: 'The total (J) must equal men (L) plus women (P) on every row.',
  },
  formula: 'j = l + p, for every row of pemilih, pengguna and disabilitas',
  check(ctx) {
    for (const { row, cells } of ROWS[ctx.form.form]) {
      const values = ctx.need(cells);
      if (values === undefined) continue;
      const [l, p, j] = values as [number, number, number];
      if (l + p !== j) {
        ctx.fail({
          fields: [`${row}.j`, `${row}.l`, `${row}.p`],
          expected: l + p,
          actual: j,
          detail: { id: `${row}: J = ${j}, padahal L + P = ${l} + ${p} = ${l + p}`, en: `${row}: J = ${j} but L + P = ${l} + ${p} = ${l + p}` },
        });
      }
    }
  },
};
