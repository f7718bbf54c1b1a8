import { CanonicalDecodingError, decodeCanonical, encodeCanonical, MalformedObjectError } from '@titip/identity';
import { decodeRecord, MalformedRecordError, type RevocationRecord } from '@titip/records';
import { InputFileError } from '../errors.js';
import { readInputFile } from '../files/read-input-files.js';
import { writeFileAtomic } from '../files/write-file-atomic.js';

/** Most revocations one file holds (one per region document). */
export const MAX_REVOCATIONS_PER_FILE = 1000;

/** Largest revocation file read (16 MiB). */
export const MAX_REVOCATION_FILE_BYTES = 16_777_216;

/** What a revocation file is, for the errors. */
const WRITTEN_BY = "a revocation file is the binary file 'titip-issuer revoke' writes";

/** Whether `bytes` start like a text file (JSON, a note): printable UTF-8 in the first bytes. */
function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 256);
  if (head.length === 0) return false;
  if (!head.every((b) => b >= 0x20 || b === 0x09 || b === 0x0a || b === 0x0d)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true }); // a character cut at 256 bytes is fine
    return true;
  } catch {
    return false;
  }
}

/** The bytes of a revocation file: a canonical CBOR array of the revocation envelopes. */
export function encodeRevocationFile(records: readonly RevocationRecord[]): Uint8Array {
  return encodeCanonical(records.map((r) => r.bytes));
}

/** Writes a revocation file (see {@link encodeRevocationFile}). @throws {OutputFileError} */
export function writeRevocationFile(path: string, records: readonly RevocationRecord[], options: { overwrite?: boolean } = {}): Promise<void> {
  return writeFileAtomic(path, encodeRevocationFile(records), options);
}

/** Reads a revocation file written by `titip-issuer revoke`. @throws {InputFileError} */
export async function readRevocationFile(path: string): Promise<RevocationRecord[]> {
  return parseRevocationFile(new Uint8Array(await readInputFile(path, MAX_REVOCATION_FILE_BYTES)), path);
}

/**
 * Decodes the bytes of a revocation file (what {@link readRevocationFile} does once the file is read): the records
 * are well formed revocations, not yet verified. `path` names the file in errors.
 * @throws {InputFileError}
 */
export function parseRevocationFile(bytes: Uint8Array, path: string): RevocationRecord[] {
  if (bytes.length > MAX_REVOCATION_FILE_BYTES) throw new InputFileError(path, `is ${bytes.length} bytes, more than the ${MAX_REVOCATION_FILE_BYTES} accepted`);
  let items: unknown;
  try {
    items = decodeCanonical(bytes, { maxBytes: bytes.length });
  } catch (error) {
    if (error instanceof CanonicalDecodingError || error instanceof MalformedObjectError) {
      throw new InputFileError(path, `is not a revocation file (${looksLikeText(bytes) ? `it is text, e.g. JSON; ${WRITTEN_BY}` : `not canonical CBOR: ${error.message}`})`, { cause: error });
    }
    throw error;
  }
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_REVOCATIONS_PER_FILE) {
    throw new InputFileError(path, `is not a revocation file (expected an array of 1–${MAX_REVOCATIONS_PER_FILE} revocations; ${WRITTEN_BY})`);
  }
  return items.map((item, i) => {
    if (!(item instanceof Uint8Array)) throw new InputFileError(path, `item ${i} is not a signed record`);
    try {
      const record = decodeRecord(item);
      if (record.kind !== 'revocation') throw new InputFileError(path, `item ${i} is a ${record.kind}, not a revocation`);
      return record;
    } catch (error) {
      if (error instanceof MalformedRecordError) throw new InputFileError(path, `item ${i} is not a signed revocation: ${error.message}`, { cause: error });
      throw error;
    }
  });
}
