export { contributionOf, EMPTY_TOTALS, TotalsAccumulator, type Contribution, type RegionTotals } from './region-totals.js';
export { ElectionTotals, type ChildTotals } from './election-totals.js';
export { ResultTotals } from './result-totals.js';
