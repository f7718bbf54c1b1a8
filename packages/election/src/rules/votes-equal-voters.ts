import { getField } from '../form/field-paths.js';
import type { Rule } from './rule.js';

/**
 * Derived hard rule: total votes = total voters. Implied by rules 5 and 8, so it runs only when
 * `suratSuara.digunakan` is missing (Sirekap publishes no ballot counts); otherwise rules 5 and 8 report it.
 */
export const votesEqualVoters: Rule = {
  id: 'votes-equal-voters',
  severity: 'error',
  title: {
    id: 'Total suara harus sama dengan jumlah pengguna hak pilih (diperiksa bila jumlah surat suara digunakan tidak ada).',
    en: 'Total votes must equal the total number of voters (checked when ballots used is missing).',
  },
  formula: 'suara.total = pengguna.total.j, only when suratSuara.digunakan is missing (else rules 5 and 8 cover it)',
  check(ctx) {
    if (getField(ctx.form, 'suratSuara.digunakan') !== undefined) return;
    const values = ctx.need(['suara.total', 'pengguna.total.j']);
    if (values === undefined) return;
    const [total, voters] = values as [number, number];
    if (total !== voters) {
      ctx.fail({
        fields: ['suara.total', 'pengguna.total.j'],
        expected: voters,
        actual: total,
        detail: {
          id: `total suara ${total}, padahal pengguna hak pilih ${voters}`,
          en: `total votes ${total} but voters ${voters}`,
        },
      });
    }
  },
};
