import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runKeyValueStoreTests } from '../src/compliance.js';
import { StoreCorruptionError, StoreIoError, StoreLockedError } from '../src/errors.js';
import { scoped } from '../src/scoped.js';
import { openNodeStore } from '../src/open-node-store.js';
import { type StoreChild, spawnStoreChild } from './helpers/child-store.js';

const directories: string[] = [];
const children: StoreChild[] = [];

async function tempDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'titip-store-node-'));
  directories.push(directory);
  return directory;
}

afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => child.kill()));
});

afterAll(async () => {
  await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

runKeyValueStoreTests(
  'openNodeStore (classic-level on disk)',
  async () => {
    const directory = await tempDirectory();
    const store = await openNodeStore(join(directory, 'db'));
    return {
      store,
      teardown: async () => {
        await store.close();
        await rm(directory, { recursive: true, force: true });
      },
    };
  },
  { describe, it, expect, afterEach },
);

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('openNodeStore', () => {
  it('keeps data across a clean close and reopen, including scoped keys', async () => {
    const directory = join(await tempDirectory(), 'nested', 'db');
    const first = await openNodeStore(directory);
    await first.batch([
      { type: 'put', key: 'a', value: bytes('1') },
      { type: 'put', key: 'b', value: bytes('2') },
      { type: 'put', scope: scoped(first, 'obj/'), key: 'h', value: bytes('object') },
    ]);
    await first.batch([{ type: 'del', key: 'b' }], { sync: true });
    await first.close();
    expect(await readdir(directory)).toContain('CURRENT');

    const second = await openNodeStore(directory);
    expect(await second.get('a')).toEqual(bytes('1'));
    expect(await second.get('b')).toBeUndefined();
    expect(await scoped(second, 'obj/').get('h')).toEqual(bytes('object'));
    await second.close();
  });

  it('a second open in the same process gets StoreLockedError until the first closes', async () => {
    const directory = await tempDirectory();
    const first = await openNodeStore(directory);
    const error = await openNodeStore(directory).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreLockedError);
    expect(error).toMatchObject({ code: 'STORE_LOCKED' });
    await first.batch([{ type: 'put', key: 'still', value: bytes('works') }]);
    await first.close();
    const again = await openNodeStore(directory);
    expect(await again.get('still')).toEqual(bytes('works'));
    await again.close();
  });

  it('a second process gets StoreLockedError while the first keeps running', async () => {
    const directory = await tempDirectory();
    const holder = spawnStoreChild('holder', [directory]);
    children.push(holder);
    await holder.waitForLine((line) => line === 'ready', 30_000);

    const error = await openNodeStore(directory).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreLockedError);
    expect((error as StoreLockedError).message).toMatch(/locked/);

    holder.send('ping');
    await holder.waitForLine((line) => line === 'pong', 10_000);
    expect(holder.process.exitCode).toBeNull();

    holder.send('close');
    expect(await holder.exited).toEqual({ code: 0, signal: null });
    const store = await openNodeStore(directory);
    expect(await store.get('holder')).toEqual(bytes(String(holder.process.pid)));
    expect(await store.get('ping')).toEqual(Uint8Array.of(1));
    await store.close();
  });

  it('damaged files give StoreCorruptionError', async () => {
    const directory = await tempDirectory();
    const store = await openNodeStore(directory);
    await store.batch([{ type: 'put', key: 'k', value: bytes('v') }], { sync: true });
    await store.close();
    await writeFile(join(directory, 'CURRENT'), 'not a manifest name');
    const error = await openNodeStore(directory).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreCorruptionError);
    expect(error).toMatchObject({ code: 'STORE_CORRUPTION' });
  });

  it('a path under a regular file gives StoreIoError', async () => {
    const directory = await tempDirectory();
    await writeFile(join(directory, 'file'), 'x');
    await expect(openNodeStore(join(directory, 'file', 'db'))).rejects.toBeInstanceOf(StoreIoError);
    await expect(openNodeStore(join(directory, 'file'))).rejects.toBeInstanceOf(StoreIoError);
  });

  it('invalid options reject without leaving the directory locked', async () => {
    const directory = await tempDirectory();
    await expect(openNodeStore(directory, { maxValueBytes: 0 })).rejects.toMatchObject({ code: 'STORE_INVALID_OPTION' });
    const store = await openNodeStore(directory);
    await store.close();
  });

  it('rejects a missing directory argument with StoreInvalidOptionError', async () => {
    await expect(openNodeStore('')).rejects.toMatchObject({ code: 'STORE_INVALID_OPTION' });
    await expect(openNodeStore(undefined as unknown as string)).rejects.toMatchObject({ code: 'STORE_INVALID_OPTION' });
  });
});
