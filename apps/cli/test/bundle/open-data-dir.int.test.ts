import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startNodePeer } from '@titip/sync/node';
import { tempDir } from '@titip/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { networkValidator } from '../../src/bundle/network-validator.js';
import { openDataDir } from '../../src/bundle/open-data-dir.js';
import { DataDirError } from '../../src/errors.js';
import { addRecords, DESA_A, signedResults } from '../fixtures/bundle-results.js';
import { makeTestTrust } from '../fixtures/trust.js';

const dir = await tempDir('titip-open-data-dir-');
afterAll(() => dir.remove());

describe('openDataDir on real LevelDB data dirs', async () => {
  const trust = await makeTestTrust('open-data-dir');

  it('opens the store of a stopped peer read-only, with what the peer held', async () => {
    const dataDir = join(dir.path, 'peer');
    const peer = await startNodePeer({ dataDir, scopes: ['1906'], root: trust.root.publicKey, elections: trust.network.elections, listen: [] });
    const records = await signedResults(trust, DESA_A, 2);
    await addRecords(peer.replica, records);
    // While the peer runs its data dir is locked: refused clearly.
    const locked = await openDataDir(dataDir).catch((e: unknown) => e);
    expect(locked).toBeInstanceOf(DataDirError);
    expect((locked as DataDirError).message).toBe(`${dataDir}: is in use by a running peer (titip-relay, titip-operator or titip-server on this data dir): stop it first, then run this again`);
    await peer.stop();
    const opened = await openDataDir(dataDir);
    try {
      expect(opened.created).toBe(false);
      expect(opened.replica.objectIdsIn(DESA_A).sort()).toEqual(records.map((r) => r.id).sort());
      const extra = (await signedResults(trust, DESA_A, 1, 5))[0]!;
      await expect(opened.replica.addLocal(DESA_A, [{ id: extra.id, bytes: extra.bytes }])).rejects.toMatchObject({ name: 'MergeRejectedError' });
    } finally {
      await opened.close();
      await opened.close();
    }
  });

  it('refuses a missing dir, a file, a dir without a store and /proc, unless asked to create', async () => {
    await writeFile(join(dir.path, 'a-file'), 'x');
    await mkdir(join(dir.path, 'empty'));
    const cases: [string, RegExp][] = [
      [join(dir.path, 'missing'), /: no such data dir$/],
      [join(dir.path, 'a-file'), /: is a file, not a directory: give a directory for the data dir/],
      [join(dir.path, 'empty'), /: holds no Titip store \(no store\/ of a titip-relay, titip-operator or titip-server data dir\)$/],
      ['/proc/self', /is under \/proc, a kernel pseudo-filesystem/],
    ];
    for (const [path, message] of cases) {
      const error = await openDataDir(path).catch((e: unknown) => e);
      expect(error, path).toBeInstanceOf(DataDirError);
      expect((error as DataDirError).message).toMatch(message);
    }
    const validator = networkValidator(trust.network);
    const created = await openDataDir(join(dir.path, 'new', 'pps'), { create: true, validator: validator.objects, scopes: ['190601'] });
    try {
      expect(created.created).toBe(true);
      expect(created.replica.scopes).toEqual(['190601']);
      const records = await signedResults(trust, DESA_A, 1);
      await addRecords(created.replica, records);
      expect(created.replica.objectCount).toBe(2);
    } finally {
      await created.close();
      await validator.records.close();
    }
    const reopened = await openDataDir(join(dir.path, 'new', 'pps'));
    expect(reopened.created).toBe(false);
    expect(reopened.replica.objectCount).toBe(2);
    await reopened.close();
  });
});
