import { ApiError } from '../../errors.js';
import type { ApiState } from '../api-state.js';
import { levelName, paslonList, totalsJson } from './format.js';

/**
 * `GET /api/v1/totals/:election/:region`: the region's totals from current results and one row per child region
 * with counted TPS (provinsi under the nation, …, TPS under a desa).
 * @throws {ApiError} 404 `UNKNOWN_ELECTION`.
 */
export function totalsView(state: ApiState, electionId: string, region: string) {
  const election = state.network.election(electionId);
  const totals = state.totals.election(electionId);
  if (election === undefined || totals === undefined) {
    throw new ApiError(404, 'UNKNOWN_ELECTION', `election ${JSON.stringify(electionId)} is not in the network file`);
  }
  return {
    election: { id: election.id, name: election.name, region: election.region },
    region: { code: region, level: levelName(region) },
    paslon: paslonList(election),
    totals: totalsJson(totals.totals(region), election),
    children: totals.children(region).map((row) => ({ region: row.region, level: levelName(row.region), ...totalsJson(row.totals, election) })),
  };
}
