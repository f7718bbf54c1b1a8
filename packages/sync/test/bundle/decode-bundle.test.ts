import { encodeCanonical, hashHex } from '@titip/identity';
import type { TestTrust } from '@titip/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { BundleError, type BundleErrorCode } from '../../src/bundle/bundle-error.js';
import { BUNDLE_MAGIC, BUNDLE_PREFIX_BYTES } from '../../src/bundle/bundle-format.js';
import { decodeBundle } from '../../src/bundle/decode-bundle.js';
import { encodeBundle } from '../../src/bundle/encode-bundle.js';
import { exportBundle } from '../../src/bundle/export-bundle.js';
import type { Replica } from '../../src/replication/replica.js';
import { bundleTrust, concat, DESA, edited, entriesOffset, OTHER_DESA, populatedReplica, reseal } from './fixtures.js';

let trust: TestTrust;
let replica: Replica;
let bundle: Uint8Array;
const header = { createdAt: 1_732_700_000_000, source: { scopes: ['190601'] }, regions: ['190601'], delta: false };

beforeAll(async () => {
  trust = await bundleTrust();
  ({ replica } = await populatedReplica(trust));
  bundle = exportBundle(replica, { now: header.createdAt });
});

function refusal(bytes: Uint8Array, limits = {}): BundleError {
  try {
    decodeBundle(bytes, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(BundleError);
    return error as BundleError;
  }
  throw new Error('decoded');
}

const codeOf = (bytes: Uint8Array, limits = {}): BundleErrorCode => refusal(bytes, limits).code;

/** A bundle written by hand: prefix, the given header bytes and raw entry bytes, then length and trailer. */
function handmade(headerBytes: Uint8Array, entries: Uint8Array, version = 1): Uint8Array {
  const prefix = new Uint8Array(BUNDLE_PREFIX_BYTES);
  prefix.set(BUNDLE_MAGIC);
  const view = new DataView(prefix.buffer);
  view.setUint16(BUNDLE_MAGIC.length, version);
  view.setUint32(BUNDLE_MAGIC.length + 6, headerBytes.length);
  return reseal(concat(prefix, headerBytes, entries, new Uint8Array(32)));
}

function rawEntry(docId: string, bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(1 + docId.length + 4 + bytes.length);
  out[0] = docId.length;
  out.set(new TextEncoder().encode(docId), 1);
  new DataView(out.buffer).setUint32(1 + docId.length, bytes.length);
  out.set(bytes, 5 + docId.length);
  return out;
}

describe('decodeBundle', () => {
  it('reads back what a replica exported: header, documents and the exact object bytes', () => {
    const decoded = decodeBundle(bundle);
    expect(decoded.header).toEqual({ ...header, objects: 8 });
    const expected = [...replica.objects()].map((o) => ({ docId: o.docId, id: o.id, bytes: o.bytes }));
    expect([...decoded.entries].sort((a, b) => a.id.localeCompare(b.id))).toEqual(expected.sort((a, b) => a.id.localeCompare(b.id)));
    for (const entry of decoded.entries) expect(hashHex(entry.bytes)).toBe(entry.id);
  });

  it('starts with the magic bytes and version 1, and ends with the SHA-256 of the rest', () => {
    expect([...bundle.subarray(0, 10)]).toEqual([0x89, 0x54, 0x49, 0x54, 0x49, 0x50, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect([...bundle.subarray(10, 12)]).toEqual([0, 1]);
    expect(new DataView(bundle.buffer).getUint32(12)).toBe(bundle.length);
    expect(hashHex(bundle.subarray(0, bundle.length - 32))).toBe(Buffer.from(bundle.subarray(bundle.length - 32)).toString('hex'));
  });

  it('refuses a file over maxBytes before looking inside', () => {
    expect(codeOf(bundle, { maxBytes: bundle.length - 1 })).toBe('BUNDLE_TOO_LARGE');
    expect(() => decodeBundle(bundle, { maxBytes: bundle.length })).not.toThrow();
  });

  it('refuses what is not a bundle', () => {
    expect(codeOf(new TextEncoder().encode('{"kind":"titip-network"}'))).toBe('BUNDLE_NOT_A_BUNDLE');
    expect(codeOf(edited(bundle, (b) => void (b[0] = 0x88)))).toBe('BUNDLE_NOT_A_BUNDLE');
    // a text-mode transfer that turned CR LF into LF
    expect(codeOf(concat(bundle.subarray(0, 6), bundle.subarray(7)))).toBe('BUNDLE_NOT_A_BUNDLE');
    expect(codeOf('not bytes' as unknown as Uint8Array)).toBe('BUNDLE_NOT_A_BUNDLE');
  });

  it('refuses another format version', () => {
    expect(codeOf(edited(bundle, (b) => void (b[11] = 3)))).toBe('BUNDLE_VERSION');
  });

  it('calls every cut-short copy truncated, at any length', () => {
    for (const length of [0, 1, 9, 10, 11, 12, 15, 16, 60, entriesOffset(bundle), Math.floor(bundle.length / 2), bundle.length - 32, bundle.length - 1]) {
      expect(codeOf(bundle.subarray(0, length)), `length ${length}`).toBe('BUNDLE_TRUNCATED');
    }
  });

  it('refuses bytes after the declared end', () => {
    expect(codeOf(concat(bundle, new Uint8Array(1)))).toBe('BUNDLE_TRAILING_BYTES');
    expect(codeOf(concat(bundle, bundle))).toBe('BUNDLE_TRAILING_BYTES');
  });

  it('catches a flipped bit anywhere after the length field with the checksum', () => {
    for (let offset = 16; offset < bundle.length; offset += 37) {
      expect(codeOf(edited(bundle, (b) => void (b[offset]! ^= 0x10))), `offset ${offset}`).toBe('BUNDLE_CHECKSUM');
    }
    expect(codeOf(edited(bundle, (b) => void (b[b.length - 1]! ^= 1)))).toBe('BUNDLE_CHECKSUM');
  });

  it('refuses a header that is not canonical CBOR, not the schema, or does not fit (even correctly sealed)', () => {
    expect(codeOf(handmade(Uint8Array.of(0xff), new Uint8Array()))).toBe('BUNDLE_HEADER');
    expect(codeOf(handmade(Uint8Array.of(0xa1, 0x61, 0x61, 0xf9, 0x3c, 0x00), new Uint8Array()))).toBe('BUNDLE_HEADER'); // a float
    expect(codeOf(handmade(encodeCanonical({ ...header, objects: 0, extra: 1 }), new Uint8Array()))).toBe('BUNDLE_HEADER');
    expect(codeOf(handmade(encodeCanonical({ ...header, objects: -1 }), new Uint8Array()))).toBe('BUNDLE_HEADER');
    expect(codeOf(handmade(encodeCanonical({ ...header, regions: ['19x'], objects: 0 }), new Uint8Array()))).toBe('BUNDLE_HEADER');
    const tooLong = edited(bundle, (b) => new DataView(b.buffer).setUint32(BUNDLE_MAGIC.length + 6, b.length));
    expect(codeOf(reseal(tooLong))).toBe('BUNDLE_HEADER');
    const empty = edited(bundle, (b) => new DataView(b.buffer).setUint32(BUNDLE_MAGIC.length + 6, 0));
    expect(codeOf(reseal(empty))).toBe('BUNDLE_HEADER');
    // a declared length too small to hold anything
    const tiny = edited(bundle.subarray(0, BUNDLE_PREFIX_BYTES), (b) => new DataView(b.buffer).setUint32(BUNDLE_MAGIC.length + 2, BUNDLE_PREFIX_BYTES));
    expect(codeOf(tiny)).toBe('BUNDLE_HEADER');
  });

  it('refuses more announced objects than maxObjects before reading them', () => {
    expect(codeOf(bundle, { maxObjects: 7 })).toBe('BUNDLE_TOO_MANY_OBJECTS');
    expect(decodeBundle(bundle, { maxObjects: 8 }).entries).toHaveLength(8);
  });

  it('refuses an object over maxObjectBytes', () => {
    const largest = Math.max(...[...replica.objects()].map((o) => o.bytes.length));
    expect(codeOf(bundle, { maxObjectBytes: largest - 1 })).toBe('BUNDLE_OBJECT_TOO_LARGE');
  });

  it('refuses malformed entries', () => {
    const object = [...replica.objects()][0]!;
    const h = encodeCanonical({ ...header, objects: 1 });
    expect(codeOf(handmade(h, rawEntry('19060x2001', object.bytes)))).toBe('BUNDLE_ENTRY');
    expect(codeOf(handmade(h, rawEntry('1', object.bytes)))).toBe('BUNDLE_ENTRY');
    expect(codeOf(handmade(h, rawEntry(object.docId, new Uint8Array())))).toBe('BUNDLE_ENTRY');
    expect(codeOf(handmade(h, rawEntry(object.docId, object.bytes).subarray(0, 20)))).toBe('BUNDLE_ENTRY');
    expect(codeOf(handmade(h, Uint8Array.of(200)))).toBe('BUNDLE_ENTRY');
  });

  it('refuses a count that does not match the entries', () => {
    const [a, b] = [...replica.objects()];
    expect(codeOf(handmade(encodeCanonical({ ...header, objects: 1 }), concat(rawEntry(a!.docId, a!.bytes), rawEntry(b!.docId, b!.bytes))))).toBe('BUNDLE_COUNT_MISMATCH');
    expect(codeOf(handmade(encodeCanonical({ ...header, objects: 3 }), concat(rawEntry(a!.docId, a!.bytes), rawEntry(b!.docId, b!.bytes))))).toBe('BUNDLE_COUNT_MISMATCH');
  });

  it('refuses an object that appears twice', () => {
    const a = [...replica.objects()][0]!;
    const error = refusal(handmade(encodeCanonical({ ...header, objects: 2 }), concat(rawEntry(a.docId, a.bytes), rawEntry(a.docId, a.bytes))));
    expect(error.code).toBe('BUNDLE_DUPLICATE_OBJECT');
    expect(error.detail).toMatchObject({ index: 1, objectId: a.id });
  });

  it('refuses junk that is not a Titip record, even in a correctly sealed file', () => {
    const junk = [Uint8Array.of(0xa0), new TextEncoder().encode('halo'), encodeCanonical([1, 'note', {}, new Uint8Array(32), new Uint8Array(64)])];
    for (const bytes of junk) {
      const error = refusal(encodeBundle(header, [{ docId: DESA, bytes }]));
      expect(error.code).toBe('BUNDLE_MALFORMED_OBJECT');
      expect(error.detail.index).toBe(0);
    }
  });

  it('refuses an object filed under another document than its TPS desa', () => {
    const object = [...replica.objects()].find((o) => o.docId === DESA)!;
    const error = refusal(encodeBundle(header, [{ docId: OTHER_DESA, bytes: object.bytes }]));
    expect(error.code).toBe('BUNDLE_WRONG_DOCUMENT');
    expect(error.detail).toMatchObject({ objectId: object.id, docId: OTHER_DESA });
  });
});

describe('encodeBundle', () => {
  it('refuses what it cannot write', () => {
    const object = [...replica.objects()][0]!;
    const codeOfWrite = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        expect(error).toBeInstanceOf(BundleError);
        return (error as BundleError).code;
      }
      return 'written';
    };
    expect(codeOfWrite(() => encodeBundle({ ...header, regions: [] }, []))).toBe('BUNDLE_INVALID_OPTION');
    expect(codeOfWrite(() => encodeBundle(header, [{ docId: 'x', bytes: object.bytes }]))).toBe('BUNDLE_INVALID_OPTION');
    expect(codeOfWrite(() => encodeBundle(header, [{ docId: DESA, bytes: new Uint8Array() }]))).toBe('BUNDLE_INVALID_OPTION');
    expect(codeOfWrite(() => encodeBundle(header, [object, object]))).toBe('BUNDLE_INVALID_OPTION');
    expect(codeOfWrite(() => encodeBundle(header, []))).toBe('written');
  });
});
