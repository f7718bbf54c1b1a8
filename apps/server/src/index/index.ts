export { ResultsIndex, type CurrentChange, type IndexCounts, type ElectionCoverage } from './results-index.js';
export { summariseAttestation, summariseReceipt, type AttestationSummary, type ReceiptSummary } from './summaries.js';
