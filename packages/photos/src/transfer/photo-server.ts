import { fromHex, toHex } from '@titip/identity';
import { silentLogger, type Logger } from '@titip/log';
import type { FrameChannel } from '@titip/sync';
import { CHUNK_SIZE, MAX_PHOTOS_PER_MESSAGE } from '../constants.js';
import { PhotoError } from '../errors.js';
import type { BlobStore } from '../store/blob-store.js';
import type { BlobStoreEvent, PhotoChunk } from '../store/photo-types.js';
import { decodePhotoMessage, encodePhotoMessage } from '../wire/message-codec.js';
import type { AskMessage, PhotoMessage, WantMessage } from '../wire/messages.js';
import type { SyncActivity } from './sync-activity.js';

/** Options of {@link PhotoServer}. */
export interface PhotoServerOptions {
  /** An inbound channel of `/titip/photos/1.0.0`: the remote asks, this side answers. */
  readonly channel: FrameChannel;
  readonly blobs: BlobStore;
  /** Holds photo traffic back while the sync protocol is busy with the peer. Without it, nothing waits. */
  readonly activity?: SyncActivity;
  /** Chunks a client may have asked for and not yet received; past it the channel is refused. @default 256 */
  readonly maxQueuedChunks?: number;
  /** Photos a client may ask to hear about; further ones are answered but not followed. @default 4096 */
  readonly maxSubscriptions?: number;
  /** Coalescing delay of `have` updates. @default 250 */
  readonly updateDelayMs?: number;
  /** Called after each chunk is handed to the channel. */
  readonly onServed?: (photo: string, index: number, bytes: number) => void;
  /** Called when the client breaks the protocol (the channel is then refused and closed). */
  readonly onMisbehaviour?: (code: string, detail: string) => void;
  readonly logger?: Logger;
}

/** Chunks read from the store ahead of sending. */
const READ_AHEAD = 8;

type Job = { readonly kind: 'frame'; readonly frame: Uint8Array } | { readonly kind: 'chunk'; readonly photo: string; readonly index: number; readonly generation: number };

/**
 * The serving side of one photo channel. It answers `ask` with `have`, and `want` with a `manifest` (once per photo)
 * and the chunks asked for, in the order asked, stopping with a `have` at the first chunk it does not hold. Photos
 * the client asked about and that grow here are announced with `have` updates. Every frame waits for the sync
 * protocol to be quiet with that peer (see {@link SyncActivity}).
 */
export class PhotoServer {
  /** The client's peer id. */
  readonly peer: string;
  readonly #channel: FrameChannel;
  readonly #blobs: BlobStore;
  readonly #options: PhotoServerOptions;
  readonly #logger: Logger;
  readonly #jobs: Job[] = [];
  readonly #manifestSent = new Set<string>();
  readonly #subscribed = new Set<string>();
  readonly #dirty = new Set<string>();
  readonly #generation = new Map<string, number>();
  readonly #cutAt = new Map<string, number>();
  readonly #abort = new AbortController();
  readonly #reads = new Map<string, Promise<PhotoChunk | undefined>>();
  #queuedChunks = 0;
  #wake: (() => void) | undefined;
  #flushTimer: ReturnType<typeof setTimeout> | undefined;
  #unsubscribe: (() => void) | undefined;
  #closed = false;
  #refusing = false;

  constructor(options: PhotoServerOptions) {
    this.peer = options.channel.remotePeer;
    this.#channel = options.channel;
    this.#blobs = options.blobs;
    this.#options = options;
    this.#logger = (options.logger ?? silentLogger).child('photo-server');
  }

  /** Serves the channel until it ends (or is refused); never rejects. */
  async run(): Promise<void> {
    this.#unsubscribe = this.#blobs.onEvent((event) => this.#onBlobEvent(event));
    const sending = this.#sendLoop();
    try {
      for await (const frame of this.#channel.frames()) {
        if (this.#closed) break;
        let message: PhotoMessage;
        try {
          message = decodePhotoMessage(frame);
        } catch (error) {
          const code = error instanceof PhotoError && error.code === 'PHOTO_WIRE_VERSION' ? 'version' : 'malformed';
          await this.#refuse(code, (error as Error).message);
          break;
        }
        if (message.t === 'ask') this.#onAsk(message);
        else if (message.t === 'want') {
          if (!this.#onWant(message)) break;
        } else if (message.t === 'reject') {
          this.#logger.debug('client refused our answer', { peer: this.peer, reason: message.reason, detail: message.detail });
          break;
        } else {
          await this.#refuse('unexpected-message', `a client does not send ${message.t}`);
          break;
        }
      }
    } catch (error) {
      this.#logger.debug('photo channel ended with an error', { peer: this.peer, error: (error as Error).message });
    }
    await this.close();
    await sending;
  }

  /** Stops serving and closes the channel. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#abort.abort(new Error('photo server closed'));
    this.#reads.clear();
    this.#unsubscribe?.();
    clearTimeout(this.#flushTimer);
    this.#wake?.();
    await this.#channel.close().catch(() => undefined);
  }

  #onAsk(message: AskMessage): void {
    const entries: [Uint8Array, number | null][] = [];
    for (const photo of message.photos) {
      const hex = toHex(photo);
      entries.push([photo, this.#blobs.info(hex)?.from ?? null]);
      this.#subscribe(hex);
    }
    this.#push({ kind: 'frame', frame: encodePhotoMessage({ t: 'have', v: 1, photos: entries }) });
  }

  /** Queues the answer to a want; false when the client asked for too much (the channel is refused). */
  #onWant(message: WantMessage): boolean {
    const hex = toHex(message.photo);
    const info = this.#blobs.info(hex);
    this.#subscribe(hex);
    if (!info) {
      this.#push({ kind: 'frame', frame: encodePhotoMessage({ t: 'have', v: 1, photos: [[message.photo, null]] }) });
      return true;
    }
    const maxQueued = this.#options.maxQueuedChunks ?? 256;
    if (this.#queuedChunks + message.chunks.length > maxQueued) {
      void this.#refuse('too-many-requests', `more than ${maxQueued} chunks requested and not yet sent`);
      return false;
    }
    if (!this.#manifestSent.has(hex)) {
      this.#manifestSent.add(hex);
      this.#push({
        kind: 'frame',
        frame: encodePhotoMessage({ t: 'manifest', v: 1, photo: message.photo, size: info.size, type: info.type, chunkSize: CHUNK_SIZE, from: info.from }),
      });
    }
    const generation = (this.#generation.get(hex) ?? 0) + 1;
    this.#generation.set(hex, generation);
    for (const index of message.chunks) {
      this.#queuedChunks++;
      this.#push({ kind: 'chunk', photo: hex, index, generation });
    }
    return true;
  }

  #subscribe(hex: string): void {
    if (this.#blobs.has(hex) || this.#subscribed.has(hex)) return;
    if (this.#subscribed.size >= (this.#options.maxSubscriptions ?? 4096)) return;
    this.#subscribed.add(hex);
  }

  #onBlobEvent(event: BlobStoreEvent): void {
    if (event.type === 'cleared') return;
    const hex = event.type === 'dropped' ? event.photo.sha256 : event.info.sha256;
    if (event.type === 'dropped') this.#manifestSent.delete(hex);
    if (!this.#subscribed.has(hex)) return;
    this.#dirty.add(hex);
    this.#flushTimer ??= setTimeout(() => this.#flush(), this.#options.updateDelayMs ?? 250);
  }

  /** Announces the new holdings of subscribed photos. */
  #flush(): void {
    this.#flushTimer = undefined;
    if (this.#closed) return;
    const entries: [Uint8Array, number | null][] = [];
    for (const hex of this.#dirty) {
      const info = this.#blobs.info(hex);
      entries.push([fromHex(hex), info?.from ?? null]);
      if (info?.complete) this.#subscribed.delete(hex);
    }
    this.#dirty.clear();
    for (let i = 0; i < entries.length; i += MAX_PHOTOS_PER_MESSAGE) {
      this.#push({ kind: 'frame', frame: encodePhotoMessage({ t: 'have', v: 1, photos: entries.slice(i, i + MAX_PHOTOS_PER_MESSAGE) }) });
    }
  }

  #push(job: Job): void {
    this.#jobs.push(job);
    this.#wake?.();
  }

  async #sendLoop(): Promise<void> {
    const signal = this.#abort.signal;
    while (!this.#closed) {
      const job = this.#jobs.shift();
      if (!job) {
        await new Promise<void>((resolve) => (this.#wake = resolve));
        this.#wake = undefined;
        continue;
      }
      try {
        if (job.kind === 'chunk') this.#queuedChunks--;
        await this.#options.activity?.whenQuiet(this.peer, signal);
        if (job.kind === 'frame') await this.#channel.send(job.frame);
        else await this.#sendChunk(job);
      } catch (error) {
        if (!this.#closed) this.#logger.debug('photo send failed', { peer: this.peer, error: (error as Error).message });
        void this.close();
        return;
      }
    }
  }

  async #sendChunk(job: Extract<Job, { kind: 'chunk' }>): Promise<void> {
    if ((this.#cutAt.get(job.photo) ?? 0) >= job.generation) {
      this.#reads.delete(`${job.photo}/${job.index}`);
      return; // the client already heard this want stops here
    }
    const chunk = await this.#read(job);
    this.#readAhead();
    if (!chunk) {
      this.#cutAt.set(job.photo, job.generation);
      const from = this.#blobs.info(job.photo)?.from ?? null;
      await this.#channel.send(encodePhotoMessage({ t: 'have', v: 1, photos: [[fromHex(job.photo), from]] }));
      return;
    }
    await this.#channel.send(encodePhotoMessage({ t: 'chunk', v: 1, photo: fromHex(job.photo), index: job.index, state: chunk.state, data: chunk.data }));
    this.#options.onServed?.(job.photo, job.index, chunk.data.length);
  }

  /** A chunk read for a job, started earlier by {@link #readAhead} or now. */
  #read(job: Extract<Job, { kind: 'chunk' }>): Promise<PhotoChunk | undefined> {
    const key = `${job.photo}/${job.index}`;
    const pending = this.#reads.get(key);
    this.#reads.delete(key);
    return pending ?? this.#blobs.getChunk(job.photo, job.index);
  }

  /** Starts reading the next queued chunks of each photo from the store, in one read per photo, while this one goes out. */
  #readAhead(): void {
    if (this.#reads.size > 0) return;
    const batches = new Map<string, number[]>();
    let count = 0;
    for (const job of this.#jobs) {
      if (count >= READ_AHEAD) break;
      if (job.kind !== 'chunk') continue;
      const batch = batches.get(job.photo) ?? [];
      batch.push(job.index);
      batches.set(job.photo, batch);
      count++;
    }
    for (const [photo, indices] of batches) {
      const read = this.#blobs.getChunks(photo, indices);
      read.catch(() => undefined);
      indices.forEach((index, i) => {
        const one = read.then((chunks) => chunks[i]);
        one.catch(() => undefined);
        this.#reads.set(`${photo}/${index}`, one);
      });
    }
  }

  async #refuse(code: string, detail: string): Promise<void> {
    if (this.#closed || this.#refusing) return;
    this.#refusing = true;
    this.#logger.warn('photo client misbehaved', { peer: this.peer, code, detail });
    this.#options.onMisbehaviour?.(code, detail);
    await this.#channel.send(encodePhotoMessage({ t: 'reject', v: 1, reason: code.slice(0, 64), detail: detail.slice(0, 1024) })).catch(() => undefined);
    await this.close();
  }
}
