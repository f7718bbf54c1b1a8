import type { Rule } from './rule.js';

/** Rule 5: ballots used = total voters (pengguna total J). */
export const ballotsUsedEqualVoters: Rule = {
  id: 'ballots-used-equal-voters',
  severity: 'error',
  title: {
    id: 'Surat suara yang digunakan harus sama dengan jumlah pengguna hak pilih.',
    en: 'Ballots used must equal the total number of voters.',
  },
  formula: 'suratSuara.digunakan = pengguna.total.j',
  check(ctx) {
    const values = ctx.need(['suratSuara.digunakan', 'pengguna.total.j']);
    if (values === undefined) return;
    const [used, voters] = values as [number, number];
    if (used !== voters) {
      ctx.fail({
        fields: ['suratSuara.digunakan', 'pengguna.total.j'],
        expected: voters,
        actual: used,
        detail: {
          id: `surat suara digunakan ${used}, padahal pengguna hak pilih ${voters}`,
          en: `ballots used ${used} but voters ${voters}`,
        },
      });
    }
  },
};
