import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '@titip/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputFileError } from '../../src/errors.js';
import { readServedTps, recordServedTps, SERVED_TPS_FILE } from '../../src/operator/served-tps-file.js';

let dir: { path: string; remove: () => Promise<void> };
beforeEach(async () => {
  dir = await tempDir('titip-served-tps-');
});
afterEach(() => dir.remove());

describe('served TPS file', () => {
  it('records nothing until submit records a TPS; then keeps every TPS recorded, once, sorted', async () => {
    expect(await readServedTps(dir.path)).toBeUndefined();
    await recordServedTps(dir.path, '1906012001002');
    await recordServedTps(dir.path, '1906012001001');
    await recordServedTps(dir.path, '1906012001002');
    expect(await readServedTps(dir.path)).toEqual(['1906012001001', '1906012001002']);
    expect(JSON.parse(await readFile(join(dir.path, SERVED_TPS_FILE), 'utf8'))).toEqual({ kind: 'titip-operator-data-dir', v: 1, tps: ['1906012001001', '1906012001002'] });
  });

  it('refuses a malformed file with an InputFileError naming it', async () => {
    await writeFile(join(dir.path, SERVED_TPS_FILE), '{"kind":"titip-operator-data-dir","v":1,"tps":["1906"]}');
    await expect(readServedTps(dir.path)).rejects.toThrow(InputFileError);
    await writeFile(join(dir.path, SERVED_TPS_FILE), 'not json');
    await expect(readServedTps(dir.path)).rejects.toThrow(/operator\.json: is not JSON/);
  });
});
