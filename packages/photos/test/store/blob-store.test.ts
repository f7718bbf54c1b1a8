import { createHash } from 'node:crypto';
import { openMemoryStore, scoped, type KeyValueStore } from '@titip/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHUNK_SIZE } from '../../src/constants.js';
import {
  ChunkOutOfOrderError,
  ChunkVerificationError,
  InvalidPhotoError,
  InvalidPhotoOptionError,
  PhotoBudgetError,
  PhotoClosedError,
  PhotoCorruptError,
  PhotoRefMismatchError,
} from '../../src/errors.js';
import { BlobStore } from '../../src/store/blob-store.js';
import type { BlobStoreEvent, PhotoBlobRef } from '../../src/store/photo-types.js';
import { sameBytes, seededBytes } from '../fixtures.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const refOf = (bytes: Uint8Array): PhotoBlobRef => ({ sha256: sha(bytes), size: bytes.length, type: 'image/jpeg' });

let store: KeyValueStore;
let clock: number;
const now = () => clock;

beforeEach(async () => {
  store = await openMemoryStore();
  clock = 1_000;
});
afterEach(async () => store.close());

/** Copies a photo from `source` into `target` chunk by chunk, the way the transfer does. */
async function copy(source: BlobStore, target: BlobStore, ref: PhotoBlobRef, stopAfter = Infinity): Promise<number> {
  let copied = 0;
  for (const index of target.missingChunks(ref)) {
    if (copied >= stopAfter) break;
    const chunk = await source.getChunk(ref.sha256, index);
    await target.putChunk(ref, chunk!);
    copied++;
  }
  return copied;
}

describe('BlobStore: whole photos', () => {
  it('stores a photo under its SHA-256 and returns it verified', async () => {
    const blobs = await BlobStore.open(store);
    const bytes = seededBytes(200_000, 1);
    const { info, added } = await blobs.put(bytes, { type: 'image/jpeg' });
    expect(added).toBe(true);
    expect(info).toMatchObject({ sha256: sha(bytes), size: 200_000, own: true, complete: true, from: 0, chunks: Math.ceil(200_000 / CHUNK_SIZE) });
    expect(blobs.has(sha(bytes))).toBe(true);
    expect(sameBytes(await blobs.get(sha(bytes)), bytes)).toBe(true);
    expect(await blobs.get('0'.repeat(64))).toBeUndefined();
    expect(blobs.missingChunks(refOf(bytes))).toEqual([]);
  });

  it('stores a duplicate once', async () => {
    const blobs = await BlobStore.open(store);
    const bytes = seededBytes(50_000, 2);
    await blobs.put(bytes, { type: 'image/jpeg' });
    const again = await blobs.put(bytes, { type: 'image/jpeg' });
    expect(again.added).toBe(false);
    expect(blobs.list()).toHaveLength(1);
    expect(blobs.usage()).toMatchObject({ ownBytes: 50_000, othersBytes: 0, complete: 1 });
    let keys = 0;
    for await (const _ of store.iterate({ prefix: 'c/' })) keys++;
    expect(keys).toBe(Math.ceil(50_000 / CHUNK_SIZE));
  });

  it('keeps everything across a reopen of the same store', async () => {
    const blobs = await BlobStore.open(store);
    const own = seededBytes(40_000, 3);
    const theirs = seededBytes(30_000, 4);
    await blobs.put(own, { type: 'image/png' });
    await blobs.put(theirs, { type: 'image/webp', own: false });
    await blobs.close();
    const reopened = await BlobStore.open(store);
    expect(reopened.info(sha(own))).toMatchObject({ own: true, type: 'image/png', complete: true });
    expect(reopened.info(sha(theirs))).toMatchObject({ own: false, type: 'image/webp', complete: true });
    expect(reopened.usage()).toMatchObject({ ownBytes: 40_000, othersBytes: 30_000 });
    expect(await reopened.get(sha(theirs))).toEqual(theirs);
  });

  it('makes a photo held for others its own when it is put as own', async () => {
    const blobs = await BlobStore.open(store, { budgetBytes: 100_000 });
    const bytes = seededBytes(60_000, 5);
    await blobs.put(bytes, { type: 'image/jpeg', own: false });
    expect(blobs.usage()).toMatchObject({ othersBytes: 60_000, ownBytes: 0 });
    expect((await blobs.put(bytes, { type: 'image/jpeg', own: true })).added).toBe(false);
    expect(blobs.usage()).toMatchObject({ othersBytes: 0, ownBytes: 60_000 });
    expect(blobs.info(sha(bytes))?.own).toBe(true);
  });

  it('refuses bad input with typed errors', async () => {
    const blobs = await BlobStore.open(store);
    await expect(blobs.put(new Uint8Array(0), { type: 'image/jpeg' })).rejects.toBeInstanceOf(InvalidPhotoError);
    await expect(blobs.put(new Uint8Array(20_000_001), { type: 'image/jpeg' })).rejects.toMatchObject({ code: 'PHOTO_INVALID' });
    await expect(blobs.put(new Uint8Array(10), { type: 'image/gif' as 'image/jpeg' })).rejects.toMatchObject({ code: 'PHOTO_INVALID' });
    await expect(blobs.put('photo' as unknown as Uint8Array, { type: 'image/jpeg' })).rejects.toMatchObject({ code: 'PHOTO_INVALID' });
    const chunk = { index: 0, state: new Uint8Array(32), data: new Uint8Array(1) };
    await expect(blobs.putChunk({ sha256: 'ABC', size: 1, type: 'image/jpeg' }, chunk)).rejects.toMatchObject({ code: 'PHOTO_INVALID' });
    await expect(blobs.putChunk({ sha256: 'a'.repeat(64), size: 0, type: 'image/jpeg' }, chunk)).rejects.toMatchObject({ code: 'PHOTO_INVALID' });
    expect(() => blobs.missingChunks({ sha256: 'a'.repeat(64), size: -1 })).toThrow(InvalidPhotoError);
    await expect(BlobStore.open(store, { budgetBytes: -1 })).rejects.toBeInstanceOf(InvalidPhotoOptionError);
    await expect(blobs.setBudget(1.5)).rejects.toMatchObject({ code: 'PHOTO_INVALID_OPTION' });
  });

  it('detects stored bytes that no longer hash to the name', async () => {
    const blobs = await BlobStore.open(store);
    const bytes = seededBytes(40_000, 6);
    await blobs.put(bytes, { type: 'image/jpeg' });
    const key = `c/${sha(bytes)}/00001`;
    const value = (await store.get(key))!;
    value[100]! ^= 0xff;
    await store.batch([{ type: 'put', key, value }]);
    await expect(blobs.get(sha(bytes))).rejects.toBeInstanceOf(PhotoCorruptError);
  });

  it('refuses calls after close', async () => {
    const blobs = await BlobStore.open(store);
    await blobs.close();
    await expect(blobs.put(seededBytes(10, 1), { type: 'image/jpeg' })).rejects.toBeInstanceOf(PhotoClosedError);
    await expect(blobs.get('a'.repeat(64))).rejects.toMatchObject({ code: 'PHOTO_CLOSED' });
  });
});

describe('BlobStore: chunks', () => {
  it('accepts chunks from the last one down, each verified, and completes the photo', async () => {
    const source = await BlobStore.open(scoped(store, 'a/'));
    const target = await BlobStore.open(scoped(store, 'b/'));
    const bytes = seededBytes(5 * CHUNK_SIZE + 123, 7);
    const ref = refOf(bytes);
    await source.put(bytes, { type: 'image/jpeg' });
    expect(target.missingChunks(ref)).toEqual([5, 4, 3, 2, 1, 0]);
    const events: BlobStoreEvent[] = [];
    target.onEvent((e) => events.push(e));
    expect(await copy(source, target, ref, 2)).toBe(2);
    expect(target.info(ref.sha256)).toMatchObject({ from: 4, complete: false, own: false, heldBytes: CHUNK_SIZE + 123 });
    expect(target.missingChunks(ref)).toEqual([3, 2, 1, 0]);
    expect(await target.get(ref.sha256)).toBeUndefined();
    // a partial photo is served too
    expect((await target.getChunk(ref.sha256, 4))?.data).toEqual(bytes.subarray(4 * CHUNK_SIZE, 5 * CHUNK_SIZE));
    expect(await target.getChunk(ref.sha256, 3)).toBeUndefined();
    await copy(source, target, ref);
    expect(sameBytes(await target.get(ref.sha256), bytes)).toBe(true);
    expect(events.filter((e) => e.type === 'chunk').map((e) => (e as { index: number }).index)).toEqual([5, 4, 3, 2, 1, 0]);
    expect(events.filter((e) => e.type === 'complete')).toHaveLength(1);
  });

  it('handles a photo of one chunk', async () => {
    const source = await BlobStore.open(scoped(store, 'a/'));
    const target = await BlobStore.open(scoped(store, 'b/'));
    const bytes = seededBytes(1000, 8);
    await source.put(bytes, { type: 'image/jpeg' });
    await copy(source, target, refOf(bytes));
    expect(sameBytes(await target.get(sha(bytes)), bytes)).toBe(true);
  });

  it('ignores a chunk already held, refuses one that cannot be verified yet', async () => {
    const source = await BlobStore.open(scoped(store, 'a/'));
    const target = await BlobStore.open(scoped(store, 'b/'));
    const bytes = seededBytes(3 * CHUNK_SIZE, 9);
    const ref = refOf(bytes);
    await source.put(bytes, { type: 'image/jpeg' });
    await expect(target.putChunk(ref, (await source.getChunk(ref.sha256, 0))!)).rejects.toBeInstanceOf(ChunkOutOfOrderError);
    await target.putChunk(ref, (await source.getChunk(ref.sha256, 2))!);
    const again = await target.putChunk(ref, (await source.getChunk(ref.sha256, 2))!);
    expect(again.stored).toBe(false);
    await expect(target.putChunk(ref, (await source.getChunk(ref.sha256, 0))!)).rejects.toMatchObject({ code: 'CHUNK_OUT_OF_ORDER', expected: 1 });
  });

  it('refuses a corrupted, truncated or re-stated chunk and stores nothing of it', async () => {
    const source = await BlobStore.open(scoped(store, 'a/'));
    const target = await BlobStore.open(scoped(store, 'b/'));
    const bytes = seededBytes(3 * CHUNK_SIZE + 10, 10);
    const ref = refOf(bytes);
    await source.put(bytes, { type: 'image/jpeg' });
    const last = (await source.getChunk(ref.sha256, 3))!;
    const flipped = { ...last, data: last.data.slice() };
    flipped.data[0]! ^= 1;
    await expect(target.putChunk(ref, flipped)).rejects.toMatchObject({ code: 'CHUNK_INVALID', failure: 'hash', index: 3 });
    await expect(target.putChunk(ref, { ...last, data: last.data.subarray(1) })).rejects.toMatchObject({ failure: 'length' });
    await expect(target.putChunk(ref, { ...last, state: last.state.subarray(1) })).rejects.toMatchObject({ failure: 'state' });
    await expect(target.putChunk(ref, { ...last, index: 4 })).rejects.toMatchObject({ failure: 'index' });
    expect(target.info(ref.sha256)).toBeUndefined();

    await target.putChunk(ref, last);
    const middle = (await source.getChunk(ref.sha256, 2))!;
    // Bytes from elsewhere with a state made up to match them: they do not lead to the state chunk 3 proved.
    const other = seededBytes(CHUNK_SIZE, 99);
    await expect(target.putChunk(ref, { index: 2, state: middle.state, data: other })).rejects.toBeInstanceOf(ChunkVerificationError);
    const state = middle.state.slice();
    state[5]! ^= 0x80;
    await expect(target.putChunk(ref, { ...middle, state })).rejects.toMatchObject({ failure: 'hash' });
    expect(target.info(ref.sha256)?.from).toBe(3);
    await target.putChunk(ref, middle);
    await target.putChunk(ref, (await source.getChunk(ref.sha256, 1))!);
    const first = (await source.getChunk(ref.sha256, 0))!;
    await expect(target.putChunk(ref, { ...first, state: new Uint8Array(32) })).rejects.toMatchObject({ failure: 'state' });
    await target.putChunk(ref, first);
    expect(sameBytes(await target.get(ref.sha256), bytes)).toBe(true);
  });

  it('verifies chunks handed over without waiting for each write, and writes them in groups', async () => {
    const source = await BlobStore.open(scoped(store, 'a/'));
    const target = await BlobStore.open(scoped(store, 'b/'));
    const bytes = seededBytes(20 * CHUNK_SIZE, 14);
    const ref = refOf(bytes);
    await source.put(bytes, { type: 'image/jpeg' });
    const chunks = await source.getChunks(ref.sha256, target.missingChunks(ref));
    const order: number[] = [];
    target.onEvent((e) => {
      if (e.type === 'chunk') order.push(e.index);
    });
    const results = await Promise.all(chunks.map((chunk) => target.putChunk(ref, chunk!)));
    expect(results.every((r) => r.stored)).toBe(true);
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => 19 - i));
    expect(sameBytes(await target.get(ref.sha256), bytes)).toBe(true);
    await target.close();
    expect((await BlobStore.open(scoped(store, 'b/'))).has(ref.sha256)).toBe(true);
  });

  it('fails for good when a write fails, keeping on disk what was written before', async () => {
    const own = await openMemoryStore();
    const blobs = await BlobStore.open(own);
    const first = seededBytes(1000, 15);
    await blobs.put(first, { type: 'image/jpeg' });
    await own.close();
    await expect(blobs.put(seededBytes(1000, 16), { type: 'image/jpeg' })).rejects.toMatchObject({ code: 'STORE_CLOSED' });
    await expect(blobs.put(seededBytes(1000, 17), { type: 'image/jpeg' })).rejects.toMatchObject({ code: 'STORE_CLOSED' });
  });

  it('refuses a reference that gives a held photo another size', async () => {
    const source = await BlobStore.open(scoped(store, 'a/'));
    const target = await BlobStore.open(scoped(store, 'b/'));
    const bytes = seededBytes(3 * CHUNK_SIZE, 11);
    const ref = refOf(bytes);
    await source.put(bytes, { type: 'image/jpeg' });
    await target.putChunk(ref, (await source.getChunk(ref.sha256, 2))!);
    await expect(target.putChunk({ ...ref, size: ref.size + 1 }, (await source.getChunk(ref.sha256, 1))!)).rejects.toBeInstanceOf(PhotoRefMismatchError);
  });

  it('resumes a partial photo after a reopen', async () => {
    const source = await BlobStore.open(scoped(store, 'a/'));
    const bytes = seededBytes(4 * CHUNK_SIZE, 12);
    const ref = refOf(bytes);
    await source.put(bytes, { type: 'image/jpeg' });
    const first = await BlobStore.open(scoped(store, 'b/'));
    await copy(source, first, ref, 2);
    await first.close();
    const second = await BlobStore.open(scoped(store, 'b/'));
    expect(second.missingChunks(ref)).toEqual([1, 0]);
    expect(await copy(source, second, ref)).toBe(2);
    expect(sameBytes(await second.get(ref.sha256), bytes)).toBe(true);
  });

  it('discards a partial photo whose stored chunks were damaged, when it completes', async () => {
    const source = await BlobStore.open(scoped(store, 'a/'));
    const target = await BlobStore.open(scoped(store, 'b/'));
    const bytes = seededBytes(3 * CHUNK_SIZE, 13);
    const ref = refOf(bytes);
    await source.put(bytes, { type: 'image/jpeg' });
    await copy(source, target, ref, 2);
    const key = `b/c/${ref.sha256}/00002`;
    const value = (await store.get(key))!;
    value[40]! ^= 1;
    await store.batch([{ type: 'put', key, value }]);
    await expect(target.putChunk(ref, (await source.getChunk(ref.sha256, 0))!)).rejects.toBeInstanceOf(PhotoCorruptError);
    expect(target.info(ref.sha256)).toBeUndefined();
    expect(target.missingChunks(ref)).toEqual([2, 1, 0]);
  });
});

describe('BlobStore: the budget for others’ photos', () => {
  it('evicts the oldest photos of others, never its own, and says what it dropped', async () => {
    const blobs = await BlobStore.open(store, { budgetBytes: 100_000, now });
    const own = seededBytes(80_000, 20);
    await blobs.put(own, { type: 'image/jpeg', own: true });
    const photos = [21, 22, 23].map((seed) => seededBytes(40_000, seed));
    const dropped: string[] = [];
    blobs.onEvent((e) => {
      if (e.type === 'dropped') dropped.push(e.photo.sha256);
    });
    for (const photo of photos) {
      clock += 1000;
      await blobs.put(photo, { type: 'image/jpeg', own: false });
    }
    expect(dropped).toEqual([sha(photos[0]!)]);
    expect(blobs.has(sha(own))).toBe(true);
    expect(blobs.has(sha(photos[0]!))).toBe(false);
    expect(blobs.isDropped(sha(photos[0]!))).toBe(true);
    expect(blobs.usage()).toMatchObject({ ownBytes: 80_000, othersBytes: 80_000, budgetBytes: 100_000, dropped: 1 });
    expect(blobs.dropped()).toEqual([{ sha256: sha(photos[0]!), size: 40_000, type: 'image/jpeg', heldBytes: 40_000, reason: 'budget', droppedAt: 4_000 }]);
    let keys = 0;
    for await (const _ of store.iterate({ prefix: `c/${sha(photos[0]!)}` })) keys++;
    expect(keys).toBe(0);

    // remembered across a reopen; cleared on request; and gone once the photo is stored again
    await blobs.close();
    const reopened = await BlobStore.open(store, { budgetBytes: 100_000, now });
    expect(reopened.isDropped(sha(photos[0]!))).toBe(true);
    const lowered = await reopened.setBudget(50_000);
    expect(lowered.map((d) => d.sha256)).toEqual([sha(photos[1]!)]);
    expect(reopened.has(sha(own))).toBe(true);
    await reopened.clearDropped(sha(photos[1]!));
    expect(reopened.isDropped(sha(photos[1]!))).toBe(false);
    await reopened.put(photos[0]!, { type: 'image/jpeg', own: true });
    expect(reopened.isDropped(sha(photos[0]!))).toBe(false);
    expect(reopened.dropped()).toEqual([]);
  });

  it('counts partial photos and evicts for incoming chunks', async () => {
    const source = await BlobStore.open(scoped(store, 'a/'));
    const target = await BlobStore.open(scoped(store, 'b/'), { budgetBytes: 3 * CHUNK_SIZE, now });
    const a = seededBytes(2 * CHUNK_SIZE, 30);
    const b = seededBytes(2 * CHUNK_SIZE, 31);
    await source.put(a, { type: 'image/jpeg' });
    await source.put(b, { type: 'image/jpeg' });
    await copy(source, target, refOf(a));
    await copy(source, target, refOf(b), 1);
    expect(target.usage().othersBytes).toBe(3 * CHUNK_SIZE);
    const result = await target.putChunk(refOf(b), (await source.getChunk(sha(b), 0))!);
    expect(result.dropped.map((d) => d.sha256)).toEqual([sha(a)]);
    expect(target.usage().othersBytes).toBe(2 * CHUNK_SIZE);
    expect(await target.get(sha(b))).toEqual(b);
  });

  it('drops a photo that cannot fit at all, and remembers it', async () => {
    const source = await BlobStore.open(scoped(store, 'a/'));
    const target = await BlobStore.open(scoped(store, 'b/'), { budgetBytes: CHUNK_SIZE, now });
    const big = seededBytes(3 * CHUNK_SIZE, 40);
    await source.put(big, { type: 'image/jpeg' });
    await target.putChunk(refOf(big), (await source.getChunk(sha(big), 2))!);
    await expect(target.putChunk(refOf(big), (await source.getChunk(sha(big), 1))!)).rejects.toBeInstanceOf(PhotoBudgetError);
    expect(target.info(sha(big))).toBeUndefined();
    expect(target.dropped()).toMatchObject([{ sha256: sha(big), heldBytes: CHUNK_SIZE, reason: 'budget' }]);
    expect(target.usage().othersBytes).toBe(0);
    await expect(target.put(big, { type: 'image/jpeg', own: false })).rejects.toMatchObject({ code: 'PHOTO_OVER_BUDGET' });
  });
});
