import { decodeCanonical, encodeCanonical, hashHex, type CanonicalValue } from '@titip/identity';
import type { SubmissionRecord } from '@titip/records';
import type { TestTrust } from '@titip/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { BundleError } from '../../src/bundle/bundle-error.js';
import { encodeBundle } from '../../src/bundle/encode-bundle.js';
import { exportBundle } from '../../src/bundle/export-bundle.js';
import { importBundle } from '../../src/bundle/import-bundle.js';
import type { ObjectsAddedEvent, Replica } from '../../src/replication/replica.js';
import { bundleTrust, concat, DESA, edited, holdings, KECAMATAN, OTHER_DESA, populatedReplica, recordReplica, reseal, submissionOf, tpsOf } from './fixtures.js';

let trust: TestTrust;
let source: Replica;
let bundle: Uint8Array;
const header = { createdAt: 1_732_700_000_000, source: { scopes: [KECAMATAN] }, regions: [KECAMATAN], delta: false };

beforeAll(async () => {
  trust = await bundleTrust();
  ({ replica: source } = await populatedReplica(trust));
  bundle = exportBundle(source);
});

/** A record whose signature no longer matches (last byte of the signature flipped). */
function forged(record: SubmissionRecord) {
  const bytes = Uint8Array.from(record.bytes);
  bytes[bytes.length - 1]! ^= 1;
  return bytes;
}

/** Heads of every document: together with holdings, the whole visible state of a replica. */
function state(replica: Replica) {
  return { holdings: holdings(replica), heads: replica.docIds().map((d) => [d, replica.heads(d)]) };
}

describe('importBundle', () => {
  it('stores every object of a valid bundle, validated by the replica, and announces them as local additions', async () => {
    const target = await recordReplica(trust, [KECAMATAN]);
    const events: ObjectsAddedEvent[] = [];
    target.onObjectsAdded((e) => events.push(e));
    const result = await importBundle(target, bundle);
    expect(result).toMatchObject({ added: 8, alreadyHeld: 0, outOfScope: 0, rejected: [] });
    expect(result.header.objects).toBe(8);
    expect(holdings(target)).toEqual(holdings(source));
    for (const o of target.objects()) expect(o.bytes).toEqual(source.object(o.id));
    expect(events.map((e) => [e.docId, e.added.length, e.origin])).toEqual([
      [DESA, 4, 'local'],
      [OTHER_DESA, 4, 'local'],
    ]);
  });

  it('adds nothing the second time', async () => {
    const target = await recordReplica(trust, [KECAMATAN]);
    await importBundle(target, bundle);
    const before = state(target);
    expect(await importBundle(target, bundle)).toMatchObject({ added: 0, alreadyHeld: 8, rejected: [] });
    expect(state(target)).toEqual(before);
  });

  it('counts what it already held and leaves documents outside its scopes alone', async () => {
    const target = await recordReplica(trust, [DESA]);
    const held = [...source.objects()].find((o) => o.docId === DESA)!;
    await target.addLocal(DESA, [held]);
    expect(await importBundle(target, bundle)).toMatchObject({ added: 3, alreadyHeld: 1, outOfScope: 4, rejected: [] });
    expect(target.docIds()).toEqual([DESA]);
  });

  it('stores the valid objects of a bundle and lists, never stores, those the validator refuses', async () => {
    const valid = await Promise.all([1, 2, 3].map((n) => submissionOf(trust, tpsOf(DESA, n))));
    const badSignature = forged(await submissionOf(trust, tpsOf(DESA, 4)));
    const foreignTrust = await bundleTrust('another-network');
    const foreign = await submissionOf(foreignTrust, tpsOf(DESA, 5));
    const mixed = encodeBundle(header, [
      { docId: DESA, bytes: valid[0]!.bytes },
      { docId: DESA, bytes: badSignature },
      { docId: DESA, bytes: valid[1]!.bytes },
      { docId: DESA, bytes: foreign.bytes },
      { docId: DESA, bytes: valid[2]!.bytes },
    ]);
    const target = await recordReplica(trust, [KECAMATAN]);
    const result = await importBundle(target, mixed);
    expect(result.added).toBe(3);
    expect(result.alreadyHeld).toBe(0);
    expect(result.rejected.map((r) => [r.docId, r.code]).sort()).toEqual([
      [DESA, 'bad-signature'],
      [DESA, 'unknown-root'],
    ]);
    expect(result.rejected.map((r) => r.id).sort()).toEqual([foreign.id, hashHex(badSignature)].sort());
    for (const r of result.rejected) expect(r.message.length).toBeGreaterThan(0);
    expect(holdings(target)).toEqual(valid.map((s) => `${DESA}/${s.id}`).sort());
  });

  it('refuses every object of a bundle of forgeries, one by one, and stores none', async () => {
    const forgeries = await Promise.all([1, 2, 3, 4, 5, 6, 7].map(async (n) => forged(await submissionOf(trust, tpsOf(OTHER_DESA, n)))));
    const target = await recordReplica(trust, [KECAMATAN]);
    const result = await importBundle(target, encodeBundle(header, forgeries.map((bytes) => ({ docId: OTHER_DESA, bytes }))));
    expect(result.added).toBe(0);
    expect(result.rejected.map((r) => r.code)).toEqual(Array(7).fill('bad-signature'));
    expect(new Set(result.rejected.map((r) => r.id)).size).toBe(7);
    expect(target.objectCount).toBe(0);
  });

  describe('a damaged or crafted file changes nothing already stored', () => {
    const object = () => [...source.objects()].find((o) => o.docId === DESA)!;
    const other = () => [...source.objects()].find((o) => o.docId === OTHER_DESA)!;
    const cases: [string, () => Uint8Array, string, object?][] = [
      ['a flipped bit', () => edited(bundle, (b) => void (b[b.length >> 1]! ^= 4)), 'BUNDLE_CHECKSUM'],
      ['a truncated copy', () => bundle.subarray(0, bundle.length - 100), 'BUNDLE_TRUNCATED'],
      ['a wrong trailer', () => edited(bundle, (b) => b.fill(0, b.length - 32)), 'BUNDLE_CHECKSUM'],
      ['an oversized file', () => bundle, 'BUNDLE_TOO_LARGE', { maxBytes: 1024 }],
      ['too many objects', () => bundle, 'BUNDLE_TOO_MANY_OBJECTS', { maxObjects: 2 }],
      ['a duplicate object', () => duplicated(bundle), 'BUNDLE_DUPLICATE_OBJECT'],
      ['junk after valid objects', () => encodeBundle(header, [object(), { docId: DESA, bytes: Uint8Array.of(0x80) }]), 'BUNDLE_MALFORMED_OBJECT'],
      ['an object of another document', () => encodeBundle(header, [object(), { docId: DESA, bytes: other().bytes }]), 'BUNDLE_WRONG_DOCUMENT'],
    ];
    it.each(cases)('%s', async (_name, make, code, limits = {}) => {
      const target = await recordReplica(trust, [KECAMATAN]);
      const seed = await submissionOf(trust, tpsOf(OTHER_DESA, 9));
      await target.addLocal(OTHER_DESA, [seed]);
      const before = state(target);
      let events = 0;
      target.onObjectsAdded(() => events++);
      const error = await importBundle(target, make(), limits).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(BundleError);
      expect((error as BundleError).code).toBe(code);
      expect(state(target)).toEqual(before);
      expect(events).toBe(0);
    });
  });

  it('imports an empty bundle as nothing', async () => {
    const empty = exportBundle(await recordReplica(trust, [DESA]));
    const target = await recordReplica(trust, [DESA]);
    expect(await importBundle(target, empty)).toMatchObject({ added: 0, alreadyHeld: 0, outOfScope: 0, rejected: [] });
  });
});

/** The bundle with its last entry repeated (header count and seal adjusted): what a careless or hostile writer might do. */
function duplicated(b: Uint8Array): Uint8Array {
  const view = new DataView(b.buffer, b.byteOffset);
  const headerLength = view.getUint32(16);
  const decoded = decodeCanonical(b.subarray(20, 20 + headerLength)) as Record<string, CanonicalValue>;
  const newHeader = encodeCanonical({ ...decoded, objects: (decoded['objects'] as number) + 1 });
  let at = 20 + headerLength;
  let last = at;
  const end = b.length - 32;
  while (at < end) {
    last = at;
    const docLength = b[at]!;
    at += 1 + docLength + 4 + view.getUint32(at + 1 + docLength);
  }
  const prefix = Uint8Array.from(b.subarray(0, 20));
  new DataView(prefix.buffer).setUint32(16, newHeader.length);
  return reseal(concat(prefix, newHeader, b.subarray(20 + headerLength, end), b.subarray(last, end), new Uint8Array(32)));
}
