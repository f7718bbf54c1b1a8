import fc from 'fast-check';
import type { CHasil, Gendered } from '../../src/index.js';

const cell = (max: number) => fc.integer({ min: 0, max });
const row = (max: number): fc.Arbitrary<Gendered> => fc.tuple(cell(max), cell(max)).map(([l, p]) => ({ l, p, j: l + p }));
const add = (...rows: Gendered[]): Gendered => ({
  l: rows.reduce((a, r) => a + r.l, 0),
  p: rows.reduce((a, r) => a + r.p, 0),
  j: rows.reduce((a, r) => a + r.j, 0),
});

/** Any complete C.Hasil (either layout, 1–6 paslon) that satisfies every hard rule. */
export const consistentCHasil: fc.Arbitrary<CHasil> = fc
  .record({
    form: fc.constantFrom('kwk' as const, 'ppwp' as const),
    dpt: row(150),
    turnoutPerMille: fc.integer({ min: 0, max: 1000 }),
    cat2: row(10),
    cat3: row(10),
    voted2: fc.integer({ min: 0, max: 1000 }),
    voted3: fc.integer({ min: 0, max: 1000 }),
    disabled: fc.integer({ min: 0, max: 1000 }),
    returned: cell(20),
    unused: cell(60),
    paslonCount: fc.integer({ min: 1, max: 6 }),
    shares: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 6, maxLength: 6 }),
    invalidPerMille: fc.integer({ min: 0, max: 200 }),
  })
  .map((a) => {
    const scale = (r: Gendered, perMille: number): Gendered => {
      const l = Math.floor((r.l * perMille) / 1000);
      const p = Math.floor((r.p * perMille) / 1000);
      return { l, p, j: l + p };
    };
    const pemilih = [a.dpt, a.cat2, a.cat3];
    const pengguna = [scale(a.dpt, a.turnoutPerMille), scale(a.cat2, a.voted2), scale(a.cat3, a.voted3)];
    const total = add(...pengguna);
    const voters = total.j;
    const invalid = Math.floor((voters * a.invalidPerMille) / 1000);
    const valid = voters - invalid;
    const ids = Array.from({ length: a.paslonCount }, (_, i) => `10${i}`);
    const weights = a.shares.slice(0, a.paslonCount).map((s) => s + 1);
    const weightSum = weights.reduce((x, y) => x + y, 0);
    const votes = weights.map((w) => Math.floor((valid * w) / weightSum));
    votes[0] = (votes[0] ?? 0) + valid - votes.reduce((x, y) => x + y, 0);
    const disabledVoters = scale(total, Math.floor(a.disabled / 10));
    const voterRows = (rows: Gendered[]) =>
      a.form === 'kwk'
        ? { dpt: rows[0] as Gendered, dpph: rows[1] as Gendered, dptb: rows[2] as Gendered, total: add(...rows) }
        : { dpt: rows[0] as Gendered, dptb: rows[1] as Gendered, dpk: rows[2] as Gendered, total: add(...rows) };
    return {
      form: a.form,
      pemilih: voterRows(pemilih),
      pengguna: voterRows(pengguna),
      disabilitas: { pemilih: disabledVoters, pengguna: disabledVoters },
      suratSuara: { diterima: voters + a.returned + a.unused, digunakan: voters, dikembalikan: a.returned, tidakDigunakan: a.unused },
      suara: { paslon: Object.fromEntries(ids.map((id, i) => [id, votes[i] as number])), sah: valid, tidakSah: invalid, total: voters },
    } as CHasil;
  });
