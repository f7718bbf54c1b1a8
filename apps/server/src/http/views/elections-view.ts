import type { ApiState } from '../api-state.js';
import { paslonList } from './format.js';

/** `GET /api/v1/elections`: the elections of the network file, with their ballot options and coverage. */
export function electionsView(state: ApiState) {
  return {
    elections: state.network.elections.map((e) => {
      const coverage = state.index.coverage(e.id);
      return {
        id: e.id,
        name: e.name,
        form: e.form,
        region: e.region,
        date: e.date,
        maxVotersPerTps: e.maxVotersPerTps,
        paslon: paslonList(e),
        tpsReporting: coverage.reporting,
        tpsCounted: coverage.counted,
        // held out of the totals: an equivocation sits above their current result
        tpsContested: state.index.contestedCount(e.id),
      };
    }),
  };
}
