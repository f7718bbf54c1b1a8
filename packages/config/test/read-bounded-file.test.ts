import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigFileError } from '../src/errors.js';
import { readBoundedFile } from '../src/read-bounded-file.js';
import { readNetworkFile } from '../src/node.js';

const dir = mkdtempSync(join(tmpdir(), 'titip-bounded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function refusal(promise: Promise<unknown>): Promise<ConfigFileError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigFileError);
  return error as ConfigFileError;
}

describe('readBoundedFile', () => {
  it('reads a regular file up to and including the cap', async () => {
    const file = join(dir, 'exact.json');
    writeFileSync(file, 'x'.repeat(100));
    expect((await readBoundedFile(file, 100)).toString()).toBe('x'.repeat(100));
    writeFileSync(join(dir, 'empty.json'), '');
    expect((await readBoundedFile(join(dir, 'empty.json'), 100)).length).toBe(0);
  });

  it('refuses a file over the cap with CONFIG_TOO_LARGE', async () => {
    const file = join(dir, 'big.json');
    writeFileSync(file, 'x'.repeat(101));
    const error = await refusal(readBoundedFile(file, 100));
    expect(error.code).toBe('CONFIG_TOO_LARGE');
    expect(error.message).toContain('101 bytes');
  });

  it('refuses a device, a FIFO and a directory unread, without blocking (CONFIG_READ)', async () => {
    expect((await refusal(readBoundedFile('/dev/zero', 100))).message).toContain('not a regular file (a device)');
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect((await refusal(readBoundedFile(fifo, 100))).message).toContain('not a regular file (a pipe)');
    expect((await refusal(readBoundedFile(dir, 100))).message).toContain('not a regular file (a directory)');
  });

  it('says a missing file cannot be read', async () => {
    const error = await refusal(readBoundedFile(join(dir, 'missing.json'), 100));
    expect(error.code).toBe('CONFIG_READ');
    expect(error.message).toContain('ENOENT');
  });

  it('guards the config readers: a network file that is /dev/zero is refused at once', async () => {
    expect((await refusal(readNetworkFile('/dev/zero'))).code).toBe('CONFIG_READ');
  });
});
