import { readFile, stat } from 'node:fs/promises';
import { sha256, toHex } from '@titip/identity';
import { MAX_PHOTO_BYTES, type PhotoRef } from '@titip/records';
import { PhotoFileError } from './photo-file-error.js';
import { photoTypeOf } from './photo-type-of.js';

/** A photo file read for a page: its bytes and the reference a submission signs. */
export interface PhotoFile {
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly ref: PhotoRef;
}

/**
 * Reads the photo of page `page` from `file`: checks its size and its type by magic bytes, and computes its
 * {@link PhotoRef} (SHA-256, page, size, type).
 * @throws {PhotoFileError} `unreadable`, `size` (empty or over the 20 MB a photo may be), `not-an-image`.
 */
export async function readPhotoFile(file: string, page: number): Promise<PhotoFile> {
  let bytes: Uint8Array;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new PhotoFileError(file, 'unreadable', 'not a file');
    if (info.size > MAX_PHOTO_BYTES) throw new PhotoFileError(file, 'size', `${info.size} bytes: a photo is at most ${MAX_PHOTO_BYTES} bytes`);
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    if (error instanceof PhotoFileError) throw error;
    throw new PhotoFileError(file, 'unreadable', `cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { cause: error });
  }
  if (bytes.length === 0) throw new PhotoFileError(file, 'size', 'the file is empty');
  if (bytes.length > MAX_PHOTO_BYTES) throw new PhotoFileError(file, 'size', `${bytes.length} bytes: a photo is at most ${MAX_PHOTO_BYTES} bytes`);
  const type = photoTypeOf(bytes);
  if (type === undefined) {
    const head = toHex(bytes.subarray(0, 8));
    throw new PhotoFileError(file, 'not-an-image', `not a JPEG, PNG or WebP image (it starts with ${head}); photograph the page as JPEG, PNG or WebP`);
  }
  return { file, bytes, ref: { sha256: toHex(sha256(bytes)), page, size: bytes.length, type } };
}

/**
 * Reads the photo files of `--photo-file PAGE=PATH` and merges their references with the `--photo` ones, in page
 * order.
 * @throws {PhotoFileError} for a file {@link readPhotoFile} refuses, or `duplicate-page` when a page is given twice.
 */
export async function readPhotoFiles(files: readonly { readonly page: number; readonly path: string }[], refs: readonly PhotoRef[] = []): Promise<{ files: PhotoFile[]; refs: PhotoRef[] }> {
  const pages = new Map<number, string>(refs.map((ref) => [ref.page, `--photo ${ref.sha256.slice(0, 12)}…:${ref.page}`]));
  const read: PhotoFile[] = [];
  for (const { page, path } of files) {
    const earlier = pages.get(page);
    if (earlier !== undefined) throw new PhotoFileError(path, 'duplicate-page', `page ${page} is already given (${earlier}): one photo per page`);
    pages.set(page, path);
    read.push(await readPhotoFile(path, page));
  }
  return { files: read, refs: [...refs, ...read.map((f) => f.ref)].sort((a, b) => a.page - b.page) };
}

/**
 * Checks photo files against the references of an already signed submission: each file must be the photo its page
 * references (same SHA-256 and size).
 * @throws {PhotoFileError} `mismatch` naming the file and the page.
 */
export function matchPhotoFiles(files: readonly PhotoFile[], signed: readonly PhotoRef[]): void {
  for (const file of files) {
    const ref = signed.find((r) => r.page === file.ref.page);
    if (ref === undefined) throw new PhotoFileError(file.file, 'mismatch', `the submission references no photo for page ${file.ref.page} (it references pages ${signed.map((r) => r.page).join(', ') || 'none'})`);
    if (ref.sha256 !== file.ref.sha256 || ref.size !== file.ref.size) {
      throw new PhotoFileError(file.file, 'mismatch', `not the photo the submission signed for page ${ref.page} (signed ${ref.sha256}, ${ref.size} bytes; this file is ${file.ref.sha256}, ${file.ref.size} bytes)`);
    }
  }
}
