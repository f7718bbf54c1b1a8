import { randomBytes } from 'node:crypto';
import { link, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { OutputFileError } from '../errors.js';

/** Options of {@link writeFileAtomic}. */
export interface WriteFileOptions {
  /** Replace an existing file. @default false (an existing file is an error, and is left alone) */
  readonly overwrite?: boolean;
  /** File mode of a new file. @default 0o644 (use 0o600 for secret keys) */
  readonly mode?: number;
}

/**
 * Writes a whole file or nothing: the content goes to a temporary file in the same directory, is flushed to disk,
 * then linked (no overwrite) or renamed (overwrite) into place. A failure at any step leaves no partial file.
 * @throws {OutputFileError} when the file exists (without `overwrite`) or cannot be written.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array, options: WriteFileOptions = {}): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    const handle = await open(temp, 'wx', options.mode ?? 0o644);
    created = true;
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.overwrite) await rename(temp, path);
    else {
      await link(temp, path);
      await unlink(temp);
    }
    created = false;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && created) throw new OutputFileError(path, 'already exists (left as it was)', { cause: error, exists: true });
    throw new OutputFileError(path, `cannot write: ${(error as Error).message}`, { cause: error });
  } finally {
    if (created) await unlink(temp).catch(() => undefined);
  }
}
