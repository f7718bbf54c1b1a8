import type { CHasilKwk } from '@titip/election';

/**
 * A C.Hasil (Pilkada 'kwk') form that passes every hard rule: `votes` per paslon, `tidakSah` invalid ballots, and
 * registered voters derived with ~80% turnout.
 */
export function validKwkForm(votes: Record<string, number>, tidakSah = 3): CHasilKwk {
  const sah = Object.values(votes).reduce((a, b) => a + b, 0);
  const total = sah + tidakSah;
  const split = (j: number) => ({ l: Math.ceil(j / 2), p: Math.floor(j / 2), j });
  const dptVoted = total - 3;
  const dpt = Math.min(600, Math.max(dptVoted, Math.round(total / 0.8)));
  const pemilih = { dpt: split(dpt), dpph: split(1), dptb: split(2), total: sum3(split(dpt), split(1), split(2)) };
  const pengguna = { dpt: split(dptVoted), dpph: split(1), dptb: split(2), total: sum3(split(dptVoted), split(1), split(2)) };
  const diterima = dpt + Math.ceil(dpt * 0.025);
  return {
    form: 'kwk',
    pemilih,
    pengguna,
    disabilitas: { pemilih: split(2), pengguna: split(2) },
    suratSuara: { diterima, digunakan: total, dikembalikan: 1, tidakDigunakan: diterima - total - 1 },
    suara: { paslon: { ...votes }, sah, tidakSah, total },
  };
}

function sum3(a: { l: number; p: number; j: number }, b: typeof a, c: typeof a) {
  return { l: a.l + b.l + c.l, p: a.p + b.p + c.p, j: a.j + b.j + c.j };
}
