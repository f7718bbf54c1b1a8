import { checkCHasilParsed, ElectionMismatchError, isWithinRegion, type ElectionDefinition } from '@titip/election';
import {
  bytesEqual,
  failure,
  regionWithinAny,
  verifyCredentialChain,
  verifySignature,
  type CredentialBody,
  type CredentialCache,
  type CredentialRole,
  type Ed25519Provider,
} from '@titip/identity';
import { unoverriddenRules } from '../create/override-gate.js';
import { MalformedRecordError, RecordVerificationError } from '../errors.js';
import { decodeRecord, MAX_RECORD_BYTES } from '../record/decode-record.js';
import type { RecordFailure } from '../record/record-failure.js';
import { SIGNER_ROLE, type TitipRecord } from '../record/titip-record.js';
import { validatedElection } from './validated-election.js';
import { verifyRevocation } from './verify-revocation.js';

/** Default tolerance on credential windows when a time is judged (witnessed time, or `checkTimeAt`): 1 hour. */
export const DEFAULT_CLOCK_SKEW_MS = 3_600_000;

/** Options of {@link verifyRecord}. */
export interface VerifyRecordOptions {
  /** The KPU root public key: the trust anchor. */
  root: Uint8Array;
  provider: Ed25519Provider;
  /** Credential cache shared across verifications (strongly recommended on servers and relays). */
  cache?: CredentialCache;
  /**
   * When set, the credential windows are also checked at this time: `'claimed'` = the time the record claims
   * (deviceTime / receivedAt / seenAt / issuedAt), or a time in ms. Admission (the validating merge) leaves it
   * unset: time is judged when records are counted, at the time they were first witnessed (see
   * `judgeStanding` and docs/credentials-over-time.md). A signer checking its own fresh record may set it.
   * @default unset (no time check)
   */
  checkTimeAt?: 'claimed' | number;
  /** Tolerance (ms) around each credential window for the `checkTimeAt` check. @default 3600000 (1 h) */
  clockSkewMs?: number;
  /** Byte limit of the record. @default 65536 */
  maxBytes?: number;
  /**
   * Election definitions by id. When one is found for a submission, its rules include the paslon set and the
   * per-TPS cap, and the TPS must lie in the election's region. Each definition object is validated once and
   * then treated as immutable. @default none (rules without a definition)
   */
  elections?: (id: string) => ElectionDefinition | undefined;
}

/**
 * Result of {@link verifyRecord}: for a valid record its signer's leaf credential (`null` only for a revocation
 * signed by the root key itself).
 */
export type RecordVerification =
  | { ok: true; record: TitipRecord; credential: CredentialBody | null }
  | { ok: false; failure: RecordFailure };

const no = (code: RecordFailure['code'], message: string, detail?: Record<string, unknown>): RecordVerification => ({
  ok: false,
  failure: failure(code, message, detail),
});

/** The time a record claims for itself (signed, but only the signer's word). */
export function claimedTime(record: TitipRecord): number {
  switch (record.kind) {
    case 'submission':
      return record.body.deviceTime;
    case 'receipt':
      return record.body.receivedAt;
    case 'attestation':
      return record.body.seenAt;
    case 'revocation':
      return record.body.issuedAt;
  }
}

function chainOptions(options: VerifyRecordOptions, role: CredentialRole) {
  return {
    root: options.root,
    provider: options.provider,
    role,
    skewMs: options.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS,
    ...(options.cache ? { cache: options.cache } : {}),
  };
}

/**
 * Verifies an already decoded record. `signatureValid`, when known (e.g. from a batch verifier), replaces the
 * record's own signature check. Shared by {@link verifyRecord} and the batch validator.
 */
export async function verifyDecodedRecord(
  record: TitipRecord,
  options: VerifyRecordOptions,
  signatureValid?: boolean,
): Promise<RecordVerification> {
  const valid = signatureValid ?? (await verifySignature(record, options.provider));
  if (!valid) return no('bad-signature', `${record.kind} ${record.id} has an invalid signature`);

  if (record.kind === 'revocation') {
    const revocation = await verifyRevocation(record, options);
    if (!revocation.ok) return revocation;
    if (options.checkTimeAt !== undefined && revocation.credential !== null) {
      const at = options.checkTimeAt === 'claimed' ? record.body.issuedAt : options.checkTimeAt;
      const chain = await verifyCredentialChain(record.body.credentials, { ...chainOptions(options, 'issuer'), at });
      if (!chain.ok) return { ok: false, failure: chain.failure };
    }
    return { ok: true, record, credential: revocation.credential };
  }
  const at = options.checkTimeAt === undefined ? undefined : options.checkTimeAt === 'claimed' ? claimedTime(record) : options.checkTimeAt;
  const chain = await verifyCredentialChain(record.body.credentials, {
    ...chainOptions(options, SIGNER_ROLE[record.kind]),
    ...(at === undefined ? {} : { at }),
  });
  if (!chain.ok) return { ok: false, failure: chain.failure };
  const leaf = chain.leaf;
  if (!bytesEqual(record.signer, leaf.subject)) {
    return no('signer-mismatch', `${record.kind} is not signed by the subject of its credential`);
  }
  const { tps, election } = record.body;
  if (!regionWithinAny(tps, leaf.regions)) {
    return no('tps-not-allowed', `TPS ${tps} is outside the credential's regions`, { tps, regions: leaf.regions });
  }
  if (record.kind === 'attestation' && !regionWithinAny(record.body.region, leaf.regions)) {
    return no('outside-region', `attesting region ${record.body.region} is outside the relay credential's regions`, {
      region: record.body.region,
      regions: leaf.regions,
    });
  }
  if (!leaf.elections.includes(election)) {
    return no('election-not-allowed', `election ${election} is not in the credential`, { election, elections: leaf.elections });
  }
  if (record.kind === 'submission') {
    const found = options.elections?.(election);
    // Validated once per definition object; an invalid one is the verifier's configuration error and is thrown.
    const definition = found === undefined ? undefined : validatedElection(found);
    if (definition !== undefined && !isWithinRegion(tps, definition.region)) {
      return no('tps-not-allowed', `TPS ${tps} is outside the region of election ${election}`, { tps, region: definition.region });
    }
    let report;
    try {
      // The form passed the body schema when the record was decoded, and the definition its own schema.
      report = checkCHasilParsed(record.body.form, definition);
    } catch (error) {
      // A kwk form under a ppwp election (or back) is the record's fault.
      if (!(error instanceof ElectionMismatchError)) throw error;
      return no('schema', `form does not fit election ${election}: ${error.message}`);
    }
    const missing = unoverriddenRules(report, record.body.overrides);
    if (missing.length > 0) {
      return no('unoverridden-rule', `hard rules fail without an override: ${missing.join(', ')}`, { rules: missing });
    }
  }
  return { ok: true, record, credential: leaf };
}

/**
 * Verifies a record from its bytes (or a record object, whose `bytes` are re-decoded, so only what is stored
 * and hashed counts): size, schema, signature, credential chain with the right role (submission → operator,
 * receipt → server, attestation → relay), signer = leaf subject, TPS within the credential's regions,
 * election allowed, and for submissions every failing hard rule overridden; a revocation as
 * `verifyRevocation` says. Never throws on bad input (it throws only for an invalid election definition
 * returned by `options.elections`, a configuration error).
 *
 * No time is checked unless `checkTimeAt` asks: this is the admission verdict, a pure function of the bytes,
 * so every peer reaches the same one whenever it sees them (the replicated set is a pure function of its
 * objects). A record's claimed time is only its signer's word (a thief backdates it, a wrong phone clock
 * misdates it), so credential windows and revocations are judged when records are counted, at the time they
 * were first witnessed: `judgeStanding`, docs/credentials-over-time.md.
 */
export async function verifyRecord(input: Uint8Array | Pick<TitipRecord, 'bytes'>, options: VerifyRecordOptions): Promise<RecordVerification> {
  const bytes = input instanceof Uint8Array ? input : input?.bytes;
  let record: TitipRecord;
  try {
    record = decodeRecord(bytes as Uint8Array, { maxBytes: options.maxBytes ?? MAX_RECORD_BYTES });
  } catch (error) {
    if (error instanceof MalformedRecordError) return { ok: false, failure: error.failure };
    throw error;
  }
  return verifyDecodedRecord(record, options);
}

/**
 * Throw-style {@link verifyRecord}.
 * @throws {RecordVerificationError} carrying the failure.
 */
export async function assertRecord(input: Uint8Array | Pick<TitipRecord, 'bytes'>, options: VerifyRecordOptions): Promise<TitipRecord> {
  const result = await verifyRecord(input, options);
  if (!result.ok) throw new RecordVerificationError(result.failure);
  return result.record;
}
