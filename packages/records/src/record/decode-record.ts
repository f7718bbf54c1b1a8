import { decodeSignedObject, MalformedObjectError } from '@titip/identity';
import type { z } from 'zod';
import { MalformedRecordError } from '../errors.js';
import { attestationBodySchema } from '../schema/attestation-body.js';
import { receiptBodySchema } from '../schema/receipt-body.js';
import { revocationBodySchema } from '../schema/revocation-body.js';
import { submissionBodySchema } from '../schema/submission-body.js';
import { passesSubmissionBodySchema } from '../schema/submission-body-check.js';
import { failure } from '@titip/identity';
import type { RecordFailure } from './record-failure.js';
import { RECORD_KINDS, type RecordKind, type TitipRecord } from './titip-record.js';

/** Default byte limit of one record envelope: 64 KiB (a submission with its credentials is ~2 KiB). */
export const MAX_RECORD_BYTES = 65_536;

const schemas: Record<RecordKind, z.ZodType> = {
  submission: submissionBodySchema,
  receipt: receiptBodySchema,
  attestation: attestationBodySchema,
  revocation: revocationBodySchema,
};

/** Options of {@link decodeRecord}. */
export interface DecodeRecordOptions {
  /** Refuse inputs longer than this. @default 65536 */
  maxBytes?: number;
}

function fail(f: RecordFailure): never {
  throw new MalformedRecordError(f);
}

/**
 * Decodes and schema-checks a record envelope (no signature or credential check: see `verifyRecord`).
 * @throws {MalformedRecordError} whose `failure.code` is `too-large`, `malformed` (CBOR, envelope or unknown
 *   kind; `detail.reason` says which) or `schema` (body does not match its kind; `detail.issues`).
 */
export function decodeRecord(bytes: Uint8Array, options: DecodeRecordOptions = {}): TitipRecord {
  const maxBytes = options.maxBytes ?? MAX_RECORD_BYTES;
  if (!(bytes instanceof Uint8Array)) fail(failure('malformed', 'record must be bytes', { reason: 'not-bytes' }));
  if (bytes.length > maxBytes) fail(failure('too-large', `record is ${bytes.length} bytes, limit ${maxBytes}`, { size: bytes.length, maxBytes }));
  let obj;
  try {
    obj = decodeSignedObject(bytes, { maxBytes });
  } catch (error) {
    if (!(error instanceof MalformedObjectError)) throw error;
    fail(failure('malformed', error.message, { reason: error.reason }));
  }
  const kind = obj.kind as RecordKind;
  if (!RECORD_KINDS.includes(kind)) fail(failure('malformed', `unknown record kind ${JSON.stringify(obj.kind)}`, { reason: 'unknown-kind', kind: obj.kind }));
  // A valid submission (the bulk of what is verified) is recognised without zod and kept as decoded.
  if (kind === 'submission' && passesSubmissionBodySchema(obj.body)) return { ...obj, kind, body: obj.body, id: obj.hash } as TitipRecord;
  const parsed = schemas[kind].safeParse(obj.body);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message }));
    fail(failure('schema', `invalid ${kind} body: ${issues.map((i) => `${i.path || '<root>'}: ${i.message}`).join('; ')}`, { issues }));
  }
  return { ...obj, kind, body: parsed.data, id: obj.hash } as TitipRecord;
}
