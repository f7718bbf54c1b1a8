import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '@titip/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { OutputFileError } from '../../src/errors.js';
import { writeFileAtomic } from '../../src/files/write-file-atomic.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function dir() {
  const d = await tempDir();
  cleanup = d.remove;
  return d.path;
}

describe('writeFileAtomic', () => {
  it('writes text and bytes with the mode asked for, leaving no temporary file', async () => {
    const d = await dir();
    await writeFileAtomic(join(d, 'a.json'), '{"a":1}\n', { mode: 0o600 });
    await writeFileAtomic(join(d, 'b.cbor'), Uint8Array.of(1, 2, 3));
    expect(await readFile(join(d, 'a.json'), 'utf8')).toBe('{"a":1}\n');
    expect([...(await readFile(join(d, 'b.cbor')))]).toEqual([1, 2, 3]);
    expect((await stat(join(d, 'a.json'))).mode & 0o777).toBe(0o600);
    expect((await readdir(d)).sort()).toEqual(['a.json', 'b.cbor']);
  });

  it('refuses to replace an existing file and leaves it as it was', async () => {
    const d = await dir();
    const path = join(d, 'key.json');
    await writeFile(path, 'old');
    const error = await writeFileAtomic(path, 'new').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputFileError);
    expect((error as OutputFileError).code).toBe('CLI_OUTPUT_FILE');
    expect((error as OutputFileError).message).toContain('already exists');
    expect(await readFile(path, 'utf8')).toBe('old');
    expect(await readdir(d)).toEqual(['key.json']);
  });

  it('replaces with overwrite', async () => {
    const d = await dir();
    const path = join(d, 'x');
    await writeFile(path, 'old');
    await writeFileAtomic(path, 'new', { overwrite: true });
    expect(await readFile(path, 'utf8')).toBe('new');
    expect(await readdir(d)).toEqual(['x']);
  });

  it('fails with OutputFileError in a missing directory', async () => {
    const d = await dir();
    await expect(writeFileAtomic(join(d, 'nope', 'x'), 'a')).rejects.toThrow(OutputFileError);
    expect(await readdir(d)).toEqual([]);
  });
});
