import { encode } from 'cborg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE, PHOTO_MAX_FRAME_BYTES } from '../../src/constants.js';
import { PhotoWireError, PhotoWireVersionError } from '../../src/errors.js';
import { decodePhotoMessage, encodePhotoMessage } from '../../src/wire/message-codec.js';
import { photoMessageSchema, type PhotoMessage } from '../../src/wire/messages.js';
import { sameBytes, seededBytes } from '../fixtures.js';
import { deepCbor, fuzzParams, fuzzTimeout, mutatedBytes, oddJson, randomBytes, rawCbor, typedOutcome } from '@titip/testkit/fuzz';

const photo = seededBytes(32, 1);
const other = seededBytes(32, 2);
const state = seededBytes(32, 3);

const valid: PhotoMessage[] = [
  { t: 'ask', v: 1, photos: [photo, other] },
  { t: 'ask', v: 1, photos: [photo] },
  { t: 'want', v: 1, photo, chunks: [12, 11, 10] },
  { t: 'want', v: 1, photo: other, chunks: [0] },
  { t: 'have', v: 1, photos: [[photo, 0], [other, null]] },
  { t: 'have', v: 1, photos: [[other, 1220]] },
  { t: 'manifest', v: 1, photo, size: 200_000, type: 'image/jpeg', chunkSize: CHUNK_SIZE, from: 3 },
  { t: 'manifest', v: 1, photo: other, size: 1, type: 'image/webp', chunkSize: CHUNK_SIZE, from: 0 },
  { t: 'chunk', v: 1, photo, index: 4, state, data: seededBytes(300, 4) },
  { t: 'chunk', v: 1, photo: other, index: 0, state, data: seededBytes(1, 5) },
  { t: 'reject', v: 1, reason: 'bad-chunk', detail: 'chunk 4 does not verify' },
  { t: 'reject', v: 1, reason: '', detail: '' },
];
const seeds = valid.map(encodePhotoMessage);
/** A full-size chunk frame (16 KiB of data): mutated less often, it is large. */
const fullChunk = encodePhotoMessage({ t: 'chunk', v: 1, photo, index: 1, state, data: seededBytes(CHUNK_SIZE, 6) });
const allowed = [PhotoWireError, PhotoWireVersionError];

/**
 * Every frame either decodes to a schema-valid message that round-trips byte for byte, or is refused with a typed
 * error: PhotoWireVersionError only for a map whose `v` is not 1, PhotoWireError otherwise.
 */
function check(frame: Uint8Array): void {
  const outcome = typedOutcome(() => decodePhotoMessage(frame), allowed);
  if (!outcome.ok) {
    const error = outcome.error as PhotoWireError | PhotoWireVersionError;
    expect(['PHOTO_WIRE_MALFORMED', 'PHOTO_WIRE_VERSION']).toContain(error.code);
    expect(error.message.length).toBeLessThan(2000);
    if (error instanceof PhotoWireVersionError) expect(error.remoteVersion).not.toBe(1);
    return;
  }
  expect(frame.byteLength).toBeLessThanOrEqual(PHOTO_MAX_FRAME_BYTES);
  expect(photoMessageSchema.safeParse(outcome.value).success).toBe(true);
  expect(outcome.value.v).toBe(1);
  const again = encodePhotoMessage(outcome.value);
  expect(sameBytes(encodePhotoMessage(decodePhotoMessage(again)), again)).toBe(true);
  if (outcome.value.t === 'chunk') expect(sameBytes(outcome.value.data, (decodePhotoMessage(again) as typeof outcome.value).data)).toBe(true);
}

const field = fc.oneof(
  fc.constantFrom('t', 'v', 'photos', 'photo', 'chunks', 'size', 'type', 'chunkSize', 'from', 'index', 'state', 'data', 'reason', 'detail', '__proto__', 'constructor'),
  fc.string({ maxLength: 6 }),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('image/jpeg', 'image/png', 'image/gif', '', 0, 1, -1, 1.5, 1221, 1222, CHUNK_SIZE, 20_000_000, 20_000_001, null, true),
  fc.uint8Array({ maxLength: 40 }),
  fc.constantFrom(photo, state, new Uint8Array(31), new Uint8Array(33), new Uint8Array(CHUNK_SIZE + 1)),
  fc.array(fc.oneof(fc.constantFrom(photo, other), fc.nat(1300), fc.tuple(fc.constantFrom(photo, other, new Uint8Array(31)), fc.oneof(fc.nat(1300), fc.constant(null), fc.constant(-1)))), { maxLength: 5 }),
  oddJson,
);
/** Maps shaped like messages: a known or unknown type, any version, fields of the protocol with any values. */
const structured = fc
  .tuple(fc.constantFrom('ask', 'want', 'have', 'manifest', 'chunk', 'reject', 'x', 1), fc.constantFrom(1, 1, 1, 2, 0, '1', null), fc.dictionary(field, value, { maxKeys: 7 }))
  .map(([t, v, rest]) => {
    const object: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(rest)) Object.defineProperty(object, k, { value: x, enumerable: true, writable: true, configurable: true });
    object['t'] = t;
    object['v'] = v;
    return encode(object);
  });

describe('fuzz: decodePhotoMessage (the /titip/photos/1.0.0 frames)', () => {
  it('checks its seeds', () => {
    for (const frame of [...seeds, fullChunk]) check(frame);
    expect(seeds.map((s) => decodePhotoMessage(s).t)).toEqual(valid.map((m) => m.t));
  });
  it('mutated valid frames', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(mutatedBytes(seeds), check), fuzzParams(2000, 0.45, 201));
  });
  it('mutated full-size chunk frames', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(mutatedBytes([fullChunk]), check), fuzzParams(200, 0.02, 202));
  });
  it('random bytes', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(randomBytes(256), check), fuzzParams(500, 0.1, 203));
  });
  it('random CBOR items (all major types, non-canonical widths, tags, floats, indefinite lengths)', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(rawCbor, check), fuzzParams(1000, 0.15, 204));
  });
  it('deep nesting', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(deepCbor, check), fuzzParams(100, 0.05, 205));
  });
  it('message-shaped maps with wrong fields and values', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(structured, check), fuzzParams(1500, 0.23, 206));
  });
  it('oversized frames are refused before decoding', () => {
    const big = new Uint8Array(PHOTO_MAX_FRAME_BYTES + 1);
    big.set(fullChunk);
    expect(typedOutcome(() => decodePhotoMessage(big), allowed).ok).toBe(false);
  });
});
