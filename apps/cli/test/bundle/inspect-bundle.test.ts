import { hashHex } from '@titip/identity';
import { BundleError, exportBundle } from '@titip/sync';
import { describe, expect, it } from 'vitest';
import { inspectBundle } from '../../src/bundle/inspect-bundle.js';
import { networkValidator } from '../../src/bundle/network-validator.js';
import { formatInspection } from '../../src/cli/bundle/format-bundle-report.js';
import { addRecords, DESA_A, DESA_B, signedResults } from '../fixtures/bundle-results.js';
import { memoryReplica } from '../fixtures/memory-replica.js';
import { makeTestTrust } from '../fixtures/trust.js';

describe('inspectBundle', async () => {
  const trust = await makeTestTrust('inspect-bundle');
  const records = [...(await signedResults(trust, DESA_A, 3)), ...(await signedResults(trust, DESA_B, 2))];
  const replica = await memoryReplica(trust);
  await addRecords(replica, records);
  const bundle = exportBundle(replica, { scopes: ['190601'], source: { label: 'PPS laptop' }, now: Date.UTC(2024, 10, 28) });

  it('counts objects by kind and document, checks the structure without a store', async () => {
    const inspection = await inspectBundle(bundle);
    expect(inspection).toMatchObject({
      bytes: bundle.length,
      objects: 7,
      kinds: { submission: 5, receipt: 2, attestation: 0 },
      documents: { [DESA_A]: 4, [DESA_B]: 3 },
      verified: 'structure',
      version: 1,
      photos: [],
    });
    expect(inspection.header).toMatchObject({ createdAt: Date.UTC(2024, 10, 28), regions: ['190601'], delta: false, source: { label: 'PPS laptop', scopes: ['1906'] } });
    expect(inspection.rejected).toBeUndefined();
  });

  it("with a network's validator checks every signature and credential chain", async () => {
    const validator = networkValidator(trust.network);
    expect(await inspectBundle(bundle, { validator: validator.records })).toMatchObject({ verified: 'signatures', rejected: [] });
    // Under another KPU root every object is refused, with the validator's reason.
    const other = networkValidator((await makeTestTrust('inspect-bundle-other')).network);
    const refused = await inspectBundle(bundle, { validator: other.records });
    expect(refused.rejected).toHaveLength(7);
    expect(new Set(refused.rejected!.map((r) => r.code))).toEqual(new Set(['unknown-root']));
    await validator.records.close();
    await other.records.close();
  });

  it('lists the photos of a version 2 file with their bytes and the pages of the submissions in it that show them', async () => {
    const photo = new Uint8Array(30_000).fill(7);
    const stranger = new Uint8Array(1_000).fill(9);
    const sha256 = hashHex(photo);
    const [withPhoto] = await signedResults(trust, DESA_A, 1, 9, [{ sha256, page: 2, size: photo.length, type: 'image/jpeg' }]);
    const held = await memoryReplica(trust);
    await addRecords(held, [withPhoto!]);
    const bytes = exportBundle(held, { blobs: [{ sha256, bytes: photo }, { sha256: hashHex(stranger), bytes: stranger }] });
    const inspection = await inspectBundle(bytes);
    expect(inspection.version).toBe(2);
    expect(inspection.photos).toEqual([
      { sha256, bytes: 30_000, shows: [{ tps: '1906012001009', page: 2 }] },
      { sha256: hashHex(stranger), bytes: 1_000, shows: [] },
    ]);
    const text = formatInspection('x.titip', inspection);
    expect(text).toContain('x.titip: titip bundle v2, ');
    expect(text).toContain('photos      2, 31.0 KB (1 named by no submission in this file: an import stores them only if the receiver holds a submission that references them)\n');
    expect(text).toContain(`  ${sha256.slice(0, 16)}…   30.0 KB  TPS 1906012001009 page 2\n`);
    expect(formatInspection('y.titip', await inspectBundle(bundle))).toContain('photos      none (a version 1 bundle carries no photos)\n');
  });

  it('refuses a damaged file with a BundleError and its code', async () => {
    const damaged = Uint8Array.from(bundle);
    damaged[damaged.length - 100]! ^= 1;
    await expect(inspectBundle(damaged)).rejects.toMatchObject({ name: 'BundleError', code: 'BUNDLE_CHECKSUM' });
    await expect(inspectBundle(bundle.subarray(0, bundle.length - 10))).rejects.toBeInstanceOf(BundleError);
    await expect(inspectBundle(new TextEncoder().encode('{"not":"a bundle"}'))).rejects.toMatchObject({ code: 'BUNDLE_NOT_A_BUNDLE' });
  });
});
