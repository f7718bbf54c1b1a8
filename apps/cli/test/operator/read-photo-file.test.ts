import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '@titip/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PhotoFileError } from '../../src/operator/photo-file-error.js';
import { matchPhotoFiles, readPhotoFile, readPhotoFiles } from '../../src/operator/read-photo-file.js';

let dir: { path: string; remove: () => Promise<void> };
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 5000 }, (_, i) => i % 251)]);
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 3000 }, (_, i) => i % 13)]);
const hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const path = (name: string) => join(dir.path, name);

async function refusal(attempt: Promise<unknown>): Promise<PhotoFileError> {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PhotoFileError);
  return error as PhotoFileError;
}

beforeAll(async () => {
  dir = await tempDir('titip-cli-photo-file-');
  await writeFile(path('page-1.jpg'), jpeg);
  await writeFile(path('page-2.bin'), png); // the name says nothing: the bytes do
  await writeFile(path('empty.jpg'), new Uint8Array());
  await writeFile(path('notes.txt'), 'C.Hasil halaman 1');
  await mkdir(path('folder.jpg'));
});
afterAll(() => dir.remove());

describe('readPhotoFile', () => {
  it('computes the reference: SHA-256, page, size, and the type from the magic bytes', async () => {
    const one = await readPhotoFile(path('page-1.jpg'), 1);
    expect(one.ref).toEqual({ sha256: hex(jpeg), page: 1, size: jpeg.length, type: 'image/jpeg' });
    expect(one.bytes).toEqual(jpeg);
    expect((await readPhotoFile(path('page-2.bin'), 2)).ref).toEqual({ sha256: hex(png), page: 2, size: png.length, type: 'image/png' });
  });

  it.each<[string, string, RegExp]>([
    ['missing.jpg', 'unreadable', /cannot read it \(ENOENT\)/],
    ['folder.jpg', 'unreadable', /not a file/],
    ['empty.jpg', 'size', /the file is empty/],
    ['notes.txt', 'not-an-image', /not a JPEG, PNG or WebP image \(it starts with 432e486173696c20\)/],
  ])('refuses %s (%s) with a typed error naming the file', async (name, reason, message) => {
    const error = await refusal(readPhotoFile(path(name), 1));
    expect(error).toMatchObject({ code: 'CLI_PHOTO_FILE', reason, file: path(name) });
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(path(name))).toBe(true);
  });
});

describe('readPhotoFiles and matchPhotoFiles', () => {
  const given = { sha256: 'ab'.repeat(32), page: 3, size: 123_456, type: 'image/jpeg' as const };

  it('merges the files with the --photo references, in page order', async () => {
    const { files, refs } = await readPhotoFiles([{ page: 2, path: path('page-2.bin') }, { page: 1, path: path('page-1.jpg') }], [given]);
    expect(files.map((f) => f.ref.page)).toEqual([2, 1]);
    expect(refs.map((r) => r.page)).toEqual([1, 2, 3]);
    expect(refs[2]).toEqual(given);
  });

  it('refuses a page given twice', async () => {
    const twice = await refusal(readPhotoFiles([{ page: 1, path: path('page-1.jpg') }, { page: 1, path: path('page-2.bin') }]));
    expect(twice).toMatchObject({ reason: 'duplicate-page', file: path('page-2.bin') });
    const both = await refusal(readPhotoFiles([{ page: 3, path: path('page-1.jpg') }], [given]));
    expect(both.message).toMatch(/page 3 is already given \(--photo abababababab…:3\)/);
  });

  it('accepts the files a submission signed and refuses any other', async () => {
    const { files, refs } = await readPhotoFiles([{ page: 1, path: path('page-1.jpg') }, { page: 2, path: path('page-2.bin') }]);
    expect(() => matchPhotoFiles(files, refs)).not.toThrow();
    const swapped = (await readPhotoFiles([{ page: 1, path: path('page-2.bin') }])).files;
    expect(() => matchPhotoFiles(swapped, refs)).toThrow(/not the photo the submission signed for page 1/);
    const extra = (await readPhotoFiles([{ page: 7, path: path('page-1.jpg') }])).files;
    expect(() => matchPhotoFiles(extra, refs)).toThrow(/references no photo for page 7 \(it references pages 1, 2\)/);
  });
});
