import { checkCHasil, type CHasilKwk } from '@titip/election';
import { electionKeys, type BelitungTimur, type ElectionKey, type Kecamatan } from './belitung-timur.js';
import { distributePilkadaTps, pilkadaTpsPerDesa, type PilkadaTps } from './distribute-pilkada-tps.js';
import { GenerationError } from './errors.js';
import { fitVoteMatrix } from './fit-vote-matrix.js';
import { generateVoters, type TpsVoters } from './generate-voters.js';
import { generationParameters as g } from './generation-parameters.js';
import { largestRemainder } from './largest-remainder.js';
import { loadBelitungTimur } from './load-belitung-timur.js';
import { checkSeed, createRandom, type Seed, type SeededRandom } from './seeded-random.js';

/** A TPS with its synthetic C.Hasil of both elections. */
export interface TpsResult extends PilkadaTps {
  /** The complete Model C.Hasil-KWK of each election; `pemilih`, `pengguna` and `disabilitas` are the same in both. */
  forms: Record<ElectionKey, CHasilKwk>;
}

/** What {@link generateResults} returns. */
export interface GeneratedResults {
  /** The seed used. */
  seed: Seed;
  /** Every TPS in {@link distributePilkadaTps} order. */
  tps: TpsResult[];
}

/** Options of {@link generateResults}. */
export interface GenerateResultsOptions {
  /** Seed of every random choice: the same seed gives the same numbers. */
  seed: Seed;
  /** @default loadBelitungTimur() */
  dataset?: BelitungTimur;
}

/**
 * Synthetic but consistent results for every TPS and both elections. Per kecamatan, each paslon's votes over its
 * TPS add up exactly to the published kecamatan total; every form passes `checkCHasil` against its election with
 * no violations and no warnings; the DPT of a TPS stays within the elections' cap. Method: `docs/demo-data.md`.
 * @throws {InvalidArgumentError} for a bad seed.
 * @throws {GenerationError} when the published totals cannot fit the TPS under the cap, or (a bug) a form fails its checks.
 */
export function generateResults(options: GenerateResultsOptions): GeneratedResults {
  const seed = checkSeed(options.seed);
  const dataset = options.dataset ?? loadBelitungTimur();
  const cap = Math.min(...electionKeys.map((e) => dataset.elections[e].maxVotersPerTps));
  const tpsList = distributePilkadaTps(dataset.kecamatan);
  const results: TpsResult[] = [];
  for (const kecamatan of dataset.kecamatan) {
    const list = tpsList.filter((t) => t.kecamatan === kecamatan.kode);
    results.push(...generateKecamatan(dataset, kecamatan, list, cap, seed));
  }
  for (const result of results) selfCheck(dataset, result);
  return { seed, tps: results };
}

function generateKecamatan(dataset: BelitungTimur, kecamatan: Kecamatan, list: PilkadaTps[], cap: number, seed: Seed): TpsResult[] {
  const k = kecamatan.kode;
  const validTotals = Object.fromEntries(electionKeys.map((e) => [e, sumValues(dataset.published[e][k] ?? {})])) as Record<ElectionKey, number>;
  const maxValid = Math.max(...electionKeys.map((e) => validTotals[e]));
  const sizeRandom = createRandom(seed, `size/${k}`);
  const baseInvalid = Math.round(maxValid * sizeRandom.uniform(...g.invalidRate));
  const voterTotal = maxValid + baseInvalid;
  const voters = splitVoters(voterTotal, tpsSizeWeights(kecamatan, list, sizeRandom), Math.floor(cap * g.maxTurnout), k);
  const rows = list.map((t, i) => generateVoters(voters[i] ?? 0, cap, createRandom(seed, `voters/${t.tps}`)));
  const votes = {} as Record<ElectionKey, number[][]>;
  for (const e of electionKeys) votes[e] = splitVotes(dataset, e, kecamatan, list, voters, baseInvalid, maxValid - validTotals[e], seed);
  return list.map((t, i) => ({
    ...t,
    forms: Object.fromEntries(electionKeys.map((e) => [e, buildForm(dataset, e, rows[i]!, votes[e][i]!, createRandom(seed, `ballots/${e}/${t.tps}`))])) as Record<ElectionKey, CHasilKwk>,
  }));
}

/** Size weight of each TPS: its desa's Pemilu TPS per Pilkada TPS (voters per TPS), times seeded noise. */
function tpsSizeWeights(kecamatan: Kecamatan, list: readonly PilkadaTps[], random: SeededRandom): number[] {
  const counts = pilkadaTpsPerDesa(kecamatan);
  const perTps = new Map(kecamatan.desa.map((d, i) => [d.kode, d.tpsPemilu / (counts[i] ?? 1)]));
  return list.map((t) => (perTps.get(t.desa) ?? 1) * Math.exp(g.sizeSpread * random.normal()));
}

/** Splits the kecamatan's voters over its TPS by largest remainder, no TPS above `maxVoters` (water-filling). */
function splitVoters(total: number, weights: number[], maxVoters: number, kecamatan: string): number[] {
  if (total > maxVoters * weights.length) {
    throw new GenerationError(`kecamatan ${kecamatan}: ${total} voters do not fit ${weights.length} TPS of at most ${maxVoters}`);
  }
  const quotas = new Array<number>(weights.length).fill(0);
  const capped = new Set<number>();
  for (;;) {
    const free = weights.map((_, i) => i).filter((i) => !capped.has(i));
    const freeTotal = total - capped.size * maxVoters;
    const freeWeight = free.reduce((s, i) => s + (weights[i] ?? 0), 0);
    for (const i of free) quotas[i] = (freeTotal * (weights[i] ?? 0)) / freeWeight;
    const over = free.filter((i) => (quotas[i] ?? 0) > maxVoters);
    if (over.length === 0) break;
    for (const i of over) {
      capped.add(i);
      quotas[i] = maxVoters;
    }
  }
  const voters = largestRemainder(quotas, total);
  if (voters.some((v) => v > maxVoters)) throw new GenerationError(`kecamatan ${kecamatan}: a TPS exceeds ${maxVoters} voters`);
  return voters;
}

/**
 * Votes per TPS and paslon for one election. Invalid votes first: `baseInvalid` (the same count for both
 * elections) spread widely over the TPS, plus `gapInvalid` (how many fewer valid votes this election has than the
 * other in the kecamatan: the same voters cast both ballots) spread closely in proportion to TPS size. Then the
 * valid votes are fitted to both margins.
 */
function splitVotes(dataset: BelitungTimur, e: ElectionKey, kecamatan: Kecamatan, list: readonly PilkadaTps[], voters: readonly number[], baseInvalid: number, gapInvalid: number, seed: Seed): number[][] {
  const k = kecamatan.kode;
  const paslon = dataset.elections[e].paslon.map((p) => p.id);
  const totals = paslon.map((id) => dataset.published[e][k]?.[id] ?? 0);
  const invalidRandom = createRandom(seed, `invalid/${e}/${k}`);
  const base = largestRemainder(voters.map((v) => v * Math.exp(g.invalidSpread * invalidRandom.normal())), baseInvalid);
  const gap = largestRemainder(voters.map((v) => v * Math.exp(g.invalidGapSpread * invalidRandom.normal())), gapInvalid);
  const valid = voters.map((v, i) => v - (base[i] ?? 0) - (gap[i] ?? 0));
  if (valid.some((v) => v < 0)) throw new GenerationError(`kecamatan ${k}, ${e}: more invalid votes than voters at a TPS`);
  const prefRandom = createRandom(seed, `preference/${e}/${k}`);
  const validTotal = sumValues(totals);
  const desaEffect = new Map(kecamatan.desa.map((d) => [d.kode, paslon.map(() => g.desaPreferenceSpread * prefRandom.normal())]));
  const preference = list.map((t) => totals.map((c, p) =>
    (c / Math.max(validTotal, 1)) * Math.exp((desaEffect.get(t.desa)?.[p] ?? 0) + g.tpsPreferenceSpread * prefRandom.normal())));
  return fitVoteMatrix(valid, totals, preference);
}

function buildForm(dataset: BelitungTimur, e: ElectionKey, rows: TpsVoters, votes: readonly number[], random: SeededRandom): CHasilKwk {
  const paslon = dataset.elections[e].paslon.map((p) => p.id);
  const digunakan = rows.pengguna.total.j;
  if (digunakan > rows.diterima) throw new GenerationError(`${digunakan} voters for ${rows.diterima} ballots received`);
  const dikembalikan = Math.min(random.int(...g.dikembalikan), rows.diterima - digunakan);
  const sah = sumValues(votes);
  return {
    form: 'kwk',
    pemilih: structuredClone(rows.pemilih),
    pengguna: structuredClone(rows.pengguna),
    disabilitas: structuredClone(rows.disabilitas),
    suratSuara: { diterima: rows.diterima, digunakan, dikembalikan, tidakDigunakan: rows.diterima - digunakan - dikembalikan },
    suara: { paslon: Object.fromEntries(paslon.map((id, p) => [id, votes[p] ?? 0])), sah, tidakSah: digunakan - sah, total: digunakan },
  };
}

function selfCheck(dataset: BelitungTimur, result: TpsResult): void {
  for (const e of electionKeys) {
    const report = checkCHasil(result.forms[e], dataset.elections[e]);
    const failed = [...report.violations, ...report.warnings];
    if (failed.length > 0) {
      throw new GenerationError(`TPS ${result.tps}, ${e}: ${failed.slice(0, 3).map((v) => `${v.rule} ${v.fields[0] ?? ''}`).join(', ')}`);
    }
  }
}

function sumValues(values: Record<string, number> | readonly number[]): number {
  return Object.values(values).reduce((a: number, b: number) => a + b, 0);
}
