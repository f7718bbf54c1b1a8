import { PHOTO_MAX_FRAME_BYTES, PHOTO_PROTOCOL_ID, PhotoClient } from '@titip/photos';
import { openFrameChannel, type FrameProtocolHost } from '@titip/sync';

/** What a peer said it holds of each photo asked about. */
export interface PhotosAtPeer {
  /** The photos it holds whole. */
  readonly held: readonly string[];
  /** The photos it does not (yet) hold whole, with the lowest chunk it holds (`null`: none of it, or it did not say). */
  readonly pending: readonly { readonly sha256: string; readonly from: number | null }[];
}

/** Options of {@link awaitPhotosAtPeer}. */
export interface AwaitPhotosOptions {
  /** How long to wait for every photo to be held there. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/**
 * Asks `peer` over `/titip/photos/1.0.0` which of `photos` it holds, and follows its answers (a peer tells the asker
 * whenever a photo it asked about grows) until it holds every one whole, the time is up, or the channel closes.
 * This is how an operator knows the next hop has the page photos, not only the numbers. Never rejects: what was not
 * confirmed in time is in `pending`.
 */
export async function awaitPhotosAtPeer(node: FrameProtocolHost, peer: string, photos: readonly string[], options: AwaitPhotosOptions): Promise<PhotosAtPeer> {
  const holdings = new Map<string, number | null>();
  const result = (): PhotosAtPeer => ({
    held: photos.filter((p) => holdings.get(p) === 0),
    pending: photos.filter((p) => holdings.get(p) !== 0).map((sha256) => ({ sha256, from: holdings.get(sha256) ?? null })),
  });
  if (photos.length === 0 || options.signal?.aborted) return result();
  let channel;
  try {
    channel = await openFrameChannel(node, peer, PHOTO_PROTOCOL_ID, { maxFrameBytes: PHOTO_MAX_FRAME_BYTES, maxOutboundStreams: 2, ...(options.signal ? { signal: options.signal } : {}) });
  } catch {
    return result();
  }
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const client = new PhotoClient({
    channel,
    onChunk: async () => {},
    onHave: (photo, from) => {
      holdings.set(photo, from);
      if (photos.every((p) => holdings.get(p) === 0)) finish();
    },
  });
  const timer = setTimeout(finish, options.timeoutMs);
  options.signal?.addEventListener('abort', finish, { once: true });
  void client.run().then(finish);
  try {
    client.ask(photos);
    await finished;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', finish);
    await client.close().catch(() => undefined);
  }
  return result();
}
