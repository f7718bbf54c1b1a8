import type { TestTrust } from '@titip/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { BundleError } from '../../src/bundle/bundle-error.js';
import { decodeBundle } from '../../src/bundle/decode-bundle.js';
import { exportBundle } from '../../src/bundle/export-bundle.js';
import { heldHeads } from '../../src/bundle/held-objects.js';
import { importBundle } from '../../src/bundle/import-bundle.js';
import type { Replica } from '../../src/replication/replica.js';
import { bundleTrust, DESA, holdings, KECAMATAN, OTHER_DESA, populatedReplica, recordReplica, submissionOf, tpsOf } from './fixtures.js';

let trust: TestTrust;
let source: Replica;

beforeAll(async () => {
  trust = await bundleTrust();
  ({ replica: source } = await populatedReplica(trust));
});

const idsOf = (bundle: Uint8Array) => decodeBundle(bundle).entries.map((e) => `${e.docId}/${e.id}`);

describe('exportBundle', () => {
  it('writes everything held, documents and objects in id order, and the same holdings give the same bytes', () => {
    const bundle = exportBundle(source, { now: 1 });
    expect(idsOf(bundle)).toEqual(holdings(source));
    expect(exportBundle(source, { now: 1 })).toEqual(bundle);
    expect(decodeBundle(bundle).header).toEqual({ createdAt: 1, source: { scopes: [KECAMATAN] }, regions: [KECAMATAN], delta: false, objects: 8 });
  });

  it('records who wrote it', () => {
    const bundle = exportBundle(source, { source: { peer: '12D3KooWexample', role: 'ppk', label: 'PPK Manggar' } });
    expect(decodeBundle(bundle).header.source).toEqual({ scopes: [KECAMATAN], peer: '12D3KooWexample', role: 'ppk', label: 'PPK Manggar' });
    expect(Math.abs(decodeBundle(bundle).header.createdAt - Date.now())).toBeLessThan(10_000);
  });

  it('exports one region', () => {
    const bundle = exportBundle(source, { scopes: [DESA] });
    expect(idsOf(bundle)).toEqual(holdings(source).filter((h) => h.startsWith(`${DESA}/`)));
    expect(decodeBundle(bundle).header.regions).toEqual([DESA]);
    expect(decodeBundle(exportBundle(source, { scopes: [tpsOf(OTHER_DESA, 1)] })).entries.every((e) => e.docId === OTHER_DESA)).toBe(true);
    expect(decodeBundle(exportBundle(source, { scopes: ['1907'] })).entries).toEqual([]);
  });

  it('leaves out the objects another peer holds, by id', async () => {
    const other = await recordReplica(trust, [KECAMATAN]);
    await importBundle(other, exportBundle(source, { scopes: [DESA] }));
    const delta = exportBundle(source, { exceptHeldBy: { ids: [...other.objects()].map((o) => o.id) } });
    expect(idsOf(delta)).toEqual(holdings(source).filter((h) => h.startsWith(`${OTHER_DESA}/`)));
    expect(decodeBundle(delta).header.delta).toBe(true);
    await importBundle(other, delta);
    expect(holdings(other)).toEqual(holdings(source));
  });

  it('leaves out what another peer holds by its heads: everything up to the heads it shares with this replica', async () => {
    const { replica } = await populatedReplica(trust);
    const earlier = heldHeads(replica); // what a peer that synced with us then holds
    const later = await Promise.all([4, 5].map((n) => submissionOf(trust, tpsOf(DESA, n))));
    await replica.addLocal(DESA, later);
    const delta = exportBundle(replica, { exceptHeldBy: { heads: earlier } });
    expect(idsOf(delta).sort()).toEqual(later.map((s) => `${DESA}/${s.id}`).sort());
  });

  it('exports what it cannot prove held: heads it does not know leave the document whole', async () => {
    const other = await recordReplica(trust, [KECAMATAN]);
    await importBundle(other, exportBundle(source)); // same objects, but a history of its own
    const delta = exportBundle(source, { exceptHeldBy: { heads: heldHeads(other) } });
    expect(idsOf(delta)).toEqual(holdings(source));
  });

  it('gives heads only within the scopes asked for', () => {
    expect(Object.keys(heldHeads(source))).toEqual([DESA, OTHER_DESA]);
    expect(Object.keys(heldHeads(source, [DESA]))).toEqual([DESA]);
  });

  it('refuses malformed options with a typed error', () => {
    const bad = [
      () => exportBundle(source, { scopes: [] }),
      () => exportBundle(source, { scopes: ['19a'] }),
      () => exportBundle(source, { exceptHeldBy: { heads: { [DESA]: ['xyz'] } } }),
      () => exportBundle(source, { exceptHeldBy: { heads: { [DESA]: 'abc' as unknown as string[] } } }),
      () => exportBundle(source, { source: { role: 'x'.repeat(33) } }),
      () => exportBundle(source, { now: -1 }),
    ];
    for (const f of bad) {
      expect(f).toThrow(BundleError);
      try {
        f();
      } catch (error) {
        expect((error as BundleError).code).toBe('BUNDLE_INVALID_OPTION');
      }
    }
  });
});
