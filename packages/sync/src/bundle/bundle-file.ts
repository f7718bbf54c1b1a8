// Node-only: reading and writing bundle files (exported from `@titip/sync/node`).
import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Replica } from '../replication/replica.js';
import { BundleError } from './bundle-error.js';
import { DEFAULT_MAX_BUNDLE_BYTES, type BundleLimits } from './bundle-format.js';
import { decodeBundle } from './decode-bundle.js';
import { exportBundle, type ExportBundleOptions } from './export-bundle.js';
import { importBundle, type BundleImportResult } from './import-bundle.js';

/** Options of {@link writeBundleFile}. */
export interface WriteBundleFileOptions extends ExportBundleOptions {
  /** Replace an existing file. @default false */
  readonly overwrite?: boolean;
}

/** What {@link writeBundleFile} wrote. */
export interface WrittenBundle {
  readonly file: string;
  readonly bytes: number;
  readonly objects: number;
  /** Blobs (photos) written after the objects. */
  readonly blobs: number;
}

/**
 * Exports a replica into a bundle file (see {@link exportBundle}). The file appears whole or not at all: written to
 * a temporary file beside it, flushed to the device, renamed (works on FAT/exFAT USB sticks), then read back and
 * checked whole with {@link decodeBundle}.
 * @throws {BundleError} `BUNDLE_WRITE` (exists, unwritable, device full), or as {@link exportBundle}.
 */
export async function writeBundleFile(file: string, replica: Replica, options: WriteBundleFileOptions = {}): Promise<WrittenBundle> {
  const bytes = exportBundle(replica, options);
  if (options.overwrite !== true && (await exists(file))) {
    throw new BundleError('BUNDLE_WRITE', `${file} exists already (pass overwrite to replace it)`, { file });
  }
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.partial`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {});
    throw new BundleError('BUNDLE_WRITE', `cannot write ${file}: ${(error as Error).message}`, { file }, { cause: error });
  }
  // Read back what is on disk and check it whole, so a bad stick or a full device shows up here and not on the island.
  let objects: number;
  let blobs: number;
  try {
    const max = Number.MAX_SAFE_INTEGER;
    const unlimited = { maxBytes: bytes.length, maxObjects: max, maxObjectBytes: max, maxBlobs: max, maxBlobBytes: max };
    const decoded = decodeBundle(await readBundleFile(file, unlimited), unlimited);
    objects = decoded.entries.length;
    blobs = decoded.blobs.length;
  } catch (error) {
    const why = error instanceof BundleError ? `${error.code}: ${error.message}` : String(error);
    throw new BundleError('BUNDLE_WRITE', `${file} does not read back as written (${why}); use another device`, { file }, { cause: error });
  }
  return { file, bytes: bytes.length, objects, blobs };
}

/**
 * Reads a bundle file's bytes, refusing one larger than `maxBytes` before reading it.
 * @throws {BundleError} `BUNDLE_READ`, `BUNDLE_TOO_LARGE`.
 */
export async function readBundleFile(file: string, limits: Pick<BundleLimits, 'maxBytes'> = {}): Promise<Uint8Array> {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BUNDLE_BYTES;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new BundleError('BUNDLE_READ', `${file} is not a file`, { file });
    if (info.size > maxBytes) throw new BundleError('BUNDLE_TOO_LARGE', `${file} is ${info.size} bytes, limit ${maxBytes}`, { file });
    const handle = await open(file, 'r');
    try {
      const buffer = await handle.readFile();
      if (buffer.length > maxBytes) throw new BundleError('BUNDLE_TOO_LARGE', `${file} grew past ${maxBytes} bytes while read`, { file });
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof BundleError) throw error;
    throw new BundleError('BUNDLE_READ', `cannot read ${file}: ${(error as Error).message}`, { file }, { cause: error });
  }
}

/** Reads a bundle file and imports it (see {@link importBundle}). @throws {BundleError} */
export async function importBundleFile(replica: Replica, file: string, limits: BundleLimits = {}): Promise<BundleImportResult> {
  const bytes = await readBundleFile(file, limits);
  try {
    return await importBundle(replica, bytes, limits);
  } catch (error) {
    if (error instanceof BundleError && error.detail.file === undefined) {
      throw new BundleError(error.code, `${file}: ${error.message}`, { ...error.detail, file }, { cause: error });
    }
    throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
