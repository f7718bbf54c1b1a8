import type { Rule } from './rule.js';

/** Rule 4: ballots received = used + returned + unused. */
export const ballotBalance: Rule = {
  id: 'ballot-balance',
  severity: 'error',
  title: {
    id: 'Surat suara diterima harus sama dengan surat suara digunakan + dikembalikan (rusak/keliru coblos) + tidak digunakan.',
    en: 'Ballots received must equal ballots used + returned (damaged/miscast) + unused.',
  },
  formula: 'suratSuara.diterima = digunakan + dikembalikan + tidakDigunakan',
  check(ctx) {
    const fields = ['suratSuara.diterima', 'suratSuara.digunakan', 'suratSuara.dikembalikan', 'suratSuara.tidakDigunakan'];
    const values = ctx.need(fields);
    if (values === undefined) return;
    const [received, used, returned, unused] = values as [number, number, number, number];
    const sum = used + returned + unused;
    if (sum !== received) {
      ctx.fail({
        fields,
        expected: sum,
        actual: received,
        detail: {
          id: `diterima ${received}, padahal digunakan + dikembalikan + tidak digunakan = ${used} + ${returned} + ${unused} = ${sum}`,
          en: `received ${received} but used + returned + unused = ${used} + ${returned} + ${unused} = ${sum}`,
        },
      });
    }
  },
};
