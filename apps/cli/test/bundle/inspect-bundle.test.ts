import { BundleError, exportBundle } from '@titip/sync';
import { describe, expect, it } from 'vitest';
import { inspectBundle } from '../../src/bundle/inspect-bundle.js';
import { networkValidator } from '../../src/bundle/network-validator.js';
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

  it('refuses a damaged file with a BundleError and its code', async () => {
    const damaged = Uint8Array.from(bundle);
    damaged[damaged.length - 100]! ^= 1;
    await expect(inspectBundle(damaged)).rejects.toMatchObject({ name: 'BundleError', code: 'BUNDLE_CHECKSUM' });
    await expect(inspectBundle(bundle.subarray(0, bundle.length - 10))).rejects.toBeInstanceOf(BundleError);
    await expect(inspectBundle(new TextEncoder().encode('{"not":"a bundle"}'))).rejects.toMatchObject({ code: 'BUNDLE_NOT_A_BUNDLE' });
  });
});
