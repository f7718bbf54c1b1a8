import { genderKeys } from '../form/gendered.js';
import type { Rule } from './rule.js';

const PAIRS = ['pemilih', 'pengguna'].flatMap((section) => genderKeys.map((g) => [`disabilitas.${section}.${g}`, `${section}.total.${g}`] as const));

/** Warning: disabilitas counts above the matching totals (registered vs pemilih total, voting vs pengguna total), per L/P/J. */
export const disabilitasAboveVoters: Rule = {
  id: 'disabilitas-above-voters',
  severity: 'warning',
  title: {
    id: 'Pemilih disabilitas melebihi jumlah pemilih atau jumlah pengguna hak pilih.',
    en: 'Voters with disabilities exceed the total registered voters or the total voters.',
  },
  formula: 'disabilitas.pemilih.g ≤ pemilih.total.g and disabilitas.pengguna.g ≤ pengguna.total.g, g in l, p, j',
  check(ctx) {
    for (const pair of PAIRS) {
      const values = ctx.need(pair);
      if (values === undefined) continue;
      const [disabled, total] = values as [number, number];
      if (disabled > total) {
        const [field, totalField] = pair;
        ctx.fail({
          fields: [field, totalField],
          expected: total,
          actual: disabled,
          detail: { id: `${field} = ${disabled} melebihi ${totalField} = ${total}`, en: `${field} = ${disabled} exceeds ${totalField} = ${total}` },
        });
      }
    }
  },
};
