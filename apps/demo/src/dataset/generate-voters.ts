import type { CHasilKwk } from '@titip/election';
import { generationParameters as g } from './generation-parameters.js';
import type { SeededRandom } from './seeded-random.js';

type Gendered = CHasilKwk['pemilih']['dpt'];

/** The rows of a TPS shared by both of its elections: registered voters, voters, disabilitas, ballots received. */
export interface TpsVoters {
  /** `pemilih` section. */
  pemilih: CHasilKwk['pemilih'];
  /** `pengguna` section (everyone who voted; they get both ballots). */
  pengguna: CHasilKwk['pengguna'];
  /** `disabilitas` section. */
  disabilitas: CHasilKwk['disabilitas'];
  /** Ballots received per election: DPT plus the Pilkada reserve. */
  diterima: number;
}

/**
 * Derives the voter rows of a TPS where `voters` people voted (the total pengguna), with a DPT of at most `cap`:
 * a few DPPh and DPTb voters, the rest from the DPT, a DPT from a drawn turnout, L/P splits, disabilitas.
 * Requires `voters ≤ ⌊cap × maxTurnout⌋` (the caller caps TPS sizes), which keeps turnout ≤ 85% and DPT ≤ cap.
 */
export function generateVoters(voters: number, cap: number, random: SeededRandom): TpsVoters {
  const small = voters < 20;
  const dpphUsed = split(small ? 0 : random.int(...g.dpph), random);
  const dptbUsed = split(small ? 0 : random.int(...g.dptb), random);
  const dptVoted = voters - dpphUsed.j - dptbUsed.j;
  const turnout = random.uniform(...g.turnout);
  const dptJ = Math.min(cap, Math.max(dptVoted, Math.round(dptVoted / turnout)));
  const menShare = random.uniform(...g.menShare);
  const dptL = Math.round(dptJ * menShare);
  const dpt = row(dptL, dptJ - dptL);
  const votedShare = menShare - random.uniform(...g.menTurnoutGap);
  const votedL = clamp(Math.round(dptVoted * votedShare), Math.max(0, dptVoted - dpt.p), Math.min(dpt.l, dptVoted));
  const penggunaDpt = row(votedL, dptVoted - votedL);
  const absent = split(small ? 0 : random.int(...g.dpphAbsent), random);
  const pemilihDpph = row(dpphUsed.l + absent.l, dpphUsed.p + absent.p);
  const pemilih = section(dpt, pemilihDpph, dptbUsed);
  const pengguna = section(penggunaDpt, dpphUsed, dptbUsed);
  const disPemilih = split(Math.min(random.int(...g.disabilitas), voters), random);
  const disPengguna = row(binomial(disPemilih.l, g.disabilitasTurnout, random), binomial(disPemilih.p, g.disabilitasTurnout, random));
  return {
    pemilih,
    pengguna,
    disabilitas: {
      pemilih: row(Math.min(disPemilih.l, pemilih.total.l), Math.min(disPemilih.p, pemilih.total.p)),
      pengguna: row(Math.min(disPengguna.l, pengguna.total.l), Math.min(disPengguna.p, pengguna.total.p)),
    },
    diterima: dptJ + Math.ceil((dptJ * g.reservePerMille) / 1000),
  };
}

function section(dpt: Gendered, dpph: Gendered, dptb: Gendered): CHasilKwk['pemilih'] {
  return { dpt, dpph, dptb, total: row(dpt.l + dpph.l + dptb.l, dpt.p + dpph.p + dptb.p) };
}

function row(l: number, p: number): Gendered {
  return { l, p, j: l + p };
}

/** `n` people split into men and women at even odds. */
function split(n: number, random: SeededRandom): Gendered {
  const l = binomial(n, 0.5, random);
  return row(l, n - l);
}

function binomial(n: number, p: number, random: SeededRandom): number {
  let k = 0;
  for (let i = 0; i < n; i += 1) if (random.next() < p) k += 1;
  return k;
}

function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}
