import { encodeCanonical, hashHex, toHex } from '@titip/identity';
import { beforeAll, describe, expect, it } from 'vitest';
import { BundleError, type BundleErrorCode } from '../../src/bundle/bundle-error.js';
import { BUNDLE_BLOB_PREFIX_BYTES, BUNDLE_PREFIX_BYTES } from '../../src/bundle/bundle-format.js';
import { decodeBundle } from '../../src/bundle/decode-bundle.js';
import { encodeBundle } from '../../src/bundle/encode-bundle.js';
import { exportBundle } from '../../src/bundle/export-bundle.js';
import { importBundle } from '../../src/bundle/import-bundle.js';
import type { Replica } from '../../src/replication/replica.js';
import { bundleTrust, populatedReplica, recordReplica, reseal } from './fixtures.js';

// The blob section of format version 2: photos carried after the objects, structure checked here, content judged by
// whoever stores them (@titip/photos importPhotos) against signed references.

let replica: Replica;
let trust: Awaited<ReturnType<typeof bundleTrust>>;
const now = 1_732_700_000_000;
const blob = (label: string, size: number) => {
  const bytes = new Uint8Array(size).map((_, i) => (i * 31 + label.charCodeAt(0)) & 0xff);
  return { sha256: hashHex(bytes), bytes };
};
const photos = [blob('a', 40_000), blob('b', 1), blob('c', 70_000)];

beforeAll(async () => {
  trust = await bundleTrust();
  ({ replica } = await populatedReplica(trust));
});

function codeOf(bytes: Uint8Array, limits = {}): BundleErrorCode {
  try {
    decodeBundle(bytes, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(BundleError);
    return (error as BundleError).code;
  }
  throw new Error('decoded');
}

describe('bundle blobs (format version 2)', () => {
  it('a bundle without blobs is still version 1, byte for byte; with blobs it is version 2 and they round-trip in order', () => {
    const v1 = exportBundle(replica, { now });
    expect(new DataView(v1.buffer).getUint16(10)).toBe(1);
    expect(exportBundle(replica, { now, blobs: [] })).toEqual(v1);
    const decodedV1 = decodeBundle(v1);
    expect(decodedV1.blobs).toEqual([]);
    expect(decodedV1.header.blobs).toBeUndefined();

    const v2 = exportBundle(replica, { now, blobs: photos });
    expect(new DataView(v2.buffer).getUint16(10)).toBe(2);
    const decoded = decodeBundle(v2);
    expect(decoded.header.blobs).toBe(3);
    expect(decoded.entries).toEqual(decodedV1.entries);
    expect(decoded.blobs.map((b) => b.sha256)).toEqual(photos.map((p) => p.sha256));
    decoded.blobs.forEach((b, i) => expect(new Uint8Array(b.bytes)).toEqual(photos[i]!.bytes));
  });

  it('the header of version 2 costs only its blobs count; the objects import as from a version 1 file', async () => {
    const v1 = exportBundle(replica, { now });
    const v2 = exportBundle(replica, { now, blobs: photos });
    const blobBytes = photos.reduce((n, p) => n + BUNDLE_BLOB_PREFIX_BYTES + p.bytes.length, 0);
    expect(v2.length - v1.length - blobBytes).toBe(encodeCanonical({ blobs: 3 }).length - 1); // one more map key
    const fresh = await recordReplica(trust, ['190601']);
    const result = await importBundle(fresh, v2);
    expect(result.added).toBe(decodeBundle(v1).entries.length);
    expect(result.rejected).toEqual([]);
  });

  it('a blob whose bytes do not match its name is structure-valid: judging content is the storer’s job', () => {
    const damaged = { sha256: photos[0]!.sha256, bytes: photos[1]!.bytes };
    const decoded = decodeBundle(encodeBundle({ createdAt: now, source: { scopes: [''] }, regions: [''], delta: false }, [], [damaged]));
    expect(decoded.blobs[0]!.sha256).toBe(photos[0]!.sha256);
    expect(hashHex(decoded.blobs[0]!.bytes)).not.toBe(photos[0]!.sha256);
  });

  it('refuses a crafted blob section with a typed code, before anything is stored', () => {
    const header = { createdAt: now, source: { scopes: [''] }, regions: [''], delta: false };
    const good = encodeBundle(header, [], photos);
    const headerLength = new DataView(good.buffer).getUint32(16);
    const blobsAt = BUNDLE_PREFIX_BYTES + headerLength;
    const edit = (fn: (copy: Uint8Array, view: DataView) => void) => {
      const copy = good.slice();
      fn(copy, new DataView(copy.buffer));
      return reseal(copy);
    };
    // a blob length of 0, past the end, over the limit
    expect(codeOf(edit((_, v) => v.setUint32(blobsAt + 32, 0)))).toBe('BUNDLE_BLOB');
    expect(codeOf(edit((_, v) => v.setUint32(blobsAt + 32, 0x7fff_ffff)))).toBe('BUNDLE_BLOB_TOO_LARGE');
    expect(codeOf(edit((_, v) => v.setUint32(blobsAt + 32, 40_000 + 71_000)))).toBe('BUNDLE_BLOB');
    expect(codeOf(good, { maxBlobBytes: 50_000 })).toBe('BUNDLE_BLOB_TOO_LARGE');
    expect(codeOf(good, { maxBlobs: 2 })).toBe('BUNDLE_TOO_MANY_BLOBS');
    // the same name twice
    expect(codeOf(edit((c) => c.set(c.subarray(blobsAt, blobsAt + 32), blobsAt + 36 + 40_000)))).toBe('BUNDLE_DUPLICATE_BLOB');
    // a header that is version 2's in a version 1 file, and version 1's in a version 2 file
    expect(codeOf(edit((_, v) => v.setUint16(10, 1)))).toBe('BUNDLE_HEADER');
    const v1 = exportBundle(replica, { now });
    const asV2 = v1.slice();
    new DataView(asV2.buffer).setUint16(10, 2);
    expect(codeOf(reseal(asV2))).toBe('BUNDLE_HEADER');
    // the version after 2 is not read
    expect(codeOf(edit((_, v) => v.setUint16(10, 3)))).toBe('BUNDLE_VERSION');
    // the header counts another number of blobs than follow
    const fewer = encodeBundle(header, [], photos.slice(0, 2));
    const counted = fewer.slice();
    const key = encodeCanonical('blobs');
    const headerBytes = counted.subarray(BUNDLE_PREFIX_BYTES);
    const keyAt = headerBytes.findIndex((_, i) => key.every((b, j) => headerBytes[i + j] === b));
    const at = BUNDLE_PREFIX_BYTES + keyAt + key.length;
    expect(counted[at]).toBe(0x02);
    counted[at] = 0x03;
    expect(codeOf(reseal(counted))).toBe('BUNDLE_COUNT_MISMATCH');
    counted[at] = 0x01;
    expect(codeOf(reseal(counted))).toBe('BUNDLE_COUNT_MISMATCH');
  });

  it('refuses to write a malformed blob', () => {
    const header = { createdAt: now, source: { scopes: [''] }, regions: [''], delta: false };
    const write = (blobs: { sha256: string; bytes: Uint8Array }[]) => () => encodeBundle(header, [], blobs);
    expect(write([{ sha256: 'ab', bytes: photos[0]!.bytes }])).toThrow(/not 64 lowercase hex/);
    expect(write([{ sha256: toHex(new Uint8Array(32)), bytes: new Uint8Array() }])).toThrow(/no bytes/);
    expect(write([photos[0]!, photos[0]!])).toThrow(/twice/);
  });
});
