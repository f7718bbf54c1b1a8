import { genderKeys } from '../form/gendered.js';
import type { Rule } from './rule.js';

const PAIRS = genderKeys.map((g) => ({ g, paths: [`pengguna.dpt.${g}`, `pemilih.dpt.${g}`] as const }));

/** Rule 3: voters from the DPT ≤ registered DPT, per L, P and J. */
export const dptTurnout: Rule = {
  id: 'dpt-turnout',
  severity: 'error',
  title: {
    id: 'Pengguna hak pilih dari DPT tidak boleh melebihi jumlah pemilih DPT (L, P dan J).',
    en: 'Voters from the DPT cannot exceed the registered DPT (L, P and J).',
  },
  formula: 'pengguna.dpt.g ≤ pemilih.dpt.g, g in l, p, j',
  check(ctx) {
    for (const { g, paths } of PAIRS) {
      const values = ctx.need(paths);
      if (values === undefined) continue;
      const [voted, registered] = values as [number, number];
      if (voted > registered) {
        ctx.fail({
          fields: [`pengguna.dpt.${g}`, `pemilih.dpt.${g}`],
          expected: registered,
          actual: voted,
          detail: {
            id: `pengguna DPT ${g.toUpperCase()} = ${voted} melebihi pemilih DPT ${g.toUpperCase()} = ${registered}`,
            en: `DPT voters ${g.toUpperCase()} = ${voted} exceed registered DPT ${g.toUpperCase()} = ${registered}`,
          },
        });
      }
    }
  },
};
