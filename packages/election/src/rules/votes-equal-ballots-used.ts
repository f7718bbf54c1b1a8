import type { Rule } from './rule.js';

/** Rule 8: total votes = ballots used. */
export const votesEqualBallotsUsed: Rule = {
  id: 'votes-equal-ballots-used',
  severity: 'error',
  title: {
    id: 'Total suara sah dan tidak sah harus sama dengan surat suara yang digunakan.',
    en: 'Total votes must equal ballots used.',
  },
  formula: 'suara.total = suratSuara.digunakan',
  check(ctx) {
    const values = ctx.need(['suara.total', 'suratSuara.digunakan']);
    if (values === undefined) return;
    const [total, used] = values as [number, number];
    if (total !== used) {
      ctx.fail({
        fields: ['suara.total', 'suratSuara.digunakan'],
        expected: used,
        actual: total,
        detail: {
          id: `total suara ${total}, padahal surat suara digunakan ${used}`,
          en: `total votes ${total} but ballots used ${used}`,
        },
      });
    }
  },
};
