import { genderKeys } from '../form/gendered.js';
import type { Rule } from './rule.js';

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
    for (const section of ['pemilih', 'pengguna']) {
      for (const g of genderKeys) {
        const fields = [`disabilitas.${section}.${g}`, `${section}.total.${g}`];
        const values = ctx.need(fields);
        if (values === undefined) continue;
        const [disabled, total] = values as [number, number];
        if (disabled > total) {
          ctx.fail({
            fields,
            expected: total,
            actual: disabled,
            detail: { id: `${fields[0]} = ${disabled} melebihi ${fields[1]} = ${total}`, en: `${fields[0]} = ${disabled} exceeds ${fields[1]} = ${total}` },
          });
        }
      }
    }
  },
};
