import { silentLogger, type Logger } from '@titip/log';
import type { PhotoRef, SubmissionRecord } from '@titip/records';
import { handleFrameProtocol, openFrameChannel, RecordLedger, type FrameChannel, type FrameProtocolRegistration, type TitipPeer } from '@titip/sync';
import { CHUNK_SIZE, MAX_CHUNKS_PER_WANT, PHOTO_MAX_FRAME_BYTES, PHOTO_PROTOCOL_ID } from '../constants.js';
import {
  ChunkOutOfOrderError,
  ChunkVerificationError,
  InvalidPhotoOptionError,
  PhotoBudgetError,
  PhotoClosedError,
  PhotoCorruptError,
  PhotoRefMismatchError,
} from '../errors.js';
import type { BlobStore } from '../store/blob-store.js';
import { chunkCount, chunkLength, heldBytes } from '../store/chunk-layout.js';
import type { BlobStoreEvent, PhotoChunk } from '../store/photo-types.js';
import type { ManifestMessage } from '../wire/messages.js';
import { PhotoCatalog, type CatalogEntry } from './photo-catalog.js';
import { PhotoClient } from './photo-client.js';
import { DEFAULT_PRIORITY_BUCKET_MS } from './photo-priority.js';
import { PriorityList } from './priority-list.js';
import { PhotoServer } from './photo-server.js';
import { RateMeter } from './rate-meter.js';
import { SyncActivity } from './sync-activity.js';
import type { PeerProgress, PhotoMisbehaviour, PhotoProgress, PhotoState, TransferEvent, TransferProgress } from './transfer-progress.js';

/** Options of {@link PhotoTransfer.start}. */
export interface PhotoTransferOptions {
  /** The running sync peer: its libp2p node carries the photo protocol, its replica says which photos are needed. */
  readonly peer: TitipPeer;
  /** Where photos are kept. */
  readonly blobs: BlobStore;
  /** A ledger of the peer's replica to follow (one is made, and closed on stop, when absent). */
  readonly ledger?: RecordLedger;
  /** Which referenced photos to fetch. @default every one */
  readonly fetch?: (photo: PhotoRef, submission: SubmissionRecord) => boolean;
  /** Cap on photo bytes requested from one peer and not yet received. @default 1 MiB */
  readonly maxInFlightBytes?: number;
  /** The in-flight cap follows the delivery rate: about this many ms of it, at least one chunk. @default 1000 */
  readonly targetDelayMs?: number;
  /** Photo traffic with a peer waits until its sync sessions have been silent this long. @default 1000 */
  readonly syncQuietMs?: number;
  /** Hold photo traffic back while sync is busy ("numbers first"); false only to measure what it buys. @default true */
  readonly numbersFirst?: boolean;
  /** Width of the age buckets of the fetch order (see `comparePhotoPriority`). @default 10 minutes */
  readonly priorityBucketMs?: number;
  /** How long a peer that broke the protocol (e.g. sent a bad chunk) is refused. @default 10 minutes */
  readonly banMs?: number;
  /** Photo channels one peer may open to us at once. @default 2 */
  readonly maxInboundStreams?: number;
  readonly onMisbehaviour?: (report: PhotoMisbehaviour) => void;
  /** @default Date.now */
  readonly now?: () => number;
  readonly logger?: Logger;
}

interface PeerStats {
  bytesIn: number;
  bytesOut: number;
  chunksIn: number;
  chunksOut: number;
  badChunks: number;
  readonly rateIn: RateMeter;
  readonly rateOut: RateMeter;
}

interface PhotoStats {
  readonly rate: RateMeter;
  startedAt?: number;
  completedAt?: number;
  source?: string;
}

const RETRY_MS = 100;
/** Received chunks handed to the store and not yet written, before the channel waits. */
const MAX_STORING = 16;

/**
 * Moves the photos of the submissions a peer holds between peers, over `/titip/photos/1.0.0` on the peer's libp2p
 * node. For every photo referenced by a held submission and not held, it asks connected peers who holds it and
 * fetches it chunk by chunk, each chunk verified against the signed hash before it is stored. A peer that sends a bad
 * chunk is refused and reported, and the chunk is fetched from another peer; a cut transfer resumes at the first
 * missing chunk, from whichever peer holds it. Photos go oldest submission first, then smallest first, and never ahead
 * of the sync protocol's numbers and receipts: photo traffic with a peer waits while its sync sessions are busy, and
 * the photo bytes in flight per peer are capped to about a second of the measured rate. It also serves every photo
 * it holds, whole or partial, to peers that ask.
 */
export class PhotoTransfer {
  /** The photos referenced by held submissions. */
  readonly catalog = new PhotoCatalog();
  /** Where the photos are kept. */
  readonly blobs: BlobStore;
  readonly #peer: TitipPeer;
  readonly #libp2p: TitipPeer['libp2p'];
  readonly #options: PhotoTransferOptions;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #activity: SyncActivity;
  readonly #ledger: RecordLedger;
  readonly #ownLedger: boolean;
  readonly #clients = new Map<string, PhotoClient>();
  readonly #opening = new Set<string>();
  readonly #servers = new Set<PhotoServer>();
  readonly #peerStats = new Map<string, PeerStats>();
  readonly #photoStats = new Map<string, PhotoStats>();
  readonly #assigned = new Map<string, string>();
  readonly #badSources = new Map<string, Set<string>>();
  readonly #skipped = new Map<string, string>();
  readonly #bannedUntil = new Map<string, number>();
  readonly #reports: PhotoMisbehaviour[] = [];
  readonly #listeners = new Set<(event: TransferEvent) => void>();
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  readonly #rateIn = new RateMeter();
  readonly #rateOut = new RateMeter();
  readonly #storing = new Set<Promise<void>>();
  /** Chunk indices received and handed to the store, not yet settled, per photo (they are not requested again). */
  readonly #handed = new Map<string, Set<number>>();
  /** Needed photos (not held, dropped or skipped), in fetch order. */
  readonly #order: PriorityList;
  /** Needed photos some open channel's peer said it holds (part of), in fetch order: what a pass looks at. */
  readonly #available: PriorityList;
  /** Peers (with an open channel) that hold part of each needed photo. */
  readonly #holders = new Map<string, Set<string>>();
  /** Needed photos not yet asked about, per open channel. */
  readonly #pendingAsks = new Map<string, string[]>();
  #registration: FrameProtocolRegistration | undefined;
  #unsubscribes: (() => void)[] = [];
  #pumpQueued = false;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  private constructor(options: PhotoTransferOptions) {
    for (const [name, value] of [
      ['maxInFlightBytes', options.maxInFlightBytes],
      ['targetDelayMs', options.targetDelayMs],
      ['syncQuietMs', options.syncQuietMs],
      ['priorityBucketMs', options.priorityBucketMs],
      ['banMs', options.banMs],
      ['maxInboundStreams', options.maxInboundStreams],
    ] as const) {
      if (value !== undefined && (!Number.isInteger(value) || value < (name === 'syncQuietMs' || name === 'banMs' ? 0 : 1))) {
        throw new InvalidPhotoOptionError(name, `expected a positive integer, got ${String(value)}`);
      }
    }
    if (options.maxInFlightBytes !== undefined && options.maxInFlightBytes < CHUNK_SIZE) {
      throw new InvalidPhotoOptionError('maxInFlightBytes', `at least one chunk (${CHUNK_SIZE} bytes)`);
    }
    this.#peer = options.peer;
    this.#libp2p = options.peer.libp2p;
    this.blobs = options.blobs;
    this.#options = options;
    this.#logger = (options.logger ?? silentLogger).child('photos');
    this.#now = options.now ?? Date.now;
    const numbersFirst = options.numbersFirst ?? true;
    this.#activity = new SyncActivity({
      sessions: () => (numbersFirst ? options.peer.engine.sessions() : []),
      quietMs: options.syncQuietMs ?? 1000,
      now: this.#now,
    });
    const bucket = options.priorityBucketMs ?? DEFAULT_PRIORITY_BUCKET_MS;
    this.#order = new PriorityList(bucket);
    this.#available = new PriorityList(bucket);
    this.#ownLedger = options.ledger === undefined;
    this.#ledger = options.ledger ?? new RecordLedger(options.peer.replica);
  }

  /** Starts following the replica, serving the photo protocol, and fetching from connected peers. */
  static async start(options: PhotoTransferOptions): Promise<PhotoTransfer> {
    const transfer = new PhotoTransfer(options);
    await transfer.#start();
    return transfer;
  }

  /** Calls `listener` with every transfer event; returns its remover. */
  onEvent(listener: (event: TransferEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Peers reported for breaking the protocol, oldest first. */
  reports(): readonly PhotoMisbehaviour[] {
    return this.#reports;
  }

  /** True while `peer` is refused. */
  isBanned(peer: string): boolean {
    const until = this.#bannedUntil.get(peer);
    if (until === undefined) return false;
    if (until > this.#now()) return true;
    this.#bannedUntil.delete(peer);
    return false;
  }

  /** Progress of one referenced photo. */
  photo(sha256: string): PhotoProgress | undefined {
    const entry = this.catalog.get(sha256);
    if (!entry) return undefined;
    const rank = this.#order.rankOf(entry);
    return this.#photoProgress(entry, rank >= 0 ? rank : undefined);
  }

  /** Photo traffic with every peer seen. */
  peers(): PeerProgress[] {
    const now = this.#now();
    const needed = this.#needed();
    const ids = new Set([...this.#peerStats.keys(), ...this.#clients.keys()]);
    return [...ids].sort().map((peer) => {
      const stats = this.#statsOf(peer);
      const client = this.#clients.get(peer);
      let available = 0;
      if (client && !client.closed) {
        for (const entry of needed) {
          const theirs = client.holdings.get(entry.ref.sha256);
          if (theirs === undefined || theirs === null) continue;
          const mine = this.blobs.info(entry.ref.sha256)?.from ?? chunkCount(entry.ref.size);
          if (theirs < mine) available += heldBytes(entry.ref.size, theirs) - heldBytes(entry.ref.size, mine);
        }
      }
      const banned = this.isBanned(peer) ? this.#bannedUntil.get(peer) : undefined;
      return {
        peer,
        connected: client !== undefined && !client.closed,
        ...(banned !== undefined ? { bannedUntil: banned } : {}),
        bytesIn: stats.bytesIn,
        bytesOut: stats.bytesOut,
        chunksIn: stats.chunksIn,
        chunksOut: stats.chunksOut,
        rateIn: stats.rateIn.rate(now),
        rateOut: stats.rateOut.rate(now),
        inFlightBytes: client?.inFlightBytes ?? 0,
        windowBytes: client?.windowBytes ?? 0,
        availableBytes: available,
        badChunks: stats.badChunks,
      };
    });
  }

  /** A snapshot of everything: totals, every referenced photo (needed first, in fetch order), every peer. */
  progress(): TransferProgress {
    const now = this.#now();
    const needed = this.#needed();
    const rank = new Map(needed.map((entry, i) => [entry, i]));
    const rest = this.catalog.entries().filter((entry) => !rank.has(entry));
    const photos = [...needed, ...rest].map((entry) => this.#photoProgress(entry, rank.get(entry)));
    let bytesTotal = 0;
    let bytesDone = 0;
    let complete = 0;
    let dropped = 0;
    for (const photo of photos) {
      bytesTotal += photo.bytesTotal;
      bytesDone += photo.bytesDone;
      if (photo.state === 'complete') complete++;
      if (photo.state === 'dropped') dropped++;
    }
    return {
      totals: { photos: photos.length, complete, bytesTotal, bytesDone, rateIn: this.#rateIn.rate(now), rateOut: this.#rateOut.rate(now), dropped },
      photos,
      peers: this.peers(),
    };
  }

  /** Stops fetching and serving (the blob store and the libp2p node stay the caller's). */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#libp2p.removeEventListener('peer:connect', this.#onConnect);
    this.#activity.stop();
    for (const unsubscribe of this.#unsubscribes) unsubscribe();
    if (this.#ownLedger) this.#ledger.close();
    for (const timer of this.#timers) clearTimeout(timer);
    clearTimeout(this.#retryTimer);
    await this.#registration?.unhandle().catch(() => undefined);
    await Promise.all([...this.#clients.values()].map((c) => c.close()));
    await Promise.all([...this.#servers].map((s) => s.close()));
  }

  async #start(): Promise<void> {
    for (const entry of this.#ledger.submissions.values()) this.#addSubmission(entry.record);
    this.#unsubscribes.push(
      this.#ledger.onRecord((entry) => {
        if (entry.record.kind === 'submission') this.#addSubmission(entry.record);
      }),
      this.blobs.onEvent((event) => this.#onBlobEvent(event)),
    );
    this.#registration = await handleFrameProtocol(this.#libp2p, PHOTO_PROTOCOL_ID, (channel) => this.#serve(channel), {
      maxFrameBytes: PHOTO_MAX_FRAME_BYTES,
      maxInboundStreams: this.#options.maxInboundStreams ?? 2,
      maxOutboundStreams: 2,
      logger: this.#logger,
    });
    this.#activity.start();
    this.#libp2p.addEventListener('peer:connect', this.#onConnect);
    for (const connection of this.#libp2p.getConnections()) void this.#open(connection.remotePeer.toString());
  }

  readonly #onConnect = (event: CustomEvent<{ toString(): string }>): void => {
    void this.#open(event.detail.toString());
  };

  #addSubmission(submission: SubmissionRecord): void {
    const accept = this.#options.fetch;
    const { added: fresh, aged } = this.catalog.add(submission, accept ? (photo) => accept(photo, submission) : undefined);
    for (const sha256 of aged) {
      // Older than thought: moved ahead in both orders.
      const entry = this.catalog.get(sha256)!;
      for (const list of [this.#order, this.#available]) {
        if (!list.has(sha256)) continue;
        list.remove(entry);
        list.insert(entry);
      }
    }
    if (fresh.length + aged.length === 0) return;
    for (const sha256 of fresh) {
      if (this.blobs.has(sha256) || this.blobs.isDropped(sha256)) continue;
      // An older submission may reach this peer later: its photos go ahead, where they belong.
      this.#order.insert(this.catalog.get(sha256)!);
      for (const pending of this.#pendingAsks.values()) pending.push(sha256);
    }
    this.#schedulePump();
  }

  #onBlobEvent(event: BlobStoreEvent): void {
    if (event.type === 'dropped') {
      this.#notNeeded(event.photo.sha256);
      if (this.catalog.get(event.photo.sha256)) this.#emit({ type: 'photo-dropped', photo: event.photo });
    } else if (event.type === 'complete') this.#notNeeded(event.info.sha256);
    else if (event.type === 'cleared') for (const sha256 of event.photos) this.#neededAgain(sha256);
    this.#schedulePump();
  }

  /** A dropped photo that may be fetched again: back in the order, with what open channels said they hold. */
  #neededAgain(sha256: string): void {
    const entry = this.catalog.get(sha256);
    if (!entry || this.blobs.has(sha256) || this.blobs.isDropped(sha256) || this.#skipped.has(sha256)) return;
    this.#order.insert(entry);
    for (const [peer, client] of this.#clients) {
      if (client.closed) continue;
      const from = client.holdings.get(sha256);
      if (from !== undefined) this.#onHave(peer, sha256, from);
      else if (!client.asked.has(sha256)) this.#pendingAsks.get(peer)?.push(sha256);
    }
  }

  /** A photo held, dropped or skipped: out of the fetch order. */
  #notNeeded(sha256: string): void {
    this.#assigned.delete(sha256);
    const entry = this.catalog.get(sha256);
    if (!entry) return;
    this.#order.remove(entry);
    this.#available.remove(entry);
    this.#holders.delete(sha256);
  }

  /** Keeps {@link #holders} and {@link #available} current with what a peer says it holds. */
  #onHave(peer: string, sha256: string, from: number | null): void {
    const entry = this.catalog.get(sha256);
    if (!entry || !this.#order.has(sha256)) return;
    const holders = this.#holders.get(sha256) ?? new Set<string>();
    if (from === null) holders.delete(peer);
    else holders.add(peer);
    if (holders.size > 0) {
      this.#holders.set(sha256, holders);
      this.#available.insert(entry);
    } else {
      this.#holders.delete(sha256);
      this.#available.remove(entry);
    }
  }

  #serve(channel: FrameChannel): void {
    const peer = channel.remotePeer;
    if (this.#stopped || this.isBanned(peer)) {
      channel.abort(new Error(this.#stopped ? 'photo transfer stopped' : 'peer refused for misbehaving'));
      return;
    }
    const stats = this.#statsOf(peer);
    const server = new PhotoServer({
      channel,
      blobs: this.blobs,
      activity: this.#activity,
      logger: this.#logger,
      onServed: (photo, index, bytes) => {
        const now = this.#now();
        stats.bytesOut += bytes;
        stats.chunksOut++;
        stats.rateOut.record(bytes, now);
        this.#rateOut.record(bytes, now);
        this.#emit({ type: 'chunk-served', peer, photo, index, bytes });
      },
      onMisbehaviour: (code, detail) => this.#report(peer, code, detail),
    });
    this.#servers.add(server);
    void server.run().finally(() => this.#servers.delete(server));
  }

  async #open(peer: string, attempt = 0): Promise<void> {
    if (this.#stopped || this.isBanned(peer) || this.#opening.has(peer)) return;
    const existing = this.#clients.get(peer);
    if (existing && !existing.closed) return;
    this.#opening.add(peer);
    let channel: FrameChannel | undefined;
    try {
      channel = await openFrameChannel(this.#libp2p, peer, PHOTO_PROTOCOL_ID, { maxFrameBytes: PHOTO_MAX_FRAME_BYTES, maxOutboundStreams: 2 });
    } catch (error) {
      this.#logger.debug('no photo channel to peer', { peer, attempt, error: (error as Error).message });
    } finally {
      this.#opening.delete(peer);
    }
    if (!channel) {
      this.#retryOpen(peer, attempt);
      return;
    }
    if (this.#stopped || this.isBanned(peer)) {
      channel.abort(new Error('photo transfer stopped'));
      return;
    }
    const client: PhotoClient = new PhotoClient({
      channel,
      ...(this.#options.maxInFlightBytes !== undefined ? { maxInFlightBytes: this.#options.maxInFlightBytes } : {}),
      ...(this.#options.targetDelayMs !== undefined ? { targetDelayMs: this.#options.targetDelayMs } : {}),
      now: this.#now,
      logger: this.#logger,
      onChunk: (photo, chunk): Promise<void> => this.#onChunk(client, photo, chunk),
      onHave: (photo, from) => {
        this.#onHave(peer, photo, from);
        this.#schedulePump();
      },
      onManifest: (photo, manifest) => this.#checkManifest(photo, manifest),
      onMisbehaviour: (code, detail) => this.#report(peer, code, detail),
    });
    this.#clients.set(peer, client);
    this.#pendingAsks.set(peer, this.#order.entries().map((e) => e.ref.sha256));
    void client.run().then(() => {
      if (this.#clients.get(peer) === client) {
        this.#clients.delete(peer);
        this.#pendingAsks.delete(peer);
        for (const photo of client.holdings.keys()) this.#onHave(peer, photo, null);
      }
      for (const [photo, holder] of this.#assigned) if (holder === peer) this.#assigned.delete(photo);
      this.#schedulePump();
      // The channel ended but the connection may live on (the remote restarted its transfer): try again.
      if (client.chunksIn > 0) this.#retryOpen(peer, 0);
      else this.#retryOpen(peer, attempt);
    });
    this.#schedulePump();
  }

  #retryOpen(peer: string, attempt: number): void {
    if (this.#stopped || attempt >= 4 || this.isBanned(peer) || !this.#connected(peer)) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (this.#connected(peer)) void this.#open(peer, attempt + 1);
    }, 250 * 2 ** attempt);
    this.#timers.add(timer);
  }

  #connected(peer: string): boolean {
    return this.#libp2p.getConnections().some((c) => c.remotePeer.toString() === peer && c.status === 'open');
  }

  #checkManifest(photo: string, manifest: ManifestMessage): void {
    const entry = this.catalog.get(photo);
    if (manifest.chunkSize !== CHUNK_SIZE) throw new Error(`chunk size ${manifest.chunkSize}, the protocol's is ${CHUNK_SIZE}`);
    if (!entry) return;
    if (manifest.size !== entry.ref.size) throw new Error(`photo ${photo} has ${manifest.size} bytes there, ${entry.ref.size} in the signed reference`);
    if (manifest.type !== entry.ref.type) this.#logger.debug('manifest type differs from the signed reference', { photo, theirs: manifest.type });
  }

  /**
   * Hands a received chunk to the store without waiting for its write: the store verifies chunks in order and writes
   * them in groups, so the channel keeps being read while the disk catches up (at most {@link MAX_STORING} pending).
   */
  async #onChunk(client: PhotoClient, photo: string, chunk: PhotoChunk): Promise<void> {
    const handed = this.#handed.get(photo) ?? new Set<number>();
    handed.add(chunk.index);
    this.#handed.set(photo, handed);
    const storing = this.#storeChunk(client, photo, chunk).finally(() => {
      handed.delete(chunk.index);
      if (handed.size === 0 && this.#handed.get(photo) === handed) this.#handed.delete(photo);
      this.#storing.delete(storing);
      this.#schedulePump();
    });
    this.#storing.add(storing);
    while (this.#storing.size >= MAX_STORING) await Promise.race(this.#storing);
  }

  async #storeChunk(client: PhotoClient, photo: string, chunk: PhotoChunk): Promise<void> {
    const peer = client.peer;
    const now = this.#now();
    const stats = this.#statsOf(peer);
    stats.bytesIn += chunk.data.length;
    stats.chunksIn++;
    stats.rateIn.record(chunk.data.length, now);
    this.#rateIn.record(chunk.data.length, now);
    const entry = this.catalog.get(photo);
    if (!entry || this.blobs.isDropped(photo) || this.blobs.has(photo) || this.#skipped.has(photo)) return this.#schedulePump();
    try {
      const result = await this.blobs.putChunk(entry.ref, chunk);
      if (result.stored) {
        const photoStats = this.#photoStatsOf(photo);
        photoStats.rate.record(chunk.data.length, this.#now());
        this.#emit({ type: 'chunk-received', peer, photo, index: chunk.index, bytes: chunk.data.length });
        if (result.info.complete) {
          photoStats.completedAt = this.#now();
          this.#assigned.delete(photo);
          const ms = photoStats.completedAt - (photoStats.startedAt ?? photoStats.completedAt);
          this.#emit({ type: 'photo-complete', photo, peer, bytes: entry.ref.size, ms });
        }
      }
    } catch (error) {
      if (error instanceof ChunkVerificationError) {
        stats.badChunks++;
        this.#assigned.delete(photo);
        const bad = this.#badSources.get(photo) ?? new Set<string>();
        bad.add(peer);
        this.#badSources.set(photo, bad);
        this.#emit({ type: 'bad-chunk', peer, photo, index: chunk.index, failure: error.failure });
        this.#report(peer, 'bad-chunk', error.message, photo, chunk.index);
      } else if (error instanceof ChunkOutOfOrderError) {
        this.#logger.debug('chunk arrived out of order', { peer, photo, index: chunk.index, expected: error.expected });
      } else if (error instanceof PhotoRefMismatchError) {
        this.#skipped.set(photo, 'conflict');
        this.#notNeeded(photo);
      } else if (error instanceof PhotoBudgetError) {
        this.#assigned.delete(photo); // the store dropped it and said so
      } else if (error instanceof PhotoCorruptError) {
        this.#logger.error('stored photo damaged; fetching it again', { photo, error: error.message });
      } else if (!(error instanceof PhotoClosedError)) {
        this.#logger.error('storing a chunk failed', { peer, photo, index: chunk.index, error: (error as Error).message });
      }
    }
    this.#schedulePump();
  }

  /**
   * Records a protocol violation, closes the peer's photo channels and refuses it for `banMs` (a peer speaking
   * another version of the protocol is not refused: it is not misbehaving, only incompatible).
   */
  #report(peer: string, code: string, detail: string, photo?: string, index?: number): void {
    const report: PhotoMisbehaviour = { peer, code, detail, ...(photo ? { photo } : {}), ...(index !== undefined ? { index } : {}), at: this.#now() };
    this.#reports.push(report);
    this.#logger.warn('peer misbehaved on the photo protocol', { peer, code, detail });
    this.#options.onMisbehaviour?.(report);
    this.#emit({ type: 'misbehaviour', report });
    if (code !== 'version') this.#bannedUntil.set(peer, this.#now() + (this.#options.banMs ?? 10 * 60 * 1000));
    const client = this.#clients.get(peer);
    if (client) void client.refuse(code, detail, false);
    for (const server of this.#servers) if (server.peer === peer) void server.close();
    for (const [p, holder] of this.#assigned) if (holder === peer) this.#assigned.delete(p);
    this.#schedulePump();
  }

  /** The needed photos in fetch order. */
  #needed(): readonly CatalogEntry[] {
    return this.#order.entries();
  }

  #schedulePump(): void {
    if (this.#pumpQueued || this.#stopped) return;
    this.#pumpQueued = true;
    queueMicrotask(() => {
      this.#pumpQueued = false;
      if (!this.#stopped) this.#pump();
    });
  }

  /** Sends the asks and chunk requests the windows allow, most urgent photo first. */
  #pump(): void {
    const clients = [...this.#clients.values()].filter((c) => !c.closed && !this.isBanned(c.peer));
    if (clients.length === 0) return;
    const quiet = new Map<string, boolean>();
    let holdingBack = false;
    const isQuiet = (client: PhotoClient): boolean => {
      let q = quiet.get(client.peer);
      if (q === undefined) {
        q = this.#activity.isQuiet(client.peer);
        quiet.set(client.peer, q);
      }
      if (!q) holdingBack = true;
      return q;
    };
    for (const client of clients) {
      const pending = this.#pendingAsks.get(client.peer);
      if (pending && pending.length > 0 && isQuiet(client)) {
        client.ask(pending.filter((sha256) => this.#order.has(sha256)));
        pending.length = 0;
      }
    }
    for (const entry of this.#available.entries()) {
      if (clients.every((c) => !c.canRequest(CHUNK_SIZE))) break;
      const { sha256, size } = entry.ref;
      if (this.blobs.has(sha256) || this.blobs.isDropped(sha256)) continue;
      const holder = this.#assigned.get(sha256);
      let source = holder ? this.#clients.get(holder) : undefined;
      if (source?.closed) source = undefined;
      const inFlight = source?.inFlightFor(sha256) ?? [];
      const from = Math.min(this.blobs.info(sha256)?.from ?? chunkCount(size), ...(this.#handed.get(sha256) ?? []));
      let next = (inFlight.length > 0 ? Math.min(...inFlight) : from) - 1;
      if (next < 0) continue;
      // Chunks verify in order: while some are in flight from one peer, the next ones come from it too.
      if (inFlight.length === 0) source = this.#chooseSource(clients, sha256, next, chunkLength(size, next));
      if (!source || !isQuiet(source)) continue;
      const theirs = source.holdings.get(sha256);
      if (theirs === undefined || theirs === null || theirs > next) continue;
      const indices: number[] = [];
      const lengths: number[] = [];
      let bytes = 0;
      while (next >= theirs && indices.length < MAX_CHUNKS_PER_WANT) {
        const length = chunkLength(size, next);
        if (!source.canRequest(bytes + length)) break;
        indices.push(next);
        lengths.push(length);
        bytes += length;
        next--;
      }
      if (indices.length === 0) continue;
      source.want(sha256, indices, lengths);
      this.#assigned.set(sha256, source.peer);
      const photoStats = this.#photoStatsOf(sha256);
      photoStats.startedAt ??= this.#now();
      photoStats.source = source.peer;
    }
    if (holdingBack && !this.#retryTimer) {
      this.#retryTimer = setTimeout(() => {
        this.#retryTimer = undefined;
        this.#schedulePump();
      }, RETRY_MS);
    }
  }

  /** The connected peer to fetch chunk `next` of a photo from: it holds it, has not lied about it, has room. */
  #chooseSource(clients: readonly PhotoClient[], sha256: string, next: number, length: number): PhotoClient | undefined {
    const bad = this.#badSources.get(sha256);
    let best: PhotoClient | undefined;
    for (const client of clients) {
      const theirs = client.holdings.get(sha256);
      if (theirs === undefined || theirs === null || theirs > next || bad?.has(client.peer) || !client.canRequest(length)) continue;
      if (!best || client.windowBytes - client.inFlightBytes > best.windowBytes - best.inFlightBytes) best = client;
    }
    return best;
  }

  #photoProgress(entry: CatalogEntry, rank: number | undefined): PhotoProgress {
    const { sha256, size, type } = entry.ref;
    const info = this.blobs.info(sha256);
    const stats = this.#photoStats.get(sha256);
    const state = this.#stateOf(entry);
    const source = state === 'fetching' ? stats?.source : undefined;
    return {
      sha256,
      size,
      type,
      pages: [...entry.pages],
      submissions: [...entry.submissions],
      tps: [...entry.tps],
      state,
      bytesDone: info?.heldBytes ?? 0,
      bytesTotal: size,
      rate: stats?.rate.rate(this.#now()) ?? 0,
      ...(source ? { source } : {}),
      ...(rank !== undefined ? { rank } : {}),
      ...(stats?.startedAt !== undefined ? { startedAt: stats.startedAt } : {}),
      ...(stats?.completedAt !== undefined ? { completedAt: stats.completedAt } : {}),
    };
  }

  #stateOf(entry: CatalogEntry): PhotoState {
    const { sha256, size } = entry.ref;
    if (this.blobs.has(sha256)) return 'complete';
    if (this.blobs.isDropped(sha256)) return 'dropped';
    if (this.#skipped.has(sha256)) return 'skipped';
    const holder = this.#assigned.get(sha256);
    if (holder && (this.#clients.get(holder)?.inFlightFor(sha256).length ?? 0) > 0) return 'fetching';
    const next = (this.blobs.info(sha256)?.from ?? chunkCount(size)) - 1;
    for (const client of this.#clients.values()) {
      const theirs = client.holdings.get(sha256);
      if (!client.closed && theirs !== undefined && theirs !== null && theirs <= next) return 'queued';
    }
    return 'waiting';
  }

  #statsOf(peer: string): PeerStats {
    let stats = this.#peerStats.get(peer);
    if (!stats) {
      stats = { bytesIn: 0, bytesOut: 0, chunksIn: 0, chunksOut: 0, badChunks: 0, rateIn: new RateMeter(), rateOut: new RateMeter() };
      this.#peerStats.set(peer, stats);
    }
    return stats;
  }

  #photoStatsOf(sha256: string): PhotoStats {
    let stats = this.#photoStats.get(sha256);
    if (!stats) {
      stats = { rate: new RateMeter() };
      this.#photoStats.set(sha256, stats);
    }
    return stats;
  }

  #emit(event: TransferEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.#logger.error('photo transfer listener failed', { error });
      }
    }
  }
}
