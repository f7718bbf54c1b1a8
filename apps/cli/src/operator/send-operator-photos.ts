import { chunkOffset, type BlobStore } from '@titip/photos';
import type { PhotoRef } from '@titip/records';
import type { FrameProtocolHost } from '@titip/sync';
import { awaitPhotosAtPeer, type PhotosAtPeer } from './await-photos-at-peer.js';

/** A photo of a submission and where it stands. */
export interface OperatorPhoto {
  readonly sha256: string;
  readonly page: number;
  readonly size: number;
}

/** What {@link sendOperatorPhotos} found. */
export interface SentPhotos {
  /** Photos the next hop holds whole. */
  readonly atNextHop: readonly OperatorPhoto[];
  /** Photos held here that the next hop does not hold whole yet, with the bytes it holds of each. */
  readonly pending: readonly (OperatorPhoto & { readonly bytesAtPeer: number })[];
  /** Photos the submission references that this device does not hold whole (so it cannot send them). */
  readonly notOnDevice: readonly OperatorPhoto[];
  /** The peer id of the next hop that holds the most of them, when one holds any. */
  readonly peer?: string;
}

/** Options of {@link sendOperatorPhotos}. */
export interface SendPhotosOptions {
  /** How long to wait for a peer to hold every photo. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Called once, with the number of photos to wait for, before waiting. */
  readonly onWait?: (count: number) => void;
}

/**
 * Waits until one of the operator's next hops (the `--peer` addresses) holds every photo of a submission that this
 * device holds; the photo transfer running on `node` serves them meanwhile. Never rejects: what is not confirmed
 * in time is `pending`.
 */
export async function sendOperatorPhotos(
  node: FrameProtocolHost,
  blobs: Pick<BlobStore, 'info'>,
  refs: readonly PhotoRef[],
  peers: readonly string[],
  options: SendPhotosOptions,
): Promise<SentPhotos> {
  const brief = (ref: PhotoRef): OperatorPhoto => ({ sha256: ref.sha256, page: ref.page, size: ref.size });
  const notOnDevice = refs.filter((ref) => blobs.info(ref.sha256)?.complete !== true).map(brief);
  const toSend = refs.filter((ref) => blobs.info(ref.sha256)?.complete === true);
  if (toSend.length === 0) return { atNextHop: [], pending: [], notOnDevice };
  options.onWait?.(toSend.length);
  const ids = [...new Set(peers.map((address) => address.slice(address.lastIndexOf('/p2p/') + 5)))];
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const hashes = toSend.map((ref) => ref.sha256);
  let answers: { peer: string; at: PhotosAtPeer }[];
  try {
    answers = await Promise.all(
      ids.map(async (peer) => {
        const at = await awaitPhotosAtPeer(node, peer, hashes, { timeoutMs: options.timeoutMs, signal: stop.signal });
        if (at.pending.length === 0) stop.abort(); // one next hop holds them all: done
        return { peer, at };
      }),
    );
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  const best = answers.sort((a, b) => b.at.held.length - a.at.held.length)[0];
  if (best === undefined) return { atNextHop: [], pending: toSend.map((ref) => ({ ...brief(ref), bytesAtPeer: 0 })), notOnDevice };
  const held = new Set(best.at.held);
  const from = new Map(best.at.pending.map((p) => [p.sha256, p.from]));
  return {
    atNextHop: toSend.filter((ref) => held.has(ref.sha256)).map(brief),
    pending: toSend
      .filter((ref) => !held.has(ref.sha256))
      .map((ref) => {
        const lowest = from.get(ref.sha256);
        return { ...brief(ref), bytesAtPeer: lowest === null || lowest === undefined ? 0 : Math.max(0, ref.size - chunkOffset(lowest)) };
      }),
    notOnDevice,
    ...(best.at.held.length > 0 || best.at.pending.some((p) => p.from !== null) ? { peer: best.peer } : {}),
  };
}
