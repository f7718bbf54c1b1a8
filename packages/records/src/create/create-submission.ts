import { checkCHasil, ElectionError, isHardRuleId, isOverridableRule, type CHasil, type ElectionDefinition } from '@titip/election';
import { bytesEqual, decodeCredential, signObject, type Ed25519Provider, type KeyPair } from '@titip/identity';
import { InvalidRecordInputError, RuleViolationError } from '../errors.js';
import type { SubmissionRecord } from '../record/titip-record.js';
import type { RuleOverride } from '../schema/override.js';
import type { PhotoRef } from '../schema/photo-ref.js';
import { SUBMISSION_KIND, submissionBodySchema, type SubmissionBody } from '../schema/submission-body.js';
import { failingHardRules, unoverriddenRules } from './override-gate.js';

/** Arguments of {@link createSubmission}. */
export interface CreateSubmissionParams {
  /** The operator's key pair; its public key must be the subject of `credentials[0]`. */
  keyPair: KeyPair;
  /** The operator's credential chain, leaf first (embedded in the submission). */
  credentials: Uint8Array[];
  tps: string;
  election: string;
  form: CHasil;
  photos: PhotoRef[];
  /** 1 for the first submission of this TPS and election, then 2, 3, … for corrections. */
  revision: number;
  /** Id of the revision this one replaces; null exactly when `revision` is 1. */
  supersedes: string | null;
  /** One override (with a reason) per failing hard rule; none for rules that pass. @default [] */
  overrides?: RuleOverride[];
  /** The device clock (ms). @default Date.now() */
  deviceTime?: number;
}

function issuesOf(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '<root>'}: ${i.message}`)
    .join('; ');
}

/**
 * Checks the form with the election's rules and signs a submission. This is the rule gate: a form that breaks
 * hard rules is signed only when every failing rule has an override with a reason.
 * @param electionDefinition - when given, also checks the paslon set and the per-TPS cap.
 * @throws {RuleViolationError} when a failing hard rule has no override (carries the rule report).
 * @throws {InvalidRecordInputError} on inconsistent arguments: schema problems, revision/supersedes mismatch,
 *   overrides of rules that pass or that no override lifts (`paslon-set`), a key pair that is not the credential's subject, an invalid form, an
 *   election definition of another id or form type.
 */
export async function createSubmission(
  params: CreateSubmissionParams,
  provider: Ed25519Provider,
  electionDefinition?: ElectionDefinition,
): Promise<SubmissionRecord> {
  const overrides = params.overrides ?? [];
  const body: SubmissionBody = {
    tps: params.tps,
    election: params.election,
    form: params.form,
    photos: params.photos,
    revision: params.revision,
    supersedes: params.supersedes,
    overrides,
    deviceTime: params.deviceTime ?? Date.now(),
    credentials: params.credentials,
  };
  const parsed = submissionBodySchema.safeParse(body);
  if (!parsed.success) throw new InvalidRecordInputError(`invalid submission: ${issuesOf(parsed.error)}`);
  if (electionDefinition !== undefined && electionDefinition.id !== params.election) {
    throw new InvalidRecordInputError(`election definition ${electionDefinition.id} is not election ${params.election}`);
  }
  const leaf = decodeCredential(params.credentials[0]);
  if (!leaf.ok) throw new InvalidRecordInputError(`operator credential: ${leaf.failure.message}`);
  if (!bytesEqual(leaf.obj.body.subject, params.keyPair.publicKey)) {
    throw new InvalidRecordInputError('the key pair is not the subject of the operator credential');
  }

  let report;
  try {
    report = checkCHasil(params.form, electionDefinition);
  } catch (error) {
    if (!(error instanceof ElectionError)) throw error;
    throw new InvalidRecordInputError(`cannot check the form: ${error.message}`, { cause: error });
  }
  const unliftable = overrides.filter((o) => !isOverridableRule(o.rule) && isHardRuleId(o.rule)).map((o) => o.rule);
  if (unliftable.length > 0) {
    throw new InvalidRecordInputError(`no override lifts ${unliftable.join(', ')}: the votes must be recorded for exactly the election's paslon`);
  }
  const missing = unoverriddenRules(report, overrides);
  if (missing.length > 0) throw new RuleViolationError(report, missing);
  const failing = new Set(failingHardRules(report));
  const needless = overrides.filter((o) => !failing.has(o.rule)).map((o) => o.rule);
  if (needless.length > 0) throw new InvalidRecordInputError(`overrides of rules that do not fail: ${needless.join(', ')}`);

  const obj = await signObject(SUBMISSION_KIND, parsed.data, params.keyPair, provider);
  return { ...obj, kind: 'submission', id: obj.hash };
}
