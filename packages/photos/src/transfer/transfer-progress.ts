import type { ChunkFailure } from '../errors.js';
import type { DroppedPhoto, PhotoType } from '../store/photo-types.js';

/** Where a referenced photo stands at this peer. */
export type PhotoState =
  /** Needed, but no connected peer has said it holds the next chunk. */
  | 'waiting'
  /** Needed and a connected peer holds it; its turn has not come. */
  | 'queued'
  /** Chunks of it are being fetched. */
  | 'fetching'
  | 'complete'
  /** Evicted for the budget (or not fetched because of it). */
  | 'dropped'
  /** Not fetched: the `fetch` filter declined it, or its references conflict. */
  | 'skipped';

/** Progress of one photo. */
export interface PhotoProgress {
  readonly sha256: string;
  readonly size: number;
  readonly type: PhotoType;
  readonly pages: readonly number[];
  readonly submissions: readonly string[];
  readonly tps: readonly string[];
  readonly state: PhotoState;
  /** Bytes held (verified). */
  readonly bytesDone: number;
  /** The whole photo's size. */
  readonly bytesTotal: number;
  /** Bytes per second it is arriving at (last 5 s). */
  readonly rate: number;
  /** The peer it is being fetched from, while fetching. */
  readonly source?: string;
  /** Its place in the fetch order among needed photos (0 = next); absent when not needed. */
  readonly rank?: number;
  /** This peer's clock when its first chunk was requested / when it completed (ms). */
  readonly startedAt?: number;
  readonly completedAt?: number;
}

/** Photo traffic with one peer. */
export interface PeerProgress {
  readonly peer: string;
  /** A photo channel to it is open (we fetch from it). */
  readonly connected: boolean;
  /** Refused for misbehaving until this time (ms), if it is. */
  readonly bannedUntil?: number;
  readonly bytesIn: number;
  readonly bytesOut: number;
  readonly chunksIn: number;
  readonly chunksOut: number;
  /** Bytes per second received from / sent to it (last 5 s). */
  readonly rateIn: number;
  readonly rateOut: number;
  /** Photo bytes requested from it and not yet received. */
  readonly inFlightBytes: number;
  /** The current cap on `inFlightBytes`. */
  readonly windowBytes: number;
  /** Bytes of photos it holds that we still need (as far as it told us). */
  readonly availableBytes: number;
  /** Chunks from it that failed verification. */
  readonly badChunks: number;
}

/** Totals of a peer's photo transfer. */
export interface TransferTotals {
  /** Photos referenced by held submissions. */
  readonly photos: number;
  readonly complete: number;
  /** Bytes of all referenced photos, and of those held. */
  readonly bytesTotal: number;
  readonly bytesDone: number;
  /** Bytes per second arriving over every peer (last 5 s). */
  readonly rateIn: number;
  /** Bytes per second sent to every peer (last 5 s). */
  readonly rateOut: number;
  readonly dropped: number;
}

/** A snapshot of the photo transfer: for the relay status line, the server and the field app. */
export interface TransferProgress {
  readonly totals: TransferTotals;
  /** Every referenced photo, in fetch order (needed ones first, by priority). */
  readonly photos: readonly PhotoProgress[];
  readonly peers: readonly PeerProgress[];
}

/** A peer that broke the photo protocol. */
export interface PhotoMisbehaviour {
  readonly peer: string;
  /** 'bad-chunk', 'malformed', 'version', 'unrequested-chunk', 'manifest-mismatch', 'too-many-requests', or the reason of a reject it sent. */
  readonly code: string;
  readonly detail: string;
  readonly photo?: string;
  readonly index?: number;
  readonly at: number;
}

/** Something that happened in the transfer. */
export type TransferEvent =
  | { readonly type: 'chunk-received'; readonly peer: string; readonly photo: string; readonly index: number; readonly bytes: number }
  | { readonly type: 'chunk-served'; readonly peer: string; readonly photo: string; readonly index: number; readonly bytes: number }
  | { readonly type: 'photo-complete'; readonly photo: string; readonly peer: string; readonly bytes: number; readonly ms: number }
  | { readonly type: 'bad-chunk'; readonly peer: string; readonly photo: string; readonly index: number; readonly failure: ChunkFailure }
  | { readonly type: 'photo-dropped'; readonly photo: DroppedPhoto }
  | { readonly type: 'misbehaviour'; readonly report: PhotoMisbehaviour };
