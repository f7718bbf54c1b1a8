import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '@titip/testkit';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { PhotoFileError } from '../../src/operator/photo-file-error.js';
import { photoTypeOf } from '../../src/operator/photo-type-of.js';
import { readPhotoFile } from '../../src/operator/read-photo-file.js';
import { fuzzParams, fuzzTimeout, mutatedBytes, randomBytes, typedOutcomeAsync } from '@titip/testkit/fuzz';

const dir = await tempDir('titip-fuzz-photo-');
afterAll(() => dir.remove());
const file = join(dir.path, 'halaman-1');

const JPEG = Buffer.from('ffd8ffe000104a464946', 'hex');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0x08, 0, 0]), Buffer.from('WEBPVP8 ')]);
const tail = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 131 + seed * 7) & 0xff);
const seeds: Uint8Array[] = [
  Buffer.concat([JPEG, tail(200, 1)]),
  Buffer.concat([PNG, tail(120, 2)]),
  Buffer.concat([WEBP, tail(90, 3)]),
  Buffer.from(WEBP.subarray(0, 16)),
  Buffer.from(JPEG.subarray(0, 3)),
  Buffer.from(PNG.subarray(0, 8)),
];

/** The type by its magic bytes, stated independently of the code under test (Buffer prefix comparisons). */
function expectedType(bytes: Uint8Array): string | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.subarray(0, 3).equals(JPEG.subarray(0, 3))) return 'image/jpeg';
  if (b.subarray(0, 8).equals(PNG.subarray(0, 8))) return 'image/png';
  if (b.length >= 16 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return undefined;
}

/** photoTypeOf never throws and names a type only when the bytes start with its magic. */
function check(bytes: Uint8Array): void {
  expect(photoTypeOf(bytes)).toBe(expectedType(bytes));
}

/** readPhotoFile refuses with PhotoFileError only; an accepted file's reference is its bytes' hash, size and type. */
async function checkFile(bytes: Uint8Array): Promise<void> {
  await writeFile(file, bytes);
  const outcome = await typedOutcomeAsync(() => readPhotoFile(file, 1), [PhotoFileError]);
  if (!outcome.ok) {
    const error = outcome.error as PhotoFileError;
    expect(error.code).toBe('CLI_PHOTO_FILE');
    expect(['size', 'not-an-image']).toContain(error.reason);
    expect(bytes.length === 0 || expectedType(bytes) === undefined).toBe(true);
    return;
  }
  const { ref } = outcome.value;
  expect(ref).toEqual({ sha256: createHash('sha256').update(bytes).digest('hex'), page: 1, size: bytes.length, type: expectedType(bytes) });
  expect(bytes.length).toBeGreaterThan(0);
}

/** Near misses: a magic with one byte changed, or a WebP container with another form type or too short. */
const nearMiss = fc.tuple(fc.constantFrom(JPEG.subarray(0, 3), PNG.subarray(0, 8), WEBP.subarray(0, 16)), fc.nat(15), fc.nat(255), fc.nat(20)).map(([magic, at, value, cut]) => {
  const copy = Buffer.from(magic);
  copy[at % copy.length] = value;
  return Uint8Array.from(copy.subarray(0, copy.length - (cut % 3 === 0 ? cut % copy.length : 0)));
});

describe('fuzz: photoTypeOf and readPhotoFile (the photo files an operator signs)', () => {
  it('types its seeds', () => {
    expect(seeds.map(photoTypeOf)).toEqual(['image/jpeg', 'image/png', 'image/webp', 'image/webp', 'image/jpeg', 'image/png']);
  });
  it('mutated images (magic bytes flipped, truncated, spliced)', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(mutatedBytes(seeds), check), fuzzParams(3000, 0.5, 251));
  });
  it('near misses of each magic', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(nearMiss, check), fuzzParams(2000, 0.25, 252));
  });
  it('random bytes', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(randomBytes(64), check), fuzzParams(1000, 0.24, 253));
  });
  it('through the file: readPhotoFile on mutated images, empty files and random bytes', { timeout: fuzzTimeout }, async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(mutatedBytes(seeds), nearMiss, randomBytes(32), fc.constant(new Uint8Array(0))), checkFile), fuzzParams(200, 0.01, 254));
  });
});
