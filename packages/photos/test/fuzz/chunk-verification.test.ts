import { createHash } from 'node:crypto';
import { openMemoryStore, type KeyValueStore } from '@titip/store';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CHUNK_SIZE } from '../../src/constants.js';
import { ChunkOutOfOrderError, ChunkVerificationError, InvalidPhotoError, PhotoRefMismatchError } from '../../src/errors.js';
import { BlobStore } from '../../src/store/blob-store.js';
import type { PhotoBlobRef, PhotoChunk, PhotoInfo } from '../../src/store/photo-types.js';
import { SHA256_INITIAL_STATE } from '../../src/store/sha256-chain.js';
import { sameBytes, seededBytes } from '../fixtures.js';
import { fuzzParams, fuzzTimeout, mutatedBytes, randomBytes, typedOutcomeAsync } from '@titip/testkit/fuzz';

// A photo of three chunks (two whole, a short last one), starting like a JPEG, cut by a real store.
const bytes = seededBytes(2 * CHUNK_SIZE + 777, 31);
bytes.set([0xff, 0xd8, 0xff, 0xe0]);
const ref: PhotoBlobRef = { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, type: 'image/jpeg' };
const COUNT = 3;
const stores = new Map<BlobStore, KeyValueStore>();

async function storeHolding(held: number): Promise<BlobStore> {
  const kv = await openMemoryStore();
  const blobs = await BlobStore.open(kv);
  stores.set(blobs, kv);
  for (let i = COUNT - 1; i >= COUNT - held; i--) await blobs.putChunk(ref, genuine[i]!);
  return blobs;
}

const source = await storeHolding(0);
await source.put(bytes, { type: 'image/jpeg', own: true });
const genuine: PhotoChunk[] = [];
for (let i = 0; i < COUNT; i++) {
  const c = (await source.getChunk(ref.sha256, i))!;
  genuine.push({ index: c.index, state: c.state.slice(), data: c.data.slice() });
}
/** Stores holding 0, 1, 2 and all 3 chunks (the last ones first, the order they verify in). */
const targets: BlobStore[] = [];
for (let held = 0; held <= COUNT; held++) targets.push(await storeHolding(held));
afterAll(async () => {
  for (const kv of stores.values()) await kv.close();
});

const allowed = [ChunkVerificationError, ChunkOutOfOrderError, InvalidPhotoError, PhotoRefMismatchError];
const isGenuine = (r: PhotoBlobRef, c: PhotoChunk) =>
  r.sha256 === ref.sha256 && r.size === ref.size && c.index === genuine[c.index]?.index && sameBytes(c.state, genuine[c.index]!.state) && sameBytes(c.data, genuine[c.index]!.data);

interface Case {
  readonly held: number;
  readonly ref: PhotoBlobRef;
  readonly chunk: PhotoChunk;
}

/**
 * putChunk stores a chunk only when it is the genuine next chunk of the genuine photo; refuses everything else with
 * a typed error and leaves the store as it was; an already held chunk is a no-op.
 */
async function check({ held, ref: r, chunk }: Case): Promise<void> {
  const blobs = targets[held]!;
  const before: PhotoInfo | undefined = blobs.info(ref.sha256);
  const outcome = await typedOutcomeAsync(() => blobs.putChunk(r, chunk), allowed);
  if (!outcome.ok) {
    expect(blobs.info(ref.sha256)).toEqual(before);
    if (r.sha256 !== ref.sha256) expect(blobs.info(r.sha256)).toBeUndefined();
    return;
  }
  const { stored, info } = outcome.value;
  if (!stored) {
    // Already held: only an index the store holds, and nothing changed.
    expect(blobs.info(r.sha256)).toEqual(info);
    expect(r.sha256 === ref.sha256 ? before : info).toEqual(info);
    expect(chunk.index).toBeGreaterThanOrEqual(info.from);
    return;
  }
  expect(isGenuine(r, chunk)).toBe(true);
  // Compared with ===: an index of -0 is chunk 0 (found by the long form; the store takes it as 0, rightly).
  expect(chunk.index === COUNT - 1 - held).toBe(true);
  expect(info.from === chunk.index).toBe(true);
  if (info.complete) expect(sameBytes(await blobs.get(ref.sha256), bytes)).toBe(true);
  // Back to the state the next inputs expect (closing the store that moved on).
  await stores.get(blobs)!.close();
  stores.delete(blobs);
  targets[held] = await storeHolding(held);
}

const pick = <T>(genuineValue: fc.Arbitrary<T>, ...others: fc.Arbitrary<T>[]) => fc.oneof({ arbitrary: genuineValue, weight: others.length }, ...others);
const anyIndex = fc.nat(COUNT - 1);

/** A chunk built from a genuine one with its bytes, state, index and reference each kept or broken. */
const mutatedCase: fc.Arbitrary<Case> = fc
  .tuple(fc.nat(COUNT), anyIndex)
  .chain(([held, i]) =>
    fc.record({
      held: fc.constant(held),
      ref: pick(
        fc.constant(ref),
        fc.constantFrom(-1, 1, -64, 64, CHUNK_SIZE, -CHUNK_SIZE, -777, 1 - ref.size).map((d) => ({ ...ref, size: ref.size + d })),
        fc.tuple(fc.nat(63), fc.nat(15)).map(([at, x]) => ({ ...ref, sha256: ref.sha256.slice(0, at) + x.toString(16) + ref.sha256.slice(at + 1) })),
        fc.constantFrom<PhotoBlobRef>({ ...ref, sha256: ref.sha256.toUpperCase() }, { ...ref, type: 'image/gif' as 'image/jpeg' }, { ...ref, size: 0 }, { ...ref, size: 1.5 }, { ...ref, size: 20_000_001 }),
      ),
      chunk: fc.record({
        index: pick(fc.constant(i), anyIndex, fc.constantFrom(-1, COUNT, 1.5, Number.NaN, Infinity, 2 ** 31, -0)),
        state: pick(
          fc.constant(genuine[i]!.state),
          mutatedBytes([genuine[i]!.state], 2),
          fc.constantFrom(...genuine.map((c) => c.state), SHA256_INITIAL_STATE, new Uint8Array(32), new Uint8Array(31)),
          fc.uint8Array({ minLength: 32, maxLength: 32 }),
        ),
        data: pick(
          fc.constant(genuine[i]!.data),
          mutatedBytes([genuine[i]!.data], 3),
          fc.constantFrom(...genuine.map((c) => c.data), bytes.subarray(1, 1 + CHUNK_SIZE), new Uint8Array(CHUNK_SIZE)),
          randomBytes(64),
        ),
      }),
    }),
  );

/** Genuine chunks offered to a store in any state (the accepting path, and the no-op for chunks already held). */
const genuineCase: fc.Arbitrary<Case> = fc.tuple(fc.nat(COUNT), anyIndex).map(([held, i]) => ({ held, ref, chunk: genuine[i]! }));

/** The next verifiable chunk with one bit of its state or bytes flipped (the smallest forgery): never verifies. */
const bitFlipCase: fc.Arbitrary<Case> = fc.tuple(fc.nat(COUNT - 1), fc.nat(), fc.nat(7), fc.boolean()).map(([held, at, bit, inState]) => {
  const i = COUNT - 1 - held;
  const c = genuine[i]!;
  const target = Uint8Array.from(inState ? c.state : c.data);
  target[at % target.length]! ^= 1 << bit;
  return { held, ref, chunk: inState ? { index: i, state: target, data: c.data } : { index: i, state: c.state, data: target } };
});

describe('fuzz: BlobStore.putChunk (chunk verification against the signed hash)', () => {
  it('accepts the genuine chunks in order and the photo completes', async () => {
    const blobs = await storeHolding(0);
    for (let i = COUNT - 1; i >= 0; i--) expect((await blobs.putChunk(ref, genuine[i]!)).stored).toBe(true);
    expect(sameBytes(await blobs.get(ref.sha256), bytes)).toBe(true);
  });
  it('chunk index -0 is chunk 0', async () => {
    const blobs = await storeHolding(COUNT - 1);
    expect((await blobs.putChunk(ref, { ...genuine[0]!, index: -0 })).info.complete).toBe(true);
  });
  it('mutated chunks, states, indices and references', { timeout: fuzzTimeout }, async () => {
    await fc.assert(fc.asyncProperty(mutatedCase, check), fuzzParams(1500, 0.65, 211));
  });
  it('one bit off in the next verifiable chunk', { timeout: fuzzTimeout }, async () => {
    await fc.assert(fc.asyncProperty(bitFlipCase, async (c) => {
      const outcome = await typedOutcomeAsync(() => targets[c.held]!.putChunk(c.ref, c.chunk), allowed);
      expect(outcome.ok).toBe(false);
      // The first chunk's state is checked against the SHA-256 initial state before any hashing.
      const expected = c.chunk.index === 0 && !sameBytes(c.chunk.state, genuine[0]!.state) ? 'state' : 'hash';
      expect(outcome.ok ? undefined : (outcome.error as ChunkVerificationError).failure).toBe(expected);
    }), fuzzParams(500, 0.3, 212));
  });
  it('genuine chunks to stores in every state', { timeout: fuzzTimeout }, async () => {
    await fc.assert(fc.asyncProperty(genuineCase, check), fuzzParams(200, 0.05, 213));
  });
});
