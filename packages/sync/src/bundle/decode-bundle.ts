import { CanonicalDecodingError, decodeCanonical, hashHex, sha256, bytesEqual, toHex } from '@titip/identity';
import { decodeRecord, docIdOf, MalformedRecordError } from '@titip/records';
import { BundleError } from './bundle-error.js';
import type { BundleBlob, BundleEntry } from './bundle-entry.js';
import {
  BUNDLE_BLOB_PREFIX_BYTES,
  BUNDLE_DOC_ID_PATTERN,
  BUNDLE_MAGIC,
  BUNDLE_PREFIX_BYTES,
  BUNDLE_TRAILER_BYTES,
  BUNDLE_VERSION,
  DEFAULT_MAX_BUNDLE_BLOB_BYTES,
  DEFAULT_MAX_BUNDLE_BLOBS,
  DEFAULT_MAX_BUNDLE_BYTES,
  DEFAULT_MAX_BUNDLE_OBJECT_BYTES,
  DEFAULT_MAX_BUNDLE_OBJECTS,
  MAX_BUNDLE_HEADER_BYTES,
  MIN_BUNDLE_VERSION,
  type BundleLimits,
} from './bundle-format.js';
import { bundleHeaderSchema, bundleHeaderV2Schema, type BundleHeader } from './bundle-header.js';

/** A bundle read and checked by {@link decodeBundle}. */
export interface DecodedBundle {
  readonly header: BundleHeader;
  /** Every object, in file order, with its id computed from its bytes. */
  readonly entries: readonly BundleEntry[];
  /**
   * The blobs (version 2), in file order, as named by the writer: structure checked (lengths, limits, each name
   * once), content not (see {@link BundleBlob}). Their bytes are views into the file's bytes. Empty for version 1.
   */
  readonly blobs: readonly BundleBlob[];
}

const latin1 = new TextDecoder('latin1');

/**
 * Reads a bundle file and checks everything that can be judged from its bytes alone, in this order: size limit,
 * magic, version, declared length (truncated or padded copies), SHA-256 trailer, header, object count limit, each
 * entry (document id, object length and limit), the declared count, repeated objects, and that each object is a
 * well-formed Titip record (canonical envelope, known kind, body schema) filed under its own document (the desa of
 * its TPS); then, in version 2, the blob count limit and each blob (length, limit, each name once) and that
 * nothing follows. Signatures and credentials are not checked here: {@link importBundle} has the replica's validator
 * judge every object.
 * @throws {BundleError} with the code of the first check that fails; never anything else.
 */
export function decodeBundle(bytes: Uint8Array, limits: BundleLimits = {}): DecodedBundle {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BUNDLE_BYTES;
  const maxObjects = limits.maxObjects ?? DEFAULT_MAX_BUNDLE_OBJECTS;
  const maxObjectBytes = limits.maxObjectBytes ?? DEFAULT_MAX_BUNDLE_OBJECT_BYTES;
  const maxBlobs = limits.maxBlobs ?? DEFAULT_MAX_BUNDLE_BLOBS;
  const maxBlobBytes = limits.maxBlobBytes ?? DEFAULT_MAX_BUNDLE_BLOB_BYTES;
  if (!(bytes instanceof Uint8Array)) throw new BundleError('BUNDLE_NOT_A_BUNDLE', 'a bundle is bytes');
  if (bytes.length > maxBytes) throw new BundleError('BUNDLE_TOO_LARGE', `the bundle is ${bytes.length} bytes, limit ${maxBytes}`);
  checkMagic(bytes);
  if (bytes.length < BUNDLE_MAGIC.length + 2) throw truncated(bytes.length);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(BUNDLE_MAGIC.length);
  if (version < MIN_BUNDLE_VERSION || version > BUNDLE_VERSION) {
    throw new BundleError('BUNDLE_VERSION', `bundle format version ${version}; this peer reads versions ${MIN_BUNDLE_VERSION} to ${BUNDLE_VERSION}`);
  }
  if (bytes.length < BUNDLE_PREFIX_BYTES) throw truncated(bytes.length);
  const declared = view.getUint32(BUNDLE_MAGIC.length + 2);
  if (bytes.length < declared) throw truncated(bytes.length, declared);
  if (bytes.length > declared) {
    throw new BundleError('BUNDLE_TRAILING_BYTES', `the file has ${bytes.length - declared} bytes after the ${declared} its bundle declares`, { offset: declared });
  }
  if (declared < BUNDLE_PREFIX_BYTES + 1 + BUNDLE_TRAILER_BYTES) {
    throw new BundleError('BUNDLE_HEADER', `a declared length of ${declared} bytes cannot hold a header and a trailer`, { offset: BUNDLE_MAGIC.length + 2 });
  }
  const bodyEnd = bytes.length - BUNDLE_TRAILER_BYTES;
  if (!bytesEqual(sha256(bytes.subarray(0, bodyEnd)), bytes.subarray(bodyEnd))) {
    throw new BundleError('BUNDLE_CHECKSUM', 'the SHA-256 trailer does not match the file: it was damaged or altered in transit; copy it again', { offset: bodyEnd });
  }

  const headerLength = view.getUint32(BUNDLE_MAGIC.length + 6);
  if (headerLength === 0 || headerLength > MAX_BUNDLE_HEADER_BYTES || BUNDLE_PREFIX_BYTES + headerLength > bodyEnd) {
    throw new BundleError('BUNDLE_HEADER', `header length ${headerLength} does not fit (limit ${MAX_BUNDLE_HEADER_BYTES})`, { offset: BUNDLE_MAGIC.length + 6 });
  }
  const header = readHeader(bytes.subarray(BUNDLE_PREFIX_BYTES, BUNDLE_PREFIX_BYTES + headerLength), version);
  if (header.objects > maxObjects) {
    throw new BundleError('BUNDLE_TOO_MANY_OBJECTS', `the bundle announces ${header.objects} objects, limit ${maxObjects}`);
  }
  const blobCount = header.blobs ?? 0;
  if (blobCount > maxBlobs) throw new BundleError('BUNDLE_TOO_MANY_BLOBS', `the bundle announces ${blobCount} blobs, limit ${maxBlobs}`);

  const entries: BundleEntry[] = [];
  const seen = new Set<string>();
  let at = BUNDLE_PREFIX_BYTES + headerLength;
  while (at < bodyEnd && entries.length < header.objects) {
    const index = entries.length;
    const docLength = bytes[at]!;
    if (at + 1 + docLength + 4 > bodyEnd) throw new BundleError('BUNDLE_ENTRY', `entry ${index} runs past the end of the objects`, { offset: at, index });
    const docId = latin1.decode(bytes.subarray(at + 1, at + 1 + docLength));
    if (!BUNDLE_DOC_ID_PATTERN.test(docId)) throw new BundleError('BUNDLE_ENTRY', `entry ${index}: the document id is not a region code`, { offset: at, index });
    at += 1 + docLength;
    const length = view.getUint32(at);
    if (length === 0) throw new BundleError('BUNDLE_ENTRY', `entry ${index}: empty object`, { offset: at, index, docId });
    if (length > maxObjectBytes) {
      throw new BundleError('BUNDLE_OBJECT_TOO_LARGE', `entry ${index}: object of ${length} bytes, limit ${maxObjectBytes}`, { offset: at, index, docId });
    }
    if (at + 4 + length > bodyEnd) throw new BundleError('BUNDLE_ENTRY', `entry ${index} runs past the end of the objects`, { offset: at, index, docId });
    const object = bytes.slice(at + 4, at + 4 + length);
    const id = hashHex(object);
    if (seen.has(id)) throw new BundleError('BUNDLE_DUPLICATE_OBJECT', `entry ${index}: object ${id} appears twice`, { offset: at, index, docId, objectId: id });
    seen.add(id);
    checkPlacement(object, docId, { offset: at + 4, index, docId, objectId: id }, maxObjectBytes);
    entries.push({ docId, id, bytes: object });
    at += 4 + length;
  }
  if (entries.length !== header.objects) {
    throw new BundleError('BUNDLE_COUNT_MISMATCH', `the header announces ${header.objects} objects, the file holds ${entries.length}`, { offset: at });
  }

  const blobs: BundleBlob[] = [];
  const names = new Set<string>();
  while (at < bodyEnd && blobs.length < blobCount) {
    const blobIndex = blobs.length;
    if (at + BUNDLE_BLOB_PREFIX_BYTES > bodyEnd) throw new BundleError('BUNDLE_BLOB', `blob ${blobIndex} runs past the end of the file`, { offset: at, blobIndex });
    const sha256 = toHex(bytes.subarray(at, at + 32));
    const length = view.getUint32(at + 32);
    const where = { offset: at + 32, blobIndex, blobSha256: sha256 };
    if (length === 0) throw new BundleError('BUNDLE_BLOB', `blob ${blobIndex}: empty`, where);
    if (length > maxBlobBytes) throw new BundleError('BUNDLE_BLOB_TOO_LARGE', `blob ${blobIndex}: ${length} bytes, limit ${maxBlobBytes}`, where);
    if (at + BUNDLE_BLOB_PREFIX_BYTES + length > bodyEnd) throw new BundleError('BUNDLE_BLOB', `blob ${blobIndex} runs past the end of the file`, where);
    if (names.has(sha256)) throw new BundleError('BUNDLE_DUPLICATE_BLOB', `blob ${blobIndex}: ${sha256} appears twice`, where);
    names.add(sha256);
    blobs.push({ sha256, bytes: bytes.subarray(at + BUNDLE_BLOB_PREFIX_BYTES, at + BUNDLE_BLOB_PREFIX_BYTES + length) });
    at += BUNDLE_BLOB_PREFIX_BYTES + length;
  }
  if (blobs.length !== blobCount) {
    throw new BundleError('BUNDLE_COUNT_MISMATCH', `the header announces ${blobCount} blobs, the file holds ${blobs.length}`, { offset: at });
  }
  if (at !== bodyEnd) {
    const what = version === 1 ? `the ${header.objects} objects` : `the ${header.objects} objects and ${blobCount} blobs`;
    throw new BundleError('BUNDLE_COUNT_MISMATCH', `bytes follow ${what} the header announces`, { offset: at });
  }
  return { header, entries, blobs };
}

function checkMagic(bytes: Uint8Array): void {
  const n = Math.min(bytes.length, BUNDLE_MAGIC.length);
  for (let i = 0; i < n; i++) {
    if (bytes[i] !== BUNDLE_MAGIC[i]) throw new BundleError('BUNDLE_NOT_A_BUNDLE', 'not a Titip bundle file (wrong magic bytes)', { offset: i });
  }
  if (bytes.length < BUNDLE_MAGIC.length) throw truncated(bytes.length);
}

function truncated(length: number, declared?: number): BundleError {
  const of = declared === undefined ? '' : ` of the ${declared} it declares`;
  return new BundleError('BUNDLE_TRUNCATED', `the file is incomplete: ${length} bytes${of}; copy it again`, { offset: length });
}

function readHeader(bytes: Uint8Array, version: number): BundleHeader {
  let value: unknown;
  try {
    value = decodeCanonical(bytes, { maxBytes: MAX_BUNDLE_HEADER_BYTES });
  } catch (error) {
    if (!(error instanceof CanonicalDecodingError)) throw error;
    throw new BundleError('BUNDLE_HEADER', `the header is not canonical CBOR: ${error.message}`, { offset: BUNDLE_PREFIX_BYTES }, { cause: error });
  }
  const parsed = (version === 1 ? bundleHeaderSchema : bundleHeaderV2Schema).safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BundleError('BUNDLE_HEADER', `invalid header: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown'}`, { offset: BUNDLE_PREFIX_BYTES });
  }
  return parsed.data;
}

/** A bundle carries Titip records, each in the document of its TPS's desa: anything else proves the file was crafted. */
function checkPlacement(object: Uint8Array, docId: string, where: { offset: number; index: number; docId: string; objectId: string }, maxObjectBytes: number): void {
  let home: string;
  try {
    home = docIdOf(decodeRecord(object, { maxBytes: maxObjectBytes }));
  } catch (error) {
    if (!(error instanceof MalformedRecordError)) throw error;
    throw new BundleError('BUNDLE_MALFORMED_OBJECT', `entry ${where.index}: not a Titip record: ${error.failure.code}: ${error.message}`, where, { cause: error });
  }
  if (home !== docId) throw new BundleError('BUNDLE_WRONG_DOCUMENT', `entry ${where.index}: object ${where.objectId} belongs in document ${home}, not ${docId}`, where);
}
