import type { Rule } from './rule.js';

/** Warning: the DPT of the TPS is above the election's legal maximum of voters per TPS. Needs the election. */
export const dptAboveCap: Rule = {
  id: 'dpt-above-cap',
  severity: 'warning',
  title: {
    id: 'DPT melebihi batas jumlah pemilih per TPS untuk pemilihan ini.',
    en: 'The DPT exceeds this election’s maximum of voters per TPS.',
  },
  formula: 'pemilih.dpt.j ≤ election.maxVotersPerTps',
  check(ctx) {
    if (ctx.election === undefined) {
      ctx.skip();
      return;
    }
    const values = ctx.need(['pemilih.dpt.j']);
    if (values === undefined) return;
    const [dpt] = values as [number];
    const cap = ctx.election.maxVotersPerTps;
    if (dpt > cap) {
      ctx.fail({
        fields: ['pemilih.dpt.j'],
        expected: cap,
        actual: dpt,
        detail: { id: `DPT ${dpt} melebihi batas ${cap} pemilih per TPS`, en: `DPT ${dpt} exceeds the cap of ${cap} voters per TPS` },
      });
    }
  },
};
