/**
 * `@titip/chaos`: a seeded chaos simulation of the Belitung Timur network (PPS and PPK relays, operators, carriers,
 * the KPU server) with random link flaps and relays killed with SIGKILL and restarted from disk.
 * @packageDocumentation
 */
export { ChaosError, type ChaosErrorCode } from './scenario/errors.js';
export {
  chaosSchedule,
  MIN_LINK_UP_MS,
  type ChaosSchedule,
  type ChaosScheduleOptions,
  type ChaosTopology,
  type FlapEvent,
  type KillEvent,
  type SubmitEvent,
  type CarrierTrip,
} from './scenario/chaos-schedule.js';
export { runChaos, type ChaosOptions } from './run/run-chaos.js';
export type { ChaosReport, Divergence } from './run/chaos-report.js';
export { startRelayProcess, type RelayProcess } from './run/relay-process.js';
export { readStoredDocuments, type StoredDocument } from './run/disk-audit.js';
export { meterBytes, type ByteMeter } from './run/byte-meter.js';
export { correctedForm } from './run/corrected-form.js';
export { checkServerResults, serverTotals, serverSubmissionCount, type SignedResult, type ServerFindings } from './run/server-checks.js';
export { receiptLatencies, type ReceiptLatencies, type ReceiptTrip } from './run/receipt-latency.js';
export { linkState } from './run/link-state.js';
