import type { CredentialChain, Network } from '@titip/config';
import { toHex, type KeyPair } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';
import { silentLogger, type Logger } from '@titip/log';
import type { SubmissionRecord } from '@titip/records';
import type { CredentialStanding } from '@titip/sync';
import { ResultTotals } from './aggregate/result-totals.js';
import { ResultsIndex } from './index/results-index.js';
import { IngestPipeline, type IngestSource } from './ingest/ingest-pipeline.js';
import { ReceiptIssuer, type ReceiptSink } from './ingest/receipt-issuer.js';

/** Options of {@link attachServerCore}. */
export interface ServerCoreOptions {
  /** The replica (`Replica` of `@titip/sync`): objects are read from it and receipts added to it. */
  readonly replica: IngestSource & ReceiptSink;
  readonly network: Network;
  readonly keyPair: KeyPair;
  readonly credential: CredentialChain;
  /**
   * Whether each record counts at the time it was first witnessed (`CredentialStanding` of `@titip/sync`, opened on
   * the same replica). With it, a submission counts in the totals, and is receipted, only once judged counted; one
   * judged not counted (expired or revoked when first witnessed) is held and shown with its reason. Without it every
   * verified submission counts.
   */
  readonly standing?: Pick<CredentialStanding, 'standingOf' | 'onChange' | 'wouldStand'>;
  /** @default Date.now */
  readonly now?: () => number;
  readonly logger?: Logger;
}

/** The server's logic on a replica: index, totals, receipts. */
export interface ServerCore {
  readonly index: ResultsIndex;
  readonly totals: ResultTotals;
  readonly issuer: ReceiptIssuer;
  /** The server's public key, hex. */
  readonly serverKey: string;
  /** Records indexed from what the replica held at start. */
  readonly loaded: number;
  /** Stops following the replica and waits for the receipts being written. */
  stop(): Promise<void>;
}

/**
 * Attaches the server's logic to a replica: every object held or arriving is indexed, current results feed the
 * totals, and every submission of a known election gets one receipt. Used by `startServer`; works on any replica
 * (a memory one in tests).
 */
export function attachServerCore(options: ServerCoreOptions): ServerCore {
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;
  const serverKey = toHex(options.keyPair.publicKey);
  const standing = options.standing;
  const index = new ResultsIndex({ judged: standing !== undefined });
  const totals = new ResultTotals(options.network.elections.map((e) => e.id));
  index.onCurrentChange((change) => totals.update(change.tps, change.election, change.current));
  const issuer = new ReceiptIssuer({
    sink: options.replica,
    keyPair: options.keyPair,
    credential: options.credential,
    network: options.network,
    provider: nodeEd25519,
    isReceipted: (id) => index.hasReceiptBy(id, serverKey),
    now,
    logger: logger.child('receipts'),
    // Submissions arriving by sync are receipted in the write that stores them; with standing, those that would count
    // if first seen now (the receipt then pins that time), the others wait for their standing once stored.
    alongsideMerges: true,
    ...(standing ? { receiptAlongside: (submission: SubmissionRecord, at: number) => standing.wouldStand(submission, at)?.counted === true } : {}),
  });
  // With standing, a submission is receipted once judged counted, at the time the server first indexed it.
  const waiting = new Map<string, { submission: SubmissionRecord; at: number }>();
  const judged = (id: string) => {
    const verdict = standing?.standingOf(id);
    if (verdict === undefined || !index.judge(id, verdict)) return;
    const held = waiting.get(id);
    if (held !== undefined && verdict.counted) {
      waiting.delete(id);
      issuer.offer(held.submission, held.at);
    }
  };
  const unfollow = standing?.onChange((change) => {
    if (change.record.kind === 'submission') judged(change.record.id);
  });
  const ingest = new IngestPipeline({
    source: options.replica,
    index,
    onSubmission: (submission, at) => {
      if (standing === undefined) return issuer.offer(submission, at);
      waiting.set(submission.id, { submission, at });
      judged(submission.id);
    },
    now,
    logger: logger.child('ingest'),
  });
  const loaded = ingest.start();
  return {
    index,
    totals,
    issuer,
    serverKey,
    loaded,
    async stop() {
      unfollow?.();
      ingest.stop();
      await issuer.stop();
    },
  };
}
