import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { ConfigFileError } from './errors.js';

/** Largest configuration file read (network, credential and key files are a few KiB). */
export const MAX_CONFIG_FILE_BYTES = 1_048_576;

/**
 * Reads a regular file of at most `maxBytes`, never more: a device (`/dev/zero`), a FIFO, a socket or a directory is
 * refused before a byte is read, and a file larger than the cap (or growing past it while read) is refused after
 * reading at most `maxBytes + 1` bytes. Opening does not block on a FIFO without a writer.
 * @throws {ConfigFileError} `CONFIG_READ` (missing, unreadable, not a regular file) or `CONFIG_TOO_LARGE`.
 */
export async function readBoundedFile(file: string, maxBytes: number = MAX_CONFIG_FILE_BYTES): Promise<Buffer> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new ConfigFileError('CONFIG_READ', `cannot read: ${(error as Error).message}`, file, { cause: error });
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new ConfigFileError('CONFIG_READ', `cannot read: not a regular file (${kindOf(stats)})`, file);
    if (stats.size > maxBytes) throw tooLarge(file, stats.size, maxBytes);
    // Read in chunks up to maxBytes + 1 (the file may have grown since stat): one byte past the cap is refusal enough.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(65_536, maxBytes + 1 - length));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, length);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      if (length > maxBytes) throw tooLarge(file, undefined, maxBytes); // grew since stat
    }
    return Buffer.concat(chunks, length);
  } catch (error) {
    if (error instanceof ConfigFileError) throw error;
    throw new ConfigFileError('CONFIG_READ', `cannot read: ${(error as Error).message}`, file, { cause: error });
  } finally {
    await handle.close().catch(() => undefined);
  }
}

const tooLarge = (file: string, size: number | undefined, maxBytes: number) =>
  new ConfigFileError('CONFIG_TOO_LARGE', `is ${size === undefined ? 'larger' : `${size} bytes`}, more than the ${maxBytes} bytes accepted`, file);

function kindOf(stats: import('node:fs').Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a pipe';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}
