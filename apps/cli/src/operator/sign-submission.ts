import { isWithinRegion, type CHasil, type ElectionDefinition } from '@titip/election';
import { bytesEqual, decodeCredential, regionWithinAny, type Ed25519Provider, type KeyPair } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';
import {
  createSubmission,
  DEFAULT_CLOCK_SKEW_MS,
  InvalidRecordInputError,
  RuleViolationError as RecordsRuleViolationError,
  verifyRecord,
  type PhotoRef,
  type RuleOverride,
  type SubmissionRecord,
} from '@titip/records';
import { RuleViolationError, SubmissionRefusedError } from '../errors.js';
import { chainBytes, type ChainInput } from '../issuer/issue-by-issuer.js';
import { deviceClockWarning } from './device-clock-warning.js';

/** Parameters of {@link signSubmission}. */
export interface SignSubmissionParams {
  /** The operator's key pair: the subject of the operator credential. */
  readonly keyPair: KeyPair;
  /** The operator credential chain, leaf first (`[operator, issuer]`). */
  readonly chain: ChainInput;
  /** The TPS code (13 digits). */
  readonly tps: string;
  /** The election id (`'pkwkk'`). */
  readonly election: string;
  /** The C.Hasil numbers. */
  readonly form: CHasil;
  /** Photographed pages, by hash. @default [] */
  readonly photos?: readonly PhotoRef[];
  /** 1 for the first submission, 2, 3, … for corrections. @default 1 */
  readonly revision?: number;
  /** Id of the revision replaced; null exactly for revision 1. @default null */
  readonly supersedes?: string | null;
  /** One override with a reason per failing hard rule. @default [] */
  readonly overrides?: readonly RuleOverride[];
  /** The device clock when signing. @default now */
  readonly deviceTime?: number | Date;
  /** The election's definition (candidates, region, cap): checked too when given. Strongly recommended. */
  readonly electionDefinition?: ElectionDefinition;
  /**
   * The KPU root public key: the signed submission is verified against it before it is returned. Without it, the
   * chain is verified against the root that signed its last credential (internal consistency only).
   */
  readonly root?: Uint8Array;
  /** Ed25519 implementation. @default nodeEd25519 */
  readonly provider?: Ed25519Provider;
  /** Tolerance on the credential window for `deviceTime` before {@link deviceClockWarning} speaks. @default 3600000 */
  readonly clockSkewMs?: number;
  /**
   * Told what the operator should know though it did not stop signing: a device clock outside the credential window
   * ({@link deviceClockWarning}).
   */
  readonly onWarning?: (warning: string) => void;
}

/**
 * Checks a C.Hasil with the election's rules and signs the submission (wraps `createSubmission` of
 * `@titip/records`). Refuses before signing what no verifier would accept: a TPS or election outside the operator
 * credential or the election's region, a key that is not the credential's subject; and verifies the signed record
 * before returning it. A device clock outside the credential window does not stop signing (the network judges the
 * credential at the time the result is first witnessed): `onWarning` is told instead.
 * @throws {RuleViolationError} when hard rules fail without an override (the message lists them in Bahasa Indonesia and English).
 * @throws {SubmissionRefusedError} for every other refusal; `reason` is the record failure code or `invalid-input`.
 */
export async function signSubmission(params: SignSubmissionParams): Promise<SubmissionRecord> {
  const provider = params.provider ?? nodeEd25519;
  const chain = chainBytes(params.chain);
  const skew = params.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS;
  const deviceTime = params.deviceTime instanceof Date ? params.deviceTime.getTime() : (params.deviceTime ?? Date.now());
  const definition = params.electionDefinition;

  const leaf = chain.length > 0 ? decodeCredential(chain[0]) : undefined;
  if (leaf === undefined || !leaf.ok) {
    throw new SubmissionRefusedError('malformed', `the operator credential does not decode${leaf && !leaf.ok ? `: ${leaf.failure.message}` : ''}`);
  }
  const credential = leaf.obj.body;
  if (credential.role !== 'operator') {
    throw new SubmissionRefusedError('wrong-role', `submissions are signed with an operator credential, not ${credential.role === 'issuer' ? 'an' : 'a'} ${credential.role} credential`);
  }
  if (!bytesEqual(credential.subject, params.keyPair.publicKey)) {
    throw new SubmissionRefusedError('signer-mismatch', 'the key is not the subject of the operator credential (wrong key file for this credential?)');
  }
  if (!regionWithinAny(params.tps, credential.regions)) {
    throw new SubmissionRefusedError('tps-not-allowed', `TPS ${params.tps} is not in the operator credential (TPS ${credential.regions.join(', ')})`);
  }
  if (!credential.elections.includes(params.election)) {
    throw new SubmissionRefusedError('election-not-allowed', `election ${params.election} is not in the operator credential (${credential.elections.join(', ')})`);
  }
  if (!Number.isSafeInteger(deviceTime) || deviceTime < 0) throw new SubmissionRefusedError('invalid-input', 'deviceTime must be ms since 1970');
  const clockWarning = deviceClockWarning(credential, deviceTime, skew);
  if (clockWarning !== null) params.onWarning?.(clockWarning);
  if (definition !== undefined) {
    if (definition.id !== params.election) throw new SubmissionRefusedError('invalid-input', `the election definition is ${definition.id}, not ${params.election}`);
    if (!isWithinRegion(params.tps, definition.region)) {
      throw new SubmissionRefusedError('tps-not-allowed', `TPS ${params.tps} is outside the region ${definition.region} of election ${definition.id}`);
    }
  }

  let record: SubmissionRecord;
  try {
    record = await createSubmission(
      {
        keyPair: params.keyPair,
        credentials: chain,
        tps: params.tps,
        election: params.election,
        form: params.form,
        photos: [...(params.photos ?? [])],
        revision: params.revision ?? 1,
        supersedes: params.supersedes ?? null,
        overrides: [...(params.overrides ?? [])],
        deviceTime,
      },
      provider,
      definition,
    );
  } catch (error) {
    if (error instanceof RecordsRuleViolationError) throw new RuleViolationError(error.report, error.unoverridden, { cause: error });
    if (error instanceof InvalidRecordInputError) throw new SubmissionRefusedError('invalid-input', error.message, { cause: error });
    throw error;
  }

  const last = decodeCredential(chain[chain.length - 1]);
  const root = params.root ?? (last.ok ? last.obj.signer : new Uint8Array(32));
  const verified = await verifyRecord(record, {
    root,
    provider,
    clockSkewMs: skew,
    ...(definition !== undefined ? { elections: (id: string) => (id === definition.id ? definition : undefined) } : {}),
  });
  if (!verified.ok) {
    throw new SubmissionRefusedError(verified.failure.code, `the signed submission would not verify: ${verified.failure.message}`);
  }
  return record;
}
