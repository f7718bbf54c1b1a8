import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serialiseNetworkFile } from '@titip/config';
import { toHex } from '@titip/identity';
import type { TitipRecord } from '@titip/records';
import { photoBytes, tempDir } from '@titip/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPhotos, importPhotos } from '@titip/photos';
import { decodeBundle, exportBundle, importDecodedBundle } from '@titip/sync';
import { heldPhotoCatalog, openDataDirPhotos } from '../../../src/bundle/held-photos.js';
import { networkValidator } from '../../../src/bundle/network-validator.js';
import { openDataDir } from '../../../src/bundle/open-data-dir.js';
import { signSubmission } from '../../../src/operator/sign-submission.js';
import { addRecords, DESA_A, tpsOf } from '../../fixtures/bundle-results.js';
import { exampleForm } from '../../fixtures/forms.js';
import { runBin } from '../../fixtures/run-bin.js';
import { makeTestTrust, type TestTrust } from '../../fixtures/trust.js';

// Figures, not assertions on time: a desa's worth of photos (20 TPS × 2 pages = 40 photos of 200 KB) carried by
// titip-bundle between real data dirs. Prints bundle size and the wall time of export and import (child processes,
// Node start included). Set TITIP_BUNDLE_FIGURES=1 to run it.

const PHOTOS_PER_TPS = 2;
const TPS_COUNT = 20;
const PHOTO_BYTES = 200_000;
let dir: { path: string; remove: () => Promise<void> };
let trust: TestTrust;
let cwd: string;


beforeAll(async () => {
  dir = await tempDir('titip-bundle-figures-');
  cwd = dir.path;
  trust = await makeTestTrust('bundle-figures');
  await writeFile(join(cwd, 'network.json'), serialiseNetworkFile({ kind: 'titip-network', v: 1, name: 'bundle-figures', root: toHex(trust.root.publicKey), elections: [...trust.network.elections] }));
});
afterAll(async () => dir?.remove());

describe.runIf(process.env.TITIP_BUNDLE_FIGURES === '1')('titip-bundle figures: 40 photos of 200 KB', () => {
  it('export, inspect and import, timed', { timeout: 300_000 }, async () => {
    const validator = networkValidator(trust.network);
    const opened = await openDataDir(join(cwd, 'ppk'), { create: true, validator: validator.objects });
    const blobs = await openDataDirPhotos(opened.store);
    const records: TitipRecord[] = [];
    for (let n = 1; n <= TPS_COUNT; n++) {
      const tps = tpsOf(DESA_A, n);
      const pages = Array.from({ length: PHOTOS_PER_TPS }, (_, i) => photoBytes(`${n}-${i}`, PHOTO_BYTES));
      const refs = [];
      for (const [i, bytes] of pages.entries()) {
        const { info } = await blobs.put(bytes, { type: 'image/jpeg', own: false });
        refs.push({ sha256: info.sha256, page: i + 1, size: bytes.length, type: 'image/jpeg' as const });
      }
      const operator = await trust.operator(tps);
      records.push(await signSubmission({ keyPair: operator.keyPair, chain: operator.chain, tps, election: 'pkwkp', form: exampleForm('c-hasil-pkwkp.json'), electionDefinition: trust.network.election('pkwkp'), root: trust.root.publicKey, photos: refs }));
    }
    await addRecords(opened.replica, records);
    await blobs.close();
    await opened.close();
    await validator.records.close();

    const timed = async (...args: string[]) => {
      const start = performance.now();
      const result = await runBin('bundle', args, { cwd, timeoutMs: 240_000 });
      expect(result.code, result.stderr).toBe(0);
      return performance.now() - start;
    };
    const baseline = await timed('export', '--data-dir', 'ppk', '--no-photos', '--out', 'numbers.titip');
    const exportMs = await timed('export', '--data-dir', 'ppk', '--out', 'desa.titip');
    const inspectMs = await timed('inspect', '--network', 'network.json', 'desa.titip');
    const importMs = await timed('import', '--data-dir', 'island', '--network', 'network.json', 'desa.titip');
    const againMs = await timed('import', '--data-dir', 'island', '--network', 'network.json', 'desa.titip');
    const size = (await stat(join(cwd, 'desa.titip'))).size;
    const numbers = (await stat(join(cwd, 'numbers.titip'))).size;
    const photoTotal = TPS_COUNT * PHOTOS_PER_TPS * PHOTO_BYTES;
    expect(size).toBe(numbers + photoTotal + TPS_COUNT * PHOTOS_PER_TPS * 36 + 8); // + the header key "blobs" and 40 (6 + 2 bytes of CBOR)
    // The same in-process (no Node start), on the same real data dirs: photo selection + encoding, decode + storing.
    let start = performance.now();
    const source = await openDataDir(join(cwd, 'ppk'));
    const sourceBlobs = await openDataDirPhotos(source.store);
    const chosen = await exportPhotos(sourceBlobs, heldPhotoCatalog(source.replica).entries());
    const bytes = exportBundle(source.replica, { blobs: chosen.blobs });
    await sourceBlobs.close();
    await source.close();
    const exportInProcess = performance.now() - start;
    const check = networkValidator(trust.network);
    start = performance.now();
    const target = await openDataDir(join(cwd, 'island-2'), { create: true, validator: check.objects });
    const decoded = decodeBundle(bytes);
    await importDecodedBundle(target.replica, decoded);
    const targetBlobs = await openDataDirPhotos(target.store);
    const catalog = heldPhotoCatalog(target.replica);
    const stored = await importPhotos(targetBlobs, decoded.blobs, (h) => catalog.get(h)?.ref);
    await targetBlobs.close();
    await target.close();
    const importInProcess = performance.now() - start;
    await check.records.close();
    expect(stored.accepted).toHaveLength(TPS_COUNT * PHOTOS_PER_TPS);
    console.log(
      [
        `in process: export ${exportInProcess.toFixed(0)} ms, import into an empty data dir ${importInProcess.toFixed(0)} ms (photos verified chunk by chunk and stored, submissions validated)`,
        `bundle of ${TPS_COUNT} submissions and ${TPS_COUNT * PHOTOS_PER_TPS} photos of ${PHOTO_BYTES / 1000} KB: ${size} bytes (numbers alone ${numbers} bytes)`,
        `export --no-photos ${baseline.toFixed(0)} ms, export ${exportMs.toFixed(0)} ms, inspect --network ${inspectMs.toFixed(0)} ms,`,
        `import into an empty data dir ${importMs.toFixed(0)} ms, import again (all held) ${againMs.toFixed(0)} ms (child processes, Node start included)`,
      ].join('\n'),
    );
  });
});
