import { readdir, writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir, type TestTrust } from '@titip/testkit';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BundleError } from '../../src/bundle/bundle-error.js';
import { importBundleFile, readBundleFile, writeBundleFile } from '../../src/bundle/bundle-file.js';
import { exportBundle } from '../../src/bundle/export-bundle.js';
import type { Replica } from '../../src/replication/replica.js';
import { bundleTrust, DESA, holdings, KECAMATAN, populatedReplica, recordReplica } from './fixtures.js';

let trust: TestTrust;
let source: Replica;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

beforeAll(async () => {
  trust = await bundleTrust();
  ({ replica: source } = await populatedReplica(trust));
});

async function stick(): Promise<string> {
  const dir = await tempDir('titip-bundle-');
  cleanups.push(dir.remove);
  return dir.path;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BundleError);
  return (error as BundleError).code;
}

describe('bundle files', () => {
  it('writes a bundle file, leaves no temporary file, and imports it on another replica', async () => {
    const dir = await stick();
    const file = join(dir, 'ppk-190601.titip');
    const written = await writeBundleFile(file, source, { now: 5 });
    expect(written).toEqual({ file, bytes: exportBundle(source, { now: 5 }).length, objects: 8, blobs: 0 });
    expect(await readdir(dir)).toEqual(['ppk-190601.titip']);
    expect(new Uint8Array(await readFile(file))).toEqual(exportBundle(source, { now: 5 }));
    const target = await recordReplica(trust, [KECAMATAN]);
    expect(await importBundleFile(target, file)).toMatchObject({ added: 8, rejected: [] });
    expect(holdings(target)).toEqual(holdings(source));
  });

  it('does not overwrite a file unless asked', async () => {
    const file = join(await stick(), 'b.titip');
    await writeFile(file, 'keep me');
    expect(await codeOf(writeBundleFile(file, source))).toBe('BUNDLE_WRITE');
    expect(await readFile(file, 'utf8')).toBe('keep me');
    await writeBundleFile(file, source, { overwrite: true, scopes: [DESA] });
    expect((await readBundleFile(file)).length).toBe(exportBundle(source, { scopes: [DESA] }).length);
  });

  it('names the file in typed errors: missing, a directory, too large, damaged', async () => {
    const dir = await stick();
    expect(await codeOf(readBundleFile(join(dir, 'nope.titip')))).toBe('BUNDLE_READ');
    expect(await codeOf(readBundleFile(dir))).toBe('BUNDLE_READ');
    const file = join(dir, 'b.titip');
    await writeBundleFile(file, source);
    expect(await codeOf(readBundleFile(file, { maxBytes: 100 }))).toBe('BUNDLE_TOO_LARGE');
    const bytes = new Uint8Array(await readFile(file));
    await writeFile(file, bytes.subarray(0, bytes.length - 1));
    const target = await recordReplica(trust, [KECAMATAN]);
    const error = await importBundleFile(target, file).catch((e: unknown) => e as BundleError);
    expect(error).toBeInstanceOf(BundleError);
    expect((error as BundleError).code).toBe('BUNDLE_TRUNCATED');
    expect((error as BundleError).detail.file).toBe(file);
    expect((error as BundleError).message).toContain(file);
    expect(target.objectCount).toBe(0);
  });

  it('reports a directory it cannot write into', async () => {
    expect(await codeOf(writeBundleFile(join(await stick(), 'missing-dir', 'b.titip'), source))).toBe('BUNDLE_WRITE');
  });
});
