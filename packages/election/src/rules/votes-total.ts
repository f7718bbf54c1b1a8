import type { Rule } from './rule.js';

/** Rule 7: valid + invalid votes = total votes. */
export const votesTotal: Rule = {
  id: 'votes-total',
  severity: 'error',
  title: {
    id: 'Jumlah suara sah ditambah suara tidak sah harus sama dengan total suara.',
    en: 'Valid plus invalid votes must equal the total votes.',
  },
  formula: 'suara.total = suara.sah + suara.tidakSah',
  check(ctx) {
    const values = ctx.need(['suara.total', 'suara.sah', 'suara.tidakSah']);
    if (values === undefined) return;
    const [total, valid, invalid] = values as [number, number, number];
    if (valid + invalid !== total) {
      ctx.fail({
        fields: ['suara.total', 'suara.sah', 'suara.tidakSah'],
        expected: valid + invalid,
        actual: total,
        detail: {
          id: `total suara ${total}, padahal sah + tidak sah = ${valid} + ${invalid} = ${valid + invalid}`,
          en: `total votes ${total} but valid + invalid = ${valid} + ${invalid} = ${valid + invalid}`,
        },
      });
    }
  },
};
