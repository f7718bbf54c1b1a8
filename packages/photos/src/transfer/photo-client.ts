import { fromHex, toHex } from '@titip/identity';
import { silentLogger, type Logger } from '@titip/log';
import type { FrameChannel } from '@titip/sync';
import { CHUNK_SIZE, MAX_CHUNKS_PER_WANT, MAX_PHOTOS_PER_MESSAGE } from '../constants.js';
import { PhotoError } from '../errors.js';
import type { PhotoChunk } from '../store/photo-types.js';
import { decodePhotoMessage, encodePhotoMessage } from '../wire/message-codec.js';
import type { ManifestMessage, PhotoMessage } from '../wire/messages.js';
import { RateMeter } from './rate-meter.js';

/** Options of {@link PhotoClient}. */
export interface PhotoClientOptions {
  /** An outbound channel of `/titip/photos/1.0.0`: this side asks, the remote answers. */
  readonly channel: FrameChannel;
  /** Cap on photo bytes requested and not yet received. @default 1 MiB */
  readonly maxInFlightBytes?: number;
  /**
   * The in-flight cap follows the measured delivery rate: about this many milliseconds of it, at least one chunk.
   * This bounds how long a numbers frame can wait behind photo bytes already sent. @default 1000
   */
  readonly targetDelayMs?: number;
  /** Called with each requested chunk, in arrival order; the next frame is read once it settles. */
  readonly onChunk: (photo: string, chunk: PhotoChunk) => Promise<void>;
  /** Called when the remote states what it holds of a photo (null: nothing). */
  readonly onHave?: (photo: string, from: number | null) => void;
  /** Called with the remote's manifest of a photo before its first chunk; throw to refuse the remote. */
  readonly onManifest?: (photo: string, manifest: ManifestMessage) => void;
  /** Called when the remote breaks the protocol (the channel is then refused and closed). */
  readonly onMisbehaviour?: (code: string, detail: string) => void;
  /** @default Date.now */
  readonly now?: () => number;
  readonly logger?: Logger;
}

interface Request {
  readonly bytes: number;
  readonly at: number;
  /** Bytes this client had received when the request went out. */
  readonly receivedBefore: number;
}

/**
 * The fetching side of one photo channel: sends `ask` and `want`, keeps what the remote said it holds, the chunks
 * requested and not yet received, and the delivery rate that sizes the in-flight window. Chunks are handed to
 * `onChunk` one at a time, in order; which chunks to request is the caller's decision.
 */
export class PhotoClient {
  /** The server's peer id. */
  readonly peer: string;
  /** What the remote holds: the lowest chunk index of each photo (null: nothing), as far as it said. */
  readonly holdings = new Map<string, number | null>();
  /** Photos already asked about on this channel. */
  readonly asked = new Set<string>();
  /** Chunk bytes received, for rates. */
  readonly meter = new RateMeter();
  readonly #channel: FrameChannel;
  readonly #options: PhotoClientOptions;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #maxInFlight: number;
  readonly #targetDelayMs: number;
  /** Requested chunks per photo, in the order requested (highest index first). */
  readonly #inFlight = new Map<string, Map<number, Request>>();
  /** Requests given up after a `have` said they would not come; such a chunk is still accepted if it does. */
  readonly #forgiven = new Set<string>();
  #inFlightBytes = 0;
  #deliveryRate: number | undefined;
  #received = 0;
  #chunksIn = 0;
  #closed = false;
  #refusing = false;
  readonly #done: Promise<void>;
  #resolveDone!: () => void;

  constructor(options: PhotoClientOptions) {
    this.peer = options.channel.remotePeer;
    this.#channel = options.channel;
    this.#options = options;
    this.#logger = (options.logger ?? silentLogger).child('photo-client');
    this.#now = options.now ?? Date.now;
    this.#maxInFlight = options.maxInFlightBytes ?? 1024 * 1024;
    this.#targetDelayMs = options.targetDelayMs ?? 1000;
    this.#done = new Promise((resolve) => (this.#resolveDone = resolve));
  }

  /** True once the channel has ended. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Resolves when the channel has ended. */
  get done(): Promise<void> {
    return this.#done;
  }

  /** Bytes requested and not yet received. */
  get inFlightBytes(): number {
    return this.#inFlightBytes;
  }

  /** Chunks received. */
  get chunksIn(): number {
    return this.#chunksIn;
  }

  /** The current cap on in-flight bytes: the delivery rate times the target delay, between one chunk and the maximum. */
  get windowBytes(): number {
    if (this.#deliveryRate === undefined) return CHUNK_SIZE;
    const wanted = (this.#deliveryRate * this.#targetDelayMs) / 1000;
    return Math.max(CHUNK_SIZE, Math.min(this.#maxInFlight, Math.floor(wanted)));
  }

  /** True when `bytes` more may be requested now (the window is at least one chunk, so one always fits when idle). */
  canRequest(bytes: number): boolean {
    return !this.#closed && this.#inFlightBytes + bytes <= this.windowBytes;
  }

  /** The chunk indices of `photo` requested and not yet received, in request order. */
  inFlightFor(photo: string): number[] {
    return [...(this.#inFlight.get(photo)?.keys() ?? [])];
  }

  /** Photos with chunks in flight. */
  photosInFlight(): string[] {
    return [...this.#inFlight.keys()];
  }

  /** Asks which of `photos` the remote holds (in messages of at most 256). */
  ask(photos: readonly string[]): void {
    const fresh = photos.filter((p) => !this.asked.has(p));
    for (const p of fresh) this.asked.add(p);
    for (let i = 0; i < fresh.length; i += MAX_PHOTOS_PER_MESSAGE) {
      this.#send({ t: 'ask', v: 1, photos: fresh.slice(i, i + MAX_PHOTOS_PER_MESSAGE).map((p) => fromHex(p)) });
    }
  }

  /** Requests chunks of one photo (`lengths[i]` is the size of chunk `indices[i]`). */
  want(photo: string, indices: readonly number[], lengths: readonly number[]): void {
    if (this.#closed || indices.length === 0) return;
    const requests = this.#inFlight.get(photo) ?? new Map<number, Request>();
    this.#inFlight.set(photo, requests);
    const at = this.#now();
    for (let start = 0; start < indices.length; start += MAX_CHUNKS_PER_WANT) {
      const batch = indices.slice(start, start + MAX_CHUNKS_PER_WANT);
      batch.forEach((index, i) => {
        const bytes = lengths[start + i]!;
        requests.set(index, { bytes, at, receivedBefore: this.#received });
        this.#inFlightBytes += bytes;
      });
      this.#send({ t: 'want', v: 1, photo: fromHex(photo), chunks: batch });
    }
  }

  /** Reads the channel until it ends; never rejects. */
  async run(): Promise<void> {
    try {
      for await (const frame of this.#channel.frames()) {
        if (this.#closed) break;
        let message: PhotoMessage;
        try {
          message = decodePhotoMessage(frame);
        } catch (error) {
          const code = error instanceof PhotoError && error.code === 'PHOTO_WIRE_VERSION' ? 'version' : 'malformed';
          await this.refuse(code, (error as Error).message);
          break;
        }
        if (!(await this.#handle(message))) break;
      }
    } catch (error) {
      this.#logger.debug('photo channel ended with an error', { peer: this.peer, error: (error as Error).message });
    }
    await this.close();
  }

  /** Sends the remote a `reject` and closes the channel; `report` (default true) also calls `onMisbehaviour`. */
  async refuse(code: string, detail: string, report = true): Promise<void> {
    if (this.#closed || this.#refusing) return;
    this.#refusing = true;
    this.#logger.warn('photo server misbehaved', { peer: this.peer, code, detail });
    if (report) this.#options.onMisbehaviour?.(code, detail);
    const frame = encodePhotoMessage({ t: 'reject', v: 1, reason: code.slice(0, 64), detail: detail.slice(0, 1024) });
    await this.#channel.send(frame).catch(() => undefined);
    await this.close();
  }

  /** Closes the channel; requests in flight are forgotten. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#inFlight.clear();
    this.#inFlightBytes = 0;
    await this.#channel.close().catch(() => undefined);
    this.#resolveDone();
  }

  /** Tears the channel down at once. */
  abort(reason: Error): void {
    this.#channel.abort(reason);
    void this.close();
  }

  /** Handles one message; false when the channel must end. */
  async #handle(message: PhotoMessage): Promise<boolean> {
    switch (message.t) {
      case 'have':
        for (const [photo, from] of message.photos) this.#onHave(toHex(photo), from);
        return true;
      case 'manifest': {
        const photo = toHex(message.photo);
        try {
          this.#options.onManifest?.(photo, message);
        } catch (error) {
          await this.refuse('manifest-mismatch', (error as Error).message);
          return false;
        }
        this.#onHave(photo, message.from);
        return true;
      }
      case 'chunk': {
        const photo = toHex(message.photo);
        const key = `${photo}/${message.index}`;
        const request = this.#inFlight.get(photo)?.get(message.index);
        if (!request && !this.#forgiven.delete(key)) {
          await this.refuse('unrequested-chunk', `chunk ${message.index} of ${photo} was not requested`);
          return false;
        }
        if (request) this.#settle(photo, message.index, request);
        this.#chunksIn++;
        const now = this.#now();
        this.meter.record(message.data.length, now);
        this.#received += message.data.length;
        if (request) {
          // Delivery rate sample: what arrived between this request and its answer, over that time. Chunks that
          // reach the event loop together (a busy loop, a burst) do not inflate it: each still waited its round trip.
          const sample = ((this.#received - request.receivedBefore) * 1000) / Math.max(1, now - request.at);
          this.#deliveryRate = this.#deliveryRate === undefined ? sample : 0.75 * this.#deliveryRate + 0.25 * sample;
        }
        await this.#options.onChunk(photo, { index: message.index, state: message.state, data: message.data });
        return !this.#closed;
      }
      case 'reject':
        this.#logger.debug('server refused our request', { peer: this.peer, reason: message.reason, detail: message.detail });
        return false;
      default:
        await this.refuse('unexpected-message', `a server does not send ${message.t}`);
        return false;
    }
  }

  #onHave(photo: string, from: number | null): void {
    this.holdings.set(photo, from);
    // Requested chunks it no longer (or never) held will not come.
    const requests = this.#inFlight.get(photo);
    if (requests) {
      for (const [index, request] of requests) {
        if (from !== null && index >= from) continue;
        this.#settle(photo, index, request);
        // A stale update may cross the chunk on the wire: accept that chunk if it still comes.
        if (this.#forgiven.size < 1024) this.#forgiven.add(`${photo}/${index}`);
      }
    }
    this.#options.onHave?.(photo, from);
  }

  #settle(photo: string, index: number, request: Request): void {
    const requests = this.#inFlight.get(photo);
    if (!requests?.delete(index)) return;
    this.#inFlightBytes -= request.bytes;
    if (requests.size === 0) this.#inFlight.delete(photo);
  }

  #send(message: PhotoMessage): void {
    void this.#channel.send(encodePhotoMessage(message)).catch((error: unknown) => {
      this.#logger.debug('photo request not sent', { peer: this.peer, error: (error as Error).message });
      void this.close();
    });
  }
}
