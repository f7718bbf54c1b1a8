import { failure, hashHex } from '@titip/identity';
import { MalformedRecordError } from '../errors.js';
import { decodeRecord } from '../record/decode-record.js';
import type { RecordFailure } from '../record/record-failure.js';
import type { TitipRecord } from '../record/titip-record.js';

/** An entry opened for verification: its decoded record, or why it failed before any signature work. */
export type OpenedEntry = { ok: true; record: TitipRecord } | { ok: false; failure: RecordFailure };

/**
 * The checks on an entry's bytes that come before hashing: bytes at all (`malformed`), within the byte limit
 * (`too-large`). Null when both pass. Shared by the single-thread and the worker validators (same verdicts).
 */
export function entryShapeFailure(bytes: unknown, maxBytes: number): RecordFailure | null {
  if (!(bytes instanceof Uint8Array)) return failure('malformed', 'object must be bytes');
  if (bytes.length > maxBytes) return failure('too-large', `object is ${bytes.length} bytes, limit ${maxBytes}`);
  return null;
}

/** The `hash-mismatch` failure of bytes hashing to `hash` offered under `id`. */
export function hashMismatchFailure(id: unknown, hash: string): RecordFailure {
  return failure('hash-mismatch', `object stored under ${String(id).slice(0, 80)} hashes to ${hash}`, { hash });
}

/** Strict decoding and body schema of bytes already known to hash to their id (`malformed`, `schema`, `too-large`). */
export function decodeEntry(bytes: Uint8Array, maxBytes: number): OpenedEntry {
  try {
    return { ok: true, record: decodeRecord(bytes, { maxBytes }) };
  } catch (error) {
    if (error instanceof MalformedRecordError) return { ok: false, failure: error.failure };
    throw error;
  }
}

/**
 * Opens an entry offered under `id`: shape, then `id` = hex SHA-256 of `bytes` (`hash-mismatch`, before
 * anything is decoded), then strict decoding and schema. The cheap checks, before any signature work.
 */
export function openEntry(id: string, bytes: Uint8Array, maxBytes: number): OpenedEntry {
  const shape = entryShapeFailure(bytes, maxBytes);
  if (shape !== null) return { ok: false, failure: shape };
  const hash = hashHex(bytes);
  if (hash !== id) return { ok: false, failure: hashMismatchFailure(id, hash) };
  return decodeEntry(bytes, maxBytes);
}
