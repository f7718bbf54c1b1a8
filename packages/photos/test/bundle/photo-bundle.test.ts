import { hashHex } from '@titip/identity';
import { openMemoryStore, scoped, type KeyValueStore } from '@titip/store';
import { decodeBundle, encodeBundle, type BundleBlob } from '@titip/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportPhotos } from '../../src/bundle/export-photos.js';
import { importPhotos } from '../../src/bundle/import-photos.js';
import { CHUNK_SIZE } from '../../src/constants.js';
import { BlobStore } from '../../src/store/blob-store.js';
import type { PhotoBlobRef } from '../../src/store/photo-types.js';
import type { CatalogEntry } from '../../src/transfer/photo-catalog.js';
import { sameBytes, seededBytes } from '../fixtures.js';

// Photos in bundle files: exportPhotos chooses and reads them, the sync bundle carries them as its blob section,
// importPhotos stores those a signed reference names, each verified chunk by chunk.

const header = { createdAt: 1_732_700_000_000, source: { scopes: [''] }, regions: [''], delta: false };
const refOf = (bytes: Uint8Array): PhotoBlobRef => ({ sha256: hashHex(bytes), size: bytes.length, type: 'image/jpeg' });
/** A catalog entry as the exporting peer's held submissions give it (signed at `signedAt`). */
const entryOf = (bytes: Uint8Array, signedAt: number, seen = 0): CatalogEntry => ({
  ref: refOf(bytes),
  pages: [1],
  submissions: [`s${seen}`],
  tps: ['1906012001001'],
  docIds: ['1906012001'],
  signedAt,
  seen,
});
const HOUR = 3_600_000;
// three results an hour apart; the newest photo is the smallest, so only age explains the order
const old = seededBytes(3 * CHUNK_SIZE + 100, 1);
const middle = seededBytes(2 * CHUNK_SIZE, 2);
const recent = seededBytes(5_000, 3);
const notHeld = seededBytes(9_000, 4);
const entries = [entryOf(recent, 3 * HOUR, 0), entryOf(old, 1 * HOUR, 1), entryOf(notHeld, 0, 2), entryOf(middle, 2 * HOUR, 3)];
const expected = new Map(entries.map((e) => [e.ref.sha256, e.ref]));

let stores: KeyValueStore[];
let source: BlobStore;
let target: BlobStore;

beforeEach(async () => {
  stores = [await openMemoryStore(), await openMemoryStore()];
  source = await BlobStore.open(scoped(stores[0]!, 'photos/'));
  target = await BlobStore.open(scoped(stores[1]!, 'photos/'));
  for (const photo of [old, middle, recent]) await source.put(photo, { type: 'image/jpeg', own: false });
});
afterEach(async () => {
  await source.close();
  await target.close();
  for (const store of stores) await store.close();
});

/** The blob section as it arrives: written into a bundle file and read back. */
const carried = (blobs: readonly BundleBlob[]) => decodeBundle(encodeBundle(header, [], blobs)).blobs;

describe('exportPhotos', () => {
  it('takes the whole photos held, older results first, and says which it left out', async () => {
    const exported = await exportPhotos(source, entries);
    expect(exported.photos.map((p) => p.sha256)).toEqual([old, middle, recent].map(hashHex));
    expect(exported.bytes).toBe(old.length + middle.length + recent.length);
    expect(sameBytes(exported.blobs[0]!.bytes, old)).toBe(true);
    expect(exported.leftOut).toEqual([{ ...refOf(notHeld), reason: 'not-held' }]);
  });

  it('a size cap keeps the photos of the oldest results and leaves out everything from the first that does not fit', async () => {
    const capped = await exportPhotos(source, entries, { maxBytes: old.length + recent.length });
    // recent would fit after old, but middle (older) did not: the bundle carries a prefix of the priority order
    expect(capped.photos).toEqual([refOf(old)]);
    expect(capped.leftOut.map((l) => [l.sha256, l.reason])).toEqual([
      [hashHex(notHeld), 'not-held'],
      [hashHex(middle), 'cap'],
      [hashHex(recent), 'cap'],
    ]);
    expect((await exportPhotos(source, entries, { maxBytes: 0 })).blobs).toEqual([]);
  });

  it('leaves out what the receiver holds, and a photo whose stored bytes are damaged', async () => {
    const held = await exportPhotos(source, entries, { heldByReceiver: new Set([hashHex(middle)]) });
    expect(held.photos).toEqual([refOf(old), refOf(recent)]);
    expect(held.leftOut).toContainEqual({ ...refOf(middle), reason: 'held-by-receiver' });
    // flip a byte of a stored chunk of `old` underneath the store
    const key = `photos/c/${hashHex(old)}/00001`;
    const value = (await stores[0]!.get(key))!.slice();
    value[40]! ^= 1;
    await stores[0]!.batch([{ type: 'put', key, value }]);
    const damaged = await exportPhotos(source, entries);
    expect(damaged.photos).toEqual([refOf(middle), refOf(recent)]);
    expect(damaged.leftOut).toContainEqual({ ...refOf(old), reason: 'corrupt' });
  });
});

describe('importPhotos', () => {
  it('round trip: stores each referenced photo byte-exact, and a second import finds them held (stored once)', async () => {
    const section = carried((await exportPhotos(source, entries)).blobs);
    const first = await importPhotos(target, section, expected);
    expect(first.accepted).toEqual([refOf(old), refOf(middle), refOf(recent)]);
    expect(first.refused).toEqual([]);
    for (const photo of [old, middle, recent]) expect(sameBytes(await target.get(hashHex(photo)), photo)).toBe(true);
    expect(target.list().every((p) => p.complete && !p.own)).toBe(true);
    const again = await importPhotos(target, section, expected);
    expect(again).toEqual({ accepted: [], alreadyHeld: first.accepted, refused: [] });
    expect(target.usage()).toMatchObject({ complete: 3, othersBytes: old.length + middle.length + recent.length });
  });

  it('refuses a photo no signed submission references (storage for strangers), storing the others', async () => {
    const stranger = seededBytes(20_000, 9);
    const section = carried([...(await exportPhotos(source, entries)).blobs, { sha256: hashHex(stranger), bytes: stranger }]);
    const result = await importPhotos(target, section, expected);
    expect(result.accepted).toHaveLength(3);
    expect(result.refused).toEqual([{ sha256: hashHex(stranger), bytes: stranger.length, code: 'PHOTO_UNREFERENCED', message: expect.stringContaining('referenced by no signed submission') }]);
    expect(target.info(hashHex(stranger))).toBeUndefined();
  });

  it('refuses a damaged photo with CHUNK_INVALID, whichever chunk was hit, and loses nothing else', async () => {
    const { blobs } = await exportPhotos(source, entries);
    for (const at of [0, CHUNK_SIZE + 7, old.length - 1]) {
      const bytes = blobs[0]!.bytes.slice();
      bytes[at]! ^= 0x80;
      const section = carried([{ sha256: blobs[0]!.sha256, bytes }, ...blobs.slice(1)]);
      const store = await openMemoryStore();
      stores.push(store);
      const fresh = await BlobStore.open(scoped(store, 'photos/'));
      const result = await importPhotos(fresh, section, expected);
      expect(result.refused).toEqual([{ sha256: hashHex(old), bytes: old.length, code: 'CHUNK_INVALID', message: expect.stringContaining('hash') }]);
      expect(result.accepted).toEqual([refOf(middle), refOf(recent)]);
      expect(fresh.info(hashHex(old))).toBeUndefined(); // not a single chunk of it kept
    }
    // a photo cut short (or padded): the signed size decides
    const short = carried([{ sha256: hashHex(recent), bytes: recent.subarray(0, 4_000) }]);
    expect((await importPhotos(target, short, expected)).refused[0]).toMatchObject({ code: 'CHUNK_INVALID', message: expect.stringContaining('signed reference says 5000') });
  });

  it('completes a photo the store held in part (a network fetch cut off), verifying against the held chunks', async () => {
    const ref = refOf(old);
    const last = chunkOf(old, 3);
    await target.putChunk(ref, await source.getChunk(ref.sha256, 3).then((c) => c!));
    await target.putChunk(ref, (await source.getChunk(ref.sha256, 2))!);
    expect(target.info(ref.sha256)).toMatchObject({ from: 2, complete: false });
    expect(last.length).toBe(100);
    const result = await importPhotos(target, carried([{ sha256: ref.sha256, bytes: old }]), expected);
    expect(result.accepted).toEqual([ref]);
    expect(sameBytes(await target.get(ref.sha256), old)).toBe(true);
  });
});

function chunkOf(bytes: Uint8Array, index: number): Uint8Array {
  return bytes.subarray(index * CHUNK_SIZE, Math.min(bytes.length, (index + 1) * CHUNK_SIZE));
}
