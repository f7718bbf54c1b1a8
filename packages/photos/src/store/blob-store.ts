import { bytesEqual, sha256 as sha256Bytes, toHex } from '@titip/identity';
import { silentLogger, type Logger } from '@titip/log';
import { MAX_PHOTO_BYTES, PHOTO_TYPES } from '@titip/records';
import type { BatchOperation, KeyValueStore } from '@titip/store';
import { CHUNK_SIZE } from '../constants.js';
import {
  ChunkOutOfOrderError,
  ChunkVerificationError,
  InvalidPhotoError,
  InvalidPhotoOptionError,
  PhotoBudgetError,
  PhotoClosedError,
  PhotoCorruptError,
  PhotoRefMismatchError,
} from '../errors.js';
import { chunkCount, chunkLength, chunkOffset, heldBytes } from './chunk-layout.js';
import type { BlobStoreEvent, BlobUsage, DroppedPhoto, PhotoBlobRef, PhotoChunk, PhotoInfo, PhotoType } from './photo-types.js';
import { advanceState, chainStates, finishDigest, SHA256_INITIAL_STATE } from './sha256-chain.js';
import { decodeManifest, decodeTombstone, encodeManifest, encodeTombstone, type ManifestRecord, type TombstoneRecord } from './stored-records.js';

/** Options of {@link BlobStore.open}. */
export interface BlobStoreOptions {
  /** Cap, in bytes, on the photos of other authors held (whole or partial). @default Infinity */
  readonly budgetBytes?: number;
  /** fsync each chunk write (a lost chunk is only fetched again, so the default spares the disk). @default false */
  readonly durableChunks?: boolean;
  /** @default Date.now */
  readonly now?: () => number;
  readonly logger?: Logger;
}

/** Options of {@link BlobStore.put}. */
export interface PutPhotoOptions {
  readonly type: PhotoType;
  /** A photo taken on this device: never evicted, not counted against the budget. @default true */
  readonly own?: boolean;
}

/** What {@link BlobStore.put} did. */
export interface PutPhotoResult {
  readonly info: PhotoInfo;
  /** False when the whole photo was already held (duplicates are stored once). */
  readonly added: boolean;
  /** Photos of other authors evicted to make room. */
  readonly dropped: readonly DroppedPhoto[];
}

/** What {@link BlobStore.putChunk} did. */
export interface PutChunkResult {
  /** False when the chunk was already held. */
  readonly stored: boolean;
  readonly info: PhotoInfo;
  /** Photos of other authors evicted to make room. */
  readonly dropped: readonly DroppedPhoto[];
}

interface Entry {
  size: number;
  type: PhotoType;
  from: number;
  own: boolean;
  seq: number;
  at: number;
  /** The chaining state stored with chunk `from` (cached once read). */
  frontierState?: Uint8Array;
}

const HEX_64 = /^[0-9a-f]{64}$/;

/**
 * Photos addressed by their SHA-256, kept in a {@link KeyValueStore} in chunks of {@link CHUNK_SIZE} bytes.
 *
 * Each chunk is stored with the SHA-256 chaining state before it. Chunks are accepted from the last one down: the
 * last is verified by finishing SHA-256 from its state and comparing with the signed hash; every other one by
 * advancing its state over its bytes and comparing with the state the chunk after it proved. So every chunk is
 * checked against the signed hash the moment it arrives, and the whole is checked again when it completes.
 *
 * Every write is one atomic batch (chunk, manifest, and any eviction). Photos of other authors are capped by a
 * budget: the oldest are evicted first and remembered as dropped; photos authored here are never evicted.
 * Keys: `m/<sha256>` manifest, `c/<sha256>/<index>` chunk, `x/<sha256>` dropped; give it a scoped view
 * (`scoped(store, 'photos/')`) when the store holds other data.
 */
export class BlobStore {
  readonly #store: KeyValueStore;
  readonly #entries = new Map<string, Entry>();
  readonly #dropped = new Map<string, TombstoneRecord>();
  readonly #listeners = new Set<(event: BlobStoreEvent) => void>();
  readonly #now: () => number;
  readonly #logger: Logger;
  readonly #durableChunks: boolean;
  #budget: number;
  #ownBytes = 0;
  #othersBytes = 0;
  #nextSeq = 0;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;
  /** Values written by batches not yet on disk (null: deleted), read before the store. */
  readonly #pending = new Map<string, { readonly value: Uint8Array | null }>();
  /** The next group of operations to write, gathered while the previous one is being written. */
  #group: { ops: BatchOperation[]; sync: boolean; done: Promise<void>; resolve: () => void; reject: (e: unknown) => void } | undefined;
  #flushing: Promise<void> | undefined;
  #failed: unknown;

  private constructor(store: KeyValueStore, options: BlobStoreOptions) {
    this.#store = store;
    this.#budget = checkBudget(options.budgetBytes ?? Infinity);
    this.#now = options.now ?? Date.now;
    this.#logger = (options.logger ?? silentLogger).child('blob-store');
    this.#durableChunks = options.durableChunks ?? false;
  }

  /** Opens the photos kept in `store`, loading their manifests. */
  static async open(store: KeyValueStore, options: BlobStoreOptions = {}): Promise<BlobStore> {
    const blobs = new BlobStore(store, options);
    await blobs.#load();
    return blobs;
  }

  /** The cap on bytes of other authors' photos. */
  get budgetBytes(): number {
    return this.#budget;
  }

  /** True when the whole photo is held. */
  has(sha256: string): boolean {
    return this.#entries.get(sha256)?.from === 0;
  }

  /** What is held of a photo, if anything. */
  info(sha256: string): PhotoInfo | undefined {
    const entry = this.#entries.get(sha256);
    return entry ? infoOf(sha256, entry) : undefined;
  }

  /** Every photo held, whole or partial, oldest first. */
  list(): PhotoInfo[] {
    return [...this.#entries].map(([sha256, entry]) => infoOf(sha256, entry)).sort((a, b) => a.seq - b.seq);
  }

  /** Space used and the budget. */
  usage(): BlobUsage {
    let complete = 0;
    for (const entry of this.#entries.values()) if (entry.from === 0) complete++;
    return {
      ownBytes: this.#ownBytes,
      othersBytes: this.#othersBytes,
      budgetBytes: this.#budget,
      complete,
      partial: this.#entries.size - complete,
      dropped: this.#dropped.size,
    };
  }

  /** True when the photo was dropped for the budget (and not stored or cleared since). */
  isDropped(sha256: string): boolean {
    return this.#dropped.has(sha256);
  }

  /** The photos dropped for the budget, in the order they were dropped. */
  dropped(): DroppedPhoto[] {
    return [...this.#dropped].map(([sha256, t]) => droppedOf(sha256, t)).sort((a, b) => a.droppedAt - b.droppedAt);
  }

  /** Indices of the chunks still missing, in the order they can be verified (highest first). */
  missingChunks(ref: Pick<PhotoBlobRef, 'sha256' | 'size'>): number[] {
    checkRef({ ...ref, type: 'image/jpeg' });
    const from = this.#entries.get(ref.sha256)?.from ?? chunkCount(ref.size);
    return Array.from({ length: from }, (_, i) => from - 1 - i);
  }

  /** Calls `listener` after every change (chunk stored, photo completed, dropped, or forgotten as dropped); returns its remover. */
  onEvent(listener: (event: BlobStoreEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Stores a whole photo under its SHA-256 and returns its reference data. Storing a photo already held is a no-op
   * (an `own` put of a photo held for others makes it this device's own). A photo of another author that does not fit
   * the budget evicts older ones, or throws {@link PhotoBudgetError} if it cannot fit at all.
   */
  put(bytes: Uint8Array, options: PutPhotoOptions): Promise<PutPhotoResult> {
    if (!(bytes instanceof Uint8Array) || bytes.length < 1 || bytes.length > MAX_PHOTO_BYTES) {
      return Promise.reject(new InvalidPhotoError(`a photo is 1 to ${MAX_PHOTO_BYTES} bytes`));
    }
    if (!(PHOTO_TYPES as readonly string[]).includes(options.type)) {
      return Promise.reject(new InvalidPhotoError(`type ${String(options.type)} is not one of ${PHOTO_TYPES.join(', ')}`));
    }
    const own = options.own ?? true;
    return this.#mutate<PutPhotoResult>(async () => {
      const { digest, states } = chainStates(bytes, CHUNK_SIZE);
      const sha256 = toHex(digest);
      const existing = this.#entries.get(sha256);
      if (existing?.from === 0 && (existing.own || !own)) return { result: { info: infoOf(sha256, existing), added: false, dropped: [] } };
      const ops: BatchOperation[] = [];
      if (existing?.from === 0) {
        // Held for others, now authored here: it leaves the budget.
        const upgraded: Entry = { ...existing, own: true };
        ops.push({ type: 'put', key: manifestKey(sha256), value: encodeManifest(recordOf(upgraded)) });
        this.#entries.set(sha256, upgraded);
        this.#othersBytes -= existing.size;
        this.#ownBytes += existing.size;
        return { result: { info: infoOf(sha256, upgraded), added: false, dropped: [] }, written: this.#write(ops, true) };
      }
      const previous = existing && !existing.own ? heldBytes(existing.size, existing.from) : 0;
      const dropped = own ? [] : this.#planEviction(sha256, bytes.length - previous, ops);
      const entry: Entry = {
        size: bytes.length,
        type: existing?.type ?? options.type,
        from: 0,
        own,
        seq: existing?.seq ?? this.#nextSeq++,
        at: existing?.at ?? this.#now(),
        frontierState: SHA256_INITIAL_STATE,
      };
      states.forEach((state, index) => {
        const data = bytes.subarray(chunkOffset(index), chunkOffset(index) + chunkLength(bytes.length, index));
        ops.push({ type: 'put', key: chunkKey(sha256, index), value: chunkRecord(state, data) });
      });
      ops.push({ type: 'put', key: manifestKey(sha256), value: encodeManifest(recordOf(entry)) });
      const tombstone = this.#dropped.has(sha256);
      if (tombstone) ops.push({ type: 'del', key: tombstoneKey(sha256) });
      this.#forget(dropped);
      this.#entries.set(sha256, entry);
      this.#othersBytes -= previous;
      if (own) this.#ownBytes += bytes.length;
      else this.#othersBytes += bytes.length;
      if (tombstone) this.#dropped.delete(sha256);
      const info = infoOf(sha256, entry);
      return {
        result: { info, added: true, dropped },
        written: this.#write(ops, true),
        after: () => {
          this.#announceDropped(dropped);
          this.#emit({ type: 'complete', info });
        },
      };
    });
  }

  /**
   * The whole photo, verified against its hash; undefined unless it is held completely.
   * @throws {PhotoCorruptError} when the stored bytes do not hash to its name.
   */
  async get(sha256: string): Promise<Uint8Array | undefined> {
    this.#checkOpen();
    const entry = this.#entries.get(sha256);
    if (entry?.from !== 0) return undefined;
    const count = chunkCount(entry.size);
    const values = await this.#readValues(Array.from({ length: count }, (_, i) => chunkKey(sha256, i)));
    if (values.some((v) => v === undefined)) return undefined; // evicted meanwhile
    const bytes = new Uint8Array(entry.size);
    values.forEach((value, index) => bytes.set(value!.subarray(32), chunkOffset(index)));
    if (bytes.length !== entry.size || toHex(sha256Bytes(bytes)) !== sha256) {
      throw new PhotoCorruptError(sha256, 'the stored bytes do not hash to the photo name');
    }
    return bytes;
  }

  /** One held chunk with its chaining state (not re-verified: the receiver verifies); undefined when not held. */
  async getChunk(sha256: string, index: number): Promise<PhotoChunk | undefined> {
    this.#checkOpen();
    const entry = this.#entries.get(sha256);
    if (!entry || !Number.isInteger(index) || index < entry.from || index >= chunkCount(entry.size)) return undefined;
    const value = await this.#readValue(chunkKey(sha256, index));
    if (value === undefined || value.length < 32) return undefined;
    return { index, state: value.slice(0, 32), data: value.slice(32) };
  }

  /** Several held chunks of one photo in one read (undefined for each not held). */
  async getChunks(sha256: string, indices: readonly number[]): Promise<(PhotoChunk | undefined)[]> {
    this.#checkOpen();
    const entry = this.#entries.get(sha256);
    if (!entry) return indices.map(() => undefined);
    const count = chunkCount(entry.size);
    const wanted = indices.map((index) => Number.isInteger(index) && index >= entry.from && index < count);
    const values = await this.#readValues(indices.filter((_, i) => wanted[i]).map((index) => chunkKey(sha256, index)));
    let next = 0;
    return indices.map((index, i) => {
      if (!wanted[i]) return undefined;
      const value = values[next++];
      return value === undefined || value.length < 32 ? undefined : { index, state: value.subarray(0, 32), data: value.subarray(32) };
    });
  }

  /**
   * Verifies and stores one chunk of the photo `ref` names (its size and type come from the signed reference). Only
   * the chunk just below those held can be verified (the last chunk first); one already held is a no-op.
   * @throws {ChunkVerificationError} when the chunk does not verify: nothing is stored.
   * @throws {ChunkOutOfOrderError} when it is not the next verifiable chunk.
   * @throws {PhotoRefMismatchError} when `ref` gives a held photo another size.
   * @throws {PhotoBudgetError} when it would exceed the budget even after evicting every other photo of others.
   */
  putChunk(ref: PhotoBlobRef, chunk: PhotoChunk): Promise<PutChunkResult> {
    try {
      checkRef(ref);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#mutate<PutChunkResult>(async () => {
      const { sha256, size } = ref;
      const count = chunkCount(size);
      const entry = this.#entries.get(sha256);
      if (entry && entry.size !== size) throw new PhotoRefMismatchError(sha256, `held with size ${entry.size}, referenced with size ${size}`);
      const { index, state, data } = chunk;
      if (!Number.isInteger(index) || index < 0 || index >= count) {
        throw new ChunkVerificationError(sha256, index, 'index', `a photo of ${size} bytes has chunks 0 to ${count - 1}`);
      }
      const from = entry?.from ?? count;
      if (entry && index >= from) return { result: { stored: false, info: infoOf(sha256, entry), dropped: [] } };
      if (index !== from - 1) throw new ChunkOutOfOrderError(sha256, index, from - 1);
      if (!(data instanceof Uint8Array) || data.length !== chunkLength(size, index)) {
        throw new ChunkVerificationError(sha256, index, 'length', `expected ${chunkLength(size, index)} bytes`);
      }
      if (!(state instanceof Uint8Array) || state.length !== 32) throw new ChunkVerificationError(sha256, index, 'state', 'a state is 32 bytes');
      if (index === 0 && !bytesEqual(state, SHA256_INITIAL_STATE)) {
        throw new ChunkVerificationError(sha256, index, 'state', 'the first chunk starts from the SHA-256 initial state');
      }
      const offset = chunkOffset(index);
      if (index === count - 1) {
        if (toHex(finishDigest(state, offset, data)) !== sha256) {
          throw new ChunkVerificationError(sha256, index, 'hash', 'finishing SHA-256 from its state does not give the photo hash');
        }
      } else {
        const proven = await this.#frontierState(sha256, entry!);
        if (!bytesEqual(advanceState(state, offset, data), proven)) {
          throw new ChunkVerificationError(sha256, index, 'hash', `its state and bytes do not lead to the state chunk ${index + 1} proved`);
        }
      }
      const ops: BatchOperation[] = [];
      const own = entry?.own ?? false;
      let dropped: DroppedPhoto[] = [];
      try {
        if (!own) dropped = this.#planEviction(sha256, data.length, ops);
      } catch (error) {
        if (error instanceof PhotoBudgetError) this.#dropOverBudget(sha256, ref, entry);
        throw error;
      }
      if (index === 0 && entry) await this.#checkWhole(sha256, entry, data);
      const next: Entry = entry
        ? { ...entry, from: index, frontierState: state.slice() }
        : { size, type: ref.type, from: index, own: false, seq: this.#nextSeq++, at: this.#now(), frontierState: state.slice() };
      ops.push({ type: 'put', key: chunkKey(sha256, index), value: chunkRecord(state, data) });
      ops.push({ type: 'put', key: manifestKey(sha256), value: encodeManifest(recordOf(next)) });
      this.#forget(dropped);
      this.#entries.set(sha256, next);
      if (own) this.#ownBytes += data.length;
      else this.#othersBytes += data.length;
      const info = infoOf(sha256, next);
      return {
        result: { stored: true, info, dropped },
        written: this.#write(ops, this.#durableChunks || index === 0),
        after: () => {
          this.#announceDropped(dropped);
          this.#emit({ type: 'chunk', info, index });
          if (index === 0) this.#emit({ type: 'complete', info });
        },
      };
    });
  }

  /** Changes the budget; evicts the oldest photos of others if over it and returns what was dropped. */
  setBudget(bytes: number): Promise<DroppedPhoto[]> {
    try {
      checkBudget(bytes);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#mutate(async () => {
      this.#budget = bytes;
      const ops: BatchOperation[] = [];
      const dropped = this.#planEviction(undefined, 0, ops);
      this.#forget(dropped);
      return { result: dropped, written: this.#write(ops, false), after: () => this.#announceDropped(dropped) };
    });
  }

  /** Forgets that a photo (or every photo) was dropped, so a transfer may fetch it again. */
  clearDropped(sha256?: string): Promise<void> {
    return this.#mutate(async () => {
      const hashes = sha256 === undefined ? [...this.#dropped.keys()] : this.#dropped.has(sha256) ? [sha256] : [];
      for (const h of hashes) this.#dropped.delete(h);
      return {
        result: undefined,
        written: this.#write(hashes.map((h) => ({ type: 'del' as const, key: tombstoneKey(h) })), false),
        after: () => {
          if (hashes.length > 0) this.#emit({ type: 'cleared', photos: hashes });
        },
      };
    });
  }

  /** Waits for writes in progress and refuses further calls (the key-value store stays open: it is the caller's). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#queue.catch(() => undefined);
    await this.#flushing;
    this.#listeners.clear();
  }

  /** Evicts others' photos, oldest first, until `growth` more bytes fit; adds the operations to `ops`. */
  #planEviction(keep: string | undefined, growth: number, ops: BatchOperation[]): DroppedPhoto[] {
    let over = this.#othersBytes + growth - this.#budget;
    if (over <= 0) return [];
    const candidates = [...this.#entries]
      .filter(([sha256, entry]) => !entry.own && sha256 !== keep)
      .sort((a, b) => a[1].seq - b[1].seq);
    const available = candidates.reduce((sum, [, e]) => sum + heldBytes(e.size, e.from), 0);
    if (available < over) throw new PhotoBudgetError(keep ?? '(none)', this.#othersBytes + growth - available, this.#budget);
    const dropped: DroppedPhoto[] = [];
    const at = this.#now();
    for (const [sha256, entry] of candidates) {
      if (over <= 0) break;
      const held = heldBytes(entry.size, entry.from);
      for (let i = entry.from; i < chunkCount(entry.size); i++) ops.push({ type: 'del', key: chunkKey(sha256, i) });
      ops.push({ type: 'del', key: manifestKey(sha256) });
      const tombstone: TombstoneRecord = { v: 1, size: entry.size, type: entry.type, held, reason: 'budget', at };
      ops.push({ type: 'put', key: tombstoneKey(sha256), value: encodeTombstone(tombstone) });
      dropped.push(droppedOf(sha256, tombstone));
      over -= held;
    }
    return dropped;
  }

  /** Updates the in-memory view for an eviction (its batch is being written). */
  #forget(dropped: readonly DroppedPhoto[]): void {
    for (const photo of dropped) {
      this.#entries.delete(photo.sha256);
      this.#othersBytes -= photo.heldBytes;
      this.#dropped.set(photo.sha256, {
        v: 1,
        size: photo.size,
        type: photo.type,
        held: photo.heldBytes,
        reason: photo.reason,
        at: photo.droppedAt,
      });
    }
  }

  /** Logs and announces an eviction once it is written. */
  #announceDropped(dropped: readonly DroppedPhoto[]): void {
    for (const photo of dropped) {
      this.#logger.info('photo dropped for the budget', { photo: photo.sha256, bytes: photo.heldBytes, budget: this.#budget });
      this.#emit({ type: 'dropped', photo });
    }
  }

  /**
   * Checks the whole photo once its first chunk arrives (defence in depth over the per-chunk chain). A failure can
   * only come from a damaged store: the photo is discarded, so it is fetched again from scratch.
   */
  async #checkWhole(sha256: string, entry: Entry, first: Uint8Array): Promise<void> {
    const count = chunkCount(entry.size);
    const rest = await this.#readValues(Array.from({ length: count - 1 }, (_, i) => chunkKey(sha256, i + 1)));
    const bytes = new Uint8Array(entry.size);
    bytes.set(first, 0);
    let problem: string | undefined;
    rest.forEach((value, i) => {
      if (value === undefined || value.length !== 32 + chunkLength(entry.size, i + 1)) problem ??= `chunk ${i + 1} is missing or damaged`;
      else bytes.set(value.subarray(32), chunkOffset(i + 1));
    });
    if (!problem && toHex(sha256Bytes(bytes)) !== sha256) problem = 'the assembled photo does not hash to its name';
    if (!problem) return;
    this.#discard(sha256, entry);
    throw new PhotoCorruptError(sha256, `${problem}; the partial photo was discarded`);
  }

  /** Drops a photo that cannot fit the budget at all: what it held goes, and it is remembered as dropped. */
  #dropOverBudget(sha256: string, ref: PhotoBlobRef, entry: Entry | undefined): void {
    const held = entry ? heldBytes(entry.size, entry.from) : 0;
    const tombstone: TombstoneRecord = { v: 1, size: ref.size, type: entry?.type ?? ref.type, held, reason: 'budget', at: this.#now() };
    const ops: BatchOperation[] = [{ type: 'put', key: tombstoneKey(sha256), value: encodeTombstone(tombstone) }];
    if (entry) {
      ops.push({ type: 'del', key: manifestKey(sha256) });
      for (let i = entry.from; i < chunkCount(entry.size); i++) ops.push({ type: 'del', key: chunkKey(sha256, i) });
    }
    if (entry) {
      this.#entries.delete(sha256);
      this.#othersBytes -= held;
    }
    this.#dropped.set(sha256, tombstone);
    void this.#write(ops, false).then(() => {
      this.#logger.info('photo dropped: over the budget', { photo: sha256, size: ref.size, budget: this.#budget });
      this.#emit({ type: 'dropped', photo: droppedOf(sha256, tombstone) });
    }, () => undefined);
  }

  /** Removes a photo's chunks and manifest (no tombstone). */
  #discard(sha256: string, entry: Entry): void {
    const ops: BatchOperation[] = [{ type: 'del', key: manifestKey(sha256) }];
    for (let i = entry.from; i < chunkCount(entry.size); i++) ops.push({ type: 'del', key: chunkKey(sha256, i) });
    void this.#write(ops, false).catch(() => undefined);
    this.#entries.delete(sha256);
    const held = heldBytes(entry.size, entry.from);
    if (entry.own) this.#ownBytes -= held;
    else this.#othersBytes -= held;
  }

  async #frontierState(sha256: string, entry: Entry): Promise<Uint8Array> {
    if (entry.frontierState) return entry.frontierState;
    const value = await this.#readValue(chunkKey(sha256, entry.from));
    if (value === undefined || value.length < 32) throw new PhotoCorruptError(sha256, `chunk ${entry.from} is missing from the store`);
    entry.frontierState = value.slice(0, 32);
    return entry.frontierState;
  }

  async #load(): Promise<void> {
    const broken: string[] = [];
    for await (const [key, value] of this.#store.iterate({ prefix: 'm/' })) {
      const sha256 = key.slice(2);
      const record = decodeManifest(value);
      if (!HEX_64.test(sha256) || !record || record.from >= chunkCount(record.size)) {
        broken.push(key);
        continue;
      }
      this.#entries.set(sha256, { size: record.size, type: record.type, from: record.from, own: record.own, seq: record.seq, at: record.at });
      const held = heldBytes(record.size, record.from);
      if (record.own) this.#ownBytes += held;
      else this.#othersBytes += held;
      this.#nextSeq = Math.max(this.#nextSeq, record.seq + 1);
    }
    for await (const [key, value] of this.#store.iterate({ prefix: 'x/' })) {
      const record = decodeTombstone(value);
      if (record && HEX_64.test(key.slice(2))) this.#dropped.set(key.slice(2), record);
      else broken.push(key);
    }
    if (broken.length > 0) {
      this.#logger.warn('unreadable photo records removed', { keys: broken.length });
      await this.#store.batch(broken.map((key) => ({ type: 'del' as const, key })));
    }
  }

  /**
   * Runs a change alone: `task` checks, updates the in-memory view and hands its operations to {@link #write}; the
   * next change may start while they are written (group commit). Resolves with the task's result once its batch is
   * written, after running `after` (the events, announced only once on disk).
   */
  #mutate<T>(task: () => Promise<{ result: T; written?: Promise<void>; after?: () => void }>): Promise<T> {
    if (this.#closed) return Promise.reject(new PhotoClosedError('the blob store'));
    if (this.#failed !== undefined) return Promise.reject(this.#failed);
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => undefined);
    return run.then(async ({ result, written, after }) => {
      await written;
      after?.();
      return result;
    });
  }

  /**
   * Writes `ops` atomically, after every batch handed over before. Operations handed over while a batch is being
   * written are gathered into the next one (each change stays whole: a batch holds whole changes). Until written,
   * their values are read from memory. A failed write fails the store: the disk holds the batches before it.
   */
  #write(ops: readonly BatchOperation[], sync: boolean): Promise<void> {
    if (ops.length === 0) return this.#group?.done ?? this.#flushing ?? Promise.resolve();
    for (const op of ops) this.#pending.set(op.key, { value: op.type === 'put' ? op.value : null });
    if (!this.#group) {
      let resolve!: () => void;
      let reject!: (e: unknown) => void;
      const done = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      done.catch(() => undefined);
      this.#group = { ops: [], sync: false, done, resolve, reject };
    }
    const group = this.#group;
    group.ops.push(...ops);
    group.sync ||= sync;
    this.#flushing ??= this.#flush();
    return group.done;
  }

  async #flush(): Promise<void> {
    while (this.#group) {
      const group = this.#group;
      this.#group = undefined;
      const written = group.ops.map((op) => [op.key, this.#pending.get(op.key)] as const);
      try {
        if (this.#failed !== undefined) throw this.#failed;
        await this.#store.batch(group.ops, { sync: group.sync });
        for (const [key, marker] of written) if (this.#pending.get(key) === marker) this.#pending.delete(key);
        group.resolve();
      } catch (error) {
        this.#failed ??= error;
        this.#logger.error('photo store write failed; the store refuses further changes', { error });
        group.reject(error);
      }
    }
    this.#flushing = undefined;
  }

  async #readValue(key: string): Promise<Uint8Array | undefined> {
    const pending = this.#pending.get(key);
    if (pending) return pending.value ?? undefined;
    return this.#store.get(key);
  }

  async #readValues(keys: readonly string[]): Promise<(Uint8Array | undefined)[]> {
    // Values pending now win; one that lands on disk during the read is then read from the disk.
    const pending = keys.map((key) => this.#pending.get(key));
    const values = await this.#store.getMany(keys);
    return keys.map((_, i) => {
      const held = pending[i];
      return held ? (held.value ?? undefined) : values[i];
    });
  }

  #checkOpen(): void {
    if (this.#closed) throw new PhotoClosedError('the blob store');
  }

  #emit(event: BlobStoreEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.#logger.error('blob store listener failed', { error });
      }
    }
  }
}

function checkRef(ref: PhotoBlobRef): void {
  if (typeof ref?.sha256 !== 'string' || !HEX_64.test(ref.sha256)) throw new InvalidPhotoError('sha256 is 64 lowercase hex digits');
  if (!Number.isInteger(ref.size) || ref.size < 1 || ref.size > MAX_PHOTO_BYTES) throw new InvalidPhotoError(`size is 1 to ${MAX_PHOTO_BYTES} bytes`);
  if (!(PHOTO_TYPES as readonly string[]).includes(ref.type)) throw new InvalidPhotoError(`type ${String(ref.type)} is not one of ${PHOTO_TYPES.join(', ')}`);
}

function checkBudget(bytes: number): number {
  if (typeof bytes !== 'number' || Number.isNaN(bytes) || bytes < 0 || (!Number.isInteger(bytes) && bytes !== Infinity)) {
    throw new InvalidPhotoOptionError('budgetBytes', `expected a non-negative integer or Infinity, got ${String(bytes)}`);
  }
  return bytes;
}

function infoOf(sha256: string, entry: Entry): PhotoInfo {
  return {
    sha256,
    size: entry.size,
    type: entry.type,
    own: entry.own,
    chunks: chunkCount(entry.size),
    from: entry.from,
    heldBytes: heldBytes(entry.size, entry.from),
    complete: entry.from === 0,
    seq: entry.seq,
    storedAt: entry.at,
  };
}

function droppedOf(sha256: string, t: TombstoneRecord): DroppedPhoto {
  return { sha256, size: t.size, type: t.type, heldBytes: t.held, reason: t.reason, droppedAt: t.at };
}

function recordOf(entry: Entry): ManifestRecord {
  return { v: 1, size: entry.size, type: entry.type, from: entry.from, own: entry.own, seq: entry.seq, at: entry.at };
}

function chunkRecord(state: Uint8Array, data: Uint8Array): Uint8Array {
  const value = new Uint8Array(32 + data.length);
  value.set(state, 0);
  value.set(data, 32);
  return value;
}

function manifestKey(sha256: string): string {
  return `m/${sha256}`;
}

function chunkKey(sha256: string, index: number): string {
  return `c/${sha256}/${String(index).padStart(5, '0')}`;
}

function tombstoneKey(sha256: string): string {
  return `x/${sha256}`;
}
