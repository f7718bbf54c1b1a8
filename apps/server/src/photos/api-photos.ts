import type { PhotoState, RunningPhotos } from '@titip/photos';

/** What the server holds of one photo, for the HTTP API. */
export interface PhotoHolding {
  /** Held completely: `GET /api/v1/photos/<sha256>` serves it. */
  readonly held: boolean;
  /** Its state in the transfer (`complete` once held; `waiting`, `queued`, `fetching`, `dropped`, `skipped`). */
  readonly state: PhotoState;
  readonly bytesDone: number;
  readonly bytesTotal: number;
  /** Bytes per second it is arriving at (last 5 s). */
  readonly rate: number;
  /** The MIME type (of the signed reference when one is held, else of the stored copy). */
  readonly type: string;
}

/** The photo totals of `GET /api/v1/status`. */
export interface PhotoTotals {
  /** Photos referenced by the submissions held, held whole, and still missing (whole or in part). */
  readonly referenced: number;
  readonly held: number;
  readonly pending: number;
  readonly bytesTotal: number;
  readonly bytesDone: number;
  /** Bytes per second arriving / sent over every peer (last 5 s). */
  readonly rateIn: number;
  readonly rateOut: number;
  /** Peers photo bytes came from, with what each gave. */
  readonly peers: readonly { readonly peer: string; readonly bytesIn: number; readonly rateIn: number; readonly connected: boolean }[];
}

/** The photos as the HTTP API reads them (read-only). */
export interface ApiPhotos {
  /** What is held of a photo and how its transfer stands; `undefined` when it is neither held nor referenced. */
  holding(sha256: string): PhotoHolding | undefined;
  /** The whole photo, its hash checked, with its type; `undefined` unless held completely (`PhotoCorruptError` if the disk lies). */
  read(sha256: string): Promise<{ readonly bytes: Uint8Array; readonly type: string } | undefined>;
  totals(): PhotoTotals;
}

/** The {@link ApiPhotos} of a running photo store and transfer. */
export function apiPhotos(photos: RunningPhotos): ApiPhotos {
  const { blobs, transfer } = photos;
  return {
    holding(sha256) {
      const progress = transfer.photo(sha256);
      const info = blobs.info(sha256);
      if (progress) {
        return {
          held: info?.complete === true,
          state: progress.state,
          bytesDone: progress.bytesDone,
          bytesTotal: progress.bytesTotal,
          rate: progress.rate,
          type: progress.type,
        };
      }
      if (!info) return undefined;
      return { held: info.complete, state: info.complete ? 'complete' : 'fetching', bytesDone: info.heldBytes, bytesTotal: info.size, rate: 0, type: info.type };
    },
    async read(sha256) {
      const info = blobs.info(sha256);
      if (!info?.complete) return undefined;
      const bytes = await blobs.get(sha256);
      if (bytes === undefined) return undefined;
      return { bytes, type: transfer.photo(sha256)?.type ?? info.type };
    },
    totals() {
      const { totals, peers } = transfer.progress();
      return {
        referenced: totals.photos,
        held: totals.complete,
        pending: totals.photos - totals.complete - totals.dropped,
        bytesTotal: totals.bytesTotal,
        bytesDone: totals.bytesDone,
        rateIn: totals.rateIn,
        rateOut: totals.rateOut,
        peers: peers.filter((p) => p.bytesIn > 0).map((p) => ({ peer: p.peer, bytesIn: p.bytesIn, rateIn: p.rateIn, connected: p.connected })),
      };
    },
  };
}
