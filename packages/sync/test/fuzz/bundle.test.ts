import { bytesEqual, encodeCanonical, hashHex, sha256 } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';
import { createRecordValidator } from '@titip/records';
import type { TestTrust } from '@titip/testkit';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { BundleError } from '../../src/bundle/bundle-error.js';
import { BUNDLE_MAGIC, BUNDLE_PREFIX_BYTES } from '../../src/bundle/bundle-format.js';
import { decodeBundle } from '../../src/bundle/decode-bundle.js';
import { exportBundle } from '../../src/bundle/export-bundle.js';
import { importBundle } from '../../src/bundle/import-bundle.js';
import { bundleTrust, DESA, KECAMATAN, OTHER_DESA, populatedReplica, recordReplica } from '../bundle/fixtures.js';
import { fuzzParams, fuzzTimeout, mutatedBytes, randomBytes, rawCbor, typedOutcome, typedOutcomeAsync } from '@titip/testkit/fuzz';

let trust: TestTrust;
let seeds: Uint8Array[];
let objects: Uint8Array[];
let validIds: Set<string>;
let isValid: (bytes: Uint8Array) => Promise<boolean>;

beforeAll(async () => {
  trust = await bundleTrust('bundle-fuzz');
  const { replica } = await populatedReplica(trust);
  // Version 2 seeds carry a blob section (photos), whose structure the decoder checks (the content is the storer's).
  const photo = (n: number) => Uint8Array.from({ length: 300 + n }, (_, i) => (i * 31 + n) & 0xff);
  const blobs = [photo(1), photo(2)].map((bytes) => ({ sha256: hashHex(bytes), bytes }));
  seeds = [
    exportBundle(replica, { now: 1 }),
    exportBundle(replica, { scopes: [DESA], now: 2, source: { role: 'ppk', peer: 'p' } }),
    exportBundle(replica, { exceptHeldBy: { ids: [] }, now: 3 }),
    exportBundle(replica, { now: 4, blobs }),
  ];
  objects = [...replica.objects()].map((o) => o.bytes);
  validIds = new Set([...replica.objects()].map((o) => o.id));
  const validator = createRecordValidator({ root: trust.network.root, provider: nodeEd25519, elections: (id) => trust.network.election(id) });
  isValid = async (bytes) => (await validator(hashHex(bytes), bytes)).ok;
});

/** Sets a bundle's declared length and recomputes its trailer after an edit (a forger who knows the format). */
function reseal(bytes: Uint8Array): Uint8Array {
  if (bytes.length < BUNDLE_PREFIX_BYTES + 32) return bytes;
  const out = Uint8Array.from(bytes);
  new DataView(out.buffer).setUint32(BUNDLE_MAGIC.length + 2, out.length);
  out.set(sha256(out.subarray(0, out.length - 32)), out.length - 32);
  return out;
}

/** Any input: a typed refusal, or (unsealed inputs) exactly a valid bundle. */
function checkSealed(bytes: Uint8Array): void {
  const outcome = typedOutcome(() => decodeBundle(bytes), [BundleError]);
  if (outcome.ok) expect(seeds.some((s) => bytesEqual(s, bytes))).toBe(true);
}

/** A resealed input that decodes holds only the valid objects, or objects that fail validation. */
async function checkResealed(bytes: Uint8Array): Promise<void> {
  const outcome = typedOutcome(() => decodeBundle(bytes), [BundleError]);
  if (!outcome.ok) return;
  for (const entry of outcome.value.entries) {
    expect(hashHex(entry.bytes)).toBe(entry.id);
    if (!validIds.has(entry.id)) expect(await isValid(entry.bytes)).toBe(false);
  }
}

const header = { createdAt: 1, source: { scopes: [KECAMATAN] }, regions: [KECAMATAN], delta: false };

describe('fuzz: bundle files', () => {
  it('mutated bundles are refused with a BundleError (any change to a sealed file is caught)', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(mutatedBytes(seeds), checkSealed), fuzzParams(2000, 0.3, 21));
  });

  it('random bytes, and random bytes after the magic', { timeout: fuzzTimeout }, () => {
    const arb = fc.oneof(randomBytes(400), randomBytes(400).map((tail) => Uint8Array.from([...BUNDLE_MAGIC, 0, 1, ...tail])));
    fc.assert(fc.property(arb, checkSealed), fuzzParams(500, 0.1, 22));
  });

  it('mutated and resealed bundles (length and trailer fixed up) decode only to valid objects or refuse', { timeout: fuzzTimeout }, async () => {
    await fc.assert(fc.asyncProperty(mutatedBytes(seeds).map(reseal), checkResealed), fuzzParams(1500, 0.4, 23));
  });

  it('sealed bundles of random headers and entries (junk, mutated records, wrong documents) refuse or hold only valid objects', { timeout: fuzzTimeout }, async () => {
    const entry = fc.tuple(
      fc.constantFrom(DESA, OTHER_DESA, '19', '1906012001001', '190601200'),
      fc.oneof(fc.constantFrom(...objects), mutatedBytes(objects, 2), rawCbor, randomBytes(64)),
    );
    const headerBytes = fc.oneof(
      fc.constant(encodeCanonical({ ...header, objects: 0 })),
      fc.nat(20).map((n) => encodeCanonical({ ...header, objects: n })),
      rawCbor,
    );
    const arb = fc.tuple(headerBytes, fc.array(entry, { maxLength: 6 })).map(([h, entries]) => {
      const parts: number[] = [...BUNDLE_MAGIC, 0, 1, 0, 0, 0, 0, ...u32(h.length), ...h];
      for (const [docId, bytes] of entries) parts.push(docId.length, ...new TextEncoder().encode(docId), ...u32(bytes.length), ...bytes);
      return reseal(Uint8Array.from([...parts, ...new Uint8Array(32)]));
    });
    await fc.assert(fc.asyncProperty(arb, checkResealed), fuzzParams(1000, 0.2, 24));
  });

  it('importing mutated, resealed bundles stores only valid objects and throws only BundleError', { timeout: fuzzTimeout }, async () => {
    const arb = fc.oneof(mutatedBytes(seeds).map(reseal), fc.constantFrom(...seeds));
    await fc.assert(
      fc.asyncProperty(arb, async (bytes) => {
        const replica = await recordReplica(trust, [KECAMATAN]);
        const outcome = await typedOutcomeAsync(() => importBundle(replica, bytes), [BundleError]);
        for (const object of replica.objects()) expect(validIds.has(object.id)).toBe(true);
        if (!outcome.ok) expect(replica.objectCount).toBe(0);
        else expect(outcome.value.added + outcome.value.alreadyHeld + outcome.value.outOfScope + outcome.value.rejected.length).toBe(outcome.value.header.objects);
      }),
      fuzzParams(150, 0.01, 25),
    );
  });
});

function u32(n: number): number[] {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
}
