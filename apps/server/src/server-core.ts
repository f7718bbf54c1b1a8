import type { CredentialChain, Network } from '@titip/config';
import { toHex, type KeyPair } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';
import { silentLogger, type Logger } from '@titip/log';
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
  const index = new ResultsIndex();
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
  });
  const ingest = new IngestPipeline({
    source: options.replica,
    index,
    onSubmission: (submission, at) => issuer.offer(submission, at),
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
      ingest.stop();
      await issuer.stop();
    },
  };
}
