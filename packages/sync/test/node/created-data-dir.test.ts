import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '@titip/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createDataDir } from '../../src/node/created-data-dir.js';

let dir: { path: string; remove: () => Promise<void> } | undefined;
afterEach(async () => dir?.remove());

describe('createDataDir', () => {
  it('creates missing parents, and removeIfCreated removes the topmost directory it made', async () => {
    dir = await tempDir('titip-created-');
    const path = join(dir.path, 'a', 'b', 'data');
    const created = await createDataDir(path);
    expect(existsSync(path)).toBe(true);
    await writeFile(join(path, 'half-made'), 'x');
    await created.removeIfCreated();
    expect(existsSync(join(dir.path, 'a'))).toBe(false);
    expect(existsSync(dir.path)).toBe(true);
  });

  it('leaves a data dir that existed, and what is in it, as it was', async () => {
    dir = await tempDir('titip-created-');
    const path = join(dir.path, 'data');
    await mkdir(path);
    await writeFile(join(path, 'store'), 'kept');
    await (await createDataDir(path)).removeIfCreated();
    expect(existsSync(join(path, 'store'))).toBe(true);
  });
});
