import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '@titip/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { haveFileOf, readHaveFile, writeHaveFile } from '../../src/bundle/have-file.js';
import { InputFileError, OutputFileError } from '../../src/errors.js';
import { addRecords, DESA_A, DESA_B, signedResults } from '../fixtures/bundle-results.js';
import { memoryReplica } from '../fixtures/memory-replica.js';
import { makeTestTrust } from '../fixtures/trust.js';

const dir = await tempDir('titip-have-');
afterAll(() => dir.remove());

describe('have files', async () => {
  const trust = await makeTestTrust('have-file');
  const a = await signedResults(trust, DESA_A, 2);
  const b = await signedResults(trust, DESA_B, 1);
  const replica = await memoryReplica(trust);
  await addRecords(replica, [...a, ...b]);

  it('lists the ids held, sorted, in all or some regions', () => {
    const all = haveFileOf(replica, [''], { now: Date.UTC(2024, 10, 28), label: 'PPS' });
    expect(all).toEqual({ kind: 'titip-have', v: 1, createdAt: '2024-11-28T00:00:00.000Z', regions: [''], label: 'PPS', ids: [...a, ...b].map((r) => r.id).sort() });
    expect(haveFileOf(replica, [DESA_B]).ids).toEqual(b.map((r) => r.id).sort());
  });

  it('lists the photos held whole, sorted, each once; a file without photos (written before them) still reads', async () => {
    const [p1, p2] = ['b'.repeat(64), 'a'.repeat(64)];
    const have = haveFileOf(replica, [''], { photos: [p1, p2, p1] });
    expect(have.photos).toEqual([p2, p1]);
    const file = join(dir.path, 'photos.have.json');
    await writeHaveFile(file, have);
    expect((await readHaveFile(file)).photos).toEqual([p2, p1]);
    await writeFile(file, JSON.stringify({ ...have, photos: [p1, p1] }));
    await expect(readHaveFile(file)).rejects.toThrow(/photos: a photo is listed twice/);
    await writeFile(file, JSON.stringify({ ...have, photos: ['A'.repeat(64)] }));
    await expect(readHaveFile(file)).rejects.toThrow(/photos\.0: a photo hash/);
    const { photos: _photos, ...old } = have;
    await writeFile(file, JSON.stringify(old));
    expect((await readHaveFile(file)).photos).toBeUndefined();
  });

  it('round-trips through a file, never replacing one unless told', async () => {
    const file = join(dir.path, 'pps.have.json');
    const have = haveFileOf(replica);
    await writeHaveFile(file, have);
    expect(await readHaveFile(file)).toEqual(have);
    await expect(writeHaveFile(file, have)).rejects.toBeInstanceOf(OutputFileError);
    await writeHaveFile(file, haveFileOf(replica, [DESA_A]), { overwrite: true });
    expect((await readHaveFile(file)).ids).toHaveLength(a.length);
  });

  it.each<[string, string, RegExp]>([
    ['not JSON', '{"kind":', /titip-have file is not JSON/],
    ['another kind of file', '{"kind":"titip-network","v":1}', /not a titip-have v1 file.*kind/],
    ['a malformed id', JSON.stringify({ kind: 'titip-have', v: 1, createdAt: '2024-11-28T00:00:00Z', regions: [''], ids: ['abc'] }), /ids\.0: an object id/],
    ['an id twice', JSON.stringify({ kind: 'titip-have', v: 1, createdAt: '2024-11-28T00:00:00Z', regions: [''], ids: ['a'.repeat(64), 'a'.repeat(64)] }), /an id is listed twice/],
    ['a bad region', JSON.stringify({ kind: 'titip-have', v: 1, createdAt: '2024-11-28T00:00:00Z', regions: ['19060'], ids: [] }), /regions\.0/],
    ['an unknown field', JSON.stringify({ kind: 'titip-have', v: 1, createdAt: '2024-11-28T00:00:00Z', regions: [''], ids: [], heads: {} }), /not a titip-have v1 file/],
  ])('refuses %s with an InputFileError naming the file', async (_what, content, message) => {
    const file = join(dir.path, 'bad.have.json');
    await writeFile(file, content);
    const error = await readHaveFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputFileError);
    expect((error as InputFileError).message).toMatch(message);
    expect((error as InputFileError).message.startsWith(file)).toBe(true);
  });

  it('refuses a missing file', async () => {
    await expect(readHaveFile(join(dir.path, 'none.json'))).rejects.toMatchObject({ code: 'CLI_INPUT_FILE' });
  });
});
