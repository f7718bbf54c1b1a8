import { GenerationError } from './errors.js';
import { largestRemainder } from './largest-remainder.js';

/**
 * An integer matrix `votes[t][p]` (TPS × paslon) whose row sums are exactly `rowTotals` (valid votes per TPS) and
 * whose column sums are exactly `columnTotals` (a paslon's votes in the kecamatan), shaped like `preference`
 * (positive weights, e.g. the kecamatan's vote shares times seeded noise).
 *
 * Method: iterative proportional fitting of `rowTotals[t] × preference[t][p]` to both margins, then every column
 * but the last is rounded by largest remainder to its exact total and the last column takes what each row has
 * left; a row left negative is repaired by 2×2 swaps, which keep every row and column sum.
 * @throws {GenerationError} when the margins disagree (Σ rows ≠ Σ columns) or the shapes do not match.
 */
export function fitVoteMatrix(rowTotals: readonly number[], columnTotals: readonly number[], preference: readonly (readonly number[])[]): number[][] {
  const rows = rowTotals.length;
  const cols = columnTotals.length;
  const sumRows = rowTotals.reduce((a, b) => a + b, 0);
  const sumCols = columnTotals.reduce((a, b) => a + b, 0);
  if (sumRows !== sumCols) throw new GenerationError(`vote margins disagree: Σ TPS ${sumRows} ≠ Σ paslon ${sumCols}`);
  if (cols === 0 || preference.length !== rows || preference.some((r) => r.length !== cols)) {
    throw new GenerationError('vote matrix shapes do not match');
  }
  const m = rowTotals.map((r, t) => columnTotals.map((c, p) => (c === 0 ? 0 : r * Math.max(preference[t]?.[p] ?? 0, 1e-9))));
  for (let iter = 0; iter < 500; iter += 1) {
    let worst = 0;
    for (let p = 0; p < cols; p += 1) {
      const s = m.reduce((acc, row) => acc + (row[p] ?? 0), 0);
      const target = columnTotals[p] ?? 0;
      worst = Math.max(worst, Math.abs(s - target));
      if (s > 0) for (const row of m) row[p] = (row[p] ?? 0) * (target / s);
    }
    m.forEach((row, t) => {
      const s = row.reduce((a, b) => a + b, 0);
      if (s > 0) row.forEach((v, p) => { row[p] = v * ((rowTotals[t] ?? 0) / s); });
    });
    if (worst < 1e-7) break;
  }
  const votes: number[][] = rowTotals.map(() => new Array<number>(cols).fill(0));
  for (let p = 0; p < cols - 1; p += 1) {
    const column = largestRemainder(m.map((row) => row[p] ?? 0), columnTotals[p] ?? 0);
    column.forEach((v, t) => { votes[t]![p] = v; });
  }
  const last = cols - 1;
  votes.forEach((row, t) => {
    row[last] = (rowTotals[t] ?? 0) - row.reduce((a, b, p) => (p === last ? a : a + b), 0);
  });
  repairNegativeLastColumn(votes, last);
  return votes;
}

/** Moves votes by 2×2 swaps (t: p −1, last +1; u: p +1, last −1) until no cell of the last column is negative. */
function repairNegativeLastColumn(votes: number[][], last: number): void {
  for (let t = 0; t < votes.length; t += 1) {
    const row = votes[t]!;
    while ((row[last] ?? 0) < 0) {
      const p = row.findIndex((v, i) => i !== last && v > 0);
      const u = votes.findIndex((other) => (other[last] ?? 0) > 0);
      if (p < 0 || u < 0) throw new GenerationError('cannot round the vote matrix');
      row[p]! -= 1;
      row[last]! += 1;
      votes[u]![p]! += 1;
      votes[u]![last]! -= 1;
    }
  }
}
