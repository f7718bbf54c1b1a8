import { encode } from 'cborg';
import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE, PHOTO_MAX_FRAME_BYTES } from '../../src/constants.js';
import { PhotoWireError, PhotoWireVersionError } from '../../src/errors.js';
import { decodePhotoMessage, encodePhotoMessage } from '../../src/wire/message-codec.js';
import type { PhotoMessage } from '../../src/wire/messages.js';

const photo = new Uint8Array(32).fill(7);
const state = new Uint8Array(32).fill(9);

describe('photo protocol messages', () => {
  const messages: PhotoMessage[] = [
    { t: 'ask', v: 1, photos: [photo, new Uint8Array(32)] },
    { t: 'want', v: 1, photo, chunks: [12, 11, 10] },
    { t: 'have', v: 1, photos: [[photo, 0], [new Uint8Array(32), null]] },
    { t: 'manifest', v: 1, photo, size: 200_000, type: 'image/jpeg', chunkSize: CHUNK_SIZE, from: 3 },
    { t: 'chunk', v: 1, photo, index: 4, state, data: new Uint8Array(CHUNK_SIZE).fill(1) },
    { t: 'reject', v: 1, reason: 'bad-chunk', detail: 'chunk 4 does not verify' },
  ];

  it.each(messages.map((m) => [m.t, m] as const))('round-trips %s', (_, message) => {
    expect(decodePhotoMessage(encodePhotoMessage(message))).toEqual(message);
  });

  it('keeps a full chunk message within the frame limit', () => {
    expect(encodePhotoMessage(messages[4]!).byteLength).toBeLessThan(PHOTO_MAX_FRAME_BYTES);
  });

  it.each([
    ['not CBOR', new Uint8Array([0xff, 0x00])],
    ['a CBOR string', encode('hello')],
    ['an unknown type', encode({ t: 'gimme', v: 1 })],
    ['an extra field', encode({ t: 'ask', v: 1, photos: [photo], more: 1 })],
    ['a short photo hash', encode({ t: 'ask', v: 1, photos: [new Uint8Array(31)] })],
    ['a hex photo hash', encode({ t: 'ask', v: 1, photos: ['07'.repeat(32)] })],
    ['an empty ask', encode({ t: 'ask', v: 1, photos: [] })],
    ['too many photos', encode({ t: 'ask', v: 1, photos: Array.from({ length: 257 }, () => photo) })],
    ['an empty want', encode({ t: 'want', v: 1, photo, chunks: [] })],
    ['repeated chunks', encode({ t: 'want', v: 1, photo, chunks: [3, 3] })],
    ['a negative index', encode({ t: 'want', v: 1, photo, chunks: [-1] })],
    ['a fractional index', encode({ t: 'want', v: 1, photo, chunks: [1.5] })],
    ['too many chunks', encode({ t: 'want', v: 1, photo, chunks: Array.from({ length: 65 }, (_, i) => i) })],
    ['an oversized chunk', encode({ t: 'chunk', v: 1, photo, index: 0, state, data: new Uint8Array(CHUNK_SIZE + 1) })],
    ['an empty chunk', encode({ t: 'chunk', v: 1, photo, index: 0, state, data: new Uint8Array(0) })],
    ['a short state', encode({ t: 'chunk', v: 1, photo, index: 0, state: new Uint8Array(8), data: new Uint8Array(1) })],
    ['an unknown image type', encode({ t: 'manifest', v: 1, photo, size: 1, type: 'image/gif', chunkSize: CHUNK_SIZE, from: 0 })],
    ['a duplicate map key', new Uint8Array([0xa2, 0x61, 0x74, 0x63, 0x61, 0x73, 0x6b, 0x61, 0x74, 0x63, 0x61, 0x73, 0x6b])],
    ['a frame over the limit', new Uint8Array(PHOTO_MAX_FRAME_BYTES + 1)],
  ])('refuses %s with PhotoWireError', (_, frame) => {
    expect(() => decodePhotoMessage(frame)).toThrow(PhotoWireError);
  });

  it('refuses a version that is a CBOR map with toString/valueOf keys with PhotoWireVersionError, not a TypeError', () => {
    const frame = encode({ t: 'ask', v: { toString: 1, valueOf: 2 }, photos: [photo] });
    expect(() => decodePhotoMessage(frame)).toThrow(PhotoWireVersionError);
    expect(() => decodePhotoMessage(frame)).toThrow('unsupported photo protocol version (a map)');
  });

  it('refuses another version with PhotoWireVersionError', () => {
    expect(() => decodePhotoMessage(encode({ t: 'ask', v: 2, photos: [photo] }))).toThrow(PhotoWireVersionError);
    try {
      decodePhotoMessage(encode({ t: 'ask', v: 2, photos: [photo] }));
    } catch (error) {
      expect(error).toMatchObject({ code: 'PHOTO_WIRE_VERSION', remoteVersion: 2 });
    }
  });
});
