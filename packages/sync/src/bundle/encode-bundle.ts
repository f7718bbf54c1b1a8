import { encodeCanonical, fromHex, hashHex, sha256 } from '@titip/identity';
import { BundleError } from './bundle-error.js';
import type { BundleBlob, BundleEntry } from './bundle-entry.js';
import {
  BUNDLE_BLOB_PREFIX_BYTES,
  BUNDLE_DOC_ID_PATTERN,
  BUNDLE_MAGIC,
  BUNDLE_PREFIX_BYTES,
  BUNDLE_TRAILER_BYTES,
  MAX_BUNDLE_FORMAT_BYTES,
  MAX_BUNDLE_HEADER_BYTES,
} from './bundle-format.js';
import { bundleHeaderSchema, bundleHeaderV2Schema, type BundleHeader } from './bundle-header.js';

const ascii = new TextEncoder();

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Writes a bundle file (`docs/bundle-format.md`) holding `entries` in the order given, with `header.objects` set to
 * their number, and then `blobs` in the order given. Without blobs it is a version 1 file (as before blobs existed);
 * with blobs a version 2 file whose header also counts them. Object ids are not written: an object's id is the
 * SHA-256 of its bytes. A blob is written with the SHA-256 it is named by (not checked here: the reader verifies it
 * against a signed reference). Use {@link exportBundle} to write a replica's objects.
 * @throws {BundleError} `BUNDLE_INVALID_OPTION` for a bad header, document id, empty object or repeated id, or a
 *   blob with a malformed name, no bytes or a repeated name; `BUNDLE_TOO_LARGE` past the format's 4 GiB.
 */
export function encodeBundle(
  header: Omit<BundleHeader, 'objects' | 'blobs'>,
  entries: readonly Pick<BundleEntry, 'docId' | 'bytes'>[],
  blobs: readonly BundleBlob[] = [],
): Uint8Array {
  const version = blobs.length === 0 ? 1 : 2;
  const full = { ...header, objects: entries.length, ...(version === 2 ? { blobs: blobs.length } : {}) };
  const parsed = (version === 1 ? bundleHeaderSchema : bundleHeaderV2Schema).safeParse(full);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BundleError('BUNDLE_INVALID_OPTION', `invalid bundle header: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown'}`);
  }
  const headerBytes = encodeCanonical(parsed.data);
  if (headerBytes.length > MAX_BUNDLE_HEADER_BYTES) throw new BundleError('BUNDLE_INVALID_OPTION', `bundle header is ${headerBytes.length} bytes, limit ${MAX_BUNDLE_HEADER_BYTES}`);
  const seen = new Set<string>();
  let total = BUNDLE_PREFIX_BYTES + headerBytes.length + BUNDLE_TRAILER_BYTES;
  entries.forEach((entry, index) => {
    if (!BUNDLE_DOC_ID_PATTERN.test(entry.docId)) throw new BundleError('BUNDLE_INVALID_OPTION', `entry ${index}: document id is not a region code`, { index });
    if (entry.bytes.length === 0) throw new BundleError('BUNDLE_INVALID_OPTION', `entry ${index}: empty object`, { index });
    const id = hashHex(entry.bytes);
    if (seen.has(id)) throw new BundleError('BUNDLE_INVALID_OPTION', `entry ${index}: object ${id} twice`, { index, objectId: id });
    seen.add(id);
    total += 1 + entry.docId.length + 4 + entry.bytes.length;
  });
  const names = new Set<string>();
  blobs.forEach((blob, blobIndex) => {
    if (typeof blob.sha256 !== 'string' || !SHA256_HEX.test(blob.sha256)) throw new BundleError('BUNDLE_INVALID_OPTION', `blob ${blobIndex}: the name is not 64 lowercase hex digits`, { blobIndex });
    if (!(blob.bytes instanceof Uint8Array) || blob.bytes.length === 0) throw new BundleError('BUNDLE_INVALID_OPTION', `blob ${blobIndex}: no bytes`, { blobIndex, blobSha256: blob.sha256 });
    if (names.has(blob.sha256)) throw new BundleError('BUNDLE_INVALID_OPTION', `blob ${blobIndex}: ${blob.sha256} twice`, { blobIndex, blobSha256: blob.sha256 });
    names.add(blob.sha256);
    total += BUNDLE_BLOB_PREFIX_BYTES + blob.bytes.length;
  });
  if (total > MAX_BUNDLE_FORMAT_BYTES) throw new BundleError('BUNDLE_TOO_LARGE', `a bundle of ${total} bytes is past the format's limit; export fewer regions`);

  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(BUNDLE_MAGIC, 0);
  let at = BUNDLE_MAGIC.length;
  view.setUint16(at, version);
  view.setUint32(at + 2, total);
  view.setUint32(at + 6, headerBytes.length);
  at = BUNDLE_PREFIX_BYTES;
  out.set(headerBytes, at);
  at += headerBytes.length;
  for (const entry of entries) {
    out[at] = entry.docId.length;
    out.set(ascii.encode(entry.docId), at + 1);
    at += 1 + entry.docId.length;
    view.setUint32(at, entry.bytes.length);
    out.set(entry.bytes, at + 4);
    at += 4 + entry.bytes.length;
  }
  for (const blob of blobs) {
    out.set(fromHex(blob.sha256, 32), at);
    view.setUint32(at + 32, blob.bytes.length);
    out.set(blob.bytes, at + BUNDLE_BLOB_PREFIX_BYTES);
    at += BUNDLE_BLOB_PREFIX_BYTES + blob.bytes.length;
  }
  out.set(sha256(out.subarray(0, at)), at);
  return out;
}
