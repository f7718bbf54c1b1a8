import type { Seed } from '@titip/demo/dataset';
import type { ReceiptLatencies } from './receipt-latency.js';

/** One document whose replicas did not end at the same digest, read back from each peer's data directory. */
export interface Divergence {
  readonly doc: string;
  /** Digest (first 16 hex digits, or `absent`) per peer name (`server`, `ppk-190601`, `pps-1906012001`, `operator-…`). */
  readonly digests: Record<string, string>;
}

/** The figures and findings of one chaos run, as written to `--report FILE`. */
export interface ChaosReport {
  readonly seed: Seed;
  readonly ok: boolean;
  /** Every check that failed, in words; empty when `ok`. */
  readonly failures: string[];
  /** The command that runs this schedule again. */
  readonly replay: string;
  readonly peers: { total: number; operators: number; islands: number; pps: number; ppk: number; carriers: number; server: number };
  /** Link flaps run (down, then up). */
  readonly flaps: number;
  /** SIGKILLs of relay processes, and restarts from disk that came up. */
  readonly kills: number;
  readonly restarts: number;
  /** Carrier voyages sailed again after one gave up at a stop (no answer within its tries). */
  readonly voyagesAgain: number;
  readonly submissions: {
    readonly signed: number;
    /** Of which second revisions. */
    readonly revisions: number;
    readonly atServer: number;
    readonly receiptsAtOperators: number;
  };
  readonly windowMs: number;
  /** From the last scheduled event (link up, restart, submission, departure) to every check holding; null if never. */
  readonly convergedAfterLastEventMs: number | null;
  /** Longest time from a result queued on a linked phone to its receipt there; islands (via the carrier) apart. */
  readonly maxReceiptLatencyMs: number | null;
  readonly maxIslandReceiptLatencyMs: number | null;
  /** The linked operators' receipt latencies: percentiles, and the slowest trip hop by hop. */
  readonly receiptLatency: ReceiptLatencies;
  /** Honest peers reported for misbehaving (each report bans the peer for 10 minutes): who reported whom, and why. */
  readonly misbehaviourReports: string[];
  /** When the checks did not hold in time: the sessions and connections of the peers on the paths that lagged. */
  readonly linkStates: string[];
  /** Sync bytes sent and received by the peers in this process (PPS, operators, carriers), over every session. */
  readonly bytes: { sent: number; received: number; sessions: number };
  /** Documents compared from disk after the stop, replicas compared, and those that differed. */
  readonly digests: { documents: number; replicas: number; divergent: Divergence[] };
  /** Server totals per kecamatan equal the sums of the current revisions the operators signed. */
  readonly totalsMatchSigned: boolean;
  /** Attestations beyond one per stage and submission (a relay signing again after a SIGKILL lost its first). */
  readonly extraAttestations: number;
  /**
   * What the machine was like: the 1-minute load average at the start and the end (other processes count: on 2 cores
   * a load of 10 leaves this process a fraction of one), and how late this process's event loop ran its timers.
   */
  readonly machine: { loadAverageAtStart: number; loadAverageAtEnd: number; eventLoopDelayMs: { p50: number; p99: number; max: number } };
  readonly durationMs: number;
}
