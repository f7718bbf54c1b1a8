import type { Rule } from './rule.js';

/**
 * Hard check with an election definition: the vote keys are exactly the election's paslon ids. One violation
 * per missing id (expected 1 entry, actual 0) and per unknown key (expected 0, actual 1).
 */
export const paslonSet: Rule = {
  id: 'paslon-set',
  severity: 'error',
  title: {
    id: 'Perolehan suara harus tercatat untuk tepat semua paslon pemilihan ini, tidak lebih dan tidak kurang.',
    en: 'Votes must be recorded for exactly this election’s candidates, no more and no fewer.',
  },
  formula: 'keys(suara.paslon) = ids(election.paslon)',
  check(ctx) {
    const votes = ctx.form.suara?.paslon;
    if (ctx.election === undefined || votes === undefined) {
      ctx.skip();
      return;
    }
    const expected = ctx.election.paslon.map((p) => p.id);
    const present = Object.keys(votes);
    for (const id of expected) {
      if (!present.includes(id)) {
        ctx.fail({
          fields: [`suara.paslon.${id}`],
          expected: 1,
          actual: 0,
          detail: { id: `suara paslon ${id} tidak tercatat`, en: `no votes recorded for paslon ${id}` },
        });
      }
    }
    for (const id of present) {
      if (!expected.includes(id)) {
        ctx.fail({
          fields: [`suara.paslon.${id}`],
          expected: 0,
          actual: 1,
          detail: {
            id: `paslon ${id} bukan peserta pemilihan ${ctx.election.id}`,
            en: `paslon ${id} is not a candidate of election ${ctx.election.id}`,
          },
        });
      }
    }
  },
};
