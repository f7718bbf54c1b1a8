import type { Network } from '@titip/config';
import type { ResultTotals } from '../aggregate/result-totals.js';
import type { ResultsIndex } from '../index/results-index.js';
import type { ReceiptIssuerStats } from '../ingest/receipt-issuer.js';
import type { ApiPhotos } from '../photos/api-photos.js';

/** What the HTTP API reads: the server's parts, read-only. */
export interface ApiState {
  readonly network: Network;
  readonly index: ResultsIndex;
  readonly totals: ResultTotals;
  /** The server's signing key (hex). */
  readonly serverKey: string;
  /** libp2p peer id. */
  readonly peerId: string;
  /** Multiaddrs others can dial. */
  addresses(): string[];
  /** Objects and documents held by the replica. */
  held(): { objects: number; documents: number };
  /** The raw signed bytes of an object held. */
  object(id: string): Uint8Array | undefined;
  /** Open sync sessions. */
  sessions(): number;
  /** Misbehaviour reports of the sync engine. */
  misbehaviourReports(): number;
  receipts(): ReceiptIssuerStats;
  /** The photos of the submissions held (`GET /api/v1/photos/:sha256`, the TPS view, the status). */
  readonly photos: ApiPhotos;
  readonly startedAt: number;
  now(): number;
}
