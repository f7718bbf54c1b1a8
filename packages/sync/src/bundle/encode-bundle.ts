import { encodeCanonical, hashHex, sha256 } from '@titip/identity';
import { BundleError } from './bundle-error.js';
import type { BundleEntry } from './bundle-entry.js';
import {
  BUNDLE_DOC_ID_PATTERN,
  BUNDLE_MAGIC,
  BUNDLE_PREFIX_BYTES,
  BUNDLE_TRAILER_BYTES,
  BUNDLE_VERSION,
  MAX_BUNDLE_FORMAT_BYTES,
  MAX_BUNDLE_HEADER_BYTES,
} from './bundle-format.js';
import { bundleHeaderSchema, type BundleHeader } from './bundle-header.js';

const ascii = new TextEncoder();

/**
 * Writes a bundle file (format v1, see `docs/bundle-format.md`) holding `entries` in the order given, with
 * `header.objects` set to their number. Ids are not written: an object's id is the SHA-256 of its bytes. Use {@link exportBundle} to write a replica's objects.
 * @throws {BundleError} `BUNDLE_INVALID_OPTION` for a bad header, document id, empty object or repeated id;
 *   `BUNDLE_TOO_LARGE` past the format's 4 GiB.
 */
export function encodeBundle(header: Omit<BundleHeader, 'objects'>, entries: readonly Pick<BundleEntry, 'docId' | 'bytes'>[]): Uint8Array {
  const parsed = bundleHeaderSchema.safeParse({ ...header, objects: entries.length });
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
  if (total > MAX_BUNDLE_FORMAT_BYTES) throw new BundleError('BUNDLE_TOO_LARGE', `a bundle of ${total} bytes is past the format's limit; export fewer regions`);

  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(BUNDLE_MAGIC, 0);
  let at = BUNDLE_MAGIC.length;
  view.setUint16(at, BUNDLE_VERSION);
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
  out.set(sha256(out.subarray(0, at)), at);
  return out;
}
